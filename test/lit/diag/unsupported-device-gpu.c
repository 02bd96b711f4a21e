// device(gpu) is not supported in this version: a clear error naming the
// clause, never a loop silently run on the CPU.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}unsupported-device-gpu.c:[[@LINE+4]]:44: error: clause 'device(gpu{{[^']*}})' is not supported yet
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) device(gpu)
  // CHECK-NEXT: {{^ +\| {44}\^$}}
  // CHECK-NEXT: {{.*}}unsupported-device-gpu.c:[[@LINE+1]]:44: note: {{.*}}
#pragma par distribute map(tofrom: y[0:n]) device(gpu)
  for (int i = 0; i < n; i++) y[i] = i;
}
