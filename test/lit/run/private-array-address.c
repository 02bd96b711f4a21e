// A private array passed by address to another function, which fills it
// (`fill(buf, i)`) and reads it (`sum_of(buf)`); and a private scalar passed
// by address (`&t`). Each task must hand the function its own copy.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 30011
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 30011 | FileCheck %s
// CHECK: out[0]=28 out[n-1]=1680588 sum=25218483388
#include <stdio.h>
#include <stdlib.h>

#define K 8

static void fill(int *buf, int i) {
  for (int k = 0; k < K; k++)
    buf[k] = i * 7 + k;
}

static long sum_of(const int *buf) {
  long s = 0;
  for (int k = 0; k < K; k++)
    s += buf[k];
  return s;
}

static void set(long *t, long v) { *t = v; }

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  int buf[K];
  long t;

#pragma par distribute private(buf, t) map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    fill(buf, i);
    set(&t, sum_of(buf)); /* 56 i + 28 */
    out[i] = t;
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[n-1]=%ld sum=%ld\n", out[0], out[n - 1], sum);
  free(out);
  return 0;
}
