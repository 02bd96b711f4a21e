// PolyBench/C 4.2 correlation: means, standard deviations (sqrt, an eps
// guard), normalisation, then the upper triangle of corr mirrored below.
// The port keeps sums in scalar temporaries declared at the top (mean_j,
// sd_j, sum), made private; corr[m-1][m-1] is set after the loops.
// RUN: %parcc -O2 %s -o %t.par -lm && %serialcc -O2 %s -o %t.ser -lm
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 31
// RUN: %t.par | FileCheck %s
// CHECK: checksum corr = 1388.117622
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define M 64
#define N 77
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define SQRT_FUN(x) sqrt(x)
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_M m
#define _PB_N n

static void init_array(int m, int n, DATA_TYPE *float_n, DATA_TYPE POLYBENCH_2D(data, N, M, n, m)) {
  int i, j;
  *float_n = (DATA_TYPE)n;
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      data[i][j] = (DATA_TYPE)((i * j) % 17) / M + (i * (j + 1)) % 5;
}

static void print_array(int m, DATA_TYPE POLYBENCH_2D(corr, M, M, m, m)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "corr");
  for (i = 0; i < m; i++)
    for (j = 0; j < m; j++) {
      if ((i + 2 * j) % 13 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", corr[i][j]);
      }
      checksum += corr[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "corr");
  printf("checksum corr = %.6f\n", checksum);
}

static void kernel_correlation(int m, int n, DATA_TYPE float_n, DATA_TYPE POLYBENCH_2D(data, N, M, n, m),
                               DATA_TYPE POLYBENCH_2D(corr, M, M, m, m), DATA_TYPE POLYBENCH_1D(mean, M, m),
                               DATA_TYPE POLYBENCH_1D(stddev, M, m)) {
  int i, j, k;
  DATA_TYPE mean_j, sd_j, sum;
  DATA_TYPE eps = SCALAR_VAL(0.1);

#pragma scop
#pragma par distribute private(mean_j, sd_j) map(to: data[0:n]) map(from: mean[0:m], stddev[0:m])
  for (j = 0; j < _PB_M; j++) {
    mean_j = SCALAR_VAL(0.0);
    for (i = 0; i < _PB_N; i++)
      mean_j += data[i][j];
    mean_j /= float_n;
    sd_j = SCALAR_VAL(0.0);
    for (i = 0; i < _PB_N; i++)
      sd_j += (data[i][j] - mean_j) * (data[i][j] - mean_j);
    sd_j /= float_n;
    sd_j = SQRT_FUN(sd_j);
    /* The following in an inelegant but usual way to handle
       near-zero std. dev. values, which below would cause a zero-
       divide. */
    stddev[j] = sd_j <= eps ? SCALAR_VAL(1.0) : sd_j;
    mean[j] = mean_j;
  }

  /* Center and reduce the column vectors. */
#pragma par distribute map(tofrom: data[0:n]) map(to: mean[0:m], stddev[0:m])
  for (i = 0; i < _PB_N; i++)
    for (j = 0; j < _PB_M; j++) {
      data[i][j] -= mean[j];
      data[i][j] /= SQRT_FUN(float_n) * stddev[j];
    }

  /* Calculate the m * m correlation matrix. */
#pragma par distribute private(sum) map(tofrom: corr[0:m]) map(to: data[0:n])
  for (i = 0; i < _PB_M - 1; i++) {
    corr[i][i] = SCALAR_VAL(1.0);
    for (j = i + 1; j < _PB_M; j++) {
      sum = SCALAR_VAL(0.0);
      for (k = 0; k < _PB_N; k++)
        sum += (data[k][i] * data[k][j]);
      corr[i][j] = sum;
      corr[j][i] = sum;
    }
  }
  corr[_PB_M - 1][_PB_M - 1] = SCALAR_VAL(1.0);
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int m = M;
  DATA_TYPE float_n;
  static DATA_TYPE data[N][M], corr[M][M], mean[M], stddev[M];
  if (n > N)
    n = N;
  init_array(m, n, &float_n, data);
  kernel_correlation(m, n, float_n, data, corr, mean, stddev);
  print_array(m, corr);
  return 0;
}
