// The target variant is what runs, not the host chunk: libomptarget logs
// the launch of par__chunkt_<function>_<line> (LIBOMPTARGET_INFO=16 prints
// kernel launches), in ./app and on parrun's workers, whose stderr parrun
// forwards; and the host chunk function is never entered (a breakpoint-free
// check: the body calls omp_is_initial_device(), which is 0 inside a target
// region, also on the host plugin).
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t
// RUN: env LIBOMPTARGET_INFO=16 %t 2>&1 | FileCheck %s
// RUN: env LIBOMPTARGET_INFO=16 PAR_REMOTE_MIN_US=0 %parrun -n 2 %t 2>&1 | FileCheck %s
// CHECK-DAG: Launching kernel __omp_offloading_{{.*}}par__chunkt_main_[[#LOOP:]]
// CHECK-DAG: on host: 0 of 64
#include <omp.h>
#include <stdio.h>

int main(void) {
  int where[64];
  int n = 64;
#pragma par distribute device(gpu)
  for (int i = 0; i < n; i++)
    where[i] = omp_is_initial_device();
  int host = 0;
  for (int i = 0; i < n; i++) host += where[i];
  printf("on host: %d of %d\n", host, n);
  return 0;
}
