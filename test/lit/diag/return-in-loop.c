// `return` inside a distributed loop is an error, in a value-returning and in
// a void function.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

int f(double *y, int n) {
  // CHECK: {{.*}}return-in-loop.c:[[@LINE+5]]:47: error: 'return' inside a distributed loop
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) { if (y[i] < 0) return 1; y[i] = i; }
  // CHECK-NEXT: {{^ +\| {47}\^$}}
  // CHECK-NEXT: {{.*}}return-in-loop.c:[[@LINE+2]]:47: note: a distributed loop runs its iterations as independent tasks
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) { if (y[i] < 0) return 1; y[i] = i; }
  return 0;
}

void g(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    // CHECK: {{.*}}return-in-loop.c:[[@LINE+3]]:17: error: 'return' inside a distributed loop
    // CHECK-NEXT: {{^ +}}[[@LINE+2]] |     if (i == 3) return;
    // CHECK-NEXT: {{^ +\| {17}\^$}}
    if (i == 3) return;
    y[i] = i;
  }
}
