// Fixed-size arrays are mapped whole without a clause, whatever their
// storage: a global, a static local and a local (stack) array, each read in
// one place and written in another within the same loop.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: global 1 2 2000 local 0 1.5 2997 static 5 6 1001
#include <stdio.h>

#define N 1000

double g_in[N], g_out[N];

static double sum(const double *a, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i];
  return s;
}

int main(void) {
  double l_in[N], l_out[N];
  static double s_in[N], s_out[N];
  for (int i = 0; i < N; i++) {
    g_in[i] = i + 1;
    l_in[i] = 3 * i;
    s_in[i] = i + 5;
  }

#pragma par distribute
  for (int i = 0; i < N; i++) {
    g_out[i] = 2 * g_in[i];
    l_out[i] = l_in[i] + 0.5 * l_in[N - 1 - i];
    s_out[i] = s_in[i] - 4 + (i % 2);
  }

  printf("global %g %g %g local %g %g %g static %g %g %g\n", g_in[0], g_out[0], g_out[N - 1],
         l_in[0], l_out[1] - l_out[0] + l_in[0], l_in[N - 1], s_in[0], g_in[5], s_out[N - 1]);
  printf("sums %.1f %.1f %.1f\n", sum(g_out, N), sum(l_out, N), sum(s_out, N));
  return 0;
}
