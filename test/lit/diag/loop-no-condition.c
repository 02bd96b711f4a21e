// A distributed loop needs a test: `for (int i = 0; ; i++)` has no bound.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}loop-no-condition.c:[[@LINE+5]]:17: error: a distributed loop needs a loop condition
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; ; i++) y[i] = i;
  // CHECK-NEXT: {{^ +\| {17}\^$}}
  // CHECK-NEXT: {{.*}}loop-no-condition.c:[[@LINE+2]]:17: note: a distributed loop needs a bound, e.g. 'i < n'
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; ; i++) y[i] = i;
}
