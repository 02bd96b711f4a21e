/* start.c: starting the job's processes: the driver with its control
 * channel, local workers, and the launcher processes (ssh, a template's
 * command, the srun step) of remote ones, each with the job's variables
 * (docs/distributed.md) and its stdout and stderr on pipes. */
#define _GNU_SOURCE 1
#include "job_impl.h"

#include "gpus.h"
#include "launch.h"
#include "util.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

const char *prun_ranks_text(long lo, long hi) {
  return lo == hi ? tool_fmt("worker %ld", lo) : tool_fmt("workers %ld-%ld", lo, hi);
}

static proc_t *proc_add(job_t *j) {
  proc_t *p = &j->procs[j->nprocs++];
  memset(p, 0, sizeof *p);
  p->out.fd = p->err.fd = -1;
  return p;
}

static int proc_start(proc_t *p, const prun_spawn_spec_t *spec) {
  int out, err;
  if (prun_spawn(spec, &p->pid, &out, &err) != 0)
    return -1;
  p->running = 1;
  p->own_group = spec->own_group;
  prun_stream_init(&p->out, out, 1);
  prun_stream_init(&p->err, err, 2);
  return 0;
}

/* The variables every process of the job gets. */
static void vars_common(const job_t *j, tool_argv_t *v) {
  tool_argv_push(v, tool_fmt("PAR_NWORKERS=%ld", j->o->nworkers));
  tool_argv_push(v, tool_fmt("PAR_TOKEN=%s", j->token));
  tool_argv_push(v, tool_fmt("PAR_JOB=%s", j->job_id));
  tool_argv_push(v, tool_fmt("PAR_CONNECT_TIMEOUT=%ld", j->o->connect_timeout_s));
  if (j->o->progress)
    tool_argv_push(v, "PAR_PROGRESS=1");
  if (j->o->trace)
    tool_argv_push(v, tool_fmt("PAR_TRACE=%s", j->o->trace));
  if (j->o->stats)
    tool_argv_push(v, "PAR_STATS=1");
  if (j->o->report)
    tool_argv_push(v, tool_fmt("PAR_REPORT=%s", j->o->report));
}

/* The program's argv for a local start: its name as given, then its args. */
static void program_argv(const job_t *j, tool_argv_t *av) {
  tool_argv_push(av, j->o->program);
  for (int i = 0; j->o->program_args[i]; i++)
    tool_argv_push(av, j->o->program_args[i]);
}

static void show_local(const char *who, const char *const *vars, const char *program,
                       char *const *args) {
  tool_argv_t line = {0};
  for (int i = 0; vars[i]; i++)
    tool_argv_push(&line, vars[i]);
  tool_argv_push(&line, program);
  for (int i = 0; args[i]; i++)
    tool_argv_push(&line, args[i]);
  tool_note("%s: %s", who, prun_shell_join(line.v));
  tool_argv_cleanup(&line);
}

int prun_job_start_driver(job_t *j) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    tool_error("cannot make the control channel: %s", strerror(errno));
    return -1;
  }
  tool_argv_t vars = {0}, envp = {0}, argv = {0};
  tool_argv_push(&vars, "PAR_ROLE=driver");
  tool_argv_push(&vars, "PAR_RANK=0");
  vars_common(j, &vars);
  tool_argv_push(&vars, tool_fmt("PAR_HOST=%s", j->local_host));
  tool_argv_push(&vars, tool_fmt("PAR_LISTEN=%s", j->listen));
  tool_argv_push(&vars, tool_fmt("PAR_CONTROL_FD=%d", sv[1]));
  prun_env_local(vars.v, &envp);
  program_argv(j, &argv);
  if (j->o->verbose)
    show_local(tool_fmt("driver (rank 0) on %s", j->local_host), vars.v, j->program,
               j->o->program_args);

  proc_t *p = proc_add(j);
  p->kind = PROC_DRIVER;
  p->host = j->local_host;
  /* The driver stays in parrun's process group: it may read the terminal. */
  prun_spawn_spec_t spec = {.path = j->program, .argv = argv.v, .envp = envp.v,
                            .keep_fd = sv[1], .stdin_null = 0, .own_group = 0};
  int rc = proc_start(p, &spec);
  close(sv[1]);
  tool_argv_cleanup(&vars);
  tool_argv_cleanup(&envp);
  tool_argv_cleanup(&argv);
  if (rc != 0) {
    j->nprocs--;
    close(sv[0]);
    return -1;
  }
  prun_control_init(&j->ctl, sv[0]);
  return 0;
}

static int start_local_worker(job_t *j, long r, const char *const *vars) {
  tool_argv_t envp = {0}, argv = {0};
  prun_env_local(vars, &envp);
  program_argv(j, &argv);
  if (j->o->verbose)
    show_local(tool_fmt("worker %ld on %s", r, j->o->worker_host[r]), vars, j->program,
               j->o->program_args);
  proc_t *p = proc_add(j);
  p->kind = PROC_WORKER;
  p->rank_lo = p->rank_hi = r;
  p->host = j->o->worker_host[r];
  prun_spawn_spec_t spec = {.path = j->program, .argv = argv.v, .envp = envp.v,
                            .keep_fd = -1, .stdin_null = 1, .own_group = 1};
  int rc = proc_start(p, &spec);
  tool_argv_cleanup(&envp);
  tool_argv_cleanup(&argv);
  if (rc != 0)
    j->nprocs--;
  return rc;
}

/* Starts a launcher process (ssh, a template's command, srun) for ranks
 * lo..hi. */
static int start_launcher(job_t *j, proc_kind_t kind, long lo, long hi, const char *host,
                          const char *const *argv) {
  static const char *const no_vars[] = {NULL};
  tool_argv_t envp = {0};
  prun_env_local(no_vars, &envp);
  const char *who = kind == PROC_STEP ? prun_ranks_text(lo, hi)
                                      : tool_fmt("worker %ld on %s", lo, host);
  if (j->o->verbose)
    tool_note("%s: %s", who, prun_shell_join(argv));
  proc_t *p = proc_add(j);
  p->kind = kind;
  p->rank_lo = lo;
  p->rank_hi = hi;
  p->host = host;
  const char *slash = strrchr(argv[0], '/');
  p->via = slash ? slash + 1 : argv[0];
  prun_spawn_spec_t spec = {.path = NULL, .argv = argv, .envp = envp.v,
                            .keep_fd = -1, .stdin_null = 1, .own_group = 1};
  int rc = proc_start(p, &spec);
  tool_argv_cleanup(&envp);
  if (rc != 0)
    j->nprocs--;
  return rc;
}

int prun_job_start_workers(job_t *j) {
  const prun_opts_t *o = j->o;
  if (o->launcher == PRUN_LAUNCHER_SLURM) {
    tool_argv_t vars = {0}, argv = {0};
    tool_argv_push(&vars, "PAR_ROLE=worker");
    vars_common(j, &vars);
    tool_argv_push(&vars, tool_fmt("PAR_DRIVER=%s", j->driver_addr));
    if (o->gpus_per_worker)
      tool_argv_push(&vars, tool_fmt("PARRUN_GPUS_PER_WORKER=%ld", o->gpus_per_worker));
    prun_slurm_build(o->nworkers, vars.v, j->program, o->program_args, &argv);
    int rc = start_launcher(j, PROC_STEP, 1, o->nworkers, "(srun)", argv.v);
    tool_argv_cleanup(&vars);
    tool_argv_cleanup(&argv);
    return rc;
  }
  for (long r = 1; r <= o->nworkers; r++) {
    const char *host = o->worker_host[r];
    tool_argv_t vars = {0};
    tool_argv_push(&vars, "PAR_ROLE=worker");
    tool_argv_push(&vars, tool_fmt("PAR_RANK=%ld", r));
    vars_common(j, &vars);
    tool_argv_push(&vars, tool_fmt("PAR_HOST=%s", host));
    tool_argv_push(&vars, tool_fmt("PAR_DRIVER=%s", j->driver_addr));
    /* Workers sharing a host share its CPUs (a worker's default threads,
     * and the slice of them it binds to: its index among them). */
    long same = 0, index = 0;
    for (long q = 1; q <= o->nworkers; q++) {
      if (strcmp(o->worker_host[q], host) != 0) continue;
      if (q < r) index++;
      same++;
    }
    tool_argv_push(&vars, tool_fmt("PAR_LOCAL_WORKERS=%ld", same));
    tool_argv_push(&vars, tool_fmt("PAR_LOCAL_RANK=%ld", index));
    if (o->gpus_per_worker)
      prun_gpu_vars(o, r, &vars);
    int rc;
    if (o->launcher == PRUN_LAUNCHER_LOCAL) {
      rc = start_local_worker(j, r, vars.v);
    } else {
      tool_argv_t words = {0}, argv = {0};
      prun_remote_words(vars.v, j->program, o->program_args, &words);
      const char *err = NULL;
      rc = 0;
      if (o->launcher == PRUN_LAUNCHER_SSH)
        prun_ssh_build(host, words.v, &argv);
      else if (prun_template_build(o->launcher_text, host, words.v, &argv, &err) != 0) {
        tool_error("%s", err);
        rc = -1;
      }
      if (rc == 0)
        rc = start_launcher(j, PROC_WORKER, r, r, host, argv.v);
      tool_argv_cleanup(&words);
      tool_argv_cleanup(&argv);
    }
    tool_argv_cleanup(&vars);
    if (rc != 0)
      return -1;
  }
  return 0;
}
