// Home ranges follow the workers' measured speed (docs/distributed.md,
// Scheduling): without a schedule clause, once every worker has run part of
// a loop, the next execution's home ranges are shares proportional to how
// fast each got through its part. Here rank 1 spends 8x longer per
// iteration than rank 2, so its home range must shrink from half the loop
// (the first execution) to well under half (the last), which shows in
// where rank 2's first task of an execution begins: the front of its
// home range. With schedule(static) the split stays at halves.
// Every result is checked against the serial answer as well.
// RUN: %parcc -O2 %s -o %t
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 2 %t | FileCheck %s
// CHECK: first execution: rank 2 began at 500
// CHECK: last execution: rank 2 began below 400
// CHECK: static: rank 2 began at 500 every time
// CHECK: results ok
#include <par.h>
#include <stdio.h>
#include <time.h>

#define N 1000
#define REPS 14

static double began[N];
static int who[N];
static double out[N];

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec * 1e-3;
}

static double work(int i) {
  /* rank 1: 40 us per iteration, rank 2: 5 us (elsewhere, as without
   * parrun: 5 us) */
  double until = now_us() + (par_rank() == 1 ? 40.0 : 5.0);
  double x = i;
  while (now_us() < until) x = x * 0.5 + 1.0;
  return (double)i * 2.0 + (x > 0 ? 0.0 : 1.0);
}

/* Where rank 2 began: the iteration it ran first in this execution (one
 * host: the clock is the same in every process). */
static int rank2_began(void) {
  int first = -1;
  for (int i = 0; i < N; i++)
    if (who[i] == 2 && (first < 0 || began[i] < began[first])) first = i;
  return first;
}

/* After an execution: its wrong results, and where rank 2 began. */
static int checked(int *bad) {
  for (int i = 0; i < N; i++)
    *bad += out[i] != (double)i * 2.0;
  return rank2_began();
}

int main(void) {
  int i, rep, bad = 0;
  for (rep = 0; rep < REPS; rep++) {
#pragma par distribute map(from : who[0:N], began[0:N], out[0:N])
    for (i = 0; i < N; i++) {
      who[i] = par_rank();
      began[i] = now_us();
      out[i] = work(i);
    }
    int b = checked(&bad);
    if (rep == 0) printf("first execution: rank 2 began at %d\n", b);
    if (rep == REPS - 1 && b >= 0 && b < 400) printf("last execution: rank 2 began below 400\n");
    else if (rep == REPS - 1) printf("last execution: rank 2 began elsewhere (at %d)\n", b);
  }
  int fixed = 1;
  for (rep = 0; rep < 6; rep++) {
#pragma par distribute schedule(static) map(from : who[0:N], began[0:N], out[0:N])
    for (i = 0; i < N; i++) {
      who[i] = par_rank();
      began[i] = now_us();
      out[i] = work(i);
    }
    int b = checked(&bad);
    if (b != 500) fixed = 0, printf("static: rank 2 began at %d\n", b);
  }
  if (fixed) printf("static: rank 2 began at 500 every time\n");
  printf("results %s\n", bad ? "WRONG" : "ok");
  return bad != 0;
}
