// `parcc -fopenmp` on a source written for both compilers (docs/coming-from.md):
// an OpenMP loop pragma right before or after `#pragma par distribute` gives
// the loop to par (with -fopenmp clang would otherwise parse it as a
// directive that swallows the loop), while the rest of the file keeps its
// OpenMP: omp.h, omp_get_wtime(), an `omp parallel` region, `#ifdef _OPENMP`
// (seen the same by parcc's analysis and by the compile), and a distributed
// function called from a par loop.
// RUN: %parcc -O2 -fopenmp %s -o %t.par && %clang -O2 -fopenmp %s -o %t.omp
// RUN: env OMP_NUM_THREADS=3 %run-compare %t.par %t.omp 1000
// RUN: env OMP_NUM_THREADS=3 %t.par 1000 | FileCheck %s
// CHECK: sum 249750.0 squares 332833500 region threads 3 openmp yes clock ok
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#pragma par distribute
long square(long x) { return x * x; }

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  double *a = malloc((size_t)n * sizeof *a);
  double t0 = omp_get_wtime();
  int i, openmp = 0;

#pragma par distribute map(from : a[0:n])
#pragma omp parallel for schedule(static)
  for (i = 0; i < n; i++) {
#ifdef _OPENMP
    a[i] = i * 0.5;
#else
    a[i] = -1.0;
#endif
  }

  long sq = 0;
#pragma omp parallel for reduction(+ : sq)

#pragma par distribute reduction(+ : sq)
  for (i = 0; i < n; i++)
    sq += square(i);

  int region = 0;
#pragma omp parallel
  {
#pragma omp atomic
    region++;
  }
#ifdef _OPENMP
  openmp = 1;
#endif
  double s = 0;
  for (i = 0; i < n; i++) s += a[i];
  printf("sum %.1f squares %ld region threads %d openmp %s clock %s\n", s, sq, region,
         openmp ? "yes" : "no", omp_get_wtime() >= t0 ? "ok" : "bad");
  free(a);
  return 0;
}
