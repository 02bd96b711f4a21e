// PolyBench jacobi-2d: `int t, i, j;` at the top, two distributed loops
// inside a serial time loop (each reads the other's output, with i-1 / i+1
// neighbour rows), inner loops over j made private automatically.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: t after 20 i after 49
#include <stdio.h>

#define N 50
#define TSTEPS 20

static double A[N][N], B[N][N];

static void kernel_jacobi_2d(int tsteps, int n, double A[N][N], double B[N][N], int *ti) {
  int t, i, j;
#pragma scop
  for (t = 0; t < tsteps; t++) {
#pragma par distribute map(to : A[0:n]) map(tofrom : B[0:n][0:N])
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        B[i][j] = 0.2 * (A[i][j] + A[i][j - 1] + A[i][1 + j] + A[1 + i][j] + A[i - 1][j]);
#pragma par distribute map(tofrom : A[0:n]) map(to : B[0:n])
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        A[i][j] = 0.2 * (B[i][j] + B[i][j - 1] + B[i][1 + j] + B[1 + i][j] + B[i - 1][j]);
  }
#pragma endscop
  ti[0] = t;
  ti[1] = i;
}

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = ((double)i * (j + 2) + 2) / N;
      B[i][j] = ((double)i * (j + 3) + 3) / N;
    }
  int ti[2];
  kernel_jacobi_2d(TSTEPS, N, A, B, ti);
  printf("t after %d i after %d\n", ti[0], ti[1]);
  double s = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      s += A[i][j] * (i + 1) + B[i][j] * (j + 1);
  printf("A[1][1]=%.12f A[25][30]=%.12f weighted %.10e\n", A[1][1], A[25][30], s);
  return 0;
}
