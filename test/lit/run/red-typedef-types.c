// Reductions on variables whose types are typedefs: a user typedef of double
// (and a typedef of that), int8_t (wraps), uint64_t, size_t, int32_t and
// uint16_t from <stdint.h>; each is combined as its underlying type.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 1000 | FileCheck %s
// CHECK: real 500 int8_t -24 uint64_t 499500 size_t 2000 real2 1024 int32_t -999 uint16_t 999
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef double real;
typedef real real2;

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  real r = 0;
  real2 r2 = 1;
  int8_t i8 = 0;
  uint64_t u64 = 0;
  size_t z = 0;
  int32_t m = 0;
  uint16_t mx = 0;

#pragma par distribute reduction(+ : r, i8, u64, z) reduction(* : r2) reduction(min : m) \
    reduction(max : mx)
  for (int i = 0; i < n; i++) {
    r += 0.5;
    i8 += 1;
    u64 += i;
    z += 2;
    r2 *= (i % 100 == 0 ? 2 : 1);
    m = -i < m ? -i : m;
    mx = (uint16_t)i > mx ? (uint16_t)i : mx;
  }
  printf("real %g int8_t %d uint64_t %llu size_t %zu real2 %g int32_t %d uint16_t %u\n", r, i8,
         (unsigned long long)u64, z, r2, m, mx);
  return 0;
}
