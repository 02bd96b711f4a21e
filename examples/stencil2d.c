/* stencil2d.c: Jacobi relaxation of the heat equation on a 2-D grid.
 *
 *   parcc -O2 stencil2d.c -o stencil2d && ./stencil2d [sweeps]
 *
 * a and b are fixed-size arrays, so they need no map clause: they are mapped
 * whole, and because rows are indexed as a[i - 1], a[i], a[i + 1], a chunk of
 * rows only needs its own slice (plus one row on each side) shipped to a
 * remote worker. Each sweep is two parallel loops, a -> b then b -> a; the
 * serial loop around them orders the sweeps.
 *
 * Every element is computed by the same expression in any build, so the
 * output matches the serial program bit for bit.
 */
#include <stdio.h>
#include <stdlib.h>

#define N 512

static double a[N][N], b[N][N];

int main(int argc, char **argv) {
  int sweeps = argc > 1 ? atoi(argv[1]) : 100;
  if (sweeps < 0) {
    fprintf(stderr, "usage: stencil2d [sweeps >= 0]\n");
    return 1;
  }

  /* The top edge is held at 1.0; the other edges and the interior start at 0. */
  for (int j = 0; j < N; j++) {
    a[0][j] = 1.0;
    b[0][j] = 1.0;
  }

  for (int s = 0; s < sweeps; s++) {
#pragma par distribute
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        b[i][j] = 0.25 * (a[i - 1][j] + a[i + 1][j] + a[i][j - 1] + a[i][j + 1]);

#pragma par distribute
    for (int i = 1; i < N - 1; i++)
      for (int j = 1; j < N - 1; j++)
        a[i][j] = 0.25 * (b[i - 1][j] + b[i + 1][j] + b[i][j - 1] + b[i][j + 1]);
  }

  double checksum = 0.0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      checksum += a[i][j];
  printf("%d x %d grid, %d sweeps\n", N, N, sweeps);
  printf("a[1][N/2] = %.6e\n", a[1][N / 2]);
  printf("a[N/8][N/2] = %.6e\n", a[N / 8][N / 2]);
  printf("checksum = %.6e\n", checksum);
  return 0;
}
