// Reductions over whole fixed-size arrays named without a section:
// `reduction(+ : counts)` on a local int[16], `reduction(min : lows)` on a
// global double[3], `reduction(| : masks)` on a static unsigned[4], and a 2-D
// local `reduction(+ : grid)`.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1600 | FileCheck %s
// CHECK: counts 101 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100
// CHECK: lows -2 -2 -2
// CHECK: masks 0x10000001 0x40000002 0xffffffff 0{{$}}
// CHECK: grid 400 400 400 400 | 1600
#include <stdio.h>
#include <stdlib.h>

double lows[3] = {0, 0, 0};

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int counts[16] = {1};
  static unsigned masks[4] = {0x10000000u, 0x40000000u, 0, 0};
  long grid[2][2] = {{0, 0}, {0, 0}};

#pragma par distribute reduction(+ : counts) reduction(min : lows) reduction(| : masks) \
    reduction(+ : grid)
  for (int i = 0; i < n; i++) {
    counts[i % 16]++;
    double v = -(double)(i % 5) * 0.5;
    if (v < lows[i % 3])
      lows[i % 3] = v;
    masks[0] |= i == 0;
    masks[1] |= (i == n - 1) << 1;
    masks[2] |= 1u << (i % 32);
    grid[i % 2][(i / 2) % 2] += 1;
  }

  printf("counts");
  for (int k = 0; k < 16; k++)
    printf(" %d", counts[k]);
  printf("\nlows %g %g %g\n", lows[0], lows[1], lows[2]);
  printf("masks %#x %#x %#x %#x\n", masks[0], masks[1], masks[2], masks[3]);
  printf("grid %ld %ld %ld %ld | %ld\n", grid[0][0], grid[0][1], grid[1][0], grid[1][1],
         grid[0][0] + grid[0][1] + grid[1][0] + grid[1][1]);
  return 0;
}
