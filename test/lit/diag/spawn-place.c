// Where a spawn may be: inside a function body, not in the body of a
// distributed loop (its chunks run on workers without the function's
// group; a call there runs inline).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
double sq(double x) { return x * x; }

// CHECK: {{.*}}spawn-place.c:[[@LINE+3]]:1: error: '#pragma par spawn' must be inside a function body
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par spawn
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par spawn
double g;

void loop(double *y, int n) {
#pragma par distribute map(from: y[0:n])
  for (int i = 0; i < n; i++) {
// CHECK: {{.*}}spawn-place.c:[[@LINE+4]]:1: error: '#pragma par spawn' inside a distributed loop is not allowed
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par spawn
// CHECK-NEXT: {{^ +\| {1}\^$}}
// CHECK-NEXT: {{.*}}spawn-place.c:[[@LINE+1]]:1: note: call the function directly: inside a loop's chunk it runs inline
#pragma par spawn
    y[i] = sq(i);
  }
}
