// PolyBench/C 4.2 jacobi-2d with device(gpu) (copied from
// ../polybench/jacobi-2d.c): a 5-point stencil, two sweeps per time step in
// a serial time loop; the first sweep keeps A and B on the device for the
// second.
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %t.par | FileCheck %s
// CHECK: checksum A = 808.757893
#include <stdio.h>
#include <stdlib.h>

#define TSTEPS 20
#define N 90
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_TSTEPS tsteps
#define _PB_N n

static DATA_TYPE A[N][N];
static DATA_TYPE B[N][N];

static void init_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n), DATA_TYPE POLYBENCH_2D(B, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      /* PolyBench uses ((DATA_TYPE)i * (j + 2) + 2) / n, which is bilinear:
         the stencil leaves it (nearly) unchanged. This one is not. */
      A[i][j] = (DATA_TYPE)((i * i + 5 * j) % 19) / n;
      B[i][j] = (DATA_TYPE)((i + 3 * j * j) % 17) / n;
    }
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "A");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if (i % 9 == 0 && j % 9 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", A[i][j]);
      }
      checksum += A[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "A");
  printf("checksum A = %.6f\n", checksum);
}

static void kernel_jacobi_2d(int tsteps, int n, DATA_TYPE POLYBENCH_2D(A, N, N, n, n),
                             DATA_TYPE POLYBENCH_2D(B, N, N, n, n)) {
  int t, i, j;

#pragma scop
  for (t = 0; t < _PB_TSTEPS; t++) {
#pragma par distribute map(to: A[0:n]) map(tofrom: B[0:n]) device(gpu)
    for (i = 1; i < _PB_N - 1; i++) {
      for (j = 1; j < _PB_N - 1; j++)
        B[i][j] = SCALAR_VAL(0.2) * (A[i][j] + A[i][j - 1] + A[i][1 + j] + A[1 + i][j] + A[i - 1][j]);
#ifdef DEBUG
      if (i == 1)
        fprintf(stderr, "jacobi-2d: t = %d, B[1][1] = %f\n", t, B[1][1]);
#endif
    }
#pragma par distribute map(to: B[0:n]) map(tofrom: A[0:n]) device(gpu)
    for (i = 1; i < _PB_N - 1; i++)
      for (j = 1; j < _PB_N - 1; j++)
        A[i][j] = SCALAR_VAL(0.2) * (B[i][j] + B[i][j - 1] + B[i][1 + j] + B[1 + i][j] + B[i - 1][j]);
  }
#pragma endscop
}

int main(void) {
  int n = N;
  int tsteps = TSTEPS;
  init_array(n, A, B);
  kernel_jacobi_2d(tsteps, n, A, B);
  print_array(n, A);
  return 0;
}
