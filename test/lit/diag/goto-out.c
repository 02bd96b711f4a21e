// `goto` to a label outside the distributed loop is an error.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}goto-out.c:[[@LINE+4]]:47: error: 'goto' would leave the distributed loop
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) { if (y[i] < 0) goto out; y[i] = i; }
  // CHECK-NEXT: {{^ +\| {47}\^$}}
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) { if (y[i] < 0) goto out; y[i] = i; }
out:;
}
