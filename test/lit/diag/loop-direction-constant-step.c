// A constant step whose sign goes against the test is known at compile time
// to make the loop endless: `i < n; i -= 1`, `i > 0; i += 1`,
// `i < n; i = i - 1`, `i <= n; i += -2` are errors like `i < n; i--`, and so
// is a constant step of 0.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}loop-direction-constant-step.c:[[@LINE+3]]:{{[0-9]+}}: error: loop condition and increment go in opposite directions
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] |   for (int i = 0; i < n; i -= 1) y[i] = i;
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i -= 1) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}loop-direction-constant-step.c:[[@LINE+3]]:{{[0-9]+}}: error: loop condition and increment go in opposite directions
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] |   for (int i = n; i > 0; i += 1) y[i] = i;
#pragma par distribute map(tofrom: y[0:n+1])
  for (int i = n; i > 0; i += 1) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}loop-direction-constant-step.c:[[@LINE+3]]:{{[0-9]+}}: error: loop condition and increment go in opposite directions
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] |   for (int i = 0; i < n; i = i - 1) y[i] = i;
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i = i - 1) y[i] = i;
}

void d(double *y, int n) {
  // CHECK: {{.*}}loop-direction-constant-step.c:[[@LINE+3]]:{{[0-9]+}}: error: loop condition and increment go in opposite directions
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] |   for (int i = 0; i <= n; i += -2) y[i] = i;
#pragma par distribute map(tofrom: y[0:n+1])
  for (int i = 0; i <= n; i += -2) y[i] = i;
}

// A constant step of zero never reaches the bound either.
void e(double *y, int n) {
  // CHECK: {{.*}}loop-direction-constant-step.c:[[@LINE+3]]:{{[0-9]+}}: error: {{.*}}
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] |   for (int i = 0; i < n; i += 0) y[i] = i;
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i += 0) y[i] = i;
}
