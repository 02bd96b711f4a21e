// The test must be <, <=, > or >=: `!=` and `==` are rejected.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void ne(double *y, int n) {
  // CHECK: {{.*}}loop-cond-equality.c:[[@LINE+5]]:21: error: loop condition must use <, <=, > or >=
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i != n; i++) y[i] = i;
  // CHECK-NEXT: {{^ +\| {21}\^$}}
  // CHECK-NEXT: {{.*}}loop-cond-equality.c:[[@LINE+2]]:21: note: use '<' or '>' instead of '!='
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i != n; i++) y[i] = i;
}

void eq(double *y, int n) {
  // CHECK: {{.*}}loop-cond-equality.c:[[@LINE+5]]:{{19|21}}: error: loop condition must {{.*}}
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i == n; i++) y[i] = i;
  // CHECK-NEXT: {{^ +\| {19,21}\^$}}
  // CHECK-NEXT: {{.*}}loop-cond-equality.c:[[@LINE+2]]:{{19|21}}: note: {{.*}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i == n; i++) y[i] = i;
}
