// Whole tofrom arrays whose changes are scattered: a transposed write
// (B[j][i] in a loop over i: a column, one element per row) and writes
// through a permutation (out[perm[k]]). A worker sends such changes as one
// masked segment per array (docs/protocol.md), not a segment (and past
// 1024 a DATA message) per element. The output is the serial build's at
// every worker count, and the bytes that come back stay near the values
// written (2 MiB of `out` values plus a 64 KiB mask a result; a segment per
// element, about 3 times that).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: env SCATTER_ONLY=1 PAR_REMOTE_MIN_US=0 %parrun --stats -n 2 %t.par 2>&1 >/dev/null \
// RUN:   | awk '/^loop main:/ { v = $(NF-2); u = $(NF-1); \
// RUN:       mib = u == "MiB" ? v : u == "KiB" ? v / 1024 : u == "GiB" ? v * 1024 : 0; \
// RUN:       print (mib < 4.5 ? "small" : "large"), v, u }' | FileCheck %s --check-prefix=BYTES
// BYTES: small
// BYTES-NOT: large
#include <stdio.h>
#include <stdlib.h>

#define N 700
#define M (1 << 19)
#define K (1 << 18)

static double A[N][N], B[N][N];
static double out[M];
static int perm[K];

static void transpose(double a[N][N], double b[N][N]) {
  int i, j;
#pragma scop
#pragma par distribute map(to: a[0:N]) map(tofrom: b[0:N])
  for (i = 0; i < N; i++)
    for (j = 0; j < N; j++) {
#ifdef SCALE
      b[j][i] = a[i][j] * SCALE;
#else
      b[j][i] = a[i][j] * 2 + i;
#endif
    }
#pragma endscop
}

int main(void) {
  int i, j, k;
  for (i = 0; i < N; i++)
    for (j = 0; j < N; j++) A[i][j] = (double)((i * 31 + j * 17) % 101) / 7;
  for (k = 0; k < K; k++) perm[k] = (int)(((long)k * 40503) % M);
  for (k = 0; k < M; k++) out[k] = k * 0.5;
  if (!getenv("SCATTER_ONLY")) transpose(A, B);
#pragma par distribute
  for (k = 0; k < K; k++) {
    double x = k;
    for (int r = 0; r < 50; r++) x = x * 0.9999 + 1;
    out[perm[k]] += x;
  }
  double s = 0, t = 0;
  for (i = 0; i < N; i++)
    for (j = 0; j < N; j++) s += B[i][j] * (1 + (i ^ j) % 7);
  for (k = 0; k < M; k++) t += out[k] * (1 + k % 5);
  printf("B %.17g\nout %.17g\n", s, t);
  printf("B[3][500] %.17g out[40503] %.17g\n", B[3][500], out[40503]);
  return 0;
}
