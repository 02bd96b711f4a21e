// seidel-2d reordered for parallelism ("zebra" line relaxation): PolyBench's
// seidel-2d sweeps in lexicographic order, which has no parallel loop; the
// usual port updates odd rows, then even rows. Each row is a Gauss-Seidel
// sweep along j (serial inside the iteration) that reads rows i - 1 and
// i + 1, which have the other parity and are not written by the loop. The
// distributed loops step by 2 (`i += 2`, and `i = i + 2` with `<=`). The
// update is PolyBench's, ending in `/ SCALAR_VAL(9.0);`, and the loop bodies
// have no braces.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 4
// RUN: %run-compare %t.par %t.ser 3
// RUN: %run-compare %t.par %t.ser 101
// RUN: %t.par | FileCheck %s
// CHECK: checksum A = 3929.138777
#include <stdio.h>
#include <stdlib.h>

#define TSTEPS 12
#define N 120
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_TSTEPS tsteps
#define _PB_N n

static void init_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      A[i][j] = (DATA_TYPE)((i * i * 3 + j * 7) % 23) / n;
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  double checksum = 0.0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s\n", "A");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if (i % 12 == 1 && j % 12 == 1)
        printf("%0.2lf ", A[i][j]);
      checksum += A[i][j] * (1 + (i * 3 + j) % 5);
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "A");
  printf("checksum A = %.6f\n", checksum);
}

static void kernel_seidel_zebra(int tsteps, int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int t, i, j;

#pragma scop
  for (t = 0; t <= _PB_TSTEPS - 1; t++) {
#pragma par distribute map(tofrom: A[0:n])
    for (i = 1; i < _PB_N - 1; i += 2)
      for (j = 1; j <= _PB_N - 2; j++)
        A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] + A[i][j - 1] + A[i][j] + A[i][j + 1] +
                   A[i + 1][j - 1] + A[i + 1][j] + A[i + 1][j + 1]) /
                  SCALAR_VAL(9.0);
#pragma par distribute map(tofrom: A[0:n])
    for (i = 2; i <= _PB_N - 2; i = i + 2)
      for (j = 1; j <= _PB_N - 2; j++)
        A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] + A[i][j - 1] + A[i][j] + A[i][j + 1] +
                   A[i + 1][j - 1] + A[i + 1][j] + A[i + 1][j + 1]) /
                  SCALAR_VAL(9.0);
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int tsteps = TSTEPS;
  DATA_TYPE(*A)[N][N] = malloc(sizeof *A);
  if (n > N)
    n = N;
  init_array(n, *A);
  kernel_seidel_zebra(tsteps, n, *A);
  print_array(n, *A);
  free(A);
  return 0;
}
