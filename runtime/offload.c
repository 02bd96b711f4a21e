/* offload.c: device(gpu|any) loops and functions on an OpenMP device.
 *
 * parcc emits, for a device loop, a target variant of its chunk function
 * (desc->chunk_target: one `omp target teams distribute parallel for` over
 * [k0, k1), its data mapped by bytes from parrt_chunk_t.ext) and, for a
 * device function, desc->body_target. This file decides which variant runs:
 *
 *   - the target variant where the process has an OpenMP device
 *     (omp_get_num_devices() > 0) and the file was compiled for offload;
 *     otherwise the host variant, saying so once on stderr for device(gpu);
 *     OMP_TARGET_OFFLOAD=MANDATORY turns "no device" into an error naming
 *     the loop, and makes device(any) always take the device;
 *   - device(any): measured picoseconds per iteration of each variant (the
 *     device first, then the CPU once, then the faster, re-measuring the
 *     other every PAR__OFFLOAD_EXPLORE executions);
 *   - ./app: a device loop runs whole on the device from the calling thread.
 *     Its mapped data is made resident first (omp_target_alloc +
 *     omp_target_memcpy + omp_target_associate_ptr), so the region's map
 *     clauses find it present and move nothing; after the loop written data
 *     is copied back and the device memory freed, unless parcc flagged the
 *     loop PARRT_LOOP_DEVICE_KEEP (the next statement is another device
 *     loop): then it stays for that loop (`omp target data` across the
 *     run). Any other loop, or a device loop run on the host, writes
 *     everything back first.
 *   - a parrun worker: each chunk runs its variant on the worker's device
 *     with its slice mapped in and out (par__offload_call_chunk), one
 *     device chunk at a time per process (they may share a whole array's
 *     buffer, which a region copies back whole).
 *
 * The OpenMP entry points are found with dlsym(RTLD_DEFAULT): libparrt does
 * not link libomp or libomptarget, and a program without device loops works
 * without them.
 */
#include "internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "loop.h"
#include "offload.h"
#include "remote.h"
#include "wire.h"

#define PAR__OFFLOAD_EXPLORE 16u
#define PAR__OFFLOAD_SLOTS 64u
/* A GPU worker's task of a device loop is this many times a CPU worker's:
 * a kernel launch and the transfers cost more than a thread's call, and
 * the device runs many blocks' iterations at once. */
#define PAR__OFFLOAD_GPU_TASK 8u

/* ---- the OpenMP runtime, if the program has one ------------------------- */

typedef struct par__omp {
  int (*num_devices)(void);
  int (*default_device)(void);
  int (*initial_device)(void);
  void (*set_default_device)(int);
  void *(*target_alloc)(size_t, int);
  void (*target_free)(void *, int);
  int (*target_memcpy)(void *, const void *, size_t, size_t, size_t, int, int);
  int (*associate)(const void *, const void *, size_t, size_t, int);
  int (*disassociate)(const void *, int);
} par__omp_t;

static par__omp_t par__omp;
static int par__omp_ndev;
static pthread_once_t par__omp_once = PTHREAD_ONCE_INIT;

static void par__omp_load(void) {
  par__omp.num_devices = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_num_devices");
  par__omp.default_device = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_default_device");
  par__omp.initial_device = (int (*)(void))dlsym(RTLD_DEFAULT, "omp_get_initial_device");
  par__omp.set_default_device = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_default_device");
  par__omp.target_alloc = (void *(*)(size_t, int))dlsym(RTLD_DEFAULT, "omp_target_alloc");
  par__omp.target_free = (void (*)(void *, int))dlsym(RTLD_DEFAULT, "omp_target_free");
  par__omp.target_memcpy = (int (*)(void *, const void *, size_t, size_t, size_t, int, int))dlsym(
      RTLD_DEFAULT, "omp_target_memcpy");
  par__omp.associate = (int (*)(const void *, const void *, size_t, size_t, int))dlsym(
      RTLD_DEFAULT, "omp_target_associate_ptr");
  par__omp.disassociate =
      (int (*)(const void *, int))dlsym(RTLD_DEFAULT, "omp_target_disassociate_ptr");
  /* libomptarget 19 sets itself up when a device image registers; where
   * none did (device code that the link left out), omp_get_num_devices
   * would crash on its uninitialized state. __tgt_rtl_init sets it up
   * (reference counted; it is never undone here). */
  void (*rtl_init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "__tgt_rtl_init");
  if (rtl_init && par__omp.num_devices) rtl_init();
  par__omp_ndev = par__omp.num_devices ? par__omp.num_devices() : 0;
  if (par__omp_ndev < 0) par__omp_ndev = 0;
  /* libomptarget 19 still counts devices under DISABLED (and then runs
   * regions on the host): no devices, as OpenMP means it. */
  const char *v = getenv("OMP_TARGET_OFFLOAD");
  if (v && !strcasecmp(v, "DISABLED")) par__omp_ndev = 0;
  PAR__LOG_DEBUG("offload: %d OpenMP device%s", par__omp_ndev, par__omp_ndev == 1 ? "" : "s");
}

int par__offload_ndevices(void) {
  pthread_once(&par__omp_once, par__omp_load);
  return par__omp_ndev;
}

/* All of the data API: without it a loop still runs on the device, with its
 * map clauses moving the data for each region. */
static bool par__omp_has_data_api(void) {
  return par__omp.default_device && par__omp.initial_device && par__omp.target_alloc &&
         par__omp.target_free && par__omp.target_memcpy && par__omp.associate &&
         par__omp.disassociate;
}

static bool par__offload_mandatory(void) {
  const char *v = getenv("OMP_TARGET_OFFLOAD");
  return v && !strcasecmp(v, "MANDATORY");
}

/* ---- when there is no device -------------------------------------------- */

static atomic_bool par__offload_warned;

/* Returns only when the host variant may run instead. */
static void par__offload_no_device(const parrt_loc_t *loc, const char *what, const char *name,
                                   uint32_t device, bool compiled) {
  const char *why = compiled ? "this process has no OpenMP device"
                             : "it was compiled without offload targets (PARCC_OFFLOAD_TARGETS)";
  if (par__offload_mandatory())
    par__fatal(loc, "%s '%s' must run on a device (OMP_TARGET_OFFLOAD=MANDATORY), but %s", what,
               name, why);
  if (device != PARRT_DEV_GPU || atomic_exchange(&par__offload_warned, true)) return;
  PAR__LOG_WARN("%s '%s' (%s:%d) has device(gpu), but %s: running it on the CPU", what, name,
                loc && loc->file ? loc->file : "?", loc ? loc->line : 0, why);
}

/* ---- device(any): which variant is faster ------------------------------- */

typedef struct par__offload_stat {
  const void *desc;
  uint64_t dev_ps, cpu_ps; /* picoseconds per iteration; 0: not measured */
  uint32_t runs;
} par__offload_stat_t;

static par__offload_stat_t par__offload_stats[PAR__OFFLOAD_SLOTS];
static pthread_mutex_t par__offload_stat_mu = PTHREAD_MUTEX_INITIALIZER;

static par__offload_stat_t *par__offload_stat(const void *desc) {
  par__offload_stat_t *s = &par__offload_stats[((uintptr_t)desc >> 4) % PAR__OFFLOAD_SLOTS];
  if (s->desc != desc) *s = (par__offload_stat_t){.desc = desc};
  return s;
}

/* The device first, then the CPU once, then the faster one, trying the
 * other every PAR__OFFLOAD_EXPLORE runs. */
static bool par__offload_pick(const void *desc) {
  pthread_mutex_lock(&par__offload_stat_mu);
  par__offload_stat_t *s = par__offload_stat(desc);
  bool dev;
  if (!s->dev_ps)
    dev = true;
  else if (!s->cpu_ps)
    dev = false;
  else {
    dev = s->dev_ps <= s->cpu_ps;
    if (++s->runs % PAR__OFFLOAD_EXPLORE == 0) dev = !dev;
  }
  pthread_mutex_unlock(&par__offload_stat_mu);
  return dev;
}

static void par__offload_note(const void *desc, bool dev, uint64_t ns, uint64_t niters) {
  if (!niters) return;
  uint64_t ps = (uint64_t)(((unsigned __int128)ns * 1000u) / niters);
  if (!ps) ps = 1;
  pthread_mutex_lock(&par__offload_stat_mu);
  par__offload_stat_t *s = par__offload_stat(desc);
  uint64_t *slot = dev ? &s->dev_ps : &s->cpu_ps;
  *slot = *slot ? (*slot * 3 + ps) / 4 : ps;
  pthread_mutex_unlock(&par__offload_stat_mu);
}

/* ---- data kept on the device (./app) ------------------------------------ */

typedef struct par__resident {
  char *host;
  uint64_t bytes;
  void *dev_ptr;
  int dev;
  bool dirty; /* the device has newer bytes than the host */
  bool drop;  /* a `to` item the device wrote: never reused */
} par__resident_t;

static pthread_mutex_t par__res_mu = PTHREAD_MUTEX_INITIALIZER;
static par__resident_t *par__res;
static size_t par__nres, par__capres;
static atomic_size_t par__nres_pub; /* par__nres, read without the lock */

/* Device memory freed by a loop is kept for the next one (the same arrays,
 * usually): allocating and first touching device memory for every loop
 * costs more than the loop on small arrays. Up to PAR__OFFLOAD_SPARE
 * blocks, each reused for a request of at least half its size. Under
 * par__res_mu. */
#define PAR__OFFLOAD_SPARE 16u
typedef struct par__spare {
  void *ptr;
  uint64_t bytes;
  int dev;
} par__spare_t;
static par__spare_t par__spare[PAR__OFFLOAD_SPARE];
static unsigned par__nspare;

static void *par__dev_alloc(uint64_t bytes, int dev) {
  for (unsigned i = 0; i < par__nspare; i++)
    if (par__spare[i].dev == dev && par__spare[i].bytes >= bytes &&
        par__spare[i].bytes / 2 <= bytes) {
      void *p = par__spare[i].ptr;
      par__spare[i] = par__spare[--par__nspare];
      return p;
    }
  return par__omp.target_alloc(bytes, dev);
}

static void par__dev_free(void *p, uint64_t bytes, int dev) {
  if (par__nspare == PAR__OFFLOAD_SPARE) {
    par__omp.target_free(par__spare[0].ptr, par__spare[0].dev);
    par__spare[0] = par__spare[--par__nspare];
  }
  par__spare[par__nspare++] = (par__spare_t){p, bytes, dev};
}

static void par__res_release(size_t i, bool copy_back) {
  par__resident_t *r = &par__res[i];
  if (copy_back && r->dirty)
    par__omp.target_memcpy(r->host, r->dev_ptr, r->bytes, 0, 0, par__omp.initial_device(), r->dev);
  par__omp.disassociate(r->host, r->dev);
  par__dev_free(r->dev_ptr, r->bytes, r->dev);
  par__res[i] = par__res[--par__nres];
  atomic_store(&par__nres_pub, par__nres);
}

static void par__res_flush_locked(void) {
  while (par__nres)
    par__res_release(par__nres - 1, true);
}

void par__offload_flush(void) {
  if (!atomic_load(&par__nres_pub)) return;
  pthread_mutex_lock(&par__res_mu);
  par__res_flush_locked();
  pthread_mutex_unlock(&par__res_mu);
}

/* Makes host bytes [host, host + bytes) present on `dev`: reuses an entry
 * that holds them, else writes back and drops entries overlapping them and
 * makes a new one (copied in unless the item is alloc). Returns the entry. */
static par__resident_t *par__res_ensure(char *host, uint64_t bytes, uint32_t kind, int dev,
                                        const parrt_loc_t *loc) {
  for (size_t i = 0; i < par__nres; i++) {
    par__resident_t *r = &par__res[i];
    if (r->dev == dev && !r->drop && host >= r->host && host + bytes <= r->host + r->bytes)
      return r;
  }
  for (size_t i = par__nres; i-- > 0;) {
    par__resident_t *r = &par__res[i];
    if (host < r->host + r->bytes && r->host < host + bytes) par__res_release(i, true);
  }
  if (par__nres == par__capres) {
    size_t cap = par__capres ? 2 * par__capres : 8;
    par__resident_t *p = realloc(par__res, cap * sizeof *p);
    if (!p) par__fatal(loc, "out of memory");
    par__res = p;
    par__capres = cap;
  }
  void *d = par__dev_alloc(bytes, dev);
  if (!d)
    par__fatal(loc, "cannot allocate %llu bytes on OpenMP device %d", (unsigned long long)bytes,
               dev);
  if (kind != PARRT_MAP_ALLOC &&
      par__omp.target_memcpy(d, host, bytes, 0, 0, dev, par__omp.initial_device()) != 0)
    par__fatal(loc, "cannot copy %llu bytes to OpenMP device %d", (unsigned long long)bytes, dev);
  if (par__omp.associate(host, d, bytes, 0, dev) != 0)
    par__fatal(loc, "cannot associate host data with OpenMP device %d", dev);
  par__resident_t *r = &par__res[par__nres++];
  *r = (par__resident_t){.host = host, .bytes = bytes, .dev_ptr = d, .dev = dev};
  atomic_store(&par__nres_pub, par__nres);
  return r;
}

/* The whole loop as one target region in this thread (red and last are the
 * originals, as for a serial run). */
static void par__offload_run_device(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args) {
  uint32_t nm = desc->nmaps;
  void **maps = nm ? calloc(nm, sizeof *maps) : NULL;
  parrt_map_extent_t *ext = calloc(nm ? nm : 1, sizeof *ext);
  void **red = desc->nreds ? calloc(desc->nreds, sizeof *red) : NULL;
  void **last = desc->nlasts ? calloc(desc->nlasts, sizeof *last) : NULL;
  if ((nm && !maps) || !ext || (desc->nreds && !red) || (desc->nlasts && !last))
    par__fatal(&desc->loc, "out of memory");
  for (uint32_t j = 0; j < desc->nreds; j++)
    red[j] = args->reds[j].var;
  for (uint32_t j = 0; j < desc->nlasts; j++)
    last[j] = args->lasts[j].var;
  for (uint32_t j = 0; j < nm; j++) {
    maps[j] = args->maps[j].base;
    ext[j] = (parrt_map_extent_t){args->maps[j].lo, args->maps[j].len, args->maps[j].elem_size};
  }
  bool keep_api = par__omp_has_data_api();
  pthread_mutex_lock(&par__res_mu);
  par__resident_t **ent = nm ? calloc(nm, sizeof *ent) : NULL;
  if (nm && !ent) par__fatal(&desc->loc, "out of memory");
  if (keep_api) {
    int dev = par__omp.default_device();
    for (uint32_t j = 0; j < nm; j++) {
      uint64_t bytes = ext[j].len * ext[j].elem_size;
      if (!bytes || !maps[j]) continue;
      char *host = (char *)maps[j] + ext[j].lo * (int64_t)ext[j].elem_size;
      ent[j] = par__res_ensure(host, bytes, desc->maps[j].kind, dev, &desc->loc);
    }
  }
  parrt_chunk_t c = {.k0 = 0,
                     .k1 = args->niters,
                     .niters = args->niters,
                     .env = args->env,
                     .maps = maps,
                     .red = red,
                     .last = last,
                     .ext = ext};
  desc->chunk_target(&c);
  if (keep_api) {
    for (uint32_t j = 0; j < nm; j++) {
      if (!ent[j] || !(desc->maps[j].flags & PARRT_MAP_WRITTEN)) continue;
      if (desc->maps[j].kind == PARRT_MAP_FROM || desc->maps[j].kind == PARRT_MAP_TOFROM)
        ent[j]->dirty = true;
      else
        ent[j]->drop = true;
    }
    if (!(desc->flags & PARRT_LOOP_DEVICE_KEEP)) {
      par__res_flush_locked();
    } else {
      for (size_t i = par__nres; i-- > 0;)
        if (par__res[i].drop) par__res_release(i, false);
    }
  }
  pthread_mutex_unlock(&par__res_mu);
  free(ent);
  free(maps);
  free(ext);
  free(red);
  free(last);
}

/* ---- entry points --------------------------------------------------------- */

static _Thread_local bool par__offload_bypass;

bool par__offload_loop(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                       parrt_group_t *group) {
  if (par__offload_bypass) return false;
  if (desc->device == PARRT_DEV_CPU || par__loop_in_chunk() || args->if_false ||
      par__driver_active()) {
    if (!par__loop_in_chunk()) par__offload_flush();
    return false;
  }
  int nd = desc->chunk_target ? par__offload_ndevices() : 0;
  if (nd == 0) {
    par__offload_no_device(&desc->loc, "loop", desc->name, desc->device,
                           desc->chunk_target != NULL);
    par__offload_flush();
    return false;
  }
  if (args->niters == 0) {
    if (!(desc->flags & PARRT_LOOP_DEVICE_KEEP)) par__offload_flush();
    return true;
  }
  bool dev = desc->device == PARRT_DEV_GPU || par__offload_mandatory() || par__offload_pick(desc);
  uint64_t t0 = par__time_ns();
  if (!dev) {
    par__offload_flush();
    par__offload_bypass = true;
    parrt_loop_run(desc, args, group);
    par__offload_bypass = false;
    if (!(desc->flags & PARRT_LOOP_NOWAIT) || !group)
      par__offload_note(desc, false, par__time_ns() - t0, args->niters);
    return true;
  }
  par__offload_run_device(desc, args);
  par__offload_note(desc, true, par__time_ns() - t0, args->niters);
  return true;
}

static _Thread_local int par__offload_thread_dev = -1;
static pthread_rwlock_t par__offload_chunk_lock = PTHREAD_RWLOCK_INITIALIZER;
static atomic_uint par__offload_next_dev;

void par__offload_call_chunk(const parrt_loop_desc_t *desc, const parrt_chunk_t *c) {
  if (desc->device == PARRT_DEV_CPU || !c->ext) {
    desc->chunk(c);
    return;
  }
  int nd = desc->chunk_target ? par__offload_ndevices() : 0;
  if (nd == 0) {
    par__offload_no_device(&desc->loc, "loop", desc->name, desc->device,
                           desc->chunk_target != NULL);
    desc->chunk(c);
    return;
  }
  bool dev = desc->device == PARRT_DEV_GPU || par__offload_mandatory() || par__offload_pick(desc);
  if (dev && par__offload_thread_dev < 0) {
    /* The threads of a worker with several devices spread over them. */
    par__offload_thread_dev = (int)(atomic_fetch_add(&par__offload_next_dev, 1) % (unsigned)nd);
    if (par__omp.set_default_device) par__omp.set_default_device(par__offload_thread_dev);
  }
  /* Tasks of one loop on a worker share the buffer of a whole (unsliced)
   * array, and a target region copies back every byte it mapped: a device
   * chunk must not overlap another chunk of a device loop, so device
   * chunks run one at a time and host chunks of device loops beside each
   * other but not beside a device chunk. */
  if (dev)
    pthread_rwlock_wrlock(&par__offload_chunk_lock);
  else
    pthread_rwlock_rdlock(&par__offload_chunk_lock);
  uint64_t t0 = par__time_ns();
  (dev ? desc->chunk_target : desc->chunk)(c);
  uint64_t ns = par__time_ns() - t0;
  pthread_rwlock_unlock(&par__offload_chunk_lock);
  par__offload_note(desc, dev, ns, c->k1 - c->k0);
}

uint64_t par__offload_task_blocks(uint64_t run, uint64_t left) {
  uint64_t r = run * PAR__OFFLOAD_GPU_TASK;
  if (r > left) r = left;
  if (r > PAR__WIRE_MAX_BLOCKS) r = PAR__WIRE_MAX_BLOCKS;
  return r > run ? r : run;
}

parrt_fn_body par__offload_fn_body(const parrt_fn_desc_t *desc) {
  if (desc->device == PARRT_DEV_CPU) return desc->body;
  int nd = desc->body_target ? par__offload_ndevices() : 0;
  if (nd == 0) {
    par__offload_no_device(&desc->loc, "function", desc->name, desc->device,
                           desc->body_target != NULL);
    return desc->body;
  }
  return desc->body_target;
}
