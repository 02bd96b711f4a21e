// A loop that runs no iteration leaves its lastprivate variables (scalar,
// struct, array) unchanged, ascending and descending; the loop that follows,
// with one iteration, sets them.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 0
// RUN: %run-compare %t.par %t.ser -3
// RUN: %t.par 0 | FileCheck %s
// CHECK: empty up: x=42 s={7, 8} a=1 2 3
// CHECK-NEXT: empty down: x=42 s={7, 8} a=1 2 3
// CHECK-NEXT: one: x=10 s={0, 1} a=0 0 0
#include <stdio.h>
#include <stdlib.h>

struct pair {
  int a, b;
};

int main(int argc, char **argv) {
  int n = atoi(argv[1]); /* <= 0 */
  int x = 42;
  struct pair s = {7, 8};
  int a[3] = {1, 2, 3};

#pragma par distribute lastprivate(x, s, a)
  for (int i = 0; i < n; i++) {
    x = i;
    s.a = i, s.b = i;
    a[0] = a[1] = a[2] = i;
  }
  printf("empty up: x=%d s={%d, %d} a=%d %d %d\n", x, s.a, s.b, a[0], a[1], a[2]);

#pragma par distribute lastprivate(x, s, a)
  for (int i = n; i > n; i--) {
    x = i;
    s.a = i, s.b = i;
    a[0] = a[1] = a[2] = i;
  }
  printf("empty down: x=%d s={%d, %d} a=%d %d %d\n", x, s.a, s.b, a[0], a[1], a[2]);

#pragma par distribute lastprivate(x, s, a)
  for (int i = n; i <= n; i++) {
    x = 10 + i;
    s.a = i, s.b = i + 1;
    a[0] = a[1] = a[2] = i;
  }
  printf("one: x=%d s={%d, %d} a=%d %d %d\n", x, s.a, s.b, a[0], a[1], a[2]);
  return 0;
}
