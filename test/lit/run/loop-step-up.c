// Every ascending step form of SPEC 2.1, one loop each in its own function:
// `i++`, `++i`, `i += 1`, `i += 3`, `i = i + 3`, `i += c` and `i = i + c` with
// c a variable. Each prints how many iterations ran, the sum of the values of
// i it saw, and whether any index was visited twice; the ranges are chosen so
// that the last stride overshoots the bound.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 0 1000 7
// RUN: %run-compare %t.par %t.ser 5 2003 11
// RUN: %run-compare %t.par %t.ser 4 5 2
// RUN: %run-compare %t.par %t.ser 6 6 5
// RUN: %t.par 0 1000 7 | FileCheck %s
// CHECK: i++ ran 1000 sum 499500 bad 0
// CHECK: ++i ran 1000 sum 499500 bad 0
// CHECK: i+=1 ran 1000 sum 499500 bad 0
// CHECK: i+=3 ran 334 sum 166833 bad 0
// CHECK: i=i+3 ran 334 sum 166833 bad 0
// CHECK: i+=c ran 143 sum 71071 bad 0
// CHECK: i=i+c ran 143 sum 71071 bad 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 4096
int mark[MAXN];

static void show(const char *form, long ran, long sum) {
  int bad = 0;
  for (int i = 0; i < MAXN; i++)
    bad += mark[i] > 1;
  memset(mark, 0, sizeof mark);
  printf("%s ran %ld sum %ld bad %d\n", form, ran, sum, bad);
}

static void post_inc(int lo, int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; i++) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i++", ran, sum);
}

static void pre_inc(int lo, int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; ++i) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("++i", ran, sum);
}

static void add_one(int lo, int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; i += 1) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i+=1", ran, sum);
}

static void add_three(int lo, int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; i += 3) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i+=3", ran, sum);
}

static void assign_add_three(int lo, int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; i = i + 3) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i=i+3", ran, sum);
}

static void add_var(int lo, int hi, int c) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; i += c) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i+=c", ran, sum);
}

static void assign_add_var(int lo, int hi, int c) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = lo; i < hi; i = i + c) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i=i+c", ran, sum);
}

int main(int argc, char **argv) {
  int lo = atoi(argv[1]), hi = atoi(argv[2]), c = atoi(argv[3]);
  post_inc(lo, hi);
  pre_inc(lo, hi);
  add_one(lo, hi);
  add_three(lo, hi);
  assign_add_three(lo, hi);
  add_var(lo, hi, c);
  assign_add_var(lo, hi, c);
  return 0;
}
