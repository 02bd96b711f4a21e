// device(any): the runtime picks the device or the CPU by measured speed,
// and every execution gives the serial answer whichever it took (the loop
// runs 40 times: the device first, the CPU second, then the faster one,
// the other again every 16th time). OMP_TARGET_OFFLOAD=MANDATORY makes it always take the
// device; without a device it runs on the CPU without a message (only
// device(gpu) warns).
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=DISABLED %t.par 2>&1 | FileCheck %s --implicit-check-not=warn
// RUN: env LIBOMPTARGET_INFO=16 %t.par 2>&1 | FileCheck %s --check-prefix=LAUNCH
// CHECK: total 328380
// LAUNCH: Launching kernel {{.*}}par__chunkt_main_
#include <stdio.h>

#define N 4096

int main(void) {
  static double x[N];
  long total = 0;
  for (int rep = 0; rep < 40; rep++) {
    long s = 0;
#pragma par distribute reduction(+: s) device(any)
    for (int i = 0; i < N; i++) {
      x[i] = i % 7 + rep;
      s += i % 5;
    }
    total += s + (long)x[N - 1];
  }
  printf("total %ld\n", total);
  return 0;
}
