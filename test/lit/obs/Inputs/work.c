// The program the observability tests run: two loops with known block
// counts and a distributed function spawned a known number of times.
//   'scale'  schedule(dynamic, 10) over 1000 iterations: 100 blocks, each
//            sleeping about 2 ms, so every thread or worker gets some;
//   'total'  a reduction over 1000 iterations with schedule(static, 250):
//            4 blocks;
//   'square' spawned 8 times.
// argv[1] (default 1): how many times 'scale' runs.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void nap(long us) {
  struct timespec ts = {0, us * 1000};
  nanosleep(&ts, NULL);
}

#pragma par distribute
long square(long x) {
  nap(2000);
  return x * x;
}

static long sum_squares(void) {
  long r[8];
  for (int i = 0; i < 8; i++) {
#pragma par spawn
    r[i] = square(i);
  }
#pragma par sync
  long s = 0;
  for (int i = 0; i < 8; i++) s += r[i];
  return s;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 1;
  static double a[1000];
  for (int rep = 0; rep < reps; rep++) {
#pragma par distribute schedule(dynamic, 10)
    for (int i = 0; i < 1000; i++) {
      if (i % 10 == 0) nap(2000);
      a[i] = 2.0 * i;
    }
  }
  double total = 0;
#pragma par distribute reduction(+ : total) schedule(static, 250)
  for (int i = 0; i < 1000; i++) total += a[i];
  printf("total %.0f squares %ld\n", total, sum_squares());
  return 0;
}
