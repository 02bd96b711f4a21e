// Arrays of structs: a global fixed-size array of structs written member by
// member (mapped implicitly), a malloc'd array of structs in a tofrom
// section updated in place, and a static const table read in the body.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 50
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 50 | FileCheck %s
// CHECK: pts[99] {495, -495, 99} q[49] {50, -49, 98} sum 7450
#include <stdio.h>
#include <stdlib.h>

struct point {
  double x, y;
  int id;
};

static const double coef[5] = {1, 2, 3, 4, 5};
struct point pts[100];

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  struct point *q = malloc(n * sizeof *q);
  for (int i = 0; i < n; i++)
    q[i] = (struct point){i, -i, i};

#pragma par distribute map(tofrom : q[0:n])
  for (int i = 0; i < 100; i++) {
    pts[i].x = coef[i % 5] * i;
    pts[i].y = -pts[i].x;
    pts[i].id = i;
    if (i < n) {
      q[i].x += coef[0];
      q[i].id *= 2;
    }
  }

  double s = 0;
  for (int i = 0; i < 100; i++)
    s += pts[i].x + pts[i].y + pts[i].id;
  for (int i = 0; i < n; i++)
    s += q[i].x + q[i].y + q[i].id;
  printf("pts[99] {%g, %g, %d} q[%d] {%g, %g, %d} sum %g\n", pts[99].x, pts[99].y, pts[99].id,
         n - 1, q[n - 1].x, q[n - 1].y, q[n - 1].id, s);
  free(q);
  return 0;
}
