// An annotated loop that is itself the unbraced body of another statement:
// of a serial time loop `for (t ...)`, and of both branches of an if/else.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 0
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 0 | FileCheck %s --check-prefix=ELSE
// RUN: %t.par 1 | FileCheck %s --check-prefix=THEN
// ELSE: sum 2000 a[99] 20
// THEN: sum -100 a[99] -1
#include <stdio.h>
#include <stdlib.h>

double a[100];

int main(int argc, char **argv) {
  int flag = atoi(argv[1]);
  for (int t = 0; t < 5; t++)
#pragma par distribute
    for (int i = 0; i < 100; i++)
      a[i] += t;
  if (flag)
#pragma par distribute
    for (int i = 0; i < 100; i++)
      a[i] = -1;
  else
#pragma par distribute
    for (int i = 0; i < 100; i++)
      a[i] *= 2;
  double s = 0;
  for (int i = 0; i < 100; i++)
    s += a[i];
  printf("sum %g a[99] %g\n", s, a[99]);
  return 0;
}
