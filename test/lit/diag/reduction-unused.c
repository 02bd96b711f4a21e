// A reduction variable that the body never uses is an error (a typo in the
// clause, most likely).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

double f(double *y, int n) {
  double s = 0;
  // CHECK: {{.*}}reduction-unused.c:[[@LINE+3]]:57: error: reduction variable 's' is not used in the loop body
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) reduction(+: s)
  // CHECK-NEXT: {{^ +\| {57}\^$}}
#pragma par distribute map(tofrom: y[0:n]) reduction(+: s)
  for (int i = 0; i < n; i++) y[i] = i;
  return s;
}
