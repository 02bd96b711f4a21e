// `#pragma par sync` outside a function body is an error.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

// CHECK: {{.*}}sync-outside-function.c:[[@LINE+3]]:1: error: '#pragma par sync' must be inside a function body
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par sync
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par sync
void f(void) {}

// CHECK: {{.*}}sync-outside-function.c:[[@LINE+3]]:1: error: '#pragma par sync' must be inside a function body
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par sync
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par sync
