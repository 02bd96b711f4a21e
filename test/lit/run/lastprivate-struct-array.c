// lastprivate on a struct and on a fixed-size array: after the loop they
// hold what the sequentially last iteration assigned (every member, every
// element).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 5003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 5003 | FileCheck %s
// CHECK: point {5002, 25010.000000, 'x'}
// CHECK: vec 5002 5003 5004 5005 5006
// CHECK: grid 0 5002 10004 15006
#include <stdio.h>
#include <stdlib.h>

struct point {
  int i;
  double v;
  char c;
};

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  struct point p = {-1, -1, '?'};
  long vec[5] = {0};
  int grid[2][2] = {{0}};

#pragma par distribute lastprivate(p, vec, grid)
  for (int i = 0; i < n; i++) {
    p.i = i;
    p.v = 5.0 * i;
    p.c = 'x';
    for (int k = 0; k < 5; k++)
      vec[k] = i + k;
    for (int r = 0; r < 2; r++)
      for (int c = 0; c < 2; c++)
        grid[r][c] = (2 * r + c) * i;
  }

  printf("point {%d, %f, '%c'}\n", p.i, p.v, p.c);
  printf("vec %ld %ld %ld %ld %ld\n", vec[0], vec[1], vec[2], vec[3], vec[4]);
  printf("grid %d %d %d %d\n", grid[0][0], grid[0][1], grid[1][0], grid[1][1]);
  return 0;
}
