// reduction(&), reduction(|) and reduction(^) on every integer type, three
// reductions in one loop. & starts from all ones, | from zero, ^ from 0x5a;
// the terms are chosen so that & and | end neither all-ones nor zero.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 7
// RUN: %run-compare %t.par %t.ser 1
// RUN: %run-compare %t.par %t.ser 0
// RUN: %t.par 0 | FileCheck %s --check-prefix=ZERO
// ZERO: unsigned char & 255 | 0 ^ 90
// ZERO: unsigned & 4294967295 | 0 ^ 90
#include <stdio.h>
#include <stdlib.h>

/* v[i] spreads bits over all 64 positions; each type sees the low bits. */
static unsigned long long v(int i) {
  unsigned long long x = (unsigned long long)i * 0x9E3779B97F4A7C15ull;
  return x ^ (x >> 29);
}

static void bits_char(int n) {
  char a = (char)~0ull, o = 0, x = (char)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (char)(v(i) | v(i + 1) | v(i + 2));
    o |= (char)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (char)v(i);
  }
  printf("char & %d | %d ^ %d\n", (int)a, (int)o, (int)x);
}

static void bits_schar(int n) {
  signed char a = (signed char)~0ull, o = 0, x = (signed char)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (signed char)(v(i) | v(i + 1) | v(i + 2));
    o |= (signed char)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (signed char)v(i);
  }
  printf("signed char & %d | %d ^ %d\n", (int)a, (int)o, (int)x);
}

static void bits_uchar(int n) {
  unsigned char a = (unsigned char)~0ull, o = 0, x = (unsigned char)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (unsigned char)(v(i) | v(i + 1) | v(i + 2));
    o |= (unsigned char)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (unsigned char)v(i);
  }
  printf("unsigned char & %u | %u ^ %u\n", (unsigned)a, (unsigned)o, (unsigned)x);
}

static void bits_short(int n) {
  short a = (short)~0ull, o = 0, x = (short)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (short)(v(i) | v(i + 1) | v(i + 2));
    o |= (short)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (short)v(i);
  }
  printf("short & %d | %d ^ %d\n", (int)a, (int)o, (int)x);
}

static void bits_ushort(int n) {
  unsigned short a = (unsigned short)~0ull, o = 0, x = (unsigned short)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (unsigned short)(v(i) | v(i + 1) | v(i + 2));
    o |= (unsigned short)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (unsigned short)v(i);
  }
  printf("unsigned short & %u | %u ^ %u\n", (unsigned)a, (unsigned)o, (unsigned)x);
}

static void bits_int(int n) {
  int a = (int)~0ull, o = 0, x = (int)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (int)(v(i) | v(i + 1) | v(i + 2));
    o |= (int)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (int)v(i);
  }
  printf("int & %d | %d ^ %d\n", a, o, x);
}

static void bits_uint(int n) {
  unsigned a = (unsigned)~0ull, o = 0, x = (unsigned)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (unsigned)(v(i) | v(i + 1) | v(i + 2));
    o |= (unsigned)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (unsigned)v(i);
  }
  printf("unsigned & %u | %u ^ %u\n", a, o, x);
}

static void bits_long(int n) {
  long a = (long)~0ull, o = 0, x = (long)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (long)(v(i) | v(i + 1) | v(i + 2));
    o |= (long)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (long)v(i);
  }
  printf("long & %ld | %ld ^ %ld\n", a, o, x);
}

static void bits_ulong(int n) {
  unsigned long a = (unsigned long)~0ull, o = 0, x = (unsigned long)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (unsigned long)(v(i) | v(i + 1) | v(i + 2));
    o |= (unsigned long)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (unsigned long)v(i);
  }
  printf("unsigned long & %lu | %lu ^ %lu\n", a, o, x);
}

static void bits_llong(int n) {
  long long a = (long long)~0ull, o = 0, x = (long long)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (long long)(v(i) | v(i + 1) | v(i + 2));
    o |= (long long)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (long long)v(i);
  }
  printf("long long & %lld | %lld ^ %lld\n", a, o, x);
}

static void bits_ullong(int n) {
  unsigned long long a = (unsigned long long)~0ull, o = 0, x = (unsigned long long)0x5a;
#pragma par distribute reduction(& : a) reduction(| : o) reduction(^ : x)
  for (int i = 0; i < n; i++) {
    a &= (unsigned long long)(v(i) | v(i + 1) | v(i + 2));
    o |= (unsigned long long)(v(i) & v(i + 1) & 0x0101010101010101ull);
    x ^= (unsigned long long)v(i);
  }
  printf("unsigned long long & %llu | %llu ^ %llu\n", a, o, x);
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  bits_char(n);
  bits_schar(n);
  bits_uchar(n);
  bits_short(n);
  bits_ushort(n);
  bits_int(n);
  bits_uint(n);
  bits_long(n);
  bits_ulong(n);
  bits_llong(n);
  bits_ullong(n);
  return 0;
}
