// A worker killed while it runs a distributed function's calls is
// survived: its calls run again on the other workers and every result is
// right. With retries(0) the job stops with a message naming the worker,
// its host, the signal and the function (file:line), never a hang; the
// exit status is 2.
// RUN: %parcc -O1 %s -o %t
// RUN: %parcc -O1 -DRETRIES=0 %s -o %t.r0
// RUN: %parrun -n 3 %t 2>%t.err | FileCheck %s --check-prefix=OK
// RUN: FileCheck %s --check-prefix=WARN <%t.err
// RUN: not %parrun -n 2 %t.r0 2>%t.err0 >%t.out
// RUN: FileCheck %s <%t.err0
// RUN: bash -c '%parrun -n 2 %t.r0 >/dev/null 2>&1; echo rc=$?' | FileCheck %s --check-prefix=RC
// RC: rc=2
//
// OK: sum 1008
// OK-NEXT: last 31.5
// WARN: warn: worker 2 on host {{.*}} was killed by signal 9 (SIGKILL) while running function 'work' ({{.*}}fn-worker-kill.c:[[@LINE+14]])
// CHECK: par: error: worker 2 on host {{.*}} (pid {{[0-9]+}}) was killed by signal 9 (SIGKILL) while running function 'work' ({{.*}}fn-worker-kill.c:[[@LINE+13]]); the call was tried 1 time (retries(0))
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef RETRIES
#define RETRIES 2
#endif

static double results[64];

#pragma par distribute retries(RETRIES)
double work(int i) {
  const char *rank = getenv("PAR_RANK");
  usleep(2000);
  if (rank && strcmp(rank, "2") == 0) raise(SIGKILL);
  return i * 0.5;
}

int main(void) {
  for (int i = 0; i < 64; i++) {
#pragma par spawn
    results[i] = work(i);
  }
#pragma par sync
  double sum = 0;
  for (int i = 0; i < 64; i++) sum += results[i];
  printf("sum %g\nlast %g\n", sum, results[63]);
  return 0;
}
