/* gpus.h: --gpus-per-worker, the devices each worker may use. */
#ifndef PRUN_GPUS_H
#define PRUN_GPUS_H

#include "args.h"
#include "tool.h"

/* Appends CUDA_VISIBLE_DEVICES and ROCR_VISIBLE_DEVICES for worker rank `r`
 * (1..nworkers) to `vars`: the i-th worker on its host (in rank order) gets
 * devices i*K .. i*K+K-1, K = o->gpus_per_worker (> 0). Under the Slurm
 * launcher the same is computed on the node from SLURM_LOCALID (launch.c). */
void prun_gpu_vars(const prun_opts_t *o, long r, tool_argv_t *vars);

#endif /* PRUN_GPUS_H */
