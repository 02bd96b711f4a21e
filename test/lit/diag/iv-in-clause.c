// The induction variable cannot be listed in reduction, firstprivate or map.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void red(double *y, int n) {
  int i;
  // CHECK: {{.*}}iv-in-clause.c:[[@LINE+3]]:57: error: the induction variable 'i' cannot appear in 'reduction'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) reduction(+: i)
  // CHECK-NEXT: {{^ +\| {57}\^$}}
#pragma par distribute map(tofrom: y[0:n]) reduction(+: i)
  for (i = 0; i < n; i++) y[i] = i;
}

void fp(double *y, int n) {
  int i = 0;
  // CHECK: {{.*}}iv-in-clause.c:[[@LINE+3]]:57: error: the induction variable 'i' cannot appear in 'firstprivate'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) firstprivate(i)
  // CHECK-NEXT: {{^ +\| {57}\^$}}
#pragma par distribute map(tofrom: y[0:n]) firstprivate(i)
  for (i = 0; i < n; i++) y[i] = i;
}

void map(double *y, int n) {
  int i = 0;
  // CHECK: {{.*}}iv-in-clause.c:[[@LINE+3]]:52: error: the induction variable 'i' cannot appear in 'map'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) map(to: i)
  // CHECK-NEXT: {{^ +\| {52}\^$}}
#pragma par distribute map(tofrom: y[0:n]) map(to: i)
  for (i = 0; i < n; i++) y[i] = i;
}
