// Slices whose halos overlap: each iteration i with i % 3 == 0 writes
// x[i-1], x[i] and x[i+1] (offsets -1..1, race-free: the triples are
// disjoint), so the elements at a task's edges are written by the task or
// by its neighbour, while its core is its own. A 2-D variant writes whole
// rows r-1..r+1 of g with some values equal to what was there (unchanged
// scalars in the middle of written rows), and another keeps every third row
// as it was. Under parrun every task sends back its core whole and compares
// only its edges: nothing may be lost or overwritten with stale values.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 3001
// RUN: %run-compare %t.par %t.ser 100
// RUN: %run-compare %t.par %t.ser 4
// RUN: %t.par 3001 | FileCheck %s
// CHECK: x sum 13516503 first 1 last 9002
// CHECK: g sum 2356754.0 hash 62960340313061140
#include <stdio.h>
#include <stdlib.h>

#define M 7

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 3001;
  long *x = malloc((size_t)(n + 3) * sizeof *x);
  double (*g)[M] = malloc((size_t)(n + 3) * sizeof *g);
  for (int i = 0; i < n + 3; i++) {
    x[i] = -1;
    for (int j = 0; j < M; j++) g[i][j] = (i % 5) * 10 + j;
  }
  long *xs = x + 1; /* xs[-1 .. n+1] are valid */
  double (*gs)[M] = g + 1;

#pragma par distribute map(tofrom : xs[-1:n + 2])
  for (int i = 0; i < n; i++) {
    if (i % 3 == 0) {
      xs[i - 1] = 3L * i;
      xs[i] = 3L * i + 1;
      xs[i + 1] = 3L * i + 2;
    }
  }

#pragma par distribute map(tofrom : gs[-1:n + 2][0:M])
  for (int r = 0; r < n; r++) {
    if (r % 3 == 1) {
      for (int j = 0; j < M; j++) {
        gs[r - 1][j] = j % 2 ? gs[r - 1][j] : r + j;  /* odd j: the same value */
        gs[r][j] = r * 0.5 + j;
        gs[r + 1][j] = j == 3 ? gs[r + 1][j] : -r - j; /* j 3: the same value */
      }
    }
  }

  long sx = 0;
  for (int i = 0; i < n + 2; i++) sx += xs[i - 1] < 0 ? 0 : xs[i - 1];
  double sg = 0;
  unsigned long h = 0;
  for (int i = 0; i < n + 3; i++)
    for (int j = 0; j < M; j++) {
      sg += g[i][j];
      h = h * 31 + (unsigned long)(long)(g[i][j] * 2);
    }
  printf("x sum %ld first %ld last %ld\n", sx, xs[0], xs[n - 1 + 1 - (n % 3 == 0 ? 1 : 0)]);
  printf("g sum %.1f hash %lu\n", sg, h);
  free(x);
  free(g);
  return 0;
}
