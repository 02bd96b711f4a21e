// Comments inside or after a pragma line are allowed (as in any C line) and
// must not leak into parcc's rewritten code: no warning, even with -Wall
// -Werror, and the clauses after the comment still count.
// RUN: rm -f %t.o
// RUN: %parcc -Wall -Werror -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error --implicit-check-not=warning
// RUN: test -s %t.o

void a(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) /* comment */ nowait
  for (int i = 0; i < n; i++) y[i] = i;
#pragma par sync
}

void b(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) // trailing comment
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
#pragma par distribute /* a */ map(tofrom: /* b */ y[0:n]) /* c */
  for (int i = 0; i < n; i++) y[i] = i;
}
