/* obs.c: the event recorder behind PAR_PROGRESS, PAR_TRACE, PAR_REPORT and
 * PAR_STATS (obs.h says what is recorded and from where), its start and
 * exit handler, and the stats table.
 *
 * Two kinds of data, both written from the hooks:
 *   - per loop or function counters (par__obs_entry_t, a fixed open-address
 *     table keyed by the descriptor): atomic, exact whatever happens to the
 *     event buffers; progress.c reads them while the program runs;
 *   - events (par__obs_ev_t) in per-thread buffers: a list of blocks of
 *     PAR__OBS_BLOCK events that only their thread appends to; a block's
 *     count is stored with release order after the event is written, the
 *     next block is linked the same way, and readers (the exit handler)
 *     load both with acquire order. At most PAR__OBS_MAX_EVENTS are kept
 *     (about 200 MiB); later ones are counted as dropped and the stats,
 *     trace and report say so. The buffers live until the process ends.
 */
#include "internal.h"

#include "obs.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "loop.h"
#include "pool.h"
#include "remote.h"

#define PAR__OBS_BLOCK 1024u
#define PAR__OBS_MAX_EVENTS (4u << 20)
#define PAR__OBS_MAX_TRACKS 4096u
#define PAR__OBS_NO_TRACK UINT16_MAX

int par__obs_on;
par__obs_state_t par__obs;

typedef struct par__obs_block {
  _Atomic(struct par__obs_block *) next;
  atomic_uint n;
  par__obs_ev_t ev[PAR__OBS_BLOCK];
} par__obs_block_t;

/* One thread's buffer: owned by the recorder (never freed). */
typedef struct par__obs_tbuf {
  struct par__obs_tbuf *next; /* the global list (immutable once pushed) */
  par__obs_block_t *head, *cur;
  uint16_t track; /* the thread's own track, made at its first own event */
} par__obs_tbuf_t;

static _Atomic(par__obs_tbuf_t *) par__obs_tbufs;
static _Thread_local par__obs_tbuf_t *par__obs_tb;
/* Blocks of the execution whose chunks this thread runs alone (nblocks 0). */
static _Thread_local uint64_t par__obs_cur_blocks;
/* Network thread only: tracks of each worker (compute, transfers). */
static uint16_t *par__obs_rank_track, *par__obs_rank_xtrack;

uint64_t par__obs_now(void) { return par__time_ns(); }

static uint64_t par__obs_rel(uint64_t t) { return t > par__obs.epoch ? t - par__obs.epoch : 0; }

/* ---- tracks and buffers -------------------------------------------------- */

static uint16_t par__obs_track_new(int rank, bool transfers, const char *name) {
  unsigned i = atomic_fetch_add_explicit(&par__obs.ntracks, 1, memory_order_relaxed);
  if (i >= PAR__OBS_MAX_TRACKS) {
    atomic_store_explicit(&par__obs.ntracks, PAR__OBS_MAX_TRACKS, memory_order_relaxed);
    return PAR__OBS_NO_TRACK;
  }
  par__obs_track_t *t = &par__obs.tracks[i];
  t->rank = rank;
  t->transfers = transfers;
  snprintf(t->name, sizeof t->name, "%s", name);
  return (uint16_t)i;
}

static par__obs_tbuf_t *par__obs_tbuf(void) {
  par__obs_tbuf_t *tb = par__obs_tb;
  if (PAR__UNLIKELY(!tb)) {
    tb = calloc(1, sizeof *tb);
    par__obs_block_t *b = calloc(1, sizeof *b);
    if (!tb || !b) {
      free(tb);
      free(b);
      return NULL;
    }
    tb->head = tb->cur = b;
    tb->track = PAR__OBS_NO_TRACK;
    tb->next = atomic_load_explicit(&par__obs_tbufs, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&par__obs_tbufs, &tb->next, tb,
                                                  memory_order_release, memory_order_relaxed)) {
    }
    par__obs_tb = tb;
  }
  return tb;
}

/* This thread's own track. */
static uint16_t par__obs_self_track(par__obs_tbuf_t *tb) {
  if (tb->track != PAR__OBS_NO_TRACK) return tb->track;
  char name[80];
  int self = par__pool_self();
  pid_t tid = (pid_t)syscall(SYS_gettid);
  if (tid == getpid()) snprintf(name, sizeof name, "main thread");
  else if (self > 0) snprintf(name, sizeof name, "pool thread %d", self);
  else snprintf(name, sizeof name, "thread %d", (int)tid);
  tb->track = par__obs_track_new(0, false, name);
  return tb->track;
}

static void par__obs_push(par__obs_tbuf_t *tb, const par__obs_ev_t *ev) {
  if (!(par__obs_on & PAR__OBS_RECORD) || ev->track == PAR__OBS_NO_TRACK) return;
  if (atomic_fetch_add_explicit(&par__obs.nevents, 1, memory_order_relaxed) >=
      PAR__OBS_MAX_EVENTS) {
    atomic_fetch_add_explicit(&par__obs.dropped, 1, memory_order_relaxed);
    return;
  }
  par__obs_block_t *b = tb->cur;
  unsigned n = atomic_load_explicit(&b->n, memory_order_relaxed);
  if (n == PAR__OBS_BLOCK) {
    par__obs_block_t *nb = calloc(1, sizeof *nb);
    if (!nb) {
      atomic_fetch_add_explicit(&par__obs.dropped, 1, memory_order_relaxed);
      return;
    }
    atomic_store_explicit(&b->next, nb, memory_order_release);
    tb->cur = b = nb;
    n = 0;
  }
  b->ev[n] = *ev;
  atomic_store_explicit(&b->n, n + 1, memory_order_release);
}

void par__obs_each(void (*fn)(const par__obs_ev_t *ev, void *ctx), void *ctx) {
  for (par__obs_tbuf_t *tb = atomic_load_explicit(&par__obs_tbufs, memory_order_acquire); tb;
       tb = tb->next)
    for (par__obs_block_t *b = tb->head; b;
         b = atomic_load_explicit(&b->next, memory_order_acquire)) {
      unsigned n = atomic_load_explicit(&b->n, memory_order_acquire);
      for (unsigned i = 0; i < n; i++) fn(&b->ev[i], ctx);
    }
}

/* ---- per descriptor counters --------------------------------------------- */

/* The entry of `what`, made if there is none and `make`; NULL when the
 * table is full (then it is counted nowhere) or, without make, absent. */
static par__obs_entry_t *par__obs_entry_find(const void *what, bool is_fn, bool make) {
  uint64_t x = (uint64_t)(uintptr_t)what;
  x ^= x >> 29;
  x *= 0x9e3779b97f4a7c15ULL;
  for (unsigned i = 0; i < PAR__OBS_ENTRIES; i++) {
    par__obs_entry_t *e = &par__obs.entries[((x >> 40) + i) % PAR__OBS_ENTRIES];
    const void *cur = atomic_load_explicit(&e->what, memory_order_acquire);
    if (cur == what) return e;
    if (cur) continue;
    if (!make) return NULL;
    if (atomic_compare_exchange_strong_explicit(&e->what, &cur, what, memory_order_acq_rel,
                                                memory_order_acquire)) {
      atomic_store_explicit(&e->is_fn, is_fn, memory_order_release);
      return e;
    }
    if (cur == what) return e;
  }
  return NULL;
}

static par__obs_entry_t *par__obs_entry(const void *what, bool is_fn) {
  return par__obs_entry_find(what, is_fn, true);
}

/* `added` more units of work: when the entry was idle (done == total) the
 * progress rate starts over from now. */
static void par__obs_entry_add(par__obs_entry_t *e, uint64_t added) {
  uint64_t done = atomic_load_explicit(&e->done, memory_order_relaxed);
  uint64_t total = atomic_fetch_add_explicit(&e->total, added, memory_order_relaxed);
  if (done >= total) {
    atomic_store_explicit(&e->base_done, done, memory_order_relaxed);
    atomic_store_explicit(&e->active_since, par__time_ns(), memory_order_relaxed);
  }
}

static void par__obs_entry_ran(par__obs_entry_t *e, uint64_t units, uint64_t busy_ns) {
  atomic_fetch_add_explicit(&e->done, units, memory_order_relaxed);
  atomic_fetch_add_explicit(&e->calls, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&e->busy_ns, busy_ns, memory_order_relaxed);
}

const char *par__obs_name(const void *what, bool is_fn) {
  const char *n = NULL;
  if (what)
    n = is_fn ? ((const parrt_fn_desc_t *)what)->name : ((const parrt_loop_desc_t *)what)->name;
  return n ? n : "?";
}

void par__obs_where(const void *what, bool is_fn, char *buf, size_t len) {
  const parrt_loc_t *loc = NULL;
  if (what)
    loc = is_fn ? &((const parrt_fn_desc_t *)what)->loc : &((const parrt_loop_desc_t *)what)->loc;
  if (!loc || !loc->file) {
    snprintf(buf, len, "?");
    return;
  }
  const char *file = strrchr(loc->file, '/');
  snprintf(buf, len, "%s:%d", file ? file + 1 : loc->file, (int)loc->line);
}

/* ---- hooks: this process ------------------------------------------------- */

void par__obs_loop_run(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                       parrt_group_t *group, par__obs_loop_fn run) {
  /* What parrt_loop_run rejects, it rejects itself. */
  if (!desc || !args || desc->abi_version != PARRT_ABI_VERSION ||
      desc->struct_size != sizeof(parrt_loop_desc_t) ||
      args->struct_size != sizeof(parrt_loop_args_t) || args->niters == 0 ||
      (desc->nreds && !args->reds) || desc->nreds > 64) {
    run(desc, args, group);
    return;
  }
  uint64_t off[64];
  uint64_t stride = par__loop_red_layout(desc->nreds, args->reds, off);
  uint64_t nblocks, bsize;
  par__loop_partition(args->niters, desc->schedule, args->sched_chunk, stride, &nblocks, &bsize);
  bool nested = par__loop_in_chunk();
  par__obs_entry_t *e = par__obs_entry(desc, false);
  if (e) {
    atomic_fetch_add_explicit(&e->runs, 1, memory_order_relaxed);
    par__obs_entry_add(e, nblocks);
  }
  uint64_t saved = par__obs_cur_blocks;
  par__obs_cur_blocks = nblocks;
  uint64_t t0 = par__time_ns();
  run(desc, args, group);
  uint64_t t1 = par__time_ns();
  par__obs_cur_blocks = saved;
  if (nested) return;
  if (e) atomic_fetch_add_explicit(&e->wall_ns, t1 - t0, memory_order_relaxed);
  if (!(par__obs_on & PAR__OBS_RECORD)) return; /* progress only: counters */
  par__obs_tbuf_t *tb = par__obs_tbuf();
  if (!tb) return;
  par__obs_ev_t ev = {.t0 = par__obs_rel(t0), .t1 = par__obs_rel(t1), .what = desc, .k0 = 0,
                      .k1 = args->niters, .nblocks = (uint32_t)nblocks,
                      .track = par__obs_self_track(tb), .kind = PAR__OBS_EV_LOOP};
  par__obs_push(tb, &ev);
}

uint64_t par__obs_chunk_begin(void) {
  atomic_fetch_add_explicit(&par__obs.busy_local, 1, memory_order_relaxed);
  return par__time_ns();
}

void par__obs_chunk_end(const parrt_loop_desc_t *desc, uint64_t t0, uint64_t k0, uint64_t k1,
                        uint64_t nblocks) {
  uint64_t t1 = par__time_ns();
  atomic_fetch_sub_explicit(&par__obs.busy_local, 1, memory_order_relaxed);
  if (nblocks == 0) nblocks = par__obs_cur_blocks ? par__obs_cur_blocks : 1;
  par__obs_entry_t *e = par__obs_entry(desc, false);
  if (e) par__obs_entry_ran(e, nblocks, t1 - t0);
  if (!(par__obs_on & PAR__OBS_RECORD)) return; /* progress only: counters */
  par__obs_tbuf_t *tb = par__obs_tbuf();
  if (!tb) return;
  par__obs_ev_t ev = {.t0 = par__obs_rel(t0), .t1 = par__obs_rel(t1), .what = desc, .k0 = k0,
                      .k1 = k1, .nblocks = (uint32_t)nblocks, .track = par__obs_self_track(tb),
                      .kind = PAR__OBS_EV_CHUNK};
  par__obs_push(tb, &ev);
}

void par__obs_fn_submit(const parrt_fn_desc_t *desc) {
  par__obs_entry_t *e = par__obs_entry(desc, true);
  if (!e) return;
  atomic_fetch_add_explicit(&e->runs, 1, memory_order_relaxed);
  par__obs_entry_add(e, 1);
}

void par__obs_fn_end(const parrt_fn_desc_t *desc, uint64_t t0) {
  uint64_t t1 = par__time_ns();
  atomic_fetch_sub_explicit(&par__obs.busy_local, 1, memory_order_relaxed);
  par__obs_entry_t *e = par__obs_entry(desc, true);
  if (e) par__obs_entry_ran(e, 1, t1 - t0);
  if (!(par__obs_on & PAR__OBS_RECORD)) return; /* progress only: counters */
  par__obs_tbuf_t *tb = par__obs_tbuf();
  if (!tb) return;
  par__obs_ev_t ev = {.t0 = par__obs_rel(t0), .t1 = par__obs_rel(t1), .what = desc,
                      .nblocks = 1, .track = par__obs_self_track(tb), .kind = PAR__OBS_EV_TASK,
                      .is_fn = 1};
  par__obs_push(tb, &ev);
}

void par__obs_retry(const void *what, bool is_fn) {
  par__obs_entry_t *e = par__obs_entry(what, is_fn);
  if (e) atomic_fetch_add_explicit(&e->retries, 1, memory_order_relaxed);
}

/* ---- hooks: the driver's driving thread ----------------------------------- */

static bool par__obs_rank_ok(int rank) { return rank >= 1 && rank <= par__obs.nworkers; }

void par__obs_worker(int rank, const char *host, uint32_t threads) {
  if (!par__obs_rank_ok(rank) || par__obs_rank_track[rank] != PAR__OBS_NO_TRACK) return;
  char name[80];
  snprintf(name, sizeof name, "worker %d (%s)", rank, host && *host ? host : "?");
  par__obs_rank_track[rank] = par__obs_track_new(rank, false, name);
  if (par__obs_rank_track[rank] != PAR__OBS_NO_TRACK)
    par__obs.tracks[par__obs_rank_track[rank]].threads = threads;
  snprintf(name, sizeof name, "worker %d transfers", rank);
  par__obs_rank_xtrack[rank] = par__obs_track_new(rank, true, name);
}

static uint16_t par__obs_rank_tr(int rank, bool transfers) {
  if (!par__obs_rank_ok(rank)) return PAR__OBS_NO_TRACK;
  if (par__obs_rank_track[rank] == PAR__OBS_NO_TRACK) par__obs_worker(rank, NULL, 0);
  return transfers ? par__obs_rank_xtrack[rank] : par__obs_rank_track[rank];
}

uint64_t par__obs_remote_sent(int rank) {
  if (par__obs_rank_ok(rank))
    atomic_fetch_add_explicit(&par__obs.inflight[rank], 1, memory_order_relaxed);
  return par__time_ns();
}

/* The result of a remote task or call: its compute event (placed at
 * [arrival - work_ns, arrival], not before it was sent) and the message. */
static void par__obs_remote_done(const void *what, bool is_fn, int rank, uint64_t t_sent,
                                 uint64_t work_ns, uint64_t k0, uint64_t k1, uint64_t nblocks,
                                 uint64_t bytes_in) {
  uint64_t t1 = par__time_ns();
  uint64_t t0 = t1 - (work_ns < t1 ? work_ns : t1);
  if (t0 < t_sent) t0 = t_sent;
  if (par__obs_rank_ok(rank))
    atomic_fetch_sub_explicit(&par__obs.inflight[rank], 1, memory_order_relaxed);
  par__obs_entry_t *e = par__obs_entry(what, is_fn);
  if (e) {
    par__obs_entry_ran(e, nblocks, work_ns);
    atomic_fetch_add_explicit(&e->bytes_in, bytes_in, memory_order_relaxed);
  }
  if (!(par__obs_on & PAR__OBS_RECORD)) return; /* progress only: counters */
  par__obs_tbuf_t *tb = par__obs_tbuf();
  if (!tb) return;
  par__obs_ev_t ev = {.t0 = par__obs_rel(t0),
                      .t1 = par__obs_rel(t1),
                      .what = what,
                      .k0 = k0,
                      .k1 = k1,
                      .nblocks = (uint32_t)nblocks,
                      .track = par__obs_rank_tr(rank, false),
                      .kind = is_fn ? PAR__OBS_EV_TASK : PAR__OBS_EV_CHUNK,
                      .is_fn = is_fn};
  par__obs_push(tb, &ev);
  par__obs_ev_t in = {.t0 = par__obs_rel(t1), .t1 = par__obs_rel(t1), .what = what, .k0 = bytes_in,
                      .track = par__obs_rank_tr(rank, true), .kind = PAR__OBS_EV_XFER_IN,
                      .is_fn = is_fn};
  par__obs_push(tb, &in);
}

void par__obs_remote_chunk(const parrt_loop_desc_t *desc, int rank, uint64_t t_sent,
                           uint64_t work_ns, uint64_t k0, uint64_t k1, uint64_t nblocks,
                           uint64_t bytes_in) {
  par__obs_remote_done(desc, false, rank, t_sent, work_ns, k0, k1, nblocks, bytes_in);
}

void par__obs_remote_call(const parrt_fn_desc_t *desc, int rank, uint64_t t_sent,
                          uint64_t work_ns, uint64_t bytes_in) {
  par__obs_remote_done(desc, true, rank, t_sent, work_ns, 0, 0, 1, bytes_in);
}

void par__obs_recv(const void *what, bool is_fn, uint64_t bytes) {
  par__obs_entry_t *e = what ? par__obs_entry(what, is_fn) : NULL;
  if (e) atomic_fetch_add_explicit(&e->bytes_in, bytes, memory_order_relaxed);
}

void par__obs_xfer(int rank, const void *what, bool is_fn, uint64_t t0, uint64_t bytes) {
  uint64_t t1 = par__time_ns();
  if (what) {
    par__obs_entry_t *e = par__obs_entry(what, is_fn);
    if (e) atomic_fetch_add_explicit(&e->bytes_out, bytes, memory_order_relaxed);
  }
  if (!(par__obs_on & PAR__OBS_RECORD)) return; /* progress only: counters */
  par__obs_tbuf_t *tb = par__obs_tbuf();
  if (!tb) return;
  par__obs_ev_t ev = {.t0 = par__obs_rel(t0), .t1 = par__obs_rel(t1), .what = what, .k0 = bytes,
                      .track = par__obs_rank_tr(rank, true), .kind = PAR__OBS_EV_XFER_OUT,
                      .is_fn = is_fn};
  par__obs_push(tb, &ev);
}

/* ---- the stats table ----------------------------------------------------- */

static void par__obs_bytes(char *buf, size_t len, uint64_t b) {
  if (b < 10240) snprintf(buf, len, "%llu B", (unsigned long long)b);
  else if (b < (10u << 20)) snprintf(buf, len, "%.1f KiB", b / 1024.0);
  else if (b < (10ull << 30)) snprintf(buf, len, "%.1f MiB", b / 1048576.0);
  else snprintf(buf, len, "%.1f GiB", b / 1073741824.0);
}

/* Per (entry, track): blocks or calls and busy time, for the balance. */
typedef struct par__obs_cell {
  uint64_t units, ns;
} par__obs_cell_t;

typedef struct par__obs_grid {
  const par__obs_entry_t *entries[PAR__OBS_ENTRIES];
  unsigned compact[PAR__OBS_ENTRIES]; /* table index -> index in entries */
  unsigned nentries, ntracks;
  par__obs_cell_t *cells; /* nentries * ntracks */
} par__obs_grid_t;

static void par__obs_grid_add(const par__obs_ev_t *ev, void *ctx) {
  par__obs_grid_t *g = ctx;
  if (ev->kind != PAR__OBS_EV_CHUNK && ev->kind != PAR__OBS_EV_TASK) return;
  if (ev->track >= g->ntracks) return;
  const par__obs_entry_t *e = par__obs_entry_find(ev->what, ev->is_fn, false);
  if (!e) return;
  unsigned i = g->compact[e - par__obs.entries];
  if (i == UINT_MAX) return; /* made after the table was read */
  par__obs_cell_t *c = &g->cells[(size_t)i * g->ntracks + ev->track];
  c->units += ev->nblocks;
  c->ns += ev->t1 - ev->t0;
}

/* Loops first, then functions; each by file and line. */
static int par__obs_entry_cmp(const void *a, const void *b) {
  const par__obs_entry_t *x = *(const par__obs_entry_t *const *)a;
  const par__obs_entry_t *y = *(const par__obs_entry_t *const *)b;
  bool fx = atomic_load(&x->is_fn), fy = atomic_load(&y->is_fn);
  if (fx != fy) return fx ? 1 : -1;
  const void *wx = atomic_load(&x->what), *wy = atomic_load(&y->what);
  const parrt_loc_t *lx =
      fx ? &((const parrt_fn_desc_t *)wx)->loc : &((const parrt_loop_desc_t *)wx)->loc;
  const parrt_loc_t *ly =
      fy ? &((const parrt_fn_desc_t *)wy)->loc : &((const parrt_loop_desc_t *)wy)->loc;
  int c = strcmp(lx->file ? lx->file : "", ly->file ? ly->file : "");
  if (c) return c;
  return (lx->line > ly->line) - (lx->line < ly->line);
}

void par__obs_stats_print(FILE *out) {
  static par__obs_grid_t g; /* large; the exit handler runs once */
  g.nentries = 0;
  for (unsigned i = 0; i < PAR__OBS_ENTRIES; i++) {
    g.compact[i] = UINT_MAX;
    if (atomic_load_explicit(&par__obs.entries[i].what, memory_order_acquire))
      g.entries[g.nentries++] = &par__obs.entries[i];
  }
  qsort(g.entries, g.nentries, sizeof g.entries[0], par__obs_entry_cmp);
  for (unsigned i = 0; i < g.nentries; i++) g.compact[g.entries[i] - par__obs.entries] = i;
  g.ntracks = atomic_load_explicit(&par__obs.ntracks, memory_order_relaxed);
  g.cells = calloc((size_t)g.nentries * g.ntracks + 1, sizeof *g.cells);
  if (g.cells) par__obs_each(par__obs_grid_add, &g);

  char head[160];
  if (par__obs.nworkers)
    snprintf(head, sizeof head, "driver with %d workers", par__obs.nworkers);
  else
    snprintf(head, sizeof head, "%d threads", par__obs.threads);
  fprintf(out, "par: stats: %s, %.3f s\n", head, par__obs.end / 1e9);
  fprintf(out, "%-4s %-24s %-20s %6s %8s %7s %7s %9s %9s %10s %10s %8s\n", "kind", "name",
          "where", "runs", "chunks", "tasks", "retries", "time s", "busy s", "sent", "received",
          "balance");
  for (unsigned i = 0; i < g.nentries; i++) {
    const par__obs_entry_t *e = g.entries[i];
    const void *what = atomic_load_explicit(&e->what, memory_order_relaxed);
    char where[96], sent[24], recv[24], time[24], bal[24] = "-";
    par__obs_where(what, e->is_fn, where, sizeof where);
    par__obs_bytes(sent, sizeof sent, atomic_load(&e->bytes_out));
    par__obs_bytes(recv, sizeof recv, atomic_load(&e->bytes_in));
    if (e->is_fn) snprintf(time, sizeof time, "-");
    else snprintf(time, sizeof time, "%.3f", atomic_load(&e->wall_ns) / 1e9);
    /* balance: the busiest worker's time over the mean of those that ran */
    uint64_t max = 0, sum = 0, used = 0;
    for (unsigned t = 0; g.cells && t < g.ntracks; t++) {
      const par__obs_cell_t *c = &g.cells[(size_t)i * g.ntracks + t];
      if (!c->units) continue;
      used++;
      sum += c->ns;
      if (c->ns > max) max = c->ns;
    }
    if (used && sum) snprintf(bal, sizeof bal, "%.2f", (double)max * (double)used / (double)sum);
    fprintf(out, "%-4s %-24s %-20s %6llu %8llu %7llu %7llu %9s %9.3f %10s %10s %8s\n",
            e->is_fn ? "fn" : "loop", par__obs_name(what, e->is_fn), where,
            (unsigned long long)atomic_load(&e->runs), (unsigned long long)atomic_load(&e->done),
            (unsigned long long)atomic_load(&e->calls),
            (unsigned long long)atomic_load(&e->retries), time, atomic_load(&e->busy_ns) / 1e9,
            sent, recv, bal);
    if (!used) continue;
    fprintf(out, "     per worker:");
    const char *sep = " ";
    /* this process's threads, then the workers by rank */
    for (unsigned k = 0; k < (unsigned)(par__obs.nworkers + 1) * g.ntracks; k++) {
      unsigned t = k % g.ntracks;
      if (par__obs.tracks[t].rank != (int)(k / g.ntracks)) continue;
      const par__obs_cell_t *c = &g.cells[(size_t)i * g.ntracks + t];
      if (!c->units) continue;
      fprintf(out, "%s%s %llu %s %.3f s", sep, par__obs.tracks[t].name,
              (unsigned long long)c->units, e->is_fn ? "calls" : "chunks", c->ns / 1e9);
      sep = "; ";
    }
    fprintf(out, "\n");
  }
  uint64_t dropped = atomic_load(&par__obs.dropped);
  if (dropped)
    fprintf(out, "par: stats: %llu events past the first %u were not kept: the per worker "
                 "lines count only the kept ones\n",
            (unsigned long long)dropped, PAR__OBS_MAX_EVENTS);
  free(g.cells);
}

/* ---- start and exit ------------------------------------------------------ */

static void par__obs_exit(void) {
  const par__config_t *cfg = par__config_get();
  par__driver_stop(); /* the network thread records until it ends */
  if (par__obs_on & PAR__OBS_PROGRESS) par__obs_progress_stop();
  par__obs.end = par__obs_rel(par__time_ns());
  par__obs.threads = par__pool_size();
  fflush(stdout);
  if (cfg->stats) {
    par__obs_stats_print(stderr);
    fflush(stderr);
  }
  uint64_t kept = atomic_load(&par__obs.nevents) - atomic_load(&par__obs.dropped);
  if (cfg->trace) {
    if (par__obs_trace_write(cfg->trace))
      PAR__LOG_INFO("trace of %llu events written to %s", (unsigned long long)kept, cfg->trace);
    else
      PAR__LOG_WARN("cannot write the trace to %s: %s", cfg->trace, strerror(errno));
  }
  if (cfg->report) {
    if (par__obs_report_write(cfg->report))
      PAR__LOG_INFO("report of %llu events written to %s", (unsigned long long)kept, cfg->report);
    else
      PAR__LOG_WARN("cannot write the report to %s: %s", cfg->report, strerror(errno));
  }
}

void par__obs_start(void) {
  static bool started;
  if (started) return;
  started = true;
  const par__config_t *cfg = par__config_get();
  if (cfg->role == PAR__ROLE_WORKER) return;
  int on = 0;
  if (cfg->progress) on |= PAR__OBS_PROGRESS;
  if (cfg->trace || cfg->report || cfg->stats) on |= PAR__OBS_RECORD;
  if (!on) return;
  par__obs.epoch = par__time_ns();
  par__obs.nworkers = cfg->role == PAR__ROLE_DRIVER ? par__node_nworkers() : 0;
  if (par__obs.nworkers < 0) par__obs.nworkers = 0;
  int n = par__obs.nworkers + 1;
  par__obs.tracks = calloc(PAR__OBS_MAX_TRACKS, sizeof *par__obs.tracks);
  par__obs.inflight = calloc((size_t)n, sizeof *par__obs.inflight);
  par__obs_rank_track = malloc((size_t)n * sizeof *par__obs_rank_track);
  par__obs_rank_xtrack = malloc((size_t)n * sizeof *par__obs_rank_xtrack);
  if (!par__obs.tracks || !par__obs.inflight || !par__obs_rank_track || !par__obs_rank_xtrack) {
    PAR__LOG_WARN("not enough memory for PAR_PROGRESS/PAR_TRACE/PAR_REPORT/PAR_STATS: off");
    return;
  }
  for (int r = 0; r < n; r++) {
    par__obs_rank_track[r] = par__obs_rank_xtrack[r] = PAR__OBS_NO_TRACK;
    atomic_init(&par__obs.inflight[r], 0);
  }
  par__obs_on = on;
  atexit(par__obs_exit);
  if (on & PAR__OBS_PROGRESS) par__obs_progress_start();
}
