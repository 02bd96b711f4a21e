// reduction(min) and reduction(max) on every arithmetic type (the integer
// types, float, double, long double), written four ways (`x < lo ? x : lo`,
// `if (x > hi) hi = x`, `if (lo > x) lo = x`, `hi < x ? x : hi`). The
// variables start at zero (argument 0: for the unsigned types zero stays
// the minimum) or at a term of the sequence (argument 1).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003 1
// RUN: %run-compare %t.par %t.ser 100003 0
// RUN: %run-compare %t.par %t.ser 2 1
// RUN: %run-compare %t.par %t.ser 0 1
// RUN: %t.par 100003 0 | FileCheck %s
// CHECK: unsigned min 0 max {{[1-9][0-9]*}} (0 {{[1-9][0-9]*}})
#include <stdio.h>
#include <stdlib.h>

/* A scrambled sequence in [0, 2^31): the minimum and maximum can be anywhere. */
static unsigned long val(int i) { return ((unsigned long)i * 2654435761ul + 12345) % 2147483647ul; }

static void minmax_char(int n, int seed) {
  char lo = seed ? ((char)(val(0) % 200 - 100)) : 0, hi = lo;
  char lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    char x = (char)(v % 200 - 100);
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("char min %d max %d (%d %d)\n", (int)lo, (int)hi, (int)lo2, (int)hi2);
}

static void minmax_schar(int n, int seed) {
  signed char lo = seed ? ((signed char)(val(0) % 201 - 100)) : 0, hi = lo;
  signed char lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    signed char x = (signed char)(v % 201 - 100);
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("signed char min %d max %d (%d %d)\n", (int)lo, (int)hi, (int)lo2, (int)hi2);
}

static void minmax_uchar(int n, int seed) {
  unsigned char lo = seed ? ((unsigned char)(val(0) % 250 + 3)) : 0, hi = lo;
  unsigned char lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    unsigned char x = (unsigned char)(v % 250 + 3);
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("unsigned char min %u max %u (%u %u)\n", (unsigned)lo, (unsigned)hi, (unsigned)lo2, (unsigned)hi2);
}

static void minmax_short(int n, int seed) {
  short lo = seed ? ((short)(val(0) % 60000 - 30000)) : 0, hi = lo;
  short lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    short x = (short)(v % 60000 - 30000);
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("short min %d max %d (%d %d)\n", (int)lo, (int)hi, (int)lo2, (int)hi2);
}

static void minmax_ushort(int n, int seed) {
  unsigned short lo = seed ? ((unsigned short)(val(0) % 65000 + 17)) : 0, hi = lo;
  unsigned short lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    unsigned short x = (unsigned short)(v % 65000 + 17);
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("unsigned short min %u max %u (%u %u)\n", (unsigned)lo, (unsigned)hi, (unsigned)lo2, (unsigned)hi2);
}

static void minmax_int(int n, int seed) {
  int lo = seed ? ((int)(val(0) % 2000001) - 1000000) : 0, hi = lo;
  int lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    int x = (int)(v % 2000001) - 1000000;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("int min %d max %d (%d %d)\n", lo, hi, lo2, hi2);
}

static void minmax_uint(int n, int seed) {
  unsigned lo = seed ? ((unsigned)val(0) + 11u) : 0, hi = lo;
  unsigned lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    unsigned x = (unsigned)v + 11u;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("unsigned min %u max %u (%u %u)\n", lo, hi, lo2, hi2);
}

static void minmax_long(int n, int seed) {
  long lo = seed ? ((long)val(0) * 12345 - 6000000000000L) : 0, hi = lo;
  long lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    long x = (long)v * 12345 - 6000000000000L;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("long min %ld max %ld (%ld %ld)\n", lo, hi, lo2, hi2);
}

static void minmax_ulong(int n, int seed) {
  unsigned long lo = seed ? ((unsigned long)val(0) * 0x100000001ul + 5) : 0, hi = lo;
  unsigned long lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    unsigned long x = (unsigned long)v * 0x100000001ul + 5;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("unsigned long min %lu max %lu (%lu %lu)\n", lo, hi, lo2, hi2);
}

static void minmax_llong(int n, int seed) {
  long long lo = seed ? (-(long long)val(0) * 99991) : 0, hi = lo;
  long long lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    long long x = -(long long)v * 99991;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("long long min %lld max %lld (%lld %lld)\n", lo, hi, lo2, hi2);
}

static void minmax_ullong(int n, int seed) {
  unsigned long long lo = seed ? ((unsigned long long)val(0) << 20 | 9) : 0, hi = lo;
  unsigned long long lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    unsigned long long x = (unsigned long long)v << 20 | 9;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("unsigned long long min %llu max %llu (%llu %llu)\n", lo, hi, lo2, hi2);
}

static void minmax_float(int n, int seed) {
  float lo = seed ? ((float)(val(0) % 100000) * 0.125f - 3000.0f) : 0, hi = lo;
  float lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    float x = (float)(v % 100000) * 0.125f - 3000.0f;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("float min %a max %a (%a %a)\n", (double)lo, (double)hi, (double)lo2, (double)hi2);
}

static void minmax_double(int n, int seed) {
  double lo = seed ? ((double)val(0) * 1e-3 - 1e6) : 0, hi = lo;
  double lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    double x = (double)v * 1e-3 - 1e6;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("double min %a max %a (%a %a)\n", lo, hi, lo2, hi2);
}

static void minmax_ldouble(int n, int seed) {
  long double lo = seed ? ((long double)val(0) / 3 - 7) : 0, hi = lo;
  long double lo2 = lo, hi2 = hi;
#pragma par distribute reduction(min : lo, lo2) reduction(max : hi, hi2)
  for (int i = 0; i < n; i++) {
    unsigned long v = val(i + 1);
    long double x = (long double)v / 3 - 7;
    lo = x < lo ? x : lo;
    if (x > hi)
      hi = x;
    if (lo2 > x)
      lo2 = x;
    hi2 = hi2 < x ? x : hi2;
  }
  printf("long double min %La max %La (%La %La)\n", lo, hi, lo2, hi2);
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]), seed = atoi(argv[2]);
  minmax_char(n, seed);
  minmax_schar(n, seed);
  minmax_uchar(n, seed);
  minmax_short(n, seed);
  minmax_ushort(n, seed);
  minmax_int(n, seed);
  minmax_uint(n, seed);
  minmax_long(n, seed);
  minmax_ulong(n, seed);
  minmax_llong(n, seed);
  minmax_ullong(n, seed);
  minmax_float(n, seed);
  minmax_double(n, seed);
  minmax_ldouble(n, seed);
  return 0;
}
