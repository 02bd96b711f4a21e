// nowait + `#pragma par sync`: two independent nowait loops (one with a
// reduction, one with a lastprivate) run together; after the sync their
// outputs are all valid, and a third loop reads what both wrote.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100003 | FileCheck %s
// CHECK: sum 5000250003 last 100002
// CHECK: c[0]=1 c[n-1]=300007 total 15000850012
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  long sum = 0;
  int last = -1;

#pragma par distribute map(from : a[0:n]) reduction(+ : sum) nowait
  for (int i = 0; i < n; i++) {
    a[i] = i;
    sum += i;
  }
#pragma par distribute map(from : b[0:n]) lastprivate(last) nowait
  for (int i = 0; i < n; i++) {
    b[i] = 2L * i + 1;
    last = i;
  }
#pragma par sync
  printf("sum %ld last %d\n", sum, last);

#pragma par distribute map(to : a[0:n], b[0:n]) map(from : c[0:n])
  for (int i = 0; i < n; i++)
    c[i] = a[i] + b[i];
  long total = 0;
  for (int i = 0; i < n; i++)
    total += c[i];
  printf("c[0]=%ld c[n-1]=%ld total %ld\n", c[0], c[n - 1], total);
  free(a);
  free(b);
  free(c);
  return 0;
}
