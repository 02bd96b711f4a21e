// The loop header chosen by `#ifdef UP ... #else ... #endif` between the
// pragma and the body: ascending with -DUP, descending without. Both builds
// give the serial results (the lastprivate shows which header ran).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %t.par 100 | FileCheck %s --check-prefix=DOWN
// RUN: %parcc -O2 -DUP %s -o %t.upar && %serialcc -O2 -DUP %s -o %t.user
// RUN: %run-compare %t.upar %t.user 10007
// RUN: %t.upar 100 | FileCheck %s --check-prefix=UP
// DOWN: sum 4950 last 0 out[0]=1 out[99]=100
// UP: sum 4950 last 99 out[0]=1 out[99]=100
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  long sum = 0;
  int last = -1;

#pragma par distribute map(from : out[0:n]) reduction(+ : sum) lastprivate(last)
#ifdef UP
  for (int i = 0; i < n; i++)
#else
  for (int i = n - 1; i >= 0; i--)
#endif
  {
    out[i] = i + 1;
    sum += i;
    last = i;
  }

  printf("sum %ld last %d out[0]=%ld out[%d]=%ld\n", sum, last, out[0], n - 1, out[n - 1]);
  free(out);
  return 0;
}
