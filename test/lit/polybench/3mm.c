// PolyBench/C 4.2 3mm: G := (A*B)*(C*D), three distributed loop nests.
// E and F are written by one loop and read by the next; arrays are globals
// of fixed size passed to the kernel as parameters (so they need maps).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: checksum G = 50186.455082
#include <stdio.h>
#include <stdlib.h>

#define NI 40
#define NJ 50
#define NK 60
#define NL 70
#define NM 80
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.2lf "
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_NI ni
#define _PB_NJ nj
#define _PB_NK nk
#define _PB_NL nl
#define _PB_NM nm

static DATA_TYPE E[NI][NJ], A[NI][NK], B[NK][NJ], F[NJ][NL], C[NJ][NM], D[NM][NL], G[NI][NL];

static void init_array(int ni, int nj, int nk, int nl, int nm,
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                       DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj),
                       DATA_TYPE POLYBENCH_2D(C, NJ, NM, nj, nm),
                       DATA_TYPE POLYBENCH_2D(D, NM, NL, nm, nl)) {
  int i, j;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nk; j++)
      A[i][j] = (DATA_TYPE)((i * j + 1) % ni) / (5 * ni);
  for (i = 0; i < nk; i++)
    for (j = 0; j < nj; j++)
      B[i][j] = (DATA_TYPE)((i * (j + 1) + 2) % nj) / (5 * nj);
  for (i = 0; i < nj; i++)
    for (j = 0; j < nm; j++)
      C[i][j] = (DATA_TYPE)(i * (j + 3) % nl) / (5 * nl);
  for (i = 0; i < nm; i++)
    for (j = 0; j < nl; j++)
      D[i][j] = (DATA_TYPE)((i * (j + 2) + 2) % nk) / (5 * nk);
}

static void print_array(int ni, int nl, DATA_TYPE POLYBENCH_2D(G, NI, NL, ni, nl)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "G");
  for (i = 0; i < ni; i++)
    for (j = 0; j < nl; j++) {
      if (i % 3 == 0 && j % 5 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf(DATA_PRINTF_MODIFIER, G[i][j]);
      }
      checksum += G[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "G");
  printf("checksum G = %.6f\n", checksum);
}

static void kernel_3mm(int ni, int nj, int nk, int nl, int nm,
                       DATA_TYPE POLYBENCH_2D(E, NI, NJ, ni, nj),
                       DATA_TYPE POLYBENCH_2D(A, NI, NK, ni, nk),
                       DATA_TYPE POLYBENCH_2D(B, NK, NJ, nk, nj),
                       DATA_TYPE POLYBENCH_2D(F, NJ, NL, nj, nl),
                       DATA_TYPE POLYBENCH_2D(C, NJ, NM, nj, nm),
                       DATA_TYPE POLYBENCH_2D(D, NM, NL, nm, nl),
                       DATA_TYPE POLYBENCH_2D(G, NI, NL, ni, nl)) {
  int i, j, k;

#pragma scop
  /* E := A*B */
#pragma par distribute map(from: E[0:ni]) map(to: A[0:ni], B[0:nk])
  for (i = 0; i < _PB_NI; i++)
    for (j = 0; j < _PB_NJ; j++) {
      E[i][j] = 0.0;
      for (k = 0; k < _PB_NK; ++k)
        E[i][j] += A[i][k] * B[k][j];
    }
  /* F := C*D */
#pragma par distribute map(from: F[0:nj]) map(to: C[0:nj], D[0:nm])
  for (i = 0; i < _PB_NJ; i++)
    for (j = 0; j < _PB_NL; j++) {
      F[i][j] = 0.0;
      for (k = 0; k < _PB_NM; ++k)
        F[i][j] += C[i][k] * D[k][j];
    }
  /* G := E*F */
#pragma par distribute map(from: G[0:ni]) map(to: E[0:ni], F[0:nj])
  for (i = 0; i < _PB_NI; i++)
    for (j = 0; j < _PB_NL; j++) {
      G[i][j] = 0.0;
      for (k = 0; k < _PB_NJ; ++k)
        G[i][j] += E[i][k] * F[k][j];
    }
#pragma endscop
}

int main(void) {
  int ni = NI, nj = NJ, nk = NK, nl = NL, nm = NM;
  init_array(ni, nj, nk, nl, nm, A, B, C, D);
  kernel_3mm(ni, nj, nk, nl, nm, E, A, B, F, C, D, G);
  print_array(ni, nl, G);
  return 0;
}
