/* pool.h: the in-process thread pool.
 *
 * PAR_WORKERS threads in all run tasks: W-1 pool threads, created at the
 * first parallel loop or spawn, and the thread that runs the loop. A task is
 * anything several threads can work on at once (a loop execution, see
 * loop.c), or one piece of work only one thread runs (a spawned function,
 * see fn.c: its `work` wins par__task_claim_once or returns at once): the
 * pool keeps a FIFO queue of tasks that still have work to hand out; an
 * idle pool thread takes a reference on the first, calls its `work` (which
 * claims and runs pieces until none is left, then calls par__pool_unlink),
 * and drops the reference. The last reference dropped calls `destroy`. The
 * queue itself holds no reference: a task leaves it (par__pool_unlink)
 * before its creator may drop its own.
 *
 * A thread that waits for spawned functions (parrt_group_wait) helps
 * meanwhile: first with its own group's queued tasks (fn.c), then, through
 * par__pool_help_one, with the newest queued tasks of a deeper `level`
 * than the one it is running (spawn nesting depth: fn.c), in the waiting
 * thread, as an idle pool thread would. Deeper only, so that the helped
 * tasks nested on a waiting thread's stack stay as few as the levels of
 * spawns (a FIFO "help with anything" runs big unrelated tasks inside each
 * wait and overflows the stack of a deep recursion); newest first, because
 * those are the small ones near the leaves. Pool threads take the oldest:
 * the big ones.
 *
 * Idle pool threads spin for at most PAR__POOL_SPIN_NS, then sleep on a
 * condition variable: an idle program uses no CPU. Pool threads block
 * asynchronous signals, so those go to the program's own threads. After
 * fork() the child starts with no pool; its first loop makes a new one.
 */
#ifndef PAR_RUNTIME_POOL_H
#define PAR_RUNTIME_POOL_H

#include <stdatomic.h>
#include <stdbool.h>

/* How long an idle thread spins before it sleeps. */
#define PAR__POOL_SPIN_NS 30000u

typedef struct par__task par__task_t;

struct par__task {
  /* private to the pool: queue links, under the pool lock */
  par__task_t *prev, *next;
  atomic_bool queued;    /* in the queue (written under the pool lock) */
  atomic_bool exhausted; /* nothing left to hand out */
  atomic_int refs;       /* the creator's and each working pool thread's */
  unsigned helpers;      /* pool threads that may still take it (under the pool lock) */
  /* set by the creator */
  void (*work)(par__task_t *task, int self); /* self: par__pool_self() */
  void (*destroy)(par__task_t *task);        /* when the last reference goes */
  int level; /* par__pool_help_one runs it only for a helper below this
                level; 0 (par__task_init's): never (loop executions) */
};

/* Initializes the pool part of a task with one reference (the creator's). */
void par__task_init(par__task_t *task, void (*work)(par__task_t *, int),
                    void (*destroy)(par__task_t *));

/* Drops a reference; the last one calls task->destroy. */
void par__task_unref(par__task_t *task);

/* Starts the pool if it is not yet running and returns its size W (the
 * calling thread included): PAR_WORKERS, or fewer if threads could not be
 * created. Loads the configuration (which may exit on invalid values). */
int par__pool_start(void);

/* W if the pool is running, else what PAR_WORKERS asks for. Starts nothing. */
int par__pool_size(void);

/* 1..W-1 in a pool thread, 0 in any other thread. */
int par__pool_self(void);

/* Queues a started task (the pool must be running) and wakes up to
 * `helpers` sleeping pool threads. Pool threads take references as they
 * join; the caller keeps its own. */
void par__pool_push(par__task_t *task, unsigned helpers);

/* Marks the task exhausted and takes it out of the queue if it is there.
 * Called by `work` when it finds nothing left to claim. */
void par__pool_unlink(par__task_t *task);

/* For a task with one piece of work: true for exactly one caller, which
 * then runs it; also takes the task out of the queue, so the queue forgets
 * it before the winner completes it. Any thread. */
bool par__task_claim_once(par__task_t *task);

/* Whether some task is queued (a hint, read without the lock). */
bool par__pool_has_work(void);

/* Runs the `work` of the newest queued task with level >= min_level
 * (min_level >= 1; among the last PAR__POOL_HELP_SCAN queued) in the calling
 * thread, holding a reference meanwhile, as an idle pool thread would; false
 * when there was none (or the pool is not running). Any thread; the caller
 * must hold no lock that a task might need. */
#define PAR__POOL_HELP_SCAN 16u
bool par__pool_help_one(int min_level);

/* A pause instruction for spin loops. */
static inline void par__cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

#endif /* PAR_RUNTIME_POOL_H */
