/* worker.c: ranks 1..N under parrun: run the driver's tasks.
 *
 * A worker connects to PAR_DRIVER, presents HELLO (token, rank, build id,
 * its UCX worker address, its compute threads) and waits for WELCOME (or
 * REFUSE: it prints the reason and exits 2). Then it serves:
 *
 *   LOOP   an instance: the loop's descriptor found by id in the registry,
 *          the firstprivate block copied, a buffer per mapped item that is
 *          not cut into slices (filled by DATA; zeroed for alloc); it may
 *          carry the instance's first task here, run as a TASK;
 *   DATA   a whole mapped array of an instance;
 *   TASK   blocks to run, with the slices of PARRT_MAP_SLICE items inline;
 *   BYE    flush stdout and stderr and exit 0.
 *
 * Running a task calls the chunk function per block (with reductions: each
 * block with fresh partials set to the identity) and answers RESULT: the
 * partials of every block packed in order, the lastprivate values when the
 * task ran the last iteration, and the elements of from/tofrom items that
 * changed (compared with what the driver sent). Whole arrays are compared
 * when no other task of the instance is queued or running here, so the
 * comparison runs once per batch, not once per task; the last result of
 * an instance from this worker always carries them. Changed runs beyond a
 * RESULT's 1024 segments go first as DATA messages.
 *
 * Threads: with one compute thread (the default when several workers share
 * a host) the main thread runs tasks itself between network progress
 * calls; with more, compute threads take tasks from a queue and hand the
 * encoded results back to the main thread, which alone touches UCX.
 */
#include "internal.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "crash.h"
#include "fn.h"
#include "log.h"
#include "loop.h"
#include "net.h"
#include "node.h"
#include "offload.h"
#include "reduce.h"
#include "registry.h"
#include "remote.h"
#include "shm.h"
#include "wire.h"

#define PAR__WORKER_ALIGN 64u

typedef struct par__winst par__winst_t;
typedef struct par__wtask par__wtask_t;
typedef struct par__wcall par__wcall_t;

/* One CALL of a distributed function: its argument block (mapped pointer
 * members pointing into bufs), its result, and the dependencies it still
 * waits for (calls of this worker whose values it takes). It stays in the
 * worker's table until its RETURN is sent, or, when the driver asked to
 * keep it, until FORGET. */
struct par__wcall {
  uint64_t id;
  const parrt_fn_desc_t *desc;
  const parrt_spawn_site_t *site;
  unsigned char *args;
  unsigned char **bufs;   /* per map: elements [lo, lo + len) */
  par__wire_cmap_t *maps; /* per map: the CALL's extents */
  unsigned char *ret;
  uint32_t nwait; /* dependencies not yet filled (under mu) */
  uint32_t ndeps;
  par__wire_dep_t *deps; /* those still open (src != 0) */
  bool keep, done;
  par__wtask_t *task; /* what runs it */
  par__wcall_t *next; /* the table */
};

struct par__winst {
  uint64_t id;
  const parrt_loop_desc_t *desc;
  par__wire_loop_t wl; /* maps, reds, lasts point into the arrays below */
  par__wire_map_t *maps;
  par__wire_red_t *reds;
  uint64_t *lasts;
  void *env;
  unsigned char **buf;      /* per map: the whole section (not sliced), or NULL */
  unsigned char **pristine; /* per map: what the driver sent, for from/tofrom */
  uint32_t active;          /* tasks received and not finished (under mu) */
  bool diffing;             /* whole arrays being compared: no task may start */
  bool has_whole_out;       /* some whole from/tofrom item */
  uint64_t packed;          /* bytes of one block's partials, packed */
  bool combine;             /* par__loop_combine_ok: a task's blocks' partials go
                               back combined, as one block's */
  uint64_t last_bytes;      /* bytes of the lastprivate values, packed */
  par__winst_t *next;
};

typedef struct par__wseg {
  par__wire_segment_t seg;
  const void *p;
  const void *mask; /* seg.mask.len bytes, when masked */
} par__wseg_t;

struct par__wtask {
  uint64_t id;
  par__winst_t *inst; /* NULL for a call */
  par__wcall_t *call; /* a function call, or NULL */
  uint32_t nblocks;
  par__wire_block_t *blocks;
  unsigned char **work;     /* per map: this task's slice, or NULL */
  unsigned char **pristine; /* per map: the slice as sent, for from/tofrom */
  unsigned char *blob;      /* the TASK's payload when the net gave it to us */
  size_t blob_len;
  int64_t *first;           /* per map: first element of the slice */
  uint64_t *count;          /* per map: elements of the slice */
  /* the result */
  uint64_t time_ns;
  unsigned char *partials, *lastv, *diffcopy;
  bool has_last;
  bool combined; /* partials: the blocks' combined, one block's bytes */
  par__wseg_t *segs;
  uint32_t nsegs, capsegs;
  par__wire_buf_t *msgs; /* encoded: DATA overflow..., RESULT */
  uint32_t nmsgs;
  uint32_t pending; /* sends not completed */
  par__wtask_t *next;
};

typedef struct par__worker {
  par__node_t node;
  par__net_t *net;
  par__net_peer_t *driver;
  bool welcomed, refused, bye, lost;
  par_status_t lost_status;
  char refuse_reason[PAR__WIRE_MAX_STRING + 1];
  par__winst_t *insts;
  par__wcall_t *calls; /* the call table, under mu */
  /* tasks: queue (received) and done (results encoded), under mu */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  par__wtask_t *queue_head, *queue_tail;
  par__wtask_t *done_head, *done_tail;
  bool stopping;
  uint32_t nthreads;
  pthread_t *threads;
  uint32_t heartbeat_ms;         /* WELCOME.heartbeat_ms; 0: none */
  bool remote;                   /* on another host than the driver (WELCOME.direct) */
  uint64_t last_recv, last_beat; /* heartbeats (par__wk_heartbeat) */
  uint64_t beat_seq;
} par__worker_t;

static par__worker_t par__wk;
static pthread_t par__wk_main_thread; /* the one thread that may touch UCX */

_Noreturn static void par__worker_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn static void par__worker_die(const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fflush(stdout);
  fprintf(stderr, "par: error: worker %d on host %s: %s\n", par__wk.node.rank, par__wk.node.host, msg);
  fflush(stderr);
  if (par__wk.driver && par__wk.welcomed && !par__wk.lost &&
      pthread_equal(pthread_self(), par__wk_main_thread)) {
    par__wire_buf_t b;
    par__wire_buf_init(&b);
    par__wire_error_t e = {.message = msg};
    if (par__wire_encode_error(&b, &e) == PAR_OK &&
        par__net_send(par__wk.driver, b.hdr, b.hdr_len, NULL, 0, NULL, NULL) == PAR_OK) {
      uint64_t until = par__time_ns() + 500000000u;
      while (par__time_ns() < until && !par__wk.lost) par__net_progress(par__wk.net, 50);
    }
  }
  _exit(2);
}

/* bytes rounded up to a multiple of PAR__WORKER_ALIGN. */
static uint64_t par__wk_round(uint64_t bytes) {
  return (bytes + PAR__WORKER_ALIGN - 1) / PAR__WORKER_ALIGN * PAR__WORKER_ALIGN;
}

static void *par__wk_alloc(uint64_t bytes, bool zero) {
  uint64_t n = par__wk_round(bytes);
  if (n == 0) n = PAR__WORKER_ALIGN;
  void *p = aligned_alloc(PAR__WORKER_ALIGN, n);
  if (!p) par__worker_die("out of memory (%llu bytes)", (unsigned long long)bytes);
  if (zero) memset(p, 0, n);
  return p;
}

/* ---- instances ------------------------------------------------------------ */

static void par__winst_free(par__winst_t *in) {
  for (uint32_t j = 0; j < in->wl.nmaps; j++) {
    if (in->maps[j].shm_id) {
      if (in->buf[j]) par__shm_release(in->maps[j].shm_id);
      continue;
    }
    free(in->buf[j]);
    free(in->pristine[j]);
  }
  free(in->buf);
  free(in->pristine);
  free(in->maps);
  free(in->reds);
  free(in->lasts);
  free(in->env);
  free(in);
}

static par__winst_t *par__winst_find(uint64_t id) {
  for (par__winst_t *in = par__wk.insts; in; in = in->next)
    if (in->id == id) return in;
  return NULL;
}

static bool par__is_out(uint32_t kind) { return kind == PARRT_MAP_FROM || kind == PARRT_MAP_TOFROM; }

/* An item the worker holds whole for the instance (not sent as slices). */
static bool par__is_whole(const par__wire_map_t *m) {
  return !(m->flags & PARRT_MAP_SLICE) || m->kind == PARRT_MAP_ALLOC;
}

static void par__worker_loop_msg(const par__wire_loop_t *l, const char *payload) {
  for (uint32_t i = 0; i < l->nretire; i++) {
    par__winst_t **pp = &par__wk.insts, *in;
    while ((in = *pp) && in->id != l->retire[i]) pp = &in->next;
    if (!in) continue;
    pthread_mutex_lock(&par__wk.mu);
    bool idle = in->active == 0;
    pthread_mutex_unlock(&par__wk.mu);
    if (idle) {
      *pp = in->next;
      par__winst_free(in);
    }
  }
  const parrt_loop_desc_t *desc = par__registry_find(l->loop_id);
  if (!desc) par__worker_die("no loop with id %016llx in this program", (unsigned long long)l->loop_id);
  if (desc->nmaps != l->nmaps || desc->nreds != l->nreds || desc->nlasts != l->nlasts)
    par__worker_die("loop '%s': the driver's description does not match this program's", desc->name);
  if (par__winst_find(l->instance)) par__worker_die("instance %llu sent twice", (unsigned long long)l->instance);
  par__winst_t *in = calloc(1, sizeof *in);
  if (!in) par__worker_die("out of memory");
  in->id = l->instance;
  in->desc = desc;
  in->wl = *l;
  in->wl.retire = NULL;
  in->wl.nretire = 0;
  uint32_t nm = l->nmaps;
  in->maps = calloc(nm + 1, sizeof *in->maps);
  in->reds = calloc(l->nreds + 1, sizeof *in->reds);
  in->lasts = calloc(l->nlasts + 1, sizeof *in->lasts);
  in->buf = calloc(nm + 1, sizeof *in->buf);
  in->pristine = calloc(nm + 1, sizeof *in->pristine);
  if (!in->maps || !in->reds || !in->lasts || !in->buf || !in->pristine) par__worker_die("out of memory");
  if (nm) memcpy(in->maps, l->maps, nm * sizeof *in->maps);
  if (l->nreds) memcpy(in->reds, l->reds, l->nreds * sizeof *in->reds);
  if (l->nlasts) memcpy(in->lasts, l->lasts, l->nlasts * sizeof *in->lasts);
  in->wl.maps = in->maps;
  in->wl.reds = in->reds;
  in->wl.lasts = in->lasts;
  for (uint32_t j = 0; j < l->nreds; j++)
    if (l->reds[j].elem_size != par__red_type_size(desc->reds[j].type))
      par__worker_die("loop '%s': reduction %u has elements of %llu bytes", desc->name, j,
                      (unsigned long long)l->reds[j].elem_size);
  in->combine = par__loop_combine_ok(desc);
  for (uint32_t j = 0; j < l->nreds; j++)
    in->packed += l->reds[j].count * l->reds[j].elem_size;
  for (uint32_t j = 0; j < l->nlasts; j++) in->last_bytes += l->lasts[j];
  in->env = par__wk_alloc(l->env.len, false);
  memcpy(in->env, payload + l->env.off, l->env.len);
  for (uint32_t j = 0; j < nm; j++) {
    const par__wire_map_t *m = &in->maps[j];
    if (m->shm_id) {
      /* The driver's own array, in shared memory: used in place. */
      char err[256];
      par__shm_ref_t ref = {.id = m->shm_id, .fd = m->shm_fd, .off = m->shm_off};
      in->buf[j] = par__shm_attach(m->shm_pid, &ref, m->len * m->elem_size, err, sizeof err);
      if (!in->buf[j])
        par__worker_die("loop '%s': cannot use the driver's shared memory for '%s': %s (PAR_SHM=0 "
                        "copies arrays instead)",
                        desc->name, desc->maps[j].name, err);
      PAR__LOG_DEBUG("loop '%s': '%s' is used in place, in the driver's shared memory", desc->name,
                     desc->maps[j].name);
      continue;
    }
    if (!par__is_whole(m)) continue;
    if (m->len > UINT64_MAX / m->elem_size) par__worker_die("loop '%s': map %u is too large", desc->name, j);
    in->buf[j] = par__wk_alloc(m->len * m->elem_size, m->kind == PARRT_MAP_ALLOC);
    if (par__is_out(m->kind)) {
      in->pristine[j] = par__wk_alloc(m->len * m->elem_size, false);
      in->has_whole_out = true;
    }
  }
  in->next = par__wk.insts;
  par__wk.insts = in;
}

static void par__worker_data_msg(const par__wire_data_t *d, const char *payload) {
  par__winst_t *in = par__winst_find(d->instance);
  if (!in) par__worker_die("data for an unknown instance %llu", (unsigned long long)d->instance);
  par__wire_diag_t diag;
  if (par__wire_check_data(&in->wl, d, &diag) != PAR_OK ||
      par__wire_check_mask(&d->seg, in->maps[d->seg.map].elem_size, payload, &diag) != PAR_OK)
    par__worker_die("bad data: %s", diag.text);
  const par__wire_map_t *m = &in->maps[d->seg.map];
  if (!in->buf[d->seg.map]) par__worker_die("data for sliced item %u", d->seg.map);
  if (m->shm_id) par__worker_die("data for item %u, which is in shared memory", d->seg.map);
  uint64_t off = (uint64_t)(d->seg.first - m->lo) * m->elem_size;
  /* DATA usually comes before any task of the instance. The driver also
   * sends it while tasks run here, after another worker was lost, to put
   * back elements that worker had written (docs/fault-tolerance.md): then
   * no comparison of the copy with what was sent may be under way, and
   * none starts until both hold the new bytes. Running tasks write other
   * elements. */
  pthread_mutex_lock(&par__wk.mu);
  bool busy = in->active > 0 || in->diffing;
  if (!busy) pthread_mutex_unlock(&par__wk.mu);
  while (busy && in->diffing)
    pthread_cond_wait(&par__wk.cv, &par__wk.mu);
  const unsigned char *mask = par__wire_seg_mask(&d->seg, payload);
  const char *src = payload + d->seg.bytes.off;
  for (int k = 0; k < 2; k++) {
    unsigned char *dst = k ? in->pristine[d->seg.map] : in->buf[d->seg.map];
    if (dst) par__wire_mask_scatter(dst + off, mask, d->seg.count, m->elem_size, src);
  }
  if (busy) pthread_mutex_unlock(&par__wk.mu);
}

/* ---- tasks ------------------------------------------------------------------- */

/* Whether p points into the task's payload (not separately allocated). */
static bool par__in_blob(const par__wtask_t *t, const unsigned char *p) {
  return t->blob && p >= t->blob && p < t->blob + t->blob_len;
}

static void par__wcall_free(par__wcall_t *c);

static void par__wtask_free(par__wtask_t *t) {
  if (t->call) {
    for (uint32_t i = 0; i < t->nmsgs; i++) par__wire_buf_cleanup(&t->msgs[i]);
    free(t->msgs);
    free(t->segs);
    par__wcall_t *c = t->call;
    pthread_mutex_lock(&par__wk.mu);
    c->task = NULL;
    bool gone = !c->keep;
    if (gone) {
      par__wcall_t **pp = &par__wk.calls;
      while (*pp && *pp != c) pp = &(*pp)->next;
      if (*pp) *pp = c->next;
    }
    pthread_mutex_unlock(&par__wk.mu);
    if (gone) par__wcall_free(c);
    free(t);
    return;
  }
  uint32_t nm = t->inst->wl.nmaps;
  for (uint32_t j = 0; j < nm; j++) {
    if (!par__in_blob(t, t->work[j])) free(t->work[j]);
    if (!par__in_blob(t, t->pristine[j])) free(t->pristine[j]);
  }
  free(t->blob);
  for (uint32_t i = 0; i < t->nmsgs; i++) par__wire_buf_cleanup(&t->msgs[i]);
  free(t->msgs);
  free(t->work);
  free(t->pristine);
  free(t->first);
  free(t->count);
  free(t->blocks);
  free(t->partials);
  free(t->lastv);
  free(t->diffcopy);
  free(t->segs);
  free(t);
}

/* Appends t to the queue of tasks to run and wakes a compute thread; under mu. */
static void par__wk_queue_locked(par__wtask_t *t) {
  if (par__wk.queue_tail) par__wk.queue_tail->next = t;
  else par__wk.queue_head = t;
  par__wk.queue_tail = t;
  pthread_cond_signal(&par__wk.cv);
}

static void par__worker_task_msg(const par__wire_task_t *tm, const char *payload, size_t payload_len) {
  par__winst_t *in = par__winst_find(tm->instance);
  if (!in) par__worker_die("task for an unknown instance %llu", (unsigned long long)tm->instance);
  par__wire_diag_t diag;
  if (par__wire_check_task(&in->wl, tm, &diag) != PAR_OK) par__worker_die("bad task: %s", diag.text);
  uint32_t nm = in->wl.nmaps;
  par__wtask_t *t = calloc(1, sizeof *t);
  if (!t) par__worker_die("out of memory");
  t->id = tm->task;
  t->inst = in;
  t->nblocks = tm->nblocks;
  t->blocks = malloc(tm->nblocks * sizeof *t->blocks);
  t->work = calloc(nm + 1, sizeof *t->work);
  t->pristine = calloc(nm + 1, sizeof *t->pristine);
  t->first = calloc(nm + 1, sizeof *t->first);
  t->count = calloc(nm + 1, sizeof *t->count);
  if (!t->blocks || !t->work || !t->pristine || !t->first || !t->count) par__worker_die("out of memory");
  memcpy(t->blocks, tm->blocks, tm->nblocks * sizeof *t->blocks);
  /* Large payloads arrive in a buffer of the net's, which we may keep: a
   * slice that is only read is then used where it lies (when aligned for
   * any C type), and a from/tofrom slice's copy as sent is the payload. */
  if (tm->nsegments) {
    t->blob = par__net_take_data(par__wk.net);
    if (t->blob) {
      t->blob_len = payload_len;
      payload = (const char *)t->blob;
    }
  }
  for (uint32_t s = 0; s < tm->nsegments; s++) {
    const par__wire_segment_t *sg = &tm->segments[s];
    uint32_t j = sg->map;
    if (in->buf[j] || t->work[j]) par__worker_die("task %llu: unexpected slice of item %u", (unsigned long long)t->id, j);
    unsigned char *src = (unsigned char *)payload + sg->bytes.off;
    bool out = par__is_out(in->maps[j].kind);
    bool aligned = (uintptr_t)src % _Alignof(max_align_t) == 0;
    if (t->blob && !out && aligned) {
      t->work[j] = src;
    } else {
      t->work[j] = par__wk_alloc(sg->bytes.len, false);
      memcpy(t->work[j], src, sg->bytes.len);
    }
    if (out) {
      if (t->blob) {
        t->pristine[j] = src;
      } else {
        t->pristine[j] = par__wk_alloc(sg->bytes.len, false);
        memcpy(t->pristine[j], src, sg->bytes.len);
      }
    }
    t->first[j] = sg->first;
    t->count[j] = sg->count;
  }
  pthread_mutex_lock(&par__wk.mu);
  in->active++;
  par__wk_queue_locked(t);
  pthread_mutex_unlock(&par__wk.mu);
}

static void par__wtask_add_seg(par__wtask_t *t, uint32_t map, int64_t first, uint64_t count,
                               uint64_t es, const void *p) {
  if (t->nsegs == t->capsegs) {
    uint32_t cap = t->capsegs ? 2 * t->capsegs : 16;
    par__wseg_t *n = realloc(t->segs, cap * sizeof *n);
    if (!n) par__worker_die("out of memory");
    t->segs = n;
    t->capsegs = cap;
  }
  t->segs[t->nsegs++] = (par__wseg_t){.seg = {.map = map, .first = first, .count = count,
                                              .bytes = {0, count * es}},
                                      .p = p};
}

/* Whether element i (es bytes) is the same in a and b: a word compare
 * for the usual sizes (a memcmp call per element made comparing a whole
 * array whose every row changed, a written column, cost ~10 ns an element). */
static inline bool par__elem_eq(const unsigned char *a, const unsigned char *b, uint64_t i,
                                uint64_t es) {
  a += i * es, b += i * es;
  switch (es) {
  case 8: {
    uint64_t x, y;
    memcpy(&x, a, 8), memcpy(&y, b, 8);
    return x == y;
  }
  case 4: {
    uint32_t x, y;
    memcpy(&x, a, 4), memcpy(&y, b, 4);
    return x == y;
  }
  case 2: {
    uint16_t x, y;
    memcpy(&x, a, 2), memcpy(&y, b, 2);
    return x == y;
  }
  case 1:
    return *a == *b;
  default:
    return memcmp(a, b, es) == 0;
  }
}

/* The first byte at or after off, before end, where a and b differ; end
 * when none. Equal stretches go by 4 KiB memcmp and 64-byte word compares,
 * so that an array with one changed element every few hundred (a task's
 * scattered writes) costs about what an unchanged one does. */
static uint64_t par__first_diff(const unsigned char *a, const unsigned char *b, uint64_t off,
                                uint64_t end) {
  while (off < end && off % 8) {
    if (a[off] != b[off]) return off;
    off++;
  }
  while (end - off >= 64) {
    if (off % 4096 == 0 && end - off >= 4096 && memcmp(a + off, b + off, 4096) == 0) {
      off += 4096;
      continue;
    }
    uint64_t x = 0;
    for (int k = 0; k < 8; k++) {
      uint64_t p, q;
      memcpy(&p, a + off + 8 * k, 8);
      memcpy(&q, b + off + 8 * k, 8);
      x |= p ^ q;
    }
    if (x) break;
    off += 64;
  }
  for (; off < end; off++)
    if (a[off] != b[off]) return off;
  return end;
}

/* Calls fn(ctx, i, n) for every maximal run [i, i+n) of elements that
 * differ between `old` and `cur` (count elements of es bytes). */
static void par__diff(const unsigned char *old, const unsigned char *cur, uint64_t count,
                      uint64_t es, void (*fn)(void *ctx, uint64_t i, uint64_t n), void *ctx) {
  uint64_t i = 0;
  while (i < count) {
    i = par__first_diff(old, cur, i * es, count * es) / es;
    if (i >= count) break;
    uint64_t s = i;
    while (i < count && !par__elem_eq(old, cur, i, es))
      i++;
    fn(ctx, s, i - s);
  }
}

typedef struct par__diff_ctx {
  par__wtask_t *t;
  uint32_t map;
  int64_t first;
  uint64_t es;
  const unsigned char *cur;
  unsigned char *pristine; /* whole arrays: updated to cur */
  uint64_t copy;           /* whole arrays: bytes counted (pass 1) or used (pass 2) */
  bool counting;
  /* whole arrays: runs counted and their span [lo, hi) (pass 1); with
   * `mask` (pass 2, many runs), the runs' bits, bit 0 for element lo */
  uint64_t runs, lo, hi;
  unsigned char *mask;
} par__diff_ctx_t;

/* A whole array's changes go as one masked segment (docs/protocol.md) when
 * they are more than 8 runs (a column of a row-major array, scattered
 * writes through an index) and the mask, a bit per element of their span,
 * is at most 512 bytes a run: a plain segment costs a record of about 30
 * bytes, and past the RESULT's 1024 a DATA message of its own (several
 * microseconds each way), where 512 bytes of mask take the driver well
 * under a microsecond. Else as plain segments, one a run. */
static bool par__diff_masked(const par__diff_ctx_t *c) {
  return c->runs > 8 && (c->hi - c->lo + 7) / 8 <= 512 * c->runs;
}

static void par__diff_slice_cb(void *ctx, uint64_t i, uint64_t n) {
  par__diff_ctx_t *c = ctx;
  par__wtask_add_seg(c->t, c->map, c->first + (int64_t)i, n, c->es, c->cur + i * c->es);
}

/* Whole arrays: the changed runs are copied (another task may write the
 * array while the message is being sent) and the pristine copy updated. */
static void par__diff_whole_cb(void *ctx, uint64_t i, uint64_t n) {
  par__diff_ctx_t *c = ctx;
  if (c->counting) {
    if (!c->runs++) c->lo = i;
    c->hi = i + n;
    c->copy += n * c->es;
    return;
  }
  unsigned char *dst = c->t->diffcopy + c->copy;
  memcpy(dst, c->cur + i * c->es, n * c->es);
  memcpy(c->pristine + i * c->es, dst, n * c->es);
  c->copy += n * c->es;
  if (!c->mask) {
    par__wtask_add_seg(c->t, c->map, c->first + (int64_t)i, n, c->es, dst);
    return;
  }
  for (uint64_t k = i - c->lo, e = k + n; k < e; k++)
    c->mask[k / 8] |= (unsigned char)(1u << (k % 8));
}

/* Packs one block's partials, item j at base + off[j], into p: the items
 * in order, count * elem_size bytes each, no padding (docs/protocol.md). */
static void par__wk_pack(const par__winst_t *in, unsigned char *p, const unsigned char *base,
                         const uint64_t *off) {
  for (uint32_t j = 0; j < in->wl.nreds; j++) {
    uint64_t bytes = in->reds[j].count * in->reds[j].elem_size;
    memcpy(p, base + off[j], bytes);
    p += bytes;
  }
}

/* Runs the task's blocks. Called without the lock. */
static void par__wtask_run(par__wtask_t *t) {
  par__winst_t *in = t->inst;
  const parrt_loop_desc_t *desc = in->desc;
  uint32_t nm = in->wl.nmaps, nr = in->wl.nreds, nl = in->wl.nlasts;
  static char par__dummy[64];
  void *maps_s[16], *red_s[16], *last_s[16];
  void **maps = nm <= 16 ? maps_s : malloc(nm * sizeof *maps);
  void **red = nr <= 16 ? red_s : malloc(nr * sizeof *red);
  void **last = nl <= 16 ? last_s : malloc(nl * sizeof *last);
  if (!maps || !red || !last) par__worker_die("out of memory");
  for (uint32_t j = 0; j < nm; j++) {
    const par__wire_map_t *m = &in->maps[j];
    if (in->buf[j]) maps[j] = in->buf[j] - m->lo * (int64_t)m->elem_size;
    else if (t->work[j]) maps[j] = t->work[j] - t->first[j] * (int64_t)m->elem_size;
    else maps[j] = par__dummy;
  }
  /* partials: an aligned scratch per item, packed into t->partials per block */
  uint64_t packed = in->packed, stride = 0;
  uint64_t off_s[16];
  uint64_t *off = nr <= 16 ? off_s : malloc(nr * sizeof *off);
  const par__red_impl_t *impl_s[16];
  const par__red_impl_t **impl = nr <= 16 ? impl_s : malloc(nr * sizeof *impl);
  if (!off || !impl) par__worker_die("out of memory");
  for (uint32_t j = 0; j < nr; j++) {
    uint64_t b = in->reds[j].count * in->reds[j].elem_size;
    off[j] = stride;
    stride += par__wk_round(b);
    impl[j] = par__red_impl(desc->reds[j].op, desc->reds[j].type);
  }
  /* Exact reductions (in->combine): the blocks' partials are combined here,
   * in block order, into acc (the first block's, then each next one's
   * combined in), and go back as one block's: the same bits as the
   * driver's fold of every block, and a 256-bin histogram's task of 30
   * blocks answers 2 KiB instead of 60. */
  bool combine = nr && in->combine && t->nblocks > 1;
  t->combined = combine;
  unsigned char *scratch = nr ? par__wk_alloc(combine ? 2 * stride : stride, false) : NULL;
  unsigned char *acc = combine ? scratch + stride : NULL;
  if (nr) t->partials = par__wk_alloc(packed * (combine ? 1 : t->nblocks), false);
  for (uint32_t j = 0; j < nr; j++) red[j] = scratch + off[j];
  uint64_t niters = in->wl.niters;
  t->has_last = nl && t->blocks[t->nblocks - 1].k1 == niters;
  unsigned char *lastbuf = NULL;
  uint64_t last_stride = 0;
  if (t->has_last) {
    for (uint32_t j = 0; j < nl; j++) last_stride += par__wk_round(in->lasts[j]);
    lastbuf = par__wk_alloc(last_stride, true);
    uint64_t o = 0;
    for (uint32_t j = 0; j < nl; j++) {
      last[j] = lastbuf + o;
      o += par__wk_round(in->lasts[j]);
    }
  }
  parrt_map_extent_t ext_s[16];
  parrt_map_extent_t *ext = nm <= 16 ? ext_s : malloc(nm * sizeof *ext);
  if (!ext) par__worker_die("out of memory");
  for (uint32_t j = 0; j < nm; j++) {
    /* what maps[j] makes valid: the target variant maps these bytes */
    const par__wire_map_t *m = &in->maps[j];
    if (in->buf[j]) ext[j] = (parrt_map_extent_t){m->lo, m->len, m->elem_size};
    else if (t->work[j]) ext[j] = (parrt_map_extent_t){t->first[j], t->count[j], m->elem_size};
    else ext[j] = (parrt_map_extent_t){0, 0, m->elem_size};
  }
  parrt_chunk_t c = {.niters = niters, .env = in->env, .maps = nm ? maps : NULL,
                     .red = nr ? red : NULL, .ext = ext};
  uint64_t t0 = par__time_ns();
  for (uint32_t b = 0; b < t->nblocks; b++) {
    c.k0 = t->blocks[b].k0;
    c.k1 = t->blocks[b].k1;
    c.last = t->has_last && c.k1 == niters ? last : NULL;
    for (uint32_t j = 0; j < nr; j++) impl[j]->init(red[j], in->reds[j].count);
    par__crash_enter("loop", desc->name, desc->loc.file, (int)desc->loc.line);
    par__loop_call_chunk(desc, &c);
    par__crash_leave();
    if (combine) {
      for (uint32_t j = 0; j < nr; j++) {
        if (b == 0)
          memcpy(acc + off[j], red[j], in->reds[j].count * in->reds[j].elem_size);
        else
          impl[j]->combine(acc + off[j], red[j], in->reds[j].count);
      }
      continue;
    }
    if (nr) par__wk_pack(in, t->partials + (uint64_t)b * packed, scratch, off);
  }
  if (combine) par__wk_pack(in, t->partials, acc, off);
  t->time_ns = par__time_ns() - t0;
  if (t->has_last) {
    t->lastv = par__wk_alloc(in->last_bytes, false);
    unsigned char *p = t->lastv;
    for (uint32_t j = 0; j < nl; j++) {
      memcpy(p, last[j], in->lasts[j]);
      p += in->lasts[j];
    }
  }
  free(lastbuf);
  free(scratch);
  if (maps != maps_s) free(maps);
  if (ext != ext_s) free(ext);
  if (red != red_s) free(red);
  if (last != last_s) free(last);
  if (off != off_s) free(off);
  if (impl != impl_s) free(impl);

  /* What the task wrote into its slices. The elements that only this
   * task's iterations touch (the core: with offsets [a, b] and induction
   * values [vmin, vmax], elements [vmin + b, vmax + a]) go back whole, as
   * one segment: no other task can have written them, so unchanged values
   * in between are right too, and a stencil that rewrites most of its rows
   * does not become thousands of little runs. Only the edges, which
   * neighbouring tasks also touch, are compared element by element. */
  for (uint32_t j = 0; j < nm; j++) {
    if (!t->pristine[j]) continue;
    const par__wire_map_t *m = &in->maps[j];
    int64_t first = t->first[j];
    uint64_t count = t->count[j], es = m->elem_size;
    int64_t core_lo = first, core_hi = first; /* [core_lo, core_hi): empty */
    __int128 lb = in->wl.lb, step = in->wl.step;
    __int128 va = lb + (__int128)t->blocks[0].k0 * step;
    __int128 vb = lb + (__int128)(t->blocks[t->nblocks - 1].k1 - 1) * step;
    __int128 vmin = va < vb ? va : vb, vmax = va < vb ? vb : va;
    __int128 r = m->row ? (__int128)m->row : 1;
    __int128 lo = (vmin + m->off_max) * r, hi = (vmax + m->off_min + 1) * r;
    if (lo < first) lo = first;
    if (hi > (__int128)first + (__int128)count) hi = (__int128)first + (__int128)count;
    if (lo < hi) core_lo = (int64_t)lo, core_hi = (int64_t)hi;
    par__diff_ctx_t dc = {.t = t, .map = j, .first = first, .es = es, .cur = t->work[j]};
    uint64_t pre = (uint64_t)(core_lo - first);
    par__diff(t->pristine[j], t->work[j], pre, es, par__diff_slice_cb, &dc);
    if (core_hi > core_lo)
      par__wtask_add_seg(t, j, core_lo, (uint64_t)(core_hi - core_lo), es, t->work[j] + pre * es);
    uint64_t post = (uint64_t)(core_hi - first);
    dc.first = first + (int64_t)post;
    dc.cur = t->work[j] + post * es;
    par__diff(t->pristine[j] + post * es, t->work[j] + post * es, count - post, es,
              par__diff_slice_cb, &dc);
  }
}

/* Whole arrays of the instance, when nothing else of it runs here: pass 1
 * counts each one's changed runs, bytes and span, pass 2 copies them into
 * t->diffcopy (the changed elements, then the masks) as plain segments, or
 * as one masked segment per array when they are many runs. */
static void par__wtask_diff_whole(par__wtask_t *t) {
  par__winst_t *in = t->inst;
  uint32_t nm = in->wl.nmaps;
  par__diff_ctx_t cs[16], *c = nm <= 16 ? cs : calloc(nm, sizeof *c);
  if (!c) par__worker_die("out of memory");
  uint64_t used = 0, masks = 0;
  for (uint32_t j = 0; j < nm; j++) {
    const par__wire_map_t *m = &in->maps[j];
    c[j] = (par__diff_ctx_t){.t = t,
                             .map = j,
                             .first = m->lo,
                             .es = m->elem_size,
                             .cur = in->buf[j],
                             .pristine = in->pristine[j],
                             .counting = true,
                             .copy = used};
    if (!in->pristine[j]) continue;
    par__diff(in->pristine[j], in->buf[j], m->len, m->elem_size, par__diff_whole_cb, &c[j]);
    used = c[j].copy;
    if (par__diff_masked(&c[j])) masks += (c[j].hi - c[j].lo + 7) / 8;
  }
  if (used > 0) {
    t->diffcopy = par__wk_alloc(used + masks, false);
    unsigned char *mask = t->diffcopy + used;
    memset(mask, 0, masks);
    uint64_t copy = 0;
    for (uint32_t j = 0; j < nm; j++) {
      if (!c[j].runs) continue;
      const par__wire_map_t *m = &in->maps[j];
      par__diff_ctx_t *d = &c[j];
      uint64_t start = copy, span = d->hi - d->lo;
      d->counting = false;
      d->copy = copy;
      d->mask = par__diff_masked(d) ? mask : NULL;
      par__diff(in->pristine[j], in->buf[j], m->len, m->elem_size, par__diff_whole_cb, d);
      copy = d->copy;
      if (!d->mask) continue;
      par__wtask_add_seg(t, j, m->lo + (int64_t)d->lo, span, m->elem_size, t->diffcopy + start);
      par__wseg_t *sg = &t->segs[t->nsegs - 1];
      sg->seg.bytes.len = copy - start;
      sg->seg.mask.len = (span + 7) / 8;
      sg->mask = mask;
      mask += sg->seg.mask.len;
    }
  }
  if (c != cs) free(c);
}

/* Encodes the task's messages: DATA for segments beyond the RESULT's limit,
 * then the RESULT. */
static void par__wtask_encode(par__wtask_t *t) {
  par__winst_t *in = t->inst;
  uint32_t in_result = t->nsegs < PAR__WIRE_MAX_SEGMENTS ? t->nsegs : PAR__WIRE_MAX_SEGMENTS;
  uint32_t extra = t->nsegs - in_result;
  t->nmsgs = extra + 1;
  t->msgs = calloc(t->nmsgs, sizeof *t->msgs);
  if (!t->msgs) par__worker_die("out of memory");
  for (uint32_t i = 0; i < extra; i++) {
    par__wire_buf_t *b = &t->msgs[i];
    par__wire_buf_init(b);
    par__wseg_t *s = &t->segs[in_result + i];
    par__wire_data_t d = {.instance = in->id, .task = t->id, .seg = s->seg};
    if (par__wire_buf_add(b, s->p, s->seg.bytes.len, &d.seg.bytes) != PAR_OK ||
        par__wire_buf_add(b, s->mask, s->seg.mask.len, &d.seg.mask) != PAR_OK ||
        par__wire_encode_data(b, &d) != PAR_OK)
      par__worker_die("cannot encode data: %s", b->diag.text);
  }
  par__wire_buf_t *b = &t->msgs[extra];
  par__wire_buf_init(b);
  par__wire_segment_t *segs = in_result ? malloc(in_result * sizeof *segs) : NULL;
  if (in_result && !segs) par__worker_die("out of memory");
  for (uint32_t i = 0; i < in_result; i++) {
    segs[i] = t->segs[i].seg;
    if (par__wire_buf_add(b, t->segs[i].p, segs[i].bytes.len, &segs[i].bytes) != PAR_OK ||
        par__wire_buf_add(b, t->segs[i].mask, segs[i].mask.len, &segs[i].mask) != PAR_OK)
      par__worker_die("cannot encode a result");
  }
  par__wire_result_t r = {.instance = in->id,
                          .task = t->id,
                          .status = 0,
                          .time_ns = t->time_ns,
                          .nblocks = in->wl.nreds ? t->nblocks : 0,
                          .has_last = t->has_last,
                          .combined = t->combined,
                          .nsegments = in_result,
                          .segments = segs};
  if (in->wl.nreds && par__wire_buf_add(b, t->partials, in->packed * (t->combined ? 1 : t->nblocks),
                                        &r.partials) != PAR_OK)
    par__worker_die("cannot encode a result");
  if (t->has_last) {
    if (par__wire_buf_add(b, t->lastv, in->last_bytes, &r.last) != PAR_OK) par__worker_die("cannot encode a result");
  }
  if (par__wire_encode_result(b, &r) != PAR_OK) par__worker_die("cannot encode a result: %s", b->diag.text);
  free(segs);
}

/* Runs a task taken from the queue, then settles the instance's whole
 * arrays if it was the last of its instance here. Any thread. */
static void par__wcall_execute(par__wtask_t *t);

static void par__wtask_execute(par__wtask_t *t) {
  if (t->call) {
    par__wcall_execute(t);
    return;
  }
  par__wtask_run(t);
  par__winst_t *in = t->inst;
  /* Leaving and checking in one step: of two tasks finishing at once, the
   * second to get here sees 0 and compares. */
  bool whole = false;
  pthread_mutex_lock(&par__wk.mu);
  in->active--;
  if (in->has_whole_out && in->active == 0) {
    in->diffing = true;
    whole = true;
  }
  pthread_mutex_unlock(&par__wk.mu);
  if (whole) par__wtask_diff_whole(t);
  par__wtask_encode(t);
  if (whole) {
    pthread_mutex_lock(&par__wk.mu);
    in->diffing = false;
    pthread_cond_broadcast(&par__wk.cv);
    pthread_mutex_unlock(&par__wk.mu);
  }
}


/* ---- function calls ------------------------------------------------------------ */

static void par__wcall_free(par__wcall_t *c) {
  if (c->bufs)
    for (uint32_t k = 0; k < c->desc->nmaps; k++) free(c->bufs[k]);
  free(c->bufs);
  free(c->maps);
  free(c->args);
  free(c->ret);
  free(c->deps);
  free(c);
}

static par__wcall_t *par__wcall_find_locked(uint64_t id) {
  for (par__wcall_t *c = par__wk.calls; c; c = c->next)
    if (c->id == id) return c;
  return NULL;
}

/* Parameter site->deps[k] of c takes the left-hand-side value of src, which
 * has run here. Under mu. */
static void par__wcall_fill_locked(par__wcall_t *c, uint32_t k, const par__wcall_t *src) {
  const parrt_spawn_site_t *ss = src->site;
  const parrt_spawn_dep_t *dp = &c->site->deps[k];
  if (!ss || !ss->store || !src->keep || ss->lhs_size != dp->var_size ||
      dp->param >= c->desc->nparams)
    par__worker_die("call %llu: its dependency on call %llu does not match this program",
                    (unsigned long long)c->id, (unsigned long long)src->id);
  unsigned char tmp_s[256], *tmp = ss->lhs_size <= sizeof tmp_s ? tmp_s : malloc(ss->lhs_size);
  if (!tmp) par__worker_die("out of memory");
  ss->store(tmp, src->ret);
  dp->conv(c->args + c->desc->param_off[dp->param], tmp);
  if (tmp != tmp_s) free(tmp);
}

static void par__worker_call_msg(const par__wire_call_t *cm, const char *payload) {
  const parrt_fn_desc_t *desc = par__fn_find(cm->fn);
  if (!desc) par__worker_die("no distributed function with id %016llx in this program", (unsigned long long)cm->fn);
  const parrt_spawn_site_t *site = cm->site ? par__fn_find_site(cm->site) : NULL;
  if (cm->site && !site)
    par__worker_die("no spawn site with id %016llx in this program", (unsigned long long)cm->site);
  if (cm->args.len != desc->args_size || cm->nmaps != desc->nmaps)
    par__worker_die("function '%s': the driver's call does not match this program", desc->name);
  if (cm->ndeps && !site) par__worker_die("call %llu: dependencies without a spawn site", (unsigned long long)cm->call);
  par__wcall_t *c = calloc(1, sizeof *c);
  par__wtask_t *t = calloc(1, sizeof *t);
  if (!c || !t) par__worker_die("out of memory");
  c->id = cm->call;
  c->desc = desc;
  c->site = site;
  c->keep = cm->keep;
  c->task = t;
  t->id = cm->call;
  t->call = c;
  c->args = par__wk_alloc(desc->args_size, false);
  memcpy(c->args, payload + cm->args.off, desc->args_size);
  c->ret = par__wk_alloc(desc->ret_size, true);
  c->bufs = calloc(desc->nmaps + 1, sizeof *c->bufs);
  c->maps = calloc(desc->nmaps + 1, sizeof *c->maps);
  if (!c->bufs || !c->maps) par__worker_die("out of memory");
  if (desc->nmaps) memcpy(c->maps, cm->maps, desc->nmaps * sizeof *c->maps);
  for (uint32_t k = 0; k < desc->nmaps; k++) {
    const par__wire_cmap_t *m = &cm->maps[k];
    const parrt_fn_map_desc_t *md = &desc->maps[k];
    if (m->kind != md->kind || md->param >= desc->nparams ||
        desc->param_size[md->param] != sizeof(void *))
      par__worker_die("function '%s': map %u does not match this program", desc->name, k);
    c->bufs[k] = par__wk_alloc(m->len * m->elem_size, m->kind == PARRT_MAP_ALLOC);
    if (m->kind != PARRT_MAP_ALLOC) memcpy(c->bufs[k], payload + m->bytes.off, m->bytes.len);
    /* the body indexes p[lo .. lo+len): element 0 is lo elements before the buffer */
    char *base = (char *)c->bufs[k] - m->lo * (int64_t)m->elem_size;
    memcpy(c->args + desc->param_off[md->param], &base, sizeof base);
  }
  pthread_mutex_lock(&par__wk.mu);
  if (par__wcall_find_locked(c->id)) par__worker_die("call %llu sent twice", (unsigned long long)c->id);
  c->deps = cm->ndeps ? calloc(cm->ndeps, sizeof *c->deps) : NULL;
  if (cm->ndeps && !c->deps) par__worker_die("out of memory");
  c->ndeps = cm->ndeps;
  for (uint32_t i = 0; i < cm->ndeps; i++) {
    const par__wire_dep_t *dp = &cm->deps[i];
    if (dp->k >= site->ndeps) par__worker_die("call %llu: dependency %u of no argument", (unsigned long long)c->id, dp->k);
    /* The driver sent src here before this call, and keeps it until this
     * call has returned; a src not here yet is still on its way (a large
     * CALL can arrive after a small one sent later). */
    par__wcall_t *src = par__wcall_find_locked(dp->src);
    c->deps[i] = *dp;
    if (src && src->done) {
      par__wcall_fill_locked(c, dp->k, src);
      c->deps[i].src = 0;
    } else {
      c->nwait++;
    }
  }
  c->next = par__wk.calls;
  par__wk.calls = c;
  if (c->nwait == 0) par__wk_queue_locked(t);
  pthread_mutex_unlock(&par__wk.mu);
}

static void par__worker_forget_msg(const par__wire_forget_t *f) {
  for (uint32_t i = 0; i < f->ncalls; i++) {
    pthread_mutex_lock(&par__wk.mu);
    par__wcall_t **pp = &par__wk.calls, *c;
    while ((c = *pp) && c->id != f->calls[i]) pp = &c->next;
    bool drop = c && c->done && !c->task;
    if (drop) *pp = c->next;
    else if (c) c->keep = false; /* still sending its RETURN: dropped after */
    pthread_mutex_unlock(&par__wk.mu);
    if (drop) par__wcall_free(c);
  }
}

/* Runs a call, encodes its RETURN (the result and every from/tofrom
 * section whole), and starts the calls here that waited for its value.
 * Any thread. */
static void par__wcall_execute(par__wtask_t *t) {
  par__wcall_t *c = t->call;
  const parrt_fn_desc_t *desc = c->desc;
  uint64_t t0 = par__time_ns();
  par__crash_enter("function", desc->name, desc->loc.file, (int)desc->loc.line);
  par__fn_run_body(desc, c->args, c->ret);
  par__crash_leave();
  t->time_ns = par__time_ns() - t0;

  t->nmsgs = 1;
  t->msgs = calloc(1, sizeof *t->msgs);
  par__wire_segment_t *segs = calloc(desc->nmaps + 1, sizeof *segs);
  if (!t->msgs || !segs) par__worker_die("out of memory");
  par__wire_buf_t *b = &t->msgs[0];
  par__wire_buf_init(b);
  par__wire_return_t r = {.call = c->id, .status = 0, .time_ns = t->time_ns, .segments = segs};
  if (par__wire_buf_add(b, c->ret, desc->ret_size, &r.ret) != PAR_OK)
    par__worker_die("cannot encode a return");
  for (uint32_t k = 0; k < desc->nmaps; k++) {
    const par__wire_cmap_t *m = &c->maps[k];
    if (!par__is_out(m->kind)) continue;
    par__wire_segment_t *sg = &segs[r.nsegments++];
    *sg = (par__wire_segment_t){.map = k, .first = m->lo, .count = m->len};
    if (par__wire_buf_add(b, c->bufs[k], m->len * m->elem_size, &sg->bytes) != PAR_OK)
      par__worker_die("cannot encode a return");
  }
  if (par__wire_encode_return(b, &r) != PAR_OK)
    par__worker_die("cannot encode a return: %s", b->diag.text);
  free(segs);

  /* the calls here that take this one's value */
  pthread_mutex_lock(&par__wk.mu);
  c->done = true;
  for (par__wcall_t *o = par__wk.calls; o; o = o->next) {
    if (!o->nwait) continue;
    for (uint32_t i = 0; i < o->ndeps; i++) {
      if (o->deps[i].src != c->id) continue;
      par__wcall_fill_locked(o, o->deps[i].k, c);
      o->deps[i].src = 0;
      if (--o->nwait == 0) par__wk_queue_locked(o->task);
    }
  }
  pthread_mutex_unlock(&par__wk.mu);
}

/* The first queued task whose instance is not being compared; under mu. */
static par__wtask_t *par__wk_pop_locked(void) {
  par__wtask_t **pp = &par__wk.queue_head, *t, *prev = NULL;
  while ((t = *pp) && t->inst && t->inst->diffing) prev = t, pp = &t->next;
  if (!t) return NULL;
  *pp = t->next;
  if (par__wk.queue_tail == t) par__wk.queue_tail = prev;
  t->next = NULL;
  return t;
}

static void par__wk_push_done(par__wtask_t *t) {
  pthread_mutex_lock(&par__wk.mu);
  if (par__wk.done_tail) par__wk.done_tail->next = t;
  else par__wk.done_head = t;
  par__wk.done_tail = t;
  pthread_mutex_unlock(&par__wk.mu);
}

static void *par__wk_thread(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&par__wk.mu);
    par__wtask_t *t;
    while (!(t = par__wk_pop_locked()) && !par__wk.stopping) pthread_cond_wait(&par__wk.cv, &par__wk.mu);
    pthread_mutex_unlock(&par__wk.mu);
    if (!t) return NULL;
    par__wtask_execute(t);
    par__wk_push_done(t);
    par__net_signal(par__wk.net);
  }
}

/* ---- the network side -------------------------------------------------------- */

static void par__wk_sent(par_status_t st, void *arg) {
  (void)st;
  par__wtask_t *t = arg;
  if (--t->pending == 0) par__wtask_free(t);
}

/* Sends the results of the tasks done; once they are out and nothing is
 * left to run, polls for the driver's next message a while (PAR_POLL_US):
 * in a program of loops back to back it comes within microseconds of the
 * driver's answer, and a sleep on the event fd and a wake-up would cost
 * more than that. */
static void par__wk_send_results(void) {
  pthread_mutex_lock(&par__wk.mu);
  par__wtask_t *list = par__wk.done_head;
  par__wk.done_head = par__wk.done_tail = NULL;
  bool idle = !par__wk.queue_head;
  pthread_mutex_unlock(&par__wk.mu);
  if (list && idle) par__net_poll_for(par__wk.net, par__wk.node.poll_ns);
  while (list) {
    par__wtask_t *t = list;
    list = t->next;
    t->pending = t->nmsgs + 1; /* +1: ours, dropped below */
    for (uint32_t i = 0; i < t->nmsgs; i++) {
      par__wire_buf_t *b = &t->msgs[i];
      if (par__net_send(par__wk.driver, b->hdr, b->hdr_len, b->iov, (int)b->niov, par__wk_sent, t) != PAR_OK)
        t->pending--;
    }
    par__wk_sent(PAR_OK, t);
  }
}

static void par__wk_recv(par__net_peer_t *peer, const void *hdr, size_t hdr_len, void *data,
                         size_t data_len, void *user) {
  (void)peer, (void)user;
  par__wire_msg_t msg;
  par__wire_diag_t diag;
  par__wk.last_recv = par__time_ns();
  par_status_t st = par__wire_decode(hdr, hdr_len, data_len, &msg, &diag);
  if (st != PAR_OK) {
    if (!par__wk.welcomed && st == PAR__WIRE_ERR_VERSION)
      par__worker_die("the driver speaks protocol version %llu, this program %u: %s",
                      (unsigned long long)diag.version, PAR__WIRE_VERSION, diag.text);
    par__worker_die("malformed message from the driver: %s", diag.text);
  }
  if (!par__wk.welcomed) {
    if (msg.type == PAR__WIRE_WELCOME) {
      st = msg.u.welcome.direct ? PAR_OK
                                : par__net_peer_upgrade(par__wk.driver, msg.u.welcome.address,
                                                        msg.u.welcome.address_len);
      if (st != PAR_OK) par__worker_die("cannot reach the driver's worker address: %s", par__status_message(st));
      par__wk.welcomed = true;
      par__wk.heartbeat_ms = msg.u.welcome.heartbeat_ms;
      par__wk.remote = msg.u.welcome.direct != 0;
    } else if (msg.type == PAR__WIRE_REFUSE) {
      snprintf(par__wk.refuse_reason, sizeof par__wk.refuse_reason, "%s", msg.u.refuse.reason);
      par__wk.refused = true;
    } else {
      par__worker_die("expected welcome from the driver, got %s", par__wire_type_name(msg.type));
    }
    par__wire_msg_free(&msg);
    return;
  }
  switch (msg.type) {
  case PAR__WIRE_LOOP:
    par__worker_loop_msg(&msg.u.loop, data);
    if (msg.u.loop.has_task) par__worker_task_msg(&msg.u.loop.task, data, data_len);
    break;
  case PAR__WIRE_DATA:
    par__worker_data_msg(&msg.u.data, data);
    break;
  case PAR__WIRE_TASK:
    par__worker_task_msg(&msg.u.task, data, data_len);
    break;
  case PAR__WIRE_CALL:
    par__worker_call_msg(&msg.u.call, data);
    break;
  case PAR__WIRE_FORGET:
    par__worker_forget_msg(&msg.u.forget);
    break;
  case PAR__WIRE_BYE:
    par__wk.bye = true;
    break;
  case PAR__WIRE_HEARTBEAT:
    break;
  default:
    par__worker_die("unexpected %s message from the driver", par__wire_type_name(msg.type));
  }
  par__wire_msg_free(&msg);
}

static void par__wk_error(par__net_peer_t *peer, par_status_t st, void *user) {
  (void)peer, (void)user;
  par__wk.lost = true;
  par__wk.lost_status = st;
}

_Noreturn static void par__wk_exit(int status);

/* Heartbeats (docs/protocol.md, HEARTBEAT): one to the driver every
 * heartbeat_ms; a driver silent for PAR__WORKER_DRIVER_SILENT intervals
 * (its host cut off or stopped: the driver sends one every interval) is
 * gone, and so is the job: exit 2. Main thread. */
#define PAR__WORKER_DRIVER_SILENT 10u
static void par__wk_heartbeat(void) {
  par__worker_t *w = &par__wk;
  if (!w->heartbeat_ms) return;
  uint64_t now = par__time_ns(), ms = 1000000u;
  static uint64_t prev;
  /* this thread was not running for a while: the machine was stuck, not the driver */
  if (!w->last_recv || (prev && now - prev > 2 * w->heartbeat_ms * ms)) w->last_recv = now;
  prev = now;
  if (now - w->last_recv > PAR__WORKER_DRIVER_SILENT * w->heartbeat_ms * ms) {
    fprintf(stderr,
            "par: error: worker %d on host %s: nothing heard from the driver for %.1f s; leaving\n",
            w->node.rank, w->node.host, (now - w->last_recv) / 1e9);
    par__wk_exit(2);
  }
  if (now - w->last_beat < w->heartbeat_ms * ms) return;
  w->last_beat = now;
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_heartbeat_t hb = {.seq = ++w->beat_seq};
  if (par__wire_encode_heartbeat(&b, &hb) == PAR_OK)
    par__net_send(w->driver, b.hdr, b.hdr_len, NULL, 0, NULL, NULL);
  par__wire_buf_cleanup(&b);
}

/* Ends the compute threads: idle ones at once; they are joined (a second
 * at most, a task may still run), so that none ends unjoined behind _exit
 * and none signals the net while the main thread destroys it. Once. */
static void par__wk_stop_threads(void) {
  pthread_mutex_lock(&par__wk.mu);
  par__wk.stopping = true;
  pthread_cond_broadcast(&par__wk.cv);
  pthread_mutex_unlock(&par__wk.mu);
  if (!pthread_equal(pthread_self(), par__wk_main_thread) || !par__wk.threads) return;
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 1;
  for (uint32_t i = 0; i < par__wk.nthreads; i++)
    if (pthread_timedjoin_np(par__wk.threads[i], NULL, &until) != 0) break;
  free(par__wk.threads);
  par__wk.threads = NULL;
}

static void par__wk_on_exit(int status, void *arg) {
  (void)arg;
  fflush(NULL);
  _exit(status);
}

_Noreturn static void par__wk_exit(int status) {
  par__wk_stop_threads();
  fflush(stdout);
  fflush(stderr);
  _exit(status);
}

_Noreturn void par__worker_main(void) {
  par__worker_t *w = &par__wk;
  par__wk_main_thread = pthread_self();
  char err[512];
  if (par__node_load(&w->node, err, sizeof err) != PAR_OK) {
    fprintf(stderr, "par: error: worker: %s\n", err);
    _exit(2);
  }
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->cv, NULL);
  /* Task payloads of up to a few MiB come and go all the time: keep them
   * in the heap (no mmap/munmap per task, no page faults on fresh pages). */
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  size_t bid_len;
  const unsigned char *bid = par__node_build_id(&bid_len);
  if (!bid) par__worker_die("cannot read this program's build id or contents (/proc/self/exe)");
  par__net_callbacks_t cbs = {.recv = par__wk_recv, .error = par__wk_error};
  par__node_ucx_defaults();
  par_status_t st = par__net_create(&cbs, &w->net);
  if (st != PAR_OK) par__worker_die("cannot start UCX: %s", par__status_message(st));
  st = par__net_connect(w->net, w->node.driver, w->node.driver_port, &w->driver);
  if (st != PAR_OK)
    par__worker_die("cannot connect to the driver at %s:%u: %s", w->node.driver, w->node.driver_port,
                    par__status_message(st));
  const void *addr;
  size_t addr_len;
  st = par__net_local_address(w->net, &addr, &addr_len);
  if (st != PAR_OK) par__worker_die("cannot get the UCX worker address: %s", par__status_message(st));
  par__wire_buf_t hb;
  par__wire_buf_init(&hb);
  par__wire_hello_t h = {.token = w->node.token, .rank = (uint32_t)w->node.rank,
                         .pid = (uint32_t)getpid(), .host = w->node.host, .build_id = bid,
                         .build_id_len = (uint32_t)bid_len, .address = addr,
                         .address_len = (uint32_t)addr_len,
                         .threads = w->node.threads > 65535 ? 65535 : w->node.threads,
                         .gpus = (uint32_t)(par__offload_ndevices() > 65535 ? 65535 : par__offload_ndevices())};
  if (par__wire_encode_hello(&hb, &h) != PAR_OK) par__worker_die("cannot encode hello: %s", hb.diag.text);
  st = par__net_send(w->driver, hb.hdr, hb.hdr_len, NULL, 0, NULL, NULL);
  if (st != PAR_OK) par__worker_die("cannot send hello: %s", par__status_message(st));

  /* A connection that fails before the driver answers is tried again (a
   * network that is still coming up, a listener's backlog) until the
   * connect deadline; one that fails after WELCOME is an error. */
  uint64_t deadline = par__time_ns() + (uint64_t)(w->node.connect_timeout * 1e9);
  uint64_t backoff_ms = 50;
  for (;;) {
    while (!w->welcomed && !w->refused && !w->lost) {
      if (par__time_ns() > deadline)
        par__worker_die("the driver at %s:%u did not answer within %g s", w->node.driver,
                        w->node.driver_port, w->node.connect_timeout);
      int n = par__net_progress(w->net, 100);
      if (n < 0) par__worker_die("network progress failed: %s", par__status_message((par_status_t)n));
    }
    if (!w->lost || w->welcomed || w->refused) break;
    if (par__time_ns() + backoff_ms * 1000000u > deadline) break;
    PAR__LOG_INFO("worker %d: connecting to the driver at %s:%u failed (%s); trying again",
                  w->node.rank, w->node.driver, w->node.driver_port, par__status_message(w->lost_status));
    par__net_peer_close(w->driver);
    w->driver = NULL;
    struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)backoff_ms * 1000000};
    nanosleep(&ts, NULL);
    if (backoff_ms < 1000) backoff_ms *= 2;
    w->lost = false;
    st = par__net_connect(w->net, w->node.driver, w->node.driver_port, &w->driver);
    if (st == PAR_OK) st = par__net_send(w->driver, hb.hdr, hb.hdr_len, NULL, 0, NULL, NULL);
    if (st != PAR_OK)
      par__worker_die("cannot connect to the driver at %s:%u: %s", w->node.driver,
                      w->node.driver_port, par__status_message(st));
  }
  par__wire_buf_cleanup(&hb);
  if (w->refused) {
    fprintf(stderr, "par: error: worker %d on host %s was refused by the driver: %s\n", w->node.rank,
            w->node.host, w->refuse_reason);
    _exit(2);
  }
  if (w->lost && !w->welcomed)
    par__worker_die("cannot connect to the driver at %s:%u: %s", w->node.driver, w->node.driver_port,
                    par__status_message(w->lost_status));
  PAR__LOG_INFO("worker %d admitted, %u compute threads%s", w->node.rank, w->node.threads,
                w->node.bound ? ", bound to its share of the host's CPUs" : "");

  /* On another host, with heartbeats, the main thread must stay free to
   * answer them, so even one compute thread is a thread of its own. On the
   * driver's host silence is not taken for loss (its death is seen at
   * once), and one compute thread is the main thread itself: no hand-off
   * between threads per task, which on a host shared by the driver and
   * several workers costs more than the work of short tasks. */
  w->nthreads = w->node.threads > 1 || (w->heartbeat_ms && w->remote) ? w->node.threads : 0;
  par__crash_install(w->node.rank, w->node.host);
  /* A chunk that calls exit(): the user's atexit handlers run, then this
   * one ends the process before the libraries' destructors, UCX's among
   * them, which tore UCX down under its own event thread (TSan: a race in
   * libucs's pthread_rwlock_destroy, dist/worker-kill.c). */
  on_exit(par__wk_on_exit, NULL);
  if (w->nthreads) {
    w->threads = calloc(w->nthreads, sizeof *w->threads);
    if (!w->threads) par__worker_die("out of memory");
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (uint32_t i = 0; i < w->nthreads; i++)
      if (pthread_create(&w->threads[i], NULL, par__wk_thread, NULL) != 0)
        par__worker_die("cannot start compute threads");
    pthread_sigmask(SIG_SETMASK, &old, NULL);
  }

  for (;;) {
    bool runnable = false;
    if (!w->nthreads) {
      pthread_mutex_lock(&w->mu);
      runnable = w->queue_head != NULL;
      pthread_mutex_unlock(&w->mu);
    }
    int n = par__net_progress(w->net, runnable ? 0 : PAR__NET_TICK_MS);
    if (n < 0) par__worker_die("network progress failed: %s", par__status_message((par_status_t)n));
    if (!w->nthreads) {
      pthread_mutex_lock(&w->mu);
      par__wtask_t *t = par__wk_pop_locked();
      pthread_mutex_unlock(&w->mu);
      if (t) {
        par__wtask_execute(t);
        par__wk_push_done(t);
      }
    }
    par__wk_send_results();
    par__wk_heartbeat();
    if (w->bye) {
      PAR__LOG_DEBUG("worker %d: bye", w->node.rank);
      par__wk_stop_threads(); /* a compute thread signals the net after each task */
      par__net_destroy(w->net);
      par__wk_exit(0);
    }
    if (w->lost) {
      PAR__LOG_INFO("worker %d: connection to the driver lost (%s)", w->node.rank,
                    par__status_message(w->lost_status));
      par__wk_exit(2);
    }
  }
}
