// A flattened matrix indexed p[i*S + j], j an inner loop's variable over
// [0, S), is cut into rows: a remote chunk gets and returns only its rows
// (PARRT_MAP_SLICE with the section counted in rows of S elements). The
// forms S*i + j, j + i*S, a macro S, a row loop that counts down or steps by
// 2, a body that writes only some elements of its rows (the others keep
// their values), and a section that is not made of whole rows (it then
// travels whole) all give the serial answer.
// RUN: %parcc --emit-rewritten %s | FileCheck %s --check-prefix=EMIT
// EMIT: {"c", PARRT_MAP_FROM, PARRT_MAP_SLICE | PARRT_MAP_WRITTEN, 8},
// EMIT-NEXT: {"a", PARRT_MAP_TO, PARRT_MAP_SLICE, 8},
// EMIT: {"d", PARRT_MAP_TOFROM, PARRT_MAP_SLICE | PARRT_MAP_WRITTEN, 4},
// EMIT: {"e", PARRT_MAP_TOFROM, PARRT_MAP_SLICE | PARRT_MAP_WRITTEN, 4},
// EMIT: int64_t par__rs = (int64_t)(n);
// EMIT: int64_t par__rs = (int64_t)(n);
// EMIT: int64_t par__rs = (int64_t)(COLS);
// EMIT: int64_t par__rs = (int64_t)(n);
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %run-compare %t.par %t.ser 7
// RUN: %t.par | FileCheck %s
// CHECK: c: 0 {{.*}}
// CHECK: sum=
#include <stdio.h>
#include <stdlib.h>

#define COLS 6

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 13, m = 2 * n + 1;
  double *a = malloc(sizeof(double) * (size_t)(m * n)), *c = malloc(sizeof(double) * (size_t)(m * n));
  int *d = malloc(sizeof(int) * (size_t)(m * COLS)), *e = malloc(sizeof(int) * (size_t)(m * n + 1));
  for (int k = 0; k < m * n; k++) a[k] = k % 17, c[k] = -1;
  for (int k = 0; k < m * COLS; k++) d[k] = k;
  for (int k = 0; k < m * n + 1; k++) e[k] = -k;

#pragma par distribute map(to : a[0:m * n]) map(from : c[0:m * n])
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) c[i * n + j] = a[n * i + j] * 2 + i;

  /* count down by 2; the body writes only the even columns */
#pragma par distribute map(tofrom : d[0:m * COLS])
  for (int i = m - 1; i >= 0; i -= 2)
    for (int j = 0; j < COLS; ++j)
      if (j % 2 == 0) d[j + i * COLS] += 1000 * i;

  /* a section of m*n + 1 elements: not whole rows of n, so e travels whole */
#pragma par distribute map(tofrom : e[0:m * n + 1])
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) e[i * n + j] += i;

  printf("c: %g %g %g %g\n", c[0], c[n], c[2 * n], c[m * n - 1]);
  long sum = 0;
  for (int k = 0; k < m * COLS; k++) sum += d[k] * (k % 7 + 1);
  for (int k = 0; k < m * n + 1; k++) sum += e[k] * (k % 5 + 1);
  for (int k = 0; k < m * n; k++) sum += (long)c[k] * (k % 3 + 1);
  printf("sum=%ld\n", sum);
  free(a), free(c), free(d), free(e);
  return 0;
}
