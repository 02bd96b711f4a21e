// Pointer array sections on malloc'd data: `map(to: x[0:n])` read only and
// `map(from: y[0:n])` written in full (y starts uninitialized); the caller
// sees every element of y, and x is unchanged. Sizes 0, 1 and a prime.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 100003 | FileCheck %s
// CHECK: y[0]=1 y[n-1]=400009 ysum=20001100015 xsum=5000350006
#include <stdio.h>
#include <stdlib.h>

static void square_plus(const long *x, long *y, int n) {
#pragma par distribute map(to : x[0:n]) map(from : y[0:n])
  for (int i = 0; i < n; i++)
    y[i] = 4 * x[i] + 1;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *x = malloc((n + 1) * sizeof *x);
  long *y = malloc((n + 1) * sizeof *y);
  for (int i = 0; i < n; i++)
    x[i] = i;
  square_plus(x, y, n);
  long ysum = 0, xsum = 0;
  for (int i = 0; i < n; i++) {
    ysum += y[i];
    xsum += x[i] + 1;
  }
  printf("y[0]=%ld y[n-1]=%ld ysum=%ld xsum=%ld\n", n ? y[0] : 0, n ? y[n - 1] : 0, ysum, xsum);
  free(x);
  free(y);
  return 0;
}
