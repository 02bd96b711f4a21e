/* registry.c: an open-addressing hash table of loop descriptors by id.
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
static const parrt_loop_desc_t **par__registry_slots; /* capacity entries, power of 2 */
static size_t par__registry_cap, par__registry_len;

static size_t par__registry_hash(uint64_t id) {
  /* Ids are already hashes, but mix them in case a compiler makes them small. */
  id ^= id >> 33;
  id *= 0xff51afd7ed558ccdULL;
  id ^= id >> 33;
  return (size_t)id;
}

/* Index of `id` in slots, or of the empty slot where it would go. */
static size_t par__registry_probe(const parrt_loop_desc_t **slots, size_t cap, uint64_t id) {
  size_t i = par__registry_hash(id) & (cap - 1);
  while (slots[i] && slots[i]->id != id) i = (i + 1) & (cap - 1);
  return i;
}

static par_status_t par__registry_grow(void) {
  size_t cap = par__registry_cap ? par__registry_cap * 2 : 64;
  const parrt_loop_desc_t **slots = calloc(cap, sizeof *slots);
  if (!slots) return PAR_ERR_NO_MEMORY;
  for (size_t i = 0; i < par__registry_cap; i++) {
    const parrt_loop_desc_t *d = par__registry_slots[i];
    if (d) slots[par__registry_probe(slots, cap, d->id)] = d;
  }
  free(par__registry_slots);
  par__registry_slots = slots;
  par__registry_cap = cap;
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
  if ((par__registry_len + 1) * 2 > par__registry_cap) {
    st = par__registry_grow();
    if (st != PAR_OK) {
      snprintf(err, errlen, "cannot register loop '%s': %s", par__registry_name(desc),
               par__status_message(st));
      goto out_unlock;
    }
  }
  size_t i = par__registry_probe(par__registry_slots, par__registry_cap, desc->id);
  const parrt_loop_desc_t *old = par__registry_slots[i];
  if (old == desc) goto out_unlock; /* the same descriptor again: nothing to do */
  if (old) {
    *other = old;
    snprintf(err, errlen,
             "loop '%s' (%s:%d) and loop '%s' (%s:%d) have the same id 0x%016llx; rename one "
             "of the functions or move one loop",
             par__registry_name(desc), desc->loc.file ? desc->loc.file : "?", desc->loc.line,
             par__registry_name(old), old->loc.file ? old->loc.file : "?", old->loc.line,
             (unsigned long long)desc->id);
    st = PAR_ERR_DUPLICATE;
    goto out_unlock;
  }
  par__registry_slots[i] = desc;
  par__registry_len++;
out_unlock:
  pthread_mutex_unlock(&par__registry_mu);
  return st;
}

const parrt_loop_desc_t *par__registry_find(uint64_t id) {
  const parrt_loop_desc_t *d = NULL;
  pthread_mutex_lock(&par__registry_mu);
  if (par__registry_cap) d = par__registry_slots[par__registry_probe(par__registry_slots, par__registry_cap, id)];
  pthread_mutex_unlock(&par__registry_mu);
  return d;
}

size_t par__registry_count(void) {
  pthread_mutex_lock(&par__registry_mu);
  size_t n = par__registry_len;
  pthread_mutex_unlock(&par__registry_mu);
  return n;
}
