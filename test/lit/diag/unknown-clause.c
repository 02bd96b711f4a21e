// An unknown clause is an error, not a warning: a misspelt one gets a
// "did you mean" note, an OpenMP-only one says so, anything else gets the
// list of clauses.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}unknown-clause.c:[[@LINE+4]]:44: error: unknown clause 'schedul' in '#pragma par distribute'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) schedul(static)
  // CHECK-NEXT: {{^ +\| {44}\^$}}
  // CHECK-NEXT: {{.*}}unknown-clause.c:[[@LINE+1]]:44: note: did you mean 'schedule'?
#pragma par distribute map(tofrom: y[0:n]) schedul(static)
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}unknown-clause.c:[[@LINE+4]]:44: error: unknown clause 'firstprivat' in '#pragma par distribute'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) firstprivat(n)
  // CHECK-NEXT: {{^ +\| {44}\^$}}
  // CHECK-NEXT: note: did you mean 'firstprivate'?
#pragma par distribute map(tofrom: y[0:n]) firstprivat(n)
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}unknown-clause.c:[[@LINE+4]]:24: error: unknown clause 'collapse' in '#pragma par distribute'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute collapse(2) map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {24}\^$}}
  // CHECK-NEXT: note: {{.*}}OpenMP
#pragma par distribute collapse(2) map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}

void d(double *y, int n) {
  // CHECK: {{.*}}unknown-clause.c:[[@LINE+4]]:44: error: unknown clause 'zzzzzz' in '#pragma par distribute'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) zzzzzz
  // CHECK-NEXT: {{^ +\| {44}\^$}}
  // CHECK-NEXT: note: the clauses are map, reduction, {{.*}}nowait
#pragma par distribute map(tofrom: y[0:n]) zzzzzz
  for (int i = 0; i < n; i++) y[i] = i;
}
