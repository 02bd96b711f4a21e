// The test must compare the induction variable with a bound, not some other
// variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n, int k) {
  // CHECK: {{.*}}loop-cond-not-iv.c:[[@LINE+5]]:19: error: loop condition must compare the induction variable 'i' with a bound
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; k < n; i++) y[i] = i;
  // CHECK-NEXT: {{^ +\| {19}\^$}}
  // CHECK-NEXT: {{.*}}loop-cond-not-iv.c:[[@LINE+2]]:19: note: write the test as 'i < ub', 'i <= ub', 'i > ub' or 'i >= ub'
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; k < n; i++) y[i] = i;
}
