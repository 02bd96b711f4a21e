// A reduction variable must be arithmetic: a struct is rejected, and a
// pointer needs a one-dimensional array section.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

struct P { double x, y; };
struct P rstruct(double *y, int n) {
  struct P s = {0, 0};
  // CHECK: {{.*}}reduction-non-arithmetic.c:[[@LINE+3]]:53: error: reduction variable 's' must have arithmetic type, not 'struct P'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(+: s)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(+: s)
  for (int i = 0; i < n; i++) s.x += y[i];
  return s;
}

void rptr(double *y, double *h, int n) {
  // CHECK: {{.*}}reduction-non-arithmetic.c:[[@LINE+4]]:53: error: reduction over pointer 'h' needs a one-dimensional array section
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: y[0:n]) reduction(+: h)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
  // CHECK-NEXT: {{.*}}reduction-non-arithmetic.c:[[@LINE+1]]:53: note: reduce a section: reduction(+: p[0:n])
#pragma par distribute map(to: y[0:n]) reduction(+: h)
  for (int i = 0; i < n; i++) h[i % 4] += y[i];
}
