/* registry.h: every loop descriptor of the program, by id.
 *
 * Generated code registers each parrt_loop_desc_t from a constructor
 * (parrt_register_loop). Ids are stable hashes of the loop's source position,
 * so the driver and the workers of one binary agree on them; a worker finds
 * the chunk function of a task by its id here.
 */
#ifndef PAR_RUNTIME_REGISTRY_H
#define PAR_RUNTIME_REGISTRY_H

#include <stdint.h>

#include "par/abi.h"
#include "status.h"

/* An open-addressing table of pointers by 64-bit id (loop descriptors here;
 * function descriptors and spawn sites in fn.c). Zero-initialize; the
 * caller locks. */
typedef struct par__idtable {
  uint64_t *ids;
  const void **ptrs; /* NULL: empty slot */
  size_t cap, len;   /* cap: a power of 2, or 0 */
} par__idtable_t;

/* The pointer stored under id, or NULL. */
const void *par__idtable_find(const par__idtable_t *t, uint64_t id);

/* Stores ptr under id unless the id is taken; *have is then what has it
 * (ptr itself when added or already there). PAR_ERR_NO_MEMORY if the table
 * cannot grow. */
par_status_t par__idtable_add(par__idtable_t *t, uint64_t id, const void *ptr, const void **have);

/* Checks `desc` (ABI version, struct size, clause values, reduction op and
 * type) and adds it. Returns PAR_ERR_ABI or PAR_ERR_INVALID for a bad
 * descriptor, PAR_ERR_DUPLICATE (with *other set to the descriptor already
 * registered) for an id already taken by another descriptor, and PAR_OK when
 * the same descriptor is registered twice. On error a message naming the
 * loop is in err[0..errlen). `desc` is borrowed for the life of the process. */
par_status_t par__registry_add(const parrt_loop_desc_t *desc, const parrt_loop_desc_t **other,
                               char *err, size_t errlen);

/* The descriptor registered under `id`, or NULL. */
const parrt_loop_desc_t *par__registry_find(uint64_t id);

/* How many descriptors are registered. */
size_t par__registry_count(void);

/* Checks a descriptor as par__registry_add does, without adding it. */
par_status_t par__registry_check(const parrt_loop_desc_t *desc, char *err, size_t errlen);

#endif /* PAR_RUNTIME_REGISTRY_H */
