// Distributed loops run from several threads at once, and function calls
// spawned by another thread meanwhile. Under parrun the driver's network
// belongs to whichever thread waits for a loop (docs/distributed.md,
// Scheduling across workers): here three threads take it over from each
// other and from the network thread, one of them with pauses longer than
// the network thread's park after a loop, while main's spawned calls must
// come back whoever drives. Each thread's sums are checked against the
// serial build's.
// RUN: %parcc -O2 -pthread %s -o %t.par && %serialcc -O2 -pthread %s -o %t.ser
// RUN: %run-compare %t.par %t.ser
// RUN: %t.par | FileCheck %s
// CHECK: thread 0: 200 loops, sum 20898803 last 2199
// CHECK: thread 1: 200 loops, sum 60098800 last 2399
// CHECK: thread 2: 30 loops, sum 2294820 last 2089
// CHECK: calls: 60 sum 990
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define N 2000

typedef struct {
  int id, loops, pause_us;
  long v[N];
  long sum;
} job_t;

static long step(long *v, int n, long add) {
  long s = 0;
#pragma par distribute map(tofrom : v[0:n]) reduction(+ : s)
  for (int i = 0; i < n; i++) {
    v[i] += add + (i & 1);
    s += v[i];
  }
  return s;
}

static void *run(void *arg) {
  job_t *j = arg;
  for (int i = 0; i < N; i++) j->v[i] = i;
  for (int r = 0; r < j->loops; r++) {
    j->sum += step(j->v, N, j->id) % 1000003;
    if (j->pause_us) usleep((useconds_t)j->pause_us);
  }
  return NULL;
}

#pragma par distribute
long triple(long x) { return 3 * x; }

int main(void) {
  static job_t jobs[3] = {{.id = 0, .loops = 200}, {.id = 1, .loops = 200},
                          {.id = 2, .loops = 30, .pause_us = 3000}};
  pthread_t th[3];
  for (int t = 0; t < 3; t++) pthread_create(&th[t], NULL, run, &jobs[t]);
  long out[60];
  for (int k = 0; k < 60; k++) {
#pragma par spawn
    out[k] = triple(k % 10 + 1);
    if (k % 10 == 9) {
#pragma par sync
      usleep(1000);
    }
  }
#pragma par sync
  for (int t = 0; t < 3; t++) pthread_join(th[t], NULL);
  for (int t = 0; t < 3; t++)
    printf("thread %d: %d loops, sum %ld last %ld\n", t, jobs[t].loops, jobs[t].sum,
           jobs[t].v[N - 1]);
  long cs = 0;
  for (int k = 0; k < 60; k++) cs += out[k];
  printf("calls: 60 sum %ld\n", cs);
  return 0;
}
