// cache on a distributed function: each distinct call (its scalar arguments
// and its `to` data, never the pointers' values) is an entry holding the
// result and the `from` data; a rerun takes every call from the cache.
// RUN: %parcc -O1 %s -o %t -lm && %serialcc -O1 %s -o %t.ser -lm
// RUN: rm -rf %t.cache && %t.ser >%t.expected
// RUN: env PAR_LOG=debug PAR_CACHE_DIR=%t.cache %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: grep -c "cache: function 'scaled_norm': computed" %t.err | FileCheck %s --check-prefix=THREE
// RUN: env PAR_LOG=debug PAR_CACHE_DIR=%t.cache %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: grep -c "cache: function 'scaled_norm': from cache" %t.err | FileCheck %s --check-prefix=FOUR
// RUN: not grep "cache: function 'scaled_norm': computed" %t.err
// Under parrun (the calls that are computed run on a worker).
// RUN: rm -rf %t.cache
// RUN: env PAR_LOG=debug PAR_CACHE_DIR=%t.cache %parrun -n 2 %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: grep -c "cache: function 'scaled_norm': computed" %t.err | FileCheck %s --check-prefix=THREE
// RUN: env PAR_LOG=debug PAR_CACHE_DIR=%t.cache %parrun -n 2 %t 2>%t.err >%t.out
// RUN: diff %t.expected %t.out
// RUN: grep -c "cache: function 'scaled_norm': from cache" %t.err | FileCheck %s --check-prefix=FOUR
// THREE: {{^}}3{{$}}
// FOUR: {{^}}4{{$}}
#include <math.h>
#include <stdio.h>

#pragma par distribute map(to : v[0:n]) map(from : out[0:n]) cache
double scaled_norm(const double *v, double *out, int n, double s) {
  double sum = 0;
  for (int i = 0; i < n; i++) {
    out[i] = v[i] * s;
    sum += out[i] * out[i];
  }
  return sqrt(sum);
}

int main(void) {
  double v[50], w[50], out[50];
  for (int i = 0; i < 50; i++) v[i] = w[i] = i * 0.25;
  w[49] = 1;
  double a = scaled_norm(v, out, 50, 2.0);
  printf("%.17g %.17g\n", a, out[49]);
  double b = scaled_norm(w, out, 50, 2.0); /* other data: its own entry */
  printf("%.17g %.17g\n", b, out[49]);
  double c = scaled_norm(v, out, 50, 3.0); /* other scalar */
  printf("%.17g %.17g\n", c, out[49]);
  double d = scaled_norm(v, out, 50, 2.0); /* the first call again: from the cache */
  printf("%.17g %.17g\n", d, out[49]);
  return 0;
}
