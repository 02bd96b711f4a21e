// PolyBench/C 4.2 fdtd-2d: per time step, four distributed loops: the
// boundary row ey[0][*] := _fict_[t] (t is read, a firstprivate scalar; the
// loop is over j), then the ey, ex and hz updates. The ey update starts at
// i = 1, the hz update stops at nx - 1.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 2
// RUN: %t.par | FileCheck %s
// CHECK: checksum ex = 72191.426238
// CHECK: checksum ey = 49125.106140
// CHECK: checksum hz = 65320.649202
#include <stdio.h>
#include <stdlib.h>

#define TMAX 20
#define NX 60
#define NY 80
#define DATA_TYPE double
#define SCALAR_VAL(x) x
#define POLYBENCH_1D(var, d1, dd1) var[d1]
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_TMAX tmax
#define _PB_NX nx
#define _PB_NY ny

static void init_array(int tmax, int nx, int ny, DATA_TYPE POLYBENCH_2D(ex, NX, NY, nx, ny),
                       DATA_TYPE POLYBENCH_2D(ey, NX, NY, nx, ny), DATA_TYPE POLYBENCH_2D(hz, NX, NY, nx, ny),
                       DATA_TYPE POLYBENCH_1D(_fict_, TMAX, tmax)) {
  int i, j;
  for (i = 0; i < tmax; i++)
    _fict_[i] = (DATA_TYPE)i;
  for (i = 0; i < nx; i++)
    for (j = 0; j < ny; j++) {
      ex[i][j] = ((DATA_TYPE)i * (j + 1)) / NX;
      ey[i][j] = ((DATA_TYPE)i * (j + 2)) / NY;
      hz[i][j] = ((DATA_TYPE)i * (j + 3)) / NX;
    }
}

static void print_one(const char *name, int nx, int ny, DATA_TYPE POLYBENCH_2D(v, NX, NY, nx, ny)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("begin dump: %s", name);
  for (i = 0; i < nx; i++)
    for (j = 0; j < ny; j++) {
      if ((i + j) % 17 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2lf ", v[i][j]);
      }
      checksum += v[i][j];
    }
  printf("\nend   dump: %s\n", name);
  printf("checksum %s = %.6f\n", name, checksum);
}

static void kernel_fdtd_2d(int tmax, int nx, int ny, DATA_TYPE POLYBENCH_2D(ex, NX, NY, nx, ny),
                           DATA_TYPE POLYBENCH_2D(ey, NX, NY, nx, ny), DATA_TYPE POLYBENCH_2D(hz, NX, NY, nx, ny),
                           DATA_TYPE POLYBENCH_1D(_fict_, TMAX, tmax)) {
  int t, i, j;

#pragma scop
  for (t = 0; t < _PB_TMAX; t++) {
#pragma par distribute map(tofrom: ey[0:nx]) map(to: _fict_[0:tmax])
    for (j = 0; j < _PB_NY; j++)
      ey[0][j] = _fict_[t];
#pragma par distribute map(tofrom: ey[0:nx]) map(to: hz[0:nx])
    for (i = 1; i < _PB_NX; i++)
      for (j = 0; j < _PB_NY; j++)
        ey[i][j] = ey[i][j] - SCALAR_VAL(0.5) * (hz[i][j] - hz[i - 1][j]);
#pragma par distribute map(tofrom: ex[0:nx]) map(to: hz[0:nx])
    for (i = 0; i < _PB_NX; i++)
      for (j = 1; j < _PB_NY; j++)
        ex[i][j] = ex[i][j] - SCALAR_VAL(0.5) * (hz[i][j] - hz[i][j - 1]);
#pragma par distribute map(tofrom: hz[0:nx]) map(to: ex[0:nx], ey[0:nx])
    for (i = 0; i < _PB_NX - 1; i++)
      for (j = 0; j < _PB_NY - 1; j++)
        hz[i][j] = hz[i][j] - SCALAR_VAL(0.7) * (ex[i][j + 1] - ex[i][j] + ey[i + 1][j] - ey[i][j]);
  }
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : NY;
  int tmax = TMAX;
  int nx = s < NX ? s : NX;
  int ny = s < NY ? s : NY;
  static DATA_TYPE ex[NX][NY], ey[NX][NY], hz[NX][NY], _fict_[TMAX];
  init_array(tmax, nx, ny, ex, ey, hz, _fict_);
  kernel_fdtd_2d(tmax, nx, ny, ex, ey, hz, _fict_);
  print_one("ex", nx, ny, ex);
  print_one("ey", nx, ny, ey);
  print_one("hz", nx, ny, hz);
  return 0;
}
