// cache: a loop that writes a mapped array through an index it cannot slice
// has one entry per execution (whole section); its `to` data and scalars are
// inputs, so a changed input is a new entry and a rerun takes each step from
// the cache. Results match a run without the cache, bit for bit.
// RUN: %parcc -O1 %s -o %t && %serialcc -O1 %s -o %t.ser
// RUN: rm -rf %t.cache && mkdir %t.cache
// RUN: %t.ser >%t.expected
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: FileCheck %s --check-prefix=FIRST <%t.err
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache PAR_WORKERS=3 %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: FileCheck %s --check-prefix=AGAIN <%t.err
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache %parrun -n 2 %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: FileCheck %s --check-prefix=AGAIN <%t.err
// A different scalar (argv): every step is new.
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache %t 3 2>&1 >/dev/null | FileCheck %s --check-prefix=FIRST
// Three steps, each an execution with other inputs (a changes):
// FIRST-COUNT-3: cache: loop 'main:{{[0-9]+}}': 1 chunks, 0 from cache, 1 computed, 1 stored
// FIRST-NOT: from cache
// AGAIN-COUNT-3: cache: loop 'main:{{[0-9]+}}': 1 chunks, 1 from cache, 0 computed, 0 stored
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  enum { N = 997 };
  static int perm[N];
  static double a[N];
  double c = argc > 1 ? atof(argv[1]) : 1.5;
  for (int i = 0; i < N; i++) {
    perm[i] = (int)((i * 389L) % N);
    a[i] = i;
  }
  for (int step = 0; step < 3; step++) {
#pragma par distribute map(to : perm) map(tofrom : a) cache
    for (int i = 0; i < N; i++) a[perm[i]] = a[perm[i]] * 0.5 + c * i;
  }
  double s = 0;
  for (int i = 0; i < N; i++) s += a[i] * (i % 5);
  printf("%.17g %.17g %.17g\n", s, a[0], a[N - 1]);
  return 0;
}
