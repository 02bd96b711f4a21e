// A nowait loop with a lastprivate, a reduction and an induction variable
// declared before it: after `#pragma par sync`, all three hold the serial
// values (and the mapped output is complete).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 100003 | FileCheck %s
// CHECK: i=100004 x=300006 s=25001.0 a[n-1]=100002
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int i;
  long x = -1;
  double s = 0;
  long *a = calloc(n + 1, sizeof *a);

#pragma par distribute lastprivate(x) reduction(+ : s) map(tofrom : a[0:n]) nowait
  for (i = 0; i < n; i += 2) {
    x = i * 3L;
    s += 0.5;
    a[i] = i;
  }
#pragma par sync
  printf("i=%d x=%ld s=%.1f a[n-1]=%ld\n", i, x, s, n > 0 ? a[n - 1] : -1L);
  free(a);
  return 0;
}
