// A variable-length array used in the loop without a map clause is an error
// naming it.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(int n) {
  double a[n];
  // CHECK: {{.*}}vla-unmapped.c:[[@LINE+5]]:31: error: variable-length array 'a' {{.*}}
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) a[i] = i;
  // CHECK-NEXT: {{^ +\| {31}\^$}}
  // CHECK-NEXT: {{.*}}vla-unmapped.c:[[@LINE+2]]:31: note: {{.*}}map(tofrom: {{.*}}[0:n])
#pragma par distribute
  for (int i = 0; i < n; i++) a[i] = i;
}
