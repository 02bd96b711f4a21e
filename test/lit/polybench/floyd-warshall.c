// PolyBench/C 4.2 floyd-warshall on int paths: the k loop is serial, the i
// loop inside it is distributed (row k is read by every iteration and is
// never changed in step k, since path[k][k] > 0). Then a summary loop uses
// min, max and + reductions over ints (exact at any worker count).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 59
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par | FileCheck %s
// CHECK: checksum path = 1891023
// CHECK: shortest = 1, longest = 8, unreachable = 0
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#define N 100
#define DATA_TYPE int
#define DATA_PRINTF_MODIFIER "%d "
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

static void init_array(int n, DATA_TYPE POLYBENCH_2D(path, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      path[i][j] = i * j % 7 + 1;
      /* PolyBench removes the edges with (i + j) % 13, 7 or 11 == 0; this
         graph is sparser, so that paths are longer and some are missing. */
      if ((i * 5 + j * 3) % 17 >= 2 || (i + j) % 13 == 0)
        path[i][j] = 999;
    }
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(path, N, N, n, n)) {
  int i, j;
  long checksum = 0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "path");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if ((i * 3 + j) % 19 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf(DATA_PRINTF_MODIFIER, path[i][j]);
      }
      checksum += path[i][j] * (long)(i + 1);
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "path");
  printf("checksum path = %ld\n", checksum);
}

static void kernel_floyd_warshall(int n, DATA_TYPE POLYBENCH_2D(path, N, N, n, n)) {
  int i, j, k;

#pragma scop
  for (k = 0; k < _PB_N; k++) {
#pragma par distribute map(tofrom: path[0:n])
    for (i = 0; i < _PB_N; i++)
      for (j = 0; j < _PB_N; j++)
        if (path[i][k] + path[k][j] < path[i][j])
          path[i][j] = path[i][k] + path[k][j];
  }
#pragma endscop
}

static void summarize(int n, DATA_TYPE POLYBENCH_2D(path, N, N, n, n)) {
  int i, j;
  int shortest = INT_MAX, longest = 0;
  long unreachable = 0;

#pragma par distribute map(to: path[0:n]) reduction(min: shortest) reduction(max: longest) reduction(+: unreachable)
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if (path[i][j] >= 999) {
        unreachable++;
        continue;
      }
      if (path[i][j] < shortest)
        shortest = path[i][j];
      if (path[i][j] > longest)
        longest = path[i][j];
    }
  printf("shortest = %d, longest = %d, unreachable = %ld\n", n ? shortest : 0, longest, unreachable);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  DATA_TYPE(*path)[N][N] = malloc(sizeof *path);
  if (n > N)
    n = N;
  init_array(n, *path);
  kernel_floyd_warshall(n, *path);
  print_array(n, *path);
  summarize(n, *path);
  free(path);
  return 0;
}
