// Without a usable device a device(gpu) loop runs its CPU variant, gives
// the serial answer and says so once on stderr (two loops, one message);
// with OMP_TARGET_OFFLOAD=MANDATORY it is an error naming the loop (exit
// 2), in ./app and on parrun's workers, never a silent fallback. Here the
// program is built without offload targets (PARCC_OFFLOAD_TARGETS empty): no
// OpenMP at all in it, and it needs neither libomp nor libomptarget.
// (fallback-disabled.c: an offload build with devices turned off.)
// RUN: env PARCC_OFFLOAD_TARGETS= %parcc -O2 %s -o %t.none
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.none %t.ser
// RUN: %t.none 2>&1 >/dev/null | FileCheck %s --check-prefix=NONE
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY not %t.none 2>&1 | FileCheck %s --check-prefix=MAND
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY PAR_REMOTE_MIN_US=0 not %parrun -n 2 %t.none 2>&1 | FileCheck %s --check-prefix=MAND
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY sh -c '%t.none 2>/dev/null; test $? -eq 2'
// RUN: not sh -c 'ldd %t.none | grep -q omp'
// NONE: warn: loop 'main:[[#@LINE+10]]' ({{.*}}fallback.c:[[#@LINE+10]]) has device(gpu), but it was compiled without offload targets (PARCC_OFFLOAD_TARGETS): running it on the CPU
// NONE-NOT: device(gpu)
// MAND: fallback.c:[[#@LINE+8]]: error: loop 'main:[[#@LINE+8]]' must run on a device (OMP_TARGET_OFFLOAD=MANDATORY), but it was compiled without offload targets (PARCC_OFFLOAD_TARGETS)
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
