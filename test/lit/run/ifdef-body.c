// `#ifdef` / `#else` / `#endif` inside the loop body (and a macro used in it),
// built with and without -DEXTRA: each build runs the branch it selected.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %t.par 100 | FileCheck %s --check-prefix=PLAIN
// RUN: %parcc -O2 -DEXTRA %s -o %t.xpar && %serialcc -O2 -DEXTRA %s -o %t.xser
// RUN: %run-compare %t.xpar %t.xser 10007
// RUN: %t.xpar 100 | FileCheck %s --check-prefix=EXTRA
// PLAIN: sum 9900 out[99]=198
// EXTRA: sum 333300 out[99]=9900
#include <stdio.h>
#include <stdlib.h>

#define SQUARE(x) ((x) * (x))

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  long sum = 0;

#pragma par distribute map(from : out[0:n]) reduction(+ : sum)
  for (int i = 0; i < n; i++) {
#ifdef EXTRA
    long v = SQUARE((long)i) + i;
#else
    long v = 2L * i;
#endif
#if defined(EXTRA) && EXTRA + 0 > 5
    v = -1; /* never: EXTRA is 1 */
#endif
    out[i] = v;
    sum += v;
  }

  printf("sum %ld out[%d]=%ld\n", sum, n - 1, out[n - 1]);
  free(out);
  return 0;
}
