/* BENCH-KIND: mixed, array reduction */
/* histogram.c: a 256-bin histogram of 2^27 hashed keys, with an array-section
 * reduction (reduction(+ : hist[0:NBINS]), OpenMP 4.5 syntax in both
 * pragmas): each chunk / thread fills a private copy, combined at the end.
 * Mostly compute (an integer hash per element) over a 512 MiB input. */
#include "bench.h"

#define NBINS 256

typedef struct { long n; unsigned *key; long hist[NBINS]; } hg_arg;

static void kernel(void *vp) {
  hg_arg *p = vp;
  long n = p->n;
  const unsigned *key = p->key;
  long hist[NBINS];
  memset(hist, 0, sizeof hist);
#pragma par distribute map(to : key[0:n]) reduction(+ : hist[0:NBINS])
#pragma omp parallel for reduction(+ : hist[0:NBINS])
  for (long i = 0; i < n; i++) {
    unsigned h = key[i];
    h ^= h >> 16; h *= 0x7feb352du;
    h ^= h >> 15; h *= 0x846ca68bu;
    h ^= h >> 16;
    hist[h % NBINS]++;
  }
  memcpy(p->hist, hist, sizeof hist);
}

int main(int argc, char **argv) {
  static hg_arg g;
  g.n = argc > 1 ? atol(argv[1]) : 1L << 27;
  g.key = bench_alloc((size_t)g.n * sizeof *g.key);
  for (long i = 0; i < g.n; i++) g.key[i] = (unsigned)(i * 2654435761u);
  bench_time(kernel, &g);
  unsigned long cs = 0;
  long total = 0;
  for (int b = 0; b < NBINS; b++) { cs = cs * 1000003u + (unsigned long)g.hist[b]; total += g.hist[b]; }
  printf("checksum=%ld %lx\n", total, cs);
  free(g.key);
  return 0;
}
