// `_Pragma("par ...")`, written directly or through a macro, is an error
// (not silently ignored), reported where the _Pragma is written.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}pragma-operator.c:[[@LINE+4]]:3: error: '_Pragma("par ...")' is not supported
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   _Pragma("par distribute map(tofrom: y[0:n])")
  // CHECK-NEXT: {{^ +\| {3}\^$}}
  // CHECK-NEXT: {{.*}}pragma-operator.c:[[@LINE+1]]:3: note: write it as a '#pragma par' line
  _Pragma("par distribute map(tofrom: y[0:n])")
  for (int i = 0; i < n; i++) y[i] = i;
}

// CHECK: {{.*}}pragma-operator.c:[[@LINE+3]]:14: error: '_Pragma("par ...")' is not supported
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #define DIST _Pragma("par distribute")
// CHECK-NEXT: {{^ +\| {14}\^$}}
#define DIST _Pragma("par distribute")
void b(double y[10]) {
  DIST
  for (int i = 0; i < 10; i++) y[i] = i;
}
