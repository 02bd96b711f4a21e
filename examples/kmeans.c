/* kmeans.c: k-means clustering (Lloyd's algorithm) of generated 2-D points.
 *
 *   parcc -O2 kmeans.c -o kmeans && ./kmeans [npoints [k]]
 *
 * Each round assigns every point to its nearest centroid and moves every
 * centroid to the mean of its points, until no point changes cluster. The
 * assignment step is the distributed loop: the points and their cluster
 * numbers are heap arrays mapped with array sections, and the per-cluster
 * coordinate sums and point counts are array-section reductions
 * (`reduction(+ : sum[0:k * DIM])`): every chunk adds into its own zeroed
 * copy and par adds the copies together. The number of points that changed
 * cluster is a scalar reduction. The update step (k divisions) is serial.
 *
 * Sizes are PolyBench-style macros: -DNPOINTS=..., -DMAXK=..., -DMAXITER=...
 * The coordinates are integers, so the sums and counts are exact integers in
 * any order of addition, and every distance is computed by the same code on
 * the same values: the output is the same in every build, at any worker
 * count, bit for bit.
 */
#include <stdio.h>
#include <stdlib.h>

#ifndef NPOINTS
#define NPOINTS 200000 /* default number of points */
#endif
#ifndef MAXK
#define MAXK 64 /* largest k accepted */
#endif
#ifndef MAXITER
#define MAXITER 100 /* rounds before giving up on convergence */
#endif
#define DIM 2 /* coordinates per point */

/* A small linear congruential generator: the same points on every machine. */
static unsigned lcg(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 8) & 0xffffff;
}

/* n points in k blobs around centres on a 1000 x 1000 grid. */
static void make_points(int n, int k, int *pts) {
  unsigned s = 2026;
  for (int i = 0; i < n; i++) {
    int blob = (int)(lcg(&s) % (unsigned)k);
    int cx = 100 + (blob * 377) % 800, cy = 100 + (blob * 611) % 800;
    /* Sum of three uniforms: a rough bell shape, radius up to 90. */
    int dx = 0, dy = 0;
    for (int r = 0; r < 3; r++) {
      dx += (int)(lcg(&s) % 61) - 30;
      dy += (int)(lcg(&s) % 61) - 30;
    }
    pts[i * DIM] = cx + dx;
    pts[i * DIM + 1] = cy + dy;
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : NPOINTS;
  int k = argc > 2 ? atoi(argv[2]) : 8;
  if (n <= 0 || k <= 0 || k > MAXK || k > n) {
    fprintf(stderr, "usage: kmeans [npoints > 0 [k in 1..%d, k <= npoints]]\n", MAXK);
    return 1;
  }
  int *pts = malloc((size_t)n * DIM * sizeof *pts);
  int *assign = malloc((size_t)n * sizeof *assign);
  if (!pts || !assign) {
    fprintf(stderr, "kmeans: out of memory for %d points\n", n);
    return 1;
  }
  make_points(n, k, pts);

  /* Start from k points spread through the input (deterministic). */
  double cent[MAXK][DIM];
  for (int c = 0; c < k; c++) {
    int p = (int)((long long)c * n / k);
    for (int d = 0; d < DIM; d++)
      cent[c][d] = pts[p * DIM + d];
  }
  for (int i = 0; i < n; i++)
    assign[i] = -1;

  long long sum[MAXK * DIM];
  long count[MAXK];
  int iter = 0;
  long changed = n;
  while (changed > 0 && iter < MAXITER) {
    for (int j = 0; j < k * DIM; j++)
      sum[j] = 0;
    for (int c = 0; c < k; c++)
      count[c] = 0;
    changed = 0;

    /* Assignment: cent (a fixed-size array) is mapped whole, read only. */
#pragma par distribute map(to : pts[0:n * DIM]) map(tofrom : assign[0:n]) \
    reduction(+ : sum[0:k * DIM], count[0:k], changed)
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestd = 0.0;
      for (int c = 0; c < k; c++) {
        double d2 = 0.0;
        for (int d = 0; d < DIM; d++) {
          double diff = pts[i * DIM + d] - cent[c][d];
          d2 += diff * diff;
        }
        if (c == 0 || d2 < bestd) {
          best = c;
          bestd = d2;
        }
      }
      if (assign[i] != best) {
        assign[i] = best;
        changed++;
      }
      for (int d = 0; d < DIM; d++)
        sum[best * DIM + d] += pts[i * DIM + d];
      count[best]++;
    }

    /* Update: an empty cluster keeps its centroid. */
    for (int c = 0; c < k; c++)
      if (count[c] > 0)
        for (int d = 0; d < DIM; d++)
          cent[c][d] = (double)sum[c * DIM + d] / (double)count[c];
    iter++;
    printf("round %2d: %7ld points changed cluster\n", iter, changed);
  }

  printf("%d points, k = %d: %s after %d rounds\n", n, k,
         changed == 0 ? "converged" : "not converged", iter);
  for (int c = 0; c < k; c++)
    printf("cluster %2d: %7ld points, centroid (%8.3f, %8.3f)\n", c, count[c], cent[c][0],
           cent[c][1]);
  unsigned long long check = 0;
  for (int i = 0; i < n; i++)
    check = check * 31 + (unsigned)assign[i];
  printf("assignment checksum: %016llx\n", check);
  free(pts);
  free(assign);
  return 0;
}
