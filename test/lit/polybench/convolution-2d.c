// PolyBench/C 3.2 convolution-2d: a 3x3 stencil with nine coefficients kept
// in local scalars (c11 .. c33) and read in the body, so each is copied into
// the tasks without a clause. The arrays are locals of fixed size in
// kernel's caller, passed as parameters.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 3
// RUN: %t.par | FileCheck %s
// CHECK: checksum B = 6773.287500
#include <stdio.h>
#include <stdlib.h>

#define NI 128
#define NJ 96
#define DATA_TYPE double
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_NI ni
#define _PB_NJ nj

static void init_array(int ni, int nj, DATA_TYPE POLYBENCH_2D(A, NI, NJ, ni, nj)) {
  int i, j;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++)
      A[i][j] = ((DATA_TYPE)i + j) / nj;
}

static void print_array(int ni, int nj, DATA_TYPE POLYBENCH_2D(B, NI, NJ, ni, nj)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "B");
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++) {
      if (i % 11 == 0 && j % 5 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", B[i][j]);
      }
      checksum += B[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "B");
  printf("checksum B = %.6f\n", checksum);
}

static void kernel_conv2d(int ni, int nj, DATA_TYPE POLYBENCH_2D(A, NI, NJ, ni, nj),
                          DATA_TYPE POLYBENCH_2D(B, NI, NJ, ni, nj)) {
  int i, j;
  DATA_TYPE c11, c12, c13, c21, c22, c23, c31, c32, c33;

#pragma scop
  c11 = +0.2;  c21 = +0.5;  c31 = -0.8;
  c12 = -0.3;  c22 = +0.6;  c32 = -0.9;
  c13 = +0.4;  c23 = +0.7;  c33 = +0.10;

#pragma par distribute map(to: A[0:ni]) map(tofrom: B[0:ni])
  for (i = 1; i < _PB_NI - 1; ++i)
    for (j = 1; j < _PB_NJ - 1; ++j) {
      B[i][j] = c11 * A[i - 1][j - 1] + c12 * A[i + 0][j - 1] + c13 * A[i + 1][j - 1]
              + c21 * A[i - 1][j + 0] + c22 * A[i + 0][j + 0] + c23 * A[i + 1][j + 0]
              + c31 * A[i - 1][j + 1] + c32 * A[i + 0][j + 1] + c33 * A[i + 1][j + 1];
    }
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : NI;
  int ni = s < NI ? s : NI;
  int nj = s < NJ ? s : NJ;
  DATA_TYPE A[NI][NJ];
  DATA_TYPE B[NI][NJ] = {{0}};
  init_array(ni, nj, A);
  kernel_conv2d(ni, nj, A, B);
  print_array(ni, nj, B);
  return 0;
}
