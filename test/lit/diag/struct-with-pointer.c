// A struct that holds a pointer cannot be copied into a task: the error names
// the variable and the pointer field (a nested one by its path).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

struct V { int n; double *data; };
void f(struct V v) {
  // CHECK: {{.*}}struct-with-pointer.c:[[@LINE+5]]:33: error: 'v' holds a pointer ('data') and cannot be copied into a distributed task
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < v.n; i++) v.data[i] = i;
  // CHECK-NEXT: {{^ +\| {33}\^$}}
  // CHECK-NEXT: {{.*}}struct-with-pointer.c:[[@LINE+2]]:33: note: pass the fields the loop needs as separate variables and map the pointers
#pragma par distribute
  for (int i = 0; i < v.n; i++) v.data[i] = i;
}

// Only a scalar field is read, but the whole struct would be copied.
struct In { int k; char *name; };
struct Out { double w; struct In in; };
void g(double *y, int n, struct Out o) {
  // CHECK: {{.*}}struct-with-pointer.c:[[@LINE+4]]:38: error: 'o' holds a pointer ('in.name') and cannot be copied into a distributed task
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) y[i] = o.w;
  // CHECK-NEXT: {{^ +\| {38}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = o.w;
}
