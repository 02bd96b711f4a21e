// The induction variable must have an integer type: double and pointer
// induction variables are rejected, each with a hint.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}loop-iv-not-integer.c:[[@LINE+5]]:15: error: induction variable 'd' must have integer type, not 'double'
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (double d = 0; d < n; d++) y[(int)d] = d;
  // CHECK-NEXT: {{^ +\| {15}\^$}}
  // CHECK-NEXT: {{.*}}loop-iv-not-integer.c:[[@LINE+2]]:15: note: use an integer type such as int, long or size_t
#pragma par distribute map(tofrom: y[0:n])
  for (double d = 0; d < n; d++) y[(int)d] = d;
}

void g(double *y, double *e) {
  // CHECK: {{.*}}loop-iv-not-integer.c:[[@LINE+5]]:16: error: induction variable 'p' must have integer type, not 'double *'
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (double *p = y; p < e; p++) *p = 1;
  // CHECK-NEXT: {{^ +\| {16}\^$}}
  // CHECK-NEXT: {{.*}}loop-iv-not-integer.c:[[@LINE+2]]:16: note: use an integer type such as int, long or size_t
#pragma par distribute map(tofrom: y[0:10])
  for (double *p = y; p < e; p++) *p = 1;
}
