// private(acc) on a struct: each iteration sets every member, updates them
// in an inner loop, and stores a value derived from all of them.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 10007 | FileCheck %s
// CHECK: out[0]=10 out[n-1]=50040 sum=250425175
#include <stdio.h>
#include <stdlib.h>

struct acc {
  long count;
  long total;
  char tag;
};

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  struct acc acc = {0, 0, 'a'};

#pragma par distribute private(acc) map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    acc.count = 0;
    acc.total = i;
    acc.tag = 'z';
    for (int k = 0; k < 4; k++) {
      acc.count++;
      acc.total += i + k; /* i + 4i + 6 */
    }
    out[i] = acc.total + acc.count * (acc.tag == 'z'); /* 5i + 10 */
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[n-1]=%ld sum=%ld\n", out[0], out[n - 1], sum);
  free(out);
  return 0;
}
