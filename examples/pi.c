/* pi.c: pi by the midpoint rule, a parallel reduction.
 *
 *   parcc -O2 pi.c -o pi && ./pi            (all cores)
 *   PAR_WORKERS=2 ./pi [intervals]
 *   cc -O2 pi.c -o pi-serial                (plain C: the pragma is ignored)
 *
 * pi = integral of 4 / (1 + x^2) over [0, 1]. The loop's iterations are split
 * into chunks that run as tasks; each chunk sums its part of `sum`, and the
 * partial sums are combined in chunk order, so the result does not depend on
 * the number of workers. It is printed to 10 decimals, which is also what a
 * serial build prints (the last bits of a sum depend on its order).
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20000000;
  if (n <= 0) {
    fprintf(stderr, "usage: pi [intervals > 0]\n");
    return 1;
  }
  double h = 1.0 / n;
  double sum = 0.0;

#pragma par distribute reduction(+ : sum)
  for (int i = 0; i < n; i++) {
    double x = (i + 0.5) * h;
    sum += 4.0 / (1.0 + x * x);
  }

  printf("pi = %.10f (%d intervals)\n", sum * h, n);
  return 0;
}
