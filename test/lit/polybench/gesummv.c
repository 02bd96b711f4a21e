// PolyBench/C 4.2 gesummv: y := alpha*A*x + beta*B*x. The port accumulates
// in two scalar temporaries declared at the top of the kernel (t_a, t_b), so
// they are private(...); the inner counter j needs no clause.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 53
// RUN: %t.par | FileCheck %s
// CHECK: checksum y = 11052.225000
#include <stdio.h>
#include <stdlib.h>

#define N 130
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_N n

static void init_array(int n, DATA_TYPE *alpha, DATA_TYPE *beta, DATA_TYPE POLYBENCH_2D(A, N, N, n, n),
                       DATA_TYPE POLYBENCH_2D(B, N, N, n, n), DATA_TYPE POLYBENCH_1D(x, N, n)) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < n; i++) {
    x[i] = (DATA_TYPE)(i % N) / N;
    for (j = 0; j < n; j++) {
      A[i][j] = (DATA_TYPE)((i * j + 1) % N) / N;
      B[i][j] = (DATA_TYPE)((i * j + 2) % N) / N;
    }
  }
}

static void print_array(int n, DATA_TYPE POLYBENCH_1D(y, N, n)) {
  int i;
  double checksum = 0.0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "y");
  for (i = 0; i < n; i++) {
    if (i % 20 == 0)
      printf("\n");
    printf("%0.2lf ", y[i]);
    checksum += y[i];
  }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "y");
  printf("checksum y = %.6f\n", checksum);
}

static void kernel_gesummv(int n, DATA_TYPE alpha, DATA_TYPE beta, DATA_TYPE POLYBENCH_2D(A, N, N, n, n),
                           DATA_TYPE POLYBENCH_2D(B, N, N, n, n), DATA_TYPE POLYBENCH_1D(tmp, N, n),
                           DATA_TYPE POLYBENCH_1D(x, N, n), DATA_TYPE POLYBENCH_1D(y, N, n)) {
  int i, j;
  DATA_TYPE t_a, t_b;

#pragma scop
#pragma par distribute private(t_a, t_b) map(to: A[0:n], B[0:n], x[0:n]) map(from: tmp[0:n], y[0:n])
  for (i = 0; i < _PB_N; i++) {
    t_a = SCALAR_VAL(0.0);
    t_b = SCALAR_VAL(0.0);
    for (j = 0; j < _PB_N; j++) {
      t_a = A[i][j] * x[j] + t_a;
      t_b = B[i][j] * x[j] + t_b;
    }
    tmp[i] = t_a;
    y[i] = alpha * t_a + beta * t_b;
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  static DATA_TYPE A[N][N], B[N][N], tmp[N], x[N], y[N];
  DATA_TYPE alpha, beta;
  if (n > N)
    n = N;
  init_array(n, &alpha, &beta, A, B, x);
  kernel_gesummv(n, alpha, beta, A, B, tmp, x, y);
  print_array(n, y);
  return 0;
}
