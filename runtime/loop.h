/* loop.h: internals of loop execution shared with other runtime modules and
 * the unit tests. The contract of a loop execution is at the top of loop.c. */
#ifndef PAR_RUNTIME_LOOP_H
#define PAR_RUNTIME_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "par/abi.h"

/* The block partition of a loop (loop.c, point 3): *nblocks blocks, each of
 * *bsize iterations (the last one shorter), or of near-equal sizes
 * [b*niters/nblocks, (b+1)*niters/nblocks) when *bsize is 0. `stride` is the
 * bytes of one block's reduction partials (0 without reductions). Depends on
 * nothing else: the driver, the workers and the tests agree on it. */
void par__loop_partition(uint64_t niters, uint32_t schedule, int64_t sched_chunk, uint64_t stride,
                         uint64_t *nblocks, uint64_t *bsize);

/* Whether the calling thread is inside a chunk function. */
bool par__loop_in_chunk(void);

/* parrt_fatal with a printf format. */
_Noreturn void par__fatal(const parrt_loc_t *loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* PAR_RUNTIME_LOOP_H */
