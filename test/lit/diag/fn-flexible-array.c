// A struct with a flexible array member cannot be passed by value to a
// distributed function: its trailing elements are not part of the value.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

struct hist { int n; long bins[]; };

// CHECK: {{.*}}fn-flexible-array.c:[[@LINE+5]]:23: error: parameter 'h' of distributed function 'count' has a flexible array member ('bins'), which is not copied with it
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int count(struct hist h) { return h.n; }
// CHECK-NEXT: {{^ +\| {23}\^$}}
// CHECK-NEXT: {{.*}}fn-flexible-array.c:[[@LINE+2]]:23: note: pass a pointer to it with a map clause instead
#pragma par distribute
int count(struct hist h) { return h.n; }
