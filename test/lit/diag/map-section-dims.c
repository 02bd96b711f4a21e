// An array section cannot have more dimensions than the variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}map-section-dims.c:[[@LINE+3]]:36: error: array section of 'y' has 2 dimensions; 'y' has 1
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n][0:4])
  // CHECK-NEXT: {{^ +\| {36}\^$}}
#pragma par distribute map(tofrom: y[0:n][0:4])
  for (int i = 0; i < n; i++) y[i] = i;
}

void g(int n, double c[10][8]) {
  // CHECK: {{.*}}map-section-dims.c:[[@LINE+3]]:36: error: array section of 'c' has 3 dimensions; 'c' has 2
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: c[0:n][0:8][0:1])
  // CHECK-NEXT: {{^ +\| {36}\^$}}
#pragma par distribute map(tofrom: c[0:n][0:8][0:1])
  for (int i = 0; i < n; i++) c[i][0] = i;
}
