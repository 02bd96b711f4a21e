// Several annotated loops in one function, each reading what the one before
// wrote (a pipeline: fill, scale, prefix by blocks, reduce), plus loops in
// two other functions of the same file called in between.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 64
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 64 | FileCheck %s
// CHECK: blocks 56 184 312 440 568 696 824 952
// CHECK: total 4032 max 95 count 64
#include <stdio.h>
#include <stdlib.h>

#define B 8

static void negate(long *a, int n) {
#pragma par distribute map(tofrom : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] = -a[i];
}

static long max_of(const long *a, int n) {
  long mx = -1;
#pragma par distribute map(to : a[0:n]) reduction(max : mx)
  for (int i = 0; i < n; i++)
    mx = a[i] > mx ? a[i] : mx;
  return mx;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int nb = (n + B - 1) / B;
  long *a = malloc(n * sizeof *a), *blk = malloc(nb * sizeof *blk);

#pragma par distribute map(from : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] = -i;
  negate(a, n);
#pragma par distribute map(tofrom : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] = 3 * a[i] + 1 - a[i]; /* 2i + 1 */
#pragma par distribute map(to : a[0:n]) map(from : blk[0:nb])
  for (int b = 0; b < nb; b++) {
    long s = 0;
    for (int i = b * B; i < (b + 1) * B && i < n; i++)
      s += a[i] - 1;
    blk[b] = s;
  }
  long total = 0, count = 0;
#pragma par distribute map(to : blk[0:nb]) reduction(+ : total) map(to : a[0:n]) \
    reduction(+ : count)
  for (int b = 0; b < nb; b++) {
    total += blk[b];
    for (int i = b * B; i < (b + 1) * B && i < n; i++)
      count += a[i] % 2;
  }

  printf("blocks");
  for (int b = 0; b < nb && b < 8; b++)
    printf(" %ld", blk[b]);
  printf("\ntotal %ld max %ld count %ld\n", total, max_of(blk, nb) / 10, count);
  free(a);
  free(blk);
  return 0;
}
