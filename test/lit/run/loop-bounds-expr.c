// Loop bounds and steps that are expressions: macros, arithmetic on
// variables, a struct member, a (pure) function call, sizeof, a ternary and a
// cast. Each loop fills its own part of an array; the array's checksum and
// each loop's iteration count are printed.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100
// RUN: %run-compare %t.par %t.ser 37
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100 | FileCheck %s
// CHECK: macro 64 arith 85 member 8 call 50 sizeof 16 ternary 25 cast 33
#include <stdio.h>
#include <stdlib.h>

#define N 64
#define LO (N / 2 - 2)
#define STEP(x) ((x) + 1)

struct range {
  int lo, hi;
};

static int half(int v) { return v / 2; }

long out[4096];

static long count_range(long lo, long hi) {
  long c = 0;
  for (long i = lo; i < hi; i++)
    c += out[i] != 0;
  return c;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  struct range r = {n / 4, n / 4 + 2 * (n % 5) + 8};
  unsigned char bytes[16];

#pragma par distribute
  for (int i = 0; i < N; i++) /* [0, 64) */
    out[i] = i + 1;

#pragma par distribute
  for (int i = LO + N; i < 2 * N + n / 2 + 1; i += STEP(0)) /* [94, 128 + n/2] */
    out[i] = 2 * i;

#pragma par distribute
  for (int i = r.lo + 200; i < r.hi + 200; i++)
    out[i] = 3 * i;

#pragma par distribute
  for (int i = 300; i < 300 + half(n); i++)
    out[i] = 4 * i;

#pragma par distribute
  for (int i = 400; i < 400 + (int)sizeof bytes; i++)
    out[i] = 5 * i;

#pragma par distribute
  for (int i = (n > 50 ? 500 : 510); i < (n > 50 ? 550 : 530); i += (n > 50 ? 2 : 1))
    out[i] = 6 * i;

#pragma par distribute
  for (long i = (long)n * 6; i < (long)(n * 6.33); i++)
    out[1000 + i] = 7 * i;

  unsigned long check = 0;
  for (int i = 0; i < 4096; i++)
    check = check * 31 + out[i];
  printf("macro %ld arith %ld member %ld call %ld sizeof %ld ternary %ld cast %ld\n",
         count_range(0, 64), count_range(64, 200), count_range(200, 300), count_range(300, 400),
         count_range(400, 500), count_range(500, 600), count_range(1000, 4096));
  printf("checksum %lu\n", check);
  return 0;
}
