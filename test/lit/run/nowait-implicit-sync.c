// A nowait loop without a `#pragma par sync`: the function syncs implicitly
// when it ends, so the caller sees every element written and the final value
// of a reduction into a global. Called several times in a row, each call
// reading the previous call's results.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100003 | FileCheck %s
// CHECK: round 0 sum 5000250003 a[n-1] 100003
// CHECK: round 4 sum 5000650015 a[n-1] 100007
#include <stdio.h>
#include <stdlib.h>

long sum;

static void step(long *a, int n) {
  sum = 0;
#pragma par distribute map(tofrom : a[0:n]) reduction(+ : sum) nowait
  for (int i = 0; i < n; i++) {
    sum += a[i];
    a[i] += 1;
  }
} /* implicit sync here */

static void fill(long *a, int n) {
#pragma par distribute map(from : a[0:n]) nowait
  for (int i = 0; i < n; i++)
    a[i] = i;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *a = malloc(n * sizeof *a);
  fill(a, n);
  for (int round = 0; round < 5; round++) {
    step(a, n);
    printf("round %d sum %ld a[n-1] %ld\n", round, sum, a[n - 1]);
  }
  free(a);
  return 0;
}
