// Stealing with locality (docs/distributed.md, Scheduling): the driver keeps,
// per loop, which blocks each worker has run; a worker that is out of work
// steals blocks it ran before and takes new ones only as many as pay for their
// first run; home ranges follow the workers' measured speed, moving only a
// few blocks per execution into blocks new to a worker. A worker may thus be
// given nothing for a while: the loop must still end, with every iteration
// run once. Here the slow part of the loop moves from
// one execution to the next (so the workers steal from each other), the trip
// count changes (the record is reset), and two threads run the same loop at
// once with different trip counts (an instance whose record another reset
// steals without it). Every result is checked.
// RUN: %parcc -O2 -pthread %s -o %t
// RUN: env PAR_REMOTE_MIN_US=0 %parrun --timeout 120 -n 2 %t | FileCheck %s
// RUN: env PAR_REMOTE_MIN_US=0 %parrun --timeout 120 -n 3 %t | FileCheck %s
// CHECK: sweeps ok
// CHECK: threads ok
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define N 3000

static void spin_us(int us) {
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do
    clock_gettime(CLOCK_MONOTONIC, &t);
  while ((t.tv_sec - t0.tv_sec) * 1000000L + (t.tv_nsec - t0.tv_nsec) / 1000 < us);
}

/* Adds 1 to a[0:n]; iterations in [slow_lo, slow_hi) take 40 us. */
static void sweep(double *a, int n, int slow_lo, int slow_hi) {
  int i;
#pragma par distribute map(tofrom : a[0:n])
  for (i = 0; i < n; i++) {
    if (i >= slow_lo && i < slow_hi) spin_us(40);
    a[i] += 1.0;
  }
}

static int check(const double *a, int n, double want) {
  for (int i = 0; i < n; i++)
    if (a[i] != want) {
      printf("a[%d] = %g, want %g\n", i, a[i], want);
      return 0;
    }
  return 1;
}

static double x[N], y[N];

typedef struct {
  double *a;
  int n, reps, ok;
} job_t;

static void *run(void *p) {
  job_t *j = p;
  j->ok = 1;
  for (int r = 0; r < j->reps; r++) {
    sweep(j->a, j->n, 0, j->n / 4);
    j->ok &= check(j->a, j->n, r + 1.0);
  }
  return NULL;
}

int main(void) {
  int ok = 1, r;
  /* the slow quarter moves: first half, second half, front, back */
  for (r = 0; r < 8; r++) {
    int lo = (r % 4) * (N / 4);
    sweep(x, N, lo, lo + N / 4);
    ok &= check(x, N, r + 1.0);
  }
  /* another trip count, then the first one again */
  for (r = 0; r < 4; r++) sweep(y, N - 7 * r, r * 100, r * 100 + 500);
  ok &= check(y, N - 21, 4.0) && check(y + N - 21, 7, 3.0) && check(y + N - 14, 7, 2.0) &&
        check(y + N - 7, 7, 1.0);
  printf("sweeps %s\n", ok ? "ok" : "FAILED");

  static double u[N], v[N];
  job_t a = {u, N, 6, 0}, b = {v, N / 2 + 3, 6, 0};
  pthread_t ta, tb;
  pthread_create(&ta, NULL, run, &a);
  pthread_create(&tb, NULL, run, &b);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  printf("threads %s\n", a.ok && b.ok ? "ok" : "FAILED");
  return 0;
}
