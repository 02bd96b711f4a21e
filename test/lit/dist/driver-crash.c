// The driver's end ends the job: after a crash of the driver (here SIGSEGV
// after a distributed loop) parrun exits with the driver's status (128+11,
// as a shell reports it) and no worker process is left behind.
// RUN: %parcc -O1 %s -o %t.crashprog
// RUN: bash -c 'env ASAN_OPTIONS=handle_segv=0 %parrun -n 3 %t.crashprog >%t.out 2>%t.err; echo "rc=$?"' | FileCheck %s --check-prefix=RC
// RUN: FileCheck %s --check-prefix=OUT <%t.out
// RUN: bash -c 'sleep 1; if pgrep -f "%t.crashpro[g]"; then echo LEFT; else echo NONE; fi' | FileCheck %s --check-prefix=PROCS
// A driver that exits with a status passes it on, and the workers exit.
// RUN: bash -c 'env CRASH_HOW=exit %parrun -n 2 %t.crashprog >/dev/null 2>&1; echo "rc=$?"' | FileCheck %s --check-prefix=EXIT
// RUN: bash -c 'sleep 1; if pgrep -f "%t.crashpro[g]"; then echo LEFT; else echo NONE; fi' | FileCheck %s --check-prefix=PROCS
//
// RC: rc=139
// OUT: sum 4950
// PROCS: NONE
// EXIT: rc=5
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  long s = 0;
#pragma par distribute reduction(+ : s)
  for (int i = 0; i < 100; i++)
    s += i;
  printf("sum %ld\n", s);
  fflush(stdout);
  const char *how = getenv("CRASH_HOW");
  if (how && strcmp(how, "exit") == 0) exit(5);
  raise(SIGSEGV);
  return 0;
}
