// Pragmas inside `#if 0` (even broken ones) are ignored, as the preprocessor
// ignores everything there: this compiles.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error --implicit-check-not=warning
// RUN: test -s %t.o

void f(double *y, int n) {
#if 0
#pragma par distribute
#pragma par bogus stuff @@@ "unterminated
#pragma par distribute map(tofrom: y) device(gpu)
#endif
  for (int i = 0; i < n; i++) y[i] = i;
}

#ifdef NOT_DEFINED_ANYWHERE
#pragma par spawn
#else
void g(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}
#endif
