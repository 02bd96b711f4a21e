/* pool.c: W-1 threads that sleep on a condition variable until a task is
 * queued. See pool.h for the contract. */
#include "internal.h"

#include "pool.h"
#include "shm.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "log.h"

typedef struct par__pool {
  pthread_mutex_t mu;
  pthread_cond_t cv;        /* idle threads sleep here */
  par__task_t *head, *tail; /* tasks with work to hand out, FIFO */
  atomic_uint nqueued;      /* tasks in the queue; read without the lock by spinners */
  int nsleeping;            /* threads waiting on cv */
  int workers;              /* W, the calling thread included */
} par__pool_t;

static par__pool_t par__pool;
static atomic_int par__pool_ready;
static pthread_mutex_t par__pool_init_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t par__pool_atfork_once = PTHREAD_ONCE_INIT;
static _Thread_local int par__pool_self_index;

uint64_t par__time_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct timespec par__timespec_at(uint64_t ns) {
  return (struct timespec){.tv_sec = (time_t)(ns / 1000000000u),
                           .tv_nsec = (long)(ns % 1000000000u)};
}

void par__cond_init_monotonic(pthread_cond_t *cv) {
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(cv, &ca);
  pthread_condattr_destroy(&ca);
}

void par__mutex_init_adaptive(pthread_mutex_t *mu) {
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ADAPTIVE_NP);
  pthread_mutex_init(mu, &ma);
  pthread_mutexattr_destroy(&ma);
}

int par__pool_self(void) { return par__pool_self_index; }

/* ---- tasks -------------------------------------------------------------- */

void par__task_init(par__task_t *task, void (*work)(par__task_t *, int),
                    void (*destroy)(par__task_t *)) {
  task->prev = task->next = NULL;
  atomic_init(&task->queued, false);
  atomic_init(&task->exhausted, false);
  atomic_init(&task->refs, 1);
  task->work = work;
  task->destroy = destroy;
  task->level = 0;
}

void par__task_unref(par__task_t *task) {
  if (atomic_fetch_sub_explicit(&task->refs, 1, memory_order_acq_rel) == 1) task->destroy(task);
}

/* ---- the queue (pool lock held) ----------------------------------------- */

static void par__pool_remove_locked(par__task_t *task) {
  if (task->prev)
    task->prev->next = task->next;
  else
    par__pool.head = task->next;
  if (task->next)
    task->next->prev = task->prev;
  else
    par__pool.tail = task->prev;
  task->prev = task->next = NULL;
  /* Release: whoever sees `queued` false without the lock may free it. */
  atomic_store_explicit(&task->queued, false, memory_order_release);
  atomic_fetch_sub_explicit(&par__pool.nqueued, 1, memory_order_relaxed);
}

/* The first task with work left, dropping exhausted ones from the front. */
static par__task_t *par__pool_pick_locked(void) {
  par__task_t *t;
  while ((t = par__pool.head) && atomic_load_explicit(&t->exhausted, memory_order_relaxed))
    par__pool_remove_locked(t);
  return t;
}

void par__pool_push(par__task_t *task, unsigned helpers) {
  pthread_mutex_lock(&par__pool.mu);
  task->next = NULL;
  task->prev = par__pool.tail;
  if (par__pool.tail)
    par__pool.tail->next = task;
  else
    par__pool.head = task;
  par__pool.tail = task;
  task->helpers = helpers;
  atomic_store_explicit(&task->queued, true, memory_order_relaxed);
  atomic_fetch_add_explicit(&par__pool.nqueued, 1, memory_order_relaxed);
  unsigned sleeping = (unsigned)par__pool.nsleeping;
  if (helpers >= sleeping) {
    if (sleeping) pthread_cond_broadcast(&par__pool.cv);
  } else {
    for (unsigned i = 0; i < helpers; i++) pthread_cond_signal(&par__pool.cv);
  }
  pthread_mutex_unlock(&par__pool.mu);
}

void par__pool_unlink(par__task_t *task) {
  atomic_store_explicit(&task->exhausted, true, memory_order_relaxed);
  if (!atomic_load_explicit(&task->queued, memory_order_acquire)) return;
  pthread_mutex_lock(&par__pool.mu);
  if (atomic_load_explicit(&task->queued, memory_order_relaxed)) par__pool_remove_locked(task);
  pthread_mutex_unlock(&par__pool.mu);
}

bool par__task_claim_once(par__task_t *task) {
  /* `exhausted` doubles as the claim: once one thread has the piece,
   * nothing is left to hand out, which is exactly what it means. */
  if (atomic_exchange_explicit(&task->exhausted, true, memory_order_relaxed)) return false;
  par__pool_unlink(task);
  return true;
}

bool par__pool_has_work(void) {
  return atomic_load_explicit(&par__pool.nqueued, memory_order_relaxed) > 0;
}

/* Whether a helper below min_level may run the task. */
static bool par__pool_helpable(const par__task_t *task, int min_level) {
  return task->level >= min_level && !atomic_load_explicit(&task->exhausted, memory_order_relaxed);
}

bool par__pool_help_one(int min_level) {
  if (min_level < 1) min_level = 1;
  if (!atomic_load_explicit(&par__pool_ready, memory_order_acquire)) return false;
  if (!par__pool_has_work()) return false;
  pthread_mutex_lock(&par__pool.mu);
  par__task_t *task = par__pool.tail;
  for (unsigned n = 1; task && !par__pool_helpable(task, min_level); n++)
    task = n < PAR__POOL_HELP_SCAN ? task->prev : NULL;
  /* The reference is taken under the lock, while the task is still queued:
   * whoever unlinks it needs this lock, so it cannot be freed before. */
  if (task) atomic_fetch_add_explicit(&task->refs, 1, memory_order_relaxed);
  pthread_mutex_unlock(&par__pool.mu);
  if (!task) return false;
  task->work(task, par__pool_self_index);
  par__task_unref(task);
  return true;
}

/* ---- pool threads ------------------------------------------------------- */

/* Spins until a task is queued or PAR__POOL_SPIN_NS have passed. */
static void par__pool_spin(void) {
  uint64_t start = par__time_ns();
  for (unsigned i = 1;; i++) {
    if (atomic_load_explicit(&par__pool.nqueued, memory_order_relaxed) > 0) return;
    par__cpu_relax();
    if ((i & 63) == 0 && par__time_ns() - start > PAR__POOL_SPIN_NS) return;
  }
}

static void *par__pool_main(void *arg) {
  par__pool_self_index = (int)(intptr_t)arg;
  par__shm_exclude_thread();
  bool spun = false;
  pthread_mutex_lock(&par__pool.mu);
  for (;;) {
    par__task_t *task = par__pool_pick_locked();
    if (task) {
      atomic_fetch_add_explicit(&task->refs, 1, memory_order_relaxed);
      /* The last helper it asked for takes it off the queue now: otherwise
       * the first thread to finish its share takes the pool lock again to
       * unlink it, while the others want it too (on 2 cores, a futex sleep
       * and wake-up per short loop). */
      if (task->helpers <= 1)
        par__pool_remove_locked(task);
      else
        task->helpers--;
      pthread_mutex_unlock(&par__pool.mu);
      task->work(task, par__pool_self_index);
      par__task_unref(task);
      spun = false;
      pthread_mutex_lock(&par__pool.mu);
      continue;
    }
    if (!spun) {
      /* Loops often come back to back: look for the next one a little
       * while before paying for a sleep and a wake-up. */
      pthread_mutex_unlock(&par__pool.mu);
      par__pool_spin();
      spun = true;
      pthread_mutex_lock(&par__pool.mu);
      continue;
    }
    par__pool.nsleeping++;
    pthread_cond_wait(&par__pool.cv, &par__pool.mu);
    par__pool.nsleeping--;
  }
  return NULL;
}

/* ---- start and fork ----------------------------------------------------- */

static void par__pool_atfork_prepare(void) {
  pthread_mutex_lock(&par__pool_init_mu);
  if (atomic_load_explicit(&par__pool_ready, memory_order_acquire))
    pthread_mutex_lock(&par__pool.mu);
}

static void par__pool_atfork_parent(void) {
  if (atomic_load_explicit(&par__pool_ready, memory_order_acquire))
    pthread_mutex_unlock(&par__pool.mu);
  pthread_mutex_unlock(&par__pool_init_mu);
}

/* The child has only the forking thread: forget the old pool (its threads
 * are gone; what they held is leaked) and start a new one on demand. */
static void par__pool_atfork_child(void) {
  memset(&par__pool, 0, sizeof par__pool);
  atomic_store_explicit(&par__pool_ready, 0, memory_order_relaxed);
  pthread_mutex_init(&par__pool_init_mu, NULL);
  par__pool_self_index = 0;
}

static void par__pool_register_atfork(void) {
  pthread_atfork(par__pool_atfork_prepare, par__pool_atfork_parent, par__pool_atfork_child);
}

static int par__pool_create_threads(int want) {
  /* Asynchronous signals go to the program's threads, never to ours;
   * faults stay deliverable so that a crash in a chunk is a crash. */
  sigset_t block, old;
  sigfillset(&block);
  static const int sync_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS};
  for (unsigned i = 0; i < PAR__ARRAY_SIZE(sync_signals); i++) sigdelset(&block, sync_signals[i]);
  pthread_sigmask(SIG_SETMASK, &block, &old);

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int created = 0;
  for (int i = 1; i < want; i++) {
    pthread_t th;
    int rc = pthread_create(&th, &attr, par__pool_main, (void *)(intptr_t)i);
    if (rc != 0) {
      par__log(PAR__LOG_WARN, "could create only %d of %d pool threads (%s): running with %d workers",
               created, want - 1, strerror(rc), created + 1);
      break;
    }
    created++;
  }
  pthread_attr_destroy(&attr);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return created + 1;
}

int par__pool_start(void) {
  if (atomic_load_explicit(&par__pool_ready, memory_order_acquire)) return par__pool.workers;
  const par__config_t *cfg = par__config_get();
  pthread_once(&par__pool_atfork_once, par__pool_register_atfork);
  pthread_mutex_lock(&par__pool_init_mu);
  if (!atomic_load_explicit(&par__pool_ready, memory_order_relaxed)) {
    /* Adaptive: a pool thread that spun until a task was queued then
     * takes the lock while the caller may still hold it (par__pool_push);
     * spinning for it briefly costs far less than a futex sleep and the
     * wake-up system call the caller would then pay. */
    par__mutex_init_adaptive(&par__pool.mu);
    pthread_cond_init(&par__pool.cv, NULL);
    par__pool.head = par__pool.tail = NULL;
    atomic_init(&par__pool.nqueued, 0);
    par__pool.nsleeping = 0;
    par__pool.workers = par__pool_create_threads(cfg->workers);
    par__log(PAR__LOG_DEBUG, "pool started: %d workers", par__pool.workers);
    atomic_store_explicit(&par__pool_ready, 1, memory_order_release);
  }
  pthread_mutex_unlock(&par__pool_init_mu);
  return par__pool.workers;
}

int par__pool_size(void) {
  if (atomic_load_explicit(&par__pool_ready, memory_order_acquire)) return par__pool.workers;
  return par__config_get()->workers;
}
