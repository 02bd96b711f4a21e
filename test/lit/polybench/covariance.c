// PolyBench/C 4.2 covariance: column means, centring, then the upper
// triangle of cov, mirrored with cov[j][i] = cov[i][j] (a write to another
// row than the iteration's own: disjoint, so allowed). float_n is a scalar
// read in every loop.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 29
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par | FileCheck %s
// CHECK: checksum cov = 812345.625000
#include <stdio.h>
#include <stdlib.h>

#define M 70
#define N 90
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int m, int n, DATA_TYPE *float_n, DATA_TYPE POLYBENCH_2D(data, N, M, n, m)) {
  int i, j;
  *float_n = (DATA_TYPE)n;
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      data[i][j] = ((DATA_TYPE)i * j) / M;
}

static void print_array(int m, DATA_TYPE POLYBENCH_2D(cov, M, M, m, m)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "cov");
  for (i = 0; i < m; i++)
    for (j = 0; j < m; j++) {
      if ((i * 7 + j) % 11 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", cov[i][j]);
      }
      checksum += cov[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "cov");
  printf("checksum cov = %.6f\n", checksum);
}

static void kernel_covariance(int m, int n, DATA_TYPE float_n, DATA_TYPE POLYBENCH_2D(data, N, M, n, m),
                              DATA_TYPE POLYBENCH_2D(cov, M, M, m, m), DATA_TYPE POLYBENCH_1D(mean, M, m)) {
  int i, j, k;

#pragma scop
#pragma par distribute map(from: mean[0:m]) map(to: data[0:n])
  for (j = 0; j < _PB_M; j++) {
    mean[j] = SCALAR_VAL(0.0);
    for (i = 0; i < _PB_N; i++)
      mean[j] += data[i][j];
    mean[j] /= float_n;
  }

#pragma par distribute map(tofrom: data[0:n]) map(to: mean[0:m])
  for (i = 0; i < _PB_N; i++)
    for (j = 0; j < _PB_M; j++)
      data[i][j] -= mean[j];

#pragma par distribute map(tofrom: cov[0:m]) map(to: data[0:n])
  for (i = 0; i < _PB_M; i++)
    for (j = i; j < _PB_M; j++) {
      cov[i][j] = SCALAR_VAL(0.0);
      for (k = 0; k < _PB_N; k++)
        cov[i][j] += data[k][i] * data[k][j];
      cov[i][j] /= (float_n - SCALAR_VAL(1.0));
      cov[j][i] = cov[i][j];
    }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int m = M;
  DATA_TYPE float_n;
  DATA_TYPE(*data)[N][M] = malloc(sizeof *data);
  DATA_TYPE(*cov)[M][M] = malloc(sizeof *cov);
  DATA_TYPE *mean = malloc(M * sizeof(DATA_TYPE));
  if (n > N)
    n = N;
  init_array(m, n, &float_n, *data);
  kernel_covariance(m, n, float_n, *data, *cov, mean);
  print_array(m, *cov);
  free(data);
  free(cov);
  free(mean);
  return 0;
}
