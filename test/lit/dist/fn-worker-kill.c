// A worker killed while it runs a distributed function's call stops the job
// with a message naming the worker, its host, the signal and the function
// (file:line), never a hang; the exit status is 2.
// RUN: %parcc -O1 %s -o %t
// RUN: not %parrun -n 2 %t 2>%t.err >%t.out
// RUN: FileCheck %s <%t.err
// RUN: bash -c '%parrun -n 2 %t >/dev/null 2>&1; echo rc=$?' | FileCheck %s --check-prefix=RC
// RC: rc=2
//
// CHECK: par: error: worker 2 on host {{.*}} (pid {{[0-9]+}}) was killed by signal 9 (SIGKILL) while running function 'work' ({{.*}}fn-worker-kill.c:[[@LINE+9]])
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static double results[64];

#pragma par distribute
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
  printf("%g\n", results[63]);
  return 0;
}
