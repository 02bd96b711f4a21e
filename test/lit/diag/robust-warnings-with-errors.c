// As with cc, warnings are shown together with errors: a file with an error
// in one function and a warning in another reports both (clang-19 -Wall
// does), exits 1 and writes nothing.
// RUN: rm -f %t.o
// RUN: bash -c '%parcc -Wall -c %s -o %t.o; echo "rc=$?"' 2>&1 | FileCheck %s
// RUN: not test -e %t.o

void f(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    // CHECK-DAG: {{.*}}robust-warnings-with-errors.c:[[@LINE+1]]:12: error: {{.*}}'nosuchfn'
    y[i] = nosuchfn(i);
  }
}

void h(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    // CHECK-DAG: {{.*}}robust-warnings-with-errors.c:[[@LINE+1]]:9: warning: unused variable 'unused'
    int unused = 3;
    y[i] = i;
  }
}

// CHECK: rc=1
