// A function pointer parameter is an error naming it: its value would not
// be valid in another process (another binary layout under ASLR), and the
// body could not call it there.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

typedef double (*unary_t)(double);

// CHECK: {{.*}}fn-function-pointer.c:[[@LINE+5]]:23: error: parameter 'fn' of distributed function 'apply' is a function pointer, which would not be valid in another process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | double apply(double (*fn)(double), double x) { return fn(x); }
// CHECK-NEXT: {{^ +\| {23}\^$}}
// CHECK-NEXT: {{.*}}fn-function-pointer.c:[[@LINE+2]]:23: note: pass a number that selects the function, and call it by name in the body
#pragma par distribute
double apply(double (*fn)(double), double x) { return fn(x); }

// CHECK: {{.*}}fn-function-pointer.c:[[@LINE+5]]:33: error: parameter 'fn' of distributed function 'apply2' is a function pointer, which would not be valid in another process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | double apply2(double x, unary_t fn) { return fn(x); }
// CHECK-NEXT: {{^ +\| {33}\^$}}
// CHECK-NEXT: {{.*}}fn-function-pointer.c:[[@LINE+2]]:33: note: pass a number that selects the function, and call it by name in the body
#pragma par distribute
double apply2(double x, unary_t fn) { return fn(x); }
