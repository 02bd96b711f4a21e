// `#pragma par sync` takes no clauses.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) nowait
  for (int i = 0; i < n; i++) y[i] = i;
  // CHECK: {{.*}}sync-clauses.c:[[@LINE+3]]:18: error: '#pragma par sync' takes no clauses
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par sync nowait
  // CHECK-NEXT: {{^ +\| {18}\^$}}
#pragma par sync nowait
}

void g(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) nowait
  for (int i = 0; i < n; i++) y[i] = i;
  // CHECK: {{.*}}sync-clauses.c:[[@LINE+3]]:18: error: '#pragma par sync' takes no clauses
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par sync map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {18}\^$}}
#pragma par sync map(tofrom: y[0:n])
}
