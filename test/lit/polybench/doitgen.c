// PolyBench/C 4.2 doitgen: A[r][q][*] := A[r][q][*] * C4. PolyBench passes
// the scratch vector sum as a parameter; an OpenMP port makes it a local
// array, private to each iteration: private(sum) on a fixed-size array.
// A is a 3-D parameter (a pointer to 2-D slabs): map(tofrom: A[0:nr]).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 7
// RUN: %t.par | FileCheck %s
// CHECK: checksum A = 93115.000000
#include <stdio.h>
#include <stdlib.h>

#define NQ 20
#define NR 25
#define NP 30
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define POLYBENCH_3D(var, d1, d2, d3, dd1, dd2, dd3) var[d1][d2][d3]
#define _PB_NQ nq
#define _PB_NR nr
#define _PB_NP np

static void init_array(int nr, int nq, int np, DATA_TYPE POLYBENCH_3D(A, NR, NQ, NP, nr, nq, np),
                       DATA_TYPE POLYBENCH_2D(C4, NP, NP, np, np)) {
  int i, j, k;
  for (i = 0; i < nr; i++)
    for (j = 0; j < nq; j++)
      for (k = 0; k < np; k++)
        A[i][j][k] = (DATA_TYPE)((i * j + k) % np) / np;
  for (i = 0; i < np; i++)
    for (j = 0; j < np; j++)
      C4[i][j] = (DATA_TYPE)(i * j % np) / np;
}

static void print_array(int nr, int nq, int np, DATA_TYPE POLYBENCH_3D(A, NR, NQ, NP, nr, nq, np)) {
  int i, j, k;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "A");
  for (i = 0; i < nr; i++)
    for (j = 0; j < nq; j++)
      for (k = 0; k < np; k++) {
        if ((i + j + k) % 23 == 0) {
          if (printed++ % 10 == 0)
            printf("\n");
          printf("%0.2lf ", A[i][j][k]);
        }
        checksum += A[i][j][k];
      }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "A");
  printf("checksum A = %.6f\n", checksum);
}

static void kernel_doitgen(int nr, int nq, int np, DATA_TYPE POLYBENCH_3D(A, NR, NQ, NP, nr, nq, np),
                           DATA_TYPE POLYBENCH_2D(C4, NP, NP, np, np)) {
  int r, q, p, s;
  DATA_TYPE sum[NP];

#pragma scop
#pragma par distribute private(sum) map(tofrom: A[0:nr]) map(to: C4[0:np])
  for (r = 0; r < _PB_NR; r++)
    for (q = 0; q < _PB_NQ; q++) {
      for (p = 0; p < _PB_NP; p++) {
        sum[p] = SCALAR_VAL(0.0);
        for (s = 0; s < _PB_NP; s++)
          sum[p] += A[r][q][s] * C4[s][p];
      }
      for (p = 0; p < _PB_NP; p++)
        A[r][q][p] = sum[p];
    }
#pragma endscop
}

int main(int argc, char **argv) {
  int nr = argc > 1 ? atoi(argv[1]) : NR;
  int nq = NQ, np = NP;
  DATA_TYPE(*A)[NR][NQ][NP] = malloc(sizeof *A);
  DATA_TYPE(*C4)[NP][NP] = malloc(sizeof *C4);
  if (nr > NR)
    nr = NR;
  init_array(nr, nq, np, *A, *C4);
  kernel_doitgen(nr, nq, np, *A, *C4);
  print_array(nr, nq, np, *A);
  free(A);
  free(C4);
  return 0;
}
