// What a spawn captures: argument values and `to` data at the spawn (the
// caller changes both right after spawning); results land in array
// elements whose addresses were taken at the spawn; a void function spawned
// without a left-hand side writes its from data; two spawns writing the
// same variable leave the later one's value.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: sums: 45 145 245 345
// CHECK: fill: 7 7 7
// CHECK: last=2
#include <stdio.h>

#pragma par distribute map(to : v[0:n])
long sum(const int *v, int n, int add) {
  long s = add;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}

#pragma par distribute map(from : out[0:n])
void fill(int *out, int n, int value) {
  for (int i = 0; i < n; i++) out[i] = value;
}

#pragma par distribute
int ident(int x) { return x; }

int main(void) {
  int v[10];
  long r[4];
  int add = 0;
  for (int i = 0; i < 10; i++) v[i] = i;
  for (int k = 0; k < 4; k++) {
#pragma par spawn
    r[k] = sum(v, 10, add);
    for (int i = 0; i < 10; i++) v[i] += 10; /* the spawn saw the old values */
    add = -k - 1;
    add = 0;
  }
  int f[3] = {0, 0, 0};
#pragma par spawn
  fill(f, 3, 7);
  int last;
#pragma par spawn
  last = ident(1);
#pragma par spawn
  last = ident(2);
#pragma par sync
  printf("sums: %ld %ld %ld %ld\n", r[0], r[1], r[2], r[3]);
  printf("fill: %d %d %d\n", f[0], f[1], f[2]);
  printf("last=%d\n", last);
  return 0;
}
