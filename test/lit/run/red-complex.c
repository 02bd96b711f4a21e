// reduction(+), reduction(-) and reduction(*) on float _Complex and double
// _Complex. Sums use multiples of 1/8 (exact); products use factors 1+i,
// (1-i)/2, i, -1 and 1, whose partial products are exact too, so every
// result is printed in full and must match the serial one bit for bit.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 7
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 7 | FileCheck %s
// CHECK: float + (2.125, 4.250) - (0.125, -1.375) * (1.5, -0.5)
// CHECK: double + (2.625, 1.875) - (-2.625, -1.875) * (0.5, 1.5)
#include <complex.h>
#include <stdio.h>
#include <stdlib.h>

static double complex factor(int i) {
  switch (i % 5) {
  case 0: return 1.0 + 1.0 * I;
  case 1: return (1.0 - 1.0 * I) / 2;
  case 2: return 1.0 * I;
  case 3: return -1.0;
  default: return 1.0;
  }
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  float complex fs = 1.0f + 2.0f * I, fd = 0.5f, fp = 0.5f + 1.5f * I;
  double complex ds = 0, dd = 0, dp = -1.5 + 0.5 * I;

#pragma par distribute reduction(+ : fs, ds) reduction(- : fd, dd) reduction(* : fp, dp)
  for (int i = 0; i < n; i++) {
    fs += (float)(i % 4) * 0.125f + (float)(i % 3) * 0.375f * I;
    fd -= (float)(i % 2) * 0.125f + (float)(i % 5) * 0.125f * I;
    fp *= (float complex)factor(i);
    ds += (i % 7) * 0.125 + (i % 6) * 0.125 * I;
    dd = dd - ((i % 7) * 0.125 + (i % 6) * 0.125 * I);
    dp *= factor(i);
  }
  printf("float + (%.3f, %.3f) - (%.3f, %.3f) * (%g, %g)\n", crealf(fs), cimagf(fs), crealf(fd),
         cimagf(fd), crealf(fp), cimagf(fp));
  printf("double + (%.3f, %.3f) - (%.3f, %.3f) * (%g, %g)\n", creal(ds), cimag(ds), creal(dd), cimag(dd),
         creal(dp), cimag(dp));
  printf("exact %a %a %a %a\n", crealf(fp), cimagf(fp), creal(dp), cimag(dp));
  return 0;
}
