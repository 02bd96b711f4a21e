// Reductions over array sections of a pointer, combined element-wise:
// `reduction(+ : hist[0:nbins])` (a histogram that starts with non-zero
// counts), a section that starts past element 0 (`reduction(max : top[2:5])`,
// elements outside it untouched), and a double section `sums[0:nb]` with
// exact terms.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003 17
// RUN: %run-compare %t.par %t.ser 1 17
// RUN: %run-compare %t.par %t.ser 0 3
// RUN: %run-compare %t.par %t.ser 5000 1
// RUN: %t.par 1000 10 | FileCheck %s
// CHECK: hist 101 101 101 101 101 101 101 101 101 101 total 1010
// CHECK: top -1 -1 995 996 997 998 999 -1 -1
// CHECK: sums 6000 6125 6250 6375
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]), nbins = atoi(argv[2]);
  long *hist = malloc(nbins * sizeof *hist);
  int *top = malloc(9 * sizeof *top);
  double *sums = malloc(4 * sizeof *sums);
  for (int b = 0; b < nbins; b++)
    hist[b] = 1;
  for (int k = 0; k < 9; k++)
    top[k] = -1;
  for (int k = 0; k < 4; k++)
    sums[k] = 0;
  int nb = 4;

#pragma par distribute reduction(+ : hist[0:nbins]) reduction(max : top[2:5]) \
    reduction(+ : sums[0:nb])
  for (int i = 0; i < n; i++) {
    hist[(i * 7) % nbins] += 1;
    int k = 2 + i % 5;
    if (i > top[k])
      top[k] = i;
    sums[i % 4] += (i % 100) * 0.5;
  }

  long total = 0;
  printf("hist");
  for (int b = 0; b < nbins; b++) {
    printf(" %ld", hist[b]);
    total += hist[b];
  }
  printf(" total %ld\n", total);
  printf("top");
  for (int k = 0; k < 9; k++)
    printf(" %d", top[k]);
  printf("\nsums %g %g %g %g\n", sums[0], sums[1], sums[2], sums[3]);
  free(hist);
  free(top);
  free(sums);
  return 0;
}
