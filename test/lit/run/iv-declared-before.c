// An induction variable declared before the loop (`int i; for (i = lo; ...)`)
// has, after the loop, the value it has after the serial loop: the first
// value that fails the test (bound overshot by the last stride, descending
// loops, `<=`, unsigned down to 0), and its initial value when the loop runs
// no iteration.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %run-compare %t.par %t.ser -5
// RUN: %t.par 1000 | FileCheck %s
// RUN: %t.par 0 | FileCheck %s --check-prefix=ZERO
// CHECK: up i=1000 sum=499500
// CHECK-NEXT: strided i=1002 sum=166833
// CHECK-NEXT: le i=1001 sum=500500
// CHECK-NEXT: down i=-1 sum=499500
// CHECK-NEXT: down strided i=-3 sum=166833
// CHECK-NEXT: unsigned u=0 sum=500500
// CHECK-NEXT: long l=1007 sum=500500
// CHECK-NEXT: i+10=1010
// ZERO: up i=0 sum=0
// ZERO-NEXT: strided i=0 sum=0
// ZERO-NEXT: le i=1 sum=0
// ZERO-NEXT: down i=-1 sum=0
// ZERO-NEXT: down strided i=-1 sum=0
// ZERO-NEXT: unsigned u=0 sum=0
// ZERO-NEXT: long l=7 sum=0
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int i;
  long sum = 0;

#pragma par distribute reduction(+ : sum)
  for (i = 0; i < n; i++)
    sum += i;
  printf("up i=%d sum=%ld\n", i, sum);

  sum = 0;
#pragma par distribute reduction(+ : sum)
  for (i = 0; i < n; i += 3)
    sum += i;
  printf("strided i=%d sum=%ld\n", i, sum);

  sum = 0;
#pragma par distribute reduction(+ : sum)
  for (i = 1; i <= n; i++)
    sum += i;
  printf("le i=%d sum=%ld\n", i, sum);

  sum = 0;
#pragma par distribute reduction(+ : sum)
  for (i = n - 1; i >= 0; i--)
    sum += i;
  printf("down i=%d sum=%ld\n", i, sum);

  sum = 0;
#pragma par distribute reduction(+ : sum)
  for (i = n - 1; i > -1; i -= 3)
    sum += i;
  printf("down strided i=%d sum=%ld\n", i, sum);

  unsigned u;
  sum = 0;
#pragma par distribute reduction(+ : sum)
  for (u = n > 0 ? (unsigned)n : 0u; u > 0; --u)
    sum += u;
  printf("unsigned u=%u sum=%ld\n", u, sum);

  long l;
  sum = 0;
#pragma par distribute reduction(+ : sum)
  for (l = 7; l < n + 7; l++)
    sum += l - 6;
  printf("long l=%ld sum=%ld\n", l, sum);

  /* The value is usable after the loop like any other. */
#pragma par distribute reduction(+ : sum)
  for (i = 0; i < n; i++)
    sum += 1;
  printf("i+10=%d\n", i + 10);
  return 0;
}
