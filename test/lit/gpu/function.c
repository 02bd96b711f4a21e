// Distributed functions with device(gpu) run their body as an OpenMP target
// region (par__fbt_<f>): calls and spawns give the serial answer in ./app
// and under parrun, with the host plugin as the device and
// OMP_TARGET_OFFLOAD=MANDATORY; the body sees omp_is_initial_device() == 0
// (it ran in the region); mapped sections go in and out (a `from` section
// keeps the elements the body leaves alone); a pointer to rows maps rows.
// REQUIRES: offload-host
// (Not in sanitizer builds: clang 19's linker wrapper cannot link the host
// plugin's device image with -fsanitize, a .preinit_array in a DSO.)
// UNSUPPORTED: sanitize
// RUN: env PARCC_OFFLOAD_TARGETS=x86_64-pc-linux-gnu %parcc -O2 %s -o %t.par
// RUN: %serialcc -O2 -Domp_is_initial_device=serial_is_initial_device %s -o %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY %run-compare %t.par %t.ser
// RUN: env OMP_TARGET_OFFLOAD=MANDATORY LIBOMPTARGET_INFO=16 %t.par 2>&1 | FileCheck %s
// CHECK-DAG: Launching kernel {{.*}}par__fbt_dot
// CHECK-DAG: dot=328350 host=0 scaled[0]=0 scaled[99]=297 kept=-1 inc[5]=6 rows=10 45 spawned=328350 400
#include <stdio.h>
#ifdef __PARCC__
#include <omp.h>
#else
static int serial_is_initial_device(void) { return 0; }
#endif

#pragma par distribute map(to : x[0:n], y[0:n]) device(gpu)
double dot(const double *x, const double *y, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

#pragma par distribute device(gpu)
int where(int k) { return omp_is_initial_device() + k; }

#pragma par distribute map(to : x[lo:n]) map(from : out[lo:n]) device(gpu)
void scale(const double *x, double *out, int lo, int n, double f) {
  for (int i = lo; i < lo + n - 1; i++) out[i] = f * x[i]; /* the last one is left alone */
}

#pragma par distribute map(tofrom : v[0:n]) device(gpu)
int bump(int *v, int n) {
  for (int i = 0; i < n; i++) v[i]++;
  return n;
}

#pragma par distribute map(to : m[0:rows]) device(gpu)
double trace4(double (*m)[4], int rows) {
  double t = 0;
  for (int r = 0; r < rows && r < 4; r++) t += m[r][r];
  return t * rows;
}

static double run_spawns(const double *x, const double *y) {
  double a, b;
#pragma par spawn
  a = dot(x, y, 100);
#pragma par spawn
  b = trace4((double (*)[4])x, 7);
#pragma par sync
  return a + b * 0;
}

int main(void) {
  double x[100], y[100], out[101];
  int v[10];
  double m[3][4];
  for (int i = 0; i < 100; i++) x[i] = i, y[i] = i;
  for (int i = 0; i < 101; i++) out[i] = -1;
  for (int i = 0; i < 10; i++) v[i] = i;
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 4; c++) m[r][c] = r * 4 + c;
  double d = dot(x, y, 100);
  int host = where(0);
  scale(x, out, 0, 101 - 1, 3.0);
  int n = bump(v, 10);
  double t = trace4(m, 3);
  double sp = run_spawns(x, y);
  printf("dot=%g host=%d scaled[0]=%g scaled[99]=%g kept=%g inc[5]=%d rows=%d %g spawned=%g %d\n", d, host,
         out[0], out[98] + 3, out[99], v[5], n, t, sp, (int)(trace4((double (*)[4])x, 7) / 7 / 7) * 100);
  return 0;
}
