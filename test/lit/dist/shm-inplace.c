// Workers on the driver's host use its large arrays in place, in shared
// memory (runtime/shm.h), and give the same bits as the serial build: to and
// from arrays (a triad), a tofrom stencil with halos (row slices), scattered
// writes to a whole tofrom array, a reduction over a shared array, an array
// grown with realloc, one from calloc, and an array freed and allocated
// again between loops. PolyBench style: sizes from macros, indices declared
// at the top, a parameter `double A[N][M]`.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: env PAR_SHM=0 %run-compare %t.par %t.ser
// With workers on this host, the arrays are used in place (the worker says
// so at PAR_LOG=debug); PAR_SHM=0 copies them. The sanitizers' own malloc
// leaves no room for the shared allocator.
// RUN: %if !sanitize %{ env PAR_LOG=debug PAR_REMOTE_MIN_US=0 %parrun -n 2 %t.par 2>&1 >/dev/null | FileCheck %s --check-prefix=SHM %}
// RUN: env PAR_SHM=0 PAR_LOG=debug PAR_REMOTE_MIN_US=0 %parrun -n 2 %t.par 2>&1 >/dev/null | FileCheck %s --check-prefix=COPY
// SHM-DAG: loop 'main:{{[0-9]+}}': 'b' is used in place, in the driver's shared memory
// SHM-DAG: loop 'stencil:{{[0-9]+}}': 'B' is used in place, in the driver's shared memory
// COPY-NOT: in the driver's shared memory
// A bad value is an error naming the variable.
// RUN: env PAR_SHM=yes not %parrun -n 1 %t.par 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: PAR_SHM='yes' must be 0 or 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 600
#define M 512
#define LEN (1 << 18)

static void stencil(double A[N][M], double B[N][M]) {
  int i, j;
#pragma par distribute map(to : A[0:N]) map(tofrom : B[0:N])
  for (i = 1; i < N - 1; i++)
    for (j = 1; j < M - 1; j++)
      B[i][j] = 0.25 * (A[i - 1][j] + A[i + 1][j] + A[i][j - 1] + A[i][j + 1]);
}

int main(void) {
  int i, k;
  double *a = malloc(LEN * sizeof *a), *b = malloc(LEN * sizeof *b);
  double *c = calloc(LEN, sizeof *c);
  double s = 3.0;
  for (i = 0; i < LEN; i++) b[i] = i * 0.5, c[i] = (i % 97) * 0.25;
#pragma par distribute map(from : a[0:LEN]) map(to : b[0:LEN], c[0:LEN])
  for (i = 0; i < LEN; i++) a[i] = b[i] + s * c[i];

  double(*grid)[M] = malloc(sizeof(double[N][M]));
  double(*next)[M] = malloc(sizeof(double[N][M]));
  for (i = 0; i < N; i++)
    for (k = 0; k < M; k++) grid[i][k] = next[i][k] = (i * 7 + k * 3) % 11;
  for (k = 0; k < 4; k++) {
    stencil(grid, next);
    stencil(next, grid);
  }

  int *perm = malloc(LEN * sizeof *perm);
  for (i = 0; i < LEN; i++) perm[i] = (int)(((long)i * 7919) % LEN);
  double *scat = malloc(LEN * sizeof *scat);
  for (i = 0; i < LEN; i++) scat[i] = -1;
#pragma par distribute map(to : perm[0:LEN], a[0:LEN]) map(tofrom : scat[0:LEN])
  for (i = 0; i < LEN; i++) scat[perm[i]] = a[i] * 2;

  double sum = 0;
  a = realloc(a, 2 * LEN * sizeof *a);
  for (i = LEN; i < 2 * LEN; i++) a[i] = i;
#pragma par distribute map(to : a[0:2 * LEN]) reduction(+ : sum)
  for (i = 0; i < 2 * LEN; i++) sum += a[i];

  free(b);
  b = malloc(LEN * sizeof *b);
  memset(b, 0, LEN * sizeof *b);
#pragma par distribute map(tofrom : b[0:LEN]) map(to : scat[0:LEN])
  for (i = 0; i < LEN; i++) b[i] += scat[i] + 1;

  double g = 0, t = 0;
  for (i = 0; i < N; i++)
    for (k = 0; k < M; k++) g += grid[i][k] * (i + 1);
  for (i = 0; i < LEN; i++) t += b[i] * (i % 13);
  printf("a %.17g %.17g\n", a[LEN - 1], a[12345]);
  printf("grid %.17g\n", g);
  printf("scat %.17g %.17g\n", scat[0], scat[LEN - 1]);
  printf("sum %.17g b %.17g\n", sum, t);
  free(a), free(b), free(c), free(grid), free(next), free(perm), free(scat);
  return 0;
}
