// PolyBench/C 4.2 heat-3d: 3-D 7-point stencil on 3-D parameters (pointers
// to 2-D planes, mapped with A[0:n]); time loop `t <= TSTEPS`, and the
// distributed loops are written with `i <= n - 2` bounds.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 5
// RUN: %run-compare %t.par %t.ser 3
// RUN: %t.par | FileCheck %s
// CHECK: checksum A = 69847.227595
#include <stdio.h>
#include <stdlib.h>

#define TSTEPS 10
#define N 30
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_3D(var, d1, d2, d3, dd1, dd2, dd3) var[d1][d2][d3]
#define _PB_TSTEPS tsteps
#define _PB_N n

static void init_array(int n, DATA_TYPE POLYBENCH_3D(A, N, N, N, n, n, n), DATA_TYPE POLYBENCH_3D(B, N, N, N, n, n, n)) {
  int i, j, k;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      for (k = 0; k < n; k++)
        A[i][j][k] = B[i][j][k] = (DATA_TYPE)((i * j + (n - k) * k) % 17) * 10 / (n);
}

static void print_array(int n, DATA_TYPE POLYBENCH_3D(A, N, N, N, n, n, n)) {
  int i, j, k;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "A");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      for (k = 0; k < n; k++) {
        if ((i * 3 + j * 5 + k) % 41 == 0) {
          if (printed++ % 10 == 0)
            printf("\n");
          printf("%0.2lf ", A[i][j][k]);
        }
        checksum += A[i][j][k];
      }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "A");
  printf("checksum A = %.6f\n", checksum);
}

static void kernel_heat_3d(int tsteps, int n, DATA_TYPE POLYBENCH_3D(A, N, N, N, n, n, n),
                           DATA_TYPE POLYBENCH_3D(B, N, N, N, n, n, n)) {
  int t, i, j, k;

#pragma scop
  for (t = 1; t <= TSTEPS; t++) {
#pragma par distribute map(to: A[0:n]) map(tofrom: B[0:n])
    for (i = 1; i <= _PB_N - 2; i++) {
      for (j = 1; j <= _PB_N - 2; j++) {
        for (k = 1; k <= _PB_N - 2; k++) {
          B[i][j][k] = SCALAR_VAL(0.125) * (A[i + 1][j][k] - SCALAR_VAL(2.0) * A[i][j][k] + A[i - 1][j][k]) +
                       SCALAR_VAL(0.125) * (A[i][j + 1][k] - SCALAR_VAL(2.0) * A[i][j][k] + A[i][j - 1][k]) +
                       SCALAR_VAL(0.125) * (A[i][j][k + 1] - SCALAR_VAL(2.0) * A[i][j][k] + A[i][j][k - 1]) +
                       A[i][j][k];
        }
      }
    }
#pragma par distribute map(to: B[0:n]) map(tofrom: A[0:n])
    for (i = 1; i <= _PB_N - 2; i++) {
      for (j = 1; j <= _PB_N - 2; j++) {
        for (k = 1; k <= _PB_N - 2; k++) {
          A[i][j][k] = SCALAR_VAL(0.125) * (B[i + 1][j][k] - SCALAR_VAL(2.0) * B[i][j][k] + B[i - 1][j][k]) +
                       SCALAR_VAL(0.125) * (B[i][j + 1][k] - SCALAR_VAL(2.0) * B[i][j][k] + B[i][j - 1][k]) +
                       SCALAR_VAL(0.125) * (B[i][j][k + 1] - SCALAR_VAL(2.0) * B[i][j][k] + B[i][j][k - 1]) +
                       B[i][j][k];
        }
      }
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int tsteps = TSTEPS;
  DATA_TYPE(*A)[N][N][N] = malloc(sizeof *A);
  DATA_TYPE(*B)[N][N][N] = malloc(sizeof *B);
  if (n > N)
    n = N;
  (void)tsteps;
  init_array(n, *A, *B);
  kernel_heat_3d(tsteps, n, *A, *B);
  print_array(n, *A);
  free(A);
  free(B);
  return 0;
}
