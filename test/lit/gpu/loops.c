// device(gpu) loops run as OpenMP target regions and give the serial
// answer, in ./app and under parrun -n 1..4 (run-compare), with the host
// plugin as the device and OMP_TARGET_OFFLOAD=MANDATORY, so that a chunk
// that did not run on the device is an error, not a silent fallback. Every
// data form: pointer sections, fixed arrays (1-D, 2-D, measured with
// sizeof), a global array, scalar and array reductions (a whole array and a
// section), min/max, lastprivate, private, firstprivate scalars, structs and
// arrays, a step of 3, a loop counting down, continue in the body.
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par
// RUN: %serialcc -O2 %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %t.par | FileCheck %s
// CHECK: saxpy 1001 2000
// CHECK-NEXT: sum 2001000 max 2000 min 1 last 1999
// CHECK-NEXT: hist 250 part 249000
// CHECK: matrix 211620.0
// CHECK-NEXT: glob 166500.0
#include <stdio.h>
#include <stdlib.h>

#define N 2000
#define R 30
#define C 40

struct coef {
  double a, b;
};

double glob[N];

int main(void) {
  int n = N;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  for (int i = 0; i < n; i++) {
    x[i] = i;
    y[i] = 1;
  }
  double a = 2.0;
#pragma par distribute map(to: x[0:n]) map(tofrom: y[0:n]) device(gpu)
  for (int i = 0; i < n; i++)
    y[i] = a * x[i] + y[i] - x[i];
  printf("saxpy %.0f %.0f\n", y[1000], y[n - 1]);

  long sum = 0;
  double mx = -1, mn = 1e9;
  long hist[8] = {0};
  long part[16] = {0};
  int last = -1;
#pragma par distribute map(to: y[0:n]) reduction(+: sum) reduction(max: mx) reduction(min: mn) reduction(+: hist) reduction(+: part[4:8]) lastprivate(last) device(gpu)
  for (int i = 0; i < n; i++) {
    sum += (long)y[i];
    if (y[i] > mx) mx = y[i];
    if (y[i] < mn) mn = y[i];
    hist[i % 8] += 1;
    part[4 + i % 8] += i;
    last = i;
  }
  printf("sum %ld max %.0f min %.0f last %d\n", sum, mx, mn, last);
  for (int k = 0; k < 8; k++) printf("hist %ld part %ld\n", hist[k], part[4 + k]);

  double m[R][C];
  double rowsum[R];
  struct coef co = {0.5, 3.0};
  double w[3] = {1, 2, 3};
  int t;
#pragma par distribute private(t) device(gpu)
  for (int i = 0; i < R; i++) {
    for (int j = 0; j < C; j++) {
      t = i * j;
      m[i][j] = co.a * t + co.b + w[j % 3];
    }
    rowsum[i] = sizeof m / sizeof m[0];
  }
  double s = 0;
  for (int i = 0; i < R; i++)
    for (int j = 0; j < C; j++) s += m[i][j] + rowsum[i];
  printf("matrix %.1f\n", s);

#pragma par distribute device(gpu)
  for (int i = n - 1; i >= 0; i -= 3) {
    if (i % 2) continue;
    glob[i] = i * 0.5;
  }
  double g = 0;
  for (int i = 0; i < n; i++) g += glob[i];
  printf("glob %.1f\n", g);
  free(x);
  free(y);
  return 0;
}
