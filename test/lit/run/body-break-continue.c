// Control flow inside the body: `break` out of an inner loop (a linear
// search), `continue` in the distributed loop itself (skipping iterations)
// and in an inner loop, and an early `continue` before a reduction update.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 20011
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 1000 | FileCheck %s
// CHECK: first[0]=0 first[1]=3 first[999]=2
// CHECK: skipped 666 sum 166833 odd 334
#include <stdio.h>
#include <stdlib.h>

#define W 64

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int *first = malloc(n * sizeof *first);
  long sum = 0, skipped = 0, odd = 0;

  /* first[i]: the first k with (i * k) % 7 == 3, or -1 (break in an inner loop). */
#pragma par distribute map(from : first[0:n])
  for (int i = 0; i < n; i++) {
    first[i] = -1;
    for (int k = 0; k < W; k++) {
      if (i % 7 == 0 && i != 0)
        break;
      if (i == 0 || (i * k) % 7 == 3) {
        first[i] = i == 0 ? 0 : k;
        break;
      }
    }
  }

#pragma par distribute reduction(+ : sum, skipped, odd)
  for (int i = 0; i < n; i++) {
    if (i % 3 != 0) {
      skipped++;
      continue;
    }
    sum += i;
    for (int k = 0; k < 4; k++) {
      if (k % 2 == 0)
        continue;
      odd += i % 2;
    }
  }

  long check = 0;
  for (int i = 0; i < n; i++)
    check = check * 7 % 1000003 + first[i] + 1;
  printf("first[0]=%d first[1]=%d first[%d]=%d\n", first[0], n > 1 ? first[1] : -9, n - 1,
         first[n - 1]);
  printf("skipped %ld sum %ld odd %ld\n", skipped, sum, odd);
  printf("check %ld\n", check);
  free(first);
  return 0;
}
