// PolyBench/C 4.2 deriche (edge detection): six sweeps, each a distributed
// loop over rows or columns with a causal or anti-causal recurrence inside.
// The recurrence state lives in scalars declared at the top of the kernel
// (ym1, ym2, xm1, tm1, yp1, yp2, xp1, xp2, tp1, tp2), so each sweep lists
// the ones it writes in private(...); the filter coefficients are read-only
// scalars. DATA_TYPE is float here, as in PolyBench's deriche; expf links -lm.
// RUN: %parcc -O2 %s -o %t.par -lm && %serialcc -O2 %s -o %t.ser -lm
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 7
// RUN: %t.par | FileCheck %s
// CHECK: checksum imgOut = 90.218353
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define W 72
#define H 64
#define DATA_TYPE float
#define SCALAR_VAL(x) x##f
#define EXP_FUN(x) expf(x)
#define POW_FUN(x, y) powf(x, y)
#define POLYBENCH_2D(var, d1, d2, dd1, dd2) var[d1][d2]
#define _PB_W w
#define _PB_H h

static void init_array(int w, int h, DATA_TYPE *alpha, DATA_TYPE POLYBENCH_2D(imgIn, W, H, w, h)) {
  int i, j;
  *alpha = 0.25;
  for (i = 0; i < w; i++)
    for (j = 0; j < h; j++)
      imgIn[i][j] = (DATA_TYPE)((313 * i + 991 * j) % 65536) / 65535.0f;
}

static void print_array(int w, int h, DATA_TYPE POLYBENCH_2D(imgOut, W, H, w, h)) {
  int i, j;
  double checksum = 0.0;
  int printed = 0;
  printf("==BEGIN DUMP_ARRAYS==\nbegin dump: %s", "imgOut");
  for (i = 0; i < w; i++)
    for (j = 0; j < h; j++) {
      if ((i + 3 * j) % 29 == 0) {
        if (printed++ % 10 == 0)
          printf("\n");
        printf("%0.2f ", imgOut[i][j]);
      }
      checksum += imgOut[i][j];
    }
  printf("\nend   dump: %s\n==END   DUMP_ARRAYS==\n", "imgOut");
  printf("checksum imgOut = %.6f\n", checksum);
}

static void kernel_deriche(int w, int h, DATA_TYPE alpha, DATA_TYPE POLYBENCH_2D(imgIn, W, H, w, h),
                           DATA_TYPE POLYBENCH_2D(imgOut, W, H, w, h), DATA_TYPE POLYBENCH_2D(y1, W, H, w, h),
                           DATA_TYPE POLYBENCH_2D(y2, W, H, w, h)) {
  int i, j;
  DATA_TYPE xm1, tm1, ym1, ym2;
  DATA_TYPE xp1, xp2;
  DATA_TYPE tp1, tp2;
  DATA_TYPE yp1, yp2;

  DATA_TYPE k;
  DATA_TYPE a1, a2, a3, a4, a5, a6, a7, a8;
  DATA_TYPE b1, b2, c1, c2;

#pragma scop
  k = (SCALAR_VAL(1.0) - EXP_FUN(-alpha)) * (SCALAR_VAL(1.0) - EXP_FUN(-alpha)) /
      (SCALAR_VAL(1.0) + SCALAR_VAL(2.0) * alpha * EXP_FUN(-alpha) - EXP_FUN(SCALAR_VAL(2.0) * alpha));
  a1 = a5 = k;
  a2 = a6 = k * EXP_FUN(-alpha) * (alpha - SCALAR_VAL(1.0));
  a3 = a7 = k * EXP_FUN(-alpha) * (alpha + SCALAR_VAL(1.0));
  a4 = a8 = -k * EXP_FUN(SCALAR_VAL(-2.0) * alpha);
  b1 = POW_FUN(SCALAR_VAL(2.0), -alpha);
  b2 = -EXP_FUN(SCALAR_VAL(-2.0) * alpha);
  c1 = c2 = 1;

#pragma par distribute private(ym1, ym2, xm1) map(to: imgIn[0:w]) map(from: y1[0:w])
  for (i = 0; i < _PB_W; i++) {
    ym1 = SCALAR_VAL(0.0);
    ym2 = SCALAR_VAL(0.0);
    xm1 = SCALAR_VAL(0.0);
    for (j = 0; j < _PB_H; j++) {
      y1[i][j] = a1 * imgIn[i][j] + a2 * xm1 + b1 * ym1 + b2 * ym2;
      xm1 = imgIn[i][j];
      ym2 = ym1;
      ym1 = y1[i][j];
    }
  }

#pragma par distribute private(yp1, yp2, xp1, xp2) map(to: imgIn[0:w]) map(from: y2[0:w])
  for (i = 0; i < _PB_W; i++) {
    yp1 = SCALAR_VAL(0.0);
    yp2 = SCALAR_VAL(0.0);
    xp1 = SCALAR_VAL(0.0);
    xp2 = SCALAR_VAL(0.0);
    for (j = _PB_H - 1; j >= 0; j--) {
      y2[i][j] = a3 * xp1 + a4 * xp2 + b1 * yp1 + b2 * yp2;
      xp2 = xp1;
      xp1 = imgIn[i][j];
      yp2 = yp1;
      yp1 = y2[i][j];
    }
  }

#pragma par distribute map(to: y1[0:w], y2[0:w]) map(from: imgOut[0:w])
  for (i = 0; i < _PB_W; i++)
    for (j = 0; j < _PB_H; j++) {
      imgOut[i][j] = c1 * (y1[i][j] + y2[i][j]);
    }

#pragma par distribute private(tm1, ym1, ym2) map(to: imgOut[0:w]) map(tofrom: y1[0:w])
  for (j = 0; j < _PB_H; j++) {
    tm1 = SCALAR_VAL(0.0);
    ym1 = SCALAR_VAL(0.0);
    ym2 = SCALAR_VAL(0.0);
    for (i = 0; i < _PB_W; i++) {
      y1[i][j] = a5 * imgOut[i][j] + a6 * tm1 + b1 * ym1 + b2 * ym2;
      tm1 = imgOut[i][j];
      ym2 = ym1;
      ym1 = y1[i][j];
    }
  }

#pragma par distribute private(tp1, tp2, yp1, yp2) map(to: imgOut[0:w]) map(tofrom: y2[0:w])
  for (j = 0; j < _PB_H; j++) {
    tp1 = SCALAR_VAL(0.0);
    tp2 = SCALAR_VAL(0.0);
    yp1 = SCALAR_VAL(0.0);
    yp2 = SCALAR_VAL(0.0);
    for (i = _PB_W - 1; i >= 0; i--) {
      y2[i][j] = a7 * tp1 + a8 * tp2 + b1 * yp1 + b2 * yp2;
      tp2 = tp1;
      tp1 = imgOut[i][j];
      yp2 = yp1;
      yp1 = y2[i][j];
    }
  }

#pragma par distribute map(to: y1[0:w], y2[0:w]) map(from: imgOut[0:w])
  for (i = 0; i < _PB_W; i++)
    for (j = 0; j < _PB_H; j++)
      imgOut[i][j] = c2 * (y1[i][j] + y2[i][j]);
#pragma endscop
}

int main(int argc, char **argv) {
  int s = argc > 1 ? atoi(argv[1]) : W;
  int w = s < W ? s : W;
  int h = s < H ? s : H;
  DATA_TYPE alpha;
  static DATA_TYPE imgIn[W][H], imgOut[W][H], y1[W][H], y2[W][H];
  init_array(w, h, &alpha, imgIn);
  kernel_deriche(w, h, alpha, imgIn, imgOut, y1, y2);
  print_array(w, h, imgOut);
  return 0;
}
