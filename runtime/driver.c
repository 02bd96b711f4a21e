/* driver.c: rank 0 under parrun: admits the workers and runs loops on them.
 *
 * Threads. The UCX net and everything below belong to whichever thread
 * holds drive_mu and runs par__driver_turn: the network thread ("par-net"),
 * or a program thread waiting for its loop. A thread that runs a loop
 * (parrt_loop_run -> par__driver_loop) queues an instance, takes the net
 * over (the network thread lets go of drive_mu at its next turn and parks)
 * and drives it until the instance is done: the results it receives are
 * written straight into the program's memory, and when the last one is in
 * it returns at once, with no second thread to wake. The network thread
 * stays parked a little while after (PAR__DRIVER_PARK_NS), so that the
 * program's next loop takes the net without a hand-off, then drives again
 * (heartbeats, function calls, a lost worker) until the next loop.
 *
 * Admission (docs/distributed.md, Transport): each accepted connection
 * must send HELLO first; the token (compared in constant time), the build
 * id, the rank (1..N, not admitted yet) and the protocol version are
 * checked, in that order. A refused peer gets REFUSE, is closed, and is
 * reported to parrun (`refused <peer> <reason>`); the job goes on. An
 * admitted one gets WELCOME, both sides switch to address endpoints
 * (shared memory on one host), and parrun hears `admitted <rank>`; when all
 * N are in, `ready`, and main starts.
 *
 * Scheduling (docs/distributed.md, Scheduling across workers). An instance
 * is one execution of a loop. Its blocks are the in-process partition
 * (loop.h), split into one home range per worker, in rank order: a share
 * proportional to its threads in a loop's first execution and under
 * schedule(static), then to its measured speed on the loop (par__dinst_home),
 * so that a worker runs about the same blocks in every execution. A
 * worker's tasks are runs of consecutive blocks
 * from the front of its home range, sized so that a task takes about
 * PAR__DRIVER_LOOP_TASK_NS by the blocks' costs measured in earlier
 * executions (par__dinst_plan), else by the measured time per block (the
 * first tasks are one block); a worker whose range is empty takes from the back of the
 * largest range left, at most half of it. schedule(dynamic|static, n)
 * lists one block per chunk call, guided takes remaining/(2·threads) of
 * the range, static (no n) the whole range. Each
 * worker keeps up to PAR__DRIVER_INFLIGHT tasks per compute thread in
 * flight, so it never waits for the next one. Before its first task of an
 * instance a worker gets LOOP (the firstprivate block) and DATA for every
 * mapped array it needs whole; arrays flagged PARRT_MAP_SLICE travel as
 * each task's slice instead. Results bring back the changed elements of
 * from/tofrom data, each block's partials and the lastprivate values; the
 * caller folds the partials in block order (par__job_complete), so every
 * result is bit-identical to ./app and to any other worker count.
 *
 * Failure (docs/fault-tolerance.md; the section "worker loss" below): a
 * worker whose connection fails, whose process parrun reports ended, that
 * goes silent (heartbeats) or that runs past a timeout(s) is lost: its
 * tasks and calls go back to the queues at once and run on the others.
 * The job stops only when one has been lost more than its retries(n), or
 * no worker is left; the message names the worker, its host, how it ended
 * (signal or status, as parrun reports it; we wait up to
 * PAR__DRIVER_EXIT_WAIT_NS for that line) and the loop or function.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cache.h"
#include "fn.h"
#include "config.h"
#include "log.h"
#include "loop.h"
#include "net.h"
#include "node.h"
#include "obs.h"
#include "offload.h"
#include "remote.h"
#include "shm.h"
#include "wire.h"

#define PAR__DRIVER_TASK_NS 1000000u /* calls: work kept in flight per thread */
/* Loops: target time of one task. Each task costs the driver a wake-up
 * and a message each way (about 60 µs of its CPU on the 2-core VM, taken
 * from the workers when they share its cores); 4 ms measured faster than
 * 1 and 2 ms on nbody, jacobi and mandelbrot under parrun -n 2, and the
 * tail balances by stealing from home ranges. */
#define PAR__DRIVER_LOOP_TASK_NS 4000000u
#define PAR__DRIVER_INFLIGHT 2u               /* tasks in flight per worker thread */
#define PAR__DRIVER_EXIT_WAIT_NS 1000000000u  /* wait for parrun's `exited` line */
#define PAR__DRIVER_MIN_US_DEFAULT 200u       /* PAR_REMOTE_MIN_US */
/* After a loop, the network thread leaves the net alone this long: a
 * program's next loop usually comes within it and takes the net over
 * without waking anyone. */
#define PAR__DRIVER_PARK_NS 2000000u
/* A parked network thread, while a loop's caller drives, looks at the time
 * this often: heartbeats (PAR__DRIVER_HEARTBEAT_MS) and lost workers wait
 * for it after the program's last loop. */
#define PAR__DRIVER_PARK_CHECK_NS 100000000u
#define PAR__DRIVER_MAX_RETIRE 64u
#define PAR__DRIVER_CTL_NS 1000000u        /* parrun's control socket: read at most this often */
#define PAR__DRIVER_LOC_MAX_BLOCKS 4096u   /* loops whose blocks par__dloc_of follows */
#define PAR__DRIVER_BYE_WAIT_NS 200000000u /* workers hanging up at the end */
#define PAR__DRIVER_TASK_BYTES (8u << 20) /* slices a task carries, at most (unless 1 block) */
#define PAR__DRIVER_CALL_DEPTH_MAX 64u    /* calls in flight per worker thread, at most */
#define PAR__DRIVER_SHM_MIN_DEFAULT (1u << 20) /* PAR_SHM_MIN */
#define PAR__DRIVER_RETRIES 2             /* retries(n) when not given */
#define PAR__DRIVER_HEARTBEAT_MS 500u     /* WELCOME.heartbeat_ms */
#define PAR__DRIVER_SILENT_NS 1500000000u /* a worker silent this long is lost */
#define PAR__DRIVER_SHM_STALL_NS 5000000000u /* par__driver_heartbeats */

typedef struct par__dinst par__dinst_t;
typedef struct par__dtask par__dtask_t;
typedef struct par__dworker par__dworker_t;
typedef struct par__dcall par__dcall_t;

/* One call of a distributed function (fn.h) while the driver has it: from
 * submission until it has returned and no chained call on its worker still
 * needs its value there. */
struct par__dcall {
  par__fntask_t *t; /* a reference, dropped when this is freed */
  uint64_t id;      /* the CALL's id */
  int rank;         /* the worker it went to; 0 until sent */
  bool done;        /* its RETURN has been handled */
  bool keep;        /* its worker keeps the result until FORGET */
  uint32_t chained_out; /* calls sent to `rank` taking its value there, not yet returned */
  uint32_t nchained;
  par__dcall_t **chained; /* the srcs this call takes on its worker */
  par__dcall_t *next;     /* the pending list, or its worker's in-flight list */
  uint32_t attempts;      /* workers it was lost on (fault tolerance) */
  uint64_t started_ns;    /* when its worker could start it; 0: not yet */
  uint64_t obs_sent;      /* when sent, with par__obs_on (obs.h) */
};

enum par__dw_state { PAR__DW_HANDSHAKE, PAR__DW_ADMITTED, PAR__DW_LOST, PAR__DW_CLOSED };

struct par__dworker {
  par__net_peer_t *peer;
  enum par__dw_state state;
  int rank; /* 0 until admitted */
  uint32_t threads;
  uint32_t gpus; /* OpenMP devices (HELLO): larger tasks of device loops */
  uint32_t pid;
  bool shm; /* on this machine: mapped items in shared memory are used in place */
  char host[PAR__NODE_HOST_MAX];
  char name[64]; /* the peer's address, for messages */
  uint32_t inflight;
  par__dtask_t *tasks; /* in flight, oldest first */
  uint64_t retire[PAR__DRIVER_MAX_RETIRE];
  uint32_t nretire;
  par__dcall_t *calls; /* calls in flight */
  uint32_t cinflight;   /* how many */
  uint64_t *forget;     /* kept results it may drop, sent as FORGET */
  uint32_t nforget, capforget;
  uint64_t lost_at; /* PAR__DW_LOST: when (par__time_ns) */
  par_status_t lost_status;
  par__dworker_t *next; /* all peers, admitted or not */
  /* fault tolerance (the section "worker loss" below) */
  par__dtask_t *held;      /* results applied, writes not settled yet */
  struct par__dundo *undo; /* bytes its unsettled writes replaced, newest first */
  uint64_t last_recv;      /* when it last sent something */
  char why[160];           /* how it was lost, when the driver decided it */
  char fatal[768];         /* the job cannot go on: the rest of the message */
  char running[512];       /* " while running loop ..." when it was lost */
  bool remote;             /* on another host (par__dw_same_host is false) */
  bool bye;                /* BYE sent: its hang-up is awaited (par__driver_main) */
};

/* Blocks [lo, hi) of an instance. */
typedef struct par__drange {
  uint64_t lo, hi;
} par__drange_t;

typedef struct par__dest par__dest_t; /* estimates and locality of a loop or function */

/* What one worker ran of an instance: its iterations, and when its last
 * result came in. */
typedef struct par__dshare {
  uint64_t iters, end_ns;
  uint64_t last_run; /* blocks of its last task taken (par__dinst_take) */
} par__dshare_t;

struct par__dinst {
  uint64_t id;
  const parrt_loop_desc_t *desc;
  const parrt_loop_args_t *args;
  par__job_t *job;
  par__wire_loop_t wl;
  par__wire_map_t *wmaps;
  par__shm_ref_t *shm;    /* per map: where it lies in shared memory (id 0: it does not) */
  bool shm_rw;            /* some tofrom item is in shared memory: a worker on this
                             host that dies in a task may have written it in place */
  bool whole_out_copied;  /* as whole_out, counting only items not in shared memory
                             (what a worker on this host sends back per batch) */
  par__wire_red_t *wreds;
  uint64_t *wlasts;
  par__drange_t *home; /* per rank: blocks not handed out yet (par__dinst_take) */
  par__dshare_t *share; /* per rank: what it ran of this execution (par__dshare_fold) */
  uint64_t home_at;     /* when the home ranges were made (par__time_ns) */
  bool requeued;        /* a lost worker's tasks ran again */
  par__dest_t *loc;    /* which blocks each worker ran before (par__dloc_of); NULL: unknown */
  uint64_t unassigned; /* blocks in those ranges */
  uint64_t done_blocks;
  uint64_t est_ns; /* per block, 0 until measured */
  uint64_t work_ns;       /* time its workers spent on its tasks so far */
  uint64_t ran_blocks;    /* blocks of the tasks behind work_ns */
  uint64_t ran_iters;     /* their iterations */
  uint64_t partial_bytes; /* packed partials of one block */
  bool combine;           /* par__loop_combine_ok: a RESULT may carry its blocks combined */
  uint64_t slice_bytes;   /* slice bytes per iteration (PARRT_MAP_SLICE items sent) */
  uint64_t last_bytes;    /* packed lastprivate values */
  uint8_t *sent;          /* per rank: LOOP and DATA sent */
  /* completion: set and read under drive_mu (par__driver_loop) */
  atomic_bool done;
  par__dinst_t *next;
  /* fault tolerance */
  par__dtask_t *retry; /* tasks lost with their worker, sent again first */
  bool whole_out;      /* some from/tofrom item travels whole */
  int64_t retries;     /* retries(n), default PAR__DRIVER_RETRIES */
  uint64_t timeout_ns; /* timeout(s); 0: none */
};

struct par__dtask {
  uint64_t id;
  par__dinst_t *inst;
  uint64_t b0, b1; /* blocks */
  par__dtask_t *next;
  uint32_t attempts;   /* workers it was lost on */
  uint8_t fresh;       /* par__dloc_fresh_t: whether its worker ran its blocks before */
  uint64_t started_ns; /* when its worker could start it; 0: not yet */
  uint64_t obs_sent; /* when sent, with par__obs_on (obs.h) */
};

/* One message being sent: freed when the send completes. */
typedef struct par__dmsg {
  par__wire_buf_t buf;
  void *owned; /* a payload copy the message owns (freed when sent), or NULL */
  /* with par__obs_on (obs.h): the loop or function it is for, and when it
   * went to which worker */
  const void *obs_what;
  bool obs_fn;
  int obs_rank;
  uint64_t obs_t0;
} par__dmsg_t;

typedef struct par__driver {
  par__node_t node;
  par__net_t *net;
  pthread_t thread;
  bool thread_started;
  const void *address;
  size_t address_len;
  const unsigned char *build_id;
  size_t build_id_len;

  /* shared with the program's threads, under mu */
  pthread_mutex_t mu;
  pthread_cond_t cv;           /* ready / failed */
  par__dinst_t *submit_head, *submit_tail;
  par__dcall_t *csubmit_head, *csubmit_tail; /* calls, in submission order */
  uint64_t next_call;
  bool ready, stopping;
  atomic_bool active;
  /* Who drives the network (par__driver_turn): the network thread, or a
   * thread waiting in par__driver_loop, which takes it over meanwhile
   * (one wake-up per loop instead of two). Under mu: */
  pthread_cond_t park_cv;   /* the network thread, parked, waits here */
  uint32_t callers;         /* threads in par__driver_loop */
  uint64_t park_until;      /* the network thread stays parked until then */
  bool parked;              /* it is waiting on park_cv */
  pthread_mutex_t drive_mu; /* held by whoever runs par__driver_turn */

  /* the driving thread only (drive_mu) */
  par__dworker_t *peers;
  par__dworker_t **by_rank; /* [nworkers + 1] */
  uint64_t *declined;       /* [nworkers + 1]: the round of par__driver_schedule in
                               which it last took no task */
  uint64_t sched_round;
  uint32_t admitted;
  uint32_t slots; /* sum of admitted workers' threads */
  uint32_t shm_workers; /* admitted with shm */
  bool shm_allowed;     /* PAR_SHM is not 0 */
  par__dinst_t *active_head, *active_tail;
  par__dcall_t *cpend_head, *cpend_tail; /* calls not sent yet */
  uint64_t next_instance, next_task;
  uint32_t rr; /* round-robin start for worker choice */
  char ctl_buf[4096];
  size_t ctl_len;
  uint64_t ctl_read_at;  /* when par__driver_turn last read the control socket */
  char (*exit_info)[64]; /* per rank: parrun's `exited` status, "" if none */
  uint32_t alive;        /* admitted workers not lost */
  uint64_t hb_seq, hb_last; /* heartbeats sent, and when the last round went */
  uint64_t local_lost_at;   /* when a worker on this host was last lost; 0: never */
  uint64_t local_heard;     /* when a worker on this host last sent something */
  char local_lost[320];     /* which */
} par__driver_t;

static par__driver_t par__drv;
static _Atomic(pthread_t) par__drv_thread_id;
static uint64_t par__drv_min_ns = UINT64_MAX;

static void par__dw_requeue(par__dworker_t *w);
static void par__dw_settle(par__dworker_t *w, par__dtask_t *t);
static void par__dw_log_write(par__dworker_t *w, const par__dinst_t *inst, uint64_t task,
                              const par__wire_segment_t *s, const char *payload);
static void par__dinst_forget(par__dinst_t *inst);

/* ---- failing ------------------------------------------------------------ */

_Noreturn static void par__driver_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn static void par__driver_die(const char *fmt, ...) {
  static atomic_flag once = ATOMIC_FLAG_INIT;
  if (atomic_flag_test_and_set(&once))
    for (;;) pause();
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fflush(stdout);
  fprintf(stderr, "par: error: %s\n", msg);
  fflush(stderr);
  _exit(2);
}

static const char *par__loop_label(const parrt_loop_desc_t *d, char *buf, size_t len) {
  snprintf(buf, len, "loop '%s' (%s:%d)", d->name ? d->name : "?", d->loc.file ? d->loc.file : "?",
           (int)d->loc.line);
  return buf;
}

static const char *par__fn_label(const parrt_fn_desc_t *d, char *buf, size_t len) {
  snprintf(buf, len, "function '%s' (%s:%d)", d->name ? d->name : "?",
           d->loc.file ? d->loc.file : "?", (int)d->loc.line);
  return buf;
}

/* ---- sending ------------------------------------------------------------ */

static void par__dmsg_done(par_status_t st, void *arg) {
  (void)st;
  par__dmsg_t *m = arg;
  if (PAR__UNLIKELY(m->obs_t0) && st == PAR_OK)
    par__obs_xfer(m->obs_rank, m->obs_what, m->obs_fn, m->obs_t0,
                  m->buf.hdr_len + m->buf.payload_len);
  par__wire_buf_cleanup(&m->buf);
  free(m->owned);
  free(m);
}

static par__dmsg_t *par__dmsg_new(void) {
  par__dmsg_t *m = calloc(1, sizeof *m);
  if (!m) par__driver_die("out of memory");
  par__wire_buf_init(&m->buf);
  return m;
}

/* Sends m (encoded) to w; takes m. A send to a failed peer is dropped: its
 * failure comes through the error callback. */
static void par__dmsg_send(par__dworker_t *w, par__dmsg_t *m) {
  if (PAR__UNLIKELY(par__obs_on)) m->obs_rank = w->rank, m->obs_t0 = par__obs_now();
  par_status_t st = par__net_send(w->peer, m->buf.hdr, m->buf.hdr_len, m->buf.iov, (int)m->buf.niov,
                                  par__dmsg_done, m);
  if (st != PAR_OK) par__dmsg_done(st, m);
}

static void par__dmsg_encode_fail(const par__dmsg_t *m, const char *what) {
  par__driver_die("cannot encode %s: %s", what, m->buf.diag.text);
}

/* ---- workers ------------------------------------------------------------ */

static const char *par__dw_label(const par__dworker_t *w, char *buf, size_t len) {
  if (w->rank) snprintf(buf, len, "worker %d on host %s", w->rank, w->host);
  else snprintf(buf, len, "peer %s", w->name);
  return buf;
}

static void par__dw_refuse(par__dworker_t *w, const char *reason) {
  par__dmsg_t *m = par__dmsg_new();
  par__wire_refuse_t r = {.reason = reason};
  if (par__wire_encode_refuse(&m->buf, &r) == PAR_OK) par__dmsg_send(w, m);
  else par__dmsg_done(PAR_OK, m);
  PAR__LOG_WARN("refused %s: %s", w->name, reason);
  par__node_control(par__drv.node.control_fd, "refused %s %s", w->name, reason);
  par__net_peer_close(w->peer);
  w->peer = NULL;
  w->state = PAR__DW_CLOSED;
}

/* Whether a worker runs on the driver's host: it connected from a loopback
 * address or from the address the driver listens on. Only then are the
 * endpoints switched to ones made from worker addresses (which gives UCX
 * the chance of shared memory); a worker on another host keeps its first
 * endpoint, over which UCX already chose the network (the switch would only
 * add a second connection between the same two processes). */
static bool par__dw_same_host(const par__dworker_t *w) {
  char ip[sizeof w->name];
  const char *name = w->name;
  if (name[0] == '[') {
    const char *close = strchr(name, ']');
    if (!close) return true;
    snprintf(ip, sizeof ip, "%.*s", (int)(close - name - 1), name + 1);
  } else {
    const char *colon = strrchr(name, ':');
    snprintf(ip, sizeof ip, "%.*s", colon ? (int)(colon - name) : (int)strlen(name), name);
  }
  if (strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0 || strncmp(ip, "::ffff:127.", 11) == 0)
    return true;
  const char *listen = par__drv.node.listen;
  return !*listen || strcmp(listen, ip) == 0;
}

static void par__dw_admit(par__dworker_t *w, const par__wire_hello_t *h) {
  char reason[512];
  par__driver_t *d = &par__drv;
  if (!par__node_token_equal(h->token, d->node.token)) {
    par__dw_refuse(w, "wrong job token");
    return;
  }
  if (h->build_id_len != d->build_id_len || memcmp(h->build_id, d->build_id, d->build_id_len) != 0) {
    snprintf(reason, sizeof reason,
             "rank %u runs a different binary than the driver (build ids differ): start every "
             "rank with the same executable",
             h->rank);
    par__dw_refuse(w, reason);
    return;
  }
  if (h->rank < 1 || h->rank > d->node.nworkers) {
    snprintf(reason, sizeof reason, "rank %u is not in 1..%u", h->rank, d->node.nworkers);
    par__dw_refuse(w, reason);
    return;
  }
  if (d->by_rank[h->rank]) {
    snprintf(reason, sizeof reason, "rank %u is already connected", h->rank);
    par__dw_refuse(w, reason);
    return;
  }
  bool direct = !par__dw_same_host(w);
  par__net_peer_trust(w->peer); /* admitted: its results may be large */
  par__dmsg_t *m = par__dmsg_new();
  par__wire_welcome_t wm = {.address = d->address,
                            .address_len = (uint32_t)d->address_len,
                            .nworkers = d->node.nworkers,
                            .heartbeat_ms = PAR__DRIVER_HEARTBEAT_MS,
                            .direct = direct};
  if (par__wire_encode_welcome(&m->buf, &wm) != PAR_OK) par__dmsg_encode_fail(m, "welcome");
  par__dmsg_send(w, m);
  par_status_t st = direct ? PAR_OK : par__net_peer_upgrade(w->peer, h->address, h->address_len);
  if (st != PAR_OK) {
    PAR__LOG_WARN("%s: cannot reach its worker address: %s", w->name, par__status_message(st));
    par__net_peer_close(w->peer);
    w->peer = NULL;
    w->state = PAR__DW_CLOSED;
    return;
  }
  w->rank = (int)h->rank;
  w->remote = direct;
  w->threads = h->threads ? h->threads : 1;
  w->gpus = h->gpus;
  w->pid = h->pid;
  w->shm = !direct && d->shm_allowed && par__shm_same_machine(h->pid);
  d->shm_workers += w->shm;
  snprintf(w->host, sizeof w->host, "%s", h->host);
  w->state = PAR__DW_ADMITTED;
  d->by_rank[w->rank] = w;
  d->admitted++;
  d->alive++;
  w->last_recv = par__time_ns();
  d->slots += w->threads;
  if (PAR__UNLIKELY(par__obs_on)) par__obs_worker(w->rank, w->host, w->threads);
  char tr[128];
  par__net_peer_transports(w->peer, tr, sizeof tr);
  PAR__LOG_INFO("admitted worker %d (host %s, pid %u, %u threads, %u GPUs) from %s%s%s", w->rank,
                w->host, w->pid, w->threads, w->gpus, w->name, *tr ? ", over " : "", tr);
  par__node_control(d->node.control_fd, "admitted %d", w->rank);
  if (d->admitted == d->node.nworkers) {
    par__node_control(d->node.control_fd, "ready");
    pthread_mutex_lock(&d->mu);
    d->ready = true;
    atomic_store(&d->active, true);
    pthread_cond_broadcast(&d->cv);
    pthread_mutex_unlock(&d->mu);
  }
}

/* The instance a lost worker was working on, for the message. */
static const par__dinst_t *par__dw_current(const par__dworker_t *w) {
  if (w->tasks) return w->tasks->inst;
  return par__drv.active_head;
}

/* What w is running, for messages: " while running loop 'main:31' (app.c:31)"
 * (its oldest task's loop, else its oldest call's function, else the loop
 * the driver runs now), or "". */
static void par__dw_running(const par__dworker_t *w, char *ll, size_t len) {
  char lab[400];
  const par__dinst_t *inst = w->tasks ? w->tasks->inst : w->held ? w->held->inst : NULL;
  if (!inst && !w->calls) inst = par__dw_current(w);
  *ll = 0;
  if (inst)
    snprintf(ll, len, " while running %s", par__loop_label(inst->desc, lab, sizeof lab));
  else if (w->calls)
    snprintf(ll, len, " while running %s", par__fn_label(w->calls->t->desc, lab, sizeof lab));
}

/* A lost worker whose loss the job cannot survive (w->fatal says why:
 * retries spent, or no worker left): the job stops, naming the worker, how
 * it ended and what it was running. */
_Noreturn static void par__driver_lost(par__dworker_t *w, const char *how) {
  char wl[320];
  par__node_control(par__drv.node.control_fd, "lost %d %s", w->rank, how);
  par__driver_die("%s (pid %u) %s%s%s", par__dw_label(w, wl, sizeof wl), w->pid, how, w->running,
                  w->fatal);
}

/* What parrun said about rank r's process, as words for a message. */
static bool par__dw_exit_words(int rank, char *buf, size_t len) {
  const char *s = par__drv.exit_info[rank];
  if (!*s) return false;
  if (strncmp(s, "signal ", 7) == 0) {
    int sig = 0;
    const char *name = s + 7;
    static const struct { const char *n; int v; } sigs[] = {
        {"SIGKILL", 9}, {"SIGSEGV", 11}, {"SIGABRT", 6}, {"SIGTERM", 15}, {"SIGBUS", 7},
        {"SIGFPE", 8},  {"SIGILL", 4},   {"SIGINT", 2},  {"SIGHUP", 1},   {"SIGPIPE", 13}};
    for (size_t i = 0; i < PAR__ARRAY_SIZE(sigs); i++)
      if (strcmp(name, sigs[i].n) == 0) sig = sigs[i].v;
    if (sig) snprintf(buf, len, "was killed by signal %d (%s)", sig, name);
    else snprintf(buf, len, "was killed by %s", name);
  } else if (strncmp(s, "exit ", 5) == 0) {
    snprintf(buf, len, "exited with status %s", s + 5);
  } else {
    snprintf(buf, len, "ended (%s)", s);
  }
  return true;
}

/* A worker is gone (its connection failed, parrun reported its end, it
 * went silent or the driver stopped it): what it had goes back to the
 * queues at once (par__dw_requeue); the message waits in
 * par__driver_check_lost for parrun's word on how it ended. */
static void par__dw_mark_lost(par__dworker_t *w, par_status_t st) {
  if (w->state != PAR__DW_ADMITTED) return;
  w->state = PAR__DW_LOST;
  w->lost_at = par__time_ns();
  w->lost_status = st;
  par__dw_requeue(w);
}

/* Lost workers whose end parrun has reported, or whose wait is over: the
 * job stops if it cannot go on without them, else they are closed with a
 * warning. Also stops a job that has work and no worker left. */
static void par__driver_check_lost(void) {
  par__driver_t *d = &par__drv;
  bool waiting = false;
  for (par__dworker_t *w = d->peers; w; w = w->next) {
    if (w->state != PAR__DW_LOST) continue;
    char how[256];
    bool known = par__dw_exit_words(w->rank, how, sizeof how);
    if (!known && !*w->why && par__time_ns() - w->lost_at <= PAR__DRIVER_EXIT_WAIT_NS) {
      waiting = true;
      continue;
    }
    if (*w->why)
      snprintf(how, sizeof how, "%s", w->why);
    else if (!known)
      snprintf(how, sizeof how, "lost its connection to the driver (%s)",
               par__status_message(w->lost_status));
    if (*w->fatal) par__driver_lost(w, how);
    char wl[320];
    PAR__LOG_WARN("%s (pid %u) %s%s; what it ran goes to the other workers",
                  par__dw_label(w, wl, sizeof wl), w->pid, how, w->running);
    par__node_control(d->node.control_fd, "lost %d %s", w->rank, how);
    if (w->peer) par__net_peer_close(w->peer);
    w->peer = NULL;
    w->state = PAR__DW_CLOSED;
  }
  if (d->ready && !d->alive && !waiting && (d->active_head || d->cpend_head)) {
    char ll[400];
    if (d->active_head)
      par__loop_label(d->active_head->desc, ll, sizeof ll);
    else
      par__fn_label(d->cpend_head->t->desc, ll, sizeof ll);
    par__driver_die("no worker is left to run %s: every worker was lost", ll);
  }
}

/* ---- instances and tasks ------------------------------------------------ */

static void par__dshare_fold(const par__dinst_t *inst);

static void par__dinst_done(par__dinst_t *inst) {
  par__driver_t *d = &par__drv;
  /* unlink from the active list */
  par__dinst_t **pp = &d->active_head, *prev = NULL;
  while (*pp && *pp != inst) prev = *pp, pp = &(*pp)->next;
  if (*pp) {
    *pp = inst->next;
    if (d->active_tail == inst) d->active_tail = prev;
  }
  /* workers that hold its state may drop it */
  for (uint32_t r = 1; r <= d->node.nworkers; r++) {
    par__dworker_t *w = d->by_rank[r];
    if (!w || !inst->sent[r]) continue;
    if (w->nretire < PAR__DRIVER_MAX_RETIRE) w->retire[w->nretire++] = inst->id;
  }
  free(inst->sent);
  inst->sent = NULL;
  par__dshare_fold(inst);
  free(inst->home);
  inst->home = NULL;
  free(inst->share);
  inst->share = NULL;
  par__dinst_forget(inst);
  /* Read by its caller, which drives the net (drive_mu) or waits for it. */
  atomic_store_explicit(&inst->done, true, memory_order_release);
}

/* Whether map j of inst goes to w whole, as DATA: not sliced, not alloc,
 * not empty, not in shared memory with w. */
static bool par__dinst_data_map(const par__dinst_t *inst, const par__dworker_t *w, uint32_t j) {
  const par__wire_map_t *mp = &inst->wmaps[j];
  if ((mp->flags & PARRT_MAP_SLICE) || mp->kind == PARRT_MAP_ALLOC || mp->len == 0) return false;
  return !(w->shm && inst->shm && inst->shm[j].id);
}

/* Whether w needs some whole array of inst as DATA. */
static bool par__dinst_needs_data(const par__dinst_t *inst, const par__dworker_t *w) {
  for (uint32_t j = 0; j < inst->wl.nmaps; j++)
    if (par__dinst_data_map(inst, w, j)) return true;
  return false;
}

/* LOOP and whole-array DATA of an instance to a worker, once, in m (new,
 * or holding the payload of `task`, which the LOOP then carries: only when
 * no DATA is needed, so that the task comes after everything it uses). */
static void par__dinst_open(par__dinst_t *inst, par__dworker_t *w, par__dmsg_t *m,
                            const par__wire_task_t *task) {
  par__wire_loop_t wl = inst->wl;
  if (task) {
    wl.has_task = true;
    wl.task = *task;
  }
  if (par__wire_buf_add(&m->buf, inst->args->env, inst->args->env_size, &wl.env) != PAR_OK)
    par__dmsg_encode_fail(m, "loop");
  wl.retire = w->retire;
  wl.nretire = w->nretire;
  /* A worker on this machine gets the shared items as references. */
  par__wire_map_t maps_s[16], *maps = inst->wmaps;
  if (w->shm && inst->shm) {
    maps = wl.nmaps <= 16 ? maps_s : malloc(wl.nmaps * sizeof *maps);
    if (!maps) par__driver_die("out of memory");
    memcpy(maps, inst->wmaps, wl.nmaps * sizeof *maps);
    for (uint32_t j = 0; j < wl.nmaps; j++) {
      if (!inst->shm[j].id) continue;
      maps[j].shm_id = inst->shm[j].id;
      maps[j].shm_fd = inst->shm[j].fd;
      maps[j].shm_off = inst->shm[j].off;
      maps[j].shm_pid = (uint32_t)getpid();
    }
    wl.maps = maps;
  }
  if (par__wire_encode_loop(&m->buf, &wl) != PAR_OK) par__dmsg_encode_fail(m, "loop");
  if (maps != inst->wmaps && maps != maps_s) free(maps);
  m->obs_what = inst->desc;
  w->nretire = 0;
  par__dmsg_send(w, m);
  for (uint32_t j = 0; j < inst->wl.nmaps && !task; j++) {
    if (!par__dinst_data_map(inst, w, j)) continue;
    const par__wire_map_t *mp = &inst->wmaps[j];
    const parrt_map_t *am = &inst->args->maps[j];
    par__dmsg_t *dm = par__dmsg_new();
    par__wire_data_t data = {.instance = inst->id,
                             .seg = {.map = j, .first = mp->lo, .count = mp->len}};
    const char *p = (const char *)am->base + mp->lo * (int64_t)mp->elem_size;
    if (par__wire_buf_add(&dm->buf, p, mp->len * mp->elem_size, &data.seg.bytes) != PAR_OK ||
        par__wire_encode_data(&dm->buf, &data) != PAR_OK)
      par__dmsg_encode_fail(dm, "data");
    dm->obs_what = inst->desc;
    par__dmsg_send(w, dm);
  }
  inst->sent[w->rank] = 1;
}

/* Scalars of map j that iterations [k0, k1) touch (PARRT_MAP_SLICE): the
 * elements [v + off_min, v + off_max] of every induction value v, clipped
 * to the mapped section, in the wire's units. False when empty. */
static bool par__slice(const par__dinst_t *inst, uint32_t j, uint64_t k0, uint64_t k1,
                       int64_t *first, uint64_t *count) {
  const parrt_map_t *m = &inst->args->maps[j];
  __int128 lb = inst->args->lb, step = inst->args->step;
  __int128 va = lb + (__int128)k0 * step, vb = lb + (__int128)(k1 - 1) * step;
  __int128 vmin = va < vb ? va : vb, vmax = va < vb ? vb : va;
  __int128 lo = vmin + m->off_min, hi = vmax + m->off_max; /* inclusive */
  __int128 slo = m->lo, shi = (__int128)m->lo + (__int128)m->len - 1;
  if (lo < slo) lo = slo;
  if (hi > shi) hi = shi;
  if (hi < lo) return false;
  uint64_t r = inst->wmaps[j].len / (m->len ? m->len : 1);
  if (r < 1) r = 1;
  *first = (int64_t)lo * (int64_t)r;
  *count = (uint64_t)(hi - lo + 1) * r;
  return true;
}

/* Whether a task lists its blocks one by one (each is its own chunk call):
 * with reductions (each block has its partials), and with schedule(dynamic,
 * n) and schedule(static, n), where a block of n iterations is what the
 * user asked one chunk to be. Otherwise a task is one range. */
static bool par__dinst_listed(const par__dinst_t *inst) {
  return inst->job->nreds || inst->job->mode == PAR__MODE_DYNAMIC ||
         inst->job->mode == PAR__MODE_STATIC_RR;
}

/* Measured time per iteration, per loop, carried from one execution of the
 * loop to the next, so that an instance's first tasks are sized from it
 * instead of starting at one block each (a loop run thousands of times in
 * a row, like a stencil's sweeps, would pay round trips for one-block
 * tasks every time). Driving thread only (drive_mu). */
struct par__dest {
  const void *desc;   /* a loop's or a function's descriptor; NULL: free */
  uint64_t est_ns;    /* functions: time of one call; 0 until measured */
  double ns_per_iter; /* loops: time of one iteration; 0 until measured */
  /* Loops: which blocks each worker has run, in any execution of the loop
   * with this partition (par__dinst_take): a worker's first run of a block
   * touches its pages of the arrays for the first time, several times the
   * cost of a later run on some machines (docs/distributed.md). */
  uint64_t loc_niters, loc_nblocks; /* the partition the bitmaps are for */
  uint64_t *known;                  /* [(nworkers + 1) * words]; NULL: not kept */
  double warm_ns, cold_ns;          /* per block, in tasks of blocks all known / all new to
                                       their worker; 0 until measured */
  /* [loc_nblocks]: the time of each block when a worker that had run it
   * before last ran it (its task's time / its blocks; 0: not yet), which
   * sizes the tasks of later executions (par__dinst_plan) */
  float *cost;
  /* Loops: per rank, the time from an execution's start until the rank's
   * last result came in, per iteration it ran (a running average; 0: not
   * measured): how fast it gets through its share, all costs counted (a
   * CPU it shares with the driver or another job, a slower machine, the
   * latency of its messages). Home ranges are made in proportion to its
   * inverse (par__dinst_home). */
  double *rank_ns; /* [nworkers + 1]; NULL until measured */
};
static par__dest_t par__dloop_est[128], par__dfn_est[64];

/* The entry of desc (whose id is `id`) in an open-addressing table of n,
 * taken when it is not there yet; NULL when the table is full (the caller
 * then does without an estimate). */
static par__dest_t *par__dest_of(par__dest_t *tab, size_t n, const void *desc, uint64_t id) {
  size_t h = (size_t)(id % n);
  for (size_t i = 0; i < n; i++) {
    par__dest_t *e = &tab[(h + i) % n];
    if (e->desc == desc) return e;
    if (!e->desc) {
      e->desc = desc;
      return e;
    }
  }
  return NULL;
}

static par__dest_t *par__dloop_est_of(const parrt_loop_desc_t *desc) {
  return par__dest_of(par__dloop_est, PAR__ARRAY_SIZE(par__dloop_est), desc, desc->id);
}

/* ---- locality: which blocks each worker has run ---------------------------- */

/* A task's blocks, as its worker had run them before (par__dloc_post). */
typedef enum {
  PAR__DLOC_MIXED = 0, /* some, or the loop keeps no record */
  PAR__DLOC_KNOWN = 1, /* all */
  PAR__DLOC_NEW = 2,   /* none */
} par__dloc_fresh_t;

static uint64_t par__dloc_words(const par__dest_t *e) {
  return (e->loc_nblocks + 63) / 64;
}

/* The word of rank's bitmap that holds block b. */
static uint64_t *par__dloc_word(const par__dest_t *e, uint32_t rank, uint64_t b) {
  return &e->known[rank * par__dloc_words(e) + b / 64];
}

/* Whether record e is for job's partition. */
static bool par__dloc_fits(const par__dest_t *e, const par__job_t *job) {
  return e->known && e->loc_niters == job->niters && e->loc_nblocks == job->nblocks;
}

/* The locality record of the instance's loop, for its partition (reset when
 * the partition changed); NULL when none is kept (too many blocks, a full
 * table, no memory: stealing then ignores locality). */
static par__dest_t *par__dloc_of(const par__dinst_t *inst) {
  const par__job_t *job = inst->job;
  if (job->nblocks == 0 || job->nblocks > PAR__DRIVER_LOC_MAX_BLOCKS) return NULL;
  par__dest_t *e = par__dloop_est_of(inst->desc);
  if (!e) return NULL;
  if (par__dloc_fits(e, job)) return e;
  free(e->known);
  free(e->cost);
  e->loc_niters = job->niters;
  e->loc_nblocks = job->nblocks;
  e->warm_ns = e->cold_ns = 0;
  e->known = calloc((par__drv.node.nworkers + 1) * par__dloc_words(e), sizeof *e->known);
  e->cost = calloc(job->nblocks, sizeof *e->cost);
  if (!e->known || !e->cost) {
    free(e->known);
    free(e->cost);
    e->known = NULL;
    e->cost = NULL;
  }
  return e->known ? e : NULL;
}

/* The instance's locality record while it is for the instance's partition
 * (another execution of the loop, with another trip count, may have reset
 * it meanwhile); NULL otherwise. */
static par__dest_t *par__dinst_loc(const par__dinst_t *inst) {
  par__dest_t *e = inst->loc;
  return e && par__dloc_fits(e, inst->job) ? e : NULL;
}

static bool par__dloc_known(const par__dest_t *e, uint32_t rank, uint64_t b) {
  return *par__dloc_word(e, rank, b) >> (b % 64) & 1;
}

/* Notes that w runs task t, and whether its blocks are all new to w, or all
 * known (t->fresh, for par__dloc_result). */
static void par__dloc_post(par__dtask_t *t, const par__dworker_t *w) {
  par__dest_t *e = par__dinst_loc(t->inst);
  t->fresh = PAR__DLOC_MIXED;
  if (!e) return;
  uint64_t known = 0;
  for (uint64_t b = t->b0; b < t->b1; b++) {
    known += par__dloc_known(e, w->rank, b);
    *par__dloc_word(e, w->rank, b) |= (uint64_t)1 << (b % 64);
  }
  if (known == 0)
    t->fresh = PAR__DLOC_NEW;
  else if (known == t->b1 - t->b0)
    t->fresh = PAR__DLOC_KNOWN;
}

/* Folds a result's time into the loop's per-block times of known and of
 * new blocks, and, for known blocks, into each block's cost. */
static void par__dloc_result(const par__dtask_t *t, uint64_t time_ns) {
  par__dest_t *e = par__dinst_loc(t->inst);
  if (!e || t->fresh == PAR__DLOC_MIXED) return;
  double ns = (double)time_ns / (double)(t->b1 - t->b0);
  if (t->fresh == PAR__DLOC_KNOWN)
    for (uint64_t b = t->b0; b < t->b1; b++)
      e->cost[b] = ns > 0 ? (float)ns : 1.0f;
  double *avg = t->fresh == PAR__DLOC_KNOWN ? &e->warm_ns : &e->cold_ns;
  *avg = *avg > 0 ? 0.75 * *avg + 0.25 * ns : ns;
}

/* With shares by speed, how far a boundary between two home ranges may move
 * per execution into blocks new to the worker whose range grows: a first
 * run of a block costs several times a later one on some machines
 * (par__dest.known), so the shares get there over a few executions, each
 * paying for a few first runs, and a worker's range does not come to
 * hold a stretch of blocks only its neighbour has run. */
static uint64_t par__dhome_step(uint64_t nblocks) {
  return nblocks / 256 > 1 ? nblocks / 256 : 1;
}

/* Moves each boundary between consecutive home ranges (rank order) back
 * toward the blocks its two workers have run (par__dhome_step): the left
 * range may end at most `step` blocks past the last block its worker has
 * run, the right one begin at most `step` before the first its worker has
 * run (of those two ranges' blocks). Where the limits cross (a stretch
 * new to both) the boundary stays where the shares put it. */
static void par__dinst_home_settle(par__dinst_t *inst, const par__dest_t *e) {
  par__driver_t *d = &par__drv;
  uint64_t step = par__dhome_step(inst->job->nblocks);
  par__drange_t *left = NULL;
  uint32_t lrank = 0;
  for (uint32_t r = 1; r <= d->node.nworkers; r++) {
    const par__dworker_t *w = d->by_rank[r];
    if (!w || w->state != PAR__DW_ADMITTED) continue;
    par__drange_t *right = &inst->home[r];
    if (left) {
      uint64_t lo = left->lo, hi = right->hi, b = left->hi;
      uint64_t max = hi, min = lo;
      for (uint64_t k = hi; k > lo; k--)
        if (par__dloc_known(e, lrank, k - 1)) {
          max = k + step < hi ? k + step : hi;
          break;
        }
      for (uint64_t k = lo; k < hi; k++)
        if (par__dloc_known(e, r, k)) {
          min = k > lo + step ? k - step : lo;
          break;
        }
      if (min <= max) b = b < min ? min : b > max ? max : b;
      left->hi = right->lo = b;
    }
    left = right;
    lrank = r;
  }
}

/* A worker's weight in the split of home ranges: its inverse measured time
 * per iteration on the loop (`speed`), or its threads. */
static double par__dhome_weight(const par__dest_t *e, bool speed, const par__dworker_t *w) {
  return speed ? 1 / e->rank_ns[w->rank] : w->threads;
}

/* Splits the instance's blocks into the home ranges of the workers admitted
 * now (par__dinst_take), once, at its first task. */
static void par__dinst_home(par__dinst_t *inst) {
  if (inst->home) return;
  par__driver_t *d = &par__drv;
  uint32_t nw = d->node.nworkers;
  inst->home = calloc(nw + 1, sizeof *inst->home);
  inst->share = calloc(nw + 1, sizeof *inst->share);
  if (!inst->home || !inst->share) par__driver_die("out of memory");
  inst->home_at = par__time_ns();
  inst->loc = par__dloc_of(inst);
  uint64_t nb = inst->job->nblocks;
  inst->unassigned = nb;
  if (d->slots == 0) { /* nobody yet: it all goes by stealing */
    inst->home[0] = (par__drange_t){0, nb};
    return;
  }
  /* Shares by the workers' measured speed on this loop once every admitted
   * worker has one, else by their threads. schedule(static) keeps the
   * fixed split OpenMP's static schedule has: the same iterations on the
   * same worker in every execution. */
  const par__dest_t *e = par__dloop_est_of(inst->desc);
  uint32_t mode = inst->job->mode;
  bool speed = e && e->rank_ns && mode != PAR__MODE_STATIC && mode != PAR__MODE_STATIC_RR;
  for (uint32_t r = 1; r <= nw && speed; r++) {
    const par__dworker_t *w = d->by_rank[r];
    if (w && w->state == PAR__DW_ADMITTED && !(e->rank_ns[r] > 0)) speed = false;
  }
  double total = 0, cum = 0;
  for (uint32_t r = 1; r <= nw; r++) {
    const par__dworker_t *w = d->by_rank[r];
    if (w && w->state == PAR__DW_ADMITTED) total += par__dhome_weight(e, speed, w);
  }
  uint64_t at = 0;
  par__drange_t *last = NULL;
  for (uint32_t r = 1; r <= nw; r++) {
    const par__dworker_t *w = d->by_rank[r];
    if (!w || w->state != PAR__DW_ADMITTED) continue;
    cum += par__dhome_weight(e, speed, w);
    uint64_t hi = (uint64_t)(cum * (double)nb / total); /* threads: 1/3 of 1000 is 333 */
    last = &inst->home[r];
    *last = (par__drange_t){at, hi < at ? at : hi > nb ? nb : hi};
    at = last->hi;
  }
  if (last) last->hi = nb; /* whatever the rounding */
  if (speed && inst->loc) par__dinst_home_settle(inst, inst->loc);
}

/* At an instance's end: folds, for each worker that ran some of it, the time
 * from the home ranges' making to its last result per iteration it ran
 * into the loop's running average (par__dest.rank_ns), so that the next
 * execution's home ranges end together. Its iterations count what it stole
 * as well: a worker that takes from a slower one's range comes out faster.
 * Not when a lost worker's tasks ran again. */
static void par__dshare_fold(const par__dinst_t *inst) {
  par__driver_t *d = &par__drv;
  if (!inst->share || inst->requeued) return;
  par__dest_t *e = par__dloop_est_of(inst->desc);
  if (!e) return;
  if (!e->rank_ns && !(e->rank_ns = calloc(d->node.nworkers + 1, sizeof *e->rank_ns))) return;
  for (uint32_t r = 1; r <= d->node.nworkers; r++) {
    const par__dshare_t *s = &inst->share[r];
    const par__dworker_t *w = d->by_rank[r];
    if (!s->iters || !w || w->state != PAR__DW_ADMITTED || s->end_ns <= inst->home_at) continue;
    double ns = (double)(s->end_ns - inst->home_at) / (double)s->iters, *avg = &e->rank_ns[r];
    if (*avg > 0) { /* one odd execution (a preempted worker) moves it at most 4x */
      if (ns > 4 * *avg) ns = 4 * *avg;
      if (ns < *avg / 4) ns = *avg / 4;
      ns = 0.75 * *avg + 0.25 * ns;
    }
    *avg = ns;
  }
}

/* Drops the blocks the cache has at both ends of range r. */
static void par__drange_trim(par__dinst_t *inst, par__drange_t *r) {
  const uint8_t *skip = inst->job->skip;
  if (!skip) return;
  while (r->lo < r->hi && skip[r->lo])
    r->lo++, inst->unassigned--;
  while (r->lo < r->hi && skip[r->hi - 1])
    r->hi--, inst->unassigned--;
}

/* A task of about PAR__DRIVER_LOOP_TASK_NS by the costs earlier executions
 * measured for the blocks of range r, from its front (or its back when
 * `back`): how many blocks, up to the first whose cost is not known; 0
 * when the first is not. */
static uint64_t par__dinst_plan(const par__dest_t *e, const par__drange_t *r, bool back) {
  double sum = 0;
  uint64_t n = 0, avail = r->hi - r->lo;
  while (n < avail && sum < PAR__DRIVER_LOOP_TASK_NS) {
    float c = e->cost[back ? r->hi - 1 - n : r->lo + n];
    if (c <= 0) break;
    sum += c;
    n++;
  }
  return n;
}

/* How many blocks the next task gets, of range r (w's own, or another's
 * when `steal`): under the default and dynamic schedules, by the blocks'
 * costs when locality record e knows them (par__dinst_plan), else by the
 * time per block est_ns, at most twice w's last task of the instance
 * (`last`, 0: none): a loop whose blocks cost different amounts may have
 * begun with its cheapest. */
static uint64_t par__dinst_run(const par__dinst_t *inst, const par__dworker_t *w,
                               const par__drange_t *r, bool steal, uint64_t est_ns,
                               const par__dest_t *e, uint64_t last) {
  uint64_t threads = w->threads ? w->threads : 1;
  uint64_t avail = r->hi - r->lo, run, planned;
  switch (inst->job->mode) {
  case PAR__MODE_STATIC:
    run = steal ? avail / 2 : avail;
    break;
  case PAR__MODE_GUIDED:
    run = avail / (2 * threads);
    break;
  default:
    planned = e ? par__dinst_plan(e, r, steal) : 0;
    run = planned ? planned : est_ns ? PAR__DRIVER_LOOP_TASK_NS / est_ns : 1;
    if (!planned && last && run > 2 * last) run = 2 * last;
    if (steal && run > avail / 2) run = avail / 2;
    break;
  }
  if (run < 1) run = 1;
  if (run > avail) run = avail;
  /* A worker with a GPU takes larger tasks of a device loop (offload.c). */
  if (w->gpus && inst->desc->device != PARRT_DEV_CPU)
    run = par__offload_task_blocks(run, steal ? (avail + 1) / 2 : avail);
  if (run > PAR__WIRE_MAX_BLOCKS && par__dinst_listed(inst)) run = PAR__WIRE_MAX_BLOCKS;
  /* Big slices go in several messages: the worker receives a task into
   * memory it keeps, and a pipeline of moderate messages overlaps the
   * transfer of one with the work on another. */
  if (inst->slice_bytes) {
    uint64_t iters_per_block = inst->job->niters / inst->job->nblocks + 1;
    uint64_t max = PAR__DRIVER_TASK_BYTES / (inst->slice_bytes * iters_per_block);
    if (max < 1) max = 1;
    if (run > max) run = max;
  }
  return run;
}

/* How many blocks w, out of work, may take from the back of range r (of
 * rank v), where it has run none before: as many as end w's work (its
 * tasks of the loop in flight, then these at the loop's measured cost of a
 * first run) no later than v's (the range and its tasks in flight, at the
 * cost of a known block), in tasks of the usual length at the first-run
 * cost, each weighed again against what is left then. 0: w waits, and v
 * runs them. `run` when no cost is measured, or v is gone. */
static uint64_t par__dinst_cold_run(const par__dinst_t *inst, const par__dest_t *e,
                                    const par__dworker_t *w, const par__drange_t *r, uint32_t v,
                                    uint64_t run) {
  if (!e || e->warm_ns <= 0 || e->cold_ns <= 1.25 * e->warm_ns) return run;
  const par__dworker_t *vw = v ? par__drv.by_rank[v] : NULL;
  if (!vw || vw->state != PAR__DW_ADMITTED) return run;
  double tv = vw->threads ? vw->threads : 1, tw = w->threads ? w->threads : 1;
  double v_ns = (double)(r->hi - r->lo) * e->warm_ns / tv, w_ns = 0;
  for (const par__dtask_t *t = vw->tasks; t; t = t->next)
    if (t->inst == inst) v_ns += (double)(t->b1 - t->b0) * e->warm_ns / tv;
  for (const par__dtask_t *t = w->tasks; t; t = t->next)
    if (t->inst == inst)
      w_ns += (double)(t->b1 - t->b0) * (t->fresh == PAR__DLOC_NEW ? e->cold_ns : e->warm_ns) / tw;
  double fair = (v_ns - w_ns) / (e->warm_ns / tv + e->cold_ns);
  uint64_t len = (uint64_t)(PAR__DRIVER_LOOP_TASK_NS / e->cold_ns);
  if (run > len) run = len > 1 ? len : 1;
  if (fair < 1) return 0;
  return fair < (double)run ? (uint64_t)fair : run;
}

/* Takes the blocks [*b0, *b1) of w's next task: from the front of its home
 * range, or when that is empty, from the back of another's range left
 * (a lost worker's, one that is slower, or the tail of another's). A
 * worker thus runs the same blocks of a loop in every execution: the same
 * rows of the driver's arrays, whose pages it has mapped and may still have
 * in its caches, as with OpenMP's static schedule. A thief prefers the
 * largest range whose last blocks it has run in an earlier execution, and
 * takes only those; blocks new to it only as many as pay for their first
 * run (par__dinst_cold_run). False when it takes none. Never a block the
 * cache has. */
static bool par__dinst_take(par__dinst_t *inst, const par__dworker_t *w, uint64_t *b0,
                            uint64_t *b1) {
  par__dinst_home(inst);
  uint32_t nw = par__drv.node.nworkers, victim = 0;
  const par__dest_t *e = par__dinst_loc(inst);
  par__drange_t *r = &inst->home[w->rank];
  par__drange_trim(inst, r);
  bool steal = r->lo == r->hi, warm = false;
  if (steal) {
    r = NULL;
    for (uint32_t i = 0; i <= nw; i++) {
      par__drange_t *c = &inst->home[i];
      par__drange_trim(inst, c);
      if (c->hi == c->lo) continue;
      bool k = e && par__dloc_known(e, w->rank, c->hi - 1);
      if (!r || k > warm || (k == warm && c->hi - c->lo > r->hi - r->lo))
        r = c, victim = i, warm = k;
    }
    if (!r) return false;
  }
  /* The time per block: this execution's average; before its first
   * result, the larger of the previous execution's average and the time
   * of blocks known (or new) to their worker in earlier executions, as
   * the task's blocks are known or new to w. The first alone mixes a
   * first execution's first runs into the second's first tasks (tasks too
   * short); the second alone follows the last tasks measured, which in a
   * loop whose blocks cost different amounts (mandelbrot's rows) may be
   * its cheapest: a first task of 519 rows took 478 ms. */
  uint64_t est = inst->est_ns;
  if (e && !inst->ran_blocks) {
    double ns = par__dloc_known(e, w->rank, steal ? r->hi - 1 : r->lo) ? e->warm_ns : e->cold_ns;
    if (ns > 0 && ns > (double)est) est = ns < 1 ? 1 : (uint64_t)ns;
  }
  uint64_t run = par__dinst_run(inst, w, r, steal, est, e, inst->share[w->rank].last_run);
  if (!steal && e) { /* a task of blocks all known to w, or all new */
    bool k0 = par__dloc_known(e, w->rank, r->lo);
    for (uint64_t k = 1; k < run; k++)
      if (par__dloc_known(e, w->rank, r->lo + k) != k0) {
        run = k;
        break;
      }
  } else if (steal && warm) { /* only the blocks it knows */
    uint64_t k = 1;
    while (k < run && par__dloc_known(e, w->rank, r->hi - 1 - k))
      k++;
    run = k;
  } else if (steal && e) {
    run = par__dinst_cold_run(inst, e, w, r, victim, run);
    if (run == 0) return false;
  }
  const uint8_t *skip = inst->job->skip;
  if (!steal) {
    *b0 = r->lo;
    *b1 = r->lo + run;
    for (uint64_t b = *b0 + 1; skip && b < *b1; b++) /* stop before a block the cache has */
      if (skip[b]) *b1 = b;
    r->lo = *b1;
  } else {
    *b1 = r->hi;
    *b0 = r->hi - run;
    for (uint64_t b = *b1 - 1; skip && b > *b0; b--)
      if (skip[b - 1]) *b0 = b;
    r->hi = *b0;
  }
  inst->unassigned -= *b1 - *b0;
  inst->share[w->rank].last_run = *b1 - *b0;
  return true;
}

/* The blocks a task lists on the wire (par__dinst_listed), or its one
 * range: into stack[64] when they fit, else a malloc'ed array (the caller
 * frees it when it is not `stack`). Returns how many. */
static uint32_t par__dtask_blocks(const par__dtask_t *t, par__wire_block_t *stack,
                                  par__wire_block_t **out) {
  const par__job_t *job = t->inst->job;
  uint64_t nb = job->nblocks, bs = job->bsize, n = job->niters;
  bool listed = par__dinst_listed(t->inst);
  uint32_t nblk = listed ? (uint32_t)(t->b1 - t->b0) : 1;
  par__wire_block_t *blk = nblk <= 64 ? stack : malloc(nblk * sizeof *blk);
  if (!blk) par__driver_die("out of memory");
  for (uint32_t i = 0; i < nblk; i++) {
    blk[i].k0 = par__block_lo(n, nb, bs, t->b0 + i);
    blk[i].k1 = par__block_lo(n, nb, bs, listed ? t->b0 + i + 1 : t->b1);
  }
  *out = blk;
  return nblk;
}

static void par__dtask_post(par__dtask_t *t, par__dworker_t *w);

/* Sends w its next task of inst; false when it gets none (par__dinst_take). */
static bool par__dtask_send(par__dinst_t *inst, par__dworker_t *w) {
  par__driver_t *d = &par__drv;
  if (!inst->est_ns) {
    const par__dest_t *e = par__dloop_est_of(inst->desc);
    if (e && e->ns_per_iter > 0) {
      double per_block = e->ns_per_iter * ((double)inst->job->niters / (double)inst->job->nblocks);
      inst->est_ns = per_block < 1 ? 1 : (uint64_t)per_block;
    }
  }
  uint64_t b0, b1;
  if (!par__dinst_take(inst, w, &b0, &b1)) return false;
  par__dtask_t *t = calloc(1, sizeof *t);
  if (!t) par__driver_die("out of memory");
  t->id = ++d->next_task;
  t->inst = inst;
  t->b0 = b0;
  t->b1 = b1;
  par__dtask_post(t, w);
  return true;
}

/* Sends task t (new, or lost with another worker) to w and appends it to
 * w's in-flight list. */
static void par__dtask_post(par__dtask_t *t, par__dworker_t *w) {
  par__dinst_t *inst = t->inst;
  bool open = !inst->sent[w->rank];
  par__dloc_post(t, w);
  par__wire_block_t blk_s[64], *blk;
  uint32_t nblk = par__dtask_blocks(t, blk_s, &blk);
  uint64_t k0 = blk[0].k0, k1 = blk[nblk - 1].k1;

  par__dmsg_t *m = par__dmsg_new();
  par__wire_segment_t seg_s[16];
  uint32_t nseg = 0, nmaps = inst->wl.nmaps;
  par__wire_segment_t *seg = nmaps <= 16 ? seg_s : malloc(nmaps * sizeof *seg);
  if (!seg) par__driver_die("out of memory");
  for (uint32_t j = 0; j < nmaps; j++) {
    const par__wire_map_t *mp = &inst->wmaps[j];
    if (!(mp->flags & PARRT_MAP_SLICE) || mp->kind == PARRT_MAP_ALLOC) continue;
    if (w->shm && inst->shm && inst->shm[j].id) continue;
    int64_t first;
    uint64_t count;
    if (!par__slice(inst, j, k0, k1, &first, &count)) continue;
    const char *p = (const char *)inst->args->maps[j].base + first * (int64_t)mp->elem_size;
    seg[nseg] = (par__wire_segment_t){.map = j, .first = first, .count = count};
    if (par__wire_buf_add(&m->buf, p, count * mp->elem_size, &seg[nseg].bytes) != PAR_OK)
      par__dmsg_encode_fail(m, "task");
    nseg++;
  }
  par__wire_task_t tm = {.instance = inst->id, .task = t->id, .nblocks = nblk, .blocks = blk,
                         .nsegments = nseg, .segments = seg};
  if (PAR__UNLIKELY(par__obs_on)) t->obs_sent = par__obs_remote_sent(w->rank);
  /* The worker's first task of the instance rides in its LOOP unless DATA
   * must come between them, or it carries slices: a LOOP's larger header
   * may not fit UCX's AM header, and a payload that comes with its header
   * is copied by the worker instead of used where it lies. */
  bool in_loop = open && nseg == 0 && !par__dinst_needs_data(inst, w);
  if (open && !in_loop) par__dinst_open(inst, w, par__dmsg_new(), NULL);
  if (in_loop) {
    par__dinst_open(inst, w, m, &tm);
  } else {
    if (par__wire_encode_task(&m->buf, &tm) != PAR_OK) par__dmsg_encode_fail(m, "task");
    m->obs_what = inst->desc;
    par__dmsg_send(w, m);
  }
  if (blk != blk_s) free(blk);
  if (seg != seg_s) free(seg);

  /* append to the worker's in-flight list */
  par__dtask_t **pp = &w->tasks;
  while (*pp) pp = &(*pp)->next;
  *pp = t;
  t->next = NULL;
  t->started_ns = 0;
  w->inflight++;
}

/* ---- function calls (fn.h) ------------------------------------------------ */

_Noreturn static void par__driver_protocol(par__dworker_t *w, const char *what);

/* Measured time of one call, per function: how many calls a worker thread
 * may have in flight (enough for about PAR__DRIVER_TASK_NS of work, at
 * least PAR__DRIVER_INFLIGHT), so that tiny calls do not wait for a round
 * trip each while long ones still spread evenly. Driving thread only (drive_mu). */
static par__dest_t *par__dfn_est_of(const parrt_fn_desc_t *desc) {
  return par__dest_of(par__dfn_est, PAR__ARRAY_SIZE(par__dfn_est), desc, desc->id);
}

static uint32_t par__dcall_depth(const parrt_fn_desc_t *desc) {
  const par__dest_t *e = par__dfn_est_of(desc);
  if (!e || !e->est_ns) return PAR__DRIVER_INFLIGHT;
  uint64_t n = PAR__DRIVER_TASK_NS / e->est_ns;
  if (n < PAR__DRIVER_INFLIGHT) n = PAR__DRIVER_INFLIGHT;
  if (n > PAR__DRIVER_CALL_DEPTH_MAX) n = PAR__DRIVER_CALL_DEPTH_MAX;
  return (uint32_t)n;
}

/* The worker with the most room for a call of `desc` (fewest tasks and
 * calls in flight per thread), or NULL when every one is full. */
static par__dworker_t *par__driver_pick(const parrt_fn_desc_t *desc) {
  par__driver_t *d = &par__drv;
  uint32_t nw = d->node.nworkers;
  uint32_t depth = par__dcall_depth(desc);
  par__dworker_t *best = NULL;
  double best_load = 0;
  for (uint32_t i = 0; i < nw; i++) {
    par__dworker_t *w = d->by_rank[1 + (d->rr + i) % nw];
    if (!w || w->state != PAR__DW_ADMITTED) continue;
    if (w->inflight >= PAR__DRIVER_INFLIGHT * w->threads || w->cinflight >= depth * w->threads)
      continue;
    double load = (double)(w->inflight + w->cinflight) / w->threads;
    if (!best || load < best_load) best = w, best_load = load;
  }
  if (best) d->rr = (d->rr + 1) % nw;
  return best;
}

static void par__dcall_send(par__dcall_t *c, par__dworker_t *w) {
  par__fntask_t *t = c->t;
  const parrt_fn_desc_t *desc = t->desc;
  par__dmsg_t *m = par__dmsg_new();
  par__wire_cmap_t cm_s[8], *cm = desc->nmaps <= 8 ? cm_s : calloc(desc->nmaps, sizeof *cm);
  par__wire_dep_t dep_s[8], *dep = t->ndeps <= 8 ? dep_s : calloc(t->ndeps, sizeof *dep);
  if (!cm || !dep) par__driver_die("out of memory");
  par__wire_call_t cl = {.call = c->id, .fn = desc->id, .site = t->site ? t->site->id : 0,
                         .nmaps = desc->nmaps, .maps = cm, .deps = dep,
                         .keep = t->lhs && t->site && t->site->store};
  if (par__wire_buf_add(&m->buf, t->args, desc->args_size, &cl.args) != PAR_OK)
    par__dmsg_encode_fail(m, "call");
  for (uint32_t k = 0; k < desc->nmaps; k++) {
    const parrt_map_t *mp = &t->maps[k];
    uint64_t es = mp->elem_size ? mp->elem_size : 1;
    cm[k] = (par__wire_cmap_t){.kind = desc->maps[k].kind, .lo = mp->lo, .len = mp->len,
                               .elem_size = es};
    if (cm[k].kind != PARRT_MAP_ALLOC && mp->len) {
      const char *p = (const char *)mp->base + mp->lo * (int64_t)es;
      if (par__wire_buf_add(&m->buf, p, mp->len * es, &cm[k].bytes) != PAR_OK)
        par__dmsg_encode_fail(m, "call");
    }
  }
  /* Dependencies still open are on this worker: it passes the value on. */
  for (uint32_t i = 0; i < t->ndeps; i++) {
    par__fntask_t *src = t->deps[i].src;
    if (!src) continue;
    par__dcall_t *sc = src->remote;
    dep[cl.ndeps++] = (par__wire_dep_t){.k = t->deps[i].k, .src = sc->id};
    sc->chained_out++;
    c->chained[c->nchained++] = sc;
  }
  if (par__wire_encode_call(&m->buf, &cl) != PAR_OK) par__dmsg_encode_fail(m, "call");
  if (cm != cm_s) free(cm);
  if (dep != dep_s) free(dep);
  m->obs_what = desc;
  m->obs_fn = true;
  if (PAR__UNLIKELY(par__obs_on)) c->obs_sent = par__obs_remote_sent(w->rank);
  par__dmsg_send(w, m);
  c->rank = w->rank;
  t->rank = w->rank;
  par__dcall_t **pp = &w->calls;
  while (*pp) pp = &(*pp)->next;
  *pp = c;
  c->next = NULL;
  w->cinflight++;
}

/* Frees a call the driver no longer needs: returned, and no chained call
 * still takes its value on its worker, which may then drop it. */
static void par__dcall_release(par__dcall_t *c) {
  if (!c->done || c->chained_out) return;
  par__driver_t *d = &par__drv;
  par__dworker_t *w = c->rank ? d->by_rank[c->rank] : NULL;
  if (c->keep && w && w->state == PAR__DW_ADMITTED) {
    if (w->nforget == w->capforget) {
      uint32_t cap = w->capforget ? 2 * w->capforget : 64;
      uint64_t *f = realloc(w->forget, cap * sizeof *f);
      if (!f) par__driver_die("out of memory");
      w->forget = f;
      w->capforget = cap;
    }
    w->forget[w->nforget++] = c->id;
  }
  c->t->remote = NULL;
  par__fn_unref(c->t);
  free(c->chained);
  free(c);
}

static void par__driver_flush_forget(void) {
  par__driver_t *d = &par__drv;
  for (uint32_t r = 1; r <= d->node.nworkers; r++) {
    par__dworker_t *w = d->by_rank[r];
    if (!w || !w->nforget) continue;
    for (uint32_t off = 0; off < w->nforget; off += PAR__WIRE_MAX_FORGET) {
      uint32_t n = w->nforget - off;
      if (n > PAR__WIRE_MAX_FORGET) n = PAR__WIRE_MAX_FORGET;
      par__dmsg_t *m = par__dmsg_new();
      par__wire_forget_t f = {.ncalls = n, .calls = w->forget + off};
      if (par__wire_encode_forget(&m->buf, &f) != PAR_OK) par__dmsg_encode_fail(m, "forget");
      par__dmsg_send(w, m);
    }
    w->nforget = 0;
  }
}

/* Sends the pending calls that can go. A call whose dependencies have all
 * completed goes to the worker with the most room (their values filled in
 * here); one whose open dependencies all run on one worker goes there (the
 * worker passes the values on); otherwise it waits. */
static void par__driver_schedule_calls(void) {
  par__driver_t *d = &par__drv;
  const parrt_fn_desc_t *full = NULL; /* no worker has room for calls of this */
  par__dcall_t **pp = &d->cpend_head, *prev = NULL, *c;
  while ((c = *pp)) {
    par__fntask_t *t = c->t;
    int target = 0;
    bool wait = false;
    for (uint32_t i = 0; i < t->ndeps && !wait; i++) {
      par__fntask_t *src = t->deps[i].src;
      if (!src) continue;
      if (atomic_load_explicit(&src->done, memory_order_acquire)) {
        par__fn_fill_dep(t, i);
        continue;
      }
      par__dcall_t *sc = src->remote;
      if (!sc || !sc->rank) wait = true; /* not sent yet, or not remote */
      else if (!target) target = sc->rank;
      else if (target != sc->rank) wait = true;
    }
    par__dworker_t *w = NULL;
    if (!wait) {
      if (target) w = d->by_rank[target];
      else if (full != t->desc && !(w = par__driver_pick(t->desc))) full = t->desc;
    }
    if (!w) {
      prev = c;
      pp = &c->next;
      continue;
    }
    *pp = c->next;
    if (d->cpend_tail == c) d->cpend_tail = prev;
    c->chained = t->ndeps ? calloc(t->ndeps, sizeof *c->chained) : NULL;
    if (t->ndeps && !c->chained) par__driver_die("out of memory");
    par__dcall_send(c, w);
  }
}

static void par__driver_return(par__dworker_t *w, const par__wire_return_t *r, const char *payload,
                               size_t bytes) {
  par__dcall_t **pp = &w->calls, *c;
  while ((c = *pp) && c->id != r->call) pp = &c->next;
  if (!c) par__driver_protocol(w, "a return for a call it does not have");
  par__fntask_t *t = c->t;
  const parrt_fn_desc_t *desc = t->desc;
  if (r->status != 0) {
    char wl[320], fl[400];
    par__driver_die("%s failed on %s: %s", par__fn_label(desc, fl, sizeof fl),
                    par__dw_label(w, wl, sizeof wl), par__status_message((par_status_t)r->status));
  }
  if (r->ret.len != desc->ret_size) par__driver_protocol(w, "a return of the wrong size");
  for (uint32_t s = 0; s < r->nsegments; s++) {
    const par__wire_segment_t *sg = &r->segments[s];
    if (sg->map >= desc->nmaps) par__driver_protocol(w, "a return segment of no map");
    const parrt_map_t *mp = &t->maps[sg->map];
    uint32_t kind = desc->maps[sg->map].kind;
    uint64_t es = mp->elem_size ? mp->elem_size : 1;
    if ((kind != PARRT_MAP_FROM && kind != PARRT_MAP_TOFROM) || sg->first != mp->lo ||
        sg->count != mp->len || sg->bytes.len != mp->len * es)
      par__driver_protocol(w, "a return segment that is not its map's section");
  }
  if (desc->ret_size) memcpy(t->ret, payload + r->ret.off, desc->ret_size);
  for (uint32_t s = 0; s < r->nsegments; s++) {
    const par__wire_segment_t *sg = &r->segments[s];
    const parrt_map_t *mp = &t->maps[sg->map];
    uint64_t es = mp->elem_size ? mp->elem_size : 1;
    memcpy((char *)mp->base + mp->lo * (int64_t)es, payload + sg->bytes.off, sg->bytes.len);
  }
  *pp = c->next;
  w->cinflight--;
  if (PAR__UNLIKELY(par__obs_on))
    par__obs_remote_call(desc, w->rank, c->obs_sent, r->time_ns, bytes);
  par__dest_t *e = par__dfn_est_of(desc);
  if (e) {
    uint64_t ns = r->time_ns ? r->time_ns : 1;
    e->est_ns = e->est_ns ? (3 * e->est_ns + ns) / 4 : ns;
  }
  c->done = true;
  for (uint32_t i = 0; i < c->nchained; i++) {
    par__dcall_t *sc = c->chained[i];
    sc->chained_out--;
    par__dcall_release(sc);
  }
  c->nchained = 0;
  par__fn_complete(t);
  par__dcall_release(c);
}

/* Tasks of inst kept in flight per thread of w. A worker that runs dry
 * of an instance with whole from/tofrom arrays copied to it compares
 * them with what it was sent, a pass over each (docs/protocol.md, masked
 * segments): those get PAR__DRIVER_INFLIGHT_WHOLE, so that a driver late
 * to answer (its CPU taken by the workers on its host) finds the next
 * task still queued there. */
#define PAR__DRIVER_INFLIGHT_WHOLE 4u
static uint32_t par__dinst_depth(const par__dinst_t *inst, const par__dworker_t *w) {
  if (par__drv.node.inflight) return par__drv.node.inflight; /* PAR_INFLIGHT: both */
  return (w->shm ? inst->whole_out_copied : inst->whole_out) ? PAR__DRIVER_INFLIGHT_WHOLE
                                                             : PAR__DRIVER_INFLIGHT;
}

/* Hands out tasks while some worker has room. A worker that takes no task
 * of a loop (par__dinst_take: the blocks left are better run by their
 * owner) is asked again at the next result. */
static void par__driver_schedule(void) {
  par__driver_t *d = &par__drv;
  uint32_t nw = d->node.nworkers;
  for (par__dinst_t *inst = d->active_head; inst; inst = inst->next) {
    uint64_t round = ++d->sched_round;
    while (inst->retry || !inst->home || inst->unassigned) {
      par__dworker_t *best = NULL;
      double best_load = 0;
      for (uint32_t i = 0; i < nw; i++) {
        par__dworker_t *w = d->by_rank[1 + (d->rr + i) % nw];
        if (!w || w->state != PAR__DW_ADMITTED) continue;
        if (w->inflight >= par__dinst_depth(inst, w) * w->threads) continue;
        if (d->declined[w->rank] == round) continue;
        double load = (double)w->inflight / w->threads;
        if (!best || load < best_load) best = w, best_load = load;
      }
      if (!best) break;
      d->rr = (d->rr + 1) % nw;
      if (inst->retry) {
        par__dtask_t *t = inst->retry;
        inst->retry = t->next;
        par__dtask_post(t, best);
      } else if (!par__dtask_send(inst, best)) {
        d->declined[best->rank] = round;
      }
    }
  }
}

/* Builds the instance's wire description from the descriptor and args. */
static void par__dinst_init(par__dinst_t *inst, par__job_t *job, const parrt_loop_desc_t *desc,
                            const parrt_loop_args_t *args) {
  inst->desc = desc;
  inst->args = args;
  inst->job = job;
  uint32_t nm = desc->nmaps, nr = desc->nreds, nl = desc->nlasts;
  inst->wmaps = nm ? calloc(nm, sizeof *inst->wmaps) : NULL;
  inst->wreds = nr ? calloc(nr, sizeof *inst->wreds) : NULL;
  inst->wlasts = nl ? calloc(nl, sizeof *inst->wlasts) : NULL;
  if ((nm && !inst->wmaps) || (nr && !inst->wreds) || (nl && !inst->wlasts))
    par__driver_die("out of memory");
  /* On the wire an item is counted in its scalars (desc->maps[j].unit):
   * the worker compares what a chunk wrote at that granularity, so two
   * workers writing different columns of one row both keep their bytes. */
  for (uint32_t j = 0; j < nm; j++) {
    const parrt_map_t *m = &args->maps[j];
    uint32_t flags = desc->maps[j].flags;
    uint64_t es = m->elem_size ? m->elem_size : 1;
    uint64_t unit = desc->maps[j].unit ? desc->maps[j].unit : 1;
    if (es % unit) unit = 1;
    uint64_t r = es / unit;
    if (m->off_min > m->off_max) flags &= ~(uint32_t)PARRT_MAP_SLICE;
    inst->wmaps[j] = (par__wire_map_t){.index = j, .kind = desc->maps[j].kind, .flags = flags,
                                       .lo = m->lo * (int64_t)r, .len = m->len * r, .elem_size = unit,
                                       .row = r,
                                       .off_min = m->off_min <= m->off_max ? m->off_min : 0,
                                       .off_max = m->off_min <= m->off_max ? m->off_max : 0};
  }
  /* Items in the driver's shared memory (shm.h): used in place by workers
   * on this machine. Each item's section must lie inside one segment. */
  if (par__drv.shm_workers && nm) {
    inst->shm = calloc(nm, sizeof *inst->shm);
    if (!inst->shm) par__driver_die("out of memory");
    for (uint32_t j = 0; j < nm; j++) {
      const parrt_map_t *m = &args->maps[j];
      uint64_t bytes;
      if (desc->maps[j].kind == PARRT_MAP_ALLOC || m->len == 0 ||
          __builtin_mul_overflow(m->len, m->elem_size, &bytes))
        continue;
      const char *p = (const char *)m->base + m->lo * (int64_t)m->elem_size;
      if (!par__shm_find(p, bytes, &inst->shm[j])) continue;
      if (desc->maps[j].kind == PARRT_MAP_TOFROM) inst->shm_rw = true;
    }
  }
  for (uint32_t j = 0; j < nm; j++)
    if (!(inst->wmaps[j].flags & PARRT_MAP_SLICE) &&
        (inst->wmaps[j].kind == PARRT_MAP_FROM || inst->wmaps[j].kind == PARRT_MAP_TOFROM) &&
        !(inst->shm && inst->shm[j].id))
      inst->whole_out_copied = true;
  for (uint32_t j = 0; j < nm; j++)
    if (!(inst->wmaps[j].flags & PARRT_MAP_SLICE) &&
        (inst->wmaps[j].kind == PARRT_MAP_FROM || inst->wmaps[j].kind == PARRT_MAP_TOFROM))
      inst->whole_out = true;
  bool has_fault = args->struct_size >= offsetof(parrt_loop_args_t, timeout) + sizeof args->timeout;
  inst->retries = has_fault && args->retries >= 0 ? args->retries : PAR__DRIVER_RETRIES;
  inst->timeout_ns = has_fault && args->timeout > 0 ? (uint64_t)(args->timeout * 1e9) : 0;
  /* Slices in shared memory do not travel (to the workers on this host,
   * which are all of them when there is shared memory at all): they do not
   * cap a task's size. */
  inst->slice_bytes = 0;
  for (uint32_t j = 0; j < nm; j++)
    if ((inst->wmaps[j].flags & PARRT_MAP_SLICE) && inst->wmaps[j].kind != PARRT_MAP_ALLOC &&
        !(inst->shm && inst->shm[j].id))
      inst->slice_bytes += args->maps[j].elem_size;
  inst->partial_bytes = 0;
  inst->combine = par__loop_combine_ok(desc);
  for (uint32_t j = 0; j < nr; j++) {
    inst->wreds[j] = (par__wire_red_t){.count = args->reds[j].count ? args->reds[j].count : 1,
                                       .elem_size = args->reds[j].elem_size};
    inst->partial_bytes += args->reds[j].count * args->reds[j].elem_size;
  }
  inst->last_bytes = 0;
  for (uint32_t j = 0; j < nl; j++) {
    inst->wlasts[j] = args->lasts[j].size ? args->lasts[j].size : 1;
    inst->last_bytes += inst->wlasts[j];
  }
  inst->wl = (par__wire_loop_t){.instance = inst->id, .loop_id = desc->id, .niters = args->niters,
                                .lb = args->lb, .step = args->step, .nmaps = nm, .nreds = nr,
                                .nlasts = nl, .maps = inst->wmaps, .reds = inst->wreds,
                                .lasts = inst->wlasts};
  inst->done_blocks = job->nskip; /* taken from the cache */
  inst->sent = calloc(par__drv.node.nworkers + 1, 1);
  if (!inst->sent) par__driver_die("out of memory");
  atomic_init(&inst->done, false);
}

/* ---- results ------------------------------------------------------------- */

static void par__driver_write_seg(const par__dinst_t *inst, const par__wire_segment_t *s,
                                  const char *payload) {
  const par__wire_map_t *mp = &inst->wmaps[s->map];
  char *dst = (char *)inst->args->maps[s->map].base + s->first * (int64_t)mp->elem_size;
  par__wire_mask_scatter(dst, par__wire_seg_mask(s, payload), s->count, mp->elem_size,
                         payload + s->bytes.off);
}

static par__dinst_t *par__driver_find_inst(uint64_t id) {
  for (par__dinst_t *i = par__drv.active_head; i; i = i->next)
    if (i->id == id) return i;
  return NULL;
}

_Noreturn static void par__driver_protocol(par__dworker_t *w, const char *what) {
  char wl[320];
  par__driver_die("%s broke the protocol: %s", par__dw_label(w, wl, sizeof wl), what);
}

static void par__driver_result(par__dworker_t *w, const par__wire_result_t *r, const char *payload,
                               size_t bytes) {
  par__dtask_t **pp = &w->tasks, *t;
  while ((t = *pp) && t->id != r->task) pp = &t->next;
  if (!t) par__driver_protocol(w, "a result for a task it does not have");
  par__dinst_t *inst = t->inst;
  par__job_t *job = inst->job;
  if (r->status != 0) {
    char wl[320], ll[400];
    par__driver_die("%s failed on %s: %s", par__loop_label(inst->desc, ll, sizeof ll),
                    par__dw_label(w, wl, sizeof wl), par__status_message((par_status_t)r->status));
  }
  par__wire_block_t blk_s[64], *blk;
  uint32_t nblk = par__dtask_blocks(t, blk_s, &blk);
  par__wire_task_t tm = {.instance = inst->id, .task = t->id, .nblocks = nblk, .blocks = blk};
  par__wire_diag_t diag;
  if (par__wire_check_result(&inst->wl, &tm, r, inst->combine, &diag) != PAR_OK)
    par__driver_protocol(w, diag.text);
  for (uint32_t s = 0; s < r->nsegments; s++)
    if (par__wire_check_mask(&r->segments[s], inst->wmaps[r->segments[s].map].elem_size, payload,
                             &diag) != PAR_OK)
      par__driver_protocol(w, diag.text);
  if (blk != blk_s) free(blk);

  for (uint32_t s = 0; s < r->nsegments; s++) {
    if (inst->whole_out) par__dw_log_write(w, inst, t->id, &r->segments[s], payload);
    par__driver_write_seg(inst, &r->segments[s], payload);
  }
  if (job->nreds) {
    /* Combined (exact reductions): the first block holds the run's
     * partials, the others the identity, which folds to the same bits. */
    const char *p = payload + r->partials.off;
    for (uint64_t b = t->b0; b < t->b1; b++) {
      unsigned char *dst = job->data + b * job->stride;
      for (uint32_t j = 0; j < job->nreds; j++) {
        uint64_t bytes = job->reds[j].count * job->reds[j].elem_size;
        if (r->combined && b > t->b0) {
          job->red_impls[j]->init(dst + job->red_off[j], job->reds[j].count);
          continue;
        }
        memcpy(dst + job->red_off[j], p, bytes);
        p += bytes;
      }
    }
  }
  if (r->has_last) {
    const char *p = payload + r->last.off;
    for (uint32_t j = 0; j < job->nlasts; j++) {
      if (job->lasts[j].size) memcpy(job->last_bufs[j], p, job->lasts[j].size);
      p += inst->wlasts[j];
    }
  }
  if (job->cache) par__cache_loop_store(job->cache, t->b0, t->b1);
  /* Task sizes follow the average of this execution's results so far:
   * the estimate carried from the previous execution only sizes the first
   * tasks. (A loop's first execution may be several times slower, its
   * workers' first touch of each page of the driver's arrays costing a
   * few microseconds; a running average across executions took dozens of
   * results to forget it, each a task a fraction of the size it should
   * have had.) */
  uint64_t ran = t->b1 - t->b0;
  uint64_t iters = par__block_lo(job->niters, job->nblocks, job->bsize, t->b1) -
                   par__block_lo(job->niters, job->nblocks, job->bsize, t->b0);
  inst->work_ns += r->time_ns;
  par__dloc_result(t, r->time_ns);
  inst->ran_blocks += ran;
  inst->ran_iters += iters;
  inst->est_ns = inst->work_ns / inst->ran_blocks;
  if (inst->est_ns < 1) inst->est_ns = 1;
  par__dest_t *le = par__dloop_est_of(inst->desc);
  if (le && inst->ran_iters) le->ns_per_iter = (double)inst->work_ns / (double)inst->ran_iters;
  inst->done_blocks += ran;
  inst->share[w->rank].iters += iters;
  inst->share[w->rank].end_ns = par__time_ns();
  if (PAR__UNLIKELY(par__obs_on))
    par__obs_remote_chunk(inst->desc, w->rank, t->obs_sent, r->time_ns,
                          par__block_lo(job->niters, job->nblocks, job->bsize, t->b0),
                          par__block_lo(job->niters, job->nblocks, job->bsize, t->b1), ran, bytes);
  *pp = t->next;
  w->inflight--;
  par__dw_settle(w, t);
  if (inst->done_blocks == job->nblocks) par__dinst_done(inst);
}

/* ---- worker loss: re-queuing, timeouts, heartbeats ------------------------- *
 *
 * A lost worker's tasks and calls run again on the others, up to retries(n)
 * times each (docs/fault-tolerance.md). Re-running is safe because a
 * remote task's writes reach the program's memory only with its results,
 * with one wrinkle: a worker sends the changes of whole from/tofrom arrays
 * once per batch (with the result that leaves no other task of the
 * instance on it), so a task whose RESULT is in may still have writes
 * there. Such a task is "held" (w->held) until that settling result comes,
 * and every byte its worker's unsettled results overwrote is kept in
 * w->undo; when the worker is lost the bytes are put back (newest first)
 * and held tasks run again with the ones in flight, so a read-modify-write
 * (`a[i] += x`) never sees its own earlier output. DATA that overflowed a
 * RESULT is logged the same way until that RESULT arrives. */

typedef struct par__dundo {
  struct par__dundo *next;
  uint64_t inst, task;
  uint32_t map; /* the segment it undoes: elements [first, first + count) */
  int64_t first;
  uint64_t count, elem_size;
  char *dst;      /* element `first` */
  uint64_t len;   /* bytes of the old elements, in bytes[] */
  uint64_t nmask; /* masked: the mask's bytes, after them in bytes[]; else 0 */
  unsigned char bytes[];
} par__dundo_t;

static const unsigned char *par__dundo_mask(const par__dundo_t *u) {
  return u->nmask ? u->bytes + u->len : NULL;
}

/* Puts u's old bytes back. */
static void par__dundo_restore(const par__dundo_t *u) {
  par__wire_mask_scatter(u->dst, par__dundo_mask(u), u->count, u->elem_size, u->bytes);
}

/* Keeps the bytes that segment s of a message from w (payload: its
 * payload) is about to overwrite. */
static void par__dw_log_write(par__dworker_t *w, const par__dinst_t *inst, uint64_t task,
                              const par__wire_segment_t *s, const char *payload) {
  const par__wire_map_t *mp = &inst->wmaps[s->map];
  char *dst = (char *)inst->args->maps[s->map].base + s->first * (int64_t)mp->elem_size;
  par__dundo_t *u = malloc(sizeof *u + s->bytes.len + s->mask.len);
  if (!u) par__driver_die("out of memory");
  *u = (par__dundo_t){.next = w->undo,
                      .inst = inst->id,
                      .task = task,
                      .map = s->map,
                      .first = s->first,
                      .count = s->count,
                      .elem_size = mp->elem_size,
                      .dst = dst,
                      .len = s->bytes.len,
                      .nmask = s->mask.len};
  if (s->mask.len) memcpy(u->bytes + u->len, payload + s->mask.off, s->mask.len);
  par__wire_mask_gather(u->bytes, par__dundo_mask(u), s->count, mp->elem_size, dst);
  w->undo = u;
}

/* Drops w's undo entries of instance `inst` (task 0: all of it, else that
 * task's only). */
static void par__dw_drop_undo(par__dworker_t *w, uint64_t inst, uint64_t task) {
  for (par__dundo_t **pp = &w->undo, *u; (u = *pp);) {
    if (u->inst == inst && (!task || u->task == task)) {
      *pp = u->next;
      free(u);
    } else {
      pp = &u->next;
    }
  }
}

static void par__dw_drop_held(par__dworker_t *w, const par__dinst_t *inst) {
  for (par__dtask_t **pp = &w->held, *t; (t = *pp);) {
    if (t->inst == inst) {
      *pp = t->next;
      free(t);
    } else {
      pp = &t->next;
    }
  }
}

/* Task t's RESULT from w is applied: t is done, unless its instance has
 * whole from/tofrom arrays and w still runs other tasks of it (then their
 * changes are not here yet: t is held). */
static void par__dw_settle(par__dworker_t *w, par__dtask_t *t) {
  par__dinst_t *inst = t->inst;
  if (!(w->shm ? inst->whole_out_copied : inst->whole_out)) {
    if (w->undo) par__dw_drop_undo(w, inst->id, t->id);
    free(t);
    return;
  }
  for (const par__dtask_t *o = w->tasks; o; o = o->next)
    if (o->inst == inst) {
      t->next = w->held;
      w->held = t;
      return;
    }
  free(t);
  par__dw_drop_held(w, inst);
  par__dw_drop_undo(w, inst->id, 0);
}

/* An instance is done: nothing of it may stay with any worker. */
static void par__dinst_forget(par__dinst_t *inst) {
  for (par__dworker_t *w = par__drv.peers; w; w = w->next) {
    par__dw_drop_held(w, inst);
    if (w->undo) par__dw_drop_undo(w, inst->id, 0);
  }
}

/* The other workers' copies of whole arrays may hold lost's unsettled
 * writes too: a whole array's DATA is read from the driver's memory when
 * it goes out, which for a large one is when its receiver pulls it (late,
 * when that worker was slow to run), or it went out after lost's results
 * were applied. A re-run of one of lost's tasks there would then start
 * from its own earlier output (`hist[perm[i]] += x` counted twice). So,
 * its bytes restored here, every worker that holds such a copy gets them
 * again: per array, one DATA whose mask marks the elements lost's undo log
 * covers, copied now, ahead of any re-run task on the same endpoint.
 * Elements another worker changed in its copy and has not sent yet stay
 * as they are there. */
static void par__dw_patch_copies(const par__dworker_t *lost) {
  par__driver_t *d = &par__drv;
  /* the log's (instance, whole array) pairs, each by its first entry: a
   * few, where the log may hold many thousand entries */
  const par__dundo_t **groups = NULL;
  size_t ngroups = 0, cap = 0;
  for (const par__dundo_t *u = lost->undo; u; u = u->next) {
    size_t k = 0;
    while (k < ngroups && !(groups[k]->inst == u->inst && groups[k]->map == u->map))
      k++;
    if (k < ngroups) continue;
    par__dinst_t *inst = par__driver_find_inst(u->inst);
    if (!inst || !inst->sent || (inst->wmaps[u->map].flags & PARRT_MAP_SLICE)) continue;
    if (ngroups == cap) {
      cap = cap ? 2 * cap : 8;
      const par__dundo_t **n = realloc(groups, cap * sizeof *n);
      if (!n) par__driver_die("out of memory");
      groups = n;
    }
    groups[ngroups++] = u;
  }
  for (size_t gi = 0; gi < ngroups; gi++) {
    const par__dundo_t *g = groups[gi];
    par__dinst_t *inst = par__driver_find_inst(g->inst);
    int64_t lo = g->first, hi = g->first + (int64_t)g->count;
    for (const par__dundo_t *u = g->next; u; u = u->next) {
      if (u->inst != g->inst || u->map != g->map) continue;
      if (u->first < lo) lo = u->first;
      if (u->first + (int64_t)u->count > hi) hi = u->first + (int64_t)u->count;
    }
    uint64_t span = (uint64_t)(hi - lo), nmask = (span + 7) / 8, es = g->elem_size;
    if (!span) continue;
    unsigned char *mask = calloc(nmask, 1);
    if (!mask) par__driver_die("out of memory");
    for (const par__dundo_t *u = g; u; u = u->next) {
      if (u->inst != g->inst || u->map != g->map) continue;
      const unsigned char *um = par__dundo_mask(u);
      uint64_t at = (uint64_t)(u->first - lo);
      for (uint64_t k = 0; k < u->count; k++)
        if (!um || (um[k / 8] >> (k % 8)) & 1)
          mask[(at + k) / 8] |= (unsigned char)(1u << ((at + k) % 8));
    }
    const char *src = (const char *)inst->args->maps[g->map].base + lo * (int64_t)es;
    for (uint32_t r = 1; r <= d->node.nworkers; r++) {
      par__dworker_t *o = d->by_rank[r];
      if (!o || o == lost || o->state != PAR__DW_ADMITTED || !inst->sent[r] ||
          !par__dinst_data_map(inst, o, g->map))
        continue;
      par__dmsg_t *m = par__dmsg_new();
      unsigned char *own = malloc(span * es + nmask);
      if (!(m->owned = own)) par__driver_die("out of memory");
      memcpy(own, mask, nmask);
      uint64_t len = par__wire_mask_gather(own + nmask, mask, span, es, src);
      par__wire_data_t data = {.instance = inst->id,
                               .seg = {.map = g->map, .first = lo, .count = span}};
      if (par__wire_buf_add(&m->buf, own + nmask, len, &data.seg.bytes) != PAR_OK ||
          par__wire_buf_add(&m->buf, own, nmask, &data.seg.mask) != PAR_OK ||
          par__wire_encode_data(&m->buf, &data) != PAR_OK)
        par__dmsg_encode_fail(m, "data");
      m->obs_what = inst->desc;
      par__dmsg_send(o, m);
    }
    free(mask);
  }
  free(groups);
}

static int64_t par__dcall_retries(const parrt_fn_desc_t *desc) {
  return desc->retries >= 0 ? desc->retries : PAR__DRIVER_RETRIES;
}

/* Everything w had goes back: the bytes of its unsettled writes, its tasks
 * (in flight and held) to their instances' retry lists, its calls to the
 * front of the pending list. One more attempt is counted for each; one
 * over its retries, or no worker left with work to do, sets w->fatal. */
static void par__dw_requeue(par__dworker_t *w) {
  par__driver_t *d = &par__drv;
  char lab[400];
  par__dw_running(w, w->running, sizeof w->running);
  for (par__dundo_t *u = w->undo; u; u = u->next)
    par__dundo_restore(u);
  par__dw_patch_copies(w);
  for (par__dundo_t *u = w->undo, *next; u; u = next) {
    next = u->next;
    free(u);
  }
  w->undo = NULL;
  uint32_t ntasks = 0, ncalls = 0;
  par__dtask_t *lists[2] = {w->tasks, w->held};
  w->tasks = w->held = NULL;
  w->inflight = 0;
  for (int k = 0; k < 2; k++) {
    for (par__dtask_t *t = lists[k], *next; t; t = next) {
      next = t->next;
      par__dinst_t *inst = t->inst;
      if (k == 1) inst->done_blocks -= t->b1 - t->b0;
      t->started_ns = 0;
      bool spent = ++t->attempts > inst->retries;
      bool in_place = w->shm && inst->shm_rw; /* its shared tofrom data may be half rewritten */
      if (in_place && !*w->fatal) {
        snprintf(w->running, sizeof w->running, " while running %s",
                 par__loop_label(inst->desc, lab, sizeof lab));
        snprintf(w->fatal, sizeof w->fatal,
                 "; it may have written the loop's map(tofrom) data in place, in the driver's "
                 "shared memory, so its chunk cannot run again (PAR_SHM=0 copies the data instead "
                 "and makes the chunk retryable)");
      }
      if (spent && !*w->fatal) {
        snprintf(w->running, sizeof w->running, " while running %s",
                 par__loop_label(inst->desc, lab, sizeof lab));
        snprintf(w->fatal, sizeof w->fatal, "; the chunk was tried %u time%s (retries(%lld))",
                 t->attempts, t->attempts == 1 ? "" : "s", (long long)inst->retries);
      }
      if (spent || in_place) {
        /* The job stops (par__driver_check_lost): the chunk must not run
         * again meanwhile, nor its loop complete without it. */
        free(t);
        ntasks++;
        continue;
      }
      if (par__obs_on) par__obs_retry(inst->desc, false);
      t->next = inst->retry;
      inst->retry = t;
      inst->requeued = true;
      ntasks++;
    }
  }
  par__dcall_t *head = NULL, *last = NULL, **tail = &head;
  for (par__dcall_t *c = w->calls, *next; c; c = next) {
    next = c->next;
    for (uint32_t i = 0; i < c->nchained; i++) {
      par__dcall_t *sc = c->chained[i];
      sc->chained_out--;
      par__dcall_release(sc);
    }
    free(c->chained);
    c->chained = NULL;
    c->nchained = 0;
    c->rank = 0;
    c->t->rank = 0;
    c->started_ns = 0;
    const parrt_fn_desc_t *desc = c->t->desc;
    if (++c->attempts > par__dcall_retries(desc) && !*w->fatal) {
      snprintf(w->running, sizeof w->running, " while running %s",
               par__fn_label(desc, lab, sizeof lab));
      snprintf(w->fatal, sizeof w->fatal, "; the call was tried %u time%s (retries(%lld))",
               c->attempts, c->attempts == 1 ? "" : "s", (long long)par__dcall_retries(desc));
    }
    if (par__obs_on) par__obs_retry(desc, true);
    *tail = last = c;
    tail = &c->next;
    ncalls++;
  }
  w->calls = NULL;
  w->cinflight = 0;
  if (head) {
    *tail = d->cpend_head;
    if (!d->cpend_head) d->cpend_tail = last;
    d->cpend_head = head;
  }
  w->nforget = 0;
  if (!w->remote) {
    d->local_lost_at = par__time_ns();
    par__dw_label(w, d->local_lost, sizeof d->local_lost);
  }
  d->alive--;
  d->slots -= w->threads;
  if (!d->alive && !*w->fatal && (d->active_head || d->cpend_head))
    snprintf(w->fatal, sizeof w->fatal, "; no worker is left to run it");
  PAR__LOG_INFO("worker %d lost: %u tasks and %u calls go back to the queue", w->rank, ntasks,
                ncalls);
}

/* The driver gives up on w (a chunk past its timeout, or silence): it is
 * killed when it runs on this host (its pid means something here), its
 * connection is dropped either way (a worker whose main thread still runs
 * exits when it sees that), and what it had runs elsewhere. */
static void par__dw_stop(par__dworker_t *w) {
  if (!w->remote && w->pid > 1) kill((pid_t)w->pid, SIGKILL);
  par__dw_mark_lost(w, PAR_ERR_CANCELED);
}

/* Timeouts: a task or call whose worker could have started it (it is
 * among the first `threads` of that worker's list) longer ago than its
 * timeout(s) stops the worker. */
static void par__driver_check_timeouts(uint64_t now) {
  par__driver_t *d = &par__drv;
  for (uint32_t r = 1; r <= d->node.nworkers; r++) {
    par__dworker_t *w = d->by_rank[r];
    if (!w || w->state != PAR__DW_ADMITTED) continue;
    uint32_t n = 0;
    for (par__dtask_t *t = w->tasks; t && n < w->threads; t = t->next, n++) {
      if (!t->started_ns) t->started_ns = now;
      if (!t->inst->timeout_ns || now - t->started_ns <= t->inst->timeout_ns) continue;
      snprintf(w->why, sizeof w->why, "was stopped after a chunk ran longer than timeout(%g)",
               t->inst->timeout_ns / 1e9);
      break;
    }
    n = 0;
    for (par__dcall_t *c = w->calls; c && n < w->threads && !*w->why; c = c->next, n++) {
      if (!c->started_ns) c->started_ns = now;
      double to = c->t->desc->timeout;
      if (!(to > 0) || now - c->started_ns <= (uint64_t)(to * 1e9)) continue;
      snprintf(w->why, sizeof w->why, "was stopped after a call ran longer than timeout(%g)", to);
    }
    if (*w->why) par__dw_stop(w);
  }
}

/* Heartbeats: one to every worker each PAR__DRIVER_HEARTBEAT_MS; a worker
 * on another host that sent nothing for PAR__DRIVER_SILENT_NS (its host
 * cut off, the process stopped) is lost. A worker on this host is not
 * judged by silence: its death is seen at once (parrun's `exited`, UCX's
 * check of the pid over shared memory), and silence there only means an
 * overloaded machine. Nor is any worker judged when this thread itself
 * was not running for a while (the machine, not the worker, was stuck). */
static void par__driver_heartbeats(uint64_t now) {
  par__driver_t *d = &par__drv;
  static uint64_t prev;
  /* before `ready` too: the first workers admitted wait for the others */
  bool starved = prev && now - prev > PAR__DRIVER_SILENT_NS / 3;
  prev = now;
  bool beat = now - d->hb_last >= (uint64_t)PAR__DRIVER_HEARTBEAT_MS * 1000000u;
  if (beat) d->hb_last = now, d->hb_seq++;
  /* A worker killed while it wrote into this process's shared-memory queue
   * (UCX's sysv/posix transports) can leave that queue blocked for every
   * sender on this host. Then the workers here keep working but nothing of
   * theirs arrives, heartbeats included: stop with an explanation rather
   * than wait forever (docs/fault-tolerance.md). */
  if (starved) d->local_heard = now;
  if (d->local_lost_at) {
    bool busy = false;
    for (uint32_t r = 1; r <= d->node.nworkers; r++) {
      const par__dworker_t *w = d->by_rank[r];
      if (w && w->state == PAR__DW_ADMITTED && !w->remote && (w->tasks || w->calls)) busy = true;
    }
    uint64_t since = d->local_heard > d->local_lost_at ? d->local_heard : d->local_lost_at;
    if (busy && now - since > PAR__DRIVER_SHM_STALL_NS)
      par__driver_die("after %s was lost, nothing arrived from the other workers on this host for "
                      "%.0f s: a process killed while it wrote into UCX's shared-memory queue "
                      "blocks that queue; to survive such deaths leave UCX_TLS unset or "
                      "exclude sysv and posix (docs/fault-tolerance.md)",
                      d->local_lost, (now - since) / 1e9);
  }
  for (uint32_t r = 1; r <= d->node.nworkers; r++) {
    par__dworker_t *w = d->by_rank[r];
    if (!w || w->state != PAR__DW_ADMITTED) continue;
    if (starved || !w->remote) w->last_recv = now;
    if (now - w->last_recv > PAR__DRIVER_SILENT_NS) {
      snprintf(w->why, sizeof w->why, "stopped answering (nothing heard from it for %.1f s)",
               (now - w->last_recv) / 1e9);
      par__dw_stop(w);
      continue;
    }
    if (!beat) continue;
    par__dmsg_t *m = par__dmsg_new();
    par__wire_heartbeat_t hb = {.seq = d->hb_seq};
    if (par__wire_encode_heartbeat(&m->buf, &hb) != PAR_OK) par__dmsg_encode_fail(m, "heartbeat");
    par__dmsg_send(w, m);
  }
}

static void par__driver_recv(par__net_peer_t *peer, const void *hdr, size_t hdr_len, void *data,
                             size_t data_len, void *user) {
  (void)user;
  par__dworker_t *w = par__net_peer_user(peer);
  if (!w || w->state == PAR__DW_CLOSED) return;
  par__wire_msg_t msg;
  par__wire_diag_t diag;
  par_status_t st = par__wire_decode(hdr, hdr_len, data_len, &msg, &diag);
  if (w->state == PAR__DW_HANDSHAKE) {
    char reason[400];
    if (st == PAR__WIRE_ERR_VERSION) {
      snprintf(reason, sizeof reason, "protocol version %llu is not this driver's version %u",
               (unsigned long long)diag.version, PAR__WIRE_VERSION);
      par__dw_refuse(w, reason);
    } else if (st != PAR_OK) {
      snprintf(reason, sizeof reason, "malformed hello: %s", diag.text);
      par__dw_refuse(w, reason);
    } else if (msg.type != PAR__WIRE_HELLO) {
      snprintf(reason, sizeof reason, "expected hello, got %s", par__wire_type_name(msg.type));
      par__dw_refuse(w, reason);
    } else {
      par__dw_admit(w, &msg.u.hello);
    }
    par__wire_msg_free(&msg);
    return;
  }
  if (w->state != PAR__DW_ADMITTED) {
    par__wire_msg_free(&msg);
    return;
  }
  if (st != PAR_OK) par__driver_protocol(w, diag.text);
  w->last_recv = par__time_ns();
  if (!w->remote) par__drv.local_heard = w->last_recv;
  switch (msg.type) {
  case PAR__WIRE_RESULT:
    par__driver_result(w, &msg.u.result, data, hdr_len + data_len);
    break;
  case PAR__WIRE_RETURN:
    par__driver_return(w, &msg.u.ret, data, hdr_len + data_len);
    break;
  case PAR__WIRE_DATA: {
    par__dinst_t *inst = par__driver_find_inst(msg.u.data.instance);
    if (!inst) par__driver_protocol(w, "data for an instance that is not running");
    if (par__wire_check_data_back(&inst->wl, &msg.u.data, &diag) != PAR_OK ||
        par__wire_check_mask(&msg.u.data.seg, inst->wmaps[msg.u.data.seg.map].elem_size, data,
                             &diag) != PAR_OK)
      par__driver_protocol(w, diag.text);
    par__dw_log_write(w, inst, msg.u.data.task, &msg.u.data.seg, data);
    par__driver_write_seg(inst, &msg.u.data.seg, data);
    if (PAR__UNLIKELY(par__obs_on)) par__obs_recv(inst->desc, false, hdr_len + data_len);
    break;
  }
  case PAR__WIRE_ERROR: {
    char wl[320];
    const par__dinst_t *inst = par__driver_find_inst(msg.u.error.instance);
    if (!inst) inst = par__dw_current(w);
    char ll[400] = "";
    if (inst) par__loop_label(inst->desc, ll, sizeof ll);
    par__driver_die("%s%s%s: %s", inst ? ll : "", inst ? " failed on " : "",
                    par__dw_label(w, wl, sizeof wl), msg.u.error.message);
  }
  case PAR__WIRE_HEARTBEAT:
    break;
  case PAR__WIRE_BYE:
    snprintf(w->why, sizeof w->why, "left the job");
    par__dw_mark_lost(w, PAR_ERR_PEER_LOST);
    break;
  default: {
    char what[96];
    snprintf(what, sizeof what, "unexpected %s message", par__wire_type_name(msg.type));
    par__driver_protocol(w, what);
  }
  }
  par__wire_msg_free(&msg);
}

static void par__driver_error(par__net_peer_t *peer, par_status_t st, void *user) {
  (void)user;
  par__dworker_t *w = par__net_peer_user(peer);
  if (!w) return;
  if (w->bye) { /* it hung up after BYE */
    w->bye = false;
    return;
  }
  if (w->state == PAR__DW_HANDSHAKE) {
    PAR__LOG_INFO("connection from %s failed before hello: %s", w->name, par__status_message(st));
    par__net_peer_close(w->peer);
    w->peer = NULL;
    w->state = PAR__DW_CLOSED;
    return;
  }
  if (st == PAR_ERR_PROTOCOL) {
    char wl[320];
    par__driver_die("%s sent a malformed frame", par__dw_label(w, wl, sizeof wl));
  }
  par__dw_mark_lost(w, st);
}

static void par__driver_accept(par__net_peer_t *peer, void *user) {
  (void)user;
  par__dworker_t *w = calloc(1, sizeof *w);
  if (!w) {
    par__net_peer_close(peer);
    return;
  }
  w->peer = peer;
  w->state = PAR__DW_HANDSHAKE;
  snprintf(w->name, sizeof w->name, "%s", par__net_peer_name(peer));
  w->next = par__drv.peers;
  par__drv.peers = w;
  par__net_peer_set_user(peer, w);
}

/* ---- parrun's control channel --------------------------------------------- */

static void par__driver_control_line(char *line) {
  par__driver_t *d = &par__drv;
  int rank;
  int off = 0;
  if (sscanf(line, "exited %d %n", &rank, &off) == 1 && off > 0 && rank >= 1 &&
      (uint32_t)rank <= d->node.nworkers) {
    snprintf(d->exit_info[rank], sizeof d->exit_info[rank], "%s", line + off);
    par__dworker_t *w = d->by_rank[rank];
    if (w && w->state == PAR__DW_ADMITTED && !d->stopping) par__dw_mark_lost(w, PAR_ERR_PEER_LOST);
  }
}

static void par__driver_control_read(void) {
  par__driver_t *d = &par__drv;
  int fd = d->node.control_fd;
  if (fd < 0) return;
  for (;;) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0) return;
    ssize_t n = recv(fd, d->ctl_buf + d->ctl_len, sizeof d->ctl_buf - 1 - d->ctl_len, MSG_DONTWAIT);
    if (n <= 0) {
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
      /* parrun is gone: nothing more will come. */
      close(fd);
      d->node.control_fd = -1;
      return;
    }
    d->ctl_len += (size_t)n;
    d->ctl_buf[d->ctl_len] = 0;
    char *start = d->ctl_buf, *nl;
    while ((nl = strchr(start, '\n'))) {
      *nl = 0;
      par__driver_control_line(start);
      start = nl + 1;
    }
    d->ctl_len -= (size_t)(start - d->ctl_buf);
    memmove(d->ctl_buf, start, d->ctl_len);
    if (d->ctl_len == sizeof d->ctl_buf - 1) d->ctl_len = 0; /* a line too long: drop it */
  }
}

/* ---- the network thread --------------------------------------------------- */

/* Moves what the program's threads submitted to the network thread's lists
 * (each list is appended whole: submissions keep their order). */
static void par__driver_take_submissions(void) {
  par__driver_t *d = &par__drv;
  pthread_mutex_lock(&d->mu);
  if (d->submit_head) {
    if (d->active_tail) d->active_tail->next = d->submit_head;
    else d->active_head = d->submit_head;
    d->active_tail = d->submit_tail;
  }
  if (d->csubmit_head) {
    if (d->cpend_tail) d->cpend_tail->next = d->csubmit_head;
    else d->cpend_head = d->csubmit_head;
    d->cpend_tail = d->csubmit_tail;
  }
  d->submit_head = d->submit_tail = NULL;
  d->csubmit_head = d->csubmit_tail = NULL;
  pthread_mutex_unlock(&d->mu);
}

static void par__driver_bye(void) {
  par__driver_t *d = &par__drv;
  for (par__dworker_t *w = d->peers; w; w = w->next) {
    if (w->state != PAR__DW_ADMITTED) continue;
    par__dmsg_t *m = par__dmsg_new();
    if (par__wire_encode_bye(&m->buf) == PAR_OK) par__dmsg_send(w, m);
    else par__dmsg_done(PAR_OK, m);
    w->state = PAR__DW_CLOSED;
    w->bye = true;
  }
}

static bool par__driver_bye_pending(void) {
  for (par__dworker_t *w = par__drv.peers; w; w = w->next)
    if (w->bye) return true;
  return false;
}

/* One round of the driver's work: hand out what was submitted, wait for
 * the network (until something arrives or someone signals), then the
 * periodic checks. The caller holds drive_mu. */
static void par__driver_turn(void) {
  par__driver_t *d = &par__drv;
  par__driver_take_submissions();
  par__driver_schedule();
  par__driver_schedule_calls();
  par__driver_flush_forget();
  int n = par__net_progress(d->net, PAR__NET_TICK_MS);
  if (n < 0) par__driver_die("network progress failed: %s", par__status_message((par_status_t)n));
  /* parrun's lines (a worker's exit) can wait a millisecond; a poll of the
   * control socket at every turn was one system call in eight of the
   * driver's, one turn per result. */
  uint64_t now = par__time_ns();
  if (now - d->ctl_read_at >= PAR__DRIVER_CTL_NS) {
    d->ctl_read_at = now;
    par__driver_control_read();
    /* a line may have marked a worker lost after `now`: the checks below
     * subtract such times from it */
    now = par__time_ns();
  }
  par__driver_heartbeats(now);
  par__driver_check_timeouts(now);
  par__driver_check_lost();
}

/* Whether the driver has work under way besides a finished loop: other
 * instances, calls queued or in flight, FORGETs to send. Drive_mu held. */
static bool par__driver_busy(void) {
  par__driver_t *d = &par__drv;
  if (d->active_head || d->cpend_head) return true;
  for (par__dworker_t *w = d->peers; w; w = w->next)
    if (w->cinflight || w->nforget || w->tasks) return true;
  return false;
}

/* The network thread: drives the net whenever no loop's caller does. */
static void *par__driver_main(void *arg) {
  (void)arg;
  par__shm_exclude_thread();
  par__driver_t *d = &par__drv;
  atomic_store(&par__drv_thread_id, pthread_self());
  for (;;) {
    pthread_mutex_lock(&d->mu);
    for (;;) {
      if (d->stopping) break;
      uint64_t now = par__time_ns();
      if (!d->callers && now >= d->park_until) break;
      d->parked = true;
      /* While a loop's caller drives, look again now and then: its end
       * wakes this thread only when other work waits (par__driver_loop). */
      struct timespec ts =
          par__timespec_at(d->callers ? now + PAR__DRIVER_PARK_CHECK_NS : d->park_until);
      pthread_cond_timedwait(&d->park_cv, &d->mu, &ts);
      d->parked = false;
    }
    bool stop = d->stopping;
    pthread_mutex_unlock(&d->mu);
    if (stop) break;
    pthread_mutex_lock(&d->drive_mu);
    par__driver_turn();
    pthread_mutex_unlock(&d->drive_mu);
  }
  /* The end (exit): another thread of the program may still be driving
   * its loop; once that is done, the net is ours for good. The lock is
   * never given back: a loop begun after this waits until the process
   * ends, as it always did. */
  pthread_mutex_lock(&d->drive_mu);
  par__driver_bye();
  /* Workers hang up on BYE: wait for that (PAR__DRIVER_BYE_WAIT_NS at
   * most) before closing. A worker whose address endpoint to this process
   * was still connecting when a short job ended would otherwise find no one
   * there, and UCX would log a refused connection for it. */
  uint64_t until = par__time_ns() + PAR__DRIVER_BYE_WAIT_NS;
  while (par__driver_bye_pending() && par__time_ns() < until)
    par__net_progress(d->net, 5);
  for (par__dworker_t *w = d->peers, *next; w; w = next) {
    next = w->next;
    if (w->peer) par__net_peer_close(w->peer);
    free(w->forget);
    free(w);
  }
  d->peers = NULL;
  par__net_destroy(d->net);
  d->net = NULL;
  return NULL;
}

/* ---- the program's side --------------------------------------------------- */

bool par__driver_active(void) { return atomic_load_explicit(&par__drv.active, memory_order_acquire); }

bool par__driver_can_run(const parrt_loop_desc_t *desc) {
  return desc->nmaps <= PAR__WIRE_MAX_MAPS && desc->nreds <= PAR__WIRE_MAX_REDS &&
         desc->nlasts <= PAR__WIRE_MAX_LASTS;
}

uint64_t par__driver_min_ns(void) { return par__drv_min_ns; }

int par__node_nworkers(void) {
  const par__config_t *cfg = par__config_get();
  if (cfg->role == PAR__ROLE_STANDALONE) return 0;
  const char *n = getenv("PAR_NWORKERS");
  return n ? atoi(n) : 0;
}

uint64_t par__driver_loop(par__job_t *job, const parrt_loop_desc_t *desc,
                          const parrt_loop_args_t *args) {
  par__driver_t *d = &par__drv;
  par__dinst_t *inst = calloc(1, sizeof *inst);
  if (!inst) par__driver_die("out of memory");
  pthread_mutex_lock(&d->mu);
  inst->id = ++d->next_instance;
  pthread_mutex_unlock(&d->mu);
  par__dinst_init(inst, job, desc, args);
  pthread_mutex_lock(&d->mu);
  if (d->submit_tail) d->submit_tail->next = inst;
  else d->submit_head = inst;
  d->submit_tail = inst;
  d->callers++;
  /* The network thread, if it is in a turn, ends it and parks. */
  if (!d->parked) par__net_signal(d->net);
  pthread_mutex_unlock(&d->mu);

  /* Drive the net until the instance is done (another loop's caller may
   * be driving it meanwhile: then this one waits for the lock, and finds
   * its instance done or drives the rest). */
  pthread_mutex_lock(&d->drive_mu);
  while (!atomic_load_explicit(&inst->done, memory_order_acquire))
    par__driver_turn();
  bool busy = par__driver_busy();
  pthread_mutex_unlock(&d->drive_mu);
  pthread_mutex_lock(&d->mu);
  d->callers--;
  /* Park the network thread only when nothing else is under way (another
   * thread's loop or calls would wait for it). */
  busy = busy || d->submit_head || d->csubmit_head;
  d->park_until = busy ? 0 : par__time_ns() + PAR__DRIVER_PARK_NS;
  /* Nothing else under way: the parked network thread finds the net free
   * at its next look (PAR__DRIVER_PARK_CHECK_NS), by when the program's
   * next loop has usually taken it. Waking it here cost a context switch
   * per loop, on the loop's path (7-23 µs on the 2-core VM). */
  if (!d->callers && d->parked && busy) pthread_cond_signal(&d->park_cv);
  pthread_mutex_unlock(&d->mu);
  uint64_t ns = inst->work_ns;
  free(inst->wmaps);
  free(inst->shm);
  free(inst->wreds);
  free(inst->wlasts);
  free(inst);
  return ns;
}

void par__driver_stop(void) {
  par__driver_t *d = &par__drv;
  if (!d->thread_started) return;
  if (pthread_equal(pthread_self(), atomic_load(&par__drv_thread_id))) return;
  /* The signal is sent under the lock: the network thread only sees
   * `stopping` (and then destroys the net) after the signal is done. */
  pthread_mutex_lock(&d->mu);
  bool was = d->stopping;
  d->stopping = true;
  atomic_store(&d->active, false);
  if (!was) par__net_signal(d->net);
  pthread_cond_signal(&d->park_cv);
  pthread_mutex_unlock(&d->mu);
  if (was) return;
  pthread_join(d->thread, NULL);
  d->thread_started = false;
  fflush(stdout);
}

void par__driver_start(void) {
  par__driver_t *d = &par__drv;
  char err[512];
  if (par__node_load(&d->node, err, sizeof err) != PAR_OK) par__driver_die("%s", err);
  const char *min = getenv("PAR_REMOTE_MIN_US");
  uint64_t min_us = PAR__DRIVER_MIN_US_DEFAULT;
  if (min && *min) {
    char *end;
    unsigned long long v = strtoull(min, &end, 10);
    if (*end || min[0] == '-') par__driver_die("PAR_REMOTE_MIN_US='%s' is not a number of microseconds", min);
    min_us = v;
  }
  par__drv_min_ns = min_us * 1000u;
  const char *shm = getenv("PAR_SHM");
  if (shm && *shm && strcmp(shm, "0") != 0 && strcmp(shm, "1") != 0)
    par__driver_die("PAR_SHM='%s' must be 0 or 1", shm);
  d->shm_allowed = !shm || strcmp(shm, "0") != 0;
  uint64_t shm_min = PAR__DRIVER_SHM_MIN_DEFAULT;
  const char *smin = getenv("PAR_SHM_MIN");
  if (smin && *smin) {
    char *end;
    unsigned long long v = strtoull(smin, &end, 10);
    if (*end || smin[0] == '-') par__driver_die("PAR_SHM_MIN='%s' is not a number of bytes", smin);
    shm_min = v;
  }
  /* Results of a few MiB arrive all the time: keep their buffers in the
   * heap (no mmap/munmap and fresh-page faults per result). */
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  d->build_id = par__node_build_id(&d->build_id_len);
  if (!d->build_id) par__driver_die("cannot read this program's build id or contents (/proc/self/exe)");
  d->by_rank = calloc(d->node.nworkers + 1, sizeof *d->by_rank);
  d->declined = calloc(d->node.nworkers + 1, sizeof *d->declined);
  d->exit_info = calloc(d->node.nworkers + 1, sizeof *d->exit_info);
  if (!d->by_rank || !d->declined || !d->exit_info) par__driver_die("out of memory");
  pthread_mutex_init(&d->mu, NULL);
  pthread_cond_init(&d->cv, NULL);
  par__cond_init_monotonic(&d->park_cv);
  /* adaptive: a loop's caller takes it while the network thread ends its
   * turn, a matter of microseconds */
  par__mutex_init_adaptive(&d->drive_mu);

  par__net_callbacks_t cbs = {.recv = par__driver_recv, .error = par__driver_error,
                              .accept = par__driver_accept};
  par__node_ucx_defaults();
  par_status_t st = par__net_create(&cbs, &d->net);
  if (st != PAR_OK) par__driver_die("cannot start UCX: %s", par__status_message(st));
  uint16_t port = d->node.listen_port;
  st = par__net_listen(d->net, d->node.listen, &port);
  if (st != PAR_OK)
    par__driver_die("cannot listen on %s:%u: %s", *d->node.listen ? d->node.listen : "*",
                    d->node.listen_port, par__status_message(st));
  st = par__net_local_address(d->net, &d->address, &d->address_len);
  if (st != PAR_OK) par__driver_die("cannot get the UCX worker address: %s", par__status_message(st));
  par__node_control(d->node.control_fd, "listen %s %u", *d->node.listen ? d->node.listen : "0.0.0.0",
                    port);
  PAR__LOG_INFO("driver listening on %s:%u for %u workers", *d->node.listen ? d->node.listen : "*",
                port, d->node.nworkers);

  if (d->node.nworkers == 0) {
    par__node_control(d->node.control_fd, "ready");
    par__net_destroy(d->net);
    d->net = NULL;
    return;
  }
  /* Signals for the program's threads, not this one. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int rc = pthread_create(&d->thread, NULL, par__driver_main, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (rc != 0) par__driver_die("cannot start the network thread: %s", strerror(rc));
  d->thread_started = true;
  atexit(par__driver_stop);

  pthread_mutex_lock(&d->mu);
  while (!d->ready) pthread_cond_wait(&d->cv, &d->mu);
  pthread_mutex_unlock(&d->mu);
  /* Every worker is in: with one on this machine, large arrays that main
   * allocates from now on go to shared memory. */
  if (d->shm_workers && !par__shm_enable(shm_min))
    PAR__LOG_WARN("cannot reserve address space for shared memory; arrays will be copied");
}

/* ---- function calls: the program's side ----------------------------------- */

bool par__driver_fn_ok(const parrt_fn_desc_t *desc) {
  return desc->nmaps <= PAR__WIRE_MAX_MAPS;
}

void par__driver_fn_submit(par__fntask_t *t) {
  par__driver_t *d = &par__drv;
  par__dcall_t *c = calloc(1, sizeof *c);
  if (!c) par__driver_die("out of memory");
  par__fn_ref(t);
  c->t = t;
  c->keep = t->lhs && t->site && t->site->store;
  pthread_mutex_lock(&d->mu);
  c->id = ++d->next_call;
  t->remote = c;
  t->remote_id = c->id;
  /* The network thread takes the whole list at once: only the first call
   * of a list needs to wake it. */
  bool wake = !d->csubmit_head;
  if (d->csubmit_tail) d->csubmit_tail->next = c;
  else d->csubmit_head = c;
  d->csubmit_tail = c;
  if (wake) par__net_signal(d->net);
  /* A parked network thread drives again now (unless a loop's caller is
   * driving: that one takes the call at its next turn). */
  d->park_until = 0;
  if (d->parked && !d->callers) pthread_cond_signal(&d->park_cv);
  pthread_mutex_unlock(&d->mu);
}
