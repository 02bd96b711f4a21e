/* registry.c: an open-addressing hash table of pointers by id
 * (par__idtable_t), and the table of loop descriptors built on it.
 *
 * Registration happens from constructors (before main, one thread) but may
 * also come from a dlopen'ed library later, so the table has a lock.
 */
#include "internal.h"

#include "registry.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "reduce.h"

static pthread_mutex_t par__registry_mu = PTHREAD_MUTEX_INITIALIZER;
static par__idtable_t par__registry_loops;

static size_t par__idtable_hash(uint64_t id) {
  /* Ids are already hashes, but mix them in case a compiler makes them small. */
  id ^= id >> 33;
  id *= 0xff51afd7ed558ccdULL;
  id ^= id >> 33;
  return (size_t)id;
}

/* Index of `id` in the slots, or of the empty slot where it would go. */
static size_t par__idtable_probe(const uint64_t *ids, const void **ptrs, size_t cap, uint64_t id) {
  size_t i = par__idtable_hash(id) & (cap - 1);
  while (ptrs[i] && ids[i] != id) i = (i + 1) & (cap - 1);
  return i;
}

const void *par__idtable_find(const par__idtable_t *t, uint64_t id) {
  if (!t->cap) return NULL;
  return t->ptrs[par__idtable_probe(t->ids, t->ptrs, t->cap, id)];
}

par_status_t par__idtable_add(par__idtable_t *t, uint64_t id, const void *ptr, const void **have) {
  if ((t->len + 1) * 2 > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 64;
    uint64_t *ids = calloc(cap, sizeof *ids);
    const void **ptrs = calloc(cap, sizeof *ptrs);
    if (!ids || !ptrs) {
      free(ids);
      free(ptrs);
      return PAR_ERR_NO_MEMORY;
    }
    for (size_t i = 0; i < t->cap; i++) {
      if (!t->ptrs[i]) continue;
      size_t k = par__idtable_probe(ids, ptrs, cap, t->ids[i]);
      ids[k] = t->ids[i];
      ptrs[k] = t->ptrs[i];
    }
    free(t->ids);
    free(t->ptrs);
    t->ids = ids;
    t->ptrs = ptrs;
    t->cap = cap;
  }
  size_t i = par__idtable_probe(t->ids, t->ptrs, t->cap, id);
  if (!t->ptrs[i]) {
    t->ids[i] = id;
    t->ptrs[i] = ptr;
    t->len++;
  }
  *have = t->ptrs[i];
  return PAR_OK;
}

static const char *par__registry_name(const parrt_loop_desc_t *desc) {
  return desc->name ? desc->name : "(unnamed loop)";
}

par_status_t par__registry_check(const parrt_loop_desc_t *desc, char *err, size_t errlen) {
  if (!desc) {
    snprintf(err, errlen, "NULL loop descriptor");
    return PAR_ERR_INVALID;
  }
  if (desc->abi_version != PARRT_ABI_VERSION || desc->struct_size != sizeof(parrt_loop_desc_t)) {
    snprintf(err, errlen,
             "loop '%s' was compiled for runtime ABI %u (descriptor of %u bytes), but this "
             "runtime has ABI %d (%zu bytes): rebuild it with this parcc",
             par__registry_name(desc), desc->abi_version, desc->struct_size, PARRT_ABI_VERSION,
             sizeof(parrt_loop_desc_t));
    return PAR_ERR_ABI;
  }
  if (!desc->chunk) {
    snprintf(err, errlen, "loop '%s' has no chunk function", par__registry_name(desc));
    return PAR_ERR_INVALID;
  }
  if (desc->schedule > PARRT_SCHED_GUIDED || desc->device > PARRT_DEV_ANY) {
    snprintf(err, errlen, "loop '%s' has an unknown schedule (%u) or device (%u)",
             par__registry_name(desc), desc->schedule, desc->device);
    return PAR_ERR_INVALID;
  }
  if ((desc->nmaps && !desc->maps) || (desc->nreds && !desc->reds) ||
      (desc->nlasts && !desc->lasts)) {
    snprintf(err, errlen, "loop '%s' has items without their descriptions",
             par__registry_name(desc));
    return PAR_ERR_INVALID;
  }
  for (uint32_t j = 0; j < desc->nreds; j++) {
    const parrt_red_desc_t *r = &desc->reds[j];
    if (!par__red_valid(r->op, r->type)) {
      snprintf(err, errlen, "loop '%s': reduction '%s' has operator %s on type %s, which is not "
               "a valid reduction",
               par__registry_name(desc), r->name ? r->name : "?", par__red_op_name(r->op),
               par__red_type_name(r->type));
      return PAR_ERR_INVALID;
    }
  }
  return PAR_OK;
}

par_status_t par__registry_add(const parrt_loop_desc_t *desc, const parrt_loop_desc_t **other,
                               char *err, size_t errlen) {
  par_status_t st = par__registry_check(desc, err, errlen);
  if (st != PAR_OK) return st;
  pthread_mutex_lock(&par__registry_mu);
  const void *have;
  st = par__idtable_add(&par__registry_loops, desc->id, desc, &have);
  if (st != PAR_OK) {
    snprintf(err, errlen, "cannot register loop '%s': %s", par__registry_name(desc),
             par__status_message(st));
    goto out_unlock;
  }
  const parrt_loop_desc_t *old = have;
  if (old != desc) {
    *other = old;
    snprintf(err, errlen,
             "loop '%s' (%s:%d) and loop '%s' (%s:%d) have the same id 0x%016llx; rename one "
             "of the functions or move one loop",
             par__registry_name(desc), desc->loc.file ? desc->loc.file : "?", desc->loc.line,
             par__registry_name(old), old->loc.file ? old->loc.file : "?", old->loc.line,
             (unsigned long long)desc->id);
    st = PAR_ERR_DUPLICATE;
  }
out_unlock:
  pthread_mutex_unlock(&par__registry_mu);
  return st;
}

const parrt_loop_desc_t *par__registry_find(uint64_t id) {
  pthread_mutex_lock(&par__registry_mu);
  const parrt_loop_desc_t *d = par__idtable_find(&par__registry_loops, id);
  pthread_mutex_unlock(&par__registry_mu);
  return d;
}

size_t par__registry_count(void) {
  pthread_mutex_lock(&par__registry_mu);
  size_t n = par__registry_loops.len;
  pthread_mutex_unlock(&par__registry_mu);
  return n;
}
