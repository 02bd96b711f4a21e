// A clause that takes arguments needs its parentheses, opened and closed.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}missing-paren.c:[[@LINE+3]]:28: error: expected '(' after 'map'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map tofrom: y[0:n]
  // CHECK-NEXT: {{^ +\| {28}\^$}}
#pragma par distribute map tofrom: y[0:n]
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}missing-paren.c:[[@LINE+3]]:52: error: expected '(' after 'schedule'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) schedule
  // CHECK-NEXT: {{^ +\| {52}\^$}}
#pragma par distribute map(tofrom: y[0:n]) schedule
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}missing-paren.c:[[@LINE+3]]:42: error: expected ')' to close 'map' clause
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]
  // CHECK-NEXT: {{^ +\| {42}\^$}}
#pragma par distribute map(tofrom: y[0:n]
  for (int i = 0; i < n; i++) y[i] = i;
}

void d(double *y, int n) {
  // CHECK: {{.*}}missing-paren.c:[[@LINE+3]]:34: error: expected ']' to close array section
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[
  // CHECK-NEXT: {{^ +\| {34}\^$}}
#pragma par distribute map(to: y[
  for (int i = 0; i < n; i++) (void)y[i];
}
