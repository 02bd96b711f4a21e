// reduction(-) (combined with +, as in OpenMP) on int, unsigned (wrapping),
// long long, float and double, with `r -= x` and `r = r - x`, starting from
// non-zero values. The float and double terms are multiples of 1/8 small
// enough that every sum is exact in any order.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: int -498500 unsigned 4294467796 long long -332833000
// CHECK: float -1617.000 double 37562.500 -500.000
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int si = 1000;
  unsigned su = 0;
  long long sl = 500;
  float sf = 250.0f;
  double sd = 100000.0, sd2 = 0;

#pragma par distribute reduction(- : si, su, sl, sf) reduction(- : sd, sd2)
  for (int i = 0; i < n; i++) {
    si -= i % 1000;
    su = su - (unsigned)i;
    sl -= (long long)i * i;
    sf -= (float)(i % 16) * 0.25f;
    sd = sd - (i % 1000) * 0.125;
    sd2 -= 0.5;
  }
  printf("int %d unsigned %u long long %lld\n", si, su, sl);
  printf("float %.3f double %.3f %.3f\n", sf, sd, sd2);
  return 0;
}
