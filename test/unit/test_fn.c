/* test_fn.c: distributed functions and spawns in one process (runtime/fn.c).
 *
 * Descriptors, argument blocks, body functions, spawn stubs and sites are
 * written by hand the way parcc generates them (include/par/abi.h, SPEC 2.2):
 * calls, calls inside loop chunks and tasks, spawns with their left-hand
 * sides, `to` snapshots, from/tofrom data, dataflow between spawns, several
 * spawns of one variable, nested recursive spawns on every pool thread,
 * nowait loops and spawns in one group, par_sync, and registration errors.
 */
#define _GNU_SOURCE 1
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define __PARCC__ 1
#include "par.h"
#include "par/abi.h"
#include "runtime/fn.h"
#include "runtime/loop.h"
#include "unit.h"
#include "child.h"

/* A hang (a deadlock is what these tests look for) ends the child too, not
 * only the test process that waits for it. */
static void (*with_alarm_fn)(FILE *out);
static void with_alarm(FILE *out) {
  alarm(60);
  with_alarm_fn(out);
}

/* Runs fn in a child for each worker count; each must exit 0. */
static void for_workers(const char *const *workers, int n, void (*fn)(FILE *out)) {
  with_alarm_fn = fn;
  for (int i = 0; i < n; i++) {
    child_t c;
    child_run(workers[i], with_alarm, &c);
    if (c.status) fprintf(stderr, "PAR_WORKERS=%s: status %d\n%s", workers[i], c.status, c.err);
    CHECK_EQ_INT(c.status, 0);
    free(c.out);
  }
}

static const char *const W14[] = {"1", "4"};
static const char *const W128[] = {"1", "2", "8"};

#define LOC(fn) ((parrt_loc_t){"test_fn.c", #fn, __LINE__, 1})

/* A function descriptor as parcc emits it for `R name(params)`. */
#define FN_DESC(nm, id_, body_, block, R, ...)                                                     \
  ((parrt_fn_desc_t){.struct_size = sizeof(parrt_fn_desc_t),                                       \
                     .abi_version = PARRT_ABI_VERSION,                                             \
                     .id = (id_),                                                                  \
                     .name = #nm,                                                                  \
                     .loc = LOC(nm),                                                               \
                     .body = body_,                                                                \
                     .args_size = sizeof(block),                                                   \
                     .args_align = _Alignof(block),                                                \
                     .ret_size = (R),                                                              \
                     .retries = -1,                                                                \
                     __VA_ARGS__})

#define SITE(callee_, id_, store_, lhs_size_, ...)                                                 \
  ((parrt_spawn_site_t){.struct_size = sizeof(parrt_spawn_site_t),                                 \
                        .abi_version = PARRT_ABI_VERSION,                                          \
                        .id = (id_),                                                               \
                        .loc = LOC(spawn_site),                                                    \
                        .callee = #callee_,                                                        \
                        .store = store_,                                                           \
                        .lhs_size = (lhs_size_),                                                   \
                        __VA_ARGS__})

/* Conversions of the assignments and arguments used below. */
static void store_long_int(void *lhs, const void *ret) {
  *(int *)lhs = (int)*(const long *)ret;
}
static void store_long_long(void *lhs, const void *ret) {
  *(long *)lhs = *(const long *)ret;
}
static void store_double_double(void *lhs, const void *ret) {
  *(double *)lhs = *(const double *)ret;
}
static void conv_int_double(void *param, const void *var) {
  *(double *)param = (double)*(const int *)var;
}

/* ---- add(long a, long b): plain calls, inline in chunks and tasks ------- */

struct fa_add {
  long a, b;
};
static const uint32_t add_off[] = {offsetof(struct fa_add, a), offsetof(struct fa_add, b)};
static const uint32_t add_size[] = {sizeof(long), sizeof(long)};
static _Thread_local int add_here;    /* set by the body on the thread it ran on */
static _Thread_local int add_in_task; /* par__fn_in_task() inside it */
static _Thread_local int add_in_chunk;

static void add_body(void *args, void *ret) {
  struct fa_add *a = args;
  add_here = 1;
  add_in_task = par__fn_in_task();
  add_in_chunk = par__loop_in_chunk();
  long r = a->a + a->b;
  memcpy(ret, &r, sizeof r);
}

static parrt_fn_desc_t add_desc;

static void init_add(void) {
  add_desc = FN_DESC(add, 0xadd, add_body, struct fa_add, sizeof(long), .nparams = 2,
                     .param_off = add_off, .param_size = add_size);
  parrt_register_fn(&add_desc);
}

/* The stub `long add(long a, long b)`. */
static long add(long a, long b) {
  struct fa_add blk = {a, b};
  long r = 0;
  parrt_fn_call(&add_desc, &blk, NULL, &r);
  return r;
}

/* ---- scale(double *out, const double *in, int n, double k, int *cnt) ------
 * map(from: out[0:n]) map(to: in[0:n]) map(tofrom: cnt[0:1]) */

struct fa_scale {
  double *out;
  const double *in;
  int n;
  double k;
  int *cnt;
};
static const uint32_t scale_off[] = {offsetof(struct fa_scale, out), offsetof(struct fa_scale, in),
                                     offsetof(struct fa_scale, n), offsetof(struct fa_scale, k),
                                     offsetof(struct fa_scale, cnt)};
static const uint32_t scale_size[] = {sizeof(double *), sizeof(double *), sizeof(int),
                                      sizeof(double), sizeof(int *)};
static const parrt_fn_map_desc_t scale_maps[] = {
    {"out", PARRT_MAP_FROM, sizeof(double), 0},
    {"in", PARRT_MAP_TO, sizeof(double), 1},
    {"cnt", PARRT_MAP_TOFROM, sizeof(int), 4},
};

static void scale_body(void *args, void *ret) {
  (void)ret;
  struct fa_scale *a = args;
  for (int i = 0; i < a->n; i++)
    a->out[i] = a->in[i] * a->k;
  a->cnt[0] += 1;
}

static parrt_fn_desc_t scale_desc;
static parrt_spawn_site_t scale_site; /* `scale(...);`: no left-hand side */

static void init_scale(void) {
  scale_desc =
      FN_DESC(scale, 0x5ca1e, scale_body, struct fa_scale, 0, .nparams = 5, .param_off = scale_off,
              .param_size = scale_size, .nmaps = 3, .maps = scale_maps);
  scale_site = SITE(scale, 0x5ca1e5, NULL, 0);
  parrt_register_fn(&scale_desc);
  parrt_register_spawn_site(&scale_site);
}

static void fill_scale(struct fa_scale *blk, parrt_map_t m[3], double *out, const double *in, int n,
                       double k, int *cnt) {
  *blk = (struct fa_scale){out, in, n, k, cnt};
  m[0] = (parrt_map_t){.base = out, .lo = 0, .len = (uint64_t)n, .elem_size = sizeof(double)};
  m[1] =
      (parrt_map_t){.base = (void *)in, .lo = 0, .len = (uint64_t)n, .elem_size = sizeof(double)};
  m[2] = (parrt_map_t){.base = cnt, .lo = 0, .len = 1, .elem_size = sizeof(int)};
}

static void scale(double *out, const double *in, int n, double k, int *cnt) {
  struct fa_scale blk;
  parrt_map_t m[3];
  fill_scale(&blk, m, out, in, n, k, cnt);
  parrt_fn_call(&scale_desc, &blk, m, NULL);
}

static void par__spawn_scale(parrt_group_t *g, const parrt_spawn_site_t *site, void *lhs,
                             void *const *dep_vars, double *out, const double *in, int n, double k,
                             int *cnt) {
  struct fa_scale blk;
  parrt_map_t m[3];
  fill_scale(&blk, m, out, in, n, k, cnt);
  parrt_fn_spawn(g, &scale_desc, &blk, m, site, lhs, dep_vars);
}

/* ---- f(int x, int ms) = 10x + 3 after ms milliseconds -------------------- */

struct fa_f {
  int x, ms;
};
static const uint32_t f_off[] = {offsetof(struct fa_f, x), offsetof(struct fa_f, ms)};
static const uint32_t f_size[] = {sizeof(int), sizeof(int)};
static atomic_int f_runs;

static void f_body(void *args, void *ret) {
  struct fa_f *a = args;
  if (a->ms) usleep((useconds_t)a->ms * 1000);
  atomic_fetch_add(&f_runs, 1);
  long r = 10L * a->x + 3;
  memcpy(ret, &r, sizeof r);
}

static parrt_fn_desc_t f_desc;
static parrt_spawn_site_t f_site;      /* int a = f(...) */
static parrt_spawn_site_t f_site_long; /* long r = f(...) */

static void par__spawn_f(parrt_group_t *g, const parrt_spawn_site_t *site, void *lhs,
                         void *const *dep_vars, int x, int ms) {
  struct fa_f blk = {x, ms};
  parrt_fn_spawn(g, &f_desc, &blk, NULL, site, lhs, dep_vars);
}

/* ---- g(double y) = 2y + 1; NaN (a dependency never filled) gives -999 ----- */

struct fa_g {
  double y;
};
static const uint32_t g_off[] = {offsetof(struct fa_g, y)};
static const uint32_t g_size[] = {sizeof(double)};
static atomic_int g_nan;

static void g_body(void *args, void *ret) {
  struct fa_g *a = args;
  long r;
  if (isnan(a->y)) {
    atomic_fetch_add(&g_nan, 1);
    r = -999;
  } else {
    r = (long)(a->y * 2) + 1;
  }
  memcpy(ret, &r, sizeof r);
}

static parrt_fn_desc_t g_desc;
static const parrt_spawn_dep_t g_dep_a = {"a", 0, sizeof(int), conv_int_double};
static parrt_spawn_site_t g_site; /* int b = g(a), a an int written by a spawn */

/* Generated code passes the parameter too; a dependency's value comes from
 * the runtime, so the tests pass NaN to see that it is replaced. */
static void par__spawn_g(parrt_group_t *grp, const parrt_spawn_site_t *site, void *lhs,
                         void *const *dep_vars, double y) {
  struct fa_g blk = {y};
  parrt_fn_spawn(grp, &g_desc, &blk, NULL, site, lhs, dep_vars);
}

static void init_fg(void) {
  f_desc = FN_DESC(f, 0xf, f_body, struct fa_f, sizeof(long), .nparams = 2, .param_off = f_off,
                   .param_size = f_size);
  g_desc = FN_DESC(g, 0x9, g_body, struct fa_g, sizeof(long), .nparams = 1, .param_off = g_off,
                   .param_size = g_size);
  f_site = SITE(f, 0xf1, store_long_int, sizeof(int));
  f_site_long = SITE(f, 0xf2, store_long_long, sizeof(long));
  g_site = SITE(g, 0x91, store_long_int, sizeof(int), .ndeps = 1, .deps = &g_dep_a);
  parrt_register_fn(&f_desc);
  parrt_register_fn(&g_desc);
  parrt_register_spawn_site(&f_site);
  parrt_register_spawn_site(&f_site_long);
  parrt_register_spawn_site(&g_site);
}

/* ---- sumv(const double *v, int lo, int n, int ms): map(to: v[lo:n]) ------ */

struct fa_sumv {
  const double *v;
  int lo, n, ms;
};
static const uint32_t sumv_off[] = {offsetof(struct fa_sumv, v), offsetof(struct fa_sumv, lo),
                                    offsetof(struct fa_sumv, n), offsetof(struct fa_sumv, ms)};
static const uint32_t sumv_size[] = {sizeof(double *), sizeof(int), sizeof(int), sizeof(int)};
static const parrt_fn_map_desc_t sumv_map = {"v", PARRT_MAP_TO, sizeof(double), 0};
static _Atomic(const double *) sumv_saw; /* the pointer the body got */

static void sumv_body(void *args, void *ret) {
  struct fa_sumv *a = args;
  if (a->ms) usleep((useconds_t)a->ms * 1000);
  atomic_store(&sumv_saw, a->v);
  double s = 0;
  for (int i = a->lo; i < a->lo + a->n; i++)
    s += a->v[i];
  memcpy(ret, &s, sizeof s);
}

static parrt_fn_desc_t sumv_desc;
static parrt_spawn_site_t sumv_site; /* double s = sumv(...) */

static void par__spawn_sumv(parrt_group_t *g, const parrt_spawn_site_t *site, void *lhs,
                            void *const *dep_vars, const double *v, int lo, int n, int ms) {
  struct fa_sumv blk = {v, lo, n, ms};
  parrt_map_t m = {.base = (void *)v, .lo = lo, .len = (uint64_t)n, .elem_size = sizeof(double)};
  parrt_fn_spawn(g, &sumv_desc, &blk, &m, site, lhs, dep_vars);
}

static void init_sumv(void) {
  sumv_desc =
      FN_DESC(sumv, 0x50, sumv_body, struct fa_sumv, sizeof(double), .nparams = 4,
              .param_off = sumv_off, .param_size = sumv_size, .nmaps = 1, .maps = &sumv_map);
  sumv_site = SITE(sumv, 0x51, store_double_double, sizeof(double));
  parrt_register_fn(&sumv_desc);
  parrt_register_spawn_site(&sumv_site);
}

static void init_all(void) {
  init_add();
  init_scale();
  init_fg();
  init_sumv();
}

/* ---- plain calls ----------------------------------------------------------- */

static void call_case(FILE *out) {
  (void)out;
  init_all();
  CHECK(par__fn_find(0xadd) == &add_desc);
  CHECK(par__fn_find(0xadd + 1) == NULL);
  CHECK(par__fn_find_site(0x5ca1e5) == &scale_site);
  CHECK(!par__fn_in_task());
  add_here = 0;
  CHECK_EQ_INT(add(40, 2), 42);
  CHECK_EQ_INT(add_here, 1);    /* in this thread */
  CHECK_EQ_INT(add_in_task, 1); /* as a task: nested calls inline, spawns to the pool */
  CHECK(!par__fn_in_task());
  /* from / to / tofrom: a call works on the caller's memory */
  double in[50], o[50];
  int cnt = 7;
  for (int i = 0; i < 50; i++)
    in[i] = i, o[i] = -1;
  scale(o, in, 50, 0.5, &cnt);
  for (int i = 0; i < 50; i++)
    CHECK(o[i] == i * 0.5);
  CHECK_EQ_INT(cnt, 8);
}

TEST(call_runs_in_calling_thread) {
  for_workers(W14, 2, call_case);
}

/* Calls inside a loop chunk run inline on the chunk's thread. */
static atomic_int chunk_bad, chunk_calls;

static void calling_chunk(const parrt_chunk_t *c) {
  long *res = c->maps[0];
  for (uint64_t k = c->k0; k < c->k1; k++) {
    add_here = 0;
    res[k] = add((long)k, 1000);
    if (!add_here || !add_in_chunk) atomic_store(&chunk_bad, __LINE__);
    atomic_fetch_add(&chunk_calls, 1);
  }
}

static void chunk_case(FILE *out) {
  (void)out;
  init_all();
  enum { N = 2000 };
  static long res[N];
  parrt_map_t map = {.base = res, .len = N, .elem_size = sizeof(long)};
  parrt_loop_desc_t desc = {.struct_size = sizeof desc,
                            .abi_version = PARRT_ABI_VERSION,
                            .name = "calling_chunk",
                            .loc = LOC(calling_chunk),
                            .chunk = calling_chunk,
                            .schedule = PARRT_SCHED_DYNAMIC,
                            .nmaps = 1};
  parrt_loop_args_t args = {.struct_size = sizeof args,
                            .niters = N,
                            .step = 1,
                            .maps = &map,
                            .sched_chunk = 7,
                            .retries = -1};
  parrt_loop_run(&desc, &args, NULL);
  CHECK_EQ_INT(atomic_load(&chunk_bad), 0);
  CHECK_EQ_INT(atomic_load(&chunk_calls), N);
  for (long k = 0; k < N; k++)
    CHECK_EQ_INT(res[k], k + 1000);
}

TEST(calls_in_loop_chunks_run_inline) {
  static const char *const w[] = {"1", "4"};
  for_workers(w, 2, chunk_case);
}

/* ---- spawn + wait ---------------------------------------------------------- */

static void spawn_case(FILE *out) {
  (void)out;
  init_all();
  int w = atoi(getenv("PAR_WORKERS"));
  int a = -1;
  long r = -1;
  parrt_group_t g = {0};
  par__spawn_f(&g, &f_site, &a, NULL, 4, 0);
  par__spawn_f(&g, &f_site_long, &r, NULL, 7, 0);
  CHECK(g.impl != NULL);
  if (w == 1) {
    /* No pool thread: nothing runs before the sync, and nothing is written. */
    usleep(20000);
    CHECK_EQ_INT(atomic_load(&f_runs), 0);
    CHECK_EQ_INT(a, -1);
  }
  parrt_group_wait(&g, NULL);
  CHECK(g.impl == NULL);
  CHECK_EQ_INT(a, 43);
  CHECK_EQ_INT(r, 73);
  CHECK_EQ_INT(atomic_load(&f_runs), 2);
  parrt_group_wait(&g, NULL); /* again: nothing to do */
  /* No group: the spawn runs at once. */
  par__spawn_f(NULL, &f_site, &a, NULL, 5, 0);
  CHECK_EQ_INT(a, 53);
  /* Many spawns, each its own variable. */
  enum { N = 3000 };
  static long res[N];
  for (int i = 0; i < N; i++)
    par__spawn_f(&g, &f_site_long, &res[i], NULL, i, 0);
  parrt_group_wait(&g, NULL);
  for (int i = 0; i < N; i++)
    CHECK_EQ_INT(res[i], 10L * i + 3);
}

TEST(spawn_and_wait_write_lhs) {
  static const char *const w[] = {"1", "2", "4"};
  for_workers(w, 3, spawn_case);
}

/* A spawn captures its `to` data; from/tofrom write the caller's memory. */
static void snapshot_case(FILE *out) {
  (void)out;
  init_all();
  enum { N = 100 };
  double *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; i++)
    v[i] = i;
  double s1 = 0, s2 = 0;
  parrt_group_t g = {0};
  par__spawn_sumv(&g, &sumv_site, &s1, NULL, v, 10, 20, 30); /* slow: runs after the change */
  par__spawn_sumv(&g, &sumv_site, &s2, NULL, v, 0, N, 0);
  for (int i = 0; i < N; i++)
    v[i] = -1e9; /* after the spawn: the tasks must not see it */
  parrt_group_wait(&g, NULL);
  CHECK(s1 == (10 + 29) * 20 / 2);
  CHECK(s2 == (N - 1) * N / 2);
  const double *saw = atomic_load(&sumv_saw);
  CHECK(saw != v); /* the body got the snapshot */

  /* from / tofrom: each task writes its own part of the caller's arrays. */
  enum { M = 4096, P = 8 };
  double *in = malloc(M * sizeof *in), *o = malloc(M * sizeof *o);
  int cnt[P];
  for (int i = 0; i < M; i++)
    in[i] = i, o[i] = -1;
  for (int p = 0; p < P; p++) {
    cnt[p] = 10 * p;
    par__spawn_scale(&g, &scale_site, NULL, NULL, o + p * (M / P), in + p * (M / P), M / P, 2.0,
                     &cnt[p]);
  }
  for (int i = 0; i < M; i++)
    in[i] = -5; /* `to`: captured */
  parrt_group_wait(&g, NULL);
  for (int i = 0; i < M; i++)
    CHECK(o[i] == 2.0 * i);
  for (int p = 0; p < P; p++)
    CHECK_EQ_INT(cnt[p], 10 * p + 1);
  free(in);
  free(o);
  free(v);
}

TEST(spawn_snapshots_to_and_writes_from_tofrom) {
  for_workers(W14, 2, snapshot_case);
}

/* ---- dataflow --------------------------------------------------------------- */

static void chain_case(FILE *out) {
  (void)out;
  init_all();
  int a = -1, b = -1, c = -1;
  parrt_group_t grp = {0};
  par__spawn_f(&grp, &f_site, &a, NULL, 1, 20); /* a = f(1) = 13, slowly */
  void *da[] = {&a};
  par__spawn_g(&grp, &g_site, &b, da, NAN); /* b = g(a) = 27 */
  void *db[] = {&b};
  par__spawn_g(&grp, &g_site, &c, db, NAN); /* c = g(b) = 55 */
  void *dc[] = {&c};
  int d = -1;
  par__spawn_g(&grp, &g_site, &d, dc, NAN); /* d = g(c) = 111 */
  parrt_group_wait(&grp, NULL);
  CHECK_EQ_INT(atomic_load(&g_nan), 0);
  CHECK_EQ_INT(a, 13);
  CHECK_EQ_INT(b, 27);
  CHECK_EQ_INT(c, 55);
  CHECK_EQ_INT(d, 111);

  /* A dependency whose spawn has completed reads the variable at the spawn. */
  a = -1;
  par__spawn_f(&grp, &f_site, &a, NULL, 2, 0);
  par__group_t *pg = grp.impl;
  while (atomic_load(&pg->pending) != 0)
    if (!par__pool_help_one(1)) usleep(100);
  CHECK_EQ_INT(a, 23); /* stored at completion */
  a = 100;             /* the spawn of g below must use this, not f's result */
  par__spawn_g(&grp, &g_site, &b, da, NAN);
  parrt_group_wait(&grp, NULL);
  CHECK_EQ_INT(b, 201);
  CHECK_EQ_INT(a, 100); /* f's store is not repeated */
  CHECK_EQ_INT(atomic_load(&g_nan), 0);

  /* A dependency on a variable no spawn writes: its value now. */
  a = 8;
  par__spawn_g(&grp, &g_site, &b, da, NAN);
  a = 9; /* after the spawn: not seen */
  parrt_group_wait(&grp, NULL);
  CHECK_EQ_INT(b, 17);
}

TEST(dataflow_chain) {
  for_workers(W14, 2, chain_case);
}

/* Two spawns of one variable leave the later one's value, whichever ends
 * first; a spawn between them takes the first's value. */
static void same_lhs_case(FILE *out) {
  (void)out;
  init_all();
  int a = -1, b = -1, c = -1;
  parrt_group_t grp = {0};
  void *da[] = {&a};
  par__spawn_f(&grp, &f_site, &a, NULL, 1, 100); /* slow: ends last with workers */
  par__spawn_g(&grp, &g_site, &c, da, NAN);      /* c = g(first a) = 27 */
  par__spawn_f(&grp, &f_site, &a, NULL, 2, 0);   /* fast */
  par__spawn_g(&grp, &g_site, &b, da, NAN);      /* b = g(second a) = 47 */
  parrt_group_wait(&grp, NULL);
  CHECK_EQ_INT(a, 23);
  CHECK_EQ_INT(b, 47);
  CHECK_EQ_INT(c, 27);
  CHECK_EQ_INT(atomic_load(&g_nan), 0);
}

TEST(later_spawn_of_same_lhs_wins) {
  for_workers(W14, 2, same_lhs_case);
}

/* ---- nested recursive spawns: fib with a cutoff ----------------------------- */

#ifndef FIB_CUT
#define FIB_CUT 12
#endif

struct fa_fib {
  int n;
};
static const uint32_t fib_off[] = {offsetof(struct fa_fib, n)};
static const uint32_t fib_size[] = {sizeof(int)};
static parrt_fn_desc_t fib_desc;
static parrt_spawn_site_t fib_site; /* long x = fib(n - 1) */
static atomic_long fib_tasks;
static atomic_int fib_threads_mask; /* pool indexes that ran a fib task */

static long fib_serial(int n) {
  return n < 2 ? n : fib_serial(n - 1) + fib_serial(n - 2);
}

static void par__spawn_fib(parrt_group_t *g, const parrt_spawn_site_t *site, void *lhs,
                           void *const *dep_vars, int n) {
  struct fa_fib blk = {n};
  parrt_fn_spawn(g, &fib_desc, &blk, NULL, site, lhs, dep_vars);
}

/* The user's body: spawns both halves and syncs (the implicit sync at
 * return, as generated code has it, by cleanup). */
static long fib_user(int n) {
  if (n < FIB_CUT) return fib_serial(n);
  long x = -1, y = -1;
  parrt_group_t g __attribute__((cleanup(parrt_group_cleanup))) = {0};
  par__spawn_fib(&g, &fib_site, &x, NULL, n - 1);
  par__spawn_fib(&g, &fib_site, &y, NULL, n - 2);
  if (n % 2)
    parrt_group_wait(&g, NULL); /* an explicit sync half of the time */
  else
    parrt_group_cleanup(&g);
  return x + y;
}

static void fib_body(void *args, void *ret) {
  atomic_fetch_add(&fib_tasks, 1);
  atomic_fetch_or(&fib_threads_mask, 1 << (par__pool_self() & 15));
  long r = fib_user(((struct fa_fib *)args)->n);
  memcpy(ret, &r, sizeof r);
}

static long fib_count(int n) {
  return 1 + (n >= FIB_CUT ? fib_count(n - 1) + fib_count(n - 2) : 0);
}

static void fib_case(FILE *out) {
  (void)out;
  fib_desc = FN_DESC(fib, 0xf1b, fib_body, struct fa_fib, sizeof(long), .nparams = 1,
                     .param_off = fib_off, .param_size = fib_size);
  fib_site = SITE(fib, 0xf1b5, store_long_long, sizeof(long));
  parrt_register_fn(&fib_desc);
  parrt_register_spawn_site(&fib_site);
  for (int rep = 0; rep < 3; rep++) {
    atomic_store(&fib_tasks, 0);
    long r = -1;
    parrt_group_t g = {0};
    par__spawn_fib(&g, &fib_site, &r, NULL, 25);
    parrt_group_wait(&g, NULL);
    CHECK_EQ_INT(r, 75025);
    CHECK_EQ_INT(atomic_load(&fib_tasks), fib_count(25));
  }
  fprintf(stderr, "fib: threads mask %#x\n", atomic_load(&fib_threads_mask));
}

TEST(nested_recursive_spawns) {
  for_workers(W128, 3, fib_case);
}

/* Recursive spawns from several user threads at once. */
static void *fib_thread(void *arg) {
  long *r = arg;
  parrt_group_t g = {0};
  par__spawn_fib(&g, &fib_site, r, NULL, 22);
  parrt_group_wait(&g, NULL);
  return NULL;
}

static void fib_threads_case(FILE *out) {
  (void)out;
  fib_desc = FN_DESC(fib, 0xf1b, fib_body, struct fa_fib, sizeof(long), .nparams = 1,
                     .param_off = fib_off, .param_size = fib_size);
  fib_site = SITE(fib, 0xf1b5, store_long_long, sizeof(long));
  pthread_t th[3];
  long r[3] = {-1, -1, -1};
  for (int i = 0; i < 3; i++)
    CHECK(pthread_create(&th[i], NULL, fib_thread, &r[i]) == 0);
  for (int i = 0; i < 3; i++)
    pthread_join(th[i], NULL);
  for (int i = 0; i < 3; i++)
    CHECK_EQ_INT(r[i], 17711);
}

TEST(recursive_spawns_from_user_threads) {
  static const char *const w[] = {"1", "3"};
  for_workers(w, 2, fib_threads_case);
}

/* ---- nowait loops and spawns in one group; par_sync --------------------- */

static void isum_chunk(const parrt_chunk_t *c) {
  const int64_t *base = c->env;
  int64_t *s = c->red[0];
  for (uint64_t k = c->k0; k < c->k1; k++)
    *s += *base + (int64_t)k;
}

static const parrt_red_desc_t isum_rd = {"s", PARRT_RED_ADD, PARRT_T_LLONG};
static const parrt_loop_desc_t isum_desc = {.struct_size = sizeof(parrt_loop_desc_t),
                                            .abi_version = PARRT_ABI_VERSION,
                                            .name = "isum",
                                            .loc = {"test_fn.c", "isum", __LINE__, 1},
                                            .chunk = isum_chunk,
                                            .flags = PARRT_LOOP_NOWAIT,
                                            .nreds = 1,
                                            .reds = &isum_rd};

static void nowait_isum(parrt_group_t *g, int64_t base, uint64_t n, int64_t *sum) {
  parrt_red_t r = {sum, 1, sizeof *sum};
  parrt_loop_args_t args = {.struct_size = sizeof args,
                            .niters = n,
                            .step = 1,
                            .env = &base,
                            .env_size = sizeof base,
                            .reds = &r,
                            .retries = -1};
  parrt_loop_run(&isum_desc, &args, g);
}

static void mixed_case(FILE *out) {
  (void)out;
  init_all();
  int64_t s = 5, s2 = 0;
  int a = -1, b = -1;
  long r = -1;
  parrt_group_t g = {0};
  nowait_isum(&g, 0, 100000, &s);
  par__spawn_f(&g, &f_site, &a, NULL, 4, 10);
  void *da[] = {&a};
  par__spawn_g(&g, &g_site, &b, da, NAN);
  nowait_isum(&g, 1000, 777, &s2);
  par__spawn_f(&g, &f_site_long, &r, NULL, 9, 0);
  nowait_isum(&g, 7, 1, &s); /* the same variable again */
  parrt_group_wait(&g, NULL);
  CHECK(g.impl == NULL);
  CHECK_EQ_INT(s, 5 + 100000LL * 99999 / 2 + 7);
  CHECK_EQ_INT(s2, 1000LL * 777 + 777LL * 776 / 2);
  CHECK_EQ_INT(a, 43);
  CHECK_EQ_INT(b, 87);
  CHECK_EQ_INT(r, 93);

  /* par_sync waits for the implicit group: loops and spawns. */
  a = b = -1;
  s = 0;
  parrt_group_t *ig = parrt_group_implicit();
  par__spawn_f(ig, &f_site, &a, NULL, 6, 5);
  par__spawn_g(ig, &g_site, &b, da, NAN);
  nowait_isum(ig, 0, 1000, &s);
  par_sync();
  CHECK(ig->impl == NULL);
  CHECK_EQ_INT(a, 63);
  CHECK_EQ_INT(b, 127);
  CHECK_EQ_INT(s, 1000LL * 999 / 2);
  CHECK_EQ_INT(atomic_load(&g_nan), 0);
}

TEST(nowait_loops_and_spawns_in_one_group_and_par_sync) {
  static const char *const w[] = {"1", "3"};
  for_workers(w, 2, mixed_case);
}

/* A spawned body calls a distributed function (inline, in its thread) and
 * spawns (to the pool). */
struct fa_outer {
  int x;
};
static const uint32_t outer_off[] = {0};
static const uint32_t outer_size[] = {sizeof(int)};
static atomic_int outer_bad;

static void outer_body(void *args, void *ret) {
  int x = ((struct fa_outer *)args)->x;
  add_here = 0;
  long v = add(x, 1);
  if (!add_here || !add_in_task) atomic_store(&outer_bad, __LINE__);
  long inner = -1;
  parrt_group_t g = {0};
  par__spawn_f(&g, &f_site_long, &inner, NULL, x, 0);
  parrt_group_wait(&g, NULL);
  v += inner;
  memcpy(ret, &v, sizeof v);
}

static void in_task_case(FILE *out) {
  (void)out;
  init_all();
  static parrt_fn_desc_t outer_desc;
  static parrt_spawn_site_t outer_site;
  outer_desc = FN_DESC(outer, 0x0de, outer_body, struct fa_outer, sizeof(long), .nparams = 1,
                       .param_off = outer_off, .param_size = outer_size);
  outer_site = SITE(outer, 0x0de5, store_long_long, sizeof(long));
  enum { N = 64 };
  long res[N];
  parrt_group_t g = {0};
  for (int i = 0; i < N; i++) {
    struct fa_outer blk = {i};
    parrt_fn_spawn(&g, &outer_desc, &blk, NULL, &outer_site, &res[i], NULL);
  }
  parrt_group_wait(&g, NULL);
  CHECK_EQ_INT(atomic_load(&outer_bad), 0);
  for (int i = 0; i < N; i++)
    CHECK_EQ_INT(res[i], (i + 1) + (10L * i + 3));
}

TEST(calls_and_spawns_inside_tasks) {
  for_workers(W14, 2, in_task_case);
}

/* ---- registration errors ------------------------------------------------------ */

static void noop_body(void *args, void *ret) {
  (void)args;
  (void)ret;
}

static void abi_case(FILE *out) {
  (void)out;
  static parrt_fn_desc_t d;
  d = FN_DESC(old_fn, 1, noop_body, struct fa_f, 0);
  d.loc = (parrt_loc_t){"old.c", "old_fn", 3, 1};
  d.abi_version = 99;
  parrt_register_fn(&d);
}

static void duplicate_case(FILE *out) {
  (void)out;
  static parrt_fn_desc_t a, b;
  a = FN_DESC(first, 77, noop_body, struct fa_f, 0);
  a.loc = (parrt_loc_t){"a.c", "first", 10, 1};
  b = FN_DESC(second, 77, noop_body, struct fa_f, 0);
  b.loc = (parrt_loc_t){"b.c", "second", 20, 1};
  parrt_register_fn(&a);
  parrt_register_fn(&a); /* the same descriptor twice is fine */
  if (par__fn_find(77) != &a) _exit(5);
  parrt_register_fn(&b);
  fprintf(stderr, "not reached\n");
}

static void bad_map_case(FILE *out) {
  (void)out;
  /* map on parameter 1, an int */
  static const parrt_fn_map_desc_t m = {"x", PARRT_MAP_TO, 4, 1};
  static parrt_fn_desc_t d;
  d = FN_DESC(mapped, 3, noop_body, struct fa_f, 0, .nparams = 2, .param_off = f_off,
              .param_size = f_size, .nmaps = 1, .maps = &m);
  d.loc = (parrt_loc_t){"m.c", "mapped", 7, 1};
  parrt_register_fn(&d);
}

static void bad_site_case(FILE *out) {
  (void)out;
  static parrt_spawn_site_t s;
  s = SITE(callee_x, 4, store_long_int, 0); /* a store without a left-hand side */
  s.loc = (parrt_loc_t){"s.c", "caller_y", 9, 1};
  parrt_register_spawn_site(&s);
}

static void dup_site_case(FILE *out) {
  (void)out;
  static parrt_spawn_site_t s1, s2;
  s1 = SITE(f, 12, NULL, 0);
  s1.loc = (parrt_loc_t){"s.c", "one", 9, 1};
  s2 = SITE(g, 12, NULL, 0);
  s2.loc = (parrt_loc_t){"t.c", "two", 19, 1};
  parrt_register_spawn_site(&s1);
  parrt_register_spawn_site(&s1);
  if (par__fn_find_site(12) != &s1) _exit(5);
  parrt_register_spawn_site(&s2);
}

TEST(registration_errors_are_fatal_and_named) {
  child_t c;
  child_run(NULL, abi_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "old.c:3: error: ", 16) == 0);
  CHECK(strstr(c.err, "function 'old_fn'") && strstr(c.err, "ABI 99"));

  child_run(NULL, duplicate_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "b.c:20: error: ", 15) == 0);
  CHECK(strstr(c.err, "'first' (a.c:10)") && strstr(c.err, "'second' (b.c:20)"));
  CHECK(!strstr(c.err, "not reached"));

  child_run(NULL, bad_map_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "m.c:7: error: function 'mapped'", 31) == 0);

  child_run(NULL, bad_site_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "s.c:9: error: spawn of 'callee_x' in 'caller_y'", 47) == 0);

  child_run(NULL, dup_site_case, &c);
  free(c.out);
  CHECK_EQ_INT(c.status, 2);
  CHECK(strncmp(c.err, "t.c:19: error: ", 15) == 0);
  CHECK(strstr(c.err, "s.c:9") && strstr(c.err, "same id"));
}

UNIT_MAIN()
