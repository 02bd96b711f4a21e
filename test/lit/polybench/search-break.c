// Searches inside a distributed loop: the body may not leave the distributed
// loop, but `break` out of an inner for or while loop, `break` in a switch,
// and `continue` of the distributed loop itself are all fine. Per row: the
// first column above a threshold (inner for with break), the length of the
// leading run of small values (while with break), a classification by a
// switch, and rows whose first entry is negative are skipped (continue).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 67
// RUN: %t.par | FileCheck %s
// CHECK: rows with a hit = 98
// CHECK: checksum first = 384104
#include <stdio.h>
#include <stdlib.h>

#define N 150
#define M 120
#define DATA_TYPE double
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n
#define _PB_M m

static void init_array(int n, int m, DATA_TYPE POLYBENCH_2D(A, N, M, n, m)) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      A[i][j] = (DATA_TYPE)((i * 37 + j * j * 11) % 1000) / 1000 - (j == 0 && i % 9 == 4 ? 2.0 : 0.0);
}

static void kernel_search(int n, int m, DATA_TYPE threshold, DATA_TYPE POLYBENCH_2D(A, N, M, n, m),
                          int POLYBENCH_1D(first, N, n), int POLYBENCH_1D(run, N, n), int POLYBENCH_1D(kind, N, n),
                          long *hits) {
  int i, j;
  long nhit = 0;

#pragma scop
  /* j also counts the while loop, not only a for header, so it is listed
     in private(j): parcc makes only the counters of inner for loops private
     by itself. */
#pragma par distribute private(j) map(to: A[0:n]) map(tofrom: first[0:n], run[0:n], kind[0:n]) reduction(+: nhit)
  for (i = 0; i < _PB_N; i++) {
    if (A[i][0] < 0) {
      first[i] = -2;
      run[i] = -2;
      kind[i] = -2;
      continue;
    }
    first[i] = -1;
    for (j = 0; j < _PB_M; j++) {
      if (A[i][j] > threshold) {
        first[i] = j;
        break;
      }
    }
    j = 0;
    while (1) {
      if (j >= _PB_M || A[i][j] >= 0.5)
        break;
      j++;
    }
    run[i] = j;
    switch (first[i] % 4) {
    case 0:
      kind[i] = 10;
      break;
    case 1:
    case 2:
      kind[i] = 20;
      break;
    default:
      kind[i] = 30;
      break;
    }
    if (first[i] >= 0)
      nhit++;
  }
#pragma endscop
  *hits = nhit;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int m = M;
  int i;
  long hits, checksum = 0;
  static DATA_TYPE A[N][M];
  static int first[N], run[N], kind[N];
  if (n > N)
    n = N;
  init_array(n, m, A);
  kernel_search(n, m, 0.99, A, first, run, kind, &hits);
  printf("first:");
  for (i = 0; i < n; i++) {
    if (i % 25 == 0)
      printf("\n");
    printf("%d ", first[i]);
    checksum += (long)(first[i] + 3) * (i + 1) + run[i] * 7 + kind[i];
  }
  printf("\nrows with a hit = %ld\n", hits);
  printf("checksum first = %ld\n", checksum);
  return 0;
}
