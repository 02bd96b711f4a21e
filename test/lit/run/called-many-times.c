// A function with an annotated loop called 1000 times: every call runs the
// loop to completion (each call reads the previous call's output), and the
// reduction and lastprivate start over from the values the function gives
// them on each call.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000 37
// RUN: %run-compare %t.par %t.ser 1000 1
// RUN: %t.par 1000 37 | FileCheck %s
// CHECK: calls 1000 a[0]=1000 a[36]=1036 total 19184500 last 1036 bad 0
#include <stdio.h>
#include <stdlib.h>

static long step(long *a, int n, long *lastv) {
  long sum = 0, last = -1;
#pragma par distribute map(tofrom : a[0:n]) reduction(+ : sum) lastprivate(last)
  for (int i = 0; i < n; i++) {
    a[i] += 1;
    sum += a[i];
    last = a[i];
  }
  *lastv = last;
  return sum;
}

int main(int argc, char **argv) {
  int calls = atoi(argv[1]), n = atoi(argv[2]);
  long *a = malloc(n * sizeof *a);
  for (int i = 0; i < n; i++)
    a[i] = i;
  long total = 0, last = 0, bad = 0;
  for (int c = 1; c <= calls; c++) {
    long s = step(a, n, &last);
    total += s;
    bad += s != (long)n * (n - 1) / 2 + (long)n * c || last != n - 1 + c;
  }
  printf("calls %d a[0]=%ld a[%d]=%ld total %ld last %ld bad %ld\n", calls, a[0], n - 1,
         a[n - 1], total, last, bad);
  free(a);
  return 0;
}
