// firstprivate(base, tab): a task's copies start with the values the
// variables had before the loop, and writes to them stay private. Each
// iteration reads base (the initial value, or one its own task wrote) and
// then overwrites it and tab[0]; tab[1..3] keep their initial values. In the
// parcc build the originals are unchanged after the loop.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 20011
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 20011 | FileCheck %s
// CHECK: out[0]=1021 out[1]=1025 out[n-1]=81061
// CHECK: originals unchanged 1
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  long base = 100;
  int tab[4] = {5, 6, 7, 8};

#pragma par distribute firstprivate(base, tab) map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    int good = base == 100 || (base >= 1000 && (base - 1000) % 7 == 0);
    base = 1000 + 7 * i;
    tab[0] = i;
    out[i] = (good ? 1000 : -1000000) + tab[0] + tab[1] + tab[2] + tab[3] + 3 * i;
  }

#ifdef __PARCC__
  int unchanged = base == 100 && tab[0] == 5 && tab[1] == 6 && tab[2] == 7 && tab[3] == 8;
#else
  int unchanged = 1; /* the serial build ran the body on the originals */
#endif
  long sum = 0;
  for (int i = 0; i < n; i++)
    sum += out[i];
  printf("out[0]=%ld out[1]=%ld out[n-1]=%ld\n", out[0], n > 1 ? out[1] : 0, out[n - 1]);
  printf("sum %ld\n", sum);
  printf("originals unchanged %d\n", unchanged);
  free(out);
  return 0;
}
