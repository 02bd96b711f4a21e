// A K&R-style definition has no prototype for the stub and the spawn entry
// to copy: an error with the prototype form as the hint.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}fn-knr.c:[[@LINE+5]]:5: error: distributed function 'add' is defined in the old K&R style
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int add(a, b)
// CHECK-NEXT: {{^ +\| {5}\^$}}
// CHECK-NEXT: {{.*}}fn-knr.c:[[@LINE+2]]:5: note: write a prototype-style definition, e.g. 'int f(int a, double b)'
#pragma par distribute
int add(a, b)
int a;
int b;
{ return a + b; }
