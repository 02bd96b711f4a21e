// Reduction variables of any storage: a global, a static local, a local,
// and a function parameter, each combined with the value it had before the
// loop; the global is also read after the loop by another function.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: global 499510 static -999 local 1000 param 1000999
#include <stdio.h>
#include <stdlib.h>

long g_sum = 10;

static long read_global(void) { return g_sum; }

static long with_param(int n, long base) {
#pragma par distribute reduction(+ : base)
  for (int i = 0; i < n; i++)
    base += 2 * i + 1;
  return base;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  static int s_min = 1;
  long count = 0;

#pragma par distribute reduction(+ : g_sum) reduction(min : s_min) reduction(+ : count)
  for (int i = 0; i < n; i++) {
    g_sum += i;
    s_min = -i < s_min ? -i : s_min;
    count++;
  }

  printf("global %ld static %d local %ld param %ld\n", read_global(), s_min, count,
         with_param(n, 999));
  return 0;
}
