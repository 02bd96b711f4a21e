// A compile error in the user's code is reported by clang against the user's
// file, with exit status 1, and no object is left behind.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: bash -c '%parcc -c %s -o bad.o; echo "rc=$?"' 2>&1 | FileCheck %s
// RUN: not ls bad.o
// CHECK: compile-error.c:[[@LINE+4]]:10: error: use of undeclared identifier 'undeclared_name'
// CHECK: rc=1

int main(void) {
  return undeclared_name;
}
