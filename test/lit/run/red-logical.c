// reduction(&&) and reduction(||) on int, _Bool, char, unsigned, long and
// double: "all values positive" and "some value equals the target", where the
// one exception sits at the first index, the last index or nowhere. The
// variables start true for && and false for ||, then start the other way.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003 -1
// RUN: %run-compare %t.par %t.ser 100003 0
// RUN: %run-compare %t.par %t.ser 100003 100002
// RUN: %run-compare %t.par %t.ser 100003 5000
// RUN: %run-compare %t.par %t.ser 0 -1
// RUN: %t.par 100003 -1 | FileCheck %s --check-prefix=NONE
// RUN: %t.par 100003 100002 | FileCheck %s --check-prefix=LAST
// NONE: int all=1 any=0
// NONE: double all=1 any=0
// NONE: start-other-way all=0 any=1
// LAST: int all=0 any=1
// LAST: long all=0 any=1
// LAST: start-other-way all=0 any=1
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]), odd = atoi(argv[2]);
  int *a = malloc((n + 1) * sizeof *a);
  for (int i = 0; i < n; i++)
    a[i] = i == odd ? -5 : i % 1000 + 1;

  int ia = 1, io = 0;
  bool ba = true, bo = false;
  char ca = 1, co = 0;
  unsigned ua = 7, uo = 0;
  long la = -1, lo = 0;
  double da = 1.0, dd = 0.0;
#pragma par distribute map(to : a[0:n]) reduction(&& : ia, ba, ca, ua, la, da) \
    reduction(|| : io, bo, co, uo, lo, dd)
  for (int i = 0; i < n; i++) {
    ia = ia && a[i] > 0;
    io = io || a[i] == -5;
    ba = ba && a[i] > 0;
    bo = bo || a[i] == -5;
    ca = ca && a[i] > 0;
    co = co || a[i] == -5;
    ua = ua && a[i] > 0;
    uo = uo || a[i] == -5;
    la = a[i] > 0 && la;
    lo = a[i] == -5 || lo;
    da = da && a[i] > 0;
    dd = dd || a[i] == -5;
  }
  printf("int all=%d any=%d\n", ia, io);
  printf("_Bool all=%d any=%d\n", ba, bo);
  printf("char all=%d any=%d\n", ca, co);
  printf("unsigned all=%u any=%u\n", ua, uo);
  printf("long all=%ld any=%ld\n", la, lo);
  printf("double all=%g any=%g\n", da, dd);

  /* The initial value takes part: false && ... stays false, true || ... stays true. */
  int all = 0, any = 1;
#pragma par distribute map(to : a[0:n]) reduction(&& : all) reduction(|| : any)
  for (int i = 0; i < n; i++) {
    all = all && a[i] != 0;
    any = any || a[i] == 123456;
  }
  printf("start-other-way all=%d any=%d\n", all, any);
  free(a);
  return 0;
}
