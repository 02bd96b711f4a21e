// `#pragma par` text inside comments and string literals is not a pragma:
// this compiles (the loops after it are not distributed, so an unmapped
// pointer there is fine).
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error --implicit-check-not=warning
// RUN: test -s %t.o

const char *s1 = "#pragma par distribute";
const char *s2 = "abc\
#pragma par distribute";
// a line comment that continues on the next line \
#pragma par distribute
/*
#pragma par distribute
#pragma par bogus
*/
void f(double *y, int n) {
  const char *t = "#pragma par sync nowait";
  (void)t;
  // #pragma par distribute
  /* #pragma par distribute */
  for (int i = 0; i < n; i++) y[i] = i;
}
