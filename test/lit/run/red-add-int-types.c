// reduction(+) on every integer type: char, signed char, unsigned char,
// short, unsigned short, int, unsigned, long, unsigned long, long long and
// unsigned long long, each starting from a non-zero value. The narrow and
// unsigned sums wrap around, which must give the serial result too.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 0 | FileCheck %s --check-prefix=ZERO
// RUN: %t.par 1000 | FileCheck %s
// CHECK: int 297500
// CHECK: long -4672166500
// ZERO: char 5
// ZERO: unsigned short 65000
// ZERO: long -5000000000
// ZERO: unsigned long long 18446744073709551615
#include <stdio.h>
#include <stdlib.h>

static void add_char(int n) {
  char r = 5;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (char)(i % 100);
  printf("char %d\n", (int)r);
}

static void add_schar(int n) {
  signed char r = -7;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (signed char)(i % 77 - 30);
  printf("signed char %d\n", (int)r);
}

static void add_uchar(int n) {
  unsigned char r = 200;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (unsigned char)(i * 3);
  printf("unsigned char %u\n", (unsigned)r);
}

static void add_short(int n) {
  short r = -300;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (short)(i * 7);
  printf("short %d\n", (int)r);
}

static void add_ushort(int n) {
  unsigned short r = 65000;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (unsigned short)(i * 13);
  printf("unsigned short %u\n", (unsigned)r);
}

static void add_int(int n) {
  int r = -1000;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (i % 1000 - 400) * 3;
  printf("int %d\n", r);
}

static void add_uint(int n) {
  unsigned r = 7u;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (unsigned)i * 2654435761u;
  printf("unsigned %u\n", r);
}

static void add_long(int n) {
  long r = -5000000000L;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (long)i * i - 5000;
  printf("long %ld\n", r);
}

static void add_ulong(int n) {
  unsigned long r = 1ul;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (unsigned long)i * 0x9E3779B97F4A7C15ul;
  printf("unsigned long %lu\n", r);
}

static void add_llong(int n) {
  long long r = 123456789012LL;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (long long)(i % 2 ? -i : i) * 1000003;
  printf("long long %lld\n", r);
}

static void add_ullong(int n) {
  unsigned long long r = ~0ull;
#pragma par distribute reduction(+ : r)
  for (int i = 0; i < n; i++)
    r += (unsigned long long)i * i * i;
  printf("unsigned long long %llu\n", r);
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  add_char(n);
  add_schar(n);
  add_uchar(n);
  add_short(n);
  add_ushort(n);
  add_int(n);
  add_uint(n);
  add_long(n);
  add_ulong(n);
  add_llong(n);
  add_ullong(n);
  return 0;
}
