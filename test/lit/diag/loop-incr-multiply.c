// A multiplicative step (`i *= 2`) is not canonical.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}loop-incr-multiply.c:[[@LINE+5]]:26: error: loop increment must step the induction variable 'i' by a loop-invariant amount
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 1; i < n; i *= 2) y[i] = i;
  // CHECK-NEXT: {{^ +\| {26}\^$}}
  // CHECK-NEXT: {{.*}}loop-incr-multiply.c:[[@LINE+2]]:26: note: write i++, ++i, i--, --i, i += c, i -= c or i = i + c
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 1; i < n; i *= 2) y[i] = i;
}
