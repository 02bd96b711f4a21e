// The valid neighbours of the distributed-function rules: scalars, enums,
// complex numbers, structs and unions without pointers (by value, also as
// the result), const parameters, a void result, no parameters, array
// parameters (pointers, mapped), a void pointer mapped as bytes, static,
// extern and inline functions, and recursion (calls in the body go through
// the stub).
// RUN: rm -f %t.o
// RUN: %parcc -Wall -Wextra -Werror -std=c11 -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o
#include <complex.h>
#include <stddef.h>

enum color { RED, GREEN };
struct pt { double x, y; int tag[2]; };
union num { long i; double d; };
typedef float real;

#pragma par distribute
struct pt mid(const struct pt a, struct pt b, enum color c) {
  struct pt r = {(a.x + b.x) / 2, (a.y + b.y) / 2, {c, 0}};
  return r;
}

#pragma par distribute
static union num twice(union num u) { u.i *= 2; return u; }

#pragma par distribute
extern double complex rot(double complex z) { return z * I; }

#pragma par distribute
static inline real half(real x) { return x / 2; }

#pragma par distribute
inline int one(void) { return 1; }

#pragma par distribute
int seven() { return 7; }

#pragma par distribute map(tofrom: m[0:n]) map(to: bytes[0:len])
void touch(int n, double m[][4], const void *bytes, size_t len) {
  if (n > 0 && len > 0) m[0][0] += *(const unsigned char *)bytes;
}

#pragma par distribute
long fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }

double all(void) {
  struct pt a = {0, 0, {0, 0}}, b = {2, 2, {0, 0}};
  union num u = {.i = 2};
  double m[2][4] = {{0}};
  unsigned char k = 3;
  touch(2, m, &k, 1);
  return mid(a, b, GREEN).x + (double)twice(u).i + creal(rot(1.0)) + half(4) + one() + seven() + (double)fact(5) +
         m[0][0];
}
