// A device loop with no mapped data (only a reduction) runs as a target
// region too, in ./app and on parrun's workers: every iteration counts
// omp_is_initial_device(), which is 0 inside a region (the serial build
// counts 0 by definition), and the pi estimate is the serial one up to the
// printed digits.
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par
// RUN: %serialcc -O2 -Domp_is_initial_device=serial_is_initial_device %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %t.par | FileCheck %s
// CHECK: pi 3.14159 on host 0
#include <stdio.h>
#ifdef __PARCC__
#include <omp.h>
#else
static int serial_is_initial_device(void) { return 0; }
#endif

int main(void) {
  long n = 1000000;
  double step = 1.0 / (double)n, sum = 0;
  int host = 0;
#pragma par distribute reduction(+: sum, host) device(gpu)
  for (long i = 0; i < n; i++) {
    double x = (i + 0.5) * step;
    sum += 4.0 / (1.0 + x * x);
    host += omp_is_initial_device();
  }
  printf("pi %.5f on host %d\n", sum * step, host);
  return 0;
}
