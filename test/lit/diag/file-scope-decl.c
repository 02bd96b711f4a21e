// At file scope, a distribute pragma before a variable declaration (or a
// typedef) is an error.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

// CHECK: {{.*}}file-scope-decl.c:[[@LINE+3]]:1: error: '#pragma par distribute' must be followed by a for loop or a function definition
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute
int x = 3;

// CHECK: {{.*}}file-scope-decl.c:[[@LINE+3]]:1: error: '#pragma par distribute' must be followed by a for loop or a function definition
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:4])
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute map(to: y[0:4])
typedef double vec4[4];

int f(void) { return x; }
