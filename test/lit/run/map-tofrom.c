// `map(tofrom: a[0:n])` on malloc'd data updated in place (a[i] = f(a[i])),
// called repeatedly so every call sees the previous call's results; and a
// section that starts past element 0, `map(tofrom: b[lo:len])`, where the
// elements outside the section must keep their values.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %run-compare %t.par %t.ser 2
// RUN: %t.par 10007 | FileCheck %s
// CHECK: a[0]=5 a[n-1]=10011 asum=50115056
// CHECK: b[0]=-1 b[9]=-1 b[10]=20 b[lo+len-1]=20032 b[lo+len]=-1
#include <stdio.h>
#include <stdlib.h>

static void bump(double *a, int n) {
#pragma par distribute map(tofrom : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] = a[i] + 1.0;
}

static void twice(int *b, int lo, int len) {
#pragma par distribute map(tofrom : b[lo:len])
  for (int i = lo; i < lo + len; i++)
    b[i] = 2 * b[i];
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  double *a = malloc(n * sizeof *a);
  for (int i = 0; i < n; i++)
    a[i] = i;
  for (int rep = 0; rep < 5; rep++)
    bump(a, n);
  double asum = 0;
  for (int i = 0; i < n; i++)
    asum += a[i];
  printf("a[0]=%.0f a[n-1]=%.0f asum=%.0f\n", a[0], a[n - 1], asum);

  int lo = 10, len = n;
  int *b = malloc((n + 20) * sizeof *b);
  for (int i = 0; i < n + 20; i++)
    b[i] = (i >= lo && i < lo + len) ? i : -1;
  twice(b, lo, len);
  printf("b[0]=%d b[9]=%d b[10]=%d b[lo+len-1]=%d b[lo+len]=%d\n", b[0], b[9], b[10],
         b[lo + len - 1], b[lo + len]);
  long bsum = 0;
  for (int i = 0; i < n + 20; i++)
    bsum += b[i];
  printf("bsum %ld\n", bsum);
  free(a);
  free(b);
  return 0;
}
