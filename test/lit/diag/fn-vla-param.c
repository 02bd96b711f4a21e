// A parameter of variably modified type (rows of run-time length) cannot
// be named in the argument block; a plain `double v[n]` is a pointer and is
// fine (fn-vla-param-ok.c).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}fn-vla-param.c:[[@LINE+5]]:36: error: parameter 'a' of distributed function 'corner' has a variable-length array type ('double[n][m]')
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | double corner(int n, int m, double a[n][m]) { return a[n - 1][m - 1]; }
// CHECK-NEXT: {{^ +\| {36}\^$}}
// CHECK-NEXT: {{.*}}fn-vla-param.c:[[@LINE+2]]:36: note: give the rows a constant size, or pass a plain pointer and index it by hand
#pragma par distribute map(to: a[0:n])
double corner(int n, int m, double a[n][m]) { return a[n - 1][m - 1]; }

// CHECK: {{.*}}fn-vla-param.c:[[@LINE+5]]:39: error: parameter 'a' of distributed function 'corner2' has a variable-length array type ('double (*)[m]')
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | double corner2(int n, int m, double (*a)[m]) { return a[n - 1][m - 1]; }
// CHECK-NEXT: {{^ +\| {39}\^$}}
// CHECK-NEXT: {{.*}}fn-vla-param.c:[[@LINE+2]]:39: note: give the rows a constant size, or pass a plain pointer and index it by hand
#pragma par distribute map(to: a[0:n])
double corner2(int n, int m, double (*a)[m]) { return a[n - 1][m - 1]; }
