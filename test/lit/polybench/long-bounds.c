// Loops over `long` bounds: a 1-D stencil and a strided update with `long`
// counters declared at the top of the function (as PolyBench declares its
// ints), a `long long` counter declared in the loop, `i <= hi` with a step
// of 3, and a `size_t` loop. Pointers to heap arrays are mapped with long
// section bounds.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 4
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par | FileCheck %s
// CHECK: n = 200000
// CHECK: checksum B = 99989.832051
// CHECK: checksum C = 34325313.958013
// CHECK: count3 = 66667
#include <stdio.h>
#include <stdlib.h>

#define DATA_TYPE double

static void kernel_long(long n, DATA_TYPE *A, DATA_TYPE *B, DATA_TYPE *C, long *count3) {
  long i;
  long lo = 1, hi = n - 2;
  long cnt = 0;
  size_t un = (size_t)n;

#pragma scop
#pragma par distribute map(to: A[0:n]) map(tofrom: B[0:n])
  for (i = lo; i <= hi; i++)
    B[i] = (A[i - 1] + A[i] + A[i + 1]) / 3.0;

#pragma par distribute map(tofrom: C[0:n]) reduction(+: cnt)
  for (long long k = 0; k < n; k += 3) {
    C[k] = C[k] * 0.5 + (DATA_TYPE)(k % 1000);
    cnt++;
  }

#pragma par distribute map(to: B[0:n]) map(tofrom: C[0:n])
  for (size_t u = 0; u < un; u++)
    C[u] += B[u] * 0.25;
#pragma endscop
  *count3 = cnt;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000L;
  long i;
  long count3;
  double cb = 0.0, cc = 0.0;
  DATA_TYPE *A = malloc(n * sizeof(DATA_TYPE));
  DATA_TYPE *B = malloc(n * sizeof(DATA_TYPE));
  DATA_TYPE *C = malloc(n * sizeof(DATA_TYPE));
  for (i = 0; i < n; i++) {
    A[i] = (DATA_TYPE)((i * 7919) % 10007) / 10007;
    B[i] = 0.0;
    C[i] = (DATA_TYPE)(i % 13);
  }
  kernel_long(n, A, B, C, &count3);
  for (i = 0; i < n; i++) {
    cb += B[i];
    cc += C[i];
  }
  printf("n = %ld\n", n);
  printf("B[1] = %.6f, B[n/2] = %.6f, C[n-1] = %.6f\n", B[n > 1 ? 1 : 0], B[n / 2], C[n - 1]);
  printf("checksum B = %.6f\nchecksum C = %.6f\n", cb, cc);
  printf("count3 = %ld\n", count3);
  free(A);
  free(B);
  free(C);
  return 0;
}
