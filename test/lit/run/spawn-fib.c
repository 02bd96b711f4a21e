// Recursive divide and conquer with spawn/sync: fib with a cutoff. Every
// level spawns two children and syncs; under ./app all pool threads end up
// waiting on children at once (they help instead of blocking), under
// parrun the top levels go to the workers and the levels below run on the
// workers' own pools.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: fib(27) = 196418
// CHECK: sum = 499500
#include <stdio.h>

static long fib_serial(int n) { return n < 2 ? n : fib_serial(n - 1) + fib_serial(n - 2); }

#pragma par distribute
long fib(int n) {
  if (n < 18) return fib_serial(n);
  long a, b;
#pragma par spawn
  a = fib(n - 1);
#pragma par spawn
  b = fib(n - 2);
#pragma par sync
  return a + b;
}

/* parallel sum of [lo, hi) by halves, with the implicit sync at return */
#pragma par distribute
long long psum(int lo, int hi) {
  if (hi - lo <= 100) {
    long long s = 0;
    for (int i = lo; i < hi; i++) s += i;
    return s;
  }
  int mid = lo + (hi - lo) / 2;
  long long left = 0, right = 0;
#pragma par spawn
  left = psum(lo, mid);
#pragma par spawn
  right = psum(mid, hi);
#pragma par sync
  return left + right;
}

int main(void) {
  printf("fib(27) = %ld\n", fib(27));
  printf("sum = %lld\n", psum(0, 1000));
  return 0;
}
