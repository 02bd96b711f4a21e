// Pointer parameters with map clauses whose bounds name other parameters:
// `to` data is read, `from` data is written whole, `tofrom` is updated in
// place, and elements a from section's body leaves alone keep their values.
// A pointer to rows (double (*m)[4]) maps whole rows.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: dot=328350 scaled[0]=0 scaled[99]=297 kept=-1 inc[5]=6 rows=10 45
#include <stdio.h>

#pragma par distribute map(to : x[0:n], y[0:n])
double dot(const double *x, const double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

#pragma par distribute map(to : x[lo:n]) map(from : out[lo:n])
void scale(const double *x, double *out, int lo, int n, double f) {
  for (int i = lo; i < lo + n - 1; i++) out[i] = f * x[i]; /* the last one is left alone */
}

#pragma par distribute map(tofrom : v[0:n])
int bump(int *v, int n) {
  for (int i = 0; i < n; i++) v[i]++;
  return n;
}

#pragma par distribute map(to : m[0:rows])
double trace4(double (*m)[4], int rows) {
  double t = 0;
  for (int r = 0; r < rows && r < 4; r++) t += m[r][r];
  return t * rows;
}

int main(void) {
  double x[100], y[100], out[101];
  int v[10];
  double m[3][4];
  for (int i = 0; i < 100; i++) x[i] = i, y[i] = i;
  for (int i = 0; i < 101; i++) out[i] = -1;
  for (int i = 0; i < 10; i++) v[i] = i;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++) m[r][c] = r * 4 + c;
  double d = dot(x, y, 100);
  scale(x, out, 0, 101 - 1, 3.0);
  int n = bump(v, 10);
  double t = trace4(m, 3);
  printf("dot=%g scaled[0]=%g scaled[99]=%g kept=%g inc[5]=%d rows=%d %g\n", d, out[0], out[98] + 3,
         out[99], v[5], n, t);
  return 0;
}
