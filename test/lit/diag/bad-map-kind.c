// The map kinds are to, from, tofrom and alloc.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}bad-map-kind.c:[[@LINE+4]]:28: error: unknown map kind 'tofro'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofro: y[0:n])
  // CHECK-NEXT: {{^ +\| {28}\^$}}
  // CHECK-NEXT: {{.*}}bad-map-kind.c:[[@LINE+1]]:28: note: did you mean 'tofrom'?
#pragma par distribute map(tofro: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}bad-map-kind.c:[[@LINE+4]]:28: error: unknown map kind 'delete'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(delete: y[0:n])
  // CHECK-NEXT: {{^ +\| {28}\^$}}
  // CHECK-NEXT: note: the map kinds are 'to', 'from', 'tofrom' and 'alloc'
#pragma par distribute map(delete: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}
