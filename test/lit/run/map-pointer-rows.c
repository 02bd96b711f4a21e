// A pointer to rows, `double (*C)[NJ]`, mapped by rows: `map(tofrom: C[0:ni])`
// maps ni whole rows, and `map(to: A[0:ni][0:NK])` says the same with both
// dimensions. The matrices are malloc'd; each iteration writes one row.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 61
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 61 | FileCheck %s
// CHECK: C[0][0]=1.000000 C[ni-1][NJ-1]=2564.000000
#include <stdio.h>
#include <stdlib.h>

#define NK 19
#define NJ 23

static void kernel(int ni, double (*C)[NJ], double (*A)[NK], double (*B)[NJ]) {
#pragma par distribute map(tofrom : C[0:ni]) map(to : A[0:ni][0:NK], B[0:NK])
  for (int i = 0; i < ni; i++)
    for (int j = 0; j < NJ; j++)
      for (int k = 0; k < NK; k++)
        C[i][j] += A[i][k] * B[k][j];
}

int main(int argc, char **argv) {
  int ni = atoi(argv[1]);
  double (*C)[NJ] = malloc(ni * sizeof *C);
  double (*A)[NK] = malloc(ni * sizeof *A);
  double (*B)[NJ] = malloc(NK * sizeof *B);
  for (int i = 0; i < ni; i++) {
    for (int j = 0; j < NJ; j++)
      C[i][j] = 1;
    for (int k = 0; k < NK; k++)
      A[i][k] = i + k;
  }
  for (int k = 0; k < NK; k++)
    for (int j = 0; j < NJ; j++)
      B[k][j] = k * j % 5;
  kernel(ni, C, A, B);
  double sum = 0;
  for (int i = 0; i < ni; i++)
    for (int j = 0; j < NJ; j++)
      sum += C[i][j] * (i + 2 * j + 1);
  printf("C[0][0]=%f C[ni-1][NJ-1]=%f\n", C[0][0], C[ni - 1][NJ - 1]);
  printf("weighted %.1f\n", sum);
  free(C);
  free(A);
  free(B);
  return 0;
}
