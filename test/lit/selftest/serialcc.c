// %serialcc builds a file serially: `#pragma par` is ignored, and <par.h>
// (from include/) gives the serial stubs.
// RUN: %serialcc -O2 %s -o %t
// RUN: %t | FileCheck %s
#include <par.h>
#include <stdio.h>

int main(void) {
  long sum = 0;
#pragma par distribute reduction(+ : sum)
  for (int i = 1; i <= 100; i++)
    sum += i;
  // CHECK: sum 5050 workers 1 rank 0
  printf("sum %ld workers %d rank %d\n", sum, par_num_workers(), par_rank());
  return 0;
}
