// `#pragma par distribute` before a function definition (SPEC 2.2) is not
// supported in this version: a clear error, not a silent serial function.
// Before a mere declaration it is an error of its own.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

// CHECK: {{.*}}distribute-function.c:[[@LINE+4]]:1: error: '#pragma par distribute' on a function is not supported yet
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute
// CHECK-NEXT: {{^ +\| {1}\^$}}
// CHECK-NEXT: {{.*}}distribute-function.c:[[@LINE+1]]:1: note: {{.*}}
#pragma par distribute
double sq(double x) { return x * x; }

// CHECK: {{.*}}distribute-function.c:[[@LINE+3]]:1: error: '#pragma par distribute' on a function is not supported yet
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: v[0:n])
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute map(to: v[0:n])
double sum(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}

// CHECK: {{.*}}distribute-function.c:[[@LINE+4]]:1: error: '#pragma par distribute' must precede a function definition, not a declaration
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute
// CHECK-NEXT: {{^ +\| {1}\^$}}
// CHECK-NEXT: note: put the pragma before the function's definition
#pragma par distribute
double cube(double x);
