// A function pointer (local, parameter, global, or a struct field) cannot be
// used in a distributed loop: addresses differ between processes.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void param(double *y, int n, double (*fn)(double)) {
  // CHECK: {{.*}}function-pointer.c:[[@LINE+5]]:38: error: function pointer 'fn' cannot be copied into a distributed task
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) y[i] = fn(y[i]);
  // CHECK-NEXT: {{^ +\| {38}\^$}}
  // CHECK-NEXT: {{.*}}function-pointer.c:[[@LINE+2]]:38: note: call the function by name inside the loop
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = fn(y[i]);
}

double sq(double);
double (*gfn)(double) = sq;
void global(double *y, int n) {
  // CHECK: {{.*}}function-pointer.c:[[@LINE+4]]:38: error: function pointer 'gfn' cannot be copied into a distributed task
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) y[i] = gfn(y[i]);
  // CHECK-NEXT: {{^ +\| {38}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = gfn(y[i]);
}

struct Ops { double (*op)(double); int k; };
void field(double *y, int n, struct Ops o) {
  // CHECK: {{.*}}function-pointer.c:[[@LINE+4]]:38: error: 'o' holds a pointer ('op') and cannot be copied into a distributed task
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) y[i] = o.op(y[i]) + o.k;
  // CHECK-NEXT: {{^ +\| {38}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = o.op(y[i]) + o.k;
}

// Calling the function by name is fine (the hint's suggestion).
void byname(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = sq(y[i]);
}
// CHECK-NOT: error:
