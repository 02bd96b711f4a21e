// A variable-length array with a map clause is like a pointer with one: it
// compiles (as in OpenMP, where map(tofrom: a[0:n]) on a VLA is the usual
// way to move it).
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

double f(int n) {
  double a[n];
#pragma par distribute map(tofrom: a[0:n])
  for (int i = 0; i < n; i++) a[i] = i;
  return a[n - 1];
}
