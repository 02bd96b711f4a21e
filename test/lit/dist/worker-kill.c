// A worker killed while it runs tasks stops the job with a message naming
// the worker, its host, the signal and the loop (file:line), never a hang.
// RUN: %parcc -O1 %s -o %t
// RUN: not %parrun -n 3 %t 2>%t.err >%t.out
// RUN: FileCheck %s <%t.err
// Killed by a signal other than SIGKILL (ASan would catch SIGSEGV itself),
// and a worker that exits (LeakSanitizer would report what it left behind).
// RUN: env DIE_HOW=segv ASAN_OPTIONS=handle_segv=0 not %parrun -n 2 %t 2>&1 | FileCheck %s --check-prefix=SEGV
// RUN: env DIE_HOW=exit ASAN_OPTIONS=detect_leaks=0 not %parrun -n 2 %t 2>&1 | FileCheck %s --check-prefix=EXIT
// The job's exit status is 2.
// RUN: bash -c '%parrun -n 2 %t >/dev/null 2>&1; echo rc=$?' | FileCheck %s --check-prefix=RC
// RC: rc=2
//
// CHECK: par: error: worker 2 on host {{.*}} (pid {{[0-9]+}}) was killed by signal 9 (SIGKILL) while running loop 'main:{{[0-9]+}}' ({{.*}}worker-kill.c:[[@LINE+19]])
// SEGV: par: error: worker 2 on host {{.*}} was killed by signal 11 (SIGSEGV) while running loop 'main:{{[0-9]+}}'
// EXIT: par: error: worker 2 on host {{.*}} exited with status 7 while running loop 'main:{{[0-9]+}}'
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void maybe_die(void) {
  const char *rank = getenv("PAR_RANK"), *how = getenv("DIE_HOW");
  if (!rank || strcmp(rank, "2") != 0) return;
  if (how && strcmp(how, "segv") == 0) raise(SIGSEGV);
  if (how && strcmp(how, "exit") == 0) exit(7);
  raise(SIGKILL);
}

int main(void) {
  static double out[400];
#pragma par distribute schedule(dynamic, 1)
  for (int i = 0; i < 400; i++) {
    usleep(1000);
    maybe_die();
    out[i] = i * 0.5;
  }
  printf("%g\n", out[399]);
  return 0;
}
