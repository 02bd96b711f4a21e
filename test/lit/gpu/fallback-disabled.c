// The CPU variant runs where an offload build finds no device: devices
// turned off with OMP_TARGET_OFFLOAD=DISABLED (libomptarget 19 would still
// count them; par treats DISABLED as none). The loop gives the serial
// answer and says so once on stderr (two loops, one message).
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.off
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=DISABLED %run-compare %t.off %t.ser
// RUN: env OMP_TARGET_OFFLOAD=DISABLED %t.off 2>&1 >/dev/null | FileCheck %s
// CHECK: warn: loop 'main:[[#@LINE+9]]' ({{.*}}fallback-disabled.c:[[#@LINE+9]]) has device(gpu), but this process has no OpenMP device: running it on the CPU
// CHECK-NOT: device(gpu)
#include <stdio.h>

int main(void) {
  enum { N = 500 };
  double a[N];
  long s = 0;
  for (int i = 0; i < N; i++) a[i] = i;
#pragma par distribute device(gpu)
  for (int i = 0; i < N; i++)
    a[i] = 3 * a[i];
#pragma par distribute reduction(+: s) device(gpu)
  for (int i = 0; i < N; i++)
    s += (long)a[i];
  printf("%ld %.0f\n", s, a[N - 1]);
  return 0;
}
