/* job.h: one parrun job, from starting the driver to the last reaped
 * worker.
 *
 * The job goes through four phases:
 *
 *   STARTING    the driver runs; parrun waits for its `listen` line (at most
 *               the connect timeout);
 *   CONNECTING  the workers were launched; parrun waits for `ready` (at most
 *               the connect timeout). Any worker that ends, or that the
 *               driver reports lost, fails the job here: never fewer workers;
 *   RUNNING     main runs. A worker that ends is reported to the driver
 *               (`exited`), and on stderr when it failed; the driver decides
 *               what that means (its tasks may be retried elsewhere);
 *   ENDING      the driver ended, or the job failed, timed out or parrun got
 *               a signal: every process still running is stopped (SIGTERM,
 *               SIGKILL 2 s later) and reaped, the output drained.
 *
 * Everything happens in one poll loop over the self-pipe that signals
 * (SIGCHLD, SIGINT...) write to, the control socket and every child's stdout
 * and stderr. Every wait has a deadline or ends when a child does.
 */
#ifndef PRUN_JOB_H
#define PRUN_JOB_H

#include "args.h"

/* Runs the job the options describe (resolved by prun_args_resolve) and
 * returns parrun's exit status: the driver's (128+N when a signal N killed
 * it), or 2 when the job failed. When parrun itself got SIGINT, SIGTERM,
 * SIGHUP or SIGQUIT, it stops the job and dies of the same signal. */
int prun_job_run(const prun_opts_t *o, const char *program_abs, const char *local_host);

#endif /* PRUN_JOB_H */
