/* job.c: the life of one parrun job (see job.h). */
#define _GNU_SOURCE 1
#include "job.h"

#include "job_impl.h"
#include "launch.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- signals ------------------------------------------------------------- */

static int g_wake[2] = {-1, -1};
static volatile sig_atomic_t g_signal;      /* the last terminating signal */
static volatile sig_atomic_t g_signal_n;    /* how many came */
static volatile sig_atomic_t g_signal_user; /* the last came from kill(2), not a tty */

static void on_signal(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  int e = errno;
  if (sig != SIGCHLD) {
    g_signal = sig;
    g_signal_n++;
    g_signal_user = si && si->si_code <= 0; /* SI_USER, SI_QUEUE, SI_TKILL */
  }
  char c = 0;
  ssize_t w = write(g_wake[1], &c, 1);
  (void)w;
  errno = e;
}

static const int k_term_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static int signals_install(void) {
  if (pipe2(g_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    tool_error("cannot make a pipe: %s", strerror(errno));
    return -1;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGCHLD, &sa, NULL);
  for (size_t i = 0; i < sizeof k_term_signals / sizeof k_term_signals[0]; i++) {
    struct sigaction old;
    sigaction(k_term_signals[i], NULL, &old);
    if (old.sa_handler == SIG_IGN && k_term_signals[i] != SIGTERM)
      continue; /* ignored when parrun started (nohup, background job): stays so */
    sigaction(k_term_signals[i], &sa, NULL);
  }
  signal(SIGPIPE, SIG_IGN);
  return 0;
}

static void die_of(int sig) {
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig);
}

/* ---- small pieces ------------------------------------------------------------ */

static const char *make_token(void) {
  unsigned char b[16];
  size_t got = 0;
  while (got < sizeof b) {
    ssize_t r = getrandom(b + got, sizeof b - got, 0);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      return NULL;
    }
    got += (size_t)r;
  }
  char *hex = tool_xmalloc(33);
  for (int i = 0; i < 16; i++)
    snprintf(hex + 2 * i, 3, "%02x", b[i]);
  return hex;
}

static void raise_fd_limit(long nworkers) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
    return;
  rlim_t want = (rlim_t)nworkers * 2 + 64;
  if (rl.rlim_cur >= want)
    return;
  rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
}


/* "worker 2 on host b" / "worker 2 on host b (via ssh)" */
static const char *proc_name(const proc_t *p) {
  if (p->kind == PROC_DRIVER)
    return tool_fmt("the driver (rank 0) on host %s", p->host);
  if (p->kind == PROC_STEP)
    return tool_fmt("the srun step of %s", prun_ranks_text(p->rank_lo, p->rank_hi));
  if (p->via)
    return tool_fmt("worker %ld on host %s (via %s)", p->rank_lo, p->host, p->via);
  return tool_fmt("worker %ld on host %s", p->rank_lo, p->host);
}

/* What a wait status says, with a hint where a launcher turned a remote
 * signal into an exit status (as ssh and shells do: 128+N). */
static const char *proc_status(const proc_t *p) {
  const char *d = prun_status_describe(p->status);
  if (p->via && WIFEXITED(p->status)) {
    int c = WEXITSTATUS(p->status);
    if (c > 128 && c < 128 + 65)
      return tool_fmt("%s (128+%d: killed by %s?)", d, c - 128, prun_signal_name(c - 128));
  }
  return d;
}

static int status_ok(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

static int any_running(const job_t *j) {
  for (int i = 0; i < j->nprocs; i++)
    if (j->procs[i].running)
      return 1;
  return 0;
}

static void proc_signal(proc_t *p, int sig) {
  if (!p->running)
    return;
  if (p->own_group && kill(-p->pid, sig) == 0)
    return;
  kill(p->pid, sig);
}

/* ---- ending ----------------------------------------------------------------- */

/* Enters ENDING: processes still running get SIGTERM after grace_ms (the
 * driver only when stop_driver), SIGKILL PRUN_TERM_KILL_MS later. */
static void job_end(job_t *j, int failed, int64_t grace_ms, int stop_driver) {
  if (failed)
    j->failed = 1;
  int64_t now = prun_now_ms();
  if (j->phase == PH_ENDING) {
    /* A later failure only makes it sooner. */
    if (stop_driver)
      j->stop_driver = 1;
    if (j->term_at && now + grace_ms < j->term_at) {
      j->term_at = now + grace_ms;
      j->kill_at = j->term_at + PRUN_TERM_KILL_MS;
      j->giveup_at = j->kill_at + PRUN_REAP_GIVEUP_MS;
    }
    return;
  }
  j->phase = PH_ENDING;
  j->stop_driver = stop_driver;
  j->term_at = now + grace_ms;
  j->kill_at = j->term_at + PRUN_TERM_KILL_MS;
  j->giveup_at = j->kill_at + PRUN_REAP_GIVEUP_MS;
}

static void job_fail(job_t *j) { job_end(j, 1, 0, 1); }

static void ending_tick(job_t *j, int64_t now) {
  if (j->term_at && now >= j->term_at) {
    j->term_at = 0;
    for (int i = 0; i < j->nprocs; i++) {
      proc_t *p = &j->procs[i];
      if (p->kind == PROC_DRIVER && !j->stop_driver)
        continue;
      if (p->running && j->o->verbose)
        tool_note("stopping %s (SIGTERM)", proc_name(p));
      proc_signal(p, SIGTERM);
    }
  }
  if (j->kill_at && now >= j->kill_at) {
    j->kill_at = 0;
    for (int i = 0; i < j->nprocs; i++) {
      proc_t *p = &j->procs[i];
      if (p->running)
        tool_warning("%s did not stop within %d s: sending SIGKILL", proc_name(p),
                     PRUN_TERM_KILL_MS / 1000);
      proc_signal(p, SIGKILL);
    }
  }
}

/* ---- the driver and the workers ------------------------------------------ */

/* ---- the control channel ------------------------------------------------- */

/* The host part of PAR_LISTEN ("h", "h:p", "[v6]:p"). */
static const char *listen_host(const char *listen) {
  if (listen[0] == '[') {
    const char *close = strchr(listen, ']');
    return close ? tool_xstrndup(listen + 1, (size_t)(close - listen - 1)) : listen;
  }
  const char *colon = strchr(listen, ':');
  if (colon && !strchr(colon + 1, ':'))
    return tool_xstrndup(listen, (size_t)(colon - listen));
  return listen;
}

static void on_listen(job_t *j, const prun_ctl_msg_t *m) {
  if (j->phase == PH_ENDING)
    return;
  if (j->phase != PH_STARTING) {
    tool_warning("the driver sent `listen` twice; the second is ignored: '%s'", m->line);
    return;
  }
  const char *host = m->host;
  if (!strcmp(host, "0.0.0.0") || !strcmp(host, "::") || !strcmp(host, "*"))
    host = listen_host(j->listen);
  if (strchr(host, ':') && host[0] != '[')
    j->driver_addr = tool_fmt("[%s]:%ld", host, m->port);
  else
    j->driver_addr = tool_fmt("%s:%ld", host, m->port);
  if (j->o->verbose)
    tool_note("the driver listens at %s; starting %ld worker%s", j->driver_addr, j->o->nworkers,
              j->o->nworkers == 1 ? "" : "s");
  j->phase = PH_CONNECTING;
  j->t_launch = prun_now_ms();
  j->phase_deadline = j->t_launch + j->o->connect_timeout_s * 1000;
  if (prun_job_start_workers(j) != 0)
    job_fail(j);
}

/* Where rank r runs, for messages: "host b", or "srun task 1" under slurm
 * (parrun does not know which node srun chose). */
static const char *rank_where(const job_t *j, long r) {
  if (j->o->launcher == PRUN_LAUNCHER_SLURM)
    return tool_fmt("srun task %ld", r - 1);
  return tool_fmt("host %s", j->o->worker_host[r]);
}

static void on_control_line(job_t *j, const prun_ctl_msg_t *m) {
  long n = j->o->nworkers;
  switch (m->kind) {
  case PRUN_CTL_LISTEN:
    on_listen(j, m);
    return;
  case PRUN_CTL_ADMITTED:
    if (m->rank < 1 || m->rank > n) {
      tool_warning("the driver admitted rank %ld, which this job does not have", m->rank);
      return;
    }
    if (!j->admitted[m->rank]) {
      j->admitted[m->rank] = 1;
      j->nadmitted++;
    }
    if (j->o->verbose)
      tool_note("worker %ld (%s) admitted", m->rank, rank_where(j, m->rank));
    return;
  case PRUN_CTL_REFUSED:
    tool_warning("the driver refused a connection from %s: %s", m->peer,
                 *m->reason ? m->reason : "(no reason given)");
    return;
  case PRUN_CTL_READY:
    if (j->phase != PH_CONNECTING) {
      if (j->phase != PH_ENDING)
        tool_warning("the driver sent `ready` before `listen`; ignored");
      return;
    }
    j->phase = PH_RUNNING;
    j->phase_deadline = 0;
    if (j->o->verbose)
      tool_note("all %ld workers connected in %.2f s", n,
                (double)(prun_now_ms() - j->t_launch) / 1000.0);
    return;
  case PRUN_CTL_LOST:
    if (m->rank < 1 || m->rank > n) {
      tool_warning("the driver lost rank %ld, which this job does not have", m->rank);
      return;
    }
    if (j->phase == PH_CONNECTING) {
      tool_error("worker %ld (%s) lost its connection before the job started: %s", m->rank,
                 rank_where(j, m->rank), *m->reason ? m->reason : "(no reason given)");
      job_fail(j);
      return;
    }
    if (j->o->verbose)
      tool_note("the driver lost worker %ld (%s): %s", m->rank, rank_where(j, m->rank),
                m->reason);
    return;
  case PRUN_CTL_MALFORMED:
    tool_warning("unexpected line on the driver's control channel: '%s'", m->line);
    return;
  }
}

static void control_pump(job_t *j) {
  if (j->ctl.fd < 0)
    return;
  for (;;) {
    int rc = prun_control_read(&j->ctl);
    prun_ctl_msg_t m;
    int got = 0;
    while (prun_control_next(&j->ctl, &m)) {
      on_control_line(j, &m);
      got = 1;
    }
    if (rc != 0 || !got)
      return;
  }
}

/* ---- children ending ------------------------------------------------------- */

static const char *missing_ranks(const job_t *j) {
  size_t cap = 64;
  char *s = tool_xmalloc(cap);
  size_t len = 0;
  s[0] = '\0';
  long count = 0;
  for (long r = 1; r <= j->o->nworkers; r++) {
    if (j->admitted[r])
      continue;
    if (++count > 16)
      continue;
    char item[32];
    int k = snprintf(item, sizeof item, "%s%ld", len ? ", " : "", r);
    if (len + (size_t)k + 16 > cap) {
      char *t = tool_xmalloc(cap * 2);
      memcpy(t, s, len + 1);
      s = t;
      cap *= 2;
    }
    memcpy(s + len, item, (size_t)k + 1);
    len += (size_t)k;
  }
  if (count > 16)
    return tool_fmt("%s and %ld more", s, count - 16);
  return s;
}

/* Whether `path` holds par's runtime: linked statically, it carries the
 * name of the variable that gives a process its role; linked dynamically,
 * the name of the library. A program that does is a par program that failed
 * for its own reasons (it says why on stderr); one that does not was most
 * likely not built with parcc. Unreadable: assume it does (no hint). */
static bool holds_par_runtime(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return true;
  static const char *const marks[] = {"PAR_ROLE", "libparrt.so"};
  char buf[1 << 16];
  size_t keep = 0, have;
  bool found = false;
  ssize_t n;
  while (!found && (n = read(fd, buf + keep, sizeof buf - keep)) > 0) {
    have = keep + (size_t)n;
    for (size_t m = 0; m < sizeof marks / sizeof *marks && !found; m++)
      found = memmem(buf, have, marks[m], strlen(marks[m])) != NULL;
    keep = have < 16 ? have : 16; /* a mark may straddle two reads */
    memmove(buf, buf + have - keep, keep);
  }
  close(fd);
  return found || n < 0;
}

static void on_driver_exit(job_t *j, proc_t *p) {
  control_pump(j); /* what it said last comes first */
  int st = p->status;
  j->exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 2;
  switch (j->phase) {
  case PH_STARTING:
    if (WIFEXITED(st) && !holds_par_runtime(j->program))
      tool_error("the driver (rank 0) %s before it started listening for workers: "
                 "is %s built with parcc?",
                 prun_status_describe(st), j->o->program);
    else
      tool_error("the driver (rank 0) %s before it started listening for workers",
                 prun_status_describe(st));
    job_fail(j);
    return;
  case PH_CONNECTING:
    tool_error("the driver (rank 0) %s before all workers connected (missing: %s)",
               prun_status_describe(st), missing_ranks(j));
    job_fail(j);
    return;
  case PH_RUNNING:
    if (WIFSIGNALED(st))
      tool_error("the driver (rank 0) on host %s %s", p->host, prun_status_describe(st));
    else if (j->o->verbose)
      tool_note("the driver (rank 0) %s", prun_status_describe(st));
    job_end(j, 0, PRUN_GRACE_MS, 0);
    return;
  case PH_ENDING:
    if (j->o->verbose)
      tool_note("the driver (rank 0) %s", prun_status_describe(st));
    return;
  }
}

static void on_worker_exit(job_t *j, proc_t *p) {
  int st = p->status;
  switch (j->phase) {
  case PH_STARTING: /* cannot happen: no worker runs yet */
  case PH_CONNECTING:
    control_pump(j);
    if (j->phase != PH_CONNECTING)
      break; /* `ready` came meanwhile */
    if (p->kind == PROC_STEP)
      tool_error("%s %s before all workers connected (missing: %s)", proc_name(p),
                 proc_status(p), missing_ranks(j));
    else
      tool_error("%s %s before %s", proc_name(p), proc_status(p),
                 j->admitted[p->rank_lo] ? "the job started" : "it connected");
    job_fail(j);
    return;
  case PH_RUNNING:
    break;
  case PH_ENDING:
    if (j->o->verbose)
      tool_note("%s %s", proc_name(p), proc_status(p));
    return;
  }
  if (j->phase != PH_RUNNING)
    return;
  for (long r = p->rank_lo; r <= p->rank_hi; r++)
    prun_control_send_exited(&j->ctl, r, st);
  if (!status_ok(st))
    tool_warning("%s %s", proc_name(p), proc_status(p));
  else if (j->o->verbose)
    tool_note("%s %s", proc_name(p), proc_status(p));
}

static void reap(job_t *j) {
  for (;;) {
    int st;
    pid_t pid = waitpid(-1, &st, WNOHANG);
    if (pid <= 0)
      return;
    for (int i = 0; i < j->nprocs; i++) {
      proc_t *p = &j->procs[i];
      if (!p->running || p->pid != pid)
        continue;
      p->running = 0;
      p->status = st;
      /* Its last words before the news of its end. */
      prun_stream_drain(&p->out);
      prun_stream_drain(&p->err);
      if (p->kind == PROC_DRIVER)
        on_driver_exit(j, p);
      else
        on_worker_exit(j, p);
      break;
    }
  }
}

/* ---- deadlines -------------------------------------------------------------- */

static void check_deadlines(job_t *j, int64_t now) {
  if (j->phase_deadline && now >= j->phase_deadline &&
      (j->phase == PH_STARTING || j->phase == PH_CONNECTING)) {
    j->phase_deadline = 0;
    long s = j->o->connect_timeout_s;
    if (j->phase == PH_STARTING) {
      if (holds_par_runtime(j->program))
        tool_error("the driver (rank 0) did not start listening for workers within %ld s", s);
      else
        tool_error("the driver (rank 0) did not start listening for workers within %ld s: "
                   "is %s built with parcc?",
                   s, j->o->program);
    } else if (j->nadmitted < j->o->nworkers) {
      for (long r = 1; r <= j->o->nworkers; r++)
        if (!j->admitted[r])
          tool_error("worker %ld (%s) did not connect within %ld s", r, rank_where(j, r), s);
    } else {
      tool_error("all workers were admitted, but the driver did not report `ready` within %ld s",
                 s);
    }
    job_fail(j);
  }
  if (j->job_deadline && now >= j->job_deadline) {
    j->job_deadline = 0;
    /* Once the driver has ended, stopping the rest is bounded anyway. */
    if (j->nprocs > 0 && j->procs[0].running) {
      int64_t ms = j->o->timeout_ms;
      tool_error("the job did not finish within %s s (--timeout): stopping it",
                 ms % 1000 ? tool_fmt("%.3f", (double)ms / 1000.0)
                           : tool_fmt("%lld", (long long)(ms / 1000)));
      job_fail(j);
    }
  }
  if (j->phase == PH_ENDING)
    ending_tick(j, now);
}

static int64_t next_deadline(const job_t *j) {
  int64_t d = 0;
  const int64_t c[] = {j->phase_deadline, j->job_deadline, j->term_at, j->kill_at,
                       j->phase == PH_ENDING && !j->kill_at ? j->giveup_at : 0};
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
    if (c[i] && (!d || c[i] < d))
      d = c[i];
  return d;
}

/* ---- parrun's own signals ------------------------------------------------- */

static int g_seen_signals;

static void handle_signals(job_t *j) {
  int n = g_signal_n;
  if (n == g_seen_signals)
    return;
  g_seen_signals = n;
  int sig = g_signal;
  if (j->own_signal) {
    /* A second one: no more waiting. */
    tool_error("got %s again: killing the job", prun_signal_name(sig));
    for (int i = 0; i < j->nprocs; i++)
      proc_signal(&j->procs[i], SIGKILL);
    j->term_at = 0;
    j->kill_at = 0;
    return;
  }
  j->own_signal = sig;
  if (j->o->verbose)
    tool_note("got %s: passing it on to the job", prun_signal_name(sig));
  for (int i = 0; i < j->nprocs; i++) {
    proc_t *p = &j->procs[i];
    /* A signal from the terminal reached the driver (same process group)
     * already; one sent to parrun alone did not. */
    if (p->kind == PROC_DRIVER && !g_signal_user)
      continue;
    proc_signal(p, sig);
  }
  job_end(j, 0, 0, 1);
  j->term_at = 0; /* the signal itself was the request to stop */
}

/* ---- the loop ---------------------------------------------------------------- */

static int poll_timeout(const job_t *j, int64_t now) {
  int64_t d = next_deadline(j);
  if (!d)
    return -1;
  if (d <= now)
    return 0;
  return d - now > 60000 ? 60000 : (int)(d - now);
}

static void pump_streams(job_t *j, struct pollfd *pfd, int npfd, prun_stream_t **owner) {
  for (int i = 0; i < npfd; i++) {
    if (!owner[i] || !pfd[i].revents)
      continue;
    prun_stream_pump(owner[i]);
  }
  (void)j;
}

/* Builds the poll set: [0] wake pipe, [1] control socket (fd -1 when not
 * polled), then every open stream. */
static int build_poll(job_t *j, struct pollfd *pfd, prun_stream_t **owner) {
  int n = 0;
  pfd[n] = (struct pollfd){.fd = g_wake[0], .events = POLLIN};
  owner[n++] = NULL;
  short ev = 0;
  if (j->ctl.fd >= 0 && !j->ctl.eof)
    ev |= POLLIN;
  if (prun_control_wants_write(&j->ctl))
    ev |= POLLOUT;
  pfd[n] = (struct pollfd){.fd = ev ? j->ctl.fd : -1, .events = ev};
  owner[n++] = NULL;
  for (int i = 0; i < j->nprocs; i++) {
    prun_stream_t *s[2] = {&j->procs[i].out, &j->procs[i].err};
    for (int k = 0; k < 2; k++) {
      if (s[k]->fd < 0)
        continue;
      pfd[n] = (struct pollfd){.fd = s[k]->fd, .events = POLLIN};
      owner[n++] = s[k];
    }
  }
  return n;
}

static void drain_wake(void) {
  char buf[256];
  while (read(g_wake[0], buf, sizeof buf) > 0) {
  }
}

static void run_loop(job_t *j, struct pollfd *pfd, prun_stream_t **owner) {
  for (;;) {
    int64_t now = prun_now_ms();
    check_deadlines(j, now);
    if (j->phase == PH_ENDING && !any_running(j))
      return;
    if (j->phase == PH_ENDING && !j->kill_at && j->giveup_at && now >= j->giveup_at) {
      for (int i = 0; i < j->nprocs; i++)
        if (j->procs[i].running)
          tool_warning("%s (pid %d) did not end after SIGKILL; giving up on it",
                       proc_name(&j->procs[i]), (int)j->procs[i].pid);
      return;
    }
    int n = build_poll(j, pfd, owner);
    int rc = poll(pfd, (nfds_t)n, poll_timeout(j, now));
    if (rc < 0 && errno != EINTR) {
      tool_error("poll: %s", strerror(errno));
      job_fail(j);
      continue;
    }
    if (rc <= 0)
      continue;
    if (pfd[0].revents)
      drain_wake();
    handle_signals(j);
    if (pfd[1].revents & POLLOUT)
      prun_control_flush(&j->ctl);
    if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))
      control_pump(j);
    pump_streams(j, pfd, n, owner);
    reap(j);
  }
}

/* After the last child: output still in flight, for a bounded time. */
static void drain_all(job_t *j, struct pollfd *pfd, prun_stream_t **owner) {
  int64_t end = prun_now_ms() + PRUN_DRAIN_MS;
  for (;;) {
    int n = build_poll(j, pfd, owner);
    int streams = 0;
    for (int i = 2; i < n; i++)
      streams++;
    int64_t now = prun_now_ms();
    if (!streams || now >= end)
      break;
    pfd[0].fd = -1;
    pfd[1].fd = -1;
    int rc = poll(pfd, (nfds_t)n, (int)(end - now));
    if (rc > 0)
      pump_streams(j, pfd, n, owner);
  }
  for (int i = 0; i < j->nprocs; i++) {
    prun_stream_close(&j->procs[i].out);
    prun_stream_close(&j->procs[i].err);
  }
}

int prun_job_run(const prun_opts_t *o, const char *program_abs, const char *local_host) {
  job_t j;
  memset(&j, 0, sizeof j);
  j.o = o;
  j.program = program_abs;
  j.local_host = local_host;
  j.ctl.fd = -1;
  j.token = make_token();
  if (!j.token) {
    tool_error("cannot make the job's token: getrandom: %s", strerror(errno));
    return 2;
  }
  j.job_id = tool_fmt("%s-%d", local_host, (int)getpid());
  j.listen = o->address;
  j.admitted = tool_xmalloc((size_t)o->nworkers + 1);
  memset(j.admitted, 0, (size_t)o->nworkers + 1);
  j.procs = tool_xmalloc(((size_t)o->nworkers + 1) * sizeof *j.procs);
  size_t maxfds = 2 + 2 * ((size_t)o->nworkers + 1);
  struct pollfd *pfd = tool_xmalloc(maxfds * sizeof *pfd);
  prun_stream_t **owner = tool_xmalloc(maxfds * sizeof *owner);

  raise_fd_limit(o->nworkers);
  if (signals_install() != 0)
    return 2;

  j.t0 = prun_now_ms();
  if (o->timeout_ms)
    j.job_deadline = j.t0 + o->timeout_ms;
  j.phase = PH_STARTING;
  j.phase_deadline = j.t0 + o->connect_timeout_s * 1000;
  if (o->verbose)
    tool_note("job %s: %ld worker%s, %s launcher, driver address %s", j.job_id, o->nworkers,
              o->nworkers == 1 ? "" : "s",
              o->launcher == PRUN_LAUNCHER_LOCAL   ? "local"
              : o->launcher == PRUN_LAUNCHER_SSH   ? "ssh"
              : o->launcher == PRUN_LAUNCHER_SLURM ? "slurm"
                                                   : "template",
              j.listen);
  if (prun_job_start_driver(&j) != 0)
    return 2;

  run_loop(&j, pfd, owner);
  drain_all(&j, pfd, owner);
  prun_control_close(&j.ctl);

  if (j.own_signal)
    die_of(j.own_signal);
  if (j.failed)
    return 2;
  return j.exit_code;
}
