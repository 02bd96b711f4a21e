// gemm written against file-scope arrays of fixed size, with the kernel in
// main() (PolyBench 3.x programs often look like this): the arrays need no
// map clause, they are mapped whole. The loop also records, in lastprivate
// scalars, the row it finished last and that row's first element, which
// after the loop hold the values of the sequentially last iteration.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: last row = 66, C[last][0] = 1.00
// CHECK: checksum C = 2141320.352490
#include <stdio.h>

#define NI 67
#define NJ 61
#define NK 59
#define DATA_TYPE double
#define _PB_NI NI
#define _PB_NJ NJ
#define _PB_NK NK

DATA_TYPE alpha;
DATA_TYPE beta;
DATA_TYPE C[NI][NJ];
DATA_TYPE A[NI][NK];
DATA_TYPE B[NK][NJ];

static void init_array(void) {
  int i, j;
  alpha = 32412;
  beta = 2123;
  for (i = 0; i < NI; i++)
    for (j = 0; j < NK; j++)
      A[i][j] = ((DATA_TYPE)i * j) / NI;
  for (i = 0; i < NK; i++)
    for (j = 0; j < NJ; j++)
      B[i][j] = ((DATA_TYPE)i * j) / NJ;
  for (i = 0; i < NI; i++)
    for (j = 0; j < NJ; j++)
      C[i][j] = ((DATA_TYPE)i * j) / NI;
}

int main(void) {
  int i, j, k;
  int last = -1;
  DATA_TYPE first_elem = 0.0;
  double checksum = 0.0;

  init_array();

#pragma scop
#pragma par distribute lastprivate(last, first_elem)
  for (i = 0; i < _PB_NI; i++) {
    for (j = 0; j < _PB_NJ; j++) {
      C[i][j] *= beta;
      for (k = 0; k < _PB_NK; ++k)
        C[i][j] += alpha * A[i][k] * B[k][j];
    }
    last = i;
    first_elem = C[i][0] + 1.0;
  }
#pragma endscop

  for (i = 0; i < NI; i++)
    for (j = 0; j < NJ; j++)
      checksum += C[i][j] / 1e6;
  printf("last row = %d, C[last][0] = %.2f\n", last, first_elem);
  printf("C[1][1] = %.6f, C[NI-1][NJ-1] = %.6f\n", C[1][1], C[NI - 1][NJ - 1]);
  printf("checksum C = %.6f\n", checksum);
  return 0;
}
