// A distribute pragma nested inside a distributed loop is an error at the
// inner pragma, whether the inner pragma has clauses of its own or not, and
// however deep it is.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n*n])
  for (int i = 0; i < n; i++) {
    // CHECK: {{.*}}nested-distribute.c:[[@LINE+4]]:1: error: nested '#pragma par distribute' inside a distributed loop is not supported
    // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n*n])
    // CHECK-NEXT: {{^ +\| {1}\^$}}
    // CHECK-NEXT: {{.*}}nested-distribute.c:[[@LINE+1]]:1: note: distribute the outer loop only; its chunks run the inner loop serially
#pragma par distribute map(tofrom: y[0:n*n])
    for (int j = 0; j < n; j++) y[i*n+j] = j;
  }
}

void b(double a[8][8]) {
#pragma par distribute
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) {
      // CHECK: {{.*}}nested-distribute.c:[[@LINE+3]]:1: error: nested '#pragma par distribute' inside a distributed loop is not supported
      // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute
      // CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute
      for (int k = 0; k < 8; k++) a[i][j] += k;
    }
}

// The inner pragma has no map clause: what matters is that it is nested.
void c(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n*n])
  for (int i = 0; i < n; i++) {
    // CHECK: {{.*}}nested-distribute.c:[[@LINE+3]]:1: error: nested '#pragma par distribute' inside a distributed loop is not supported
    // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute
    // CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute
    for (int j = 0; j < n; j++) y[i*n+j] = j;
  }
}
