// PolyBench covariance: `int i, j, k;` at the top, three distributed loops
// (column means, centering, the symmetric covariance that writes cov[i][j]
// and cov[j][i] from the diagonal on), inner loops reusing j and k, global
// fixed arrays passed as array parameters with map clauses.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: i after 28
// CHECK: mean[0]=1.906250
#include <stdio.h>

#define M 28
#define N 32

static double data[N][M], cov[M][M], mean[M];

static void init(int m, int n, double data[N][M]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      data[i][j] = ((double)i * j) / M + (i % 5);
}

static int kernel_covariance(int m, int n, double float_n, double data[N][M], double cov[M][M],
                             double *mean) {
  int i, j, k;
#pragma scop
#pragma par distribute map(from : mean[0:m]) map(to : data[0:n])
  for (j = 0; j < m; j++) {
    mean[j] = 0.0;
    for (i = 0; i < n; i++)
      mean[j] += data[i][j];
    mean[j] /= float_n;
  }

#pragma par distribute map(tofrom : data[0:n]) map(to : mean[0:m])
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++)
      data[i][j] -= mean[j];

#pragma par distribute map(to : data[0:n]) map(tofrom : cov[0:m])
  for (i = 0; i < m; i++)
    for (j = i; j < m; j++) {
      cov[i][j] = 0.0;
      for (k = 0; k < n; k++)
        cov[i][j] += data[k][i] * data[k][j];
      cov[i][j] /= (float_n - 1.0);
      cov[j][i] = cov[i][j];
    }
#pragma endscop
  return i;
}

int main(void) {
  init(M, N, data);
  int i = kernel_covariance(M, N, (double)N, data, cov, mean);
  printf("i after %d\n", i);
  printf("mean[0]=%f\n", mean[0]);
  for (int i = 0; i < M; i += 9)
    printf("cov[%d] %.10f %.10f %.10f\n", i, cov[i][0], cov[i][i], cov[i][M - 1]);
  double s = 0;
  for (int a = 0; a < M; a++)
    for (int b = 0; b < M; b++)
      s += cov[a][b] * (a * M + b + 1);
  printf("weighted %.8e\n", s);
  return 0;
}
