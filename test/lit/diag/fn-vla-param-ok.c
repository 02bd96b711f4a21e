// A one-dimensional array parameter with a run-time size is a pointer, as in
// C: it compiles with a map clause, and so do rows of constant size.
// RUN: rm -f %t.o
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

#pragma par distribute map(to: v[0:n])
double last(int n, const double v[n]) { return v[n - 1]; }

#pragma par distribute map(tofrom: a[0:n])
void rows(int n, double a[][8]) { a[n - 1][7] = 1; }
