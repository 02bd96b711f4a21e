// A distributed function takes every kind of by-value parameter (integers
// of every width, floating, complex, enum, _Bool, a struct holding an array,
// a union) and returns a struct: the values arrive exactly (ABI-exact
// argument block) and the result comes back exactly, from ./app, from
// parrun workers, and from inside a distributed loop (where it runs inline).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: result: sum=-8996000000300 dsum=12.75 tag=11
// CHECK: loop: 4950 49500
#include <complex.h>
#include <stdbool.h>
#include <stdio.h>

enum color { RED, GREEN, BLUE };
struct point { double x[3]; };
union word { float f; unsigned u; };
struct out { long long sum; double dsum; char tag[8]; };

#pragma par distribute
struct out mix(signed char c, short s, unsigned u, long long ll, float f, double d,
               double complex z, enum color e, bool b, struct point pt, union word w) {
  struct out o = {0};
  o.sum = c + s + (long long)u + ll + e + b;
  o.dsum = f + d + creal(z) - cimag(z) + pt.x[0] + pt.x[1] + pt.x[2];
  snprintf(o.tag, sizeof o.tag, "%u", w.u % 1000u);
  return o;
}

#pragma par distribute
long scaled(int i, int k) { return (long)i * k; }

int main(void) {
  struct point pt = {{1, 2, 3}};
  union word w = {.f = 3.14159274f};
  struct out o = mix(-3, -300, 4000000000u, -9000000000000LL, 1.5f, 2.25, 1.0 - 2.0 * I, BLUE,
                     true, pt, w);
  printf("result: sum=%lld dsum=%g tag=%s\n", o.sum, o.dsum, o.tag);
  long a = 0, b = 0;
#pragma par distribute reduction(+ : a, b)
  for (int i = 0; i < 100; i++) {
    a += scaled(i, 1);
    b += scaled(i, 10);
  }
  printf("loop: %ld %ld\n", a, b);
  return 0;
}
