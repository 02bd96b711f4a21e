/* fault.c: timeout(s) for work that runs in this process.
 *
 * Under parrun the driver enforces timeout(s) per chunk and per call: the
 * worker is stopped and the work runs again elsewhere (driver.c, "worker
 * loss"). In one process (./app, or a loop the driver runs on its own
 * threads because it is short) a running chunk cannot be abandoned: a
 * thread cannot be stopped safely, and retrying on the same memory would
 * be wrong. So a loop or call that runs longer than its timeout(s) stops
 * the program with exit 2 and a message naming it (docs/fault-tolerance.md).
 *
 * One watchdog thread, started on first use, sleeps until the earliest
 * deadline of the watches that are open. A watch is a caller's stack
 * object linked into a list under a mutex; closing it unlinks it. The
 * thread is never joined: it lives as long as the process.
 */
#include "internal.h"

#include "fault.h"
#include "shm.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t par__fault_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t par__fault_cv;
static par__fault_watch_t *par__fault_watches; /* open watches, under mu */
static bool par__fault_started;

static void *par__fault_main(void *arg) {
  (void)arg;
  par__shm_exclude_thread();
  pthread_mutex_lock(&par__fault_mu);
  for (;;) {
    uint64_t now = par__time_ns(), first = UINT64_MAX;
    for (par__fault_watch_t *w = par__fault_watches; w; w = w->next) {
      if (now >= w->deadline_ns) {
        fflush(stdout);
        fprintf(stderr,
                "par: error: %s '%s' (%s:%d) ran longer than its timeout(%g): a task that runs in "
                "this process cannot be abandoned, so the program stops\n",
                w->kind, w->name ? w->name : "?", w->file ? w->file : "?", w->line, w->seconds);
        fflush(stderr);
        _exit(2);
      }
      if (w->deadline_ns < first) first = w->deadline_ns;
    }
    if (first == UINT64_MAX) {
      pthread_cond_wait(&par__fault_cv, &par__fault_mu);
      continue;
    }
    struct timespec ts = par__timespec_at(first);
    pthread_cond_timedwait(&par__fault_cv, &par__fault_mu, &ts);
  }
  return NULL;
}

/* Under mu. */
static bool par__fault_start_locked(void) {
  if (par__fault_started) return true;
  par__cond_init_monotonic(&par__fault_cv);
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_t th;
  int rc = pthread_create(&th, NULL, par__fault_main, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (rc != 0) return false;
  pthread_detach(th);
  par__fault_started = true;
  return true;
}

void par__fault_watch_open(par__fault_watch_t *w, const char *kind, const char *name,
                           const char *file, int line, double seconds) {
  *w = (par__fault_watch_t){
      .kind = kind, .name = name, .file = file, .line = line, .seconds = seconds};
  if (!(seconds > 0)) return;
  w->deadline_ns = par__time_ns() + (uint64_t)(seconds * 1e9);
  pthread_mutex_lock(&par__fault_mu);
  if (par__fault_start_locked()) {
    w->next = par__fault_watches;
    par__fault_watches = w;
    w->open = true;
    pthread_cond_signal(&par__fault_cv);
  }
  pthread_mutex_unlock(&par__fault_mu);
}

void par__fault_watch_end(par__fault_watch_t *w) {
  if (!w->open) return;
  pthread_mutex_lock(&par__fault_mu);
  for (par__fault_watch_t **pp = &par__fault_watches; *pp; pp = &(*pp)->next)
    if (*pp == w) {
      *pp = w->next;
      break;
    }
  w->open = false;
  pthread_mutex_unlock(&par__fault_mu);
}
