// private(t, u) scalars: each iteration assigns them before reading them, so
// every task needs its own copies (shared ones would race); and a scalar
// declared inside the body needs no clause. Its value after the loop is
// not printed (OpenMP leaves it unspecified).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 200003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 200003 | FileCheck %s
// CHECK: out[0]=3 out[1]=8 out[n-1]=1000013 sum=100003100024
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  long t = -1;
  double u = 0;

#pragma par distribute private(t, u) map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    t = 2 * (long)i;
    u = 0.5 * i;
    long inside = t + (long)(u * 4) + 3; /* 4i + 3 */
    for (int spin = 0; spin < 3; spin++)
      t += spin; /* t = 2i + 3 */
    out[i] = inside + t - 2 * i - 3 + (i > 0 ? i : 0); /* 5i + 3 when i > 0 */
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[1]=%ld out[n-1]=%ld sum=%ld\n", out[0], n > 1 ? out[1] : 0, out[n - 1],
         sum);
  free(out);
  return 0;
}
