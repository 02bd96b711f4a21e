// The NVPTX build (the default where a CUDA toolkit is found) compiles and
// links, GPU or not. Where this process has no GPU the loop runs on the CPU
// with the once-message and gives the serial answer, and
// OMP_TARGET_OFFLOAD=MANDATORY is a clear error, not the crash that an
// NVPTX-only binary meets inside libomptarget (par checks
// omp_get_num_devices() before offloading). With a GPU (CUDA_VISIBLE_DEVICES
// and nvidia-smi working) the same binary runs the loop there.
// REQUIRES: cuda
// RUN: env PARCC_OFFLOAD_TARGETS=nvptx64-nvidia-cuda %parcc -O2 %s -o %t.par
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// RUN: ldd %t.par | FileCheck %s --check-prefix=LIBS
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY sh -c '%t.par >/dev/null 2>%t.err; echo status $?' | FileCheck %s --check-prefix=MAND
// RUN: FileCheck %s --check-prefix=MANDERR --allow-empty < %t.err
// CHECK: y[999] = 2997
// LIBS: libomptarget
// MAND: status {{0|2}}
// MANDERR-NOT: Segmentation
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int n = 1000;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  for (int i = 0; i < n; i++) x[i] = i, y[i] = 1;
#pragma par distribute map(to: x[0:n]) map(tofrom: y[0:n]) device(gpu)
  for (int i = 0; i < n; i++)
    y[i] = 3 * x[i] + y[i] - 1;
  printf("y[999] = %.0f\n", y[n - 1]);
  free(x);
  free(y);
  return 0;
}
