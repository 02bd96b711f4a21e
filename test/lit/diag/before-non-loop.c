// A statement that is not a for loop after the pragma is an error: an
// expression statement, a declaration, a block holding a for loop, a label.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void expr(double *y, int n) {
  // CHECK: {{.*}}before-non-loop.c:[[@LINE+5]]:3: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   y[0] = n;
  // CHECK-NEXT: {{^ +\| {3}\^$}}
  // CHECK-NEXT: note: only a for loop (or a function definition) can be distributed
#pragma par distribute map(tofrom: y[0:n])
  y[0] = n;
}

void decl(double *y, int n) {
  // CHECK: {{.*}}before-non-loop.c:[[@LINE+5]]:3: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   int k = 3;
  // CHECK-NEXT: {{^ +\| {3}\^$}}
  // CHECK-NEXT: note: only a for loop (or a function definition) can be distributed
#pragma par distribute map(tofrom: y[0:n])
  int k = 3;
  for (int i = 0; i < n; i++) y[i] = k;
}

void block(double *y, int n) {
  // CHECK: {{.*}}before-non-loop.c:[[@LINE+4]]:3: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   {
  // CHECK-NEXT: {{^ +\| {3}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  {
    for (int i = 0; i < n; i++) y[i] = i;
  }
}

void label(double *y, int n) {
  // CHECK: {{.*}}before-non-loop.c:[[@LINE+4]]:1: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | here:
  // CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute map(tofrom: y[0:n])
here:
  for (int i = 0; i < n; i++) y[i] = i;
}

void end(double *y, int n) {
  for (int i = 0; i < n; i++) y[i] = i;
  // CHECK: {{.*}}before-non-loop.c:[[@LINE+2]]:1: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+1]] | #pragma par distribute
#pragma par distribute
}
