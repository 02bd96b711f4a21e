// + and * reductions over a complex variable are fine: this compiles.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

_Complex double f(double *y, int n) {
  _Complex double s = 0, p = 1;
#pragma par distribute map(to: y[0:n]) reduction(+: s) reduction(*: p)
  for (int i = 0; i < n; i++) {
    s += y[i];
    p *= y[i];
  }
  return s + p;
}
