/* loop.c: parrt_loop_run, nowait groups and par_sync in a standalone process.
 *
 * What a loop execution does, in order (this is the contract generated code
 * and the tests rely on):
 *
 * 1. niters == 0: return at once; nothing is called, nothing is written.
 *
 * 2. if_false: the chunk function is called once, in the calling thread, for
 *    [0, niters), with red[j] = reds[j].var and last[j] = lasts[j].var (the
 *    original variables): exactly the serial loop.
 *
 * 3. Blocks. [0, niters) is cut into blocks whose boundaries depend only on
 *    niters, the schedule clause and the reductions' sizes, never on the
 *    number of workers or on timing:
 *      - schedule(static, n) and schedule(dynamic, n): blocks of n
 *        iterations (the last one shorter);
 *      - otherwise nblocks = min(niters, 1024) blocks of near-equal size,
 *        block b being [b*niters/nblocks, (b+1)*niters/nblocks);
 *      - with reductions, the blocks' partials (below) may not take more than
 *        PAR__LOOP_PARTIALS_MAX bytes: the cap of 1024 is lowered to
 *        max(1, PAR__LOOP_PARTIALS_MAX / stride), where stride is the bytes
 *        of one block's partials, and blocks of n iterations grow to the
 *        smallest multiple of n that fits.
 *
 * 4. Reductions. With nreds > 0 the chunk function is called once per block,
 *    with red[j] pointing at that block's own partial storage for item j
 *    (count*elem_size bytes, 64-byte aligned, set to the identity of the
 *    item's operator: see reduce.h). When every block has run, the partials
 *    are folded into the original variable in block order,
 *    var = ((var op p0) op p1) op ..., element-wise for array sections. So a
 *    result is bit-identical for every PAR_WORKERS. Without reductions a
 *    worker calls the chunk function once per run of consecutive blocks it
 *    claimed.
 *
 * 5. Lastprivate. The chunk that contains iteration niters-1 (the one with
 *    k1 == niters) gets last[j] pointing at a runtime-owned buffer of
 *    lasts[j].size bytes, which holds a copy of the original when the chunk
 *    starts; after the loop the buffer is copied to lasts[j].var. Every other
 *    chunk gets last == NULL (it must not store a last value). When a loop
 *    runs in the calling thread alone (one worker, or nested: 7 below) the
 *    last chunk's last[j] is the original variable itself.
 *
 * 6. Schedules, with W = PAR_WORKERS (the calling thread is one of them):
 *      - static:      W parts, part t = blocks [t*nb/W, (t+1)*nb/W);
 *      - static, n:   W parts, part t = blocks t, t+W, t+2W, ...;
 *        (a part is run by whichever thread claims it: a thread first claims
 *        the part of its own index, then any part left)
 *      - dynamic[,n]: one block at a time from a shared counter;
 *      - guided:      runs of max(1, remaining/(2W)) blocks;
 *      - auto (the default): thread t owns part t (as static) and claims
 *        runs of blocks from its front, sized from the measured time of a
 *        block so that a run takes about PAR__LOOP_AUTO_TARGET_NS, at most
 *        half of what is left of the part but no less than about
 *        PAR__LOOP_AUTO_MIN_NS of work; a thread whose part is empty
 *        takes runs from the back of the largest part left, unless its
 *        owner has begun it and less than PAR__LOOP_STEAL_MIN_NS of work
 *        is left there (the owner ends it sooner than moving its data to
 *        another core's cache would save: in a loop of 10 us run
 *        thousands of times, stealing the last microsecond of the other
 *        thread's part made every loop 25% slower). So a thread
 *        works on the same data in every execution (its caches keep it, as
 *        with OpenMP's static schedule) and the tail still balances. The
 *        first runs are one block, to measure, unless an earlier execution
 *        of the loop measured it.
 *    A loop with one worker runs in the calling thread without the pool
 *    (same blocks, same fold order), and so does an auto loop whose earlier
 *    executions predict less than PAR__LOOP_INLINE_NS for the whole loop.
 *
 * 7. Nesting. parrt_loop_run called from inside a chunk function (on any
 *    thread) runs the whole inner loop in the calling thread, with the same
 *    blocks and fold order as a parallel run: no deadlock, same bits.
 *
 * 8. nowait. With PARRT_LOOP_NOWAIT and a group, the runtime copies what it
 *    needs (the env bytes and the maps, reds and lasts arrays) into the job,
 *    queues it for the pool and returns; the calling thread does not work on
 *    it until parrt_group_wait(group), which helps until every job of the
 *    group has finished, then folds reductions and copies lastprivates job by
 *    job in the order the jobs were started. parrt_group_cleanup is the same
 *    wait. A nowait loop with a NULL group, or nested, runs synchronously.
 *    par_sync() waits for the calling thread's implicit group
 *    (parrt_group_implicit()).
 *    The same groups hold spawned functions (fn.c): parrt_group_wait first
 *    works on the group's loops as above, then waits for its spawned tasks
 *    (running spawned tasks meanwhile, never other loops: fn.c point 6),
 *    then completes the loops in start order. The group is detached at the
 *    start of the wait (group->impl = NULL): work that the waiting thread
 *    starts in the same parrt_group_t meanwhile (the implicit group, from a
 *    task it helps with) goes to a new group.
 *
 * 9. Several threads may run loops at once: each execution is its own job
 *    with its own counters; the pool serves queued jobs first come first.
 *
 * In-process, a chunk sees env = args->env (a nowait job: its copy) and
 * maps[j] = args->maps[j].base; the array is built once per execution.
 * chunk_target, device, retries, timeout and the map extents are not used
 * by the in-process pool.
 *
 * 10. cache (PARRT_LOOP_CACHE; cache.h, docs/cache.md). A top-level loop
 *    with the clause (not if(false), not nested, not in a worker process
 *    under parrun: the driver or ./app owns the cache) runs as a job in
 *    every case (never inline): blocks found in the cache are flagged in
 *    job->skip and never run; the others run as above (or on the workers),
 *    each run of blocks stored once it is done; then the same fold. A
 *    nowait loop with the clause runs synchronously.
 */
#include "internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "fault.h"
#include "shm.h"
#include "log.h"
#include "loop.h"
#include "obs.h"
#include "offload.h"
#include "par/abi.h"
#include "pool.h"
#include "reduce.h"
#include "registry.h"
#include "remote.h"

#define PAR__LOOP_MAX_BLOCKS 1024u
#define PAR__LOOP_PARTIALS_MAX ((uint64_t)64 << 20)
#define PAR__LOOP_AUTO_TARGET_NS 150000u
#define PAR__LOOP_AUTO_MIN_NS 2000u /* auto: the smallest claim but a part's last */
/* auto: a part whose owner has begun it is not stolen from when what is
 * left of it is less work than this (see par__job_claim_auto) */
#define PAR__LOOP_STEAL_MIN_NS 10000u
#define PAR__PART_STRIDE 8u /* job->parts: one 64-byte line per thread */
#define PAR__LOOP_WAIT_SPIN_NS 30000u
#define PAR__LOOP_ALIGN 64u

/* ---- what loops cost: per-loop estimates for schedule(auto) ------------- */

/* An auto loop whose previous executions predict less than this many ns for
 * the whole loop runs in the calling thread: waking the pool would cost more
 * than it saves. Same blocks and fold order, so the same bits. */
#define PAR__LOOP_INLINE_NS 4000u
#define PAR__LOOP_SAMPLE 128u
#define PAR__LOOP_EST_SLOTS 256u

/* A direct-mapped cache of picoseconds per iteration by descriptor. Entries
 * may be overwritten by another loop or torn between the two fields: it is a
 * hint, never a correctness matter. */
typedef struct par__loop_est {
  _Atomic(const parrt_loop_desc_t *) desc;
  atomic_uint_fast64_t ps_per_iter;
  atomic_uint runs;  /* executions predicted "medium": one in PAR__LOOP_SAMPLE runs inline */
  atomic_bool local; /* under parrun: the last execution ran on this process's threads */
} par__loop_est_t;

static par__loop_est_t par__loop_est[PAR__LOOP_EST_SLOTS];

static par__loop_est_t *par__loop_est_slot(const parrt_loop_desc_t *desc) {
  uint64_t x = (uint64_t)(uintptr_t)desc;
  x ^= x >> 29;
  x *= 0x9e3779b97f4a7c15ULL;
  return &par__loop_est[(x >> 40) % PAR__LOOP_EST_SLOTS];
}

static uint64_t par__loop_est_get(const parrt_loop_desc_t *desc) {
  par__loop_est_t *e = par__loop_est_slot(desc);
  if (atomic_load_explicit(&e->desc, memory_order_relaxed) != desc) return 0;
  return atomic_load_explicit(&e->ps_per_iter, memory_order_relaxed);
}

static void par__loop_est_put(const parrt_loop_desc_t *desc, uint64_t ns, uint64_t niters) {
  par__loop_est_t *e = par__loop_est_slot(desc);
  uint64_t ps = (uint64_t)(((unsigned __int128)ns * 1000u) / niters);
  atomic_store_explicit(&e->ps_per_iter, ps ? ps : 1, memory_order_relaxed);
  atomic_store_explicit(&e->desc, desc, memory_order_relaxed);
}

/* Whether the estimate says the whole loop is too small for the pool. The
 * estimate of a parallel run (the threads' chunk times) includes what the
 * threads paid for moving its data between their caches, so it can keep a
 * tiny loop looking bigger than it is: a loop predicted under 16 times the
 * limit runs inline one time in PAR__LOOP_SAMPLE, to measure it alone. Not
 * more often: each such run of a loop that is not tiny takes it twice as
 * long (one in 16 made 10000 loops of 10 us 6% slower than OpenMP's). */
static bool par__loop_est_small(const parrt_loop_desc_t *desc, uint64_t niters) {
  uint64_t ps = par__loop_est_get(desc);
  if (!ps) return false;
  if (niters < (uint64_t)PAR__LOOP_INLINE_NS * 1000u / ps) return true;
  if (niters >= (uint64_t)PAR__LOOP_INLINE_NS * 16000u / ps) return false;
  par__loop_est_t *e = par__loop_est_slot(desc);
  return atomic_fetch_add_explicit(&e->runs, 1, memory_order_relaxed) % PAR__LOOP_SAMPLE ==
         PAR__LOOP_SAMPLE - 1;
}

/* Depth of chunk calls on this thread: > 0 means we are inside a chunk. */
static _Thread_local unsigned par__loop_depth;

/* The implicit group of this thread (par_sync). */
static _Thread_local parrt_group_t par__loop_implicit_group;

/* ---- errors ------------------------------------------------------------- */

_Noreturn void par__fatal(const parrt_loc_t *loc, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  parrt_fatal(loc, msg);
}

PARRT_API _Noreturn void parrt_fatal(const parrt_loc_t *loc, const char *message) {
  /* One message and one exit, even when several chunks fail at once: the
   * others wait here for the process to end. */
  static atomic_flag once = ATOMIC_FLAG_INIT;
  if (atomic_flag_test_and_set(&once))
    for (;;) pause();
  fflush(stdout);
  if (loc && loc->file)
    fprintf(stderr, "%s:%d: error: %s\n", loc->file, (int)loc->line, message ? message : "");
  else
    fprintf(stderr, "par: error: %s\n", message ? message : "");
  fflush(stderr);
  exit(2);
}

PARRT_API void parrt_register_loop(const parrt_loop_desc_t *desc) {
  char err[768];
  const parrt_loop_desc_t *other = NULL;
  if (par__registry_add(desc, &other, err, sizeof err) != PAR_OK)
    parrt_fatal(desc ? &desc->loc : NULL, err);
}

/* ---- the block partition ------------------------------------------------ */

static uint64_t par__round_up(uint64_t x, uint64_t align) { return (x + align - 1) / align * align; }

static uint64_t par__div_up(uint64_t a, uint64_t b) { return a / b + (a % b != 0); }

void par__loop_partition(uint64_t niters, uint32_t schedule, int64_t sched_chunk, uint64_t stride,
                         uint64_t *nblocks, uint64_t *bsize) {
  uint64_t max_blocks = UINT64_MAX;
  if (stride > 0) {
    max_blocks = PAR__LOOP_PARTIALS_MAX / stride;
    if (max_blocks < 1) max_blocks = 1;
  }
  if (niters == 0) {
    *nblocks = 0;
    *bsize = 0;
    return;
  }
  if (sched_chunk > 0 && (schedule == PARRT_SCHED_STATIC || schedule == PARRT_SCHED_DYNAMIC)) {
    uint64_t bs = (uint64_t)sched_chunk;
    uint64_t nb = par__div_up(niters, bs);
    if (nb > max_blocks) {
      uint64_t m = par__div_up(nb, max_blocks);
      bs = bs > niters / m ? niters : bs * m;
      nb = par__div_up(niters, bs);
    }
    *nblocks = nb;
    *bsize = bs;
    return;
  }
  uint64_t cap = PAR__LOOP_MAX_BLOCKS < max_blocks ? PAR__LOOP_MAX_BLOCKS : max_blocks;
  *nblocks = niters < cap ? niters : cap;
  *bsize = 0;
}

bool par__loop_combine_ok(const parrt_loop_desc_t *desc) {
  if (desc->flags & PARRT_LOOP_CACHE) return false;
  for (uint32_t j = 0; j < desc->nreds; j++)
    if (!par__red_exact(desc->reds[j].op, desc->reds[j].type)) return false;
  return true;
}

/* Offsets of each reduction item inside one block's partials; returns the
 * stride (0 without reductions). Each item takes at least PAR__LOOP_ALIGN
 * bytes so that its pointer is never shared or NULL. */
uint64_t par__loop_red_layout(uint32_t nreds, const parrt_red_t *reds, uint64_t *off) {
  uint64_t stride = 0;
  for (uint32_t j = 0; j < nreds; j++) {
    off[j] = stride;
    uint64_t bytes = reds[j].count * reds[j].elem_size;
    stride += bytes ? par__round_up(bytes, PAR__LOOP_ALIGN) : PAR__LOOP_ALIGN;
  }
  return stride;
}

/* ---- checks ------------------------------------------------------------- */

static void par__loop_check(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args) {
  if (PAR__UNLIKELY(!desc || !args)) parrt_fatal(desc ? &desc->loc : NULL, "parrt_loop_run: NULL argument");
  if (PAR__UNLIKELY(desc->abi_version != PARRT_ABI_VERSION ||
                    desc->struct_size != sizeof(parrt_loop_desc_t) ||
                    args->struct_size != sizeof(parrt_loop_args_t)))
    par__fatal(&desc->loc,
               "loop '%s' was compiled for another runtime ABI (version %u, sizes %u/%u; this "
               "runtime: version %d, sizes %zu/%zu): rebuild it with this parcc",
               desc->name ? desc->name : "?", desc->abi_version, desc->struct_size,
               args->struct_size, PARRT_ABI_VERSION, sizeof(parrt_loop_desc_t),
               sizeof(parrt_loop_args_t));
  if (PAR__UNLIKELY(!desc->chunk)) par__fatal(&desc->loc, "loop '%s' has no chunk function", desc->name);
  if (PAR__UNLIKELY((desc->nmaps && !args->maps) || (desc->nreds && !args->reds) ||
                    (desc->nlasts && !args->lasts) || (args->env_size && !args->env)))
    par__fatal(&desc->loc, "loop '%s': arguments missing for its maps, reductions or lastprivates",
               desc->name);
  for (uint32_t j = 0; j < desc->nreds; j++) {
    const parrt_red_desc_t *r = &desc->reds[j];
    if (PAR__UNLIKELY(!par__red_valid(r->op, r->type)))
      par__fatal(&desc->loc, "loop '%s': reduction '%s' (%s on %s) is not valid", desc->name,
                 r->name ? r->name : "?", par__red_op_name(r->op), par__red_type_name(r->type));
    if (PAR__UNLIKELY(args->reds[j].elem_size != par__red_type_size(r->type) ||
                      (args->reds[j].count && !args->reds[j].var)))
      par__fatal(&desc->loc,
                 "loop '%s': reduction '%s' has elements of %llu bytes, expected %zu (%s)",
                 desc->name, r->name ? r->name : "?", (unsigned long long)args->reds[j].elem_size,
                 par__red_type_size(r->type), par__red_type_name(r->type));
  }
}

/* ---- the calling thread alone ------------------------------------------- */

/* Small arrays of pointers: on the stack up to a size, else on the heap. */
#define PAR__SMALL 16

static void **par__ptrs_alloc(void **stack, size_t n) {
  if (n <= PAR__SMALL) return stack;
  void **p = malloc(n * sizeof *p);
  if (!p) parrt_fatal(NULL, "out of memory");
  return p;
}

static void par__ptrs_free(void **stack, void **p) {
  if (p != stack) free(p);
}

static void *par__aligned_alloc(uint64_t bytes, const parrt_loc_t *loc) {
  if (bytes == 0) return NULL;
  void *p = aligned_alloc(PAR__LOOP_ALIGN, par__round_up(bytes, PAR__LOOP_ALIGN));
  if (!p) par__fatal(loc, "out of memory (%llu bytes for a loop's partial results)", (unsigned long long)bytes);
  return p;
}

/* Exact serial semantics: one chunk over everything on the originals. */
static void par__loop_serial(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args) {
  void *maps_s[PAR__SMALL], *red_s[PAR__SMALL], *last_s[PAR__SMALL];
  void **maps = par__ptrs_alloc(maps_s, desc->nmaps);
  void **red = par__ptrs_alloc(red_s, desc->nreds);
  void **last = par__ptrs_alloc(last_s, desc->nlasts);
  for (uint32_t j = 0; j < desc->nmaps; j++) maps[j] = args->maps[j].base;
  for (uint32_t j = 0; j < desc->nreds; j++) red[j] = args->reds[j].var;
  for (uint32_t j = 0; j < desc->nlasts; j++) last[j] = args->lasts[j].var;
  parrt_chunk_t c = {.k0 = 0, .k1 = args->niters, .niters = args->niters, .env = args->env,
                     .maps = desc->nmaps ? maps : NULL, .red = desc->nreds ? red : NULL,
                     .last = desc->nlasts ? last : NULL};
  uint64_t t0 = PAR__UNLIKELY(par__obs_on) ? par__obs_chunk_begin() : 0;
  par__loop_depth++;
  desc->chunk(&c);
  par__loop_depth--;
  if (PAR__UNLIKELY(t0)) par__obs_chunk_end(desc, t0, 0, args->niters, 0);
  par__ptrs_free(maps_s, maps);
  par__ptrs_free(red_s, red);
  par__ptrs_free(last_s, last);
}

/* The block partition run in order in this thread, each block's partials
 * folded as soon as it is done (the same order as a parallel fold). */
static void par__loop_inline(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args) {
  uint32_t nreds = desc->nreds;
  if (nreds == 0) {
    par__loop_serial(desc, args);
    return;
  }
  uint64_t off_s[PAR__SMALL];
  uint64_t *off = nreds <= PAR__SMALL ? off_s : malloc(nreds * sizeof *off);
  if (!off) parrt_fatal(&desc->loc, "out of memory");
  uint64_t stride = par__loop_red_layout(nreds, args->reds, off);
  uint64_t nb, bs;
  par__loop_partition(args->niters, desc->schedule, args->sched_chunk, stride, &nb, &bs);

  void *maps_s[PAR__SMALL], *red_s[PAR__SMALL], *last_s[PAR__SMALL];
  void **maps = par__ptrs_alloc(maps_s, desc->nmaps);
  void **red = par__ptrs_alloc(red_s, nreds);
  void **last = par__ptrs_alloc(last_s, desc->nlasts);
  const par__red_impl_t *impl_s[PAR__SMALL];
  const par__red_impl_t **impl = nreds <= PAR__SMALL ? impl_s : malloc(nreds * sizeof *impl);
  if (!impl) parrt_fatal(&desc->loc, "out of memory");
  for (uint32_t j = 0; j < desc->nmaps; j++) maps[j] = args->maps[j].base;
  for (uint32_t j = 0; j < desc->nlasts; j++) last[j] = args->lasts[j].var;
  unsigned char *partials = par__aligned_alloc(stride, &desc->loc);
  for (uint32_t j = 0; j < nreds; j++) {
    impl[j] = par__red_impl(desc->reds[j].op, desc->reds[j].type);
    red[j] = partials + off[j];
  }

  parrt_chunk_t c = {.niters = args->niters, .env = args->env,
                     .maps = desc->nmaps ? maps : NULL, .red = red};
  par__loop_depth++;
  for (uint64_t b = 0; b < nb; b++) {
    for (uint32_t j = 0; j < nreds; j++) impl[j]->init(red[j], args->reds[j].count);
    c.k0 = par__block_lo(args->niters, nb, bs, b);
    c.k1 = par__block_lo(args->niters, nb, bs, b + 1);
    c.last = desc->nlasts && c.k1 == args->niters ? last : NULL;
    uint64_t t0 = PAR__UNLIKELY(par__obs_on) ? par__obs_chunk_begin() : 0;
    desc->chunk(&c);
    if (PAR__UNLIKELY(t0)) par__obs_chunk_end(desc, t0, c.k0, c.k1, 1);
    for (uint32_t j = 0; j < nreds; j++)
      impl[j]->combine(args->reds[j].var, red[j], args->reds[j].count);
  }
  par__loop_depth--;

  free(partials);
  if (impl != impl_s) free(impl);
  if (off != off_s) free(off);
  par__ptrs_free(maps_s, maps);
  par__ptrs_free(red_s, red);
  par__ptrs_free(last_s, last);
}

/* ---- jobs: one loop execution shared with the pool ---------------------- */

/* Spare jobs for the next executions. A short loop would otherwise take
 * malloc's arena lock twice per execution, and its last reference is often
 * dropped by a pool thread: a free into the caller's arena while the caller
 * allocates the next job, a futex wake-up per loop on 2 cores. A job whose
 * header fits PAR__JOB_SPARE_BYTES is allocated at that size and put back
 * here when it is done (when a slot is free; otherwise freed). Not under
 * AddressSanitizer, which should see every job's life. */
#define PAR__JOB_SPARE_BYTES 2048u
#define PAR__JOB_SPARES 4u
#if defined(__SANITIZE_ADDRESS__)
#define PAR__JOB_SPARE_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PAR__JOB_SPARE_ON 0
#endif
#endif
#ifndef PAR__JOB_SPARE_ON
#define PAR__JOB_SPARE_ON 1
#endif
static _Atomic(par__job_t *) par__job_spare[PAR__JOB_SPARES];

static unsigned char *par__job_alloc(size_t size) {
  if (PAR__JOB_SPARE_ON && size <= PAR__JOB_SPARE_BYTES) {
    for (unsigned i = 0; i < PAR__JOB_SPARES; i++) {
      if (!atomic_load_explicit(&par__job_spare[i], memory_order_relaxed)) continue;
      par__job_t *job = atomic_exchange_explicit(&par__job_spare[i], NULL, memory_order_acquire);
      if (job) return (unsigned char *)job;
    }
    size = PAR__JOB_SPARE_BYTES;
  }
  return aligned_alloc(PAR__LOOP_ALIGN, par__round_up(size, PAR__LOOP_ALIGN));
}

static void par__job_destroy(par__task_t *task) {
  par__job_t *job = (par__job_t *)task;
  pthread_mutex_destroy(&job->mu);
  pthread_cond_destroy(&job->cv);
  free(job->data);
  if (PAR__JOB_SPARE_ON && job->spare) {
    for (unsigned i = 0; i < PAR__JOB_SPARES; i++) {
      par__job_t *none = NULL;
      if (atomic_compare_exchange_strong_explicit(&par__job_spare[i], &none, job,
                                                  memory_order_release, memory_order_relaxed))
        return;
    }
  }
  free(job);
}

static void par__job_finish(par__job_t *job, uint64_t nblocks) {
  if (nblocks == 0) return;
  if (atomic_fetch_sub_explicit(&job->pending, nblocks, memory_order_acq_rel) != nblocks) return;
  pthread_mutex_lock(&job->mu);
  job->done = true;
  if (job->waiting) pthread_cond_signal(&job->cv);
  pthread_mutex_unlock(&job->mu);
}

/* Runs blocks [b0, b1) in this thread. */
static void par__job_run_blocks(par__job_t *job, uint64_t b0, uint64_t b1) {
  uint64_t niters = job->niters, nb = job->nblocks, bs = job->bsize;
  parrt_chunk_t c = {.niters = niters, .env = job->env, .maps = job->nmaps ? job->maps : NULL};
  par__loop_depth++;
  if (job->nreds == 0) {
    c.k0 = par__block_lo(niters, nb, bs, b0);
    c.k1 = par__block_lo(niters, nb, bs, b1);
    c.last = job->nlasts && c.k1 == niters ? job->last_bufs : NULL;
    uint64_t t0 = PAR__UNLIKELY(par__obs_on) ? par__obs_chunk_begin() : 0;
    job->desc->chunk(&c);
    if (PAR__UNLIKELY(t0)) par__obs_chunk_end(job->desc, t0, c.k0, c.k1, b1 - b0);
  } else {
    void *red_s[PAR__SMALL];
    void **red = par__ptrs_alloc(red_s, job->nreds);
    c.red = red;
    for (uint64_t b = b0; b < b1; b++) {
      unsigned char *p = job->data + b * job->stride;
      for (uint32_t j = 0; j < job->nreds; j++) {
        red[j] = p + job->red_off[j];
        job->red_impls[j]->init(red[j], job->reds[j].count);
      }
      c.k0 = par__block_lo(niters, nb, bs, b);
      c.k1 = par__block_lo(niters, nb, bs, b + 1);
      c.last = job->nlasts && c.k1 == niters ? job->last_bufs : NULL;
      uint64_t t0 = PAR__UNLIKELY(par__obs_on) ? par__obs_chunk_begin() : 0;
      job->desc->chunk(&c);
      if (PAR__UNLIKELY(t0)) par__obs_chunk_end(job->desc, t0, c.k0, c.k1, 1);
    }
    par__ptrs_free(red_s, red);
  }
  par__loop_depth--;
}

/* Runs blocks [b0, b1) in this thread; with a cache, only those it did not
 * have, each run of them stored when it is done (cache.h). */
static void par__job_run(par__job_t *job, uint64_t b0, uint64_t b1) {
  if (!job->skip) {
    par__job_run_blocks(job, b0, b1);
    return;
  }
  while (b0 < b1) {
    while (b0 < b1 && job->skip[b0]) b0++;
    uint64_t e = b0;
    while (e < b1 && !job->skip[e]) e++;
    if (b0 == e) break;
    par__job_run_blocks(job, b0, e);
    par__cache_loop_store(job->cache, b0, e);
    b0 = e;
  }
}

/* First block of part t of W (static and auto: consecutive blocks). */
static uint64_t par__part_lo(const par__job_t *job, uint64_t t) {
  return (uint64_t)(((unsigned __int128)t * job->nblocks) / job->nworkers);
}

/* Runs static part t; returns how many blocks it had. */
static uint64_t par__job_run_part(par__job_t *job, uint32_t t) {
  uint64_t nb = job->nblocks, w = job->nworkers;
  if (job->mode == PAR__MODE_STATIC) {
    uint64_t b0 = par__part_lo(job, t), b1 = par__part_lo(job, t + 1);
    if (b0 < b1) par__job_run(job, b0, b1);
    return b1 - b0;
  }
  uint64_t n = 0;
  for (uint64_t b = t; b < nb; b += w, n++) par__job_run(job, b, b + 1);
  return n;
}

/* Claims the next run of blocks (guided); false when none is left. */
static bool par__job_claim_run(par__job_t *job, uint64_t *b0, uint64_t *b1) {
  uint64_t nb = job->nblocks;
  uint_fast64_t n = atomic_load_explicit(&job->next, memory_order_relaxed);
  for (;;) {
    if (n >= nb) return false;
    uint64_t run = (nb - n) / (2 * (uint64_t)job->nworkers);
    if (run < 1) run = 1;
    if (atomic_compare_exchange_weak_explicit(&job->next, &n, n + run, memory_order_relaxed,
                                              memory_order_relaxed)) {
      *b0 = n;
      *b1 = n + run;
      return true;
    }
  }
}

/* An auto part's unclaimed blocks, packed in one word: first << 32 | end
 * (an auto loop has at most PAR__LOOP_MAX_BLOCKS blocks). */
static uint64_t par__packed_lo(uint64_t v) {
  return v >> 32;
}
static uint64_t par__packed_hi(uint64_t v) {
  return v & 0xffffffffu;
}

/* Blocks one claim takes of a part with `left` unclaimed: `want`, at most
 * half of them (so the tail balances) but not less than `least` (a claim
 * costs two clock reads and a chunk call, about 100 ns: halving a 5 us part
 * down to single blocks would cost as much as OpenMP's whole fork and join),
 * at least one. */
static uint64_t par__claim_size(uint64_t want, uint64_t least, uint64_t left) {
  uint64_t run = left / 2 > least ? left / 2 : least;
  if (run > want) run = want;
  if (run > left) run = left;
  return run < 1 ? 1 : run;
}

/* Claims the next run of blocks of an auto job for thread `self`: from the
 * front of its own part, else from the back of the largest part left.
 * False when no block is left. */
bool par__job_claim_auto(par__job_t *job, int self, uint64_t *b0, uint64_t *b1) {
  uint64_t est = atomic_load_explicit(&job->est_ns, memory_order_relaxed);
  uint64_t want = est ? PAR__LOOP_AUTO_TARGET_NS / est : 1;
  uint64_t least = est ? PAR__LOOP_AUTO_MIN_NS / est : 1;
  /* A begun part with less than this many blocks left is its owner's. */
  uint64_t keep = est ? PAR__LOOP_STEAL_MIN_NS / est : 0;
  uint32_t w = job->nworkers;
  if ((uint32_t)self < w) {
    _Atomic uint64_t *p = &job->parts[(size_t)self * PAR__PART_STRIDE];
    uint64_t v = atomic_load_explicit(p, memory_order_relaxed);
    for (;;) {
      uint64_t lo = par__packed_lo(v), hi = par__packed_hi(v);
      if (lo >= hi) break;
      /* Once begun, a part this small is not stolen from: all of it. */
      uint64_t run = hi - lo < keep ? hi - lo : par__claim_size(want, least, hi - lo);
      if (atomic_compare_exchange_weak_explicit(p, &v, (lo + run) << 32 | hi, memory_order_relaxed,
                                                memory_order_relaxed)) {
        *b0 = lo;
        *b1 = lo + run;
        return true;
      }
    }
  }
  for (;;) {
    uint32_t victim = w;
    uint64_t most = 0, v = 0;
    for (uint32_t t = 0; t < w; t++) {
      uint64_t x = atomic_load_explicit(&job->parts[t * PAR__PART_STRIDE], memory_order_relaxed);
      uint64_t lo = par__packed_lo(x), hi = par__packed_hi(x);
      if (hi - lo < keep && lo != par__part_lo(job, t)) continue;
      if (hi > lo && hi - lo > most) most = hi - lo, victim = t, v = x;
    }
    if (victim == w) return false;
    uint64_t lo = par__packed_lo(v), hi = par__packed_hi(v);
    uint64_t run = par__claim_size(want, least, hi - lo);
    if (atomic_compare_exchange_strong_explicit(&job->parts[victim * PAR__PART_STRIDE], &v,
                                                lo << 32 | (hi - run), memory_order_relaxed,
                                                memory_order_relaxed)) {
      *b0 = hi - run;
      *b1 = hi;
      return true;
    }
  }
}

/* Claims and runs pieces of the job until none is left. `self` is the
 * caller's preferred static part (0 for the thread that runs the loop).
 * The blocks it ran are counted off `pending` once, at the end, so that the
 * shared counter is touched once per thread rather than once per run. */
static void par__job_work(par__task_t *task, int self) {
  par__job_t *job = (par__job_t *)task;
  uint64_t done = 0;
  switch (job->mode) {
  case PAR__MODE_STATIC:
  case PAR__MODE_STATIC_RR: {
    uint32_t w = job->nworkers;
    if ((uint32_t)self < w && !atomic_exchange_explicit(&job->slot_taken[self], 1, memory_order_relaxed))
      done += par__job_run_part(job, (uint32_t)self);
    for (;;) {
      uint32_t t = atomic_fetch_add_explicit(&job->scan, 1, memory_order_relaxed);
      if (t >= w) break;
      if (!atomic_exchange_explicit(&job->slot_taken[t], 1, memory_order_relaxed))
        done += par__job_run_part(job, t);
    }
    break;
  }
  case PAR__MODE_DYNAMIC:
    for (;;) {
      uint64_t b = atomic_fetch_add_explicit(&job->next, 1, memory_order_relaxed);
      if (b >= job->nblocks) break;
      par__job_run(job, b, b + 1);
      done++;
    }
    break;
  case PAR__MODE_GUIDED: {
    uint64_t b0, b1;
    while (par__job_claim_run(job, &b0, &b1)) {
      par__job_run(job, b0, b1);
      done += b1 - b0;
    }
    break;
  }
  case PAR__MODE_AUTO: {
    uint64_t b0, b1;
    while (par__job_claim_auto(job, self, &b0, &b1)) {
      uint64_t t0 = par__time_ns();
      par__job_run(job, b0, b1);
      done += b1 - b0;
      uint64_t per = (par__time_ns() - t0) / (b1 - b0);
      if (per < 1) per = 1;
      /* Written only when it moves by more than an eighth: every thread
       * reads it for every claim, and a line written by all of them at
       * each claim costs more than a short block. */
      uint64_t old = atomic_load_explicit(&job->est_ns, memory_order_relaxed);
      uint64_t est = old ? (3 * old + per) / 4 : per;
      if (!old || est > old + old / 8 || est < old - old / 8)
        atomic_store_explicit(&job->est_ns, est, memory_order_relaxed);
    }
    break;
  }
  }
  par__pool_unlink(task);
  par__job_finish(job, done);
}

/* Work pieces that can run at once: how many threads are worth waking. */
static uint64_t par__job_units(const par__job_t *job) {
  if (job->mode == PAR__MODE_STATIC || job->mode == PAR__MODE_STATIC_RR)
    return job->nblocks < job->nworkers ? job->nblocks : job->nworkers;
  return job->nblocks;
}

static uint32_t par__loop_mode(uint32_t schedule, int64_t sched_chunk) {
  switch (schedule) {
  case PARRT_SCHED_STATIC:
    return sched_chunk > 0 ? PAR__MODE_STATIC_RR : PAR__MODE_STATIC;
  case PARRT_SCHED_DYNAMIC:
    return PAR__MODE_DYNAMIC;
  case PARRT_SCHED_GUIDED:
    return PAR__MODE_GUIDED;
  default:
    return PAR__MODE_AUTO;
  }
}

/* Lays out one allocation: returns the offset of `bytes` aligned to `align`. */
static size_t par__layout(size_t *size, size_t bytes, size_t align) {
  size_t off = (*size + align - 1) / align * align;
  *size = off + bytes;
  return off;
}

/* Makes the job of one loop execution. With `copy`, the job keeps its own
 * copies of the env bytes and the maps, reds and lasts arrays (nowait);
 * without, it borrows them from `args` until the loop returns. */
par__job_t *par__job_create(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                                   uint32_t nworkers, bool copy) {
  uint32_t nmaps = desc->nmaps, nreds = desc->nreds, nlasts = desc->nlasts;
  uint32_t mode = par__loop_mode(desc->schedule, args->sched_chunk);
  bool is_static = mode == PAR__MODE_STATIC || mode == PAR__MODE_STATIC_RR;

  size_t size = sizeof(par__job_t);
  size_t o_maps = par__layout(&size, nmaps * sizeof(void *), sizeof(void *));
  size_t o_impls = par__layout(&size, nreds * sizeof(void *), sizeof(void *));
  size_t o_off = par__layout(&size, nreds * sizeof(uint64_t), sizeof(uint64_t));
  size_t o_lastp = par__layout(&size, nlasts * sizeof(void *), sizeof(void *));
  size_t o_slots = par__layout(&size, is_static ? nworkers : 0, 1);
  size_t o_parts = par__layout(
      &size, mode == PAR__MODE_AUTO ? nworkers * PAR__PART_STRIDE * sizeof(uint64_t) : 0, 64);
  size_t o_env = 0, o_reds = 0, o_lasts = 0;
  if (copy) {
    o_env = par__layout(&size, args->env_size, PAR__LOOP_ALIGN);
    o_reds = par__layout(&size, nreds * sizeof(parrt_red_t), _Alignof(parrt_red_t));
    o_lasts = par__layout(&size, nlasts * sizeof(parrt_last_t), _Alignof(parrt_last_t));
  }
  unsigned char *mem = par__job_alloc(size);
  if (!mem) par__fatal(&desc->loc, "out of memory");
  par__job_t *job = (par__job_t *)mem;
  memset(job, 0, sizeof *job);
  job->spare = size <= PAR__JOB_SPARE_BYTES;
  par__task_init(&job->task, par__job_work, par__job_destroy);
  job->desc = desc;
  job->niters = args->niters;
  job->mode = mode;
  job->nworkers = nworkers;
  job->nmaps = nmaps;
  job->nreds = nreds;
  job->nlasts = nlasts;
  job->maps = (void **)(mem + o_maps);
  job->red_impls = (const par__red_impl_t **)(mem + o_impls);
  job->red_off = (uint64_t *)(mem + o_off);
  job->last_bufs = (void **)(mem + o_lastp);
  job->slot_taken = (atomic_uchar *)(mem + o_slots);
  job->parts = mode == PAR__MODE_AUTO ? (_Atomic uint64_t *)(mem + o_parts) : NULL;
  for (uint32_t t = 0; is_static && t < nworkers; t++) atomic_init(&job->slot_taken[t], 0);
  if (copy) {
    if (args->env_size) memcpy(mem + o_env, args->env, args->env_size);
    job->env = args->env_size ? mem + o_env : args->env;
    if (nreds) memcpy(mem + o_reds, args->reds, nreds * sizeof(parrt_red_t));
    if (nlasts) memcpy(mem + o_lasts, args->lasts, nlasts * sizeof(parrt_last_t));
    job->reds = (const parrt_red_t *)(mem + o_reds);
    job->lasts = (const parrt_last_t *)(mem + o_lasts);
  } else {
    job->env = args->env;
    job->reds = args->reds;
    job->lasts = args->lasts;
  }
  for (uint32_t j = 0; j < nmaps; j++) job->maps[j] = args->maps[j].base;
  for (uint32_t j = 0; j < nreds; j++)
    job->red_impls[j] = par__red_impl(desc->reds[j].op, desc->reds[j].type);

  job->stride = par__loop_red_layout(nreds, job->reds, job->red_off);
  par__loop_partition(args->niters, desc->schedule, args->sched_chunk, job->stride, &job->nblocks,
                      &job->bsize);

  /* Partials of every block, then the lastprivate buffers. */
  uint64_t dsize = job->stride * job->nblocks;
  uint64_t o_last = dsize;
  for (uint32_t j = 0; j < nlasts; j++) dsize += par__round_up(job->lasts[j].size ? job->lasts[j].size : 1, PAR__LOOP_ALIGN);
  job->data = par__aligned_alloc(dsize, &desc->loc);
  for (uint32_t j = 0; j < nlasts; j++) {
    job->last_bufs[j] = job->data + o_last;
    if (job->lasts[j].size) memcpy(job->last_bufs[j], job->lasts[j].var, job->lasts[j].size);
    o_last += par__round_up(job->lasts[j].size ? job->lasts[j].size : 1, PAR__LOOP_ALIGN);
  }

  atomic_init(&job->next, 0);
  atomic_init(&job->scan, 0);
  /* auto: part t of W, as static (blocks are at most PAR__LOOP_MAX_BLOCKS),
   * and the time of a block from earlier executions when there is one */
  uint64_t est = 0;
  for (uint32_t t = 0; job->parts && t < nworkers; t++)
    atomic_init(&job->parts[t * PAR__PART_STRIDE],
                par__part_lo(job, t) << 32 | par__part_lo(job, t + 1));
  if (job->parts && job->nblocks) {
    uint64_t ps = par__loop_est_get(desc);
    est = (uint64_t)(((unsigned __int128)ps * job->niters) /
                     (1000u * (unsigned __int128)job->nblocks));
  }
  atomic_init(&job->est_ns, est);
  atomic_init(&job->pending, job->nblocks);
  pthread_mutex_init(&job->mu, NULL);
  pthread_cond_init(&job->cv, NULL);
  return job;
}

/* Waits until every block of the job has run. */
static void par__job_wait(par__job_t *job) {
  if (atomic_load_explicit(&job->pending, memory_order_acquire) == 0) return;
  uint64_t start = par__time_ns();
  for (unsigned i = 1;; i++) {
    par__cpu_relax();
    if (atomic_load_explicit(&job->pending, memory_order_acquire) == 0) return;
    if ((i & 63) == 0 && par__time_ns() - start > PAR__LOOP_WAIT_SPIN_NS) break;
  }
  pthread_mutex_lock(&job->mu);
  while (!job->done) {
    job->waiting = true;
    pthread_cond_wait(&job->cv, &job->mu);
  }
  pthread_mutex_unlock(&job->mu);
}

/* After every block has run: partials into the originals in block order,
 * lastprivate buffers into theirs. */
void par__job_complete(par__job_t *job) {
  for (uint64_t b = 0; b < job->nblocks && job->nreds; b++) {
    const unsigned char *p = job->data + b * job->stride;
    for (uint32_t j = 0; j < job->nreds; j++)
      job->red_impls[j]->combine(job->reds[j].var, p + job->red_off[j], job->reds[j].count);
  }
  for (uint32_t j = 0; j < job->nlasts; j++)
    if (job->lasts[j].size) memcpy(job->lasts[j].var, job->last_bufs[j], job->lasts[j].size);
}

/* ---- the cache clause (cache.h) -------------------------------------------- */

/* A loop with `cache`: the blocks the cache has are put in place, the others
 * run on the workers (under parrun) or the pool, each stored as it is done;
 * then the usual fold. A nowait loop runs synchronously. */
static void par__loop_cached(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args) {
  bool remote = par__driver_active() && par__driver_can_run(desc);
  int w = remote ? 1 : par__pool_start();
  par__job_t *job = par__job_create(desc, args, (uint32_t)w, false);
  par__cache_loop_t *c = par__cache_loop_open(job, desc, args);
  if (job->nskip < job->nblocks) {
    if (remote) {
      par__driver_loop(job, desc, args);
    } else {
      uint64_t units = par__job_units(job), helpers = (uint64_t)w - 1;
      if (w > 1 && units > 1)
        par__pool_push(&job->task, (unsigned)(units - 1 < helpers ? units - 1 : helpers));
      par__job_work(&job->task, 0);
      par__job_wait(job);
    }
  }
  par__job_complete(job);
  par__cache_loop_close(c);
  par__task_unref(&job->task);
}

/* ---- entry points ------------------------------------------------------- */

static void par__loop_run(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                          parrt_group_t *group) {
  par__loop_check(desc, args);
  if (par__offload_loop(desc, args, group)) return; /* device(gpu|any): offload.c */
  if (args->niters == 0) return;
  if (args->if_false) {
    par__loop_serial(desc, args);
    return;
  }
  if (par__loop_depth > 0) {
    par__loop_inline(desc, args);
    return;
  }
  if ((desc->flags & PARRT_LOOP_CACHE) && par__config_get()->role != PAR__ROLE_WORKER) {
    par__loop_cached(desc, args);
    return;
  }
  if (par__driver_active() && par__driver_can_run(desc)) {
    /* Under parrun: on the workers, unless earlier executions say the loop
     * is too short to gain from it (then on this process's own threads).
     * A nowait loop runs synchronously there. */
    uint64_t ps = par__loop_est_get(desc);
    uint64_t min_ns = par__driver_min_ns();
    /* Hysteresis: a local estimate includes the pool's own costs and any
     * preemption (a few ms on a busy host), so a loop that runs here goes
     * back to the workers only when it is clearly long (16 times the limit);
     * it would otherwise bounce between the two, paying a round trip and
     * its data's journey each time it is sent. */
    par__loop_est_t *e = par__loop_est_slot(desc);
    bool was_local = atomic_load_explicit(&e->local, memory_order_relaxed);
    unsigned __int128 limit = (unsigned __int128)min_ns * 1000u * (was_local ? 16u : 1u);
    bool remote = !ps || (unsigned __int128)ps * args->niters >= limit;
    atomic_store_explicit(&e->local, !remote, memory_order_relaxed);
    if (remote) {
      par__job_t *job = par__job_create(desc, args, 1, false);
      uint64_t ns = par__driver_loop(job, desc, args);
      par__job_complete(job);
      if (ns) par__loop_est_put(desc, ns, args->niters);
      par__task_unref(&job->task);
      return;
    }
  }
  /* timeout(s) in this process: fault.c (the loop's end closes the watch) */
  __attribute__((cleanup(par__fault_watch_end))) par__fault_watch_t watch;
  par__fault_watch_open(&watch, "loop", desc->name, desc->loc.file, (int)desc->loc.line,
                        args->struct_size >= offsetof(parrt_loop_args_t, timeout) + sizeof(double)
                            ? args->timeout
                            : 0);
  int w = par__pool_start();
  if ((desc->flags & PARRT_LOOP_NOWAIT) && group) {
    par__group_t *g = par__group_get(group);
    par__job_t *job = par__job_create(desc, args, (uint32_t)w, true);
    if (w > 1) {
      uint64_t units = par__job_units(job);
      par__pool_push(&job->task, (unsigned)(units < (uint64_t)w - 1 ? units : (uint64_t)w - 1));
    }
    job->group_next = g->jobs;
    g->jobs = job;
    return;
  }
  if (w == 1) {
    par__loop_inline(desc, args);
    return;
  }
  bool is_auto = desc->schedule == PARRT_SCHED_AUTO;
  if (is_auto && par__loop_est_small(desc, args->niters)) {
    uint64_t t0 = par__time_ns();
    par__loop_inline(desc, args);
    par__loop_est_put(desc, par__time_ns() - t0, args->niters);
    return;
  }
  par__job_t *job = par__job_create(desc, args, (uint32_t)w, false);
  uint64_t units = par__job_units(job);
  if (units > 1)
    par__pool_push(&job->task, (unsigned)(units - 1 < (uint64_t)w - 1 ? units - 1 : (uint64_t)w - 1));
  par__job_work(&job->task, 0);
  par__job_wait(job);
  par__job_complete(job);
  if (is_auto) {
    /* ns per block, measured by the workers, as ns for the whole loop. */
    uint64_t est = atomic_load_explicit(&job->est_ns, memory_order_relaxed);
    if (est) par__loop_est_put(desc, (uint64_t)((unsigned __int128)est * job->nblocks), args->niters);
  }
  par__task_unref(&job->task);
}

/* With PAR_PROGRESS/PAR_TRACE/PAR_REPORT/PAR_STATS (obs.h) the execution
 * is recorded; otherwise this is one branch. */
PARRT_API void parrt_loop_run(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                              parrt_group_t *group) {
  par__shm_enter(); /* the runtime's own allocations stay private (shm.h) */
  if (PAR__UNLIKELY(par__obs_on))
    par__obs_loop_run(desc, args, group, par__loop_run);
  else
    par__loop_run(desc, args, group);
  par__shm_leave();
}

/* ---- groups (point 8; loop.h) ------------------------------------------- */

par__group_t *par__group_get(parrt_group_t *group) {
  if (group->impl) return group->impl;
  par__group_t *g = calloc(1, sizeof *g);
  if (!g) parrt_fatal(NULL, "out of memory");
  pthread_mutex_init(&g->mu, NULL);
  pthread_cond_init(&g->cv, NULL);
  atomic_init(&g->refs, 1);
  atomic_init(&g->pending, 0);
  atomic_init(&g->local, 0);
  group->impl = g;
  return g;
}

void par__group_unref(par__group_t *g) {
  if (atomic_fetch_sub_explicit(&g->refs, 1, memory_order_acq_rel) != 1) return;
  pthread_mutex_destroy(&g->mu);
  pthread_cond_destroy(&g->cv);
  free(g->writers);
  free(g);
}

PARRT_API void parrt_group_wait(parrt_group_t *group, const parrt_loc_t *loc) {
  (void)loc;
  if (!group || !group->impl) return;
  par__group_t *g = group->impl;
  group->impl = NULL;
  /* The list is newest first: reverse it to complete jobs in start order. */
  par__job_t *jobs = NULL;
  for (par__job_t *j = g->jobs, *next; j; j = next) {
    next = j->group_next;
    j->group_next = jobs;
    jobs = j;
  }
  g->jobs = NULL;
  for (par__job_t *j = jobs; j; j = j->group_next) par__job_work(&j->task, 0);
  par__fn_group_wait(g);
  for (par__job_t *j = jobs, *next; j; j = next) {
    next = j->group_next;
    par__job_wait(j);
    par__job_complete(j);
    par__task_unref(&j->task);
  }
  par__group_unref(g);
}

PARRT_API void parrt_group_cleanup(parrt_group_t *group) { parrt_group_wait(group, NULL); }

PARRT_API parrt_group_t *parrt_group_implicit(void) { return &par__loop_implicit_group; }

PARRT_API void par_sync(void) { parrt_group_wait(&par__loop_implicit_group, NULL); }

PARRT_API int par_num_workers(void) {
  int n = par__node_nworkers();
  return n > 0 ? n : par__pool_size();
}

PARRT_API int par_rank(void) { return par__config_get()->rank; }

bool par__loop_in_chunk(void) { return par__loop_depth > 0; }

void par__loop_call_chunk(const parrt_loop_desc_t *desc, const parrt_chunk_t *c) {
  par__loop_depth++;
  par__offload_call_chunk(desc, c);
  par__loop_depth--;
}
