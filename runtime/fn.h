/* fn.h: distributed functions and spawns (SPEC 2.2), shared by fn.c (the
 * calls, spawns, groups and dataflow of one process) and driver.c/worker.c
 * (the same tasks on remote workers under parrun).
 *
 * A function task (par__fntask_t) is one call of a distributed function:
 * its own copy of the argument block, of the map table and (for spawns) of
 * the `to` data, a result buffer, and the dataflow edges to the tasks whose
 * results it takes as arguments. fn.c creates it (parrt_fn_call,
 * parrt_fn_spawn) and either runs it in this process (the in-process pool,
 * or the calling thread) or hands it to the driver (par__driver_fn_submit);
 * whoever ran it calls par__fn_complete.
 */
#ifndef PAR_RUNTIME_FN_H
#define PAR_RUNTIME_FN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "par/abi.h"
#include "pool.h"

typedef struct par__fntask par__fntask_t;
typedef struct par__group par__group_t;

/* A dataflow edge: parameter site->deps[k].param of the task takes the value
 * of `src`'s left-hand side. `src` holds a reference (par__fn_ref) until the
 * edge is filled (par__fn_fill_dep) or the task is destroyed. */
typedef struct par__fndep {
  par__fntask_t *src; /* NULL once filled */
  uint32_t k;         /* index into site->deps */
} par__fndep_t;

struct par__fntask {
  par__task_t task; /* first: the in-process pool's part */
  const parrt_fn_desc_t *desc;
  const parrt_spawn_site_t *site; /* NULL for parrt_fn_call */
  unsigned char *args;            /* owned copy of the argument block; its
                                     mapped pointer members point at the
                                     data the body must see (for a spawn's
                                     `to` items: the snapshot below) */
  parrt_map_t *maps;              /* owned copy, desc->nmaps entries; base =
                                     the address the body uses for the item
                                     (the caller's memory for from/tofrom,
                                     the snapshot for to) */
  void **snapshots;               /* owned `to` copies, NULL where none */
  unsigned char *ret;             /* desc->ret_size bytes (owned) */
  void *lhs;                      /* where site->store puts the result */
  uint32_t ndeps;                 /* edges: only the site's deps whose
                                     writer was pending at the spawn */
  par__fndep_t *deps;             /* owned */
  atomic_uint unfilled;           /* deps whose src has not completed */
  atomic_bool done;               /* the body has run, ret is valid */
  atomic_int refs;
  par__group_t *group;            /* NULL for parrt_fn_call; valid until
                                     par__fn_complete returns */
  par__fntask_t *group_prev, *group_next; /* fn.c's, under the group's
                                     lock: the group's list of its in-process
                                     tasks queued in the pool and not yet
                                     claimed (its waiter runs them first) */
  bool group_listed;              /* in that list */
  /* fn.c's, under the group's lock: the in-process tasks with an edge from
   * this one (an entry per edge), filled and started by par__fn_complete */
  par__fntask_t **dependents;
  uint32_t ndependents, capdependents;
  bool inproc; /* run by this process's pool (fn.c queues it), not submitted */
  /* driver.c's own, while the task is remote */
  void *remote;
  uint64_t remote_id;
  int rank; /* worker that ran it (0: this process) */
  /* parrt_fn_call under the driver: the caller waits for this */
  bool waited;
};

void par__fn_ref(par__fntask_t *t);
void par__fn_unref(par__fntask_t *t);

/* Descriptors registered by parrt_register_fn / parrt_register_spawn_site,
 * by id (NULL when none): a worker finds a task's body and a dependency's
 * conversions here. */
const parrt_fn_desc_t *par__fn_find(uint64_t id);
const parrt_spawn_site_t *par__fn_find_site(uint64_t id);

/* Runs desc->body(args, ret) as a task of this thread: distributed calls
 * inside run inline and spawns inside go to this process's pool. */
void par__fn_run_body(const parrt_fn_desc_t *desc, void *args, void *ret);

/* Whether the calling thread is inside a function task's body. */
bool par__fn_in_task(void);

/* Stores what the left-hand side of `src`'s spawn would hold (site->store of
 * its result, into lhs_size bytes at `tmp`). */
void par__fn_lhs_value(const par__fntask_t *src, void *tmp);

/* Fills dependency i of t from its completed src (par__fn_lhs_value, then
 * the dep's conv into the parameter in t->args), drops the reference on src
 * and sets deps[i].src = NULL. Leaves t->unfilled to the caller. */
void par__fn_fill_dep(par__fntask_t *t, uint32_t i);

/* The task has run (ret and from/tofrom data are in place): stores the
 * left-hand side unless a later spawn of the group writes the same one,
 * starts the in-process dependents that now have all their inputs, and
 * wakes whoever waits (group or caller). Any thread; the driver calls it
 * from the thread that drives its network (driver.c). */
void par__fn_complete(par__fntask_t *t);

/* Provided by driver.c (under parrun, in the driver):
 *   par__driver_fn_ok: whether tasks of desc can run on the workers (wire
 *     limits);
 *   par__driver_fn_submit: runs t on a worker. Dependencies whose src has
 *     not completed are the driver's to resolve: it sends t to the worker
 *     of such a src, which passes the value on without a trip through the
 *     driver, or waits for them. When t has run, the driver copies its result
 *     into t->ret and its from/tofrom data into t->maps[k].base, then calls
 *     par__fn_complete(t). Takes a reference on t until then. */
bool par__driver_fn_ok(const parrt_fn_desc_t *desc);
void par__driver_fn_submit(par__fntask_t *t);

#endif /* PAR_RUNTIME_FN_H */
