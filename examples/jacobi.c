/* jacobi.c: steady-state heat in a square plate, by Jacobi iteration.
 *
 *   parcc -O2 jacobi.c -o jacobi -lm && ./jacobi [n]
 *
 * The program of docs/tutorial.md, after its port from OpenMP: the two
 * `#pragma omp parallel for` became `#pragma par distribute`, and since u
 * and unew are pointers, each loop says with map clauses how many elements
 * they hold (n * n) and which way they travel. The largest change of a
 * sweep is a max reduction; max is exact, so the output is the same bits as
 * a serial build at any worker count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100; /* grid points per side */
  double *u = calloc((size_t)n * n, sizeof *u);
  double *unew = calloc((size_t)n * n, sizeof *unew);
  for (int j = 0; j < n; j++) /* the top edge is hot */
    u[j] = unew[j] = 100.0;

  int iter;
  double diff = 1.0;
  for (iter = 0; iter < 10000 && diff > 1e-2; iter++) {
    diff = 0.0;
#pragma par distribute reduction(max : diff) map(to : u[0:n * n]) \
    map(tofrom : unew[0:n * n])
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++) {
        unew[i * n + j] =
            0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] + u[i * n + j - 1] + u[i * n + j + 1]);
        diff = fmax(diff, fabs(unew[i * n + j] - u[i * n + j]));
      }
#pragma par distribute map(to : unew[0:n * n]) map(tofrom : u[0:n * n])
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        u[i * n + j] = unew[i * n + j];
  }
  printf("%d x %d grid: %d iterations, last change %.6f\n", n, n, iter, diff);
  printf("centre temperature %.6f\n", u[(n / 2) * n + n / 2]);
  free(u);
  free(unew);
  return 0;
}
