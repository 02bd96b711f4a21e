/* cache.h: the on-disk chunk cache of loops with a `cache` clause (SPEC 2.1;
 * docs/cache.md). The logic is in cache.c; loop.c and driver.c call it at
 * three points of a loop execution:
 *
 *   par__cache_loop_open   before any block runs: hashes the inputs, looks
 *                          every block up, puts the outputs of the blocks
 *                          found in place and marks them in job->skip;
 *   par__cache_loop_store  after blocks [b0, b1) have run and their outputs
 *                          are in place (the arrays, job->data's partials,
 *                          the lastprivate buffers): writes their entries;
 *                          any thread, concurrently for distinct blocks;
 *   par__cache_loop_close  after every block has run: writes what could only
 *                          be written at the end, logs the counts, frees.
 *
 * An entry is one block of the loop's fixed partition (loop.c, point 3), so
 * the keys do not depend on the worker count or on timing. A loop that
 * writes a mapped array it does not slice (its writes cannot be told apart
 * per block) has one entry for the whole execution instead.
 */
#ifndef PAR_RUNTIME_CACHE_H
#define PAR_RUNTIME_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loop.h"
#include "par/abi.h"

#define PAR__CACHE_VERSION 1u       /* file format and key layout */
#define PAR__CACHE_HEADER_BYTES 72u /* see cache.c, "files" */

typedef struct par__cache_loop par__cache_loop_t;

/* The key of an entry: kind ('L' loop block, 'F' function call), the loop
 * or function id, the block's iterations (0, 0 for a call) and the input
 * hash. */
typedef struct par__cache_key {
  uint32_t kind;
  uint64_t id, k0, k1;
  uint64_t hash[2];
} par__cache_key_t;

/* Opens the cache for one execution of `desc` (PARRT_LOOP_CACHE) whose job
 * is `job` (made by par__job_create, no block run yet). Sets job->skip
 * (nblocks flags, 1: taken from the cache), job->nskip and job->cache.
 * Returns NULL (job untouched, a warning logged) when the cache directory
 * cannot be made: the loop then runs uncached. */
par__cache_loop_t *par__cache_loop_open(par__job_t *job, const parrt_loop_desc_t *desc,
                                        const parrt_loop_args_t *args);

/* Blocks [b0, b1) of the job have run (those not skipped): stores them. */
void par__cache_loop_store(par__cache_loop_t *c, uint64_t b0, uint64_t b1);

/* Every block has run: stores a whole-execution entry if that is the
 * granularity, logs `cache: loop ...: N chunks, H from cache, M computed, S stored (DIR/LID)`
 * at info level, frees `c` and job->skip. NULL is ignored. */
void par__cache_loop_close(par__cache_loop_t *c);

/* ---- distributed functions ---------------------------------------------
 *
 * A call of a function with `cache` (fn.c): one entry per distinct call,
 * keyed by kind 'F', the function's id and a hash of its parameters (each
 * by its own bytes, padding left out; a mapped pointer by its data, never
 * its address: the `to`/`tofrom` items' bytes, the extents of all). The
 * payload is the result, then every from/tofrom item's bytes after the
 * call. */

/* Looks the call up: on a hit writes the result at `ret` (desc->ret_size
 * bytes; the caller passes a buffer) and the from/tofrom data, and returns
 * true. Either way fills *key for par__cache_fn_store. */
bool par__cache_fn_lookup(const parrt_fn_desc_t *desc, const void *args, const parrt_map_t *maps,
                          void *ret, par__cache_key_t *key);

/* Stores the call's outputs (after it ran) under *key. */
void par__cache_fn_store(const parrt_fn_desc_t *desc, const parrt_map_t *maps, const void *ret,
                         const par__cache_key_t *key);

/* ---- pieces, exposed for test_cache.c ---------------------------------- */

/* A 128-bit non-cryptographic hash, fed piece by piece. Each update is
 * framed by its length, so ("ab", "c") and ("a", "bc") differ. */
typedef struct par__hash {
  uint64_t v[4]; /* lanes */
  uint64_t n;    /* words so far */
} par__hash_t;

void par__hash_init(par__hash_t *h, uint64_t seed);
void par__hash_update(par__hash_t *h, const void *p, size_t len);
void par__hash_u64(par__hash_t *h, uint64_t v);
void par__hash_final(const par__hash_t *h, uint64_t out[2]);

/* The entry's file: <dir>/<kind><id as 16 hex>/<k0>-<k1>-<hash as 32 hex>. */
void par__cache_path(const char *dir, const par__cache_key_t *key, char *buf, size_t len);

/* Writes an entry (header + payload) atomically: a temporary file in the
 * same directory, renamed over the entry's name. Makes the directories.
 * Returns 0, or -1 with errno set. */
int par__cache_write(const char *dir, const par__cache_key_t *key, const void *payload, size_t len);

/* Reads the entry of `key`, which must hold exactly `len` payload bytes,
 * into `payload`. Returns 1 when found and valid, 0 when there is none, -1
 * when a file is there but is not a valid entry for the key (bad magic,
 * version, key, size or checksum): `why` says which, for a warning. */
int par__cache_read(const char *dir, const par__cache_key_t *key, void *payload, size_t len,
                    char *why, size_t why_len);

/* The directory of a descriptor's cache(dir), else PAR_CACHE_DIR. */
const char *par__cache_dir(const char *clause_dir);

#endif /* PAR_RUNTIME_CACHE_H */
