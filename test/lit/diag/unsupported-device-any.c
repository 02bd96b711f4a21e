// device(any) is not supported in this version: a clear error naming the
// clause.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}unsupported-device-any.c:[[@LINE+4]]:24: error: clause 'device({{[^']*}}any)' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute device(any) map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {24}\^$}}
  // CHECK-NEXT: {{.*}}unsupported-device-any.c:[[@LINE+1]]:24: note: {{.*}}
#pragma par distribute device(any) map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}
