// An error in a file that has `#pragma par` is reported against the user's
// file and line (the rewritten copy in the temp dir never shows), the exit
// status is 1, and no output is written, not even a stale one from before.
// RUN: rm -rf %t && mkdir -p %t/tmp && cd %t
// RUN: echo stale > bad.o
// RUN: bash -c 'TMPDIR=%t/tmp %parcc -c %s -o bad.o; echo "rc=$?"' 2>&1 | FileCheck %s --implicit-check-not=parcc-
// RUN: not ls bad.o
// RUN: ls %t/tmp | count 0

int main(void) {
  double a[100];
#pragma par distribute
  for (int i = 0; i < 100; i++)
    a[i] = i;
  // CHECK: compile-error-pragma.c:[[@LINE+1]]:10: error: use of undeclared identifier 'undeclared_name'
  return undeclared_name;
  // CHECK: rc=1
}
