// A worker's first task of a loop execution rides in its LOOP message when
// nothing must come between them (docs/protocol.md, LOOP keys 12-14): with
// the arrays in shared memory, each task costs the driver one message, so
// the messages it sends for the loop equal the results it gets back. With
// PAR_SHM=0 the rows travel as slices, which the driver keeps out of the
// LOOP: one LOOP per worker and execution comes on top of the tasks. The
// answer is the serial one either way. PolyBench style: sizes from macros,
// `double A[N][M]` parameters, indices declared at the top.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %t.ser > %t.expected
// The sanitizers' own malloc leaves no room for the shared allocator.
// RUN: %if !sanitize %{ env PAR_REMOTE_MIN_US=0 %parrun -n 2 --trace %t.shm.json %t.par | diff %t.expected - %}
// RUN: %if !sanitize %{ python3 %S/Inputs/sends.py %t.shm.json sweep: | FileCheck %s --check-prefix=SHM %}
// SHM: sends == results
// RUN: env PAR_SHM=0 PAR_REMOTE_MIN_US=0 %parrun -n 2 --trace %t.copy.json %t.par | diff %t.expected -
// RUN: python3 %S/Inputs/sends.py %t.copy.json sweep: | FileCheck %s --check-prefix=COPY
// COPY: sends > results
#include <stdio.h>
#include <stdlib.h>

#define N 1024
#define M 256
#define SWEEPS 10

static void sweep(double dst[N][M], double src[N][M]) {
  int i, j;
#pragma par distribute map(to : src[0:N]) map(tofrom : dst[0:N])
  for (i = 1; i < N - 1; i++)
    for (j = 1; j < M - 1; j++)
      dst[i][j] = 0.25 * (src[i - 1][j] + src[i + 1][j] + src[i][j - 1] + src[i][j + 1]);
}

int main(void) {
  int i, j, s;
  double(*a)[M] = malloc(sizeof(double[N][M])), (*b)[M] = malloc(sizeof(double[N][M]));
  if (!a || !b) return 1;
  for (i = 0; i < N; i++)
    for (j = 0; j < M; j++) a[i][j] = b[i][j] = i == 0 ? 1.0 : (double)((i * 7 + j * 13) % 100) * 0.01;
  for (s = 0; s < SWEEPS; s++) {
    sweep(b, a);
    sweep(a, b);
  }
  double cs = 0.0;
  for (i = 0; i < N; i++)
    for (j = 0; j < M; j++) cs += a[i][j] * (double)((i + j) % 5 + 1);
  printf("checksum %.10e\n", cs);
  free(a);
  free(b);
  return 0;
}
