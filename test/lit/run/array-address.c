// The address of a fixed-size array mapped implicitly, `&tab` and `&m`,
// inside the body is the address of the whole array (type int (*)[4],
// double (*)[2][3]), as in C: it can be passed to a function taking a pointer
// to the array, or used as the source of a memcpy.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: out[0]=20 out[49]=69
#include <stdio.h>
#include <string.h>

int tab[4] = {1, 2, 3, 4};

static long sum4(const int (*t)[4]) { return (*t)[0] + (*t)[1] + (*t)[2] + (*t)[3]; }

int main(void) {
  long out[50];
  double m[2][3] = {{1, 2, 3}, {4, 5, 6}};

#pragma par distribute
  for (int i = 0; i < 50; i++) {
    int copy[4];
    double mm[2][3];
    memcpy(copy, &tab, sizeof copy);
    memcpy(mm, &m, sizeof mm);
    out[i] = sum4(&tab) + copy[3] + (long)mm[1][2] + i; /* 10 + 4 + 6 + i */
  }

  printf("out[0]=%ld out[49]=%ld\n", out[0], out[49]);
  return 0;
}
