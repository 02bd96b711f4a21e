// schedule(dynamic, cs) with the chunk size an expression (1, 7, and one
// larger than the loop).
// Every iteration runs exactly once (ascending and descending loops), a
// reduction and a lastprivate give the serial values, at 1 to 7 workers.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: env RUN_COMPARE_WORKERS='1 2 3 4 7' %run-compare %t.par %t.ser 100003 7
// RUN: env RUN_COMPARE_WORKERS='1 2 3 4 7' %run-compare %t.par %t.ser 1 7
// RUN: env RUN_COMPARE_WORKERS='1 2 3 4 7' %run-compare %t.par %t.ser 0 7
// RUN: env RUN_COMPARE_WORKERS='1 2 3 4 7' %run-compare %t.par %t.ser 5000 1
// RUN: env RUN_COMPARE_WORKERS='1 2 3 4 7' %run-compare %t.par %t.ser 13 1000
// RUN: %t.par 100003 7 | FileCheck %s
// CHECK: up ran 100003 once 100003 sum 5000250003 last 100002
// CHECK: down ran 100003 once 100003 sum 5000250003 last 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char hits[100003];

static long once(int n) {
  long c = 0;
  for (int i = 0; i < n; i++)
    c += hits[i] == 1;
  memset(hits, 0, sizeof hits);
  return c;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int cs = atoi(argv[2]);
  long ran = 0, sum = 0;
  int last = -1;
#pragma par distribute reduction(+ : ran, sum) lastprivate(last) schedule(dynamic, cs)
  for (int i = 0; i < n; i++) {
    hits[i]++;
    ran++;
    sum += i;
    last = i;
  }
  printf("up ran %ld once %ld sum %ld last %d\n", ran, once(n), sum, last);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum) lastprivate(last) schedule(dynamic, cs)
  for (int i = n - 1; i >= 0; i--) {
    hits[i]++;
    ran++;
    sum += i;
    last = i;
  }
  printf("down ran %ld once %ld sum %ld last %d\n", ran, once(n), sum, last);
  return 0;
}
