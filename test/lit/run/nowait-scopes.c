// Two nowait loops started in inner blocks whose local variables (the
// loops' firstprivate values) go out of scope, and whose stack is reused by
// later code, before the `#pragma par sync`: the tasks still see the values
// they were started with. Built at -O0 too, where stack slots are reused.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 200000
// RUN: %run-compare %t.par %t.ser 1
// RUN: %parcc -O0 %s -o %t.par0 && %serialcc -O0 %s -o %t.ser0
// RUN: %run-compare %t.par0 %t.ser0 200000
// RUN: %t.par 200000 | FileCheck %s
// CHECK: s1 23999993 s2 32000012 total 103999991
#include <stdio.h>
#include <stdlib.h>

static void scribble(void) {
  volatile long junk[256];
  for (int q = 0; q < 256; q++)
    junk[q] = -q;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
  long s1 = 0, s2 = 0;
  {
    long k = 3, off = 7;
#pragma par distribute map(from : a[0:n]) reduction(+ : s1) nowait
    for (int i = 0; i < n; i++) {
      long v = 0;
      for (int r = 0; r < 20; r++)
        v += (i * k + off + r) % 13;
      a[i] = v;
      s1 += v;
    }
  }
  {
    long k = 5, off = 11;
#pragma par distribute map(from : b[0:n]) reduction(+ : s2) nowait
    for (int i = 0; i < n; i++) {
      long v = 0;
      for (int r = 0; r < 20; r++)
        v += (i * k + off + r) % 17;
      b[i] = v;
      s2 += v;
    }
  }
  scribble();
#pragma par sync
  long total = 0;
  for (int i = 0; i < n; i++)
    total += a[i] * 3 + b[i];
  printf("s1 %ld s2 %ld total %ld\n", s1, s2, total);
  free(a);
  free(b);
  return 0;
}
