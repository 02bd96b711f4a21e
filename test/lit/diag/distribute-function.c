// `#pragma par distribute` binds to the function definition that follows it
// (SPEC 2.2; what parcc makes of it: rewrite/fn-*.c, diag/fn-*.c). Before a
// mere declaration it is an error, and so are two pragmas on one function.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}distribute-function.c:[[@LINE+4]]:1: error: '#pragma par distribute' must precede a function definition, not a declaration
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute
// CHECK-NEXT: {{^ +\| {1}\^$}}
// CHECK-NEXT: {{.*}}distribute-function.c:[[@LINE+1]]:1: note: put the pragma before the function's definition
#pragma par distribute
double cube(double x);

// CHECK: {{.*}}distribute-function.c:[[@LINE+5]]:1: error: more than one '#pragma par distribute' before the function 'sum'
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | #pragma par distribute map(to: v[0:n])
// CHECK-NEXT: {{^ +\| {1}\^$}}
// CHECK-NEXT: {{.*}}distribute-function.c:[[@LINE+2]]:1: note: merge their clauses into one pragma
#pragma par distribute
#pragma par distribute map(to: v[0:n])
double sum(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}
