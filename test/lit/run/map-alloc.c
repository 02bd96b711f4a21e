// `map(alloc: tmp[0:n])`: scratch space that each iteration writes and then
// reads back (its own element only), neither copied in nor out; the results
// go to a `from` section. The scratch buffer's contents before the loop do
// not matter, and after it are not printed.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 5003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 5003 | FileCheck %s
// CHECK: out[0]=7 out[1]=10 out[n-1]=15013 sum=37572530
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *tmp = malloc(n * sizeof *tmp);
  long *out = malloc(n * sizeof *out);
  long *in = malloc(n * sizeof *in);
  for (int i = 0; i < n; i++) {
    in[i] = i;
    tmp[i] = -12345;
  }

#pragma par distribute map(to : in[0:n]) map(alloc : tmp[0:n]) map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    tmp[i] = 3 * in[i] + 2;
    out[i] = tmp[i] + 5;
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[1]=%ld out[n-1]=%ld sum=%ld\n", out[0], n > 1 ? out[1] : 0, out[n - 1],
         sum);
  free(tmp);
  free(out);
  free(in);
  return 0;
}
