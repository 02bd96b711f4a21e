/* node.h: what a process started by parrun knows about its job, and what
 * the driver and the workers share (docs/distributed.md).
 *
 * parrun gives every process its role and rank, the job token, and either
 * the address to listen on (the driver) or the driver's address (workers),
 * through PAR_* variables. par__node_load reads and checks them once.
 */
#ifndef PAR_RUNTIME_NODE_H
#define PAR_RUNTIME_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "status.h"

#define PAR__NODE_HOST_MAX 256

typedef struct par__node {
  par__role_t role;                 /* driver or worker (never standalone here) */
  int rank;                         /* 0 for the driver, 1..nworkers */
  uint32_t nworkers;                /* PAR_NWORKERS */
  char token[33];                   /* PAR_TOKEN: 32 lowercase hex digits */
  char job[128];                    /* PAR_JOB, for messages */
  char host[PAR__NODE_HOST_MAX];    /* PAR_HOST, else gethostname() */
  int control_fd;                   /* driver: PAR_CONTROL_FD, else -1 */
  char listen[PAR__NODE_HOST_MAX];  /* driver: host part of PAR_LISTEN ("" = any) */
  uint16_t listen_port;             /* driver: port of PAR_LISTEN (0 = any) */
  char driver[PAR__NODE_HOST_MAX];  /* workers: host of PAR_DRIVER */
  uint16_t driver_port;             /* workers: port of PAR_DRIVER */
  double connect_timeout;           /* PAR_CONNECT_TIMEOUT seconds (default 30) */
  uint32_t threads;                 /* workers: compute threads (see par__node_load) */
  uint64_t poll_ns;                 /* PAR_POLL_US: poll this long for the next message */
  uint32_t inflight;                /* driver: PAR_INFLIGHT, 1..64 (0: unset, its defaults) */
  uint32_t bound;                   /* workers: CPUs it bound itself to (0: not bound) */
} par__node_t;

/* PAR_POLL_US when unset: how long a worker that has sent its results, and
 * the driver once a loop is done, poll for the next message (yielding the
 * CPU between polls) before they sleep. */
#define PAR__NODE_POLL_US_DEFAULT 300u

/* Reads the job's variables for a process whose PAR_ROLE is driver or
 * worker. On error returns PAR_ERR_CONFIG with a message naming the variable
 * in err[0..errlen).
 *
 * A worker's compute threads: PAR_WORKERS when it is set; else
 * SLURM_CPUS_PER_TASK under Slurm; else the CPUs this process may run on
 * divided by PAR_LOCAL_WORKERS (the workers parrun started on this host),
 * at least 1. A worker started by parrun's local, ssh or template launcher
 * binds itself to its slice of those CPUs (PAR_LOCAL_RANK; PAR_BIND=none:
 * not), when there are at least as many CPUs as workers on the host. */
par_status_t par__node_load(par__node_t *node, char *err, size_t errlen);

/* The build id of this program: the GNU build-id note of the executable
 * when it has one, else a SHA-256 of /proc/self/exe. Computed once; the
 * bytes are static. NULL (with *len 0) only if neither can be had. */
const unsigned char *par__node_build_id(size_t *len);

/* Whether two NUL-terminated tokens are equal, in time that depends only on
 * their lengths. */
bool par__node_token_equal(const char *a, const char *b);

/* Writes one line (a newline is added) to parrun's control socket, with one
 * write. Does nothing when fd < 0. Errors are ignored: parrun has gone. */
void par__node_control(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The job's UCX transports, before the driver or a worker starts UCX: when
 * UCX_TLS is not set, every transport but UCX's shared-memory queues (sysv,
 * posix), "^sysv,posix". A process killed while it writes into such a queue
 * can block it for good (docs/fault-tolerance.md), which would turn a
 * survivable worker death into a stopped job; on one host the big arrays do
 * not travel anyway (they are shared in place, shm.h), and TCP and cma
 * carry the rest. UCX_TLS set by the user is kept. Call before any thread
 * that reads the environment starts. */
void par__node_ucx_defaults(void);

/* "SIGKILL" for 9; "signal N" for others. Static or in buf. */
const char *par__node_signal_name(int sig, char *buf, size_t len);

#endif /* PAR_RUNTIME_NODE_H */
