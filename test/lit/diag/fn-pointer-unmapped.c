// A pointer parameter of a distributed function needs a map clause: the task
// may run in another process. The error names the parameter, at its
// declaration; the hint's map kind follows the pointee (const: to, else
// tofrom). An array parameter is a pointer too.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}fn-pointer-unmapped.c:[[@LINE+5]]:26: error: pointer parameter 'v' of distributed function 'sum' is not mapped
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | double sum(const double *v, int n) {
// CHECK-NEXT: {{^ +\| {26}\^$}}
// CHECK-NEXT: {{.*}}fn-pointer-unmapped.c:[[@LINE+2]]:26: note: add map(to: v[0:n]) to the pragma, with the number of elements the function uses
#pragma par distribute
double sum(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}

// One mapped, one not: only the unmapped one is named.
// CHECK: {{.*}}fn-pointer-unmapped.c:[[@LINE+5]]:44: error: pointer parameter 'out' of distributed function 'scale' is not mapped
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | void scale(const double *in, int n, double out[]) {
// CHECK-NEXT: {{^ +\| {44}\^$}}
// CHECK-NEXT: note: add map(tofrom: out[0:n]) to the pragma
#pragma par distribute map(to: in[0:n])
void scale(const double *in, int n, double out[]) {
  for (int i = 0; i < n; i++) out[i] = 2 * in[i];
}
