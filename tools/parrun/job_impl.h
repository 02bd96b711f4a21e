/* job_impl.h: what job.c (the job's life) and start.c (starting its
 * processes) share. Private to parrun's job module; see job.h. */
#ifndef PRUN_JOB_IMPL_H
#define PRUN_JOB_IMPL_H

#include "args.h"
#include "control.h"
#include "io.h"

#include <stdint.h>
#include <sys/types.h>

/* After the driver ends, workers get this long to end by themselves (they
 * were told `bye`) before SIGTERM. */
#define PRUN_GRACE_MS 500
/* SIGTERM, then SIGKILL this much later. */
#define PRUN_TERM_KILL_MS 2000
/* After SIGKILL, a child not reaped in this time is given up on. */
#define PRUN_REAP_GIVEUP_MS 2000
/* After the last child is reaped, output still coming (from grandchildren
 * that hold a pipe) is read for at most this long. */
#define PRUN_DRAIN_MS 1000

typedef enum proc_kind {
  PROC_DRIVER,
  PROC_WORKER, /* one rank: a local worker, or its launcher (ssh, template) */
  PROC_STEP,   /* several ranks: the srun step */
} proc_kind_t;

typedef struct proc {
  proc_kind_t kind;
  pid_t pid;
  int running;          /* started and not reaped */
  int status;           /* wait status, once reaped */
  long rank_lo, rank_hi;
  const char *host;     /* for messages */
  const char *via;      /* the launcher program, NULL for a local child */
  int own_group;        /* leads its own process group */
  prun_stream_t out, err;
} proc_t;

typedef enum phase { PH_STARTING, PH_CONNECTING, PH_RUNNING, PH_ENDING } phase_t;

typedef struct job {
  const prun_opts_t *o;
  const char *program;     /* absolute */
  const char *local_host;
  const char *token;       /* PAR_TOKEN */
  const char *job_id;      /* PAR_JOB */
  const char *listen;      /* PAR_LISTEN */
  const char *driver_addr; /* PAR_DRIVER, once the driver listens */
  prun_control_t ctl;
  proc_t *procs;           /* procs[0] is the driver */
  int nprocs;
  char *admitted;          /* [rank], 1..nworkers */
  long nadmitted;
  phase_t phase;
  int64_t t0, t_launch;
  int64_t phase_deadline;  /* STARTING, CONNECTING: 0 none */
  int64_t job_deadline;    /* --timeout: 0 none */
  int64_t term_at, kill_at, giveup_at; /* ENDING: 0 once done */
  int stop_driver;         /* ENDING: the driver is stopped too */
  int failed;              /* exit 2 */
  int exit_code;           /* the driver's, once it ended */
  int own_signal;          /* a signal parrun got (dies of it at the end) */
} job_t;

/* "worker 3" or "workers 1-4". Kept string. */
const char *prun_ranks_text(long lo, long hi);

/* Starts the driver with its end of a new control channel (j->ctl). Returns
 * 0, or -1 after printing why. */
int prun_job_start_driver(job_t *j);

/* Starts every worker (or the one srun step) with PAR_DRIVER =
 * j->driver_addr. Returns 0, or -1 after printing why (some may have
 * started: they are in j->procs). */
int prun_job_start_workers(job_t *j);

#endif /* PRUN_JOB_IMPL_H */
