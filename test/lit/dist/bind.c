// Worker binding (docs/distributed.md, "Binding"): the workers parrun starts
// on one host split the CPUs they may use into consecutive slices, one per
// worker (PAR_LOCAL_RANK of PAR_LOCAL_WORKERS), as mpirun binds ranks to
// cores; not when they outnumber the CPUs, and not with PAR_BIND=none.
// Each iteration records the CPUs its worker may run on; the driver checks
// them against its own set: slices of it that do not overlap, or every
// worker on the whole set, whichever the rule above expects for this
// machine's CPU count (bound with 2 workers on 2 or more CPUs).
// RUN: %parcc -O2 %s -o %t
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 2 %t | FileCheck %s --check-prefix=TWO
// RUN: env PAR_REMOTE_MIN_US=0 PAR_BIND=none %parrun -n 2 %t | FileCheck %s --check-prefix=NONE
// RUN: env PAR_REMOTE_MIN_US=0 PAR_BIND=cpus %parrun -n 2 %t | FileCheck %s --check-prefix=TWO
// More workers than CPUs (on this 2-CPU machine): nobody binds.
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 4 %t | FileCheck %s --check-prefix=FOUR
// RUN: not env PAR_BIND=cores %parrun -n 1 %t 2>&1 | FileCheck %s --check-prefix=BAD
// TWO: 2 workers: {{(un)?bound}}, as expected
// NONE: 2 workers: unbound, as expected
// FOUR: 4 workers: {{(un)?bound}}, as expected
// BAD: PAR_BIND='cores' must be cpus or none
#define _GNU_SOURCE
#include <par.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 64

static uint64_t mask[N]; /* CPUs 0..63 the iteration's worker may use */
static int who[N];

static uint64_t my_cpus(void) {
  cpu_set_t set;
  uint64_t m = 0;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
  for (int c = 0; c < 64; c++)
    if (CPU_ISSET(c, &set)) m |= (uint64_t)1 << c;
  return m;
}

int main(void) {
  int i, j;
  uint64_t all = my_cpus();
  int total = __builtin_popcountll(all), nw = par_num_workers();
  const char *bind = getenv("PAR_BIND");
  int expect_bound = !(bind && strcmp(bind, "none") == 0) && total >= nw && nw >= 2;
#pragma par distribute schedule(static) map(from : mask[0:N], who[0:N])
  for (i = 0; i < N; i++) {
    mask[i] = my_cpus();
    who[i] = par_rank();
  }
  /* One mask per rank that ran something. */
  uint64_t of[65] = {0};
  int ranks = 0;
  for (i = 0; i < N; i++) {
    if (who[i] < 1 || who[i] > 64) {
      printf("iteration %d ran on rank %d\n", i, who[i]);
      return 1;
    }
    if (of[who[i]] && of[who[i]] != mask[i]) {
      printf("rank %d ran on two CPU sets\n", who[i]);
      return 1;
    }
    if (!of[who[i]]) ranks++;
    of[who[i]] = mask[i];
  }
  int bound = 1, unbound = 1;
  for (i = 1; i <= 64; i++) {
    if (!of[i]) continue;
    if (of[i] != all) unbound = 0;
    if ((of[i] & ~all) || __builtin_popcountll(of[i]) < total / nw ||
        __builtin_popcountll(of[i]) > (total + nw - 1) / nw)
      bound = 0;
    for (j = i + 1; j <= 64; j++)
      if (of[j] && (of[i] & of[j])) bound = 0;
  }
  if (ranks < 2 && nw >= 2) {
    printf("only %d rank ran iterations\n", ranks);
    return 1;
  }
  const char *what = bound && expect_bound ? "bound" : unbound && !expect_bound ? "unbound" : NULL;
  if (!what) {
    printf("%d workers: expected %s, got CPU sets", nw, expect_bound ? "bound" : "unbound");
    for (i = 1; i <= 64; i++)
      if (of[i]) printf(" r%d=%#llx", i, (unsigned long long)of[i]);
    printf(" (driver %#llx)\n", (unsigned long long)all);
    return 1;
  }
  printf("%d workers: %s, as expected\n", nw, what);
  return 0;
}
