// Only a for loop can be distributed: a while or do-while loop after the
// pragma is an error.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  int i = 0;
  // CHECK: {{.*}}before-while.c:[[@LINE+4]]:1: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {1}\^$}}
  // CHECK-NEXT: {{.*}}before-while.c:[[@LINE+1]]:1: note: only a for loop (or a function definition) can be distributed
#pragma par distribute map(tofrom: y[0:n])
  while (i < n) { y[i] = i; i++; }
}

void b(double *y, int n) {
  int i = 0;
  // CHECK: {{.*}}before-while.c:[[@LINE+3]]:1: error: '#pragma par distribute' must be followed by a for loop
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  do { y[i] = i; i++; } while (i < n);
}
