// Three translation units: the functions are defined in one (parcc), called
// and spawned from this one (parcc), and called from one built by a plain
// cc; all linked by parcc.
// RUN: %parcc -O2 -c %S/Inputs/func-lib.c -o %t.lib.o -I %S/Inputs
// RUN: %serialcc -O2 -c %S/Inputs/func-plain.c -o %t.plain.o -I %S/Inputs
// RUN: %parcc -O2 %s %t.lib.o %t.plain.o -o %t.par -I %S/Inputs
// RUN: %serialcc -O2 %s %S/Inputs/func-lib.c %S/Inputs/func-plain.c -o %t.ser -I %S/Inputs
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: norm1=10 spawned=3 plain=33001 q=7 r=2
#include <stdio.h>

#include "func-lib.h"

int main(void) {
  double v[4] = {1, -2, 3, -4}, w[3] = {1, 1, -1};
  double a = norm1(v, 4), b;
#pragma par spawn
  b = norm1(w, 3);
  struct pair p;
#pragma par spawn
  p = divmod(37, 5);
#pragma par sync
  printf("norm1=%g spawned=%g plain=%ld q=%ld r=%ld\n", a, b, plain_caller(100, 3), p.q, p.r);
  return 0;
}
