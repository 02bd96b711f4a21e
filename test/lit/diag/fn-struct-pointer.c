// Structs and unions are passed by value, so one that holds a pointer (at
// any depth) is an error naming the parameter and the field; so is a
// pointer parameter whose data holds pointers (mapped bytes would carry
// addresses of the caller's process).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

struct vec { int n; double *data; };
struct in { int k; char *name; };
struct out { double w; struct in in; };
union cell { long bits; void *p; };

// CHECK: {{.*}}fn-struct-pointer.c:[[@LINE+5]]:23: error: parameter 'v' of distributed function 'length' holds a pointer ('data'), which would not be valid in another process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int length(struct vec v) { return v.n; }
// CHECK-NEXT: {{^ +\| {23}\^$}}
// CHECK-NEXT: {{.*}}fn-struct-pointer.c:[[@LINE+2]]:23: note: pass the fields as separate parameters, and the pointers as mapped pointer parameters
#pragma par distribute
int length(struct vec v) { return v.n; }

// CHECK: {{.*}}fn-struct-pointer.c:[[@LINE+5]]:33: error: parameter 'o' of distributed function 'nested' holds a pointer ('in.name'), which would not be valid in another process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int nested(double w, struct out o) { return o.in.k + (int)w; }
// CHECK-NEXT: {{^ +\| {33}\^$}}
// CHECK-NEXT: {{.*}}fn-struct-pointer.c:[[@LINE+2]]:33: note: pass the fields as separate parameters, and the pointers as mapped pointer parameters
#pragma par distribute
int nested(double w, struct out o) { return o.in.k + (int)w; }

// CHECK: {{.*}}fn-struct-pointer.c:[[@LINE+5]]:20: error: parameter 'c' of distributed function 'un' holds a pointer ('p'), which would not be valid in another process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | long un(union cell c) { return c.bits; }
// CHECK-NEXT: {{^ +\| {20}\^$}}
// CHECK-NEXT: {{.*}}fn-struct-pointer.c:[[@LINE+2]]:20: note: pass the fields as separate parameters, and the pointers as mapped pointer parameters
#pragma par distribute
long un(union cell c) { return c.bits; }

// CHECK: {{.*}}fn-struct-pointer.c:[[@LINE+5]]:22: error: the data 'names' points to holds pointers, which would not be valid in another process
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int first_len(char **names, int n) { return n ? names[0][0] : 0; }
// CHECK-NEXT: {{^ +\| {22}\^$}}
// CHECK-NEXT: {{.*}}fn-struct-pointer.c:[[@LINE+2]]:22: note: a pointer is only valid in the process that made it: pass flat data
#pragma par distribute map(to: names[0:n])
int first_len(char **names, int n) { return n ? names[0][0] : 0; }
