// A three-stage pipeline with dataflow: each stage's spawn reads the
// left-hand side of the previous stage's pending spawn, so it waits for it
// (on the worker that produced the value), and the loop's next iteration
// reuses the same variables while earlier ones are still in flight. The
// left-hand sides are converted as assignments convert (int -> double,
// double -> long).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: out[0]=1 out[1]=6 out[19]=1446
// CHECK: total=9919
#include <stdio.h>

#pragma par distribute
int load(int i) { return i * 2; }

#pragma par distribute
double transform(double v) { return v * v + 1.0; }

#pragma par distribute
long store(long v, int i) { return v + (i % 3); }

int main(void) {
  long out[20];
  double a; /* declared outside the loop: a left-hand side must live until the sync */
  long b;
  for (int i = 0; i < 20; i++) {
#pragma par spawn
    a = load(i);
#pragma par spawn
    a = transform(a);
#pragma par spawn
    b = store(a, i);
#pragma par spawn
    out[i] = store(b, 0);
  }
#pragma par sync
  long total = 0;
  for (int i = 0; i < 20; i++) total += out[i];
  printf("out[0]=%ld out[1]=%ld out[19]=%ld\n", out[0], out[1], out[19]);
  printf("total=%ld\n", total);
  return 0;
}
