// --emit-rewritten on a file without `#pragma par` prints it unchanged, to
// stdout or to -o FILE, and compiles nothing. (`#pragma parallel`, `# pragma
// once` and the words in this comment are not par pragmas.)
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %parcc --emit-rewritten %s > stdout.c
// RUN: diff %s stdout.c
// RUN: %parcc --emit-rewritten -DX=1 -I. %s -o file.c
// RUN: diff %s file.c
// RUN: ls | FileCheck %s --implicit-check-not=.o
// CHECK: file.c
// CHECK: stdout.c

#pragma once
#pragma parallel
#include <stdio.h>

int main(void) {
  puts("unchanged");
  return 0;
}
