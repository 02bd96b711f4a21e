// Reductions whose combining is exact (integer types, every operator) go
// back from a worker combined per task, one block's partials instead of one
// per block (docs/protocol.md, RESULT's `combined`); floating ones go block
// by block. Either way the output is the serial one, bit for bit, at every
// worker count: integer + and * that wrap, min, max, & | ^ && ||, an
// integer array section, and a loop that mixes a long with a double sum
// (not combined: the double's rounding depends on the grouping).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// The floating sums print rounded for that comparison (the serial build adds
// in another order); with EXACT=1 they print in full, and ./app and parrun
// at every worker count must agree bit for bit.
// RUN: env EXACT=1 PAR_WORKERS=2 %t.par > %t.app
// RUN: env EXACT=1 PAR_REMOTE_MIN_US=0 %parrun -n 1 %t.par | diff %t.app -
// RUN: env EXACT=1 PAR_REMOTE_MIN_US=0 %parrun -n 3 %t.par | diff %t.app -
// RUN: env EXACT=1 PAR_REMOTE_MIN_US=0 %parrun -n 4 %t.par | diff %t.app -
// The bytes that come back: a 2048-long reduction (16 KiB per block) over
// 1024 blocks is under 4 MiB combined; the same in double is 16 MiB or more,
// and so is the long one of a loop with a `cache` clause (run only with
// CBIG=1), whose cache entries must each hold their own block's partials.
// RUN: rm -rf %t.cache
// RUN: env CBIG=1 PAR_CACHE_DIR=%t.cache PAR_REMOTE_MIN_US=0 %parrun --stats -n 2 %t.par 2>&1 >/dev/null \
// RUN:   | awk '/^loop (ibig|dbig|cbig):/ { v = $(NF-2); u = $(NF-1); \
// RUN:       mib = u == "MiB" ? v : u == "GiB" ? v * 1024 : 0; \
// RUN:       print $2, (mib >= 4 ? "large" : "small") }' | sort | FileCheck %s --check-prefix=BYTES
// BYTES: cbig:{{[0-9]+}} large
// BYTES: dbig:{{[0-9]+}} large
// BYTES: ibig:{{[0-9]+}} small
#include <stdio.h>
#include <stdlib.h>

#define N (1 << 18)
#define NB 64
#define BIG 2048

static void show(const char *what, double v) {
  if (getenv("EXACT")) printf("%s %a\n", what, v);
  else printf("%s %.6f\n", what, v);
}

static long ihist[NB];
static long ibig_a[BIG];
static double dbig_a[BIG];

static void ints(const unsigned *key) {
  int i;
  unsigned long prod = 1;
  long lo = 0x7fffffffffffffffL, hi = -0x7fffffffffffffffL;
  unsigned band = ~0u, bor = 0, bxor = 0;
  int all = 1, any = 0;
  short wrap = 0;
#pragma par distribute map(to : key[0:N]) reduction(+ : ihist[0:NB], wrap) \
    reduction(* : prod) reduction(min : lo) reduction(max : hi) \
    reduction(& : band) reduction(| : bor) reduction(^ : bxor) reduction(&& : all) \
    reduction(|| : any)
  for (i = 0; i < N; i++) {
    unsigned h = key[i];
    ihist[h % NB]++;
    wrap += (short)(h & 0x7fff);
    prod *= (unsigned long)(h | 1u);
    long v = (long)(h % 100000) - 50000;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    band &= h | 0x0f0f0f0fu;
    bor |= h & 0x10101u;
    bxor ^= h;
    all = all && (h != 12345u);
    any = any || (h % 99991u == 0);
  }
  unsigned long cs = 0;
  for (i = 0; i < NB; i++) cs = cs * 1000003u + (unsigned long)ihist[i];
  printf("ints: hist %lx wrap %d prod %lx lo %ld hi %ld and %x or %x xor %x all %d any %d\n", cs,
         wrap, prod, lo, hi, band, bor, bxor, all, any);
}

static void mixed(const unsigned *key) {
  int i;
  long count = 0;
  double sum = 0.0;
#pragma par distribute map(to : key[0:N]) reduction(+ : count, sum)
  for (i = 0; i < N; i++) {
    count += key[i] & 7u;
    sum += 1.0 / (double)(key[i] % 1000u + 1u);
  }
  printf("mixed: %ld\n", count);
  show("mixed:", sum);
}

static void ibig(const unsigned *key) {
  int i;
#pragma par distribute map(to : key[0:N]) reduction(+ : ibig_a[0:BIG])
  for (i = 0; i < N; i++)
    ibig_a[key[i] % BIG] += i & 3;
  unsigned long s = 0;
  for (i = 0; i < BIG; i++) s = s * 31u + (unsigned long)ibig_a[i];
  printf("ibig: %lx\n", s);
}

static long cbig_a[BIG];

static void cbig(const unsigned *key) {
  int i;
#pragma par distribute map(to : key[0:N]) reduction(+ : cbig_a[0:BIG]) cache
  for (i = 0; i < N; i++)
    cbig_a[key[i] % BIG] += i & 5;
  unsigned long s = 0;
  for (i = 0; i < BIG; i++) s = s * 31u + (unsigned long)cbig_a[i];
  printf("cbig: %lx\n", s);
}

static void dbig(const unsigned *key) {
  int i;
#pragma par distribute map(to : key[0:N]) reduction(+ : dbig_a[0:BIG])
  for (i = 0; i < N; i++)
    dbig_a[key[i] % BIG] += 0.1 * (double)(i & 3);
  double s = 0.0;
  for (i = 0; i < BIG; i++) s = s * 0.5 + dbig_a[i];
  show("dbig:", s);
}

static unsigned key[N];

int main(void) {
  int i;
  for (i = 0; i < N; i++) {
    unsigned h = (unsigned)i * 2654435761u;
    h ^= h >> 15;
    key[i] = h * 0x846ca68bu;
  }
  for (int rep = 0; rep < 3; rep++) {
    ints(key);
    mixed(key);
    ibig(key);
    dbig(key);
    if (getenv("CBIG")) cbig(key);
  }
  return 0;
}
