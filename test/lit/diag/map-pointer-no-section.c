// A pointer in a map clause needs an array section with a length: `map(y)`,
// `map(y[:])` and `map(y[0:])` do not say how many elements to move.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}map-pointer-no-section.c:[[@LINE+4]]:36: error: pointer 'y' needs an array section with a length
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y)
  // CHECK-NEXT: {{^ +\| {36}\^$}}
  // CHECK-NEXT: {{.*}}map-pointer-no-section.c:[[@LINE+1]]:36: note: give the elements to move, e.g. map(tofrom: y[0:n])
#pragma par distribute map(tofrom: y)
  for (int i = 0; i < n; i++) y[i] = i;
}

void g(double *y, int n) {
  // CHECK: {{.*}}map-pointer-no-section.c:[[@LINE+4]]:32: error: pointer 'y' needs an array section with a length
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: y[:])
  // CHECK-NEXT: {{^ +\| {32}\^$}}
  // CHECK-NEXT: note: give the elements to move
#pragma par distribute map(to: y[:])
  for (int i = 0; i < n; i++) (void)y[i];
}

void h(double *y, int n) {
  // CHECK: {{.*}}map-pointer-no-section.c:[[@LINE+3]]:32: error: pointer 'y' needs an array section with a length
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[2:])
  // CHECK-NEXT: {{^ +\| {32}\^$}}
#pragma par distribute map(to: y[2:])
  for (int i = 0; i < n; i++) (void)y[i];
}
