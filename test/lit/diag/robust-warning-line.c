// A warning in the user's loop body is reported by clang at the user's file
// and line, and the object is still written (exit 0).
// RUN: rm -rf %t.d && mkdir -p %t.d/tmp
// RUN: bash -c 'TMPDIR=%t.d/tmp %parcc -Wall -c %s -o %t.d/out.o; echo "rc=$?"' 2>&1 | FileCheck %s --implicit-check-not=parcc- --implicit-check-not=%t.d/tmp --implicit-check-not=error
// RUN: test -s %t.d/out.o

void h(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    // CHECK: {{.*}}robust-warning-line.c:[[@LINE+1]]:9: warning: unused variable 'unused'
    int unused = 3;
    y[i] = i;
  }
}

// CHECK: rc=0
