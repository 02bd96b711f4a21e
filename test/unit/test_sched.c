/* test_sched.c: how parrt_loop_run cuts and hands out iterations.
 *
 * Every schedule kind, for niters in {0, 1, 2, 7, 1000, 100003} and
 * PAR_WORKERS in {1, 2, 3, 8} (each worker count in its own child process,
 * since the pool is sized once per process): every iteration runs exactly
 * once, chunks lie inside [0, niters), loops with a reduction are called once
 * per block of the documented partition, and that partition is the same for
 * every worker count.
 */
#define _GNU_SOURCE 1
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define __PARCC__ 1
#include "par.h"
#include "par/abi.h"
#include "runtime/loop.h"
#include "unit.h"
#include "child.h"


/* ---- the loop under test ------------------------------------------------ */

#define MAX_CALLS 200000

typedef struct stats {
  atomic_uint_fast64_t ncalls;
  atomic_int bad; /* a chunk saw something wrong: line number */
  uint64_t k0[MAX_CALLS], k1[MAX_CALLS];
} stats_t;

typedef struct env {
  uint64_t niters;
  uint32_t with_red;
} env_t;

/* Written the way parcc writes a chunk: env cast to its struct, mapped
 * arrays from maps[], the reduction partial from red[0]. */
static void count_chunk(const parrt_chunk_t *c) {
  const env_t *env = c->env;
  atomic_uint *hits = c->maps[0];
  stats_t *st = c->maps[1];
  if (c->niters != env->niters || c->k0 >= c->k1 || c->k1 > c->niters)
    atomic_store(&st->bad, __LINE__);
  uint64_t idx = atomic_fetch_add(&st->ncalls, 1);
  if (idx < MAX_CALLS) {
    st->k0[idx] = c->k0;
    st->k1[idx] = c->k1;
  }
  uint64_t local = 0;
  for (uint64_t k = c->k0; k < c->k1; k++) {
    atomic_fetch_add_explicit(&hits[k], 1, memory_order_relaxed);
    local += k;
  }
  if (env->with_red) {
    uint64_t *sum = c->red[0];
    if (*sum != 0 || (uintptr_t)sum % 64 != 0) atomic_store(&st->bad, __LINE__);
    *sum += local;
  } else if (c->red != NULL) {
    atomic_store(&st->bad, __LINE__);
  }
}

static const parrt_red_desc_t sum_red = {"sum", PARRT_RED_ADD, PARRT_T_ULLONG};

static parrt_loop_desc_t make_desc(uint32_t sched, uint32_t nreds) {
  return (parrt_loop_desc_t){.struct_size = sizeof(parrt_loop_desc_t),
                             .abi_version = PARRT_ABI_VERSION,
                             .id = 0x1234 + sched,
                             .name = "count:1",
                             .loc = {"test_sched.c", "count", 1, 1},
                             .chunk = count_chunk,
                             .schedule = sched,
                             .nmaps = 2,
                             .nreds = nreds,
                             .reds = nreds ? &sum_red : NULL};
}

typedef struct sched_case {
  const char *name;
  uint32_t sched;
  int64_t n;
} sched_case_t;

static const sched_case_t cases[] = {
    {"auto", PARRT_SCHED_AUTO, 0},       {"static", PARRT_SCHED_STATIC, 0},
    {"static,3", PARRT_SCHED_STATIC, 3}, {"static,1", PARRT_SCHED_STATIC, 1},
    {"dynamic", PARRT_SCHED_DYNAMIC, 0}, {"dynamic,5", PARRT_SCHED_DYNAMIC, 5},
    {"guided", PARRT_SCHED_GUIDED, 0},
};
static const uint64_t sizes[] = {0, 1, 2, 7, 1000, 100003};

static int cmp_pair(const void *a, const void *b) {
  const uint64_t *x = a, *y = b;
  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Runs one case; returns an error message or NULL; writes the sorted chunk
 * bounds of a reduction loop to `out`. */
static const char *run_case(const sched_case_t *sc, uint64_t niters, int with_red, int w,
                            FILE *out) {
  static char msg[256];
  atomic_uint *hits = calloc(niters + 1, sizeof *hits);
  stats_t *st = calloc(1, sizeof *st);
  CHECK(hits && st);
  env_t env = {niters, (uint32_t)with_red};
  uint64_t sum = 7; /* the original's value takes part in the fold */
  parrt_map_t maps[2] = {{.base = hits}, {.base = st}};
  parrt_red_t red = {&sum, 1, sizeof sum};
  parrt_loop_desc_t desc = make_desc(sc->sched, with_red ? 1 : 0);
  parrt_loop_args_t args = {.struct_size = sizeof args, .niters = niters, .lb = 0, .step = 1,
                            .env = &env, .env_size = sizeof env, .maps = maps,
                            .reds = with_red ? &red : NULL, .sched_chunk = sc->n, .retries = -1};
  parrt_loop_run(&desc, &args, NULL);

  const char *err = NULL;
  uint64_t ncalls = atomic_load(&st->ncalls);
  if (atomic_load(&st->bad)) {
    snprintf(msg, sizeof msg, "chunk check at line %d failed", atomic_load(&st->bad));
    err = msg;
    goto out;
  }
  for (uint64_t k = 0; k < niters; k++) {
    if (atomic_load(&hits[k]) != 1) {
      snprintf(msg, sizeof msg, "iteration %llu ran %u times", (unsigned long long)k, atomic_load(&hits[k]));
      err = msg;
      goto out;
    }
  }
  if (niters == 0 && ncalls != 0) {
    err = "niters 0 called the chunk";
    goto out;
  }
  uint64_t expect_sum = 7 + (niters ? niters * (niters - 1) / 2 : 0);
  if (with_red && sum != expect_sum) {
    snprintf(msg, sizeof msg, "sum %llu, expected %llu", (unsigned long long)sum, (unsigned long long)expect_sum);
    err = msg;
    goto out;
  }
  if (!with_red && sum != 7) {
    err = "a loop without reductions touched the variable";
    goto out;
  }
  /* The expected partition (loop.c, point 3). */
  uint64_t nb, bs;
  par__loop_partition(niters, sc->sched, sc->n, with_red ? 64 : 0, &nb, &bs);
  uint64_t want_nb = 0, want_bs = 0;
  if (niters && sc->n > 0 && sc->sched != PARRT_SCHED_GUIDED && sc->sched != PARRT_SCHED_AUTO) {
    want_bs = (uint64_t)sc->n;
    want_nb = (niters + want_bs - 1) / want_bs;
  } else if (niters) {
    want_nb = niters < 1024 ? niters : 1024;
  }
  if (nb != want_nb || bs != want_bs) {
    err = "par__loop_partition disagrees with the documented partition";
    goto out;
  }
  uint64_t (*pairs)[2] = calloc(ncalls + 1, sizeof *pairs);
  for (uint64_t i = 0; i < ncalls; i++) {
    pairs[i][0] = st->k0[i];
    pairs[i][1] = st->k1[i];
  }
  qsort(pairs, ncalls, sizeof *pairs, cmp_pair);
  if (with_red) {
    /* Exactly one call per block, with the block's bounds. */
    if (ncalls != nb) {
      snprintf(msg, sizeof msg, "%llu chunk calls for %llu blocks", (unsigned long long)ncalls, (unsigned long long)nb);
      err = msg;
    }
    for (uint64_t b = 0; !err && b < nb; b++) {
      uint64_t lo = bs ? b * bs : b * niters / nb;
      uint64_t hi = bs ? (lo + bs < niters ? lo + bs : niters) : (b + 1) * niters / nb;
      if (pairs[b][0] != lo || pairs[b][1] != hi) {
        snprintf(msg, sizeof msg, "block %llu is [%llu,%llu), expected [%llu,%llu)", (unsigned long long)b,
                 (unsigned long long)pairs[b][0], (unsigned long long)pairs[b][1], (unsigned long long)lo,
                 (unsigned long long)hi);
        err = msg;
      }
    }
    for (uint64_t i = 0; !err && i < ncalls; i++) fprintf(out, "%llu-%llu ", (unsigned long long)pairs[i][0], (unsigned long long)pairs[i][1]);
    fprintf(out, "\n");
  } else if (niters > 0) {
    /* Chunks are runs of whole blocks. */
    uint64_t expect_calls = 0;
    if (w == 1) expect_calls = 1; /* one worker: one chunk over everything */
    else if (sc->sched == PARRT_SCHED_STATIC && sc->n == 0) expect_calls = nb < (uint64_t)w ? nb : (uint64_t)w;
    else if (sc->sched == PARRT_SCHED_STATIC || sc->sched == PARRT_SCHED_DYNAMIC) expect_calls = nb;
    if (expect_calls && ncalls != expect_calls) {
      snprintf(msg, sizeof msg, "%llu chunk calls, expected %llu", (unsigned long long)ncalls, (unsigned long long)expect_calls);
      err = msg;
    }
    if (!err && w > 1 && sc->sched == PARRT_SCHED_STATIC && sc->n == 0) {
      for (uint64_t t = 0, i = 0; t < (uint64_t)w; t++) {
        uint64_t b0 = t * nb / (uint64_t)w, b1 = (t + 1) * nb / (uint64_t)w;
        if (b0 == b1) continue;
        uint64_t lo = b0 * niters / nb, hi = b1 * niters / nb;
        if (i >= ncalls || pairs[i][0] != lo || pairs[i][1] != hi) {
          err = "schedule(static) parts are not [t*nb/W, (t+1)*nb/W)";
          break;
        }
        i++;
      }
    }
  }
  free(pairs);
out:
  free(hits);
  free(st);
  return err;
}

static void all_cases(FILE *out) {
  int w = atoi(getenv("PAR_WORKERS"));
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
      for (int red = 0; red <= 1; red++) {
        fprintf(out, "%s niters=%llu red=%d: ", cases[i].name, (unsigned long long)sizes[s], red);
        const char *err = run_case(&cases[i], sizes[s], red, w, out);
        if (err) {
          fprintf(stderr, "W=%d %s niters=%llu red=%d: %s\n", w, cases[i].name,
                  (unsigned long long)sizes[s], red, err);
          fflush(out);
          _exit(1);
        }
        if (!red) fprintf(out, "\n");
      }
    }
  }
  if (par_num_workers() != w) {
    fprintf(stderr, "par_num_workers() is %d, PAR_WORKERS %d\n", par_num_workers(), w);
    _exit(1);
  }
}

TEST(every_iteration_once_every_schedule_and_worker_count) {
  static const char *const workers[] = {"1", "2", "3", "8"};
  char *first = NULL;
  for (size_t i = 0; i < 4; i++) {
    child_t c;
    child_run(workers[i], all_cases, &c);
    if (c.status != 0) fprintf(stderr, "PAR_WORKERS=%s: status %d: %s\n", workers[i], c.status, c.err);
    CHECK_EQ_INT(c.status, 0);
    CHECK(c.outlen > 0);
    /* The chunk bounds of reduction loops do not depend on W. */
    if (!first) {
      first = c.out;
    } else {
      CHECK_STREQ(c.out, first);
      free(c.out);
    }
  }
  free(first);
}

/* ---- runs: guided and auto ----------------------------------------------- */

/* The chunks of one loop without reductions, sorted, as block runs. */
static uint64_t sorted_runs(uint32_t sched, uint64_t niters, uint64_t (**pairs_out)[2]) {
  atomic_uint *hits = calloc(niters, sizeof *hits);
  stats_t *st = calloc(1, sizeof *st);
  env_t env = {niters, 0};
  parrt_map_t maps[2] = {{.base = hits}, {.base = st}};
  parrt_loop_desc_t desc = make_desc(sched, 0);
  parrt_loop_args_t args = {.struct_size = sizeof args, .niters = niters, .step = 1, .env = &env,
                            .env_size = sizeof env, .maps = maps, .retries = -1};
  parrt_loop_run(&desc, &args, NULL);
  CHECK_EQ_INT(atomic_load(&st->bad), 0);
  for (uint64_t k = 0; k < niters; k++) CHECK_EQ_INT(atomic_load(&hits[k]), 1);
  uint64_t n = atomic_load(&st->ncalls);
  uint64_t (*pairs)[2] = calloc(n, sizeof *pairs);
  for (uint64_t i = 0; i < n; i++) {
    pairs[i][0] = st->k0[i];
    pairs[i][1] = st->k1[i];
  }
  qsort(pairs, n, sizeof *pairs, cmp_pair);
  free(hits);
  free(st);
  *pairs_out = pairs;
  return n;
}

/* Block index of the block starting at iteration k (near-equal blocks). */
static uint64_t block_of(uint64_t k, uint64_t niters, uint64_t nb) {
  uint64_t b = k * nb / niters;
  while (b * niters / nb < k) b++;
  while (b > 0 && b * niters / nb > k) b--;
  return b;
}

TEST(guided_runs_shrink) {
  setenv("PAR_WORKERS", "3", 1);
  uint64_t niters = 100003, nb = 1024;
  uint64_t (*pairs)[2];
  uint64_t n = sorted_runs(PARRT_SCHED_GUIDED, niters, &pairs);
  CHECK(n > 6 && n < 200);
  uint64_t prev = UINT64_MAX;
  for (uint64_t i = 0; i < n; i++) {
    uint64_t b0 = block_of(pairs[i][0], niters, nb);
    uint64_t b1 = pairs[i][1] == niters ? nb : block_of(pairs[i][1], niters, nb);
    uint64_t run = b1 - b0;
    uint64_t want = (nb - b0) / 6 ? (nb - b0) / 6 : 1; /* remaining / (2W) */
    CHECK_EQ_INT(run, want);
    CHECK(run <= prev);
    prev = run;
  }
  free(pairs);
}

TEST(auto_merges_cheap_blocks_into_runs) {
  setenv("PAR_WORKERS", "2", 1);
  uint64_t (*pairs)[2];
  uint64_t n = sorted_runs(PARRT_SCHED_AUTO, 100003, &pairs);
  /* 1024 blocks of ~100 cheap iterations: the first claim of the job (by
   * whichever thread comes first: nothing is measured yet) is a single
   * block, then runs grow: far fewer calls than blocks. Which run is the
   * single block depends on timing (the caller's part starts at block 0,
   * but the helper may claim first), so look for it among all of them. */
  CHECK(n >= 2);
  CHECK(n < 400);
  CHECK_EQ_INT(pairs[0][0], 0);
  int single = 0;
  for (uint64_t i = 0; i < n; i++) {
    uint64_t len = pairs[i][1] - pairs[i][0];
    if (len == 100003 / 1024 || len == 100003 / 1024 + 1) single = 1;
  }
  CHECK(single);
  free(pairs);
}

static void noop_chunk(const parrt_chunk_t *c) {
  (void)c;
}

/* Claims of an auto job with a known time per block, one thread at a time
 * (par__job_claim_auto is the claim policy itself, without the clock). */
static void claim(par__job_t *job, int self, uint64_t b0, uint64_t b1) {
  uint64_t x0 = 99, x1 = 99;
  CHECK(par__job_claim_auto(job, self, &x0, &x1));
  CHECK_EQ_INT(x0, b0);
  CHECK_EQ_INT(x1, b1);
}

TEST(auto_claims_keep_small_begun_parts_whole) {
  parrt_loop_desc_t desc = {.struct_size = sizeof(parrt_loop_desc_t),
                            .abi_version = PARRT_ABI_VERSION,
                            .id = 0x5151,
                            .name = "noop:1",
                            .loc = {"test_sched.c", "noop", 1, 1},
                            .chunk = noop_chunk,
                            .schedule = PARRT_SCHED_AUTO};
  char env = 0;
  parrt_loop_args_t args = {.struct_size = sizeof args,
                            .niters = 8,
                            .step = 1,
                            .env = &env,
                            .env_size = 1,
                            .retries = -1};
  uint64_t none0, none1;

  /* 8 blocks of 1 us, 2 threads: parts of 4 us, less than the 10 us a
   * begun part keeps (PAR__LOOP_STEAL_MIN_NS): each owner claims its part
   * in one go (claims of at most half a part made 4 chunk calls of a loop
   * of 10 us, and a thief's share of the other's cache lines). */
  par__job_t *job = par__job_create(&desc, &args, 2, false);
  CHECK_EQ_INT(job->nblocks, 8);
  atomic_store(&job->est_ns, 1000);
  claim(job, 0, 0, 4);
  claim(job, 1, 4, 8);
  CHECK(!par__job_claim_auto(job, 0, &none0, &none1));
  par__task_unref(&job->task);

  /* A part nobody has begun (its thread is late) is stolen from, half of
   * it from the back; then its owner takes the rest in one claim. */
  job = par__job_create(&desc, &args, 2, false);
  atomic_store(&job->est_ns, 1000);
  claim(job, 0, 0, 4);
  claim(job, 0, 6, 8);
  claim(job, 1, 4, 6);
  CHECK(!par__job_claim_auto(job, 1, &none0, &none1));
  par__task_unref(&job->task);

  /* Parts of 32 us: claimed in halves while 10 us or more are left; a
   * thief takes from a begun part only while that much is left there. */
  args.niters = 64;
  job = par__job_create(&desc, &args, 2, false);
  atomic_store(&job->est_ns, 1000);
  claim(job, 1, 32, 48); /* half of 32 */
  claim(job, 0, 0, 16);
  claim(job, 0, 16, 24);
  claim(job, 0, 24, 32); /* 8 left < 10: all of it */
  claim(job, 0, 56, 64); /* thread 1's part: 16 left, half from the back */
  CHECK(!par__job_claim_auto(job, 0, &none0, &none1)); /* 8 left, begun: its owner's */
  claim(job, 1, 48, 56);
  CHECK(!par__job_claim_auto(job, 1, &none0, &none1));
  par__task_unref(&job->task);
}

TEST(partition_caps_partials_memory) {
  uint64_t nb, bs;
  /* No reductions, or small ones: min(niters, 1024) near-equal blocks. */
  par__loop_partition(5, PARRT_SCHED_AUTO, 0, 0, &nb, &bs);
  CHECK_EQ_INT(nb, 5);
  CHECK_EQ_INT(bs, 0);
  par__loop_partition(1000000, PARRT_SCHED_AUTO, 0, 64, &nb, &bs);
  CHECK_EQ_INT(nb, 1024);
  CHECK_EQ_INT(bs, 0);
  /* 1 MiB of partials per block: at most 64 blocks (64 MiB). */
  par__loop_partition(1000000, PARRT_SCHED_GUIDED, 0, 1 << 20, &nb, &bs);
  CHECK_EQ_INT(nb, 64);
  CHECK_EQ_INT(bs, 0);
  /* Partials bigger than the cap: one block. */
  par__loop_partition(1000000, PARRT_SCHED_AUTO, 0, (uint64_t)1 << 27, &nb, &bs);
  CHECK_EQ_INT(nb, 1);
  /* schedule(static, 1) with 1 MiB partials: blocks grow to a multiple of 1. */
  par__loop_partition(1000, PARRT_SCHED_STATIC, 1, 1 << 20, &nb, &bs);
  CHECK_EQ_INT(bs, 16);
  CHECK_EQ_INT(nb, 63);
  par__loop_partition(1000, PARRT_SCHED_DYNAMIC, 10, 0, &nb, &bs);
  CHECK_EQ_INT(bs, 10);
  CHECK_EQ_INT(nb, 100);
  /* n larger than the loop: one (short) block. */
  par__loop_partition(7, PARRT_SCHED_STATIC, 100, 0, &nb, &bs);
  CHECK_EQ_INT(nb, 1);
  CHECK_EQ_INT(bs, 100);
  /* Huge trip counts do not overflow. */
  par__loop_partition(UINT64_MAX, PARRT_SCHED_AUTO, 0, 0, &nb, &bs);
  CHECK_EQ_INT(nb, 1024);
  par__loop_partition(UINT64_MAX, PARRT_SCHED_STATIC, INT64_MAX, 1 << 20, &nb, &bs);
  CHECK_EQ_INT(nb, 3);
}

UNIT_MAIN()
