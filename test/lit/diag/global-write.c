// A write to a global (or a function-scope static) that is not private or
// mapped is an error naming the variable.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

double g;
void f(double *y, int n) {
  // CHECK: {{.*}}global-write.c:[[@LINE+5]]:31: error: the loop writes global variable 'g', which is not private or mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) g = y[i];
  // CHECK-NEXT: {{^ +\| {31}\^$}}
  // CHECK-NEXT: {{.*}}global-write.c:[[@LINE+2]]:31: note: {{.*}}private(g)
#pragma par distribute map(to: y[0:n])
  for (int i = 0; i < n; i++) g = y[i];
}

long counter;
void h(int n) {
  // CHECK: {{.*}}global-write.c:[[@LINE+4]]:31: error: the loop writes global variable 'counter', which is not private or mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) counter += i;
  // CHECK-NEXT: {{^ +\| {31}\^$}}
#pragma par distribute
  for (int i = 0; i < n; i++) counter += i;
}

void s(int n) {
  static int last;
  // CHECK: {{.*}}global-write.c:[[@LINE+4]]:31: error: {{.*}}'last'{{.*}}not private or mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) last = i;
  // CHECK-NEXT: {{^ +\| {31}\^$}}
#pragma par distribute
  for (int i = 0; i < n; i++) last = i;
}
