// Ascending loop `for (int i = lo; i < hi; i++)`: every iteration of [lo, hi)
// runs exactly once, for a long range, ranges that are not a multiple of any
// chunk size, one iteration, and empty ranges (lo == hi, lo > hi).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 0 1000
// RUN: %run-compare %t.par %t.ser 17 4093
// RUN: %run-compare %t.par %t.ser 3 4
// RUN: %run-compare %t.par %t.ser 5 5
// RUN: %run-compare %t.par %t.ser 9 2
// RUN: %t.par 0 1000 | FileCheck %s --check-prefix=FULL
// RUN: %t.par 3 4 | FileCheck %s --check-prefix=ONE
// RUN: %t.par 9 2 | FileCheck %s --check-prefix=EMPTY
// FULL: ran 1000 once 1000 bad 0 first 0 last 999 weighted 499500
// ONE: ran 1 once 1 bad 0 first 3 last 3 weighted 3
// EMPTY: ran 0 once 0 bad 0 first -1 last -1 weighted 0
#include <stdio.h>
#include <stdlib.h>

#define MAXN 4096
int hits[MAXN];

static void report(long ran) {
  long once = 0, bad = 0, weighted = 0;
  int first = -1, last = -1;
  for (int i = 0; i < MAXN; i++) {
    if (hits[i] == 1)
      once++;
    else if (hits[i] != 0)
      bad++;
    if (hits[i]) {
      if (first < 0)
        first = i;
      last = i;
      weighted += (long)i * hits[i];
    }
  }
  printf("ran %ld once %ld bad %ld first %d last %d weighted %ld\n", ran, once, bad, first, last,
         weighted);
}

int main(int argc, char **argv) {
  int lo = atoi(argv[1]), hi = atoi(argv[2]);
  long ran = 0;
#pragma par distribute reduction(+ : ran)
  for (int i = lo; i < hi; i++) {
    hits[i] += 1;
    ran++;
  }
  report(ran);
  return 0;
}
