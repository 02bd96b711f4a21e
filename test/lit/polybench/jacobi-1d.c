// PolyBench/C 4.2 jacobi-1d: a serial time loop around two distributed
// 3-point stencil sweeps (A -> B, B -> A) on 1-D parameters mapped with
// A[0:n]. The chunk of a sweep reads one element past each of its edges.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 3
// RUN: %run-compare %t.par %t.ser 2
// RUN: %run-compare %t.par %t.ser 1001
// RUN: %t.par | FileCheck %s
// CHECK: checksum A = 13.830671
#include <stdio.h>
#include <stdlib.h>

#define TSTEPS 40
#define N 400
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define _PB_TSTEPS tsteps
#define _PB_N n

static void init_array(int n, DATA_TYPE POLYBENCH_1D(A, N, n), DATA_TYPE POLYBENCH_1D(B, N, n)) {
  int i;
  for (i = 0; i < n; i++) {
    A[i] = (DATA_TYPE)((i * i + 2) % 31) / n;
    B[i] = (DATA_TYPE)((i + 3) % 7) / n;
  }
}

static void print_array(int n, DATA_TYPE POLYBENCH_1D(A, N, n)) {
  int i;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "A");
  for (i = 0; i < n; i++) {
    if (i % 7 == 0) {
      if (printed++ % 10 == 0)
        printf("\n");
      printf("%0.2lf ", A[i]);
    }
    checksum += A[i];
  }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "A");
  printf("checksum A = %.6f\n", checksum);
}

static void kernel_jacobi_1d(int tsteps, int n, DATA_TYPE POLYBENCH_1D(A, N, n), DATA_TYPE POLYBENCH_1D(B, N, n)) {
  int t, i;

#pragma scop
  for (t = 0; t < _PB_TSTEPS; t++) {
#pragma par distribute map(to: A[0:n]) map(tofrom: B[0:n])
    for (i = 1; i < _PB_N - 1; i++)
      B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
#pragma par distribute map(to: B[0:n]) map(tofrom: A[0:n])
    for (i = 1; i < _PB_N - 1; i++)
      A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int tsteps = TSTEPS;
  DATA_TYPE *A, *B;
  if (n < 1)
    n = 1;
  A = malloc(n * sizeof(DATA_TYPE));
  B = malloc(n * sizeof(DATA_TYPE));
  init_array(n, A, B);
  kernel_jacobi_1d(tsteps, n, A, B);
  print_array(n, A);
  free(A);
  free(B);
  return 0;
}
