// if() needs an expression; if( without its closing parenthesis too.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}empty-if.c:[[@LINE+3]]:47: error: expected an expression in 'if' clause
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) if()
  // CHECK-NEXT: {{^ +\| {47}\^$}}
#pragma par distribute map(tofrom: y[0:n]) if()
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}empty-if.c:[[@LINE+3]]:52: error: expected ')' to close 'if' clause
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) if(n > 0
  // CHECK-NEXT: {{^ +\| {52}\^$}}
#pragma par distribute map(tofrom: y[0:n]) if(n > 0
  for (int i = 0; i < n; i++) y[i] = i;
}
