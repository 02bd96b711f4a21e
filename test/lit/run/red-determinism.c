// A double + reduction over 10^6 terms of magnitudes from 1e-9 to 1e9 (so
// the last bits depend on the summation order) gives the same bits at every
// worker count: partials are combined in chunk order, whatever the schedule.
// Printed with %.17g, the parcc runs at PAR_WORKERS=1,2,3,4,7 (7 twice) and
// under parrun -n 1..4 must be byte-identical; against the serial build the sums are compared at 6
// significant digits.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser short
// RUN: env PAR_WORKERS=1 %t.par full > %t.w1
// RUN: env PAR_WORKERS=2 %t.par full > %t.w2
// RUN: env PAR_WORKERS=3 %t.par full > %t.w3
// RUN: env PAR_WORKERS=4 %t.par full > %t.w4
// RUN: env PAR_WORKERS=7 %t.par full > %t.w7
// RUN: env PAR_WORKERS=7 %t.par full > %t.w7b
// RUN: diff %t.w1 %t.w2
// RUN: diff %t.w1 %t.w3
// RUN: diff %t.w1 %t.w4
// RUN: diff %t.w1 %t.w7
// RUN: diff %t.w1 %t.w7b
// RUN: FileCheck %s < %t.w1
// Under parrun (every loop on the workers) the bits are those of ./app, for
// any number of workers.
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 1 %t.par full > %t.n1
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 2 %t.par full > %t.n2
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 3 %t.par full > %t.n3
// RUN: env PAR_REMOTE_MIN_US=0 PAR_WORKERS=1 %parrun -n 4 %t.par full > %t.n4
// RUN: diff %t.w1 %t.n1
// RUN: diff %t.w1 %t.n2
// RUN: diff %t.w1 %t.n3
// RUN: diff %t.w1 %t.n4
// CHECK: default {{-?[0-9.e+]{17,}$}}
// CHECK: static {{-?[0-9.e+]{17,}$}}
// CHECK: guided {{-?[0-9.e+]{17,}$}}
#include <stdio.h>
#include <string.h>

#define N 1000000

static const double scale[5] = {1e-9, 1e-3, 1.0, 1e3, 1e9};

static double term(int i) {
  double t = (double)(((unsigned)i * 2654435761u) % 1000u + 1) * scale[i % 5];
  return i % 3 == 0 ? -t : t + 0.1;
}

static void show(const char *name, double sum, int full) {
  if (full)
    printf("%s %.17g\n", name, sum);
  else
    printf("%s %.6e\n", name, sum);
}

int main(int argc, char **argv) {
  int full = argc > 1 && strcmp(argv[1], "full") == 0;
  double s;

  s = 0;
#pragma par distribute reduction(+ : s)
  for (int i = 0; i < N; i++)
    s += term(i);
  show("default", s, full);

  s = 0;
#pragma par distribute reduction(+ : s) schedule(static)
  for (int i = 0; i < N; i++)
    s += term(i);
  show("static", s, full);

  s = 0;
#pragma par distribute reduction(+ : s) schedule(static, 1000)
  for (int i = 0; i < N; i++)
    s += term(i);
  show("static,1000", s, full);

  s = 0;
#pragma par distribute reduction(+ : s) schedule(dynamic)
  for (int i = 0; i < N; i++)
    s += term(i);
  show("dynamic", s, full);

  s = 0;
#pragma par distribute reduction(+ : s) schedule(dynamic, 977)
  for (int i = 0; i < N; i++)
    s += term(i);
  show("dynamic,977", s, full);

  s = 0;
#pragma par distribute reduction(+ : s) schedule(guided)
  for (int i = 0; i < N; i++)
    s += term(i);
  show("guided", s, full);
  return 0;
}
