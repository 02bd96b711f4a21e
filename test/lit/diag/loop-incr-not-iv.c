// The increment must step the induction variable, not another variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  int k = 0;
  // CHECK: {{.*}}loop-incr-not-iv.c:[[@LINE+5]]:26: error: loop increment must step the induction variable 'i' by a loop-invariant amount
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; k++) y[i] = i;
  // CHECK-NEXT: {{^ +\| {26}\^$}}
  // CHECK-NEXT: {{.*}}loop-incr-not-iv.c:[[@LINE+2]]:26: note: write i++, ++i, i--, --i, i += c, i -= c or i = i + c
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; k++) y[i] = i;
}
