/* loop.h: internals of loop execution shared with other runtime modules and
 * the unit tests. The contract of a loop execution is at the top of loop.c. */
#ifndef PAR_RUNTIME_LOOP_H
#define PAR_RUNTIME_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pthread.h>
#include <stdatomic.h>

#include "par/abi.h"
#include "pool.h"
#include "reduce.h"

/* The block partition of a loop (loop.c, point 3): *nblocks blocks, each of
 * *bsize iterations (the last one shorter), or of near-equal sizes
 * [b*niters/nblocks, (b+1)*niters/nblocks) when *bsize is 0. `stride` is the
 * bytes of one block's reduction partials (0 without reductions). Depends on
 * nothing else: the driver, the workers and the tests agree on it. */
void par__loop_partition(uint64_t niters, uint32_t schedule, int64_t sched_chunk, uint64_t stride,
                         uint64_t *nblocks, uint64_t *bsize);

/* Offsets of each reduction item inside one block's partials (off[nreds]);
 * returns the stride of one block's partials (0 without reductions). */
uint64_t par__loop_red_layout(uint32_t nreds, const parrt_red_t *reds, uint64_t *off);

/* Whether a worker may send a task's reduction partials combined into one
 * block's (docs/protocol.md, RESULT's `combined`): every reduction exact
 * (par__red_exact), and no `cache` clause, whose per-block entries must
 * each hold their own block's partials (a run killed between two of a
 * task's entries would otherwise count the task twice on resume). The
 * driver and the worker decide alike from the descriptor. */
bool par__loop_combine_ok(const parrt_loop_desc_t *desc);

/* Whether the calling thread is inside a chunk function. */
bool par__loop_in_chunk(void);

/* parrt_fatal with a printf format. */
_Noreturn void par__fatal(const parrt_loc_t *loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* First iteration of block b (niters for b >= nblocks). */
static inline uint64_t par__block_lo(uint64_t niters, uint64_t nblocks, uint64_t bsize, uint64_t b) {
  if (b >= nblocks) return niters;
  if (bsize) return b * bsize;
  return (uint64_t)(((unsigned __int128)b * niters) / nblocks);
}

/* ---- jobs: one loop execution (loop.c); the driver (driver.c) reuses them
 * for loops run on remote workers: the partition, the partials of every
 * block, the lastprivate buffers and the fold are the same. */
enum par__loop_mode {
  PAR__MODE_STATIC,    /* W parts of consecutive blocks */
  PAR__MODE_STATIC_RR, /* W parts, blocks round-robin */
  PAR__MODE_DYNAMIC,   /* one block at a time */
  PAR__MODE_GUIDED,    /* runs of remaining/(2W) */
  PAR__MODE_AUTO,      /* runs sized from measured block times */
};

typedef struct par__job par__job_t;

struct par__job {
  par__task_t task; /* first: a par__task_t * is a par__job_t * */
  const parrt_loop_desc_t *desc;
  uint64_t niters, nblocks, bsize;
  uint32_t mode;
  uint32_t nworkers; /* W */
  uint32_t nmaps, nreds, nlasts;
  bool spare;                        /* allocated at PAR__JOB_SPARE_BYTES (loop.c) */
  const void *env;                   /* args->env, or the job's copy */
  void **maps;                       /* nmaps base addresses */
  const parrt_red_t *reds;           /* args->reds, or the job's copy */
  const parrt_last_t *lasts;         /* args->lasts, or the job's copy */
  const par__red_impl_t **red_impls; /* nreds */
  uint64_t *red_off;                 /* nreds offsets in a block's partials */
  uint64_t stride;                   /* bytes of one block's partials */
  unsigned char *data;               /* owned: partials, then last buffers */
  void **last_bufs;                  /* nlasts pointers into data */
  atomic_uchar *slot_taken;          /* static modes: nworkers flags */
  _Atomic uint64_t *parts;           /* auto: per thread t, parts[t * PAR__PART_STRIDE]: its
                                        blocks not claimed yet, first << 32 | end
                                        (par__job_claim_auto), a cache line each */

  /* shared counters */
  _Alignas(64) atomic_uint_fast64_t next; /* first unclaimed block */
  _Alignas(64) atomic_uint scan;          /* static: next part to try */
  atomic_uint_fast64_t est_ns;            /* auto: measured ns per block, 0: none yet */
  _Alignas(64) atomic_uint_fast64_t pending; /* blocks not finished */

  pthread_mutex_t mu; /* guards done and waiting */
  pthread_cond_t cv;
  bool done, waiting;

  par__job_t *group_next; /* the group's list, newest first */

  /* cache clause (cache.h): blocks taken from the cache are flagged in
   * skip (owned by the cache; NULL without one) and never run */
  uint8_t *skip;
  uint64_t nskip;
  struct par__cache_loop *cache;
};

/* Makes the job of one loop execution for `nworkers` threads. With `copy`
 * the job keeps its own copies of the env bytes and the maps, reds and lasts
 * arrays (nowait); without, it borrows them from `args` until it is done. */
par__job_t *par__job_create(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                            uint32_t nworkers, bool copy);

/* Auto schedule: claims the next run of blocks for thread `self` (its own
 * part's front, else the back of the largest part that may be stolen
 * from); false when none is left (loop.c, point 6). */
bool par__job_claim_auto(par__job_t *job, int self, uint64_t *b0, uint64_t *b1);

/* After every block has run: partials folded into the originals in block
 * order, lastprivate buffers copied into theirs. */
void par__job_complete(par__job_t *job);

/* Calls desc->chunk(c) as a chunk of this thread (loops started inside it
 * run inline: loop.c, point 7). */
void par__loop_call_chunk(const parrt_loop_desc_t *desc, const parrt_chunk_t *c);

/* Whether parrt_loop_run may hand this loop to remote workers (driver.c
 * decides; loop.c asks). */

/* ---- groups: what parrt_group_t.impl points at (loop.c point 8, fn.c).
 *
 * Allocated by the first nowait loop or spawn of a parrt_group_t, detached
 * from it by parrt_group_wait, and freed when the last reference goes: the
 * owner's (dropped by parrt_group_wait once everything has finished) and one
 * per spawned task not completed yet (dropped by par__fn_complete after it
 * has let go of `mu`, so a completion never touches a freed group). Only
 * the thread that owns the parrt_group_t (the function activation that
 * declared it, or the thread of parrt_group_implicit) starts work in it
 * and waits for it; completions come from any thread. */
typedef struct par__group par__group_t;
struct par__fntask;

/* lhs -> the latest spawn of the group that writes it, or NULL once that
 * one has completed (the key stays: a table without deletions). */
typedef struct par__fn_writer {
  void *lhs;
  struct par__fntask *task;
} par__fn_writer_t;

struct par__group {
  pthread_mutex_t mu; /* guards everything below but `jobs` */
  pthread_cond_t cv;  /* parrt_group_wait sleeps here; par__fn_complete wakes it */
  atomic_int refs;
  par__job_t *jobs;      /* nowait loops, newest first: the owner's only */
  atomic_size_t pending; /* spawned tasks not completed (written under mu) */
  atomic_size_t local;   /* of them, those this process's pool runs */
  unsigned waiters;      /* threads in cv */
  struct par__fntask *queued_head, *queued_tail; /* fn.h group_next: its queued
                                                    in-process tasks, oldest first */
  par__fn_writer_t *writers; /* open addressing, wcap slots (power of 2) */
  size_t wcap, wlen;
};

/* The group of `group`, made at its first use. */
par__group_t *par__group_get(parrt_group_t *group);

/* Drops a reference; the last one frees the group. */
void par__group_unref(par__group_t *g);

/* fn.c: returns when every task spawned in g has completed; meanwhile runs
 * queued pool tasks while some of g's run in this process (pool.h). */
void par__fn_group_wait(par__group_t *g);

#endif /* PAR_RUNTIME_LOOP_H */
