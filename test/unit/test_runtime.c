/* test_runtime.c: parrt_loop_run's contract beyond the partition.
 *
 * lastprivate, if(false), nowait with groups, par_sync, nested loops, loops
 * from several user threads, an idle pool that uses no CPU, parrt_fatal and
 * the registry's startup errors, and the per-loop overhead and speedup.
 * Chunk functions are written by hand the way parcc generates them.
 */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define __PARCC__ 1
#include "par.h"
#include "par/abi.h"
#include "runtime/registry.h"
#include "unit.h"
#include "child.h"


/* Runs fn in a child for each worker count; each must exit 0. */
static void for_workers(const char *const *workers, int n, void (*fn)(FILE *out)) {
  for (int i = 0; i < n; i++) {
    child_t c;
    child_run(workers[i], fn, &c);
    if (c.status) fprintf(stderr, "PAR_WORKERS=%s: status %d\n%s", workers[i], c.status, c.err);
    CHECK_EQ_INT(c.status, 0);
    free(c.out);
  }
}

static const char *const W1238[] = {"1", "2", "3", "8"};

#define DESC(fn, ...)                                                                       \
  ((parrt_loop_desc_t){.struct_size = sizeof(parrt_loop_desc_t),                            \
                       .abi_version = PARRT_ABI_VERSION,                                    \
                       .name = #fn,                                                         \
                       .loc = {"test_runtime.c", #fn, __LINE__, 1},                         \
                       .chunk = fn,                                                         \
                       __VA_ARGS__})

#define ARGS(n, ...)                                                                        \
  ((parrt_loop_args_t){.struct_size = sizeof(parrt_loop_args_t), .niters = (n), .step = 1, \
                       .retries = -1, __VA_ARGS__})

static double value(uint64_t i) { return sin((double)i) * pow(10.0, (double)(i % 11)); }

/* The documented block fold of + over value(lo..lo+n) (no schedule chunk). */
static double block_fold_sum(double init, uint64_t lo, uint64_t n) {
  uint64_t nb = n < 1024 ? n : 1024;
  for (uint64_t b = 0; b < nb; b++) {
    double p = 0.0;
    for (uint64_t k = b * n / nb; k < (b + 1) * n / nb; k++) p += value(lo + k);
    init += p;
  }
  return init;
}

/* ---- lastprivate --------------------------------------------------------- */

typedef struct point {
  double x, y;
  int i;
} point_t;

static atomic_int lp_bad;

/* lastprivate(x, pt) reduction(+: sum) */
static void lp_chunk(const parrt_chunk_t *c) {
  double x = -1.0, sum = 0.0;
  point_t pt = {0, 0, -1};
  for (uint64_t k = c->k0; k < c->k1; k++) {
    x = (double)k * 0.5;
    pt = (point_t){(double)k, -(double)k, (int)k};
    sum += (double)k;
  }
  if (c->red) *(double *)c->red[0] += sum;
  if (c->k1 == c->niters) {
    if (!c->last || !c->last[0] || !c->last[1]) atomic_store(&lp_bad, __LINE__);
    memcpy(c->last[0], &x, sizeof x);
    memcpy(c->last[1], &pt, sizeof pt);
  } else if (c->last != NULL) {
    atomic_store(&lp_bad, __LINE__); /* only the last chunk gets last[] */
  }
}

static void lastprivate_cases(FILE *out) {
  (void)out;
  static const parrt_last_desc_t ld[2] = {{"x"}, {"pt"}};
  static const parrt_red_desc_t rd = {"sum", PARRT_RED_ADD, PARRT_T_DOUBLE};
  static const uint32_t scheds[] = {PARRT_SCHED_AUTO, PARRT_SCHED_STATIC, PARRT_SCHED_DYNAMIC,
                                    PARRT_SCHED_GUIDED};
  static const uint64_t sizes[] = {0, 1, 2, 7, 1000, 100003};
  for (int red = 0; red <= 1; red++) {
    for (size_t s = 0; s < 4; s++) {
      for (size_t n = 0; n < 6; n++) {
        double x = 42.0, sum = 0.0;
        point_t pt = {1, 2, 3};
        parrt_last_t lasts[2] = {{&x, sizeof x}, {&pt, sizeof pt}};
        parrt_red_t r = {&sum, 1, sizeof sum};
        parrt_loop_desc_t desc = DESC(lp_chunk, .schedule = scheds[s], .nlasts = 2, .lasts = ld,
                                      .nreds = red ? 1 : 0, .reds = red ? &rd : NULL);
        parrt_loop_args_t args = ARGS(sizes[n], .lasts = lasts, .reds = red ? &r : NULL,
                                      .sched_chunk = s == 2 ? 3 : 0);
        parrt_loop_run(&desc, &args, NULL);
        uint64_t ni = sizes[n];
        if (ni == 0) {
          CHECK(x == 42.0 && pt.x == 1 && pt.y == 2 && pt.i == 3 && sum == 0.0);
        } else {
          CHECK(x == (double)(ni - 1) * 0.5);
          CHECK(pt.x == (double)(ni - 1) && pt.y == -(double)(ni - 1) && pt.i == (int)(ni - 1));
          if (red) CHECK(sum == (double)ni * (double)(ni - 1) / 2);
        }
        CHECK_EQ_INT(atomic_load(&lp_bad), 0);
      }
    }
  }
}

TEST(lastprivate) { for_workers(W1238, 4, lastprivate_cases); }

/* ---- if(false): the serial loop, exactly -------------------------------- */

static pthread_t if_caller;
static atomic_int if_calls, if_bad;
static double if_sum;

static void if_chunk(const parrt_chunk_t *c) {
  const double *v = c->maps[0];
  atomic_fetch_add(&if_calls, 1);
  if (!pthread_equal(pthread_self(), if_caller) || c->k0 != 0 || c->k1 != c->niters)
    atomic_store(&if_bad, __LINE__);
  if (c->red[0] != (void *)&if_sum) atomic_store(&if_bad, __LINE__); /* the original itself */
  double *sum = c->red[0];
  for (uint64_t k = c->k0; k < c->k1; k++) *sum += v[k];
  if (c->k1 == c->niters) *(uint64_t *)c->last[0] = c->k1 - 1;
}

static void if_false_case(FILE *out) {
  (void)out;
  enum { N = 200000 };
  double *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; i++) v[i] = value((uint64_t)i);
  if_caller = pthread_self();
  if_sum = 0.125;
  uint64_t last = 0;
  static const parrt_red_desc_t rd = {"sum", PARRT_RED_ADD, PARRT_T_DOUBLE};
  static const parrt_last_desc_t ld = {"i"};
  parrt_map_t map = {.base = v};
  parrt_red_t r = {&if_sum, 1, sizeof if_sum};
  parrt_last_t l = {&last, sizeof last};
  parrt_loop_desc_t desc = DESC(if_chunk, .nmaps = 1, .nreds = 1, .reds = &rd, .nlasts = 1, .lasts = &ld);
  parrt_loop_args_t args = ARGS(N, .if_false = 1, .maps = &map, .reds = &r, .lasts = &l);
  parrt_loop_run(&desc, &args, NULL);
  double naive = 0.125;
  for (int i = 0; i < N; i++) naive += v[i];
  CHECK_EQ_INT(atomic_load(&if_bad), 0);
  CHECK_EQ_INT(atomic_load(&if_calls), 1);
  CHECK(memcmp(&if_sum, &naive, sizeof naive) == 0);
  CHECK(naive != block_fold_sum(0.125, 0, N)); /* the data tells the two apart */
  CHECK_EQ_INT(last, N - 1);
  free(v);
}

TEST(if_false_is_exactly_serial) {
  static const char *const w[] = {"4"};
  for_workers(w, 1, if_false_case);
}

/* ---- nowait, groups, par_sync -------------------------------------------- */

typedef struct nw_env {
  uint64_t lo; /* first value index */
  uint32_t pad[7];
} nw_env_t;

static pthread_t nw_caller;
static atomic_int nw_waiting; /* the caller is inside parrt_group_wait */
static atomic_int nw_bad;
static atomic_uint_fast64_t nw_iters;

/* reduction(+: sum) lastprivate(lastv), over value(env->lo + k) */
static void nw_chunk(const parrt_chunk_t *c) {
  const nw_env_t *env = c->env;
  if (pthread_equal(pthread_self(), nw_caller) && !atomic_load(&nw_waiting))
    atomic_store(&nw_bad, __LINE__); /* the caller must not work before the wait */
  double *sum = c->red[0];
  for (uint64_t k = c->k0; k < c->k1; k++) *sum += value(env->lo + k);
  atomic_fetch_add(&nw_iters, c->k1 - c->k0);
  if (c->k1 == c->niters) *(double *)c->last[0] = value(env->lo + c->k1 - 1);
}

static const parrt_red_desc_t nw_rd = {"sum", PARRT_RED_ADD, PARRT_T_DOUBLE};
static const parrt_last_desc_t nw_ld = {"lastv"};

/* Starts a nowait loop over value(lo .. lo+n) into *sum and *lastv, with the
 * args, env and arrays on this stack frame, which is then overwritten. */
static __attribute__((noinline)) void nw_start(parrt_group_t *g, uint64_t lo, uint64_t n,
                                               double *sum, double *lastv) {
  nw_env_t env = {.lo = lo};
  parrt_red_t r = {sum, 1, sizeof *sum};
  parrt_last_t l = {lastv, sizeof *lastv};
  parrt_loop_desc_t *desc = malloc(sizeof *desc); /* descriptors are static: leak it */
  *desc = DESC(nw_chunk, .flags = PARRT_LOOP_NOWAIT, .nreds = 1, .reds = &nw_rd, .nlasts = 1,
               .lasts = &nw_ld);
  parrt_loop_args_t args = ARGS(n, .env = &env, .env_size = sizeof env, .reds = &r, .lasts = &l);
  parrt_loop_run(desc, &args, g);
  /* What the runtime needed was copied: scribble over the originals. */
  memset(&env, 0xff, sizeof env);
  memset(&r, 0, sizeof r);
  memset(&l, 0, sizeof l);
  memset(&args, 0, sizeof args);
  __asm__ __volatile__("" ::"r"(&env), "r"(&r), "r"(&l), "r"(&args) : "memory");
}

static void nowait_case(FILE *out) {
  (void)out;
  int w = atoi(getenv("PAR_WORKERS"));
  nw_caller = pthread_self();
  parrt_group_t g = {0};
  double s1 = 1.0, s2 = 2.0, l1 = 0, l2 = 0;
  nw_start(&g, 0, 100000, &s1, &l1);
  nw_start(&g, 500000, 3333, &s2, &l2);
  nw_start(&g, 7, 1, &s2, &l2); /* the same variables again: folded after the one above */
  if (w == 1) {
    /* No pool thread: nothing may have run before the wait. */
    usleep(20000);
    CHECK_EQ_INT(atomic_load(&nw_iters), 0);
    CHECK(s1 == 1.0 && l1 == 0);
  }
  atomic_store(&nw_waiting, 1);
  parrt_group_wait(&g, NULL);
  atomic_store(&nw_waiting, 0);
  CHECK(g.impl == NULL);
  CHECK_EQ_INT(atomic_load(&nw_bad), 0);
  CHECK_EQ_INT(atomic_load(&nw_iters), 100000 + 3333 + 1);
  double e1 = block_fold_sum(1.0, 0, 100000);
  double e2 = block_fold_sum(block_fold_sum(2.0, 500000, 3333), 7, 1);
  CHECK(memcmp(&s1, &e1, sizeof e1) == 0);
  CHECK(memcmp(&s2, &e2, sizeof e2) == 0);
  CHECK(l1 == value(99999));
  CHECK(l2 == value(7));
  /* Waiting again is a no-op. */
  parrt_group_wait(&g, NULL);
  CHECK(memcmp(&s1, &e1, sizeof e1) == 0);
}

TEST(nowait_group_wait) { for_workers(W1238, 4, nowait_case); }

static double cleanup_sum;

static void with_cleanup(void) {
  /* Cleanups run in reverse order of declaration: variables a nowait loop
   * writes must be declared before the group, or they are dead (out of
   * scope) when the group's cleanup waits. */
  double lastv;
  parrt_group_t g __attribute__((cleanup(parrt_group_cleanup))) = {0};
  nw_start(&g, 0, 5000, &cleanup_sum, &lastv);
  /* returns without a sync: the cleanup waits */
}

static void cleanup_case(FILE *out) {
  (void)out;
  nw_caller = pthread_self();
  atomic_store(&nw_waiting, 1); /* the caller may work once it is in the cleanup */
  cleanup_sum = 0.0;
  with_cleanup();
  CHECK(cleanup_sum == block_fold_sum(0.0, 0, 5000));
  CHECK_EQ_INT(atomic_load(&nw_iters), 5000);
}

TEST(nowait_group_cleanup_waits) {
  static const char *const w[] = {"1", "3"};
  for_workers(w, 2, cleanup_case);
}

static void sync_case(FILE *out) {
  (void)out;
  int w = atoi(getenv("PAR_WORKERS"));
  nw_caller = pthread_self();
  double s = 0.0, l = 0.0;
  nw_start(parrt_group_implicit(), 0, 20000, &s, &l);
  if (w == 1) CHECK_EQ_INT(atomic_load(&nw_iters), 0);
  atomic_store(&nw_waiting, 1);
  par_sync();
  CHECK(s == block_fold_sum(0.0, 0, 20000));
  CHECK(l == value(19999));
  CHECK(parrt_group_implicit()->impl == NULL);
  /* nowait without a group runs synchronously. */
  double s2 = 0.0, l2 = 0.0;
  nw_start(NULL, 0, 20000, &s2, &l2);
  CHECK(s2 == s && l2 == l);
  CHECK_EQ_INT(atomic_load(&nw_bad), 0);
}

TEST(par_sync_waits_for_implicit_group) {
  static const char *const w[] = {"1", "4"};
  for_workers(w, 2, sync_case);
}

/* ---- nested loops ------------------------------------------------------- */

#define ROWS 24
#define COLS 20000

static parrt_loop_desc_t inner_desc, inner_nowait_desc;
static atomic_int nest_bad;

/* inner: reduction(+: s) over value(row*COLS + k) */
static void inner_chunk(const parrt_chunk_t *c) {
  const uint64_t *row = c->env;
  double *s = c->red[0];
  for (uint64_t k = c->k0; k < c->k1; k++) *s += value(*row * COLS + k);
}

static double run_inner(uint64_t row, const parrt_loop_desc_t *desc, parrt_group_t *g) {
  double s = 0.0;
  parrt_red_t r = {&s, 1, sizeof s};
  parrt_loop_args_t args = ARGS(COLS, .env = &row, .env_size = sizeof row, .reds = &r);
  parrt_loop_run(desc, &args, g);
  return s;
}

/* outer: for each row, an inner parallel loop (and an inner nowait one) */
static void outer_chunk(const parrt_chunk_t *c) {
  double *res = c->maps[0];
  for (uint64_t k = c->k0; k < c->k1; k++) {
    res[k] = run_inner(k, &inner_desc, NULL);
    parrt_group_t g = {0};
    double again = run_inner(k, &inner_nowait_desc, &g);
    if (g.impl != NULL || memcmp(&again, &res[k], sizeof again) != 0) atomic_store(&nest_bad, __LINE__);
    parrt_group_wait(&g, NULL);
  }
}

static void nested_case(FILE *out) {
  (void)out;
  static const parrt_red_desc_t rd = {"s", PARRT_RED_ADD, PARRT_T_DOUBLE};
  inner_desc = DESC(inner_chunk, .nreds = 1, .reds = &rd, .schedule = PARRT_SCHED_AUTO);
  inner_nowait_desc = DESC(inner_chunk, .nreds = 1, .reds = &rd, .flags = PARRT_LOOP_NOWAIT);
  double res[ROWS];
  parrt_map_t map = {.base = res};
  parrt_loop_desc_t outer = DESC(outer_chunk, .nmaps = 1, .schedule = PARRT_SCHED_DYNAMIC);
  parrt_loop_args_t args = ARGS(ROWS, .maps = &map);
  parrt_loop_run(&outer, &args, NULL);
  CHECK_EQ_INT(atomic_load(&nest_bad), 0);
  for (uint64_t r = 0; r < ROWS; r++) {
    double want = block_fold_sum(0.0, r * COLS, COLS);
    CHECK(memcmp(&res[r], &want, sizeof want) == 0);
    /* the same inner loop run at top level gives the same bits */
    double top = run_inner(r, &inner_desc, NULL);
    CHECK(memcmp(&res[r], &top, sizeof top) == 0);
  }
}

TEST(nested_loops_run_inline_same_bits) { for_workers(W1238, 4, nested_case); }

/* ---- loops from several user threads at once ---------------------------- */

static atomic_int mt_bad;

static void *mt_thread(void *arg) {
  static const parrt_red_desc_t rd = {"s", PARRT_RED_ADD, PARRT_T_DOUBLE};
  uint64_t id = (uint64_t)(uintptr_t)arg;
  parrt_loop_desc_t desc = DESC(inner_chunk, .nreds = 1, .reds = &rd);
  for (int rep = 0; rep < 60; rep++) {
    desc.schedule = (uint32_t)(rep % 4);
    uint64_t row = id * 100 + (uint64_t)rep;
    double s = 0.0;
    parrt_red_t r = {&s, 1, sizeof s};
    parrt_loop_args_t args = ARGS(COLS, .env = &row, .env_size = sizeof row, .reds = &r);
    parrt_loop_run(&desc, &args, NULL);
    double want = block_fold_sum(0.0, row * COLS, COLS);
    if (memcmp(&s, &want, sizeof s) != 0) atomic_store(&mt_bad, __LINE__);
  }
  return NULL;
}

static void threads_case(FILE *out) {
  (void)out;
  pthread_t th[3];
  for (uintptr_t i = 0; i < 3; i++) CHECK(pthread_create(&th[i], NULL, mt_thread, (void *)i) == 0);
  for (int i = 0; i < 3; i++) pthread_join(th[i], NULL);
  CHECK_EQ_INT(atomic_load(&mt_bad), 0);
}

TEST(user_threads_run_loops_concurrently) {
  static const char *const w[] = {"1", "3", "8"};
  for_workers(w, 3, threads_case);
}

/* ---- an idle pool sleeps ------------------------------------------------ */

static double cpu_seconds(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static int count_threads(void) {
  DIR *d = opendir("/proc/self/task");
  if (!d) return -1;
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d))) n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

static void idle_case(FILE *out) {
  (void)out;
  double r = run_inner(3, &inner_desc, NULL);
  CHECK(r == block_fold_sum(0.0, 3 * COLS, COLS));
  CHECK(count_threads() >= 4); /* the pool is there: 3 threads + this one (+ sanitizer's) */
  double before = cpu_seconds();
  struct timespec ts = {0, 300 * 1000 * 1000};
  while (nanosleep(&ts, &ts) != 0) {
  }
  double used = cpu_seconds() - before;
  fprintf(stderr, "idle: %.1f ms of CPU in 300 ms\n", used * 1e3);
  CHECK(used < 0.060);
}

TEST(idle_pool_uses_no_cpu) {
  static const parrt_red_desc_t rd = {"s", PARRT_RED_ADD, PARRT_T_DOUBLE};
  inner_desc = DESC(inner_chunk, .nreds = 1, .reds = &rd);
  static const char *const w[] = {"4"};
  for_workers(w, 1, idle_case);
}

/* ---- fork --------------------------------------------------------------- */

static void fork_case(FILE *out) {
  (void)out;
  CHECK(run_inner(1, &inner_desc, NULL) == block_fold_sum(0.0, COLS, COLS));
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    /* The pool's threads did not come along: a new pool starts. */
    if (count_threads() != 1) _exit(3);
    if (run_inner(2, &inner_desc, NULL) != block_fold_sum(0.0, 2 * COLS, COLS)) _exit(1);
    _exit(count_threads() == 3 ? 0 : 2);
  }
  CHECK(run_inner(3, &inner_desc, NULL) == block_fold_sum(0.0, 3 * COLS, COLS));
  int st = 0;
  waitpid(pid, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

TEST(loops_after_fork) {
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
  return; /* TSan does not support threads created after a multi-threaded fork */
#endif
#endif
  static const parrt_red_desc_t rd = {"s", PARRT_RED_ADD, PARRT_T_DOUBLE};
  inner_desc = DESC(inner_chunk, .nreds = 1, .reds = &rd, .schedule = PARRT_SCHED_DYNAMIC);
  static const char *const w[] = {"3"};
  for_workers(w, 1, fork_case);
}

/* ---- fatal errors -------------------------------------------------------- */

static void fatal_case(FILE *out) {
  (void)out;
  static const parrt_loc_t loc = {"user.c", "main", 12, 3};
  parrt_fatal(&loc, "loop step must not be 0");
}

TEST(fatal_message_and_status) {
  child_t c;
  child_run(NULL, fatal_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK_STREQ(c.err, "user.c:12: error: loop step must not be 0\n");
}

static void noop_chunk(const parrt_chunk_t *c) { (void)c; }

static void duplicate_case(FILE *out) {
  (void)out;
  static parrt_loop_desc_t a, b;
  a = DESC(noop_chunk, .id = 77);
  a.name = "first:10";
  a.loc = (parrt_loc_t){"a.c", "first", 10, 1};
  b = DESC(noop_chunk, .id = 77);
  b.name = "second:20";
  b.loc = (parrt_loc_t){"b.c", "second", 20, 1};
  parrt_register_loop(&a);
  parrt_register_loop(&a); /* the same descriptor twice is fine */
  CHECK(par__registry_find(77) == &a);
  CHECK(par__registry_find(78) == NULL);
  parrt_register_loop(&b);
  fprintf(stderr, "not reached\n");
}

TEST(duplicate_loop_id_is_fatal_naming_both) {
  child_t c;
  child_run(NULL, duplicate_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "b.c:20: error: ", 15) == 0);
  CHECK(strstr(c.err, "first:10") && strstr(c.err, "a.c:10"));
  CHECK(strstr(c.err, "second:20") && strstr(c.err, "b.c:20"));
  CHECK(!strstr(c.err, "not reached"));
}

static void abi_case(FILE *out) {
  (void)out;
  static parrt_loop_desc_t a;
  a = DESC(noop_chunk, .id = 5);
  a.loc = (parrt_loc_t){"old.c", "f", 1, 1};
  a.abi_version = 99;
  parrt_register_loop(&a);
}

static void bad_red_case(FILE *out) {
  (void)out;
  static const parrt_red_desc_t rd = {"z", PARRT_RED_BAND, PARRT_T_DOUBLE};
  static parrt_loop_desc_t a;
  a = DESC(noop_chunk, .id = 6, .nreds = 1, .reds = &rd);
  a.loc = (parrt_loc_t){"bad.c", "f", 4, 1};
  parrt_register_loop(&a);
}

static void bad_elem_case(FILE *out) {
  (void)out;
  static const parrt_red_desc_t rd = {"s", PARRT_RED_ADD, PARRT_T_DOUBLE};
  parrt_loop_desc_t a = DESC(noop_chunk, .nreds = 1, .reds = &rd);
  a.loc = (parrt_loc_t){"e.c", "f", 9, 1};
  float s = 0;
  parrt_red_t r = {&s, 1, sizeof s};
  parrt_loop_args_t args = ARGS(10, .reds = &r);
  parrt_loop_run(&a, &args, NULL);
}

TEST(bad_descriptors_are_fatal) {
  child_t c;
  child_run(NULL, abi_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "old.c:1: error: ", 16) == 0 && strstr(c.err, "ABI 99"));
  child_run(NULL, bad_red_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "bad.c:4: error: ", 16) == 0 && strstr(c.err, "& on type double"));
  child_run(NULL, bad_elem_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "e.c:9: error: ", 14) == 0 && strstr(c.err, "4 bytes"));
}

/* ---- overhead and speedup ----------------------------------------------- */

/* Timings are printed always but checked only without sanitizers. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif
/* Tests are not timed: speed is measured in bench/, and a shared CI machine
 * makes any bound flaky. These tests print their timings; UNIT_TIMING=1
 * (by hand, on a quiet machine) also checks them. */
#define CHECK_TIMING (!UNDER_SANITIZER && getenv("UNIT_TIMING"))

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static pthread_t tiny_caller;
static atomic_int tiny_elsewhere; /* chunks run on another thread */

static void tiny_chunk(const parrt_chunk_t *c) {
  atomic_uint_fast64_t *n = c->maps[0];
  atomic_fetch_add_explicit(n, c->k1 - c->k0, memory_order_relaxed);
  if (!pthread_equal(pthread_self(), tiny_caller)) atomic_store(&tiny_elsewhere, 1);
}

/* us per loop of 64 trivial iterations. */
static double time_tiny_loops(uint32_t sched, int reps, atomic_uint_fast64_t *n) {
  parrt_map_t map = {.base = n};
  parrt_loop_desc_t desc = DESC(tiny_chunk, .nmaps = 1, .schedule = sched);
  double best = 1e9;
  for (int round = 0; round < 3; round++) {
    double t0 = now_s();
    for (int i = 0; i < reps; i++) {
      parrt_loop_args_t args = ARGS(64, .maps = &map);
      parrt_loop_run(&desc, &args, NULL);
    }
    double per = (now_s() - t0) / reps;
    if (per < best) best = per;
  }
  return best * 1e6;
}

static void overhead_case(FILE *out) {
  atomic_uint_fast64_t n = 0;
  tiny_caller = pthread_self();
  /* schedule(static): the pool's fork and join every time. */
  double fork_join = time_tiny_loops(PARRT_SCHED_STATIC, 20000, &n);
  int w = atoi(getenv("PAR_WORKERS"));
  /* Whether a pool thread ever got a part depends on the OS giving it a CPU
   * (not on a loaded CI machine): checked only where timing is. */
  if (w > 1 && CHECK_TIMING) CHECK_EQ_INT(atomic_load(&tiny_elsewhere), 1);
  /* schedule(auto): after a few executions, a loop this small stays in the
   * calling thread. */
  double tiny = time_tiny_loops(PARRT_SCHED_AUTO, 20000, &n);
  atomic_store(&tiny_elsewhere, 0);
  time_tiny_loops(PARRT_SCHED_AUTO, 100, &n);
  CHECK_EQ_INT(atomic_load(&n), (uint64_t)(2 * 3 * 20000 + 3 * 100) * 64);
  fprintf(out, "%.2f %.2f %d\n", fork_join, tiny, atomic_load(&tiny_elsewhere));
}

TEST(per_loop_overhead) {
  static const char *const w[] = {"1", "2", "4"};
  for (int i = 0; i < 3; i++) {
    child_t c;
    child_run(w[i], overhead_case, &c);
    if (c.status) fprintf(stderr, "%s", c.err);
    CHECK_EQ_INT(c.status, 0);
    double fork_join = 0, tiny = 0;
    int elsewhere = -1;
    CHECK(sscanf(c.out, "%lf %lf %d", &fork_join, &tiny, &elsewhere) == 3);
    printf("  per-loop overhead, PAR_WORKERS=%s: static %.2f us, auto (tiny loop) %.2f us\n", w[i],
           fork_join, tiny);
    if (CHECK_TIMING) {
      CHECK(fork_join < 50.0); /* generous: the target is a few us; CI is noisy */
      CHECK(tiny < 5.0);
      CHECK_EQ_INT(elsewhere, 0);
    }
    free(c.out);
  }
}

/* A compute-bound loop: reduction(+: s) over an expensive function. */
static pthread_t speed_caller;
static atomic_long speed_mine, speed_other; /* blocks run by the caller, by others */

static void heavy_chunk(const parrt_chunk_t *c) {
  double *s = c->red[0];
  for (uint64_t k = c->k0; k < c->k1; k++) {
    double x = (double)k * 1e-7, acc = 0.0;
    for (int j = 0; j < 40; j++) acc += sqrt(x + j) * 1.0000001;
    *s += acc;
  }
  atomic_fetch_add(pthread_equal(pthread_self(), speed_caller) ? &speed_mine : &speed_other, 1);
}

static void speed_case(FILE *out) {
  static const parrt_red_desc_t rd = {"s", PARRT_RED_ADD, PARRT_T_DOUBLE};
  parrt_loop_desc_t desc = DESC(heavy_chunk, .nreds = 1, .reds = &rd);
  speed_caller = pthread_self();
  double best = 1e9, best_cpu = 0, result = 0;
  for (int round = 0; round < 2; round++) {
    double s = 0.0;
    parrt_red_t r = {&s, 1, sizeof s};
    parrt_loop_args_t args = ARGS(2000000, .reds = &r);
    double t0 = now_s(), c0 = cpu_seconds();
    parrt_loop_run(&desc, &args, NULL);
    double t = now_s() - t0, c = cpu_seconds() - c0;
    if (t < best) {
      best = t;
      best_cpu = c;
    }
    result = s;
  }
  fprintf(out, "%.6f %.6f %a %ld %ld\n", best, best_cpu, result, atomic_load(&speed_mine),
          atomic_load(&speed_other));
}

TEST(speedup_on_two_workers) {
  if (sysconf(_SC_NPROCESSORS_ONLN) < 2) return;
  /* The serial time is the serial run's CPU time (what the work costs, even
   * on a busy machine). A parallel run counts only if its two threads really
   * had two CPUs (CPU time >= 1.8 x wall time): on a machine busy with other
   * work the wall time says nothing about the runtime. Busy-waiting would
   * not hide here: it burns CPU, so such a run counts and is slow. */
  double t1 = 1e9, t2 = 1e9;
  int valid = 0;
  for (int round = 0; round < 8 && !(t1 / t2 > 1.9) && (round < 1 || CHECK_TIMING); round++) {
    child_t c1, c2;
    child_run("1", speed_case, &c1);
    child_run("2", speed_case, &c2);
    if (c1.status || c2.status) fprintf(stderr, "%s%s", c1.err, c2.err);
    CHECK_EQ_INT(c1.status, 0);
    CHECK_EQ_INT(c2.status, 0);
    double wall1 = 0, cpu1 = 0, wall2 = 0, cpu2 = 0;
    char bits1[64] = "", bits2[64] = "";
    long mine1 = 0, other1 = 0, mine2 = 0, other2 = 0;
    CHECK(sscanf(c1.out, "%lf %lf %63s %ld %ld", &wall1, &cpu1, bits1, &mine1, &other1) == 5);
    CHECK(sscanf(c2.out, "%lf %lf %63s %ld %ld", &wall2, &cpu2, bits2, &mine2, &other2) == 5);
    CHECK_STREQ(bits1, bits2); /* same bits */
    CHECK_EQ_INT(mine1, 2 * 1024);
    CHECK_EQ_INT(other1, 0);
    /* The caller works too, and both threads get a fair share. */
    CHECK_EQ_INT(mine2 + other2, 2 * 1024);
    if (!UNDER_SANITIZER) CHECK(mine2 > 2 * 1024 / 10 && other2 > 2 * 1024 / 10);
    if (cpu1 < t1) t1 = cpu1;
    if (cpu2 >= 1.8 * wall2) {
      valid++;
      if (wall2 < t2) t2 = wall2;
    }
    free(c1.out);
    free(c2.out);
  }
  if (!valid) {
    printf("  compute-bound loop: %.1f ms serial; the machine never gave 2 CPUs to the parallel "
           "run: speedup not measured\n", t1 * 1e3);
    return;
  }
  printf("  compute-bound loop: %.1f ms serial, %.1f ms on 2 workers: %.2fx\n", t1 * 1e3,
         t2 * 1e3, t1 / t2);
  /* The goal is >= 1.9x; allow for noise. */
  if (CHECK_TIMING) CHECK(t1 / t2 > 1.7);
}

UNIT_MAIN()
