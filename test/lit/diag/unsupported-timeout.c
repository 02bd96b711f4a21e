// timeout(seconds) is not supported in this version: a clear error naming it.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}unsupported-timeout.c:[[@LINE+4]]:44: error: clause 'timeout' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) timeout(10)
  // CHECK-NEXT: {{^ +\| {44}\^$}}
  // CHECK-NEXT: {{.*}}unsupported-timeout.c:[[@LINE+1]]:44: note: {{.*}}
#pragma par distribute map(tofrom: y[0:n]) timeout(10)
  for (int i = 0; i < n; i++) y[i] = i;
}
