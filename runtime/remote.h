/* remote.h: the runtime under parrun: the driver (driver.c) and the workers
 * (worker.c), started before main by start.c (docs/distributed.md).
 *
 * A parcc-linked program's main is wrapped (the link has -Wl,--wrap=main):
 * __wrap_main reads PAR_ROLE. A worker never returns from
 * par__worker_main; the driver admits its workers (par__driver_start) and
 * then runs main, where parrt_loop_run hands loops to par__driver_loop.
 */
#ifndef PAR_RUNTIME_REMOTE_H
#define PAR_RUNTIME_REMOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"
#include "par/abi.h"

/* Driver: listens, tells parrun where, admits PAR_NWORKERS workers and
 * writes `ready`. Returns when all are in; on failure prints why and exits 2. */
void par__driver_start(void);

/* Driver: says bye to the workers and stops the network thread. Idempotent;
 * also registered with atexit by par__driver_start. */
void par__driver_stop(void);

/* Whether this process is a driver with its workers admitted. */
bool par__driver_active(void);

/* Whether a loop can run on the workers (its maps, reductions and
 * lastprivates fit the wire format's limits). */
bool par__driver_can_run(const parrt_loop_desc_t *desc);

/* Loops predicted shorter than this (PAR_REMOTE_MIN_US) run on the driver. */
uint64_t par__driver_min_ns(void);

/* Runs every block of `job` on the workers: `from` data is written into
 * the program's arrays, each block's reduction partials into the job's
 * partials and the lastprivate values into its buffers; the caller then
 * folds them with par__job_complete. Returns the nanoseconds the workers
 * spent in chunk calls. A failure (a worker lost, a task failed) stops the
 * job with exit 2 and a message naming the loop, the worker and its host. */
uint64_t par__driver_loop(par__job_t *job, const parrt_loop_desc_t *desc,
                          const parrt_loop_args_t *args);

/* Worker: connects to the driver, serves its tasks, and exits (0 after the
 * driver's bye, 2 on error). */
_Noreturn void par__worker_main(void);

/* Under parrun: PAR_NWORKERS; else 0. */
int par__node_nworkers(void);

#endif /* PAR_RUNTIME_REMOTE_H */
