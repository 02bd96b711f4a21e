// `#pragma scop` / `#pragma endscop` (PolyBench's markers) around the
// annotated loop, and around two loops, are left alone.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100 | FileCheck %s
// CHECK: a[99]=297 b[99]=594 sum 29700
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
  long sum = 0;

#pragma scop
#pragma par distribute map(from : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] = 3L * i;
#pragma endscop

#pragma scop
#pragma par distribute map(to : a[0:n]) map(from : b[0:n])
  for (int i = 0; i < n; i++)
    b[i] = 2 * a[i];
#pragma par distribute map(to : a[0:n]) reduction(+ : sum)
  for (int i = 0; i < n; i++)
    sum += 2 * a[i];
#pragma endscop

  printf("a[%d]=%ld b[%d]=%ld sum %ld\n", n - 1, a[n - 1], n - 1, b[n - 1], sum);
  free(a);
  free(b);
  return 0;
}
