// Accesses of the form a[i + k] (a 3-point stencil, a[i-1] a[i] a[i+1]) on a
// `to` section and a `from` section that starts at element 1; the elements
// of b outside the section keep their values.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100000
// RUN: %run-compare %t.par %t.ser 3
// RUN: %run-compare %t.par %t.ser 2
// RUN: %t.par 100000 | FileCheck %s
// CHECK: b[0]=-1 b[1]=3 b[n-2]=299994 b[n-1]=-1
#include <stdio.h>
#include <stdlib.h>

static void stencil(const long *a, long *b, int n) {
#pragma par distribute map(to : a[0:n]) map(from : b[1:n - 2])
  for (int i = 1; i < n - 1; i++)
    b[i] = a[i - 1] + a[i] + a[i + 1];
}

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
  for (int i = 0; i < n; i++) {
    a[i] = i;
    b[i] = -1;
  }
  stencil(a, b, n);
  unsigned long check = 0;
  for (int i = 0; i < n; i++)
    check = check * 131 + (unsigned long)b[i];
  printf("b[0]=%ld b[1]=%ld b[n-2]=%ld b[n-1]=%ld\n", b[0], b[1], b[n - 2], b[n - 1]);
  printf("checksum %lu\n", check);
  free(a);
  free(b);
  return 0;
}
