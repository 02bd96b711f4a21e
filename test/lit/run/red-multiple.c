// Several reductions of different operators and types in one loop, beside a
// map and a lastprivate: a double sum, a long count, an int min and max with
// their positions folded in, an unsigned xor checksum and a histogram
// section. The double sum is printed with limited precision.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 200003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 1000 | FileCheck %s
// CHECK: count 499 min 3 max 3000 xor 2913286217 last 999
// CHECK: sum 6.938957e+02
// CHECK: hist 250 250 249 251
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int *a = malloc(n * sizeof *a);
  long *hist = calloc(4, sizeof *hist);
  for (int i = 0; i < n; i++)
    a[i] = 3 * i + 3 - i % 3;

  double sum = 0;
  long count = 0;
  int mn = 1 << 30, mx = -(1 << 30), last = -1;
  unsigned check = 0;
#pragma par distribute map(to : a[0:n]) reduction(+ : sum, count) reduction(min : mn) \
    reduction(max : mx) reduction(^ : check) reduction(+ : hist[0:4]) lastprivate(last)
  for (int i = 0; i < n; i++) {
    sum += 1.0 / (1.0 + (a[i] % 1000) * 1e-3);
    if (a[i] % 2 == 0)
      count++;
    mn = a[i] < mn ? a[i] : mn;
    mx = a[i] > mx ? a[i] : mx;
    check ^= (unsigned)a[i] * 2654435761u;
    hist[a[i] % 4]++;
    last = i;
  }
  printf("count %ld min %d max %d xor %u last %d\n", count, mn, mx, check, last);
  printf("sum %.6e\n", sum);
  printf("hist %ld %ld %ld %ld\n", hist[0], hist[1], hist[2], hist[3]);
  free(a);
  free(hist);
  return 0;
}
