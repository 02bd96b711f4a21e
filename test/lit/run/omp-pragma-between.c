// A `#pragma omp parallel for` (with clauses) between the par pragma and the
// for statement: par distributes the loop; the OpenMP line does not get in
// the way (the file is built without -fopenmp).
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 10007
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100 | FileCheck %s
// CHECK: out[99]=9801 sum 328350 max 9801
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *out = malloc(n * sizeof *out);
  long sum = 0, mx = 0;

#pragma par distribute map(from : out[0:n]) reduction(+ : sum)
#pragma omp parallel for reduction(+ : sum) schedule(static)
  for (int i = 0; i < n; i++) {
    out[i] = (long)i * i;
    sum += out[i];
  }

#pragma par distribute map(to : out[0:n]) reduction(max : mx)
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    mx = out[i] > mx ? out[i] : mx;

  printf("out[%d]=%ld sum %ld max %ld\n", n - 1, out[n - 1], sum, mx);
  free(out);
  return 0;
}
