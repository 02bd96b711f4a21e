// The bound and the step are evaluated once, before the loop: modifying
// either in the body is an error (and, since the write is to a scalar with
// no clause, so is the write itself).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void bound(double *y, int n) {
  // CHECK: {{.*}}loop-invariant-modified.c:[[@LINE+5]]:43: error: 'n' is used in the loop bound and modified in its body
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) { y[i] = i; n--; }
  // CHECK-NEXT: {{^ +\| {43}\^$}}
  // CHECK-NEXT: {{.*}}loop-invariant-modified.c:[[@LINE+2]]:43: note: the bound and the step are evaluated once, before the loop
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) { y[i] = i; n--; }
}

void step(double *y, int n, int s) {
  // CHECK: {{.*}}loop-invariant-modified.c:[[@LINE+5]]:46: error: 's' is used in the loop step and modified in its body
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i += s) { y[i] = i; s = 2; }
  // CHECK-NEXT: {{^ +\| {46}\^$}}
  // CHECK-NEXT: {{.*}}loop-invariant-modified.c:[[@LINE+2]]:46: note: the bound and the step are evaluated once, before the loop
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i += s) { y[i] = i; s = 2; }
}
