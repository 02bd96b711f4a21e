// PolyBench built with -DPOLYBENCH_USE_C99_PROTO: array parameters are
// declared with the run-time sizes, `DATA_TYPE C[ni][nj]`, `DATA_TYPE x[n]`
// (C99 variably modified types). After parameter adjustment C is a pointer
// to rows of nj elements and x a pointer, mapped with C[0:ni] and x[0:n]
// exactly as with constant sizes. Kernels: gemm and mvt. The same file is
// also built without the C99 prototypes (constant sizes).
// RUN: %parcc -O2 %s -o %t.const.par && %serialcc -O2 %s -o %t.const.ser
// RUN: %run-compare %t.const.par %t.const.ser
// RUN: %parcc -O2 -DPOLYBENCH_USE_C99_PROTO %s -o %t.par && %serialcc -O2 -DPOLYBENCH_USE_C99_PROTO %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 23
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.const.par > %t.const.out && %t.par > %t.c99.out && diff %t.const.out %t.c99.out
// RUN: %t.par | FileCheck %s
// CHECK: checksum C = 132642.705714
// CHECK: checksum x1 = 474.800000
#include <stdio.h>
#include <stdlib.h>

#define NI 50
#define NJ 60
#define NK 70
#define DATA_TYPE double
#define POLYBENCH_PADDING_FACTOR 0
#ifdef POLYBENCH_USE_C99_PROTO
#define POLYBENCH_C99_SELECT(x, y) y
#else
#define POLYBENCH_C99_SELECT(x, y) x
#endif
#define POLYBENCH_1D(var, d1, dd1) var[POLYBENCH_C99_SELECT(d1, dd1) + POLYBENCH_PADDING_FACTOR]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) \
  var[POLYBENCH_C99_SELECT(d1, dd1) + POLYBENCH_PADDING_FACTOR][POLYBENCH_C99_SELECT(d2, dd2) + POLYBENCH_PADDING_FACTOR]
#define _PB_NI ni
#define _PB_NJ nj
#define _PB_NK nk

static void init_array(int ni, int nj, int nk, DATA_TYPE POLYBENCH_2D(C, NI, NJ, ni, nj),
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk), DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj)) {
  int i, j;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++)
      C[i][j] = (DATA_TYPE)((i * j + 1) % NI) / NI;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nk; j++)
      A[i][j] = (DATA_TYPE)(i * (j + 1) % NK) / NK;
  for (i = 0; i < nk; i++)
    for (j = 0; j < nj; j++)
      B[i][j] = (DATA_TYPE)(i * (j + 2) % NJ) / NJ;
}

static void kernel_gemm(int ni, int nj, int nk, DATA_TYPE alpha, DATA_TYPE beta,
                        DATA_TYPE POLYBENCH_2D(C, NI, NJ, ni, nj), DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                        DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj)) {
  int i, j, k;
#pragma scop
#pragma par distribute map(tofrom: C[0:ni]) map(to: A[0:ni], B[0:nk])
  for (i = 0; i < _PB_NI; i++) {
    for (j = 0; j < _PB_NJ; j++)
      C[i][j] *= beta;
    for (k = 0; k < _PB_NK; k++)
      for (j = 0; j < _PB_NJ; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
#pragma endscop
}

static void kernel_mvt(int n, int nk, DATA_TYPE POLYBENCH_1D(x1, NI, n), DATA_TYPE POLYBENCH_1D(y_1, NI, n),
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, n, nk)) {
  int i, j;
#pragma scop
#pragma par distribute map(tofrom: x1[0:n]) map(to: A[0:n], y_1[0:n])
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      x1[i] = x1[i] + A[i][j] * y_1[j];
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : NK;
  int ni = s < NI ? s : NI;
  int nj = s < NJ ? s : NJ;
  int nk = s < NK ? s : NK;
  int i, j;
  double cc = 0.0, cx = 0.0;
  /* Allocated with the compile-time sizes, viewed with the run-time ones
     when the prototypes are C99 (as PolyBench does). */
  DATA_TYPE *Cbuf = calloc((size_t)NI * NJ, sizeof(DATA_TYPE));
  DATA_TYPE *Abuf = calloc((size_t)NI * NK, sizeof(DATA_TYPE));
  DATA_TYPE *Bbuf = calloc((size_t)NK * NJ, sizeof(DATA_TYPE));
  DATA_TYPE *x1 = calloc(NI, sizeof(DATA_TYPE));
  DATA_TYPE *y_1 = calloc(NI, sizeof(DATA_TYPE));

#ifdef POLYBENCH_USE_C99_PROTO
  DATA_TYPE(*C)[nj] = (DATA_TYPE(*)[nj])Cbuf;
  DATA_TYPE(*A)[nk] = (DATA_TYPE(*)[nk])Abuf;
  DATA_TYPE(*B)[nj] = (DATA_TYPE(*)[nj])Bbuf;
#else
  DATA_TYPE(*C)[NJ] = (DATA_TYPE(*)[NJ])Cbuf;
  DATA_TYPE(*A)[NK] = (DATA_TYPE(*)[NK])Abuf;
  DATA_TYPE(*B)[NJ] = (DATA_TYPE(*)[NJ])Bbuf;
#endif
  init_array(ni, nj, nk, C, A, B);
  kernel_gemm(ni, nj, nk, 1.5, 1.2, C, A, B);
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++)
      cc += C[i][j] * (1 + (i + j) % 3);
  printf("C[0][0] = %0.2lf C[ni-1][nj-1] = %0.2lf\n", C[0][0], C[ni - 1][nj - 1]);
  printf("checksum C = %.6f\n", cc);

  for (i = 0; i < ni; i++) {
    x1[i] = (DATA_TYPE)(i % 7) / 7;
    y_1[i] = (DATA_TYPE)((i + 3) % 5) / 5;
  }
  /* The leading ni x ni block of A (ni <= nk). */
  kernel_mvt(ni, nk, x1, y_1, A);
  for (i = 0; i < ni; i++)
    cx += x1[i];
  printf("checksum x1 = %.6f\n", cx);

  free(Cbuf);
  free(Abuf);
  free(Bbuf);
  free(x1);
  free(y_1);
  return 0;
}
