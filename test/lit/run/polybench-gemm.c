// PolyBench style: `int i, j, k;` declared at the top of the kernel, the
// distributed loop over i with inner loops over j and k that reuse those
// variables (made private automatically), array parameters C[NI][NJ], and
// `#pragma scop`. After the loop i has its serial value.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: i after 60
// CHECK: C[0][0]=0.020000 C[59][69]=28.042679
#include <stdio.h>

#define NI 60
#define NJ 70
#define NK 80

static double C[NI][NJ], A[NI][NK], B[NK][NJ];

static void init(int ni, int nj, int nk) {
  int i, j;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++)
      C[i][j] = (double)((i * j + 1) % ni) / ni;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nk; j++)
      A[i][j] = (double)(i * (j + 1) % nk) / nk;
  for (i = 0; i < nk; i++)
    for (j = 0; j < nj; j++)
      B[i][j] = (double)(i * (j + 2) % nj) / nj;
}

static int kernel_gemm(int ni, int nj, int nk, double alpha, double beta, double C[NI][NJ],
                       double A[NI][NK], double B[NK][NJ]) {
  int i, j, k;
#pragma scop
#pragma par distribute map(tofrom : C[0:ni]) map(to : A[0:ni], B[0:nk])
  for (i = 0; i < ni; i++) {
    for (j = 0; j < nj; j++)
      C[i][j] *= beta;
    for (k = 0; k < nk; k++)
      for (j = 0; j < nj; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
#pragma endscop
  return i;
}

int main(void) {
  init(NI, NJ, NK);
  int i = kernel_gemm(NI, NJ, NK, 1.5, 1.2, C, A, B);
  printf("i after %d\n", i);
  double sum = 0;
  for (int r = 0; r < NI; r++)
    for (int c = 0; c < NJ; c++)
      sum += C[r][c] * (r + c + 1);
  printf("C[0][0]=%f C[59][69]=%f\n", C[0][0], C[NI - 1][NJ - 1]);
  printf("weighted %.6e\n", sum);
  return 0;
}
