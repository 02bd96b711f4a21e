// `break` statements that leave a switch, a while loop and a do-while loop
// inside the body (not the distributed loop itself) are fine, as is `goto`
// to a label inside the body.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100 | FileCheck %s
// CHECK: out[0]=6 out[1]=15 out[2]=104 sum 5750
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);

#pragma par distribute map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    long v;
    switch (i % 4) {
    case 0:
      v = 1;
      break;
    case 1:
      v = 10;
      break;
    default:
      v = 100;
      break;
    }
    int k = 0;
    while (1) {
      if (++k > 3)
        break;
    }
    do {
      if (k > 2)
        break;
      k = -100;
    } while (0);
    if (i % 4 == 2)
      goto skip;
    v += 1;
  skip:
    out[i] = v + k;
  }

  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[1]=%ld out[2]=%ld sum %ld\n", out[0], n > 1 ? out[1] : 0,
         n > 2 ? out[2] : 0, sum);
  free(out);
  return 0;
}
