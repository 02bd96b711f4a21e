// On a par diagnostic parcc writes no output file, whatever the mode: -c
// without -o (the default name in the current directory), linking with -o,
// and -c -o over a stale file from an earlier build.
// RUN: rm -rf %t.d && mkdir -p %t.d && cd %t.d
// RUN: not %parcc -c %s 2>&1 | FileCheck %s
// RUN: not test -e %t.d/no-output-file.o
// RUN: not %parcc %s -o %t.d/app 2>&1 | FileCheck %s
// RUN: not test -e %t.d/app
// RUN: echo stale > %t.d/stale.o
// RUN: not %parcc -c %s -o %t.d/stale.o 2>&1 | FileCheck %s
// RUN: not test -e %t.d/stale.o
// RUN: ls %t.d | count 0

int main(void) {
  double *p = 0;
  int n = 10;
  // CHECK: {{.*}}no-output-file.c:[[@LINE+2]]:31: error: pointer 'p' is used in the loop but not mapped
#pragma par distribute
  for (int i = 0; i < n; i++) p[i] = i;
  return 0;
}
