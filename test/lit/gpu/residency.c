// Data stays on the device between device loops that follow each other
// directly (the first is flagged PARRT_LOOP_DEVICE_KEEP by parcc): y goes to
// the device once for the first two loops and comes back once; the third
// loop, after host code that reads y, copies it in and out again.
// (LIBOMPTARGET_INFO=48: data transfers and kernel launches.)
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env LIBOMPTARGET_INFO=48 %t.par 2>&1 >/dev/null | FileCheck %s
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc --emit-rewritten %s | FileCheck %s --check-prefix=KEEP
// CHECK: Copying data from host to device{{.*}}Size=8000
// CHECK-NEXT: Launching kernel {{.*}}par__chunkt_main_[[#@LINE+20]]
// CHECK-NEXT: Launching kernel {{.*}}par__chunkt_main_[[#@LINE+22]]
// CHECK-NEXT: Copying data from device to host{{.*}}Size=8000
// CHECK-NEXT: Copying data from host to device{{.*}}Size=8000
// CHECK-NEXT: Launching kernel {{.*}}par__chunkt_main_[[#@LINE+22]]
// CHECK-NEXT: Copying data from device to host{{.*}}Size=8000
// CHECK-NOT: Copying
// KEEP: par__loop_main_[[#@LINE+13]] = {
// KEEP: .flags = PARRT_LOOP_DEVICE_KEEP,
// KEEP: par__loop_main_[[#@LINE+14]] = {
// KEEP: .flags = 0,
// KEEP: par__loop_main_[[#@LINE+15]] = {
// KEEP: .flags = 0,
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int n = 1000;
  double *y = malloc(n * sizeof *y);
  for (int i = 0; i < n; i++) y[i] = i;
#pragma par distribute map(tofrom: y[0:n]) device(gpu)
  for (int i = 0; i < n; i++) y[i] += 1;
  /* only a comment between: y stays on the device */
#pragma par distribute map(tofrom: y[0:n]) device(gpu)
  for (int i = 0; i < n; i++) y[i] *= 2;
  printf("after two: %.0f\n", y[10]);
#pragma par distribute map(tofrom: y[0:n]) device(gpu)
  for (int i = 0; i < n; i++) y[i] -= 1;
  printf("after three: %.0f\n", y[10]);
  free(y);
  return 0;
}
