// The bitwise reduction operators &, | and ^ need an integer variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

double band(double *y, int n) {
  double s = 0;
  // CHECK: {{.*}}reduction-bitwise-float.c:[[@LINE+3]]:53: error: reduction operator '&' needs an integer variable; 's' is floating
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(&: s)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(&: s)
  for (int i = 0; i < n; i++) s = s + y[i];
  return s;
}

float bor(float *y, int n) {
  float s = 0;
  // CHECK: {{.*}}reduction-bitwise-float.c:[[@LINE+3]]:53: error: reduction operator '|' needs an integer variable; 's' is floating
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(|: s)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(|: s)
  for (int i = 0; i < n; i++) s += y[i];
  return s;
}

long double bxor(double *y, int n) {
  long double s = 0;
  // CHECK: {{.*}}reduction-bitwise-float.c:[[@LINE+3]]:53: error: reduction operator '^' needs an integer variable; 's' is floating
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(to: y[0:n]) reduction(^: s)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
#pragma par distribute map(to: y[0:n]) reduction(^: s)
  for (int i = 0; i < n; i++) s += y[i];
  return s;
}
