// A parameter written `double c[][8]` is a pointer to rows of 8 (SPEC 2.1):
// `c[0:n]` and `c[0:n][0:8]` both map n whole rows, as they do for
// `double (*c)[8]` and `double c[10][8]`. All of these compile.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

void a(int n, double c[][8]) {
#pragma par distribute map(tofrom: c[0:n])
  for (int i = 0; i < n; i++) c[i][0] = i;
}

void b(int n, double c[][8]) {
#pragma par distribute map(tofrom: c[0:n][0:8])
  for (int i = 0; i < n; i++) c[i][0] = i;
}

void c(int n, double (*m)[8]) {
#pragma par distribute map(tofrom: m[0:n][0:8])
  for (int i = 0; i < n; i++) m[i][0] = i;
}

void d(int n, double m[10][8]) {
#pragma par distribute map(tofrom: m[0:n][0:8])
  for (int i = 0; i < n; i++) m[i][0] = i;
}
