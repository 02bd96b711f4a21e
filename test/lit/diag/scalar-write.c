// A scalar written in the body needs private, lastprivate or reduction (or
// must be declared inside the body); the error names the variable. Plain
// assignment, ++ and taking its address all count as writes.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

double assign(double *y, int n) {
  double t = 0;
  // CHECK: {{.*}}scalar-write.c:[[@LINE+5]]:31: error: 't' is written in the loop body but is not private, lastprivate or a reduction
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) t = y[i];
  // CHECK-NEXT: {{^ +\| {31}\^$}}
  // CHECK-NEXT: {{.*}}scalar-write.c:[[@LINE+2]]:31: note: add private(t), lastprivate(t), or reduction(+: t)
#pragma par distribute map(to: y[0:n])
  for (int i = 0; i < n; i++) t = y[i];
  return t;
}

int count(int n) {
  int c = 0;
  // CHECK: {{.*}}scalar-write.c:[[@LINE+5]]:31: error: 'c' is written in the loop body but is not private, lastprivate or a reduction
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) c++;
  // CHECK-NEXT: {{^ +\| {31}\^$}}
  // CHECK-NEXT: note: add private(c), lastprivate(c), or reduction(+: c)
#pragma par distribute
  for (int i = 0; i < n; i++) c++;
  return c;
}

void take(int *p);
void address(int n) {
  int c = 0;
  // CHECK: {{.*}}scalar-write.c:[[@LINE+4]]:37: error: 'c' is written in the loop body but is not private, lastprivate or a reduction
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) take(&c);
  // CHECK-NEXT: {{^ +\| {37}\^$}}
#pragma par distribute
  for (int i = 0; i < n; i++) take(&c);
}

struct P { double x, y; };
double member(int n) {
  struct P s = {0, 0};
  // CHECK: {{.*}}scalar-write.c:[[@LINE+4]]:31: error: 's' is written in the loop body but is not private, lastprivate or a reduction
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) s.x = i;
  // CHECK-NEXT: {{^ +\| {31}\^$}}
#pragma par distribute
  for (int i = 0; i < n; i++) s.x = i;
  return s.x;
}
