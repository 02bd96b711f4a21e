// A spawned call must name a distributed function: a call through a function
// pointer, a function defined in this file without '#pragma par distribute'
// (here or in a header), a library function, a static function with no
// definition, or a function without a prototype is an error naming it. A
// function only declared here is assumed to be distributed in another file
// (spawn-ok.c).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o
#include <math.h>

#pragma par distribute
double sq(double x) { return x * x; }
double plain(double x) { return x + 1; }
static double nowhere(double x);
double noproto();
double (*fp)(double) = sq;

double f(double x) {
  double a, b, c, d, e;
// CHECK: {{.*}}spawn-callee.c:[[@LINE+5]]:7: error: '#pragma par spawn' needs a function called by name; 'fp' is a function pointer
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   a = fp(x);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-callee.c:[[@LINE+2]]:7: note: call the distributed function by its name
#pragma par spawn
  a = fp(x);
// CHECK: {{.*}}spawn-callee.c:[[@LINE+5]]:7: error: 'plain' is not a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   b = plain(x);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-callee.c:[[@LINE+2]]:7: note: put '#pragma par distribute' before the definition of 'plain', or call it without '#pragma par spawn'
#pragma par spawn
  b = plain(x);
// CHECK: {{.*}}spawn-callee.c:[[@LINE+5]]:7: error: 'sqrt' is not a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   c = sqrt(x);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-callee.c:[[@LINE+2]]:7: note: only functions defined with '#pragma par distribute' can be spawned
#pragma par spawn
  c = sqrt(x);
// CHECK: {{.*}}spawn-callee.c:[[@LINE+5]]:7: error: 'nowhere' is not a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   d = nowhere(x);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-callee.c:[[@LINE+2]]:7: note: put '#pragma par distribute' before the definition of 'nowhere', or call it without '#pragma par spawn'
#pragma par spawn
  d = nowhere(x);
// CHECK: {{.*}}spawn-callee.c:[[@LINE+5]]:7: error: 'noproto' has no prototype, and a spawn needs its parameter types
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   e = noproto(x);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-callee.c:[[@LINE+2]]:7: note: declare 'noproto' with its parameter types before this function
#pragma par spawn
  e = noproto(x);
#pragma par sync
  return a + b + c + d + e;
}
