// A nowait loop followed by `#pragma par sync` compiles, and so does a sync
// with nothing to wait for.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

void f(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) nowait
  for (int i = 0; i < n; i++) y[i] = i;
#pragma par sync
}

void g(void) {
#pragma par sync
}
