// Stray characters or tokens after the clauses are errors at their column.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}garbage-after-pragma.c:[[@LINE+3]]:44: error: invalid character '@' in pragma
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) @#$
  // CHECK-NEXT: {{^ +\| {44}\^$}}
#pragma par distribute map(tofrom: y[0:n]) @#$
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}garbage-after-pragma.c:[[@LINE+3]]:44: error: unexpected ')' in '#pragma par distribute'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) )
  // CHECK-NEXT: {{^ +\| {44}\^$}}
#pragma par distribute map(tofrom: y[0:n]) )
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}garbage-after-pragma.c:[[@LINE+3]]:44: error: {{.*}}'42'{{.*}}
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) 42
  // CHECK-NEXT: {{^ +\| {44}\^$}}
#pragma par distribute map(tofrom: y[0:n]) 42
  for (int i = 0; i < n; i++) y[i] = i;
}

void d(double *y, int n) {
  // CHECK: {{.*}}garbage-after-pragma.c:[[@LINE+3]]:24: error: invalid character '\' in pragma
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute \\ map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {24}\^$}}
#pragma par distribute \\ map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}
