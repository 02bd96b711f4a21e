// Scalars read (never written) in the body are copied into each task without
// a clause: int, long, unsigned char, float, double, long double, and
// values of an enum and a _Bool, set at run time just before the loop.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 3
// RUN: %run-compare %t.par %t.ser -7
// RUN: %t.par 3 | FileCheck %s
// CHECK: out[0]=19.500000 out[1]=30.500000 out[99]=1108.500000
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

enum mode { ADD = 1, SUB = 2 };

double out[100];

int main(int argc, char **argv) {
  int k = atoi(argv[1]);
  long big = 4L * k;
  unsigned char small = (unsigned char)(k + 2);
  float f = 0.25f * k;
  double d = 1.0 / 4.0;
  long double ld = 0.5L * k;
  enum mode m = k > 0 ? ADD : SUB;
  bool neg = k < 0;

#pragma par distribute
  for (int i = 0; i < 100; i++) {
    double v = i * k + big + small + f + d + (double)ld;
    if (m == SUB)
      v = -v;
    out[i] = neg ? v - 1000 : v + i * 0.0;
    out[i] += i * 8.0;
  }
  printf("out[0]=%f out[1]=%f out[99]=%f\n", out[0], out[1], out[99]);
  double s = 0;
  for (int i = 0; i < 100; i++)
    s += out[i] * (i + 1);
  printf("weighted %.6f\n", s);
  return 0;
}
