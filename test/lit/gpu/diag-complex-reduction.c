// A reduction over complex values has no OpenMP reduction on a device:
// device(gpu|any) with one is an error naming it (device(cpu) is fine).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.o
// CHECK: diag-complex-reduction.c:[[#@LINE+4]]:1: error: reduction over the complex 'z' cannot run on a device
double _Complex f(const double *x, int n) {
  double _Complex z = 0;
  double _Complex w = 0;
#pragma par distribute map(to: x[0:n]) reduction(+: z) device(gpu)
  for (int i = 0; i < n; i++) z += x[i];
#pragma par distribute map(to: x[0:n]) reduction(+: w) device(cpu)
  for (int i = 0; i < n; i++) w += x[i];
  return z + w;
}
