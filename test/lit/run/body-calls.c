// Calls in the body: a static helper, an extern function defined later in the
// file, a recursive function, a libm function (sqrt, exact on perfect
// squares), a call through a function pointer chosen inside the body, and a
// helper that itself has a loop.
// RUN: %parcc -O2 %s -o %t.par -lm && %serialcc -O2 %s -o %t.ser -lm
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100 | FileCheck %s
// CHECK: out[0]=0 out[1]=7 out[99]=10134 sum=344180
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static long twice(long x) { return 2 * x; }
long later(long x);
static long fib(int k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }
static long add_one(long x) { return x + 1; }
static long sub_one(long x) { return x - 1; }
static long digits(long x) {
  long s = 0;
  for (; x > 0; x /= 10)
    s += x % 10;
  return s;
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);

#pragma par distribute map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    long (*fn)(long) = i % 2 ? add_one : sub_one;
    long v = twice(i) + later(i) + fib(i % 10) + (long)sqrt((double)i * i);
    out[i] = fn(v) + digits(i) - digits(i) + 1;
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[1]=%ld out[%d]=%ld sum=%ld\n", out[0], n > 1 ? out[1] : 0, n - 1,
         out[n - 1], sum);
  free(out);
  return 0;
}

long later(long x) { return x * x; }
