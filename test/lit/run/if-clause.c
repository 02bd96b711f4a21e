// if(expr): when true the loop is distributed, when false it runs serially
// in place. A float + reduction that starts at a non-zero value, over terms
// whose sum depends on the order, must equal the serial build's bit for bit
// (%a) when the condition is false; when true it is compared at 3 digits.
// Both cases also fill an array and set a lastprivate.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 0 200003
// RUN: %run-compare %t.par %t.ser 0 1
// RUN: %run-compare %t.par %t.ser 1 200003
// RUN: %run-compare %t.par %t.ser 1 1
// RUN: %t.par 0 1000 | FileCheck %s --check-prefix=FALSE
// RUN: %t.par 1 1000 | FileCheck %s --check-prefix=TRUE
// FALSE: sum 0x1.8d35b8p+3 (1.2e+01) last 999 out 998001
// TRUE: sum 1.2e+01 last 999 out 998001
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int parallel = atoi(argv[1]), n = atoi(argv[2]);
  long *out = malloc(n * sizeof *out);
  float sum = 0.1f;
  int last = -1;

#pragma par distribute if(parallel && n > 0) reduction(+ : sum) lastprivate(last) \
    map(from : out[0:n])
  for (int i = 0; i < n; i++) {
    sum += 1.0f / (float)(i % 997 + 1) + (float)(i % 7) * 1e-3f;
    out[i] = (long)i * i;
    last = i;
  }

  if (parallel)
    printf("sum %.1e last %d out %ld\n", (double)sum, last, out[n - 1]);
  else
    printf("sum %a (%.1e) last %d out %ld\n", (double)sum, (double)sum, last, out[n - 1]);
  free(out);
  return 0;
}
