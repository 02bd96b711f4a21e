// A pragma continued over several lines with backslash-newline: an error is
// reported at the physical line and column where the bad token is.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}robust-line-continuation.c:[[@LINE+6]]:5: error: unknown clause 'schedul' in '#pragma par distribute'
  // CHECK-NEXT: {{^ +}}[[@LINE+5]] |     schedul(static)
  // CHECK-NEXT: {{^ +\| {5}\^$}}
  // CHECK-NEXT: note: did you mean 'schedule'?
#pragma par distribute \
    map(tofrom: y[0:n]) \
    schedul(static)
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}robust-line-continuation.c:[[@LINE+5]]:17: error: unknown map kind 'tofro'
  // CHECK-NEXT: {{^ +}}[[@LINE+4]] |             map(tofro: \
  // CHECK-NEXT: {{^ +\| {17}\^$}}
#pragma par \
  distribute \
            map(tofro: \
y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}

// A loop analysis error after a continued pragma is on the right line too.
void c(double *y, int n) {
  // CHECK: {{.*}}robust-line-continuation.c:[[@LINE+4]]:31: error: pointer 'y' is used in the loop but not mapped
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] |   for (int i = 0; i < n; i++) y[i] = i;
#pragma par distribute \
    schedule(static)
  for (int i = 0; i < n; i++) y[i] = i;
}
