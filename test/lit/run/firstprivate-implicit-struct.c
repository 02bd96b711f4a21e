// A struct read in the body is copied into each task without a clause: a
// struct with mixed members (including a nested struct and an array member)
// and a typedef'd struct. The body reads every member.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 5
// RUN: %run-compare %t.par %t.ser 11
// RUN: %t.par 5 | FileCheck %s
// CHECK: out[0]=10 out[1]=16 out[255]=1289
#include <stdio.h>
#include <stdlib.h>

struct inner {
  short a;
  char tag;
};

struct params {
  int scale;
  double offset;
  struct inner in;
  int table[4];
};

typedef struct {
  long lo, hi;
} bounds_t;

long out[256];

int main(int argc, char **argv) {
  int k = atoi(argv[1]);
  struct params p = {k, 0.5 * k, {(short)(k - 2), 'x'}, {1, 2, 3, k}};
  bounds_t b = {-10, 10 * k};

#pragma par distribute
  for (int i = 0; i < 256; i++) {
    long v = (long)i * p.scale + (long)(p.offset * 2) + p.in.a + (p.in.tag == 'x');
    v += p.table[i % 4];
    if (v < b.lo)
      v = b.lo;
    if (v > b.hi * 100)
      v = b.hi * 100;
    out[i] = v;
  }
  unsigned long check = 0;
  for (int i = 0; i < 256; i++)
    check = check * 1000003u + (unsigned long)out[i];
  printf("out[0]=%ld out[1]=%ld out[255]=%ld\n", out[0], out[1], out[255]);
  printf("checksum %lu\n", check);
  return 0;
}
