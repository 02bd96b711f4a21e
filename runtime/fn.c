/* fn.c: distributed functions and spawns in one process (see fn.h).
 *
 * What generated code, driver.c and worker.c rely on:
 *
 * 1. Registration. parrt_register_fn / parrt_register_spawn_site check the
 *    descriptor (ABI version and struct size, a body, the argument block's
 *    layout, map kinds and that a map's parameter is a pointer; for a site:
 *    store and conversions present) and keep it by id for par__fn_find /
 *    par__fn_find_site. A bad one, or a second one with an id already taken
 *    by another, is a fatal startup error naming the function (as loops,
 *    registry.c); the same one twice is fine.
 *
 * 2. Calls (parrt_fn_call). A function with `cache` called outside any
 *    chunk or task looks the call up first (cache.h) and stores it after.
 *    Inside a loop chunk, inside a function task, in
 *    a process that is not a driver under parrun, or for a function the
 *    workers cannot take (par__driver_fn_ok), the body runs in the calling
 *    thread on the caller's own block (par__fn_run_body): nothing is copied.
 *    Otherwise a task with copies of the block and the map table (pointers
 *    still at the caller's memory: the caller waits, so no snapshot) goes to
 *    par__driver_fn_submit; the caller sleeps until par__fn_complete and
 *    copies the result out.
 *
 * 3. Spawns (parrt_fn_spawn). The task owns a copy of the block and of the
 *    map table. Each `to` item p[lo .. lo+len) is copied now into a
 *    snapshot, and both maps[k].base and the block's pointer member point at
 *    the snapshot's element 0 (snapshot - lo*elem_size: the body indexes it
 *    as it would the original), so the caller may change its array at once.
 *    from, tofrom and alloc items use the caller's memory: the body writes
 *    it while the caller goes on, so the caller must not touch it before
 *    the sync. The same decision as for calls sends the task to the driver
 *    (at once, even with dependencies open: the driver resolves them) or to
 *    this process's pool; spawns inside a task body (any thread, a remote
 *    worker's included) always take the pool. A spawn with a NULL group
 *    runs synchronously, as a nowait loop does.
 *
 * 4. Dataflow. Under the group's lock: for each site->deps[k], if the
 *    latest spawn of the group whose left-hand side is dep_vars[k] has not
 *    completed, the task gets an edge from it (par__fndep_t, a reference on
 *    the src, unfilled++), else the variable's current value is converted
 *    into the parameter now (deps[k].conv). Then the task becomes the latest
 *    writer of its own lhs (after its deps: `a = g(a)` reads the previous
 *    a). An in-process task with unfilled edges is queued by the completion
 *    of its last src, which fills the edge first (par__fn_fill_dep); the
 *    driver fills the edges of the tasks it has. Either way the value the
 *    stub put in the block for such a parameter is overwritten, so generated
 *    code should not read the variable for it: a pending spawn may be
 *    storing into it (a data race).
 *
 * 5. Completion (par__fn_complete, any thread, the driver's driving thread
 *    included: driver.c). Under the group's lock: the lhs gets site->store(lhs, ret)
 *    if the task is still its latest writer (a later spawn of the same
 *    variable wins, whatever the order they finish in), `done` is set, the
 *    in-process dependents' edges are filled and those with none left are
 *    queued, and the group's waiter is woken. Nothing of the group is
 *    touched after its lock is let go but the reference the task held.
 *
 * 6. Waiting (par__fn_group_wait, from parrt_group_wait: loop.c point 8).
 *    While some of the group's pending tasks run in this process, the
 *    waiting thread runs (a) the group's own queued tasks, newest first,
 *    then (b) other groups' queued tasks of a deeper level than the task it
 *    is in (par__pool_help_one: a task's level is its spawner's + 1, the
 *    top level 0), spins a little when there are none, then sleeps until a
 *    task of the group completes (which is also when one of its tasks gets
 *    queued: dependents are queued by completions). (a) alone guarantees
 *    progress: a task's completion depends only on the tasks it spawned and
 *    their dataflow, a waiter can always run its own group's queued tasks,
 *    and those running elsewhere finish by the same argument one level
 *    down, so nested spawns on every pool thread at once cannot deadlock.
 *    (b) keeps the waiter busy when its own tasks run elsewhere; deeper
 *    only, so that what piles up on a waiting thread's stack is bounded by
 *    the nesting of spawns, as in the serial program (pool.h). Loop
 *    executions are never helped with: their callers work on them. With
 *    only remote tasks pending the waiter just sleeps.
 *
 * 7. References. An in-process task has one reference for its pool part
 *    (whose own count covers the threads that picked it; the claimer drops
 *    the initial one after completing it); a submitted one has the
 *    spawner's until par__driver_fn_submit returns; a call's caller holds
 *    one while it waits; edges hold one on their src. The group holds none
 *    (its list of queued tasks has only tasks not completed yet:
 *    par__fn_complete takes a task out), so completed tasks go as soon as
 *    nobody needs them.
 *
 * Locks: a group's lock, then the pool's (tasks are queued under the group
 * lock); fn.c never calls the driver with a group lock held.
 */
#include "internal.h"

#include "fn.h"
#include "offload.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "config.h"
#include "fault.h"
#include "shm.h"
#include "loop.h"
#include "obs.h"
#include "pool.h"
#include "registry.h"
#include "remote.h"

#define PAR__FN_ALIGN 64u       /* of a task's allocation and of its result buffer */
#define PAR__FN_MAX_ALIGN 4096u /* an argument block asking for more is refused */
#define PAR__FN_WAIT_SPIN_NS 30000u
#define PAR__FN_TMP 256u /* left-hand-side values this small go through the stack */

/* Depth of function bodies on this thread: > 0 inside a function task. */
static _Thread_local unsigned par__fn_depth;

/* The level of the spawned task running on this thread (0: none): tasks it
 * spawns get one more, and its waits help only with deeper ones. */
static _Thread_local int par__fn_level;

/* parrt_fn_call's waiters under the driver (one pair for all: calls are
 * long next to a spurious wake-up). */
static pthread_mutex_t par__fn_call_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t par__fn_call_cv = PTHREAD_COND_INITIALIZER;

/* ---- the tables of descriptors and sites, by id ----------------------------
 *
 * Registration happens from constructors (before main) but may come later
 * from a dlopen'ed library, and workers look descriptors up from their
 * threads: a lock, as in registry.c. */

static pthread_mutex_t par__fn_reg_mu = PTHREAD_MUTEX_INITIALIZER;
static par__idtable_t par__fn_descs, par__fn_sites; /* registry.h */

/* Adds ptr under id unless the id is taken; returns what has it (ptr itself
 * when added or already there). Lock held. */
static const void *par__fn_table_add(par__idtable_t *t, uint64_t id, const void *ptr) {
  const void *have;
  if (par__idtable_add(t, id, ptr, &have) != PAR_OK) parrt_fatal(NULL, "out of memory");
  return have;
}

const parrt_fn_desc_t *par__fn_find(uint64_t id) {
  pthread_mutex_lock(&par__fn_reg_mu);
  const parrt_fn_desc_t *d = par__idtable_find(&par__fn_descs, id);
  pthread_mutex_unlock(&par__fn_reg_mu);
  return d;
}

const parrt_spawn_site_t *par__fn_find_site(uint64_t id) {
  pthread_mutex_lock(&par__fn_reg_mu);
  const parrt_spawn_site_t *s = par__idtable_find(&par__fn_sites, id);
  pthread_mutex_unlock(&par__fn_reg_mu);
  return s;
}

/* ---- registration checks ---------------------------------------------------- */

static const char *par__fn_name(const parrt_fn_desc_t *d) {
  return d->name ? d->name : "(unnamed function)";
}

static const char *par__fn_str(const char *s) {
  return s ? s : "?";
}

/* Checks a function descriptor; false with a message in err. */
static bool par__fn_check(const parrt_fn_desc_t *d, char *err, size_t n) {
  const char *name = par__fn_name(d);
  if (d->abi_version != PARRT_ABI_VERSION || d->struct_size != sizeof(parrt_fn_desc_t)) {
    snprintf(err, n,
             "function '%s' was compiled for runtime ABI %u (descriptor of %u bytes), but this "
             "runtime has ABI %d (%zu bytes): rebuild it with this parcc",
             name, d->abi_version, d->struct_size, PARRT_ABI_VERSION, sizeof(parrt_fn_desc_t));
    return false;
  }
  if (!d->body) {
    snprintf(err, n, "function '%s' has no body function", name);
    return false;
  }
  if (d->args_size == 0 || d->args_align == 0 || (d->args_align & (d->args_align - 1)) ||
      d->args_align > PAR__FN_MAX_ALIGN) {
    snprintf(err, n, "function '%s' has an invalid argument block (%u bytes, alignment %u)", name,
             d->args_size, d->args_align);
    return false;
  }
  if ((d->nparams && (!d->param_off || !d->param_size)) || (d->nmaps && !d->maps)) {
    snprintf(err, n, "function '%s' has parameters or maps without their descriptions", name);
    return false;
  }
  for (uint32_t i = 0; i < d->nparams; i++) {
    if ((uint64_t)d->param_off[i] + d->param_size[i] > d->args_size) {
      snprintf(err, n,
               "function '%s': parameter %u (%u bytes at offset %u) is outside its %u-byte "
               "argument block",
               name, i, d->param_size[i], d->param_off[i], d->args_size);
      return false;
    }
  }
  for (uint32_t k = 0; k < d->nmaps; k++) {
    const parrt_fn_map_desc_t *m = &d->maps[k];
    if (m->kind > PARRT_MAP_TOFROM || m->param >= d->nparams ||
        d->param_size[m->param] != sizeof(void *)) {
      snprintf(err, n,
               "function '%s': map of '%s' has kind %u and parameter %u, which is not a "
               "pointer parameter of the function",
               name, par__fn_str(m->name), m->kind, m->param);
      return false;
    }
  }
  if (d->device > PARRT_DEV_ANY || d->retries < -1 || !(d->timeout >= 0.0)) {
    snprintf(err, n,
             "function '%s' has an unknown device (%u), or invalid retries (%lld) or "
             "timeout (%g)",
             name, d->device, (long long)d->retries, d->timeout);
    return false;
  }
  return true;
}

static bool par__fn_check_site(const parrt_spawn_site_t *s, char *err, size_t n) {
  const char *callee = par__fn_str(s->callee);
  const char *fn = par__fn_str(s->loc.function);
  if (s->abi_version != PARRT_ABI_VERSION || s->struct_size != sizeof(parrt_spawn_site_t)) {
    snprintf(err, n,
             "spawn of '%s' in '%s' was compiled for runtime ABI %u (site of %u bytes), but this "
             "runtime has ABI %d (%zu bytes): rebuild it with this parcc",
             callee, fn, s->abi_version, s->struct_size, PARRT_ABI_VERSION,
             sizeof(parrt_spawn_site_t));
    return false;
  }
  if ((s->store != NULL) != (s->lhs_size != 0) || (s->ndeps && !s->deps)) {
    snprintf(err, n, "spawn of '%s' in '%s' has an inconsistent left-hand side or dependencies",
             callee, fn);
    return false;
  }
  for (uint32_t k = 0; k < s->ndeps; k++) {
    if (!s->deps[k].conv || !s->deps[k].var_size) {
      snprintf(err, n, "spawn of '%s' in '%s': dependency on '%s' has no conversion", callee, fn,
               par__fn_str(s->deps[k].name));
      return false;
    }
  }
  return true;
}

PARRT_API void parrt_register_fn(const parrt_fn_desc_t *desc) {
  char err[768];
  if (!desc) parrt_fatal(NULL, "NULL function descriptor");
  if (!par__fn_check(desc, err, sizeof err)) parrt_fatal(&desc->loc, err);
  pthread_mutex_lock(&par__fn_reg_mu);
  const parrt_fn_desc_t *old = par__fn_table_add(&par__fn_descs, desc->id, desc);
  pthread_mutex_unlock(&par__fn_reg_mu);
  if (old == desc) return;
  snprintf(err, sizeof err,
           "function '%s' (%s:%d) and function '%s' (%s:%d) have the same id 0x%016llx; rename "
           "one of them",
           par__fn_name(desc), par__fn_str(desc->loc.file), (int)desc->loc.line, par__fn_name(old),
           par__fn_str(old->loc.file), (int)old->loc.line, (unsigned long long)desc->id);
  parrt_fatal(&desc->loc, err);
}

PARRT_API void parrt_register_spawn_site(const parrt_spawn_site_t *site) {
  char err[768];
  if (!site) parrt_fatal(NULL, "NULL spawn site");
  if (!par__fn_check_site(site, err, sizeof err)) parrt_fatal(&site->loc, err);
  pthread_mutex_lock(&par__fn_reg_mu);
  const parrt_spawn_site_t *old = par__fn_table_add(&par__fn_sites, site->id, site);
  pthread_mutex_unlock(&par__fn_reg_mu);
  if (old == site) return;
  snprintf(err, sizeof err,
           "spawn of '%s' in '%s' (%s:%d) and spawn of '%s' in '%s' (%s:%d) have the same id "
           "0x%016llx; move one of them",
           par__fn_str(site->callee), par__fn_str(site->loc.function), par__fn_str(site->loc.file),
           (int)site->loc.line, par__fn_str(old->callee), par__fn_str(old->loc.function),
           par__fn_str(old->loc.file), (int)old->loc.line, (unsigned long long)site->id);
  parrt_fatal(&site->loc, err);
}

/* ---- tasks ------------------------------------------------------------------ */

void par__fn_ref(par__fntask_t *t) {
  atomic_fetch_add_explicit(&t->refs, 1, memory_order_relaxed);
}

static void par__fn_free(par__fntask_t *t) {
  /* Edges never filled (the driver resolved them on a worker) still hold
   * their src. */
  for (uint32_t i = 0; i < t->ndeps; i++)
    if (t->deps[i].src) par__fn_unref(t->deps[i].src);
  for (uint32_t k = 0; t->snapshots && k < t->desc->nmaps; k++)
    free(t->snapshots[k]);
  free(t->dependents);
  free(t);
}

void par__fn_unref(par__fntask_t *t) {
  if (atomic_fetch_sub_explicit(&t->refs, 1, memory_order_acq_rel) == 1) par__fn_free(t);
}

/* The pool part's last reference: the task's own reference for it. */
static void par__fn_task_destroy(par__task_t *task) {
  par__fn_unref((par__fntask_t *)task);
}

/* Runs a claimed in-process task; t may be gone when it returns. */
static void par__fn_run_task(par__fntask_t *t) {
  int saved = par__fn_level;
  par__fn_level = t->task.level;
  uint64_t t0 = PAR__UNLIKELY(par__obs_on) ? par__obs_chunk_begin() : 0;
  par__fn_run_body(t->desc, t->args, t->ret);
  if (PAR__UNLIKELY(t0)) par__obs_fn_end(t->desc, t0);
  par__fn_level = saved;
  par__fn_complete(t);
  par__task_unref(&t->task); /* the initial one */
}

/* The pool's `work` of a spawned function: one thread runs it. */
static void par__fn_task_work(par__task_t *task, int self) {
  (void)self;
  if (par__task_claim_once(task)) par__fn_run_task((par__fntask_t *)task);
}

static size_t par__fn_layout(size_t *size, size_t bytes, size_t align) {
  size_t off = (*size + align - 1) / align * align;
  *size = off + bytes;
  return off;
}

static uint64_t par__fn_bytes(const parrt_fn_desc_t *desc, const parrt_map_t *m, uint32_t k) {
  uint64_t es = m->elem_size ? m->elem_size : 1;
  if (m->len > UINT64_MAX / es || m->len * es > (uint64_t)PTRDIFF_MAX)
    par__fatal(&desc->loc, "'%s': map of '%s' is too large to copy", par__fn_name(desc),
               par__fn_str(desc->maps[k].name));
  return m->len * es;
}

/* A task with its own block, map table, result buffer and room for the
 * site's edges, in one allocation; `to` snapshots when `snap`. One
 * reference, the pool part initialized (used only if it is queued). */
static par__fntask_t *par__fn_task_new(const parrt_fn_desc_t *desc, const parrt_spawn_site_t *site,
                                       const void *args, const parrt_map_t *maps, void *lhs,
                                       bool snap) {
  uint32_t nmaps = desc->nmaps, ndeps = site ? site->ndeps : 0;
  size_t align = desc->args_align > PAR__FN_ALIGN ? desc->args_align : PAR__FN_ALIGN;
  size_t size = sizeof(par__fntask_t);
  size_t o_args = par__fn_layout(&size, desc->args_size, align);
  size_t o_ret = par__fn_layout(&size, desc->ret_size, PAR__FN_ALIGN);
  size_t o_maps = par__fn_layout(&size, nmaps * sizeof(parrt_map_t), alignof(parrt_map_t));
  size_t o_snaps = par__fn_layout(&size, snap ? nmaps * sizeof(void *) : 0, alignof(void *));
  size_t o_deps = par__fn_layout(&size, ndeps * sizeof(par__fndep_t), alignof(par__fndep_t));
  unsigned char *mem = aligned_alloc(align, (size + align - 1) / align * align);
  if (!mem) par__fatal(&desc->loc, "out of memory");
  par__fntask_t *t = (par__fntask_t *)mem;
  memset(t, 0, sizeof *t);
  par__task_init(&t->task, par__fn_task_work, par__fn_task_destroy);
  t->desc = desc;
  t->site = site;
  t->args = mem + o_args;
  memcpy(t->args, args, desc->args_size);
  t->ret = desc->ret_size ? mem + o_ret : NULL;
  t->maps = nmaps ? (parrt_map_t *)(mem + o_maps) : NULL;
  if (nmaps) memcpy(t->maps, maps, nmaps * sizeof(parrt_map_t));
  t->deps = ndeps ? (par__fndep_t *)(mem + o_deps) : NULL;
  t->lhs = lhs;
  atomic_init(&t->unfilled, 0);
  atomic_init(&t->done, false);
  atomic_init(&t->refs, 1);
  if (PAR__UNLIKELY(par__obs_on)) par__obs_fn_submit(desc);
  if (!snap) return t;
  t->snapshots = nmaps ? (void **)(mem + o_snaps) : NULL;
  for (uint32_t k = 0; k < nmaps; k++) {
    t->snapshots[k] = NULL;
    parrt_map_t *m = &t->maps[k];
    if (desc->maps[k].kind != PARRT_MAP_TO || m->len == 0) continue;
    uint64_t es = m->elem_size ? m->elem_size : 1, bytes = par__fn_bytes(desc, m, k);
    unsigned char *s = malloc(bytes ? bytes : 1);
    if (!s)
      par__fatal(&desc->loc, "out of memory for a copy of '%s'", par__fn_str(desc->maps[k].name));
    memcpy(s, (const unsigned char *)m->base + m->lo * (int64_t)es, bytes);
    t->snapshots[k] = s;
    /* Element 0 of the copy is where element lo is: computed on integers,
     * as the address lies outside the copy when lo > 0. */
    void *base = (void *)((uintptr_t)s - (uintptr_t)(m->lo * (int64_t)es));
    m->base = base;
    memcpy(t->args + desc->param_off[desc->maps[k].param], &base, sizeof base);
  }
  return t;
}

/* ---- running a body ------------------------------------------------------- */

void par__fn_run_body(const parrt_fn_desc_t *desc, void *args, void *ret) {
  /* timeout(s) in this process (fault.c); a worker's calls are timed by the driver */
  par__fault_watch_t watch;
  double timeout =
      desc->timeout > 0 && par__config_get()->role != PAR__ROLE_WORKER ? desc->timeout : 0;
  par__fault_watch_open(&watch, "function", desc->name, desc->loc.file, (int)desc->loc.line,
                        timeout);
  par__fn_depth++;
  par__offload_fn_body(desc)(args, ret);
  par__fn_depth--;
  par__fault_watch_end(&watch);
}

bool par__fn_in_task(void) {
  return par__fn_depth > 0;
}

/* Whether a call or spawn of desc made here goes to the workers. */
static bool par__fn_remote(const parrt_fn_desc_t *desc) {
  return !par__loop_in_chunk() && !par__fn_in_task() && par__driver_active() &&
         par__driver_fn_ok(desc);
}

/* Runs the body in this thread with a result buffer of its own when the
 * caller gave none. */
static void par__fn_run_here(const parrt_fn_desc_t *desc, void *args, void *ret) {
  if (ret || !desc->ret_size) {
    par__fn_run_body(desc, args, ret);
    return;
  }
  void *tmp = aligned_alloc(PAR__FN_ALIGN,
                            (desc->ret_size + PAR__FN_ALIGN - 1) / PAR__FN_ALIGN * PAR__FN_ALIGN);
  if (!tmp) par__fatal(&desc->loc, "out of memory");
  par__fn_run_body(desc, args, tmp);
  free(tmp);
}

static void par__fn_call_now(const parrt_fn_desc_t *desc, void *args, const parrt_map_t *maps,
                             void *ret);

/* A call of a function with `cache` made outside any task (cache.h): the
 * result and from/tofrom data from the cache, or the call, then stored. */
static void par__fn_call_cached(const parrt_fn_desc_t *desc, void *args, const parrt_map_t *maps,
                                void *ret) {
  size_t bytes = (desc->ret_size + PAR__FN_ALIGN - 1) / PAR__FN_ALIGN * PAR__FN_ALIGN;
  void *tmp = !ret && bytes ? aligned_alloc(PAR__FN_ALIGN, bytes) : NULL;
  if (!ret && bytes && !tmp) par__fatal(&desc->loc, "out of memory");
  void *r = ret ? ret : tmp;
  par__cache_key_t key;
  if (!par__cache_fn_lookup(desc, args, maps, r, &key)) {
    par__fn_call_now(desc, args, maps, r);
    par__cache_fn_store(desc, maps, r, &key);
  }
  free(tmp);
}

PARRT_API void parrt_fn_call(const parrt_fn_desc_t *desc, void *args, const parrt_map_t *maps,
                             void *ret) {
  par__shm_enter(); /* the runtime's own allocations stay private (shm.h) */
  if ((desc->flags & PARRT_LOOP_CACHE) && !par__loop_in_chunk() && !par__fn_in_task())
    par__fn_call_cached(desc, args, maps, ret);
  else
    par__fn_call_now(desc, args, maps, ret);
  par__shm_leave();
}

static void par__fn_call_now(const parrt_fn_desc_t *desc, void *args, const parrt_map_t *maps,
                             void *ret) {
  if (!par__fn_remote(desc)) {
    par__fn_run_here(desc, args, ret);
    return;
  }
  par__fntask_t *t = par__fn_task_new(desc, NULL, args, maps, NULL, false);
  t->waited = true;
  par__driver_fn_submit(t);
  pthread_mutex_lock(&par__fn_call_mu);
  while (!atomic_load_explicit(&t->done, memory_order_acquire))
    pthread_cond_wait(&par__fn_call_cv, &par__fn_call_mu);
  pthread_mutex_unlock(&par__fn_call_mu);
  if (ret && desc->ret_size) memcpy(ret, t->ret, desc->ret_size);
  par__fn_unref(t);
}

/* ---- left-hand sides and edges ------------------------------------------- */

void par__fn_lhs_value(const par__fntask_t *src, void *tmp) {
  src->site->store(tmp, src->ret);
}

void par__fn_fill_dep(par__fntask_t *t, uint32_t i) {
  par__fntask_t *src = t->deps[i].src;
  const parrt_spawn_dep_t *dep = &t->site->deps[t->deps[i].k];
  uint32_t size = src->site->lhs_size;
  alignas(PAR__FN_ALIGN) unsigned char buf[PAR__FN_TMP];
  unsigned char *tmp = buf;
  if (size > sizeof buf) {
    tmp = aligned_alloc(PAR__FN_ALIGN, (size + PAR__FN_ALIGN - 1) / PAR__FN_ALIGN * PAR__FN_ALIGN);
    if (!tmp) par__fatal(&t->desc->loc, "out of memory");
  }
  par__fn_lhs_value(src, tmp);
  dep->conv(t->args + t->desc->param_off[dep->param], tmp);
  if (tmp != buf) free(tmp);
  t->deps[i].src = NULL;
  par__fn_unref(src);
}

/* The group's lhs -> latest writer table (loop.h), under its lock. */
static size_t par__fn_ptr_hash(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 29;
  x *= 0x9e3779b97f4a7c15ULL;
  return (size_t)(x >> 17);
}

static par__fn_writer_t *par__fn_writer_find(par__group_t *g, const void *lhs) {
  if (!g->wcap) return NULL;
  size_t i = par__fn_ptr_hash(lhs) & (g->wcap - 1);
  while (g->writers[i].lhs) {
    if (g->writers[i].lhs == lhs) return &g->writers[i];
    i = (i + 1) & (g->wcap - 1);
  }
  return NULL;
}

static void par__fn_writer_set(par__group_t *g, void *lhs, par__fntask_t *t) {
  par__fn_writer_t *w = par__fn_writer_find(g, lhs);
  if (w) {
    w->task = t;
    return;
  }
  if ((g->wlen + 1) * 2 > g->wcap) {
    size_t cap = g->wcap ? 2 * g->wcap : 16;
    par__fn_writer_t *ws = calloc(cap, sizeof *ws);
    if (!ws) par__fatal(&t->desc->loc, "out of memory");
    for (size_t j = 0; j < g->wcap; j++) {
      if (!g->writers[j].lhs) continue;
      size_t i = par__fn_ptr_hash(g->writers[j].lhs) & (cap - 1);
      while (ws[i].lhs)
        i = (i + 1) & (cap - 1);
      ws[i] = g->writers[j];
    }
    free(g->writers);
    g->writers = ws;
    g->wcap = cap;
  }
  size_t i = par__fn_ptr_hash(lhs) & (g->wcap - 1);
  while (g->writers[i].lhs)
    i = (i + 1) & (g->wcap - 1);
  g->writers[i] = (par__fn_writer_t){lhs, t};
  g->wlen++;
}

static void par__fn_add_dependent(par__fntask_t *src, par__fntask_t *t) {
  if (src->ndependents == src->capdependents) {
    uint32_t cap = src->capdependents ? 2 * src->capdependents : 4;
    par__fntask_t **d = realloc(src->dependents, cap * sizeof *d);
    if (!d) par__fatal(&t->desc->loc, "out of memory");
    src->dependents = d;
    src->capdependents = cap;
  }
  src->dependents[src->ndependents++] = t;
}

/* The group's list of queued tasks (fn.h group_next), under its lock. */
static void par__fn_unlist_locked(par__group_t *g, par__fntask_t *t) {
  if (t->group_prev)
    t->group_prev->group_next = t->group_next;
  else
    g->queued_head = t->group_next;
  if (t->group_next)
    t->group_next->group_prev = t->group_prev;
  else
    g->queued_tail = t->group_prev;
  t->group_prev = t->group_next = NULL;
  t->group_listed = false;
}

/* Queues an in-process task whose inputs are all there. */
static void par__fn_queue_locked(par__group_t *g, par__fntask_t *t) {
  t->group_next = NULL;
  t->group_prev = g->queued_tail;
  if (g->queued_tail)
    g->queued_tail->group_next = t;
  else
    g->queued_head = t;
  g->queued_tail = t;
  t->group_listed = true;
  par__pool_push(&t->task, 1);
}

/* Claims the newest of the group's queued tasks; drops from the list those
 * that some other thread has claimed meanwhile. NULL when none is left. */
static par__fntask_t *par__fn_claim_own_locked(par__group_t *g) {
  par__fntask_t *t;
  while ((t = g->queued_tail)) {
    par__fn_unlist_locked(g, t);
    if (par__task_claim_once(&t->task)) return t;
  }
  return NULL;
}

/* ---- spawns --------------------------------------------------------------- */

/* A spawn with no group to wait for it: now, in this thread. */
static void par__fn_spawn_now(const parrt_fn_desc_t *desc, void *args,
                              const parrt_spawn_site_t *site, void *lhs, void *const *dep_vars) {
  for (uint32_t k = 0; k < site->ndeps; k++)
    site->deps[k].conv((unsigned char *)args + desc->param_off[site->deps[k].param], dep_vars[k]);
  size_t bytes = (desc->ret_size + PAR__FN_ALIGN - 1) / PAR__FN_ALIGN * PAR__FN_ALIGN;
  void *ret = bytes ? aligned_alloc(PAR__FN_ALIGN, bytes) : NULL;
  if (bytes && !ret) par__fatal(&desc->loc, "out of memory");
  par__fn_run_body(desc, args, ret);
  if (lhs) site->store(lhs, ret);
  free(ret);
}

PARRT_API void parrt_fn_spawn(parrt_group_t *group, const parrt_fn_desc_t *desc, void *args,
                              const parrt_map_t *maps, const parrt_spawn_site_t *site, void *lhs,
                              void *const *dep_vars) {
  if (!desc || !site) parrt_fatal(site ? &site->loc : NULL, "spawn without its descriptors");
  if (!site->store) lhs = NULL;
  for (uint32_t k = 0; k < site->ndeps; k++)
    if (site->deps[k].param >= desc->nparams)
      par__fatal(&site->loc,
                 "spawn of '%s': dependency on '%s' is passed as parameter %u, but "
                 "'%s' has %u",
                 par__fn_name(desc), par__fn_str(site->deps[k].name), site->deps[k].param,
                 par__fn_name(desc), desc->nparams);
  if (!group) {
    par__fn_spawn_now(desc, args, site, lhs, dep_vars);
    return;
  }
  bool remote = par__fn_remote(desc);
  if (!remote) par__pool_start(); /* before any lock: it may read the configuration */
  par__fntask_t *t = par__fn_task_new(desc, site, args, maps, lhs, true);
  t->inproc = !remote;
  t->task.level = par__fn_level + 1;
  par__group_t *g = par__group_get(group);
  t->group = g;
  atomic_fetch_add_explicit(&g->refs, 1, memory_order_relaxed);

  pthread_mutex_lock(&g->mu);
  uint32_t nedges = 0;
  for (uint32_t k = 0; k < site->ndeps; k++) {
    const parrt_spawn_dep_t *dep = &site->deps[k];
    par__fn_writer_t *w = par__fn_writer_find(g, dep_vars[k]);
    if (w && w->task) {
      /* Still running (entries are cleared at completion): its result, not
       * the variable, is what this argument will be. */
      par__fn_ref(w->task);
      t->deps[nedges++] = (par__fndep_t){.src = w->task, .k = k};
      if (t->inproc) par__fn_add_dependent(w->task, t);
    } else {
      /* Under the lock: a completion's store into the variable is either
       * wholly before this read or not there. */
      dep->conv(t->args + desc->param_off[dep->param], dep_vars[k]);
    }
  }
  t->ndeps = nedges;
  atomic_store_explicit(&t->unfilled, nedges, memory_order_relaxed);
  if (lhs) par__fn_writer_set(g, lhs, t);
  atomic_fetch_add_explicit(&g->pending, 1, memory_order_relaxed);
  if (t->inproc) {
    atomic_fetch_add_explicit(&g->local, 1, memory_order_relaxed);
    if (nedges == 0) par__fn_queue_locked(g, t);
  }
  pthread_mutex_unlock(&g->mu);

  if (remote) {
    par__driver_fn_submit(t);
    par__fn_unref(t); /* the driver holds its own until it completes it */
  }
}

/* ---- completion and waiting ------------------------------------------------ */

void par__fn_complete(par__fntask_t *t) {
  par__group_t *g = t->group;
  if (!g) {
    /* A call: its caller sleeps on the shared condition variable. */
    pthread_mutex_lock(&par__fn_call_mu);
    atomic_store_explicit(&t->done, true, memory_order_release);
    pthread_cond_broadcast(&par__fn_call_cv);
    pthread_mutex_unlock(&par__fn_call_mu);
    return;
  }
  pthread_mutex_lock(&g->mu);
  if (t->lhs) {
    par__fn_writer_t *w = par__fn_writer_find(g, t->lhs);
    if (w && w->task == t) {
      t->site->store(t->lhs, t->ret);
      w->task = NULL;
    }
  }
  atomic_store_explicit(&t->done, true, memory_order_release);
  for (uint32_t j = 0; j < t->ndependents; j++) {
    par__fntask_t *d = t->dependents[j];
    uint32_t i = 0;
    while (d->deps[i].src != t)
      i++; /* one entry per edge: an open one is there */
    par__fn_fill_dep(d, i);
    if (atomic_fetch_sub_explicit(&d->unfilled, 1, memory_order_relaxed) == 1)
      par__fn_queue_locked(g, d);
  }
  if (t->group_listed) par__fn_unlist_locked(g, t); /* claimed by another thread */
  free(t->dependents);
  t->dependents = NULL;
  t->ndependents = t->capdependents = 0;
  if (t->inproc) atomic_fetch_sub_explicit(&g->local, 1, memory_order_relaxed);
  bool last = atomic_fetch_sub_explicit(&g->pending, 1, memory_order_release) == 1;
  /* A waiter with in-process tasks looks at every completion (it may have
   * queued some); one with only remote tasks left has nothing to do until
   * the last: waking it for each of thousands of remote results would only
   * take a core from the workers. */
  if (g->waiters && (last || atomic_load_explicit(&g->local, memory_order_relaxed) > 0))
    pthread_cond_broadcast(&g->cv);
  pthread_mutex_unlock(&g->mu);
  par__group_unref(g);
}

void par__fn_group_wait(par__group_t *g) {
  bool spun = false;
  pthread_mutex_lock(&g->mu);
  while (atomic_load_explicit(&g->pending, memory_order_relaxed) > 0) {
    if (atomic_load_explicit(&g->local, memory_order_relaxed) > 0) {
      par__fntask_t *t = par__fn_claim_own_locked(g);
      pthread_mutex_unlock(&g->mu);
      if (t || par__pool_help_one(par__fn_level + 1)) {
        if (t) par__fn_run_task(t);
        spun = false;
        pthread_mutex_lock(&g->mu);
        continue;
      }
      if (!spun) {
        /* Nothing to run: ours run on other threads, or wait for values
         * from there, and are often short. Look again a little while
         * before paying for a sleep and a wake-up. */
        uint64_t start = par__time_ns();
        for (unsigned i = 1; !par__pool_has_work(); i++) {
          if (atomic_load_explicit(&g->pending, memory_order_relaxed) == 0) break;
          par__cpu_relax();
          if ((i & 63) == 0 && par__time_ns() - start > PAR__FN_WAIT_SPIN_NS) break;
        }
        spun = true;
        pthread_mutex_lock(&g->mu);
        continue;
      }
      spun = false;
      pthread_mutex_lock(&g->mu);
      /* Our tasks get queued only under this lock, and completions (which
       * queue them) wake us: checked here, none can slip past the sleep.
       * Other groups' tasks queued meanwhile have awake threads to run
       * them, their spawner's or completer's. */
      if (atomic_load_explicit(&g->pending, memory_order_relaxed) == 0 || g->queued_tail) continue;
    }
    g->waiters++;
    pthread_cond_wait(&g->cv, &g->mu);
    g->waiters--;
  }
  pthread_mutex_unlock(&g->mu);
}
