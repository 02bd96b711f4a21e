/* gpus.c: --gpus-per-worker K gives each worker its own K GPUs.
 *
 * Workers on one host split its devices in rank order: the i-th worker of
 * a host (i from 0) sees devices i*K .. i*K+K-1, through the variables the
 * CUDA and ROCm runtimes read (CUDA_VISIBLE_DEVICES, ROCR_VISIBLE_DEVICES),
 * so that each worker's OpenMP runtime finds only its own (docs/offload.md).
 * parrun does not check that the host has that many devices: a worker that
 * finds none runs device loops on its CPU and says so (or fails under
 * OMP_TARGET_OFFLOAD=MANDATORY).
 */
#include "gpus.h"

#include <stdio.h>
#include <string.h>

void prun_gpu_vars(const prun_opts_t *o, long r, tool_argv_t *vars) {
  const char *host = o->worker_host[r];
  long index = 0;
  for (long q = 1; q < r; q++)
    index += strcmp(o->worker_host[q], host) == 0;
  char list[1024] = "";
  size_t n = 0;
  for (long k = 0; k < o->gpus_per_worker && n < sizeof list - 24; k++)
    n += (size_t)snprintf(list + n, sizeof list - n, "%s%ld", k ? "," : "",
                          index * o->gpus_per_worker + k);
  tool_argv_push(vars, tool_fmt("CUDA_VISIBLE_DEVICES=%s", list));
  tool_argv_push(vars, tool_fmt("ROCR_VISIBLE_DEVICES=%s", list));
}
