// A distributed loop needs an init clause that sets its induction variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  int i = 0;
  // CHECK: {{.*}}loop-no-init.c:[[@LINE+5]]:8: error: a distributed loop needs an initialization of its induction variable
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (; i < n; i++) y[i] = i;
  // CHECK-NEXT: {{^ +\| {8}\^$}}
  // CHECK-NEXT: {{.*}}loop-no-init.c:[[@LINE+2]]:8: note: write 'for (int i = lb; ...)' or 'for (i = lb; ...)'
#pragma par distribute map(tofrom: y[0:n])
  for (; i < n; i++) y[i] = i;
}
