// A worker killed while it runs tasks is survived: its chunks run again on
// the other workers (retries, default 2) and the output is right; parrun
// and the driver say which worker died and how. With retries(0), or when
// every worker dies, the job stops with exit 2 and a message naming the
// worker, its host, the signal and the loop (file:line), never a hang.
// RUN: %parcc -O1 %s -o %t
// RUN: %parcc -O1 -DRETRIES=0 %s -o %t.r0
// Rank 2 dies on the first chunk it gets; the others finish the loop.
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 3 %t 2>%t.err | FileCheck %s --check-prefix=OK
// RUN: FileCheck %s --check-prefix=WARN <%t.err
// RUN: env DIE_HOW=segv ASAN_OPTIONS=handle_segv=0 %parrun -n 2 %t 2>%t.segv | FileCheck %s --check-prefix=OK
// RUN: FileCheck %s --check-prefix=REPORT <%t.segv
// RUN: env DIE_HOW=exit ASAN_OPTIONS=detect_leaks=0 %parrun -n 2 %t 2>/dev/null | FileCheck %s --check-prefix=OK
// retries(0): the first death stops the job.
// RUN: not %parrun -n 3 %t.r0 2>%t.err0 >%t.out
// RUN: FileCheck %s <%t.err0
// RUN: env DIE_HOW=segv ASAN_OPTIONS=handle_segv=0 not %parrun -n 2 %t.r0 2>&1 | FileCheck %s --check-prefix=SEGV
// RUN: env DIE_HOW=exit ASAN_OPTIONS=detect_leaks=0 not %parrun -n 2 %t.r0 2>&1 | FileCheck %s --check-prefix=EXIT
// Every worker dies: no worker is left to run the loop.
// RUN: env DIE_RANKS=all not %parrun -n 2 %t 2>&1 | FileCheck %s --check-prefix=NONE
// The job's exit status is 2.
// RUN: bash -c '%parrun -n 2 %t.r0 >/dev/null 2>&1; echo rc=$?' | FileCheck %s --check-prefix=RC
// RC: rc=2
//
// OK: 199.5
// WARN: warn: worker 2 on host {{.*}} (pid {{[0-9]+}}) was killed by signal 9 (SIGKILL) while running loop 'main:{{[0-9]+}}' ({{.*}}worker-kill.c:[[@LINE+27]]); what it ran goes to the other workers
// REPORT: par: error: worker 2 on host {{.*}}: signal 11 (SIGSEGV) in loop 'main:{{[0-9]+}}' ({{.*}}worker-kill.c:[[@LINE+26]])
// REPORT-NEXT: par: backtrace of worker 2:
// CHECK: par: error: worker 2 on host {{.*}} (pid {{[0-9]+}}) was killed by signal 9 (SIGKILL) while running loop 'main:{{[0-9]+}}' ({{.*}}worker-kill.c:[[@LINE+24]]); the chunk was tried 1 time (retries(0))
// SEGV: par: error: worker 2 on host {{.*}} was killed by signal 11 (SIGSEGV) while running loop 'main:{{[0-9]+}}'
// EXIT: par: error: worker 2 on host {{.*}} exited with status 7 while running loop 'main:{{[0-9]+}}'
// NONE: par: error: worker {{[12]}} on host {{.*}} was killed by signal 9 (SIGKILL) while running loop 'main:{{[0-9]+}}' ({{.*}}); no worker is left to run it
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef RETRIES
#define RETRIES 2
#endif

static void maybe_die(void) {
  const char *rank = getenv("PAR_RANK"), *how = getenv("DIE_HOW"), *ranks = getenv("DIE_RANKS");
  if (!rank || (strcmp(rank, "2") != 0 && !(ranks && strcmp(ranks, "all") == 0))) return;
  if (how && strcmp(how, "segv") == 0) raise(SIGSEGV);
  if (how && strcmp(how, "exit") == 0) exit(7);
  raise(SIGKILL);
}

int main(void) {
  static double out[400];
#pragma par distribute schedule(dynamic, 1) retries(RETRIES)
  for (int i = 0; i < 400; i++) {
    usleep(1000);
    maybe_die();
    out[i] = i * 0.5;
  }
  printf("%g\n", out[399]);
  return 0;
}
