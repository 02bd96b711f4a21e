// A file that does not parse: clang's own errors are shown against the
// user's file and line, parcc exits 1 (not a crash, not a hang), and no
// object is written. The pragma before the broken code is not what is
// reported.
// RUN: rm -f %t.o
// RUN: bash -c '%parcc -c %s -o %t.o; echo "rc=$?"' 2>&1 | FileCheck %s --implicit-check-not='Stack dump'
// RUN: not test -e %t.o

void f(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  // CHECK: {{.*}}robust-parse-error.c:[[@LINE+1]]:39: error: expected ';' after expression
  for (int i = 0; i < n; i++) y[i] = i
}

void g(double *y, int n) {
  // CHECK: {{.*}}robust-parse-error.c:[[@LINE+1]]:10: error: {{.*}}
  y[0] = ] n;
}

// CHECK: rc=1
