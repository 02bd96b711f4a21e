// A distributed function cannot return a pointer, nor a struct holding one
// or a flexible array member: the result travels back from another process.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

struct vec { int n; double *data; };
struct hist { int n; long bins[]; };

// CHECK: {{.*}}fn-return.c:[[@LINE+5]]:9: error: distributed function 'make' returns a pointer ('double *'), which would not be valid in the caller's process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | double *make(int n) { (void)n; return 0; }
// CHECK-NEXT: {{^ +\| {9}\^$}}
// CHECK-NEXT: {{.*}}fn-return.c:[[@LINE+2]]:9: note: return the data through a mapped pointer parameter, e.g. map(from: out[0:n])
#pragma par distribute
double *make(int n) { (void)n; return 0; }

// CHECK: {{.*}}fn-return.c:[[@LINE+5]]:12: error: the result of distributed function 'wrap' holds a pointer ('data'), which would not be valid in the caller's process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | struct vec wrap(int n) { struct vec v = {n, 0}; return v; }
// CHECK-NEXT: {{^ +\| {12}\^$}}
// CHECK-NEXT: {{.*}}fn-return.c:[[@LINE+2]]:12: note: return plain data, and data behind pointers through mapped parameters
#pragma par distribute
struct vec wrap(int n) { struct vec v = {n, 0}; return v; }

// CHECK: {{.*}}fn-return.c:[[@LINE+4]]:13: error: the result of distributed function 'empty' has a flexible array member ('bins'), which is not returned with it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | struct hist empty(int n) { struct hist h = {n}; return h; }
// CHECK-NEXT: {{^ +\| {13}\^$}}
#pragma par distribute
struct hist empty(int n) { struct hist h = {n}; return h; }
