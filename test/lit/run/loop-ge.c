// Descending loop `for (int i = hi; i >= lo; --i)`: every iteration of
// [lo, hi] runs exactly once, including index 0, for a long range, an odd
// range, one iteration (hi == lo) and empty ranges (hi < lo).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 999 0
// RUN: %run-compare %t.par %t.ser 4093 17
// RUN: %run-compare %t.par %t.ser 0 0
// RUN: %run-compare %t.par %t.ser 4 5
// RUN: %run-compare %t.par %t.ser 2 9
// RUN: %t.par 999 0 | FileCheck %s --check-prefix=FULL
// RUN: %t.par 0 0 | FileCheck %s --check-prefix=ONE
// RUN: %t.par 4 5 | FileCheck %s --check-prefix=EMPTY
// FULL: ran 1000 once 1000 bad 0 first 0 last 999 weighted 499500
// ONE: ran 1 once 1 bad 0 first 0 last 0 weighted 0
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
  int hi = atoi(argv[1]), lo = atoi(argv[2]);
  long ran = 0;
#pragma par distribute reduction(+ : ran)
  for (int i = hi; i >= lo; --i) {
    hits[i] += 1;
    ran++;
  }
  report(ran);
  return 0;
}
