// cache and cache("dir") are not supported in this version: a clear error
// naming the clause.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}unsupported-cache.c:[[@LINE+4]]:44: error: clause 'cache' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) cache
  // CHECK-NEXT: {{^ +\| {44}\^$}}
  // CHECK-NEXT: {{.*}}unsupported-cache.c:[[@LINE+1]]:44: note: {{.*}}
#pragma par distribute map(tofrom: y[0:n]) cache
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}unsupported-cache.c:[[@LINE+3]]:44: error: clause 'cache' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) cache("dir")
  // CHECK-NEXT: {{^ +\| {44}\^$}}
#pragma par distribute map(tofrom: y[0:n]) cache("dir")
  for (int i = 0; i < n; i++) y[i] = i;
}
