/* shm.h: the driver's large arrays in shared memory, for workers on its host.
 *
 * Under parrun, a worker on the driver's host would otherwise receive a
 * copy of every array a loop maps and send back what it wrote: two memory
 * passes per execution that OpenMP's threads never make, and the whole
 * cost of a memory-bound loop. Instead, once the driver has admitted a
 * worker that runs on its own machine (same pid namespace, same binary
 * file: par__shm_same_machine), the driver's large heap allocations
 * (malloc and friends of at least PAR_SHM_MIN bytes, runtime/shm_alloc.c)
 * are made in memfd-backed shared memory. A loop's mapped item that lies
 * in such a segment travels as a reference (segment id, the driver's fd
 * number, byte offset); the worker maps the segment through
 * /proc/<driver pid>/fd/<fd> (checking the memfd's name) and its chunks
 * read and write the driver's array in place. docs/distributed.md, "Shared
 * memory on one host", says what this changes for users.
 *
 * Segments live in one reserved range of address space, so that free()
 * tells ours from the C library's by one comparison. A freed segment's
 * file is truncated at once, so its memory is released even while workers
 * still map it; workers drop their mappings of segments no instance uses
 * beyond PAR__SHM_WORKER_CACHE of them.
 */
#ifndef PAR_RUNTIME_SHM_H
#define PAR_RUNTIME_SHM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a driver's address lies: segment id (>= 1), the driver's fd of the
 * segment's memfd, and the byte offset in the segment. */
typedef struct par__shm_ref {
  uint64_t id;
  uint32_t fd;
  uint64_t off;
} par__shm_ref_t;

/* ---- driver -------------------------------------------------------------- */

/* Large allocations go to shared memory from now on (the driver, once a
 * worker on its host is admitted), unless PAR_SHM=0. `min_bytes` is
 * PAR_SHM_MIN. Idempotent; returns whether it is on. */
bool par__shm_enable(uint64_t min_bytes);

/* Whether process `pid` runs the same binary file in this pid namespace
 * on this machine (what makes /proc/<our pid>/fd reachable to it). */
bool par__shm_same_machine(uint32_t pid);

/* Whether [p, p + len) lies inside one live segment; *out on success. */
bool par__shm_find(const void *p, uint64_t len, par__shm_ref_t *out);

/* For the interposed allocator (shm_alloc.c): NULL when not enabled, when
 * `size` is below the threshold, or when no segment can be made (the
 * caller then uses the C library). `align` is a power of two. */
void *par__shm_alloc(size_t size, size_t align, bool zero);
/* Whether p came from par__shm_alloc (one comparison, no lock). */
bool par__shm_owns(const void *p);
/* Frees a segment of par__shm_alloc; its usable size. */
void par__shm_free(void *p);
size_t par__shm_size(const void *p);

/* Only the program's own allocations are shared: the runtime's (message
 * buffers, reduction partials, UCX's and msgpack's on the network thread)
 * would pay a memfd and its page faults each. A thread the runtime starts
 * calls par__shm_exclude_thread once; runtime entry points on a program
 * thread bracket their work with par__shm_enter / par__shm_leave (nested
 * calls are fine; allocations in a chunk run there are not shared either). */
extern _Thread_local unsigned par__shm_busy;
static inline void par__shm_exclude_thread(void) { par__shm_busy = 1u << 30; }
static inline void par__shm_enter(void) { par__shm_busy++; }
static inline void par__shm_leave(void) { par__shm_busy--; }

/* ---- worker -------------------------------------------------------------- */

/* Maps the driver's segment `ref` (driver pid `pid`) and returns the
 * address of byte ref->off, checking that [off, off + len) lies inside it.
 * Each call takes a reference on the mapping that par__shm_release drops.
 * On failure returns NULL with a reason in err. */
void *par__shm_attach(uint32_t pid, const par__shm_ref_t *ref, uint64_t len, char *err,
                      size_t errlen);
void par__shm_release(uint64_t id);

#endif /* PAR_RUNTIME_SHM_H */
