// doitgen, factored the way application code often is: the private scratch
// arrays are handed to helpers, one by address (`&sum`, a pointer to the
// whole array) and one decayed to a pointer (`row`), and a private struct of
// counters is updated through a pointer too. Each iteration's private copies
// are its own, so the helpers never see another iteration's data.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 11
// RUN: %t.par | FileCheck %s
// CHECK: checksum A = 42422.000000
// CHECK: nonzero = 8464
#include <stdio.h>
#include <stdlib.h>

#define NQ 16
#define NR 23
#define NP 24
#define DATA_TYPE double

struct stats {
  long nonzero;
  long visited;
};

static void init_array(int nr, int nq, int np, DATA_TYPE A[NR][NQ][NP], DATA_TYPE C4[NP][NP]) {
  int i, j, k;
  for (i = 0; i < nr; i++)
    for (j = 0; j < nq; j++)
      for (k = 0; k < np; k++)
        A[i][j][k] = (DATA_TYPE)((i * j + k) % np) / np;
  for (i = 0; i < np; i++)
    for (j = 0; j < np; j++)
      C4[i][j] = (DATA_TYPE)(i * j % np) / np;
}

/* sum := row * C4, through a pointer to the caller's whole array. */
static void row_times_c4(int np, DATA_TYPE (*sum)[NP], const DATA_TYPE *row, DATA_TYPE C4[NP][NP]) {
  int p, s;
  for (p = 0; p < np; p++) {
    (*sum)[p] = 0.0;
    for (s = 0; s < np; s++)
      (*sum)[p] += row[s] * C4[s][p];
  }
}

static void copy_back(int np, DATA_TYPE *dst, const DATA_TYPE *src, struct stats *st) {
  int p;
  for (p = 0; p < np; p++) {
    dst[p] = src[p];
    st->visited++;
    if (src[p] != 0.0)
      st->nonzero++;
  }
}

static void kernel_doitgen(int nr, int nq, int np, DATA_TYPE A[NR][NQ][NP], DATA_TYPE C4[NP][NP],
                           long *nonzero) {
  int r, q, p;
  DATA_TYPE sum[NP];
  DATA_TYPE row[NP];
  struct stats st;
  long nz = 0;

#pragma par distribute private(sum, row, st) reduction(+: nz) map(tofrom: A[0:nr]) map(to: C4[0:np])
  for (r = 0; r < nr; r++) {
    st.nonzero = 0;
    st.visited = 0;
    for (q = 0; q < nq; q++) {
      for (p = 0; p < np; p++)
        row[p] = A[r][q][p];
      row_times_c4(np, &sum, row, C4);
      copy_back(np, A[r][q], sum, &st);
    }
    if (st.visited != (long)nq * np)
      st.nonzero = -1000000; /* would show in the output */
    nz += st.nonzero;
  }
  *nonzero = nz;
}

int main(int argc, char **argv) {
  int nr = argc > 1 ? atoi(argv[1]) : NR;
  static DATA_TYPE A[NR][NQ][NP], C4[NP][NP];
  long nonzero;
  int i, j, k;
  double checksum = 0.0;
  if (nr > NR)
    nr = NR;
  init_array(nr, NQ, NP, A, C4);
  kernel_doitgen(nr, NQ, NP, A, C4, &nonzero);
  for (i = 0; i < nr; i++)
    for (j = 0; j < NQ; j++)
      for (k = 0; k < NP; k++)
        checksum += A[i][j][k];
  printf("A[0][1][2] = %0.2lf, A[nr-1][NQ-1][NP-1] = %0.2lf\n", A[0][1][2], A[nr - 1][NQ - 1][NP - 1]);
  printf("checksum A = %.6f\n", checksum);
  printf("nonzero = %ld\n", nonzero);
  return 0;
}
