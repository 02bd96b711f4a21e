// A scalar (or a struct) cannot be mapped: it is copied into every task.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n, double s) {
  // CHECK: {{.*}}map-scalar.c:[[@LINE+4]]:52: error: 's' is not a pointer or an array and cannot be mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) map(to: s)
  // CHECK-NEXT: {{^ +\| {52}\^$}}
  // CHECK-NEXT: {{.*}}map-scalar.c:[[@LINE+1]]:52: note: scalars and structs are copied into every task without a clause
#pragma par distribute map(tofrom: y[0:n]) map(to: s)
  for (int i = 0; i < n; i++) y[i] = s;
}

struct P { double x, y; };
void g(double *y, int n, struct P p) {
  // CHECK: {{.*}}map-scalar.c:[[@LINE+4]]:52: error: 'p' is not a pointer or an array and cannot be mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) map(to: p)
  // CHECK-NEXT: {{^ +\| {52}\^$}}
  // CHECK-NEXT: note: scalars and structs are copied into every task without a clause
#pragma par distribute map(tofrom: y[0:n]) map(to: p)
  for (int i = 0; i < n; i++) y[i] = p.x;
}
