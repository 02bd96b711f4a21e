// A type error in the user's loop body is reported by clang at the user's
// file and line (parcc's rewritten copy carries #line), never at a generated
// file or a temporary path.
// RUN: rm -rf %t.d && mkdir -p %t.d/tmp
// RUN: bash -c 'TMPDIR=%t.d/tmp %parcc -c %s -o %t.d/out.o; echo "rc=$?"' 2>&1 | FileCheck %s --implicit-check-not=parcc- --implicit-check-not=%t.d/tmp
// RUN: not test -e %t.d/out.o

struct S { int a; };

void f(double *y, int n, struct S s) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    // CHECK: {{.*}}robust-type-error-line.c:[[@LINE+1]]:14: error: invalid operands to binary expression ('struct S' and 'int')
    y[i] = s + 1;
  }
}

void g(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    // CHECK: {{.*}}robust-type-error-line.c:[[@LINE+1]]:12: error: {{.*}}'nosuchfn'
    y[i] = nosuchfn(i);
  }
}

// CHECK: rc=1
