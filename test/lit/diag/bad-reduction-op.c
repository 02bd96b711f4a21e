// The reduction operators are + * - & | ^ && || min max.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

int a(int *y, int n) {
  int s = 0;
  // CHECK: {{.*}}bad-reduction-op.c:[[@LINE+4]]:50: error: unknown reduction operator '/'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: y[0:n]) reduction(/: s)
  // CHECK-NEXT: {{^ +\| {50}\^$}}
  // CHECK-NEXT: {{.*}}bad-reduction-op.c:[[@LINE+1]]:50: note: the operators are +, *, -, &, |, ^, &&, ||, min and max
#pragma par distribute map(to: y[0:n]) reduction(/: s)
  for (int i = 0; i < n; i++) s /= y[i];
  return s;
}

int b(int *y, int n) {
  int s = 0;
  // CHECK: {{.*}}bad-reduction-op.c:[[@LINE+4]]:50: error: unknown reduction operator 'maximum'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: y[0:n]) reduction(maximum: s)
  // CHECK-NEXT: {{^ +\| {50}\^$}}
  // CHECK-NEXT: note: {{.*}}max
#pragma par distribute map(to: y[0:n]) reduction(maximum: s)
  for (int i = 0; i < n; i++) s = s > y[i] ? s : y[i];
  return s;
}
