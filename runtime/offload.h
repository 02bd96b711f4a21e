/* offload.h: running device(gpu|any) loops and functions on an OpenMP device.
 *
 * libparrt is not built with OpenMP: it finds the OpenMP runtime's entry
 * points (omp_get_num_devices, omp_target_alloc, ...) with dlsym in the
 * program, so a program without device loops needs neither libomp nor
 * libomptarget. What runs where, and when data stays on the device, is
 * docs/offload.md.
 */
#ifndef PAR_RUNTIME_OFFLOAD_H
#define PAR_RUNTIME_OFFLOAD_H

#include <stdbool.h>

#include "par/abi.h"

/* OpenMP devices this process can use (omp_get_num_devices(); 0 when the
 * program has no OpenMP runtime). Cached after the first call. */
int par__offload_ndevices(void);

/* Called by parrt_loop_run before anything else. For a device loop that
 * should run on the device in this process, runs it there (the whole loop
 * in the calling thread, data kept on the device as docs/offload.md says)
 * and returns true. Otherwise returns false after writing back data that an
 * earlier device loop left on the device (a host loop may read it). */
bool par__offload_loop(const parrt_loop_desc_t *desc, const parrt_loop_args_t *args,
                       parrt_group_t *group);

/* Runs one chunk with the variant this process picks for the loop (a parrun
 * worker, or a chunk called from the pool): the target variant when there
 * is a device and c->ext is set, else the host one. */
void par__offload_call_chunk(const parrt_loop_desc_t *desc, const parrt_chunk_t *c);

/* The body a function task runs here: body_target on a device, else body. */
parrt_fn_body par__offload_fn_body(const parrt_fn_desc_t *desc);

/* The driver's task size, in blocks, for a worker with a GPU and a device
 * loop: `run` (what a CPU worker gets) times PAR__OFFLOAD_GPU_TASK, at most
 * `left` and the wire's limit. */
uint64_t par__offload_task_blocks(uint64_t run, uint64_t left);

/* Writes back and releases everything kept on the device (at exit). */
void par__offload_flush(void);

#endif /* PAR_RUNTIME_OFFLOAD_H */
