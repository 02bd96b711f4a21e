// reduction(*) on every arithmetic type: the integer types (products that
// wrap for the narrow and unsigned ones, sign changes for the signed ones),
// and float, double and long double with factors that are powers of two, so
// the product is exact in any order and printed in full (%a).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 0 | FileCheck %s --check-prefix=ZERO
// RUN: %t.par 10000 | FileCheck %s
// CHECK: int 12
// CHECK: long -56
// CHECK: float 0x1.8p+0
// ZERO: char 3
// ZERO: int -3
// ZERO: double -0x1.8p-1
#include <stdio.h>
#include <stdlib.h>

static void mul_char(int n) {
  char r = 3;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (char)(2 * (i % 8) + 1);
  printf("char %d\n", (int)r);
}

static void mul_schar(int n) {
  signed char r = -1;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (signed char)(2 * (i % 5) - 3);
  printf("signed char %d\n", (int)r);
}

static void mul_uchar(int n) {
  unsigned char r = 1;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (unsigned char)(2 * i + 1);
  printf("unsigned char %u\n", (unsigned)r);
}

static void mul_short(int n) {
  short r = 5;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (short)(2 * (i % 11) + 1);
  printf("short %d\n", (int)r);
}

static void mul_ushort(int n) {
  unsigned short r = 3;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (unsigned short)(2 * (i % 16000) + 3); /* < 2^15: no int overflow */
  printf("unsigned short %u\n", (unsigned)r);
}

static void mul_int(int n) {
  int r = -3;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (i % 9973 == 0 ? 2 : i % 3 == 0 ? -1 : 1);
  printf("int %d\n", r);
}

static void mul_uint(int n) {
  unsigned r = 1u;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (unsigned)(2 * i + 1);
  printf("unsigned %u\n", r);
}

static void mul_long(int n) {
  long r = 7L;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (i % 4001 == 0 ? -2 : 1);
  printf("long %ld\n", r);
}

static void mul_ulong(int n) {
  unsigned long r = 1ul;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (unsigned long)i * 6 + 1;
  printf("unsigned long %lu\n", r);
}

static void mul_llong(int n) {
  long long r = -1LL;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (i % 2999 == 0 ? 3 : i % 7 == 0 ? -1 : 1);
  printf("long long %lld\n", r);
}

static void mul_ullong(int n) {
  unsigned long long r = 5ull;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (unsigned long long)i | 1;
  printf("unsigned long long %llu\n", r);
}

static void mul_float(int n) {
  float r = 1.5f;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (i % 1000 == 0 ? 2.0f : i % 4 == 0 ? 2.0f : i % 4 == 1 ? 0.5f : i % 4 == 2 ? -1.0f : 1.0f);
  printf("float %a\n", (double)r);
}

static void mul_double(int n) {
  double r = -0.75;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (i % 1000 == 0 ? 4.0 : i % 4 == 0 ? 0.5 : i % 4 == 1 ? 2.0 : i % 4 == 2 ? -1.0 : 1.0);
  printf("double %a\n", r);
}

static void mul_ldouble(int n) {
  long double r = 3.0L;
#pragma par distribute reduction(* : r)
  for (int i = 0; i < n; i++)
    r *= (i % 500 == 0 ? 0.25L : i % 4 == 0 ? 2.0L : i % 4 == 1 ? 0.5L : i % 4 == 2 ? -1.0L : 1.0L);
  printf("long double %La\n", r);
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  mul_char(n);
  mul_schar(n);
  mul_uchar(n);
  mul_short(n);
  mul_ushort(n);
  mul_int(n);
  mul_uint(n);
  mul_long(n);
  mul_ulong(n);
  mul_llong(n);
  mul_ullong(n);
  mul_float(n);
  mul_double(n);
  mul_ldouble(n);
  return 0;
}
