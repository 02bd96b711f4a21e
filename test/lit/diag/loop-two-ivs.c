// A distributed loop has exactly one induction variable: `int i = 0, j = 0`
// declares two.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}loop-two-ivs.c:[[@LINE+4]]:17: error: a distributed loop must have exactly one induction variable
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0, j = 0; i < n; i++) y[i] = j;
  // CHECK-NEXT: {{^ +\| {17}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0, j = 0; i < n; i++) y[i] = j;
}
