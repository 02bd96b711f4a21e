// Induction values at the edges of their types, where a trip count computed
// carelessly would overflow: unsigned long up to just below ULONG_MAX, a long
// range below -2^32, int up to INT_MAX - 1 inclusive, and int down to just
// above INT_MIN (stepping by 3; no value overflows in the serial loop).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: ulong ran 1000 sum 18446744073709050116
// CHECK: long ran 143 sum -714999928929
// CHECK: int max ran 1000 sum 2147483146500
// CHECK: int min ran 333 sum -715111887618
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  unsigned long long us = 0;
  long ran = 0, sum = 0;

#pragma par distribute reduction(+ : us, ran)
  for (unsigned long u = ULONG_MAX - n; u < ULONG_MAX; u++) {
    us += u;
    ran++;
  }
  printf("ulong ran %ld sum %llu\n", ran, us);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : sum, ran)
  for (long i = -5000000000L; i < -5000000000L + n; i += 7) {
    sum += i;
    ran++;
  }
  printf("long ran %ld sum %ld\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : sum, ran)
  for (int i = INT_MAX - n; i <= INT_MAX - 1; i++) {
    sum += i;
    ran++;
  }
  printf("int max ran %ld sum %ld\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : sum, ran)
  for (int i = INT_MIN + n; i > INT_MIN + 2; i -= 3) {
    sum += i;
    ran++;
  }
  printf("int min ran %ld sum %ld\n", ran, sum);
  return 0;
}
