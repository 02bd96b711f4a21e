// An unterminated string literal in a pragma is an error at its opening
// quote (and is not read past the end of the line).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}unterminated-string.c:[[@LINE+3]]:50: error: missing terminating '"' character
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) cache("dir)
  // CHECK-NEXT: {{^ +\| {50}\^$}}
#pragma par distribute map(tofrom: y[0:n]) cache("dir)
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}unterminated-string.c:[[@LINE+3]]:50: error: missing terminating '"' character
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) cache("
  // CHECK-NEXT: {{^ +\| {50}\^$}}
#pragma par distribute map(tofrom: y[0:n]) cache("
  for (int i = 0; i < n; i++) y[i] = i;
}
