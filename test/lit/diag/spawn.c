// `#pragma par spawn` of a function that is not distributed is an error
// naming it, with or without a left-hand side (the other rules: spawn-*.c).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

double sq(double x) { return x * x; }

double f(void) {
  double r;
// CHECK: {{.*}}spawn.c:[[@LINE+5]]:7: error: 'sq' is not a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   r = sq(2.0);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn.c:[[@LINE+2]]:7: note: put '#pragma par distribute' before the definition of 'sq', or call it without '#pragma par spawn'
#pragma par spawn
  r = sq(2.0);
#pragma par sync
  return r;
}

void g(void) {
// CHECK: {{.*}}spawn.c:[[@LINE+5]]:3: error: 'sq' is not a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   sq(3.0);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn.c:[[@LINE+2]]:3: note: put '#pragma par distribute' before the definition of 'sq', or call it without '#pragma par spawn'
#pragma par spawn
  sq(3.0);
}
