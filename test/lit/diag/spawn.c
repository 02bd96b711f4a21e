// `#pragma par spawn` is not supported in this version: a clear error.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

double sq(double x) { return x * x; }

double f(void) {
  double r;
  // CHECK: {{.*}}spawn.c:[[@LINE+4]]:1: error: '#pragma par spawn' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par spawn
  // CHECK-NEXT: {{^ +\| {1}\^$}}
  // CHECK-NEXT: {{.*}}spawn.c:[[@LINE+1]]:1: note: {{.*}}
#pragma par spawn
  r = sq(2.0);
#pragma par sync
  return r;
}

void g(void) {
  // CHECK: {{.*}}spawn.c:[[@LINE+3]]:1: error: '#pragma par spawn' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par spawn
  // CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par spawn
  sq(3.0);
}
