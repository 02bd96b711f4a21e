// Induction variables of signed types other than int: long, long long (with
// values beyond 32 bits), short, char and signed char (negative ranges
// included). Each loop sums its induction values with a reduction and
// counts its iterations.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000
// RUN: %run-compare %t.par %t.ser 7
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: long ran 1000 sum 499500
// CHECK: long long ran 1000 sum 10000499500
// CHECK: short ran 1000 sum -500
// CHECK: char ran 91 sum 0
// CHECK: signed char ran 128 sum -8256
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long ran = 0, sum = 0;

#pragma par distribute reduction(+ : ran, sum)
  for (long i = 0; i < n; i++) {
    ran++;
    sum += i;
  }
  printf("long ran %ld sum %ld\n", ran, sum);

  long long lran = 0, lsum = 0;
  long long base = 10000000000LL; /* 1e10: does not fit in 32 bits */
#pragma par distribute reduction(+ : lran, lsum)
  for (long long i = base; i < base + n; ++i) {
    lran++;
    lsum += i - base + (i == base ? base : 0);
  }
  printf("long long ran %lld sum %lld\n", lran, lsum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (short s = (short)(-n / 2); s < (short)(n / 2); s++) {
    ran++;
    sum += s;
  }
  printf("short ran %ld sum %ld\n", ran, sum);

  ran = 0, sum = 0;
  char top = n > 100 ? 45 : 5;
#pragma par distribute reduction(+ : ran, sum)
  for (char c = -top; c <= top; c++) {
    ran++;
    sum += c;
  }
  printf("char ran %ld sum %ld\n", ran, sum);

  ran = 0, sum = 0;
  signed char hi = n > 100 ? -1 : -100;
#pragma par distribute reduction(+ : ran, sum)
  for (signed char c = -128; c < hi + 1; c += 1) {
    ran++;
    sum += c;
  }
  printf("signed char ran %ld sum %ld\n", ran, sum);
  return 0;
}
