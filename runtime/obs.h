/* obs.h: runtime observability: an event recorder and what is made of it.
 *
 * PAR_PROGRESS, PAR_TRACE, PAR_REPORT and PAR_STATS (parrun --progress,
 * --trace, --report, --stats; docs/observability.md) all read what the
 * hooks below record. par__obs_start (from __wrap_main, before any runtime
 * thread exists) sets par__obs_on when one of them is asked in a standalone
 * program or in the driver; a worker records nothing (the driver sees its
 * tasks go and come back). When nothing is asked every hook site costs one
 * predictable branch on par__obs_on, which is written once before any other
 * runtime thread is created and only read afterwards.
 *
 * What is recorded, from where:
 *   - a chunk call in this process (loop.c: the pool, the calling thread
 *     alone, nested loops): par__obs_chunk_begin/end, on the calling
 *     thread's track;
 *   - a top-level loop execution (parrt_loop_run through par__obs_loop_run):
 *     a span on the calling thread's track, its block count (progress
 *     totals and the stats' chunk count: blocks of the partition, loop.c
 *     point 3) and its wall time;
 *   - a spawned function run by the in-process pool (fn.c): par__obs_fn_*;
 *   - under parrun, the driver's driving thread (driver.c: its network
 *     thread, or a loop's caller while it waits): every task and
 *     call it sends (par__obs_remote_sent), their results (par__obs_remote_*),
 *     and every message to a worker with its bytes (par__obs_xfer), all
 *     timestamped on the driver's clock, so no clock offsets between hosts
 *     enter the trace.
 * Events go to per-thread buffers of fixed-size blocks: a thread appends to
 * its own, lock-free; the block's count is published with a release store,
 * so the exit code (which reads every buffer) needs no lock.
 */
#ifndef PAR_RUNTIME_OBS_H
#define PAR_RUNTIME_OBS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "par/abi.h"

/* Bits of par__obs_on. */
#define PAR__OBS_PROGRESS 1 /* counters for the progress thread */
#define PAR__OBS_RECORD 2   /* events for the trace, report and stats */

/* Written once by par__obs_start before any other runtime thread exists. */
extern int par__obs_on;

/* Reads the configuration; with something asked (and not a worker) sets
 * par__obs_on, starts the progress thread if asked and registers the exit
 * handler that writes the stats, trace and report. Once per process. */
void par__obs_start(void);

/* ---- hooks (call only when par__obs_on) --------------------------------- */

typedef void (*par__obs_loop_fn)(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                                 parrt_group_t *group);

/* Runs `run(desc, args, group)` (parrt_loop_run's body) as one recorded
 * loop execution. */
void par__obs_loop_run(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                       parrt_group_t *group, par__obs_loop_fn run);

/* Before a chunk call in this process: returns the time to pass to
 * par__obs_chunk_end (and counts this thread busy until then). */
uint64_t par__obs_chunk_begin(void);

/* After the chunk call of iterations [k0, k1) covering `nblocks` blocks of
 * the partition; nblocks 0: the whole loop ran in this one call (the
 * calling thread alone). */
void par__obs_chunk_end(const parrt_loop_desc_t *desc, uint64_t t0, uint64_t k0, uint64_t k1,
                        uint64_t nblocks);

/* A call or spawn of desc was made (in-process or for the workers). */
void par__obs_fn_submit(const parrt_fn_desc_t *desc);

/* A spawned function ran in this thread from t0 (par__obs_chunk_begin). */
void par__obs_fn_end(const parrt_fn_desc_t *desc, uint64_t t0);

/* The driver's driving thread: worker `rank` on `host` (borrowed), which runs
 * `threads` tasks at once, was admitted. */
void par__obs_worker(int rank, const char *host, uint32_t threads);

/* The driver's driving thread: a task or call went to `rank` now; returns the
 * time to pass to the matching par__obs_remote_chunk/call. */
uint64_t par__obs_remote_sent(int rank);

/* The driver's driving thread: the result of a task (blocks of iterations
 * [k0, k1)) sent at t_sent arrived from `rank`: its worker measured
 * work_ns; bytes_in is the size of the result message. */
void par__obs_remote_chunk(const parrt_loop_desc_t *desc, int rank, uint64_t t_sent,
                           uint64_t work_ns, uint64_t k0, uint64_t k1, uint64_t nblocks,
                           uint64_t bytes_in);

/* The same for a distributed function's RETURN. */
void par__obs_remote_call(const parrt_fn_desc_t *desc, int rank, uint64_t t_sent,
                          uint64_t work_ns, uint64_t bytes_in);

/* The driver's driving thread: a message of `bytes` for `what` (a loop
 * descriptor when !is_fn, else a function descriptor; NULL: the job's own
 * messages) to `rank` was handed to UCX at t0 and its send completed now. */
void par__obs_xfer(int rank, const void *what, bool is_fn, uint64_t t0, uint64_t bytes);

/* A message of `bytes` (header and payload) for `what` came in apart from
 * its result: a task's DATA that did not fit in its RESULT. Counted in the
 * stats' `received`. */
void par__obs_recv(const void *what, bool is_fn, uint64_t bytes);

/* A chunk or call of `what` is being run again (retries clause). */
void par__obs_retry(const void *what, bool is_fn);

/* Monotonic now (par__time_ns), for hook sites. */
uint64_t par__obs_now(void);

/* ---- for progress.c, trace.c, report.c (obs.c's data) -------------------- */

enum par__obs_kind {
  PAR__OBS_EV_CHUNK,    /* a chunk call or remote loop task */
  PAR__OBS_EV_TASK,     /* a spawned function or remote call */
  PAR__OBS_EV_LOOP,     /* a top-level loop execution, on its caller */
  PAR__OBS_EV_XFER_OUT, /* a message to a worker */
  PAR__OBS_EV_XFER_IN,  /* a result from a worker */
};

typedef struct par__obs_ev {
  uint64_t t0, t1;  /* ns since the recorder started */
  const void *what; /* parrt_loop_desc_t or parrt_fn_desc_t (is_fn); may be NULL for xfers */
  uint64_t k0, k1;  /* chunks: iterations; xfers: k0 = bytes */
  uint32_t nblocks; /* chunks: blocks of the partition */
  uint16_t track;   /* index into the track table */
  uint8_t kind;     /* par__obs_kind */
  uint8_t is_fn;
} par__obs_ev_t;

/* A track: a thread of this process, a worker's compute, or a worker's
 * transfers. */
typedef struct par__obs_track {
  int rank;      /* 0: this process; else the worker */
  bool transfers; /* the worker's message track */
  uint32_t threads; /* a worker's compute threads (0: unknown) */
  char name[80];
} par__obs_track_t;

/* Per loop or function: counters kept whatever the event buffers hold. */
typedef struct par__obs_entry {
  _Atomic(const void *) what;
  _Atomic bool is_fn; /* set by the thread that made the entry, right after */
  atomic_uint_fast64_t runs;        /* executions (loops) or calls made (functions) */
  atomic_uint_fast64_t total;       /* blocks of started executions / calls made */
  atomic_uint_fast64_t done;        /* blocks / calls finished */
  atomic_uint_fast64_t calls;       /* chunk calls and remote tasks */
  atomic_uint_fast64_t wall_ns;     /* loops: sum of execution times */
  atomic_uint_fast64_t busy_ns;     /* sum of chunk / call times */
  atomic_uint_fast64_t bytes_out;   /* to workers */
  atomic_uint_fast64_t bytes_in;    /* from workers */
  atomic_uint_fast64_t retries;
  atomic_uint_fast64_t active_since; /* progress: when done last caught up with total (ns) */
  atomic_uint_fast64_t base_done;    /* progress: done at that moment */
  uint64_t printed_done;             /* progress thread only */
} par__obs_entry_t;

#define PAR__OBS_ENTRIES 1024u

typedef struct par__obs_state {
  uint64_t epoch;   /* par__time_ns at start */
  uint64_t end;     /* ns since epoch, when the exit handler ran */
  int nworkers;     /* under parrun; 0 standalone */
  int threads;      /* the pool's W, at exit */
  par__obs_entry_t entries[PAR__OBS_ENTRIES];
  par__obs_track_t *tracks; /* ntracks */
  atomic_uint ntracks;
  atomic_uint_fast64_t nevents, dropped;
  atomic_int busy_local;  /* threads of this process inside a chunk/task */
  atomic_int *inflight;   /* [nworkers + 1]: remote tasks in flight per rank */
} par__obs_state_t;

extern par__obs_state_t par__obs;

/* Calls fn(ev, ctx) for every recorded event (exit time only). */
void par__obs_each(void (*fn)(const par__obs_ev_t *ev, void *ctx), void *ctx);

/* "name" and "file:line" of a descriptor. */
const char *par__obs_name(const void *what, bool is_fn);
void par__obs_where(const void *what, bool is_fn, char *buf, size_t len);

/* Writes the stats table (obs.c), the trace (trace.c), the report
 * (report.c); false with errno set when the file cannot be written. */
void par__obs_stats_print(FILE *out);
bool par__obs_trace_write(const char *path);
bool par__obs_report_write(const char *path);

/* progress.c */
void par__obs_progress_start(void);
void par__obs_progress_stop(void);

/* Shared by trace.c and report.c: tracks laid out as rows. Every compute
 * track of a worker is split into lanes so that its events never overlap
 * (a worker runs several tasks at once). */
typedef struct par__obs_row {
  uint16_t track;
  uint16_t lane;
  char name[96];
} par__obs_row_t;

typedef struct par__obs_layout {
  par__obs_ev_t *ev; /* owned: every event, sorted by track then t0 */
  size_t nev;
  uint32_t *row;     /* owned: nev row indexes */
  par__obs_row_t *rows; /* owned */
  size_t nrows;
} par__obs_layout_t;

bool par__obs_layout_make(par__obs_layout_t *l);
void par__obs_layout_cleanup(par__obs_layout_t *l);

/* Writes s JSON- or HTML-escaped. */
void par__obs_put_json(FILE *f, const char *s);
void par__obs_put_html(FILE *f, const char *s);

#endif /* PAR_RUNTIME_OBS_H */
