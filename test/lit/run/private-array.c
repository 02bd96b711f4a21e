// private(row) on a fixed-size array: each iteration fills its own copy,
// prefix-sums it in place and stores the last element; a shared copy would
// be overwritten by other tasks. A 2-D private array too.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 4001
// RUN: %run-compare %t.par %t.ser 2
// RUN: %t.par 4001 | FileCheck %s
// CHECK: out[0]=120 out[1]=152 out[n-1]=128120
// CHECK: grid[0]=0 grid[n-1]=39996
#include <stdio.h>
#include <stdlib.h>

#define W 16

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  long *grid_out = malloc(n * sizeof *grid_out);
  long row[W];
  int grid[3][4];

#pragma par distribute private(row) map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < W; k++)
      row[k] = k + 2 * i;
    for (int k = 1; k < W; k++)
      row[k] += row[k - 1];
    out[i] = row[W - 1]; /* 120 + 32 i */
  }

#pragma par distribute private(grid) map(from : grid_out[0:n])
  for (int i = 0; i < n; i++) {
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 4; c++)
        grid[r][c] = i * (r + c) / 3;
    long s = 0;
    for (int r = 0; r < 3; r++)
      for (int c = 0; c < 4; c++)
        s += grid[r][c];
    grid_out[i] = s;
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i] + 3 * grid_out[i];
  printf("out[0]=%ld out[1]=%ld out[n-1]=%ld\n", out[0], out[1], out[n - 1]);
  printf("grid[0]=%ld grid[n-1]=%ld\n", grid_out[0], grid_out[n - 1]);
  printf("sum %ld\n", sum);
  free(out);
  free(grid_out);
  return 0;
}
