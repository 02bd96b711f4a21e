// A distributed function defined in one file and called and spawned from
// another: the caller's file sees only a prototype, assumes the function is
// distributed and calls its stub (a plain call) or its spawn entry
// par__spawn_<f> (a spawn), which the defining file provides. Mapped
// pointers (to, from, tofrom, rows of a 2-D array), a struct by value, a
// void function and a dependency between spawns of different files'
// functions all cross the file boundary.
// RUN: rm -rf %t && split-file %s %t
// RUN: %parcc -O2 %t/main.c %t/lib.c -o %t/par && %serialcc -O2 %t/main.c %t/lib.c -o %t/ser
// RUN: %run-compare %t/par %t/ser
// RUN: %t/par | FileCheck %s
// CHECK: dot=285 scaled=0,2,4,6,8 rows=3,12,21 best=(4.5,9) chain=57

//--- lib.h
struct best { double value; int index; };
double dot(const double *a, const double *b, int n);
void scale(double *v, int n, double k);
void row_sums(int nr, const double m[][3], double *out);
struct best pick(struct best a, struct best b);
int plus(int a, int b);

//--- lib.c
#include "lib.h"

#pragma par distribute map(to: a[0:n], b[0:n])
double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

#pragma par distribute map(tofrom: v[0:n])
void scale(double *v, int n, double k) {
  for (int i = 0; i < n; i++) v[i] *= k;
}

#pragma par distribute map(to: m[0:nr][0:3]) map(from: out[0:nr])
void row_sums(int nr, const double m[][3], double *out) {
  for (int i = 0; i < nr; i++) out[i] = m[i][0] + m[i][1] + m[i][2];
}

#pragma par distribute
struct best pick(struct best a, struct best b) { return a.value >= b.value ? a : b; }

#pragma par distribute
int plus(int a, int b) { return a + b; }

//--- main.c
#include <stdio.h>
#include "lib.h"

int main(void) {
  double a[10], v[5], m[3][3], sums[3];
  for (int i = 0; i < 10; i++) a[i] = i;
  for (int i = 0; i < 5; i++) v[i] = i;
  for (int i = 0; i < 9; i++) m[i / 3][i % 3] = i;
  double d;
  struct best b, x = {4.5, 9}, y = {1.5, 2};
  int c;
#pragma par spawn
  d = dot(a, a, 10);
#pragma par spawn
  scale(v, 5, 2.0);
#pragma par spawn
  row_sums(3, m, sums);
#pragma par spawn
  b = pick(x, y);
#pragma par spawn
  c = plus(40, 10);
#pragma par spawn
  c = plus(c, 7);
#pragma par sync
  printf("dot=%g scaled=%g,%g,%g,%g,%g rows=%g,%g,%g best=(%g,%d) chain=%d\n", d, v[0], v[1], v[2], v[3], v[4],
         sums[0], sums[1], sums[2], b.value, b.index, c);
  return dot(a, a, 3) == 5 ? 0 : 1;
}
