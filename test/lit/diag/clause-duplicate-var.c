// A variable may appear in only one data clause.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

double f(double *y, int n) {
  double t = 0;
  // CHECK: {{.*}}clause-duplicate-var.c:[[@LINE+3]]:63: error: 't' appears in more than one data clause
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) private(t) lastprivate(t)
  // CHECK-NEXT: {{^ +\| {63}\^$}}
#pragma par distribute map(to: y[0:n]) private(t) lastprivate(t)
  for (int i = 0; i < n; i++) t = y[i];
  return t;
}

double g(double *y, int n) {
  double s = 0;
  // CHECK: {{.*}}clause-duplicate-var.c:[[@LINE+3]]:64: error: 's' appears in more than one data clause
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(+: s) private(s)
  // CHECK-NEXT: {{^ +\| {64}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(+: s) private(s)
  for (int i = 0; i < n; i++) s += y[i];
  return s;
}

void h(double *y, int n) {
  // CHECK: {{.*}}clause-duplicate-var.c:[[@LINE+3]]:50: error: 'y' appears in more than one data clause
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) map(from: y[0:n])
  // CHECK-NEXT: {{^ +\| {50}\^$}}
#pragma par distribute map(to: y[0:n]) map(from: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}
