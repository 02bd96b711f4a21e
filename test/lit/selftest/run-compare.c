// The run-test harness: %run-compare passes when the "parallel" binary prints
// what the serial one does at PAR_WORKERS=1,2,3, and fails, saying where, when
// the output or the exit status differs. Both binaries are built by %serialcc
// here, so this test needs no parcc (and gets no parrun runs). The worker
// counts are the default ones, whatever the environment sets (CI narrows them).
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: %serialcc -O2 %s -o %t.same
// RUN: env -u RUN_COMPARE_WORKERS RUN_COMPARE_NO_PARRUN=1 %run-compare %t.same %t.ser 7 | FileCheck %s --check-prefix=SAME
// SAME: run-compare: ok (runs: w1 w2 w3; 2 lines, exit 0)
//
// RUN: %serialcc -O2 -DSHOW_WORKERS %s -o %t.diff
// RUN: not env -u RUN_COMPARE_WORKERS RUN_COMPARE_NO_PARRUN=1 %run-compare %t.diff %t.ser 7 | FileCheck %s --check-prefix=DIFF
// DIFF: run-compare: output differs from the serial run: PAR_WORKERS=2
// DIFF: -workers ?
// DIFF: +workers 2
// DIFF: run-compare: output differs from the serial run: PAR_WORKERS=3
//
// RUN: %serialcc -O2 -DEXIT_STATUS=3 %s -o %t.status
// RUN: not env -u RUN_COMPARE_WORKERS RUN_COMPARE_NO_PARRUN=1 %run-compare %t.status %t.ser 7 | FileCheck %s --check-prefix=STATUS
// STATUS: run-compare: exit status 3, serial exited 0: PAR_WORKERS=1
//
// RUN: env -u RUN_COMPARE_WORKERS RUN_COMPARE_TIMEOUT=1 RUN_COMPARE_NO_PARRUN=1 not %run-compare %t.ser %t.ser hang \
// RUN:   | FileCheck %s --check-prefix=HANG
// HANG: run-compare: serial run timed out after 1s
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef EXIT_STATUS
#define EXIT_STATUS 0
#endif

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "hang") == 0)
    sleep(30);
  printf("argument %s\n", argc > 1 ? argv[1] : "none");
#ifdef SHOW_WORKERS
  const char *w = getenv("PAR_WORKERS");
  printf("workers %s\n", w && strcmp(w, "1") != 0 ? w : "?");
#else
  printf("workers ?\n");
#endif
  return EXIT_STATUS;
}
