// An increment that goes against the test (`i < n; i--`) would never end.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void up(double *y, int n) {
  // CHECK: {{.*}}loop-direction.c:[[@LINE+4]]:26: error: loop condition and increment go in opposite directions: the loop would not end
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i--) y[i] = i;
  // CHECK-NEXT: {{^ +\| {26}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i--) y[i] = i;
}

void down(double *y, int n) {
  // CHECK: {{.*}}loop-direction.c:[[@LINE+4]]:27: error: loop condition and increment go in opposite directions: the loop would not end
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = n; i >= 0; ++i) y[i] = i;
  // CHECK-NEXT: {{^ +\| {27}\^$}}
#pragma par distribute map(tofrom: y[0:n+1])
  for (int i = n; i >= 0; ++i) y[i] = i;
}

void reversed(double *y, int n) {
  // CHECK: {{.*}}loop-direction.c:[[@LINE+4]]:26: error: loop condition and increment go in opposite directions: the loop would not end
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; n > i; i--) y[i] = i;
  // CHECK-NEXT: {{^ +\| {26}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; n > i; i--) y[i] = i;
}
