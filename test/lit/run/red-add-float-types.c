// reduction(+) on float, double and long double. Two kinds of terms: exact
// ones (multiples of 1/8, small enough that every partial sum is exact, so
// the result is printed in full with %a and must match bit for bit), and
// inexact ones (1/(i+1)), printed with a precision far above the rounding
// noise of either summation order (float: 2 decimals, for 10^5 terms).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: exact float 0x1.f4p+7 double 0x1.f4p+7 long double 0xf.ap+4
// CHECK: harmonic float 7.49 double 7.485471 long double 7.485471
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  float ef = 0.5f, hf = 0;
  double ed = 0.5, hd = 0;
  long double el = 0.5L, hl = 0;

#pragma par distribute reduction(+ : ef, ed, el, hf, hd, hl)
  for (int i = 0; i < n; i++) {
    ef += (float)(i % 9 - 2) * 0.125f;
    ed += (double)(i % 9 - 2) * 0.125;
    el += (long double)(i % 9 - 2) * 0.125L;
    hf += 1.0f / (float)(i + 1);
    hd += 1.0 / (i + 1);
    hl += 1.0L / (i + 1);
  }
  printf("exact float %a double %a long double %La\n", (double)ef, ed, el);
  printf("harmonic float %.2f double %.6f long double %.6Lf\n", (double)hf, hd, hl);
  return 0;
}
