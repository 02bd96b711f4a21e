// An unknown directive after `#pragma par` is an error, with a "did you mean"
// note when a directive is close, else the list of directives.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *y, int n) {
  // CHECK: {{.*}}unknown-directive.c:[[@LINE+4]]:13: error: unknown directive 'distribut'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribut map(tofrom: y[0:n])
  // CHECK-NEXT: {{^ +\| {13}\^$}}
  // CHECK-NEXT: {{.*}}unknown-directive.c:[[@LINE+1]]:13: note: did you mean 'distribute'?
#pragma par distribut map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}

void g(void) {
  // CHECK: {{.*}}unknown-directive.c:[[@LINE+4]]:13: error: unknown directive 'frobnicate'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par frobnicate
  // CHECK-NEXT: {{^ +\| {13}\^$}}
  // CHECK-NEXT: {{.*}}unknown-directive.c:[[@LINE+1]]:13: note: the directives are 'distribute', 'spawn' and 'sync'
#pragma par frobnicate
}

void h(double *y, int n) {
  // CHECK: {{.*}}unknown-directive.c:[[@LINE+3]]:13: error: unknown directive 'parallel'
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par parallel for
  // CHECK-NEXT: {{^ +\| {13}\^$}}
#pragma par parallel for
  for (int i = 0; i < n; i++) y[i] = i;
}
