// `break` out of a distributed loop is an error; the hint suggests continue.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}break-out.c:[[@LINE+5]]:47: error: 'break' would leave the distributed loop
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) { if (y[i] < 0) break; y[i] = i; }
  // CHECK-NEXT: {{^ +\| {47}\^$}}
  // CHECK-NEXT: {{.*}}break-out.c:[[@LINE+2]]:47: note: use 'continue' to skip the rest of an iteration
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) { if (y[i] < 0) break; y[i] = i; }
}

// A break inside a switch that is itself in a nested loop's body still
// leaves only the switch; a bare break after it leaves the distributed loop.
void g(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    switch (i) { case 1: break; default: y[i] = 1; }
    // CHECK: {{.*}}break-out.c:[[@LINE+3]]:19: error: 'break' would leave the distributed loop
    // CHECK-NEXT: {{^ +}}[[@LINE+2]] |     if (y[i] > 2) break;
    // CHECK-NEXT: {{^ +\| {19}\^$}}
    if (y[i] > 2) break;
  }
}
