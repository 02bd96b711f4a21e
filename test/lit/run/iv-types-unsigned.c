// Induction variables of unsigned types: unsigned, size_t, unsigned long,
// unsigned long long, unsigned short and unsigned char, ascending and
// descending (`z > 0` and `u >= 3`, which must not wrap below zero), and a range that ends
// just below UINT_MAX (the trip count must not overflow).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000
// RUN: %run-compare %t.par %t.ser 13
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: unsigned ran 1000 sum 499500
// CHECK: size_t ran 1000 sum 500500
// CHECK: unsigned long ran 334 sum 167835
// CHECK: unsigned long long ran 1000 sum 500500
// CHECK: unsigned short ran 1000 sum 65035500
// CHECK: unsigned char ran 255 sum 32385
// CHECK: near UINT_MAX ran 1000 sum 4294966794500
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  unsigned n = (unsigned)atoi(argv[1]);
  unsigned long long ran = 0, sum = 0;

#pragma par distribute reduction(+ : ran, sum)
  for (unsigned u = 0; u < n; u++) {
    ran++;
    sum += u;
  }
  printf("unsigned ran %llu sum %llu\n", ran, sum);

  ran = 0, sum = 0;
  size_t len = n;
#pragma par distribute reduction(+ : ran, sum)
  for (size_t z = len; z > 0; z--) {
    ran++;
    sum += z;
  }
  printf("size_t ran %llu sum %llu\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (unsigned long u = (unsigned long)n + 2; u >= 3; u -= 3) {
    ran++;
    sum += u;
  }
  printf("unsigned long ran %llu sum %llu\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (unsigned long long u = 1; u <= n; u += 1) {
    ran++;
    sum += u;
  }
  printf("unsigned long long ran %llu sum %llu\n", ran, sum);

  ran = 0, sum = 0;
  unsigned short us_hi = (unsigned short)(65535 - n);
#pragma par distribute reduction(+ : ran, sum)
  for (unsigned short s = 65535; s > us_hi; --s) {
    ran++;
    sum += s;
  }
  printf("unsigned short ran %llu sum %llu\n", ran, sum);

  ran = 0, sum = 0;
  unsigned char uc_hi = n > 255 ? 255 : (unsigned char)n;
#pragma par distribute reduction(+ : ran, sum)
  for (unsigned char c = 0; c < uc_hi; c++) {
    ran++;
    sum += c;
  }
  printf("unsigned char ran %llu sum %llu\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (unsigned u = UINT_MAX - n; u < UINT_MAX; u++) {
    ran++;
    sum += u;
  }
  printf("near UINT_MAX ran %llu sum %llu\n", ran, sum);
  return 0;
}
