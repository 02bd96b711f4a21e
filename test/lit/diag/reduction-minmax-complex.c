// min and max are not defined for complex reduction variables.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

_Complex double cmin(double *y, int n) {
  _Complex double s = 0;
  // CHECK: {{.*}}reduction-minmax-complex.c:[[@LINE+3]]:55: error: reduction operator 'min' is not defined for complex 's'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(min: s)
  // CHECK-NEXT: {{^ +\| {55}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(min: s)
  for (int i = 0; i < n; i++) s += y[i];
  return s;
}

_Complex float cmax(float *y, int n) {
  _Complex float s = 0;
  // CHECK: {{.*}}reduction-minmax-complex.c:[[@LINE+3]]:55: error: reduction operator 'max' is not defined for complex 's'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(max: s)
  // CHECK-NEXT: {{^ +\| {55}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(max: s)
  for (int i = 0; i < n; i++) s += y[i];
  return s;
}
