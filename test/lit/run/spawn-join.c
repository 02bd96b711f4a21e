// A spawn that takes the pending results of several earlier spawns (a
// join): under parrun they usually run on different workers, so the driver
// holds the join until all but one have completed and sends it to the
// worker of the last one (or fills every value itself when all are done).
// Also a chain through a struct result, and a join whose inputs are the
// same variable twice.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: joins: 1110 2220 3330 4440 5550 6660 7770 8880
// CHECK: pair: 21 42
// CHECK: twice: 200
#include <stdio.h>
#include <unistd.h>

struct pair { long lo, hi; };

#pragma par distribute
long slow(long x, int us) {
  usleep((useconds_t)us);
  return x;
}

#pragma par distribute
long join3(long a, long b, long c) { return a + b + c; }

#pragma par distribute
struct pair make(long v) {
  struct pair p = {v, 2 * v};
  return p;
}

#pragma par distribute
struct pair grow(struct pair p, long add) {
  p.lo += add;
  p.hi += 2 * add;
  return p;
}

#pragma par distribute
long sum2(long a, long b) { return a + b; }

int main(void) {
  long out[8];
  long a, b, c;
  for (int k = 0; k < 8; k++) {
#pragma par spawn
    a = slow(1000 * (k + 1), 3000);
#pragma par spawn
    b = slow(100 * (k + 1), 1000);
#pragma par spawn
    c = slow(10 * (k + 1), 2000);
#pragma par spawn
    out[k] = join3(a, b, c);
  }
  struct pair p;
#pragma par spawn
  p = make(10);
#pragma par spawn
  p = grow(p, 11);
  long t;
#pragma par spawn
  t = slow(100, 500);
  long twice;
#pragma par spawn
  twice = sum2(t, t);
#pragma par sync
  printf("joins:");
  for (int k = 0; k < 8; k++) printf(" %ld", out[k]);
  printf("\npair: %ld %ld\ntwice: %ld\n", p.lo, p.hi, twice);
  return 0;
}
