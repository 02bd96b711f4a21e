/* progress.c: PAR_PROGRESS=1 (parrun --progress): live progress on stderr.
 *
 * A thread of its own wakes every PAR__PROGRESS_TTY_MS (stderr is a
 * terminal) or PAR__PROGRESS_PLAIN_MS (it is not), reads the counters of
 * obs.c and writes, for every loop or distributed function with work
 * outstanding, one line:
 *
 *   par: loop 'main:12' (app.c:12): 512/1024 chunks 50% 2210/s ETA 0.2 s busy 4/4 threads
 *   par: fn 'fib' (fib.c:3): 120/300 tasks 40% 950/s busy 2/2 workers
 *
 * Chunks are blocks of the loop's partition (loop.c point 3; a loop knows
 * how many it has); a function's total is the calls and spawns made so far
 * (open-ended: done/submitted), so it shows no ETA. A loop run many times
 * shows its current execution ("run 7: 12/100 chunks"): the counts since
 * the loop was last idle. Busy counts the threads of this process inside a
 * chunk or task, or under parrun the workers with a task in flight.
 *
 * On a terminal the running entries share one status line, redrawn in
 * place (carriage return, erase line; never a cursor move up, which would
 * erase the program's own output); otherwise they are plain lines, one per
 * tick while work is outstanding. Either way, when a loop or function
 * catches up (done == total) one last line says so, with "done" and the
 * totals so far (chunks or tasks, time, runs): at the next tick or at exit,
 * so a short program still prints one line per loop. Nothing is printed
 * when nothing was asked.
 */
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "obs.h"
#include "shm.h"
#include "pool.h"

#define PAR__PROGRESS_TTY_MS 200
#define PAR__PROGRESS_PLAIN_MS 1000
#define PAR__PROGRESS_BUF 16384

static pthread_t par__progress_thread;
static pthread_mutex_t par__progress_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t par__progress_cv;
static bool par__progress_stopping, par__progress_started;
static bool par__progress_tty;
static int par__progress_drawn; /* a status line is on the terminal */

typedef struct par__progress_out {
  char buf[PAR__PROGRESS_BUF];
  size_t len;
} par__progress_out_t;

static void par__progress_put(par__progress_out_t *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void par__progress_put(par__progress_out_t *o, const char *fmt, ...) {
  if (o->len >= sizeof o->buf) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(o->buf + o->len, sizeof o->buf - o->len, fmt, ap);
  va_end(ap);
  if (n > 0) o->len += (size_t)n < sizeof o->buf - o->len ? (size_t)n : sizeof o->buf - o->len - 1;
}

static void par__progress_flush(par__progress_out_t *o) {
  const char *p = o->buf;
  size_t len = o->len;
  while (len > 0) {
    ssize_t w = write(STDERR_FILENO, p, len);
    if (w <= 0) break;
    p += w;
    len -= (size_t)w;
  }
  o->len = 0;
}

static void par__progress_busy(par__progress_out_t *o) {
  int n = par__obs.nworkers;
  if (n > 0) {
    int busy = 0;
    for (int r = 1; r <= n; r++)
      busy += atomic_load_explicit(&par__obs.inflight[r], memory_order_relaxed) > 0;
    par__progress_put(o, " busy %d/%d workers", busy, n);
    return;
  }
  int busy = atomic_load_explicit(&par__obs.busy_local, memory_order_relaxed);
  int w = par__pool_size();
  par__progress_put(o, " busy %d/%d threads", busy < w ? busy : w, w);
}

/* One line for entry e; returns false when it has nothing to say. */
static bool par__progress_line(par__progress_out_t *o, par__obs_entry_t *e, uint64_t now,
                               bool *active) {
  const void *what = atomic_load_explicit(&e->what, memory_order_acquire);
  if (!what) return false;
  bool is_fn = atomic_load_explicit(&e->is_fn, memory_order_acquire);
  uint64_t total = atomic_load_explicit(&e->total, memory_order_relaxed);
  uint64_t done = atomic_load_explicit(&e->done, memory_order_relaxed);
  if (done > total) done = total; /* read between the two counters */
  *active = done < total;
  if (total == 0 || (!*active && e->printed_done == done)) return false;
  uint64_t since = atomic_load_explicit(&e->active_since, memory_order_relaxed);
  uint64_t base = atomic_load_explicit(&e->base_done, memory_order_relaxed);
  uint64_t runs = atomic_load_explicit(&e->runs, memory_order_relaxed);
  if (base > done) base = done;
  char where[96];
  par__obs_where(what, is_fn, where, sizeof where);
  par__progress_put(o, "par: %s '%s' (%s): ", is_fn ? "fn" : "loop", par__obs_name(what, is_fn),
                    where);
  const char *unit = is_fn ? "tasks" : "chunks";
  if (!*active) {
    /* Caught up: everything so far. */
    par__progress_put(o, "%llu/%llu %s 100%% done", (unsigned long long)done,
                      (unsigned long long)total, unit);
    if (!is_fn)
      par__progress_put(o, " in %.3f s",
                        atomic_load_explicit(&e->wall_ns, memory_order_relaxed) / 1e9);
    if (runs > 1 && !is_fn) par__progress_put(o, " (%llu runs)", (unsigned long long)runs);
    e->printed_done = done;
    par__progress_put(o, "\n");
    return true;
  }
  /* Running: the work outstanding since the entry was last idle (a loop
   * run again and again shows its current execution). */
  uint64_t wdone = done - base, wtotal = total - base;
  double secs = since && now > since ? (now - since) / 1e9 : 0;
  double rate = secs > 0 && wdone ? (double)wdone / secs : 0;
  if (!is_fn && runs > 1) par__progress_put(o, "run %llu: ", (unsigned long long)runs);
  par__progress_put(o, "%llu/%llu %s %d%%", (unsigned long long)wdone, (unsigned long long)wtotal,
                    unit, (int)(wtotal ? wdone * 100 / wtotal : 100));
  if (rate > 0) par__progress_put(o, " %.0f/s", rate);
  if (rate > 0 && !is_fn) par__progress_put(o, " ETA %.1f s", (double)(wtotal - wdone) / rate);
  par__progress_busy(o);
  par__progress_put(o, "\n");
  return true;
}

/* Writes the lines of this tick. `last`: the program is ending. */
static void par__progress_draw(bool last) {
  static par__progress_out_t fin, act;
  uint64_t now = par__time_ns();
  int nact = 0;
  for (unsigned i = 0; i < PAR__OBS_ENTRIES; i++) {
    par__obs_entry_t *e = &par__obs.entries[i];
    par__progress_out_t *o = &fin;
    size_t mark = fin.len, amark = act.len;
    bool active = false;
    /* Written into `fin` first, moved to `act` when still running. */
    if (!par__progress_line(o, e, now, &active)) continue;
    if (active && !last) {
      par__progress_put(&act, "%.*s", (int)(fin.len - mark), fin.buf + mark);
      fin.len = mark;
      if (act.len > amark) nact++;
    }
  }
  par__progress_out_t out;
  out.len = 0;
  if (!par__progress_tty) {
    par__progress_put(&out, "%.*s%.*s", (int)fin.len, fin.buf, (int)act.len, act.buf);
  } else {
    /* One status line, redrawn in place with no newline: moving the cursor
     * up would erase the program's own output written in between. */
    if (par__progress_drawn) par__progress_put(&out, "\r\033[K");
    par__progress_put(&out, "%.*s", (int)fin.len, fin.buf);
    if (nact) {
      struct winsize ws;
      size_t cols =
          ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 ? ws.ws_col - 1 : 79;
      /* the running entries, joined by " | ", cut to the terminal's width */
      size_t start = out.len;
      for (size_t i = 0; i < act.len; i++) {
        if (act.buf[i] != '\n') par__progress_put(&out, "%c", act.buf[i]);
        else if (i + 1 < act.len) par__progress_put(&out, " | ");
      }
      if (out.len - start > cols) out.len = start + cols;
    }
  }
  par__progress_drawn = par__progress_tty ? nact : 0;
  fin.len = act.len = 0;
  par__progress_flush(&out);
}

static void *par__progress_main(void *arg) {
  (void)arg;
  par__shm_exclude_thread();
  int ms = par__progress_tty ? PAR__PROGRESS_TTY_MS : PAR__PROGRESS_PLAIN_MS;
  pthread_mutex_lock(&par__progress_mu);
  while (!par__progress_stopping) {
    struct timespec ts = par__timespec_at(par__time_ns() + (uint64_t)ms * 1000000u);
    pthread_cond_timedwait(&par__progress_cv, &par__progress_mu, &ts);
    if (par__progress_stopping) break;
    pthread_mutex_unlock(&par__progress_mu);
    par__progress_draw(false);
    pthread_mutex_lock(&par__progress_mu);
  }
  pthread_mutex_unlock(&par__progress_mu);
  return NULL;
}

void par__obs_progress_start(void) {
  par__progress_tty = isatty(STDERR_FILENO) == 1;
  par__cond_init_monotonic(&par__progress_cv);
  /* Signals are for the program's threads. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  par__progress_started =
      pthread_create(&par__progress_thread, NULL, par__progress_main, NULL) == 0;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void par__obs_progress_stop(void) {
  if (par__progress_started) {
    pthread_mutex_lock(&par__progress_mu);
    par__progress_stopping = true;
    pthread_cond_signal(&par__progress_cv);
    pthread_mutex_unlock(&par__progress_mu);
    pthread_join(par__progress_thread, NULL);
    par__progress_started = false;
  }
  par__progress_draw(true);
}
