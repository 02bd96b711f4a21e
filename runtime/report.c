/* report.c: PAR_REPORT=file.html (parrun --report): one self-contained HTML
 * page about the run, written at exit from what obs.c recorded.
 *
 * The page needs no network and no other file: inline CSS, an inline SVG
 * and a few lines of inline JavaScript (details of the event under the
 * pointer; the page reads fine without it). Its parts, with the ids and
 * classes the tests and other tools may rely on (docs/observability.md):
 *   - #summary: what ran (standalone threads or driver and workers), wall
 *     time, events;
 *   - svg#timeline: one g.row per thread or worker lane (the trace's rows:
 *     trace.c's layout), with data-name and data-kind (thread, worker,
 *     transfers); in it one rect.task per chunk or task (data-name, data-loc,
 *     data-ms), rect.span per top-level loop execution, rect.xfer per
 *     message; at most PAR__REPORT_MAX_RECTS event rects in all (the page
 *     says how many more were left out);
 *   - table#utilisation: per row, busy seconds and the share of the run;
 *   - table#slowest: the PAR__REPORT_SLOWEST longest chunks and tasks;
 *   - table#bytes: bytes sent to and received from each worker, and per
 *     loop or function;
 *   - table#loops: the stats table (runs, chunks, tasks, time, busy).
 */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obs.h"

#define PAR__REPORT_MAX_RECTS 20000u
#define PAR__REPORT_SLOWEST 10u
#define PAR__REPORT_LABEL 200
#define PAR__REPORT_WIDTH 1000
#define PAR__REPORT_ROW 18

static const char par__report_css[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}"
    "h1{font-size:20px}h2{font-size:16px;margin-top:28px}"
    "table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #ddd;"
    "text-align:right}td:first-child,th:first-child,td.l{text-align:left}"
    "svg text{font:11px system-ui,sans-serif;fill:#333}"
    ".bg{fill:#f4f4f4}.task{stroke:#0003;stroke-width:.5}.span{fill:#bbb8}"
    ".xfer{fill:#e08030}.bar{display:inline-block;height:10px;background:#4a8}"
    "#detail{position:fixed;right:16px;top:16px;background:#fffe;border:1px solid #aaa;"
    "padding:6px 10px;font-size:12px;display:none;max-width:420px}";

static const char par__report_js[] =
    "(function(){var d=document.getElementById('detail');"
    "document.getElementById('timeline').addEventListener('mousemove',function(e){"
    "var t=e.target;if(!t.dataset||!t.dataset.name){d.style.display='none';return;}"
    "d.textContent=t.dataset.name+' '+(t.dataset.loc||'')+' '+t.dataset.ms+' ms'"
    "+(t.dataset.iters?' iterations '+t.dataset.iters:'')+(t.dataset.bytes?' '+t.dataset.bytes+' "
    "bytes':'');"
    "d.style.display='block';});})();";

static unsigned par__report_hue(const void *what) {
  uint64_t x = (uint64_t)(uintptr_t)what * 0x9e3779b97f4a7c15ULL;
  return (unsigned)((x >> 32) % 360u);
}

static double par__report_x(uint64_t t, uint64_t end) {
  return PAR__REPORT_LABEL + (end ? (double)t * PAR__REPORT_WIDTH / (double)end : 0);
}

static void par__report_timeline(FILE *f, const par__obs_layout_t *l, uint64_t end) {
  int height = (int)l->nrows * PAR__REPORT_ROW + 24;
  fprintf(f,
          "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">\n",
          PAR__REPORT_LABEL + PAR__REPORT_WIDTH + 40, height);
  /* time axis: ten ticks */
  for (int i = 0; i <= 10; i++) {
    double x = PAR__REPORT_LABEL + i * PAR__REPORT_WIDTH / 10.0;
    fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#ddd\"/>"
               "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3g s</text>\n",
            x, x, height - 16, x, height - 4, end / 1e9 * i / 10.0);
  }
  /* The events of each row, in time order (counting sort by row). */
  size_t *start = calloc(l->nrows + 1, sizeof *start),
         *order = malloc((l->nev + 1) * sizeof *order);
  if (!start || !order) {
    free(start);
    free(order);
    fprintf(f, "</svg>\n<p>Not enough memory to draw the timeline.</p>\n");
    return;
  }
  for (size_t i = 0; i < l->nev; i++) start[l->row[i] + 1]++;
  for (size_t r = 0; r < l->nrows; r++) start[r + 1] += start[r];
  for (size_t i = 0; i < l->nev; i++) order[start[l->row[i]]++] = i;
  for (size_t r = l->nrows; r > 0; r--) start[r] = start[r - 1];
  start[0] = 0;
  size_t drawn = 0;
  for (size_t r = 0; r < l->nrows; r++) {
    const par__obs_row_t *row = &l->rows[r];
    const par__obs_track_t *t = &par__obs.tracks[row->track];
    const char *kind = t->rank == 0 ? "thread" : t->transfers ? "transfers" : "worker";
    int y = (int)r * PAR__REPORT_ROW;
    fprintf(f, "<g class=\"row\" data-kind=\"%s\" data-name=\"", kind);
    par__obs_put_html(f, row->name);
    fprintf(f, "\"><rect class=\"bg\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
               "<text x=\"4\" y=\"%d\">",
            PAR__REPORT_LABEL, y + 1, PAR__REPORT_WIDTH, PAR__REPORT_ROW - 2, y + 13);
    par__obs_put_html(f, row->name);
    fprintf(f, "</text>\n");
    for (size_t k = start[r]; k < start[r + 1]; k++) {
      const par__obs_ev_t *e = &l->ev[order[k]];
      if (drawn >= PAR__REPORT_MAX_RECTS) break;
      drawn++;
      double x0 = par__report_x(e->t0, end), x1 = par__report_x(e->t1, end);
      double w = x1 - x0 < 0.5 ? 0.5 : x1 - x0;
      char where[96];
      par__obs_where(e->what, e->is_fn, where, sizeof where);
      const char *cls = e->kind == PAR__OBS_EV_LOOP ? "span"
                        : (e->kind == PAR__OBS_EV_CHUNK || e->kind == PAR__OBS_EV_TASK) ? "task"
                                                                                        : "xfer";
      fprintf(f, "<rect class=\"%s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\"", cls, x0,
              y + (e->kind == PAR__OBS_EV_LOOP ? 1 : 3), w,
              e->kind == PAR__OBS_EV_LOOP ? PAR__REPORT_ROW - 2 : PAR__REPORT_ROW - 6);
      if (e->kind == PAR__OBS_EV_CHUNK || e->kind == PAR__OBS_EV_TASK)
        fprintf(f, " fill=\"hsl(%u,60%%,55%%)\"", par__report_hue(e->what));
      fprintf(f, " data-name=\"");
      par__obs_put_html(f, e->what ? par__obs_name(e->what, e->is_fn) : "job");
      fprintf(f, "\" data-loc=\"");
      par__obs_put_html(f, e->what ? where : "");
      fprintf(f, "\" data-ms=\"%.3f\"", (e->t1 - e->t0) / 1e6);
      if (cls[0] == 'x') fprintf(f, " data-bytes=\"%" PRIu64 "\"", e->k0);
      else if (!e->is_fn) fprintf(f, " data-iters=\"%" PRIu64 "-%" PRIu64 "\"", e->k0, e->k1);
      fprintf(f, "/>\n");
    }
    fprintf(f, "</g>\n");
  }
  free(start);
  free(order);
  fprintf(f, "</svg>\n");
  if (drawn < l->nev)
    fprintf(
        f, "<p id=\"clipped\">%zu more events are not drawn (the timeline draws at most %u).</p>\n",
        l->nev - drawn, PAR__REPORT_MAX_RECTS);
}

static void par__report_utilisation(FILE *f, const par__obs_layout_t *l, uint64_t end) {
  fprintf(f, "<h2>Utilisation</h2>\n<table id=\"utilisation\"><tr><th>thread or worker</th>"
             "<th>chunks and tasks</th><th>busy s</th><th>busy</th><th></th></tr>\n");
  /* Busy: the union of each row's chunk and task times (on a thread they
   * nest: a nested loop's chunks lie inside an outer chunk). A row's
   * events come in time order (the layout sorts by track, then start). */
  uint64_t *acc = calloc(3 * (l->nrows + 1), sizeof *acc); /* busy, n, end */
  if (!acc) {
    fprintf(f, "</table>\n");
    return;
  }
  for (size_t i = 0; i < l->nev; i++) {
    const par__obs_ev_t *e = &l->ev[i];
    if (e->kind != PAR__OBS_EV_CHUNK && e->kind != PAR__OBS_EV_TASK) continue;
    uint64_t *a = &acc[3 * l->row[i]];
    a[1]++;
    uint64_t from = e->t0 > a[2] ? e->t0 : a[2];
    if (e->t1 > from) a[0] += e->t1 - from;
    if (e->t1 > a[2]) a[2] = e->t1;
  }
  for (size_t r = 0; r < l->nrows; r++) {
    const par__obs_track_t *t = &par__obs.tracks[l->rows[r].track];
    if (t->transfers) continue;
    uint64_t busy = acc[3 * r], n = acc[3 * r + 1];
    double pct = end ? 100.0 * (double)busy / (double)end : 0;
    fprintf(f, "<tr><td>");
    par__obs_put_html(f, l->rows[r].name);
    fprintf(f, "</td><td>%" PRIu64 "</td><td>%.3f</td><td>%.1f%%</td>"
               "<td class=\"l\"><span class=\"bar\" style=\"width:%.0fpx\"></span></td></tr>\n",
            n, busy / 1e9, pct, pct * 2);
  }
  free(acc);
  fprintf(f, "</table>\n");
}

static void par__report_slowest(FILE *f, const par__obs_layout_t *l) {
  fprintf(f, "<h2>Slowest tasks</h2>\n<table id=\"slowest\"><tr><th>loop or function</th>"
             "<th>where</th><th>iterations</th><th>ran on</th><th>ms</th></tr>\n");
  const par__obs_ev_t *top[PAR__REPORT_SLOWEST];
  size_t rows[PAR__REPORT_SLOWEST];
  size_t ntop = 0;
  for (size_t i = 0; i < l->nev; i++) {
    const par__obs_ev_t *e = &l->ev[i];
    if (e->kind != PAR__OBS_EV_CHUNK && e->kind != PAR__OBS_EV_TASK) continue;
    uint64_t d = e->t1 - e->t0;
    size_t at = ntop;
    while (at > 0 && top[at - 1]->t1 - top[at - 1]->t0 < d) at--;
    if (at >= PAR__REPORT_SLOWEST) continue;
    size_t last = ntop < PAR__REPORT_SLOWEST ? ntop : PAR__REPORT_SLOWEST - 1;
    for (size_t k = last; k > at; k--) top[k] = top[k - 1], rows[k] = rows[k - 1];
    top[at] = e;
    rows[at] = l->row[i];
    if (ntop < PAR__REPORT_SLOWEST) ntop++;
  }
  for (size_t k = 0; k < ntop; k++) {
    const par__obs_ev_t *e = top[k];
    char where[96];
    par__obs_where(e->what, e->is_fn, where, sizeof where);
    fprintf(f, "<tr><td>");
    par__obs_put_html(f, par__obs_name(e->what, e->is_fn));
    fprintf(f, "</td><td>");
    par__obs_put_html(f, where);
    if (e->is_fn) fprintf(f, "</td><td>-</td><td>");
    else fprintf(f, "</td><td>%" PRIu64 "-%" PRIu64 "</td><td>", e->k0, e->k1);
    par__obs_put_html(f, l->rows[rows[k]].name);
    fprintf(f, "</td><td>%.3f</td></tr>\n", (e->t1 - e->t0) / 1e6);
  }
  fprintf(f, "</table>\n");
}

static void par__report_bytes(FILE *f, const par__obs_layout_t *l) {
  fprintf(f, "<h2>Bytes moved</h2>\n<table id=\"bytes\"><tr><th>worker or loop</th>"
             "<th>sent</th><th>received</th><th>messages</th></tr>\n");
  int nw = par__obs.nworkers;
  uint64_t *acc = calloc(3 * ((size_t)nw + 1), sizeof *acc); /* out, in, messages */
  for (size_t i = 0; acc && i < l->nev; i++) {
    const par__obs_ev_t *e = &l->ev[i];
    int r = par__obs.tracks[e->track].rank;
    if (r < 1 || r > nw) continue;
    if (e->kind == PAR__OBS_EV_XFER_OUT) acc[3 * r] += e->k0, acc[3 * r + 2]++;
    else if (e->kind == PAR__OBS_EV_XFER_IN) acc[3 * r + 1] += e->k0, acc[3 * r + 2]++;
  }
  for (int r = 1; acc && r <= nw; r++)
    fprintf(f, "<tr class=\"worker\"><td>worker %d</td><td>%" PRIu64 "</td><td>%" PRIu64
               "</td><td>%" PRIu64 "</td></tr>\n",
            r, acc[3 * r], acc[3 * r + 1], acc[3 * r + 2]);
  free(acc);
  for (unsigned i = 0; i < PAR__OBS_ENTRIES; i++) {
    const par__obs_entry_t *e = &par__obs.entries[i];
    const void *what = atomic_load(&e->what);
    if (!what) continue;
    uint64_t out = atomic_load(&e->bytes_out), in = atomic_load(&e->bytes_in);
    if (!out && !in) continue;
    fprintf(f, "<tr class=\"loop\"><td>%s '", e->is_fn ? "fn" : "loop");
    par__obs_put_html(f, par__obs_name(what, e->is_fn));
    fprintf(f, "'</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td></td></tr>\n", out, in);
  }
  fprintf(f, "</table>\n");
  if (!par__obs.nworkers) fprintf(f, "<p>A standalone run moves no bytes between processes.</p>\n");
}

static void par__report_loops(FILE *f) {
  fprintf(f, "<h2>Loops and functions</h2>\n<table id=\"loops\"><tr><th>loop or function</th>"
             "<th>where</th><th>runs</th><th>chunks</th><th>tasks</th><th>retries</th>"
             "<th>time s</th><th>busy s</th></tr>\n");
  for (unsigned i = 0; i < PAR__OBS_ENTRIES; i++) {
    const par__obs_entry_t *e = &par__obs.entries[i];
    const void *what = atomic_load(&e->what);
    if (!what) continue;
    char where[96];
    par__obs_where(what, e->is_fn, where, sizeof where);
    fprintf(f, "<tr><td>%s '", e->is_fn ? "fn" : "loop");
    par__obs_put_html(f, par__obs_name(what, e->is_fn));
    fprintf(f, "'</td><td>");
    par__obs_put_html(f, where);
    fprintf(f, "</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td>%" PRIu64
               "</td><td>%.3f</td><td>%.3f</td></tr>\n",
            (uint64_t)atomic_load(&e->runs), (uint64_t)atomic_load(&e->done),
            (uint64_t)atomic_load(&e->calls), (uint64_t)atomic_load(&e->retries),
            atomic_load(&e->wall_ns) / 1e9, atomic_load(&e->busy_ns) / 1e9);
  }
  fprintf(f, "</table>\n");
}

bool par__obs_report_write(const char *path) {
  par__obs_layout_t l;
  if (!par__obs_layout_make(&l)) return false;
  FILE *f = fopen(path, "w");
  if (!f) {
    int e = errno;
    par__obs_layout_cleanup(&l);
    errno = e;
    return false;
  }
  uint64_t end = par__obs.end;
  for (size_t i = 0; i < l.nev; i++)
    if (l.ev[i].t1 > end) end = l.ev[i].t1;
  fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>par run report</title><style>%s</style></head><body>\n"
             "<h1>par run report</h1>\n<p id=\"summary\">",
          par__report_css);
  if (par__obs.nworkers) fprintf(f, "driver with %d workers", par__obs.nworkers);
  else fprintf(f, "standalone program, %d threads", par__obs.threads);
  fprintf(f, "; wall time %.3f s; %zu events", end / 1e9, l.nev);
  uint64_t dropped = atomic_load(&par__obs.dropped);
  if (dropped) fprintf(f, " (%" PRIu64 " more were not kept)", dropped);
  fprintf(f, ".</p>\n<h2>Timeline</h2>\n<div id=\"detail\"></div>\n");
  par__report_timeline(f, &l, end);
  par__report_utilisation(f, &l, end);
  par__report_slowest(f, &l);
  par__report_bytes(f, &l);
  par__report_loops(f);
  fprintf(f, "<script>%s</script>\n</body></html>\n", par__report_js);
  par__obs_layout_cleanup(&l);
  if (ferror(f)) {
    fclose(f);
    errno = EIO;
    return false;
  }
  return fclose(f) == 0;
}
