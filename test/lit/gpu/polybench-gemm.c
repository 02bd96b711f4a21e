// PolyBench/C 4.2 gemm with device(gpu) (copied from ../polybench/gemm.c):
// `DATA_TYPE C[NI][NJ]` parameters mapped with C[0:ni], `int i, j, k;` at
// the top, a DEBUG block in the body (not compiled here).
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %t.par | FileCheck %s
// CHECK: checksum C = 71737.800000
#include <stdio.h>
#include <stdlib.h>

#define NI 60
#define NJ 70
#define NK 80
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.2lf "
#define SCALAR_VAL(x) x
#define POLYBENCH_PADDING_FACTOR 0
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) \
  var[d1 + POLYBENCH_PADDING_FACTOR][d2 + POLYBENCH_PADDING_FACTOR]
#define POLYBENCH_2D_ARRAY_DECL(var, type, d1, d2, dd1, dd2) \
  type(*var)[d1][d2] = (type(*)[d1][d2])polybench_alloc_data((size_t)(d1) * (d2), sizeof(type))
#define POLYBENCH_ARRAY(x) *x
#define POLYBENCH_FREE_ARRAY(x) free((void *)x)
#define _PB_NI ni
#define _PB_NJ nj
#define _PB_NK nk

static void *polybench_alloc_data(size_t n, int elt_size) {
  void *p = calloc(n ? n : 1, elt_size);
  if (!p) {
    fprintf(stderr, "[PolyBench] posix_memalign: cannot allocate memory\n");
    exit(1);
  }
  return p;
}

static void init_array(int ni, int nj, int nk, DATA_TYPE *alpha, DATA_TYPE *beta,
                       DATA_TYPE POLYBENCH_2D(C, NI, NJ, ni, nj),
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                       DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj)) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
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

static void print_array(int ni, int nj, DATA_TYPE POLYBENCH_2D(C, NI, NJ, ni, nj)) {
  int i, j;
  double checksum = 0.0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "C");
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++) {
      if ((i * nj + j) % 31 == 0) {
        if ((i * nj + j) % (31 * 10) == 0)
          printf("\n");
        printf(DATA_PRINTF_MODIFIER, C[i][j]);
      }
      checksum += C[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "C");
  printf("checksum C = %.6f\n", checksum);
}

static void kernel_gemm(int ni, int nj, int nk, DATA_TYPE alpha, DATA_TYPE beta,
                        DATA_TYPE POLYBENCH_2D(C, NI, NJ, ni, nj),
                        DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                        DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj)) {
  int i, j, k;

#pragma scop
#pragma par distribute map(tofrom: C[0:ni]) map(to: A[0:ni], B[0:nk]) device(gpu)
  for (i = 0; i < _PB_NI; i++) {
    for (j = 0; j < _PB_NJ; j++)
      C[i][j] *= beta;
    for (k = 0; k < _PB_NK; k++) {
      for (j = 0; j < _PB_NJ; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
    }
#ifdef DEBUG
    fprintf(stderr, "gemm: row %d done, C[i][0] = %f\n", i, C[i][0]);
#endif
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : NI;
  int ni = n < NI ? n : NI;
  int nj = n < NJ ? n : NJ;
  int nk = n < NK ? n : NK;
  DATA_TYPE alpha;
  DATA_TYPE beta;
  POLYBENCH_2D_ARRAY_DECL(C, DATA_TYPE, NI, NJ, ni, nj);
  POLYBENCH_2D_ARRAY_DECL(A, DATA_TYPE, NI, NK, ni, nk);
  POLYBENCH_2D_ARRAY_DECL(B, DATA_TYPE, NK, NJ, nk, nj);

  init_array(ni, nj, nk, &alpha, &beta, POLYBENCH_ARRAY(C), POLYBENCH_ARRAY(A), POLYBENCH_ARRAY(B));
  kernel_gemm(ni, nj, nk, alpha, beta, POLYBENCH_ARRAY(C), POLYBENCH_ARRAY(A), POLYBENCH_ARRAY(B));
  print_array(ni, nj, POLYBENCH_ARRAY(C));

  POLYBENCH_FREE_ARRAY(C);
  POLYBENCH_FREE_ARRAY(A);
  POLYBENCH_FREE_ARRAY(B);
  return 0;
}
