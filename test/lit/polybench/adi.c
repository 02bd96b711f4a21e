// PolyBench/C 4.2 adi: alternating-direction implicit sweeps. The time loop
// outside counts down (t from TSTEPS to 1, which changes nothing, as t is
// not used in the body), and inside it the column sweep and the row sweep
// are distributed over i. Each iteration runs a forward recurrence over j
// and a backward one (j from n - 2 down to 1) on its own rows of p and q,
// and writes its own column of v (column sweep) or row of u (row sweep).
// The coefficients a .. f are local scalars, copied into the tasks.
// RUN: %parcc -O2 %s -o %t.par -lm && %serialcc -O2 %s -o %t.ser -lm
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 4
// RUN: %run-compare %t.par %t.ser 3
// RUN: %t.par | FileCheck %s
// CHECK: checksum u = 3600.000000
// CHECK: deviation from 1 = 5.916272515e+01
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TSTEPS 15
#define N 60
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_TSTEPS tsteps
#define _PB_N n

static void init_array(int n, DATA_TYPE POLYBENCH_2D(u, N, N, n, n)) {
  int i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++)
      u[i][j] = (DATA_TYPE)(i + n - j) / n;
}

static void print_array(int n, DATA_TYPE POLYBENCH_2D(u, N, N, n, n)) {
  int i, j;
  double checksum = 0.0, deviation = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "u");
  for (i = 0; i < n; i++)
    for (j = 0; j < n; j++) {
      if ((i * 2 + j) % 9 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", u[i][j]);
      }
      checksum += u[i][j];
      deviation += fabs(u[i][j] - SCALAR_VAL(1.0));
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "u");
  printf("checksum u = %.6f\n", checksum);
  printf("deviation from 1 = %.9e\n", deviation);
}

static void kernel_adi(int tsteps, int n, DATA_TYPE POLYBENCH_2D(u, N, N, n, n), DATA_TYPE POLYBENCH_2D(v, N, N, n, n),
                       DATA_TYPE POLYBENCH_2D(p, N, N, n, n), DATA_TYPE POLYBENCH_2D(q, N, N, n, n)) {
  int t, i, j;
  DATA_TYPE DX, DY, DT;
  DATA_TYPE B1, B2;
  DATA_TYPE mul1, mul2;
  DATA_TYPE a, b, c, d, e, f;

#pragma scop
  DX = SCALAR_VAL(1.0) / (DATA_TYPE)_PB_N;
  DY = SCALAR_VAL(1.0) / (DATA_TYPE)_PB_N;
  DT = SCALAR_VAL(1.0) / (DATA_TYPE)_PB_TSTEPS;
  B1 = SCALAR_VAL(2.0);
  B2 = SCALAR_VAL(1.0);
  mul1 = B1 * DT / (DX * DX);
  mul2 = B2 * DT / (DY * DY);

  a = -mul1 / SCALAR_VAL(2.0);
  b = SCALAR_VAL(1.0) + mul1;
  c = a;
  d = -mul2 / SCALAR_VAL(2.0);
  e = SCALAR_VAL(1.0) + mul2;
  f = d;

  for (t = _PB_TSTEPS; t >= 1; t--) {
    /* Column Sweep */
#pragma par distribute map(to: u[0:n]) map(tofrom: v[0:n], p[0:n], q[0:n])
    for (i = 1; i < _PB_N - 1; i++) {
      v[0][i] = SCALAR_VAL(1.0);
      p[i][0] = SCALAR_VAL(0.0);
      q[i][0] = v[0][i];
      for (j = 1; j < _PB_N - 1; j++) {
        p[i][j] = -c / (a * p[i][j - 1] + b);
        q[i][j] = (-d * u[j][i - 1] + (SCALAR_VAL(1.0) + SCALAR_VAL(2.0) * d) * u[j][i] - f * u[j][i + 1] -
                   a * q[i][j - 1]) /
                  (a * p[i][j - 1] + b);
      }

      v[_PB_N - 1][i] = SCALAR_VAL(1.0);
      for (j = _PB_N - 2; j >= 1; j--) {
        v[j][i] = p[i][j] * v[j + 1][i] + q[i][j];
      }
    }
    /* Row Sweep */
#pragma par distribute map(to: v[0:n]) map(tofrom: u[0:n], p[0:n], q[0:n])
    for (i = 1; i < _PB_N - 1; i++) {
      u[i][0] = SCALAR_VAL(1.0);
      p[i][0] = SCALAR_VAL(0.0);
      q[i][0] = u[i][0];
      for (j = 1; j < _PB_N - 1; j++) {
        p[i][j] = -f / (d * p[i][j - 1] + e);
        q[i][j] = (-a * v[i - 1][j] + (SCALAR_VAL(1.0) + SCALAR_VAL(2.0) * a) * v[i][j] - c * v[i + 1][j] -
                   d * q[i][j - 1]) /
                  (d * p[i][j - 1] + e);
      }
      u[i][_PB_N - 1] = SCALAR_VAL(1.0);
      for (j = _PB_N - 2; j >= 1; j--) {
        u[i][j] = p[i][j] * u[i][j + 1] + q[i][j];
      }
    }
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : N;
  int tsteps = TSTEPS;
  static DATA_TYPE u[N][N], v[N][N], p[N][N], q[N][N];
  if (n > N)
    n = N;
  init_array(n, u);
  kernel_adi(tsteps, n, u, v, p, q);
  print_array(n, u);
  return 0;
}
