/* mandelbrot.c: escape-time Mandelbrot set, with dynamic scheduling.
 *
 *   parcc -O2 mandelbrot.c -o mandelbrot && ./mandelbrot [max_iterations]
 *
 * Rows near the set take far longer than rows outside it, so the loop uses
 * schedule(dynamic): idle workers take the next chunk of rows rather than a
 * fixed share. Escape counts go to a fixed-size array (mapped whole, each row
 * written by one iteration); the total is a reduction. The loop body calls an
 * ordinary function, which runs on whichever worker runs the chunk.
 *
 * Prints the total number of iterations and a coarse ASCII picture made from
 * the counts; both are integers, so they match any build exactly.
 */
#include <stdio.h>
#include <stdlib.h>

#define W 512
#define H 512

static const double xmin = -2.0, xmax = 0.5, ymin = -1.25, ymax = 1.25;
static int counts[H][W];

/* Iterations of z = z^2 + c before |z| > 2, at most maxiter. */
static int escape(double cx, double cy, int maxiter) {
  double x = 0.0, y = 0.0;
  int k = 0;
  while (k < maxiter && x * x + y * y <= 4.0) {
    double t = x * x - y * y + cx;
    y = 2.0 * x * y + cy;
    x = t;
    k++;
  }
  return k;
}

int main(int argc, char **argv) {
  int maxiter = argc > 1 ? atoi(argv[1]) : 500;
  if (maxiter <= 0) {
    fprintf(stderr, "usage: mandelbrot [max_iterations > 0]\n");
    return 1;
  }
  long long total = 0;

#pragma par distribute schedule(dynamic) reduction(+ : total)
  for (int py = 0; py < H; py++) {
    double cy = ymin + (py + 0.5) * (ymax - ymin) / H;
    for (int px = 0; px < W; px++) {
      double cx = xmin + (px + 0.5) * (xmax - xmin) / W;
      int k = escape(cx, cy, maxiter);
      counts[py][px] = k;
      total += k;
    }
  }

  printf("%d x %d points, at most %d iterations each\n", W, H, maxiter);
  printf("total iterations: %lld\n", total);

  /* One character per 16 x 8 block of points (terminal cells are tall):
   * '@' inside the set, else darker the longer the point took to escape. */
  static const char shades[] = " .:-=+*#%";
  for (int by = 0; by < H; by += 16) {
    char line[W / 8 + 1];
    for (int bx = 0; bx < W; bx += 8) {
      int k = counts[by + 8][bx + 4], shade = 0;
      while (shade < 8 && (2 << shade) <= k)
        shade++;
      line[bx / 8] = k >= maxiter ? '@' : shades[shade];
    }
    line[W / 8] = '\0';
    printf("|%s|\n", line);
  }
  return 0;
}
