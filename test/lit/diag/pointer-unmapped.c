// A pointer used in the loop without a map clause is an error that names the
// pointer; the hint proposes a map clause whose kind follows the use (read:
// to, written: tofrom).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void f(double *x, double *y, int n) {
  // CHECK: {{.*}}pointer-unmapped.c:[[@LINE+9]]:31: error: pointer 'y' is used in the loop but not mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+8]] |   for (int i = 0; i < n; i++) y[i] = x[i];
  // CHECK-NEXT: {{^ +\| {31}\^$}}
  // CHECK-NEXT: {{.*}}pointer-unmapped.c:[[@LINE+6]]:31: note: add map({{(to)?}}from: y[0:n]) to the pragma
  // CHECK: {{.*}}pointer-unmapped.c:[[@LINE+5]]:38: error: pointer 'x' is used in the loop but not mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) y[i] = x[i];
  // CHECK-NEXT: {{^ +\| {38}\^$}}
  // CHECK-NEXT: {{.*}}pointer-unmapped.c:[[@LINE+2]]:38: note: add map(to: x[0:n]) to the pragma
#pragma par distribute
  for (int i = 0; i < n; i++) y[i] = x[i];
}

// One pointer mapped, the other not: only the unmapped one is named.
void g(const float *in, float *out, int n) {
  // CHECK: {{.*}}pointer-unmapped.c:[[@LINE+5]]:40: error: pointer 'in' is used in the loop but not mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) out[i] = in[i] * 2;
  // CHECK-NEXT: {{^ +\| {40}\^$}}
  // CHECK-NEXT: {{.*}}pointer-unmapped.c:[[@LINE+2]]:40: note: add map(to: in[0:n])
#pragma par distribute map(from: out[0:n])
  for (int i = 0; i < n; i++) out[i] = in[i] * 2;
}

// A global pointer needs a map clause too.
double *gp;
void h(int n) {
  // CHECK: {{.*}}pointer-unmapped.c:[[@LINE+5]]:31: error: pointer 'gp' is used in the loop but not mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |   for (int i = 0; i < n; i++) gp[i] = i;
  // CHECK-NEXT: {{^ +\| {31}\^$}}
  // CHECK-NEXT: {{.*}}pointer-unmapped.c:[[@LINE+2]]:31: note: add map({{(to)?}}from: gp[0:n])
#pragma par distribute
  for (int i = 0; i < n; i++) gp[i] = i;
}
