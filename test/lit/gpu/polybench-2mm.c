// PolyBench/C 4.2 2mm with device(gpu) on both loop nests (copied from
// ../polybench/2mm.c): parameters `double tmp[NI][NJ]` (pointers to rows)
// mapped by row sections, `int i, j, k;` at the top made private, bounds
// from macros. The two nests follow each other, so tmp stays on the device
// between them (PARRT_LOOP_DEVICE_KEEP on the first).
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %t.par | FileCheck %s
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc --emit-rewritten %s | FileCheck %s --check-prefix=KEEP
// KEEP: .flags = PARRT_LOOP_DEVICE_KEEP,
// KEEP: .flags = 0,
// KEEP: #pragma omp target teams distribute parallel for {{.*}}map(tofrom: par__d_tmp[0:par__n_tmp])
// CHECK: checksum D = 1689742.377857
#include <stdio.h>
#include <stdlib.h>

#define NI 40
#define NJ 50
#define NK 70
#define NL 80
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.2lf "
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_NI ni
#define _PB_NJ nj
#define _PB_NK nk
#define _PB_NL nl

static void init_array(int ni, int nj, int nk, int nl, DATA_TYPE *alpha, DATA_TYPE *beta,
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                       DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj),
                       DATA_TYPE POLYBENCH_2D(C, NJ, NL, nj, nl),
                       DATA_TYPE POLYBENCH_2D(D, NI, NL, ni, nl)) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nk; j++)
      A[i][j] = (DATA_TYPE)((i * j + 1) % ni) / ni;
  for (i = 0; i < nk; i++)
    for (j = 0; j < nj; j++)
      B[i][j] = (DATA_TYPE)(i * (j + 1) % nj) / nj;
  for (i = 0; i < nj; i++)
    for (j = 0; j < nl; j++)
      C[i][j] = (DATA_TYPE)((i * (j + 3) + 1) % nl) / nl;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nl; j++)
      D[i][j] = (DATA_TYPE)(i * (j + 2) % nk) / nk;
}

static void print_array(int ni, int nl, DATA_TYPE POLYBENCH_2D(D, NI, NL, ni, nl)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "D");
  for (i = 0; i < ni; i++)
    for (j = 0; j < nl; j++) {
      if (j % 8 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf(DATA_PRINTF_MODIFIER, D[i][j]);
      }
      checksum += D[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "D");
  printf("checksum D = %.6f\n", checksum);
}

static void kernel_2mm(int ni, int nj, int nk, int nl, DATA_TYPE alpha, DATA_TYPE beta,
                       DATA_TYPE POLYBENCH_2D(tmp, NI, NJ, ni, nj),
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                       DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj),
                       DATA_TYPE POLYBENCH_2D(C, NJ, NL, nj, nl),
                       DATA_TYPE POLYBENCH_2D(D, NI, NL, ni, nl)) {
  int i, j, k;

#pragma scop
  /* D := alpha*A*B*C + beta*D */
#pragma par distribute map(from: tmp[0:ni]) map(to: A[0:ni], B[0:nk]) device(gpu)
  for (i = 0; i < _PB_NI; i++)
    for (j = 0; j < _PB_NJ; j++) {
      tmp[i][j] = 0.0;
      for (k = 0; k < _PB_NK; ++k)
        tmp[i][j] += alpha * A[i][k] * B[k][j];
    }
#pragma par distribute map(tofrom: D[0:ni]) map(to: tmp[0:ni], C[0:nj]) device(gpu)
  for (i = 0; i < _PB_NI; i++)
    for (j = 0; j < _PB_NL; j++) {
      D[i][j] *= beta;
      for (k = 0; k < _PB_NJ; ++k)
        D[i][j] += tmp[i][k] * C[k][j];
    }
#pragma endscop
}

int main(void) {
  int ni = NI, nj = NJ, nk = NK, nl = NL;
  DATA_TYPE alpha, beta;
  DATA_TYPE(*tmp)[NI][NJ] = malloc(sizeof *tmp);
  DATA_TYPE(*A)[NI][NK] = malloc(sizeof *A);
  DATA_TYPE(*B)[NK][NJ] = malloc(sizeof *B);
  DATA_TYPE(*C)[NJ][NL] = malloc(sizeof *C);
  DATA_TYPE(*D)[NI][NL] = malloc(sizeof *D);

  init_array(ni, nj, nk, nl, &alpha, &beta, *A, *B, *C, *D);
  kernel_2mm(ni, nj, nk, nl, alpha, beta, *tmp, *A, *B, *C, *D);
  print_array(ni, nl, *D);

  free(tmp);
  free(A);
  free(B);
  free(C);
  free(D);
  return 0;
}
