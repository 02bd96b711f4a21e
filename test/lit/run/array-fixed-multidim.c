// Multi-dimensional fixed-size arrays are mapped whole without a clause:
// a 2-D global matrix product into a 2-D local result, and a 3-D static array
// written through all three indices.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: c[0][0]=0 c[1][2]=2420 c[36][40]=6253
// CHECK: t[0][0][0]=0 t[9][4][2]=942
#include <stdio.h>

#define NI 37
#define NK 39
#define NJ 41

int a[NI][NK], b[NK][NJ];

int main(void) {
  long c[NI][NJ];
  static int t[10][5][3];
  for (int i = 0; i < NI; i++)
    for (int k = 0; k < NK; k++)
      a[i][k] = i + k;
  for (int k = 0; k < NK; k++)
    for (int j = 0; j < NJ; j++)
      b[k][j] = (k * j) % 7;

#pragma par distribute
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++) {
      long s = 0;
      for (int k = 0; k < NK; k++)
        s += a[i][k] * b[k][j];
      c[i][j] = s;
    }

#pragma par distribute
  for (int x = 0; x < 10; x++)
    for (int y = 0; y < 5; y++)
      for (int z = 0; z < 3; z++)
        t[x][y][z] = 100 * x + 10 * y + z;

  unsigned long check = 0;
  for (int i = 0; i < NI; i++)
    for (int j = 0; j < NJ; j++)
      check = check * 31 + (unsigned long)c[i][j];
  printf("c[0][0]=%ld c[1][2]=%ld c[36][40]=%ld\n", c[0][0], c[1][2], c[NI - 1][NJ - 1]);
  printf("t[0][0][0]=%d t[9][4][2]=%d\n", t[0][0][0], t[9][4][2]);
  printf("checksum %lu\n", check);
  return 0;
}
