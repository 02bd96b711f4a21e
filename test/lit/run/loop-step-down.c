// Every descending step form of SPEC 2.1, one loop each in its own function:
// `i--`, `--i`, `i -= 1`, `i -= 3` and `i -= c` with c a variable, with tests
// `>` and `>=` down to index 0. Each prints how many iterations ran, the sum
// of the values of i it saw, and whether any index was visited twice.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 999 7
// RUN: %run-compare %t.par %t.ser 2003 11
// RUN: %run-compare %t.par %t.ser 0 2
// RUN: %run-compare %t.par %t.ser 1 5
// RUN: %t.par 999 7 | FileCheck %s
// CHECK: i-- ran 1000 sum 499500 bad 0
// CHECK: --i ran 999 sum 499500 bad 0
// CHECK: i-=1 ran 1000 sum 499500 bad 0
// CHECK: i-=3 ran 334 sum 166833 bad 0
// CHECK: i-=c ran 143 sum 71786 bad 0
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

static void post_dec(int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = hi; i >= 0; i--) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i--", ran, sum);
}

static void pre_dec(int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = hi; i > 0; --i) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("--i", ran, sum);
}

static void sub_one(int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = hi; i > -1; i -= 1) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i-=1", ran, sum);
}

static void sub_three(int hi) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = hi; i >= 0; i -= 3) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i-=3", ran, sum);
}

static void sub_var(int hi, int c) {
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = hi; i >= 0; i -= c) {
    ran++;
    sum += i;
    mark[i]++;
  }
  show("i-=c", ran, sum);
}

int main(int argc, char **argv) {
  int hi = atoi(argv[1]), c = atoi(argv[2]);
  post_dec(hi);
  pre_dec(hi);
  sub_one(hi);
  sub_three(hi);
  sub_var(hi, c);
  return 0;
}
