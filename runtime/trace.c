/* trace.c: PAR_TRACE=file.json (parrun --trace): the recorded events as a
 * Chrome trace event file, which Perfetto (ui.perfetto.dev) and
 * chrome://tracing open. Also the row layout that report.c shares.
 *
 * Processes and threads of the file (docs/observability.md):
 *   - pid 1 is this process (the standalone program, or the driver, rank 0);
 *     each of its threads that ran a chunk or task is a tid, named
 *     "main thread", "pool thread N", ...;
 *   - pid 1+R is worker R: tid 1, 2, ... are its compute lanes (a worker
 *     runs several tasks at once; each lane holds tasks that do not
 *     overlap), tid 1001, ... its transfer lanes.
 * Events are complete events ("ph":"X") named after the loop (its
 * "function:line" name) or the function, with "cat" chunk, task, loop or
 * transfer, and args: loc (file:line), k0/k1 (iterations), blocks, bytes.
 * Times are microseconds since the program started, all on this process's
 * clock: a remote task is placed at [arrival of its result - the time its
 * worker measured, arrival], never before it was sent.
 */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obs.h"

/* ---- escaping ------------------------------------------------------------ */

void par__obs_put_json(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
    else if (c < 0x20) fprintf(f, "\\u%04x", c);
    else fputc(c, f);
  }
  fputc('"', f);
}

void par__obs_put_html(FILE *f, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '&': fputs("&amp;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&#39;", f); break;
    default: fputc(*s, f);
    }
  }
}

/* ---- the layout ---------------------------------------------------------- */

typedef struct par__obs_collect {
  par__obs_ev_t *ev;
  size_t n, cap;
  bool failed;
} par__obs_collect_t;

static void par__obs_collect(const par__obs_ev_t *ev, void *ctx) {
  par__obs_collect_t *c = ctx;
  if (c->failed) return;
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 4096;
    par__obs_ev_t *p = realloc(c->ev, cap * sizeof *p);
    if (!p) {
      c->failed = true;
      return;
    }
    c->ev = p;
    c->cap = cap;
  }
  c->ev[c->n++] = *ev;
}

static int par__obs_ev_cmp(const void *a, const void *b) {
  const par__obs_ev_t *x = a, *y = b;
  if (x->track != y->track) return x->track < y->track ? -1 : 1;
  if (x->t0 != y->t0) return x->t0 < y->t0 ? -1 : 1;
  if (x->t1 != y->t1) return x->t1 > y->t1 ? -1 : 1; /* enclosing spans first */
  return 0;
}

bool par__obs_layout_make(par__obs_layout_t *l) {
  memset(l, 0, sizeof *l);
  par__obs_collect_t c = {0};
  par__obs_each(par__obs_collect, &c);
  if (c.failed) {
    free(c.ev);
    errno = ENOMEM;
    return false;
  }
  if (c.n) qsort(c.ev, c.n, sizeof *c.ev, par__obs_ev_cmp);
  l->ev = c.ev;
  l->nev = c.n;
  l->row = malloc((c.n + 1) * sizeof *l->row);
  size_t caprows = 64;
  l->rows = malloc(caprows * sizeof *l->rows);
  if (!l->row || !l->rows) goto err_nomem;
  /* Lanes of the track being laid out: when each ends. */
  uint64_t lane_end[256];
  size_t first_row = 0, nlanes = 0;
  for (size_t i = 0; i < c.n; i++) {
    const par__obs_ev_t *e = &c.ev[i];
    const par__obs_track_t *t = &par__obs.tracks[e->track];
    if (i == 0 || e->track != c.ev[i - 1].track) {
      first_row = l->nrows;
      nlanes = 0;
    }
    /* A thread's own events nest (a loop span holds its chunks): one lane.
     * A worker's may overlap: the first lane free at e->t0, one per thread
     * of the worker at most. Its times are estimates (obs.h): when every
     * lane is taken, the event goes to the lane that frees first and starts
     * there (a worker never runs more tasks at once than it has threads). */
    size_t lane = 0;
    if (t->rank != 0) {
      size_t max = t->threads && !t->transfers ? t->threads : PAR__ARRAY_SIZE(lane_end);
      if (max > PAR__ARRAY_SIZE(lane_end)) max = PAR__ARRAY_SIZE(lane_end);
      while (lane < nlanes && lane_end[lane] > e->t0) lane++;
      if (lane >= max) {
        lane = 0;
        for (size_t k = 1; k < nlanes; k++)
          if (lane_end[k] < lane_end[lane]) lane = k;
        par__obs_ev_t *m = &c.ev[i];
        m->t0 = lane_end[lane];
        if (m->t1 < m->t0) m->t1 = m->t0;
      }
    }
    if (lane >= nlanes) {
      if (l->nrows == caprows) {
        caprows *= 2;
        par__obs_row_t *r = realloc(l->rows, caprows * sizeof *r);
        if (!r) goto err_nomem;
        l->rows = r;
      }
      par__obs_row_t *r = &l->rows[l->nrows++];
      r->track = e->track;
      r->lane = (uint16_t)lane;
      if (t->rank == 0 || (lane == 0 && !t->transfers))
        snprintf(r->name, sizeof r->name, "%s", t->name);
      else snprintf(r->name, sizeof r->name, "%s %zu", t->name, lane + 1);
      lane_end[lane] = 0;
      nlanes = lane + 1;
    }
    if (e->t1 > lane_end[lane]) lane_end[lane] = e->t1;
    l->row[i] = (uint32_t)(first_row + lane);
  }
  return true;

err_nomem:
  par__obs_layout_cleanup(l);
  errno = ENOMEM;
  return false;
}

void par__obs_layout_cleanup(par__obs_layout_t *l) {
  free(l->ev);
  free(l->row);
  free(l->rows);
  memset(l, 0, sizeof *l);
}

/* ---- the trace file ------------------------------------------------------ */

static const char *par__obs_cat(const par__obs_ev_t *e) {
  switch (e->kind) {
  case PAR__OBS_EV_CHUNK: return "chunk";
  case PAR__OBS_EV_TASK: return "task";
  case PAR__OBS_EV_LOOP: return "loop";
  default: return "transfer";
  }
}

/* pid and tid of a row (see the top of the file). */
static void par__obs_row_ids(const par__obs_layout_t *l, size_t row, int *pid, int *tid) {
  const par__obs_row_t *r = &l->rows[row];
  const par__obs_track_t *t = &par__obs.tracks[r->track];
  *pid = 1 + t->rank;
  if (t->rank == 0) *tid = 1 + r->track;
  else *tid = (t->transfers ? 1001 : 1) + r->lane;
}

static void par__obs_us(FILE *f, const char *key, uint64_t ns) {
  fprintf(f, "\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned)(ns % 1000));
}

bool par__obs_trace_write(const char *path) {
  par__obs_layout_t l;
  if (!par__obs_layout_make(&l)) return false;
  FILE *f = fopen(path, "w");
  if (!f) {
    int e = errno;
    par__obs_layout_cleanup(&l);
    errno = e;
    return false;
  }
  fprintf(f, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"par\",\"workers\":%d,"
             "\"dropped_events\":%" PRIu64 "},\n\"traceEvents\":[\n",
          par__obs.nworkers, (uint64_t)atomic_load(&par__obs.dropped));
  const char *sep = "";
  /* Names of the processes (each rank that has a row) and of the rows. */
  for (int r = 0; r <= par__obs.nworkers; r++) {
    bool used = false;
    for (size_t i = 0; i < l.nrows && !used; i++) used = par__obs.tracks[l.rows[i].track].rank == r;
    if (!used) continue;
    char name[96];
    if (r == 0) snprintf(name, sizeof name, par__obs.nworkers ? "driver (rank 0)" : "program");
    else snprintf(name, sizeof name, "worker %d", r);
    fprintf(f, "%s{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%d,\"tid\":0,\"args\":{\"name\":",
            sep, 1 + r);
    par__obs_put_json(f, name);
    fprintf(f, "}}");
    sep = ",\n";
    fprintf(f, "%s{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":%d,\"tid\":0,"
               "\"args\":{\"sort_index\":%d}}",
            sep, 1 + r, r);
  }
  for (size_t i = 0; i < l.nrows; i++) {
    int pid, tid;
    par__obs_row_ids(&l, i, &pid, &tid);
    fprintf(f, "%s{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%d,\"tid\":%d,\"args\":{\"name\":",
            sep, pid, tid);
    par__obs_put_json(f, l.rows[i].name);
    fprintf(f, "}}");
    fprintf(f, "%s{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":%d,\"tid\":%d,"
               "\"args\":{\"sort_index\":%d}}",
            sep, pid, tid, tid);
  }
  for (size_t i = 0; i < l.nev; i++) {
    const par__obs_ev_t *e = &l.ev[i];
    int pid, tid;
    par__obs_row_ids(&l, l.row[i], &pid, &tid);
    bool xfer = e->kind == PAR__OBS_EV_XFER_IN || e->kind == PAR__OBS_EV_XFER_OUT;
    char name[160], where[96];
    par__obs_where(e->what, e->is_fn, where, sizeof where);
    if (xfer)
      snprintf(name, sizeof name, "%s %s", e->kind == PAR__OBS_EV_XFER_OUT ? "send" : "result",
               e->what ? par__obs_name(e->what, e->is_fn) : "job");
    else
      snprintf(name, sizeof name, "%s", par__obs_name(e->what, e->is_fn));
    fprintf(f, "%s{\"ph\":\"X\",\"name\":", sep);
    par__obs_put_json(f, name);
    fprintf(f, ",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d,", par__obs_cat(e), pid, tid);
    par__obs_us(f, "ts", e->t0);
    fputc(',', f);
    par__obs_us(f, "dur", e->t1 - e->t0);
    fprintf(f, ",\"args\":{\"loc\":");
    par__obs_put_json(f, e->what ? where : "");
    if (xfer) fprintf(f, ",\"bytes\":%" PRIu64, e->k0);
    else if (!e->is_fn)
      fprintf(f, ",\"k0\":%" PRIu64 ",\"k1\":%" PRIu64 ",\"blocks\":%u", e->k0, e->k1, e->nblocks);
    fprintf(f, "}}");
  }
  fprintf(f, "\n]}\n");
  par__obs_layout_cleanup(&l);
  if (ferror(f)) {
    fclose(f);
    errno = EIO;
    return false;
  }
  return fclose(f) == 0;
}
