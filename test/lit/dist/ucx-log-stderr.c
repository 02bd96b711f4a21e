// UCX writes its own log lines to stdout unless told otherwise; a worker's
// stdout is the program's, so they would be mixed into its output (a
// worker's "UCX ERROR connect ... failed" line at the end of a job once
// made a run test fail). The driver and the workers send them to stderr
// (UCX_LOG_FILE=stderr when it is not set): with UCX's debug log on, stdout
// holds exactly the program's lines, and stderr has UCX's.
// RUN: %parcc -O2 %s -o %t
// RUN: env UCX_LOG_LEVEL=debug PAR_REMOTE_MIN_US=0 %parrun -n 2 %t > %t.out 2> %t.err
// RUN: FileCheck %s --check-prefix=OUT --match-full-lines < %t.out
// RUN: FileCheck %s --check-prefix=ERR < %t.err
// A file the user names is kept.
// RUN: rm -f %t.ucxlog.*
// RUN: env UCX_LOG_LEVEL=debug UCX_LOG_FILE=%t.ucxlog.%%p PAR_REMOTE_MIN_US=0 %parrun -n 2 %t > %t.out2 2> %t.err2
// RUN: FileCheck %s --check-prefix=OUT --match-full-lines < %t.out2
// RUN: cat %t.ucxlog.* | FileCheck %s --check-prefix=ERR
// OUT: sum 499500
// OUT-NEXT: squares 332833500
// OUT-NOT: {{.}}
// ERR: UCX  DEBUG
#include <stdio.h>

#define N 1000

int main(void) {
  static long a[N];
  long sum = 0, sq = 0;
  int i;
#pragma par distribute map(from : a[0:N]) reduction(+ : sum)
  for (i = 0; i < N; i++) {
    a[i] = (long)i * i;
    sum += i;
  }
  for (i = 0; i < N; i++) sq += a[i];
  printf("sum %ld\n", sum);
  printf("squares %ld\n", sq);
  return 0;
}
