/* saxpy.c: y = a*x + y on heap arrays, mapped with array sections.
 *
 *   parcc -O2 saxpy.c -o saxpy && ./saxpy [n]
 *
 * x and y are pointers, so the compiler cannot know how much memory they
 * point to: the map clauses say it (OpenMP array-section syntax, p[lo:len]).
 * x is only read (`to`); y is read and written (`tofrom`). Every iteration
 * writes its own y[i], so chunks can run anywhere and their results combine.
 *
 * The values are multiples of 1/8 that stay far below 2^24, so every float
 * operation is exact and the checksum is the same in any build.
 */
#include <stdio.h>
#include <stdlib.h>

static void saxpy(int n, float a, const float *x, float *y) {
#pragma par distribute map(to : x[0:n]) map(tofrom : y[0:n])
  for (int i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1 << 21;
  if (n <= 0) {
    fprintf(stderr, "usage: saxpy [n > 0]\n");
    return 1;
  }
  float *x = malloc((size_t)n * sizeof *x);
  float *y = malloc((size_t)n * sizeof *y);
  if (!x || !y) {
    fprintf(stderr, "saxpy: out of memory for n = %d\n", n);
    return 1;
  }
  for (int i = 0; i < n; i++) {
    x[i] = (float)(i % 1024) * 0.25f;
    y[i] = (float)(i % 7);
  }

  for (int rep = 0; rep < 10; rep++)
    saxpy(n, 0.5f, x, y); /* after 10 calls: y = 5x + y0 */

  double checksum = 0.0;
  for (int i = 0; i < n; i++)
    checksum += y[i];
  printf("n = %d\n", n);
  printf("y[0] = %.3f, y[n/2] = %.3f, y[n-1] = %.3f\n", y[0], y[n / 2], y[n - 1]);
  printf("checksum = %.3f\n", checksum);
  free(x);
  free(y);
  return 0;
}
