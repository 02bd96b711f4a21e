// main returns while another thread is in the middle of distributed loops
// (the thread that waits for a loop drives the driver's network:
// docs/distributed.md). The job ends with main's status, the output main
// printed is there, and nothing hangs or crashes: the driver's exit waits
// for the driving thread to finish its loop before it says BYE to the
// workers and closes the network.
// RUN: %parcc -O2 -pthread %s -o %t
// RUN: env PAR_REMOTE_MIN_US=0 %parrun --timeout 60 -n 2 %t | FileCheck %s
// RUN: env PAR_REMOTE_MIN_US=0 %parrun --timeout 60 -n 1 %t | FileCheck %s
// CHECK: main: looping thread ran {{[0-9]+}} loops, leaving
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#define N 4096

static double v[N];
static atomic_long loops;

static void *spin(void *arg) {
  (void)arg;
  for (;;) {
#pragma par distribute map(tofrom : v[0:N])
    for (int i = 0; i < N; i++)
      v[i] = v[i] * 0.5 + 1.0;
    atomic_fetch_add(&loops, 1);
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, spin, NULL);
  while (atomic_load(&loops) < 20) usleep(1000);
  printf("main: looping thread ran %s loops, leaving\n", atomic_load(&loops) >= 20 ? "20" : "?");
  fflush(stdout);
  return 0;
}
