// The body must not modify the induction variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void incr(double *y, int n) {
  // CHECK: {{.*}}loop-iv-modified.c:[[@LINE+4]]:43: error: the induction variable 'i' must not be modified in the loop body
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) { y[i] = i; i++; }
  // CHECK-NEXT: {{^ +\| {43}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) { y[i] = i; i++; }
}

void assign(double *y, int n) {
  int i;
  // CHECK: {{.*}}loop-iv-modified.c:[[@LINE+4]]:39: error: the induction variable 'i' must not be modified in the loop body
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (i = 0; i < n; i++) { y[i] = i; i = 2 * i; }
  // CHECK-NEXT: {{^ +\| {39}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (i = 0; i < n; i++) { y[i] = i; i = 2 * i; }
}
