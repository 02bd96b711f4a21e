// sizeof on fixed-size arrays inside the body keeps its C meaning (the size
// of the whole array, not of a pointer): a global 1-D array and a local 2-D
// array mapped implicitly, a whole-array reduction, a private array and a
// firstprivate array, each measured with the usual LEN() macro.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: out[0]=55 out[99]=154 sizes 10 4 5 160 8 6 3
// CHECK: hist 13 13 13 13 12 12 12 12
#include <stdio.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

int tab[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

int main(void) {
  long out[100], sizes[100][7];
  double m[4][5] = {{0}};
  int hist[8] = {0};
  short priv[6];
  char first[3] = {1, 2, 3};

#pragma par distribute reduction(+ : hist) private(priv) firstprivate(first)
  for (int i = 0; i < 100; i++) {
    long s = 0;
    for (unsigned k = 0; k < LEN(tab); k++)
      s += tab[k];
    out[i] = s + i;
    hist[i % LEN(hist)]++;
    for (unsigned k = 0; k < LEN(priv); k++)
      priv[k] = (short)k;
    sizes[i][0] = (long)LEN(tab);
    sizes[i][1] = (long)LEN(m);
    sizes[i][2] = (long)LEN(m[0]);
    sizes[i][3] = (long)sizeof m;
    sizes[i][4] = (long)LEN(hist);
    sizes[i][5] = (long)LEN(priv) + priv[0];
    sizes[i][6] = (long)LEN(first) + first[0] - 1;
  }

  int same = 1;
  for (int i = 1; i < 100; i++)
    for (int k = 0; k < 7; k++)
      same &= sizes[i][k] == sizes[0][k];
  printf("out[0]=%ld out[99]=%ld sizes", out[0], out[99]);
  for (int k = 0; k < 7; k++)
    printf(" %ld", same ? sizes[0][k] : -1L);
  printf("\nhist");
  for (int k = 0; k < 8; k++)
    printf(" %d", hist[k]);
  printf("\n");
  return 0;
}
