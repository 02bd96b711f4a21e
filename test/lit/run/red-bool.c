// Reductions on _Bool variables with every operator that applies to it:
// + and * (which act as || and && on _Bool), & | ^, && ||, min and max.
// Three patterns of flags: none set, one set (at index k), all set.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003 none
// RUN: %run-compare %t.par %t.ser 100003 one
// RUN: %run-compare %t.par %t.ser 100003 all
// RUN: %run-compare %t.par %t.ser 1 one
// RUN: %t.par 100003 none | FileCheck %s --check-prefix=NONE
// RUN: %t.par 100003 one | FileCheck %s --check-prefix=ONE
// RUN: %t.par 100003 all | FileCheck %s --check-prefix=ALL
// NONE: + 0 * 0 & 0 | 0 ^ 0 && 0 || 0 min 0 max 0
// ONE: + 1 * 0 & 0 | 1 ^ 1 && 0 || 1 min 0 max 1
// ALL: + 1 * 1 & 1 | 1 ^ 1 && 1 || 1 min 1 max 1
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  bool *f = malloc(n * sizeof *f);
  for (int i = 0; i < n; i++)
    f[i] = strcmp(argv[2], "all") == 0 || (strcmp(argv[2], "one") == 0 && i == n / 3);

  bool add = false, mul = true, band = true, bor = false, bxor = false;
  bool land = true, lor = false, mn = true, mx = false;
#pragma par distribute map(to : f[0:n]) reduction(+ : add) reduction(* : mul) \
    reduction(& : band) reduction(| : bor) reduction(^ : bxor) reduction(&& : land) \
    reduction(|| : lor) reduction(min : mn) reduction(max : mx)
  for (int i = 0; i < n; i++) {
    add += f[i];
    mul *= f[i];
    band &= f[i];
    bor |= f[i];
    bxor ^= f[i];
    land = land && f[i];
    lor = lor || f[i];
    mn = f[i] < mn ? f[i] : mn;
    mx = f[i] > mx ? f[i] : mx;
  }
  printf("+ %d * %d & %d | %d ^ %d && %d || %d min %d max %d\n", add, mul, band, bor, bxor, land,
         lor, mn, mx);
  free(f);
  return 0;
}
