// A map clause of a distributed function names its pointer parameters: an
// item that is not a parameter, or a parameter that is not a pointer, or a
// pointer without a length is an error naming it. A parameter in two map
// clauses is one too.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

double buf[100];

// CHECK: {{.*}}fn-map-item.c:[[@LINE+4]]:32: error: 'buf' in the map clause is not a parameter of 'not_param'
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: buf[0:n])
// CHECK-NEXT: {{^ +\| {32}\^$}}
// CHECK-NEXT: {{.*}}fn-map-item.c:[[@LINE+1]]:32: note: a function's map clause names its pointer parameters
#pragma par distribute map(to: buf[0:n])
double not_param(int n) { return buf[n]; }

// CHECK: {{.*}}fn-map-item.c:[[@LINE+4]]:48: error: parameter 'n' is not a pointer and cannot be mapped
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: v[0:n]) map(to: n[0:1])
// CHECK-NEXT: {{^ +\| {48}\^$}}
// CHECK-NEXT: {{.*}}fn-map-item.c:[[@LINE+1]]:48: note: scalars and structs are passed by value without a clause
#pragma par distribute map(to: v[0:n]) map(to: n[0:1])
double scalar(const double *v, int n) { return v[n]; }

struct pt { double x, y; };
// CHECK: {{.*}}fn-map-item.c:[[@LINE+4]]:32: error: parameter 'p' is not a pointer and cannot be mapped
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: p[0:1])
// CHECK-NEXT: {{^ +\| {32}\^$}}
// CHECK-NEXT: {{.*}}fn-map-item.c:[[@LINE+1]]:32: note: scalars and structs are passed by value without a clause
#pragma par distribute map(to: p[0:1])
double by_value(struct pt p) { return p.x; }

// CHECK: {{.*}}fn-map-item.c:[[@LINE+4]]:32: error: pointer 'v' needs an array section with a length
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: v)
// CHECK-NEXT: {{^ +\| {32}\^$}}
// CHECK-NEXT: {{.*}}fn-map-item.c:[[@LINE+1]]:32: note: give the elements to move, e.g. map(to: v[0:n])
#pragma par distribute map(to: v)
double no_length(const double *v, int n) { return v[n]; }

// CHECK: {{.*}}fn-map-item.c:[[@LINE+3]]:52: error: parameter 'v' appears in more than one map clause
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: v[0:n]) map(tofrom: v[0:n])
// CHECK-NEXT: {{^ +\| {52}\^$}}
#pragma par distribute map(to: v[0:n]) map(tofrom: v[0:n])
double twice(double *v, int n) { return v[n]; }

// CHECK: {{.*}}fn-map-item.c:[[@LINE+3]]:32: error: array section of 'm' has 3 dimensions; 'm' has 2
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: m[0:n][0:4][0:2])
// CHECK-NEXT: {{^ +\| {32}\^$}}
#pragma par distribute map(to: m[0:n][0:4][0:2])
double dims(double m[][4], int n) { return m[n][0]; }
