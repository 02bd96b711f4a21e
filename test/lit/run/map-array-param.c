// Array parameters `double C[NI][NJ]` (pointers to rows) mapped with
// `map(C[0:ni][0:NJ])`, the default map kind, and `map(to: A[0:ni])`; the
// arrays are fixed-size globals passed by the caller, as in PolyBench.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 40
// RUN: %run-compare %t.par %t.ser 17
// RUN: %t.par 40 | FileCheck %s
// CHECK: C[0][0]=0.500000 C[39][29]=2040.500000
#include <stdio.h>
#include <stdlib.h>

#define NI 40
#define NJ 30

double gA[NI][NJ], gC[NI][NJ];

static void kernel(int ni, double C[NI][NJ], double A[NI][NJ]) {
#pragma par distribute map(C[0:ni][0:NJ]) map(to : A[0:ni])
  for (int i = 0; i < ni; i++)
    for (int j = 0; j < NJ; j++)
      C[i][j] = C[i][j] * 0.5 + A[i][j] * (j + 1);
}

int main(int argc, char **argv) {
  int ni = atoi(argv[1]);
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++) {
      gA[i][j] = i + j;
      gC[i][j] = 1;
    }
  kernel(ni, gC, gA);
  double sum = 0;
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++)
      sum += gC[i][j] * (i * NJ + j + 1);
  printf("C[0][0]=%f C[39][29]=%f\n", gC[0][0], gC[NI - 1][NJ - 1]);
  printf("weighted %.2f\n", sum);
  return 0;
}
