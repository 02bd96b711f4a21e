/* main.c: parrun, the launcher of par programs.
 *
 * `parrun -n 4 ./app args` starts the driver (rank 0, runs main) and four
 * workers of the same program, and returns the driver's exit status. How the
 * processes find each other is docs/distributed.md; this file reads the
 * command line, answers --help, --version and --print-config, chooses the
 * address the workers connect to, and hands the job to job.c.
 */
#define _GNU_SOURCE 1
#include "args.h"
#include "job.h"
#include "launch.h"
#include "util.h"

#include "runtime/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set by tools/parrun/CMakeLists.txt. */
#ifndef PARRUN_VERSION
#define PARRUN_VERSION "0.0.0"
#endif

extern char **environ;

#define PRUN_STR_(x) #x
#define PRUN_STR(x) PRUN_STR_(x)

static void print_help(void) {
  printf(
      "Usage: parrun [options] program [args...]\n"
      "\n"
      "Runs a parcc-built program as one driver (rank 0, runs main) and N workers\n"
      "(ranks 1..N) of the same binary, and returns the driver's exit status.\n"
      "Every worker must connect, or parrun fails naming the missing ones.\n"
      "\n"
      "Where the workers run:\n"
      "  -n N                    N workers (on this host, or the first N slots of\n"
      "                          --hosts/--hostfile)\n"
      "  --hosts LIST            remote hosts, one worker per slot: a,b:2 is one\n"
      "                          worker on a and two on b\n"
      "  --hostfile FILE         the same from a file: lines `host`, `host slots=N`\n"
      "                          or `host:N`; # starts a comment\n"
      "  --launcher L            local, ssh, slurm, or a template with {host} and\n"
      "                          {cmd}, such as 'ssh {host} {cmd}' or\n"
      "                          'ip netns exec {host} {cmd}' (default: ssh with\n"
      "                          hosts; slurm inside a Slurm allocation; else local)\n"
      "  --address ADDR          the address workers connect to (host or host:port);\n"
      "                          default: this host's address on the route to the\n"
      "                          first remote host, else 127.0.0.1\n"
      "\n"
      "Limits:\n"
      "  --connect-timeout S     seconds for every worker to connect (default\n"
      "                          $PAR_CONNECT_TIMEOUT, else %d)\n"
      "  --timeout S             stop the whole job after S seconds (exit 2)\n"
      "\n"
      "Passed to the runtime:\n"
      "  --progress              PAR_PROGRESS=1: progress of running loops and\n"
      "                          spawned tasks on stderr (done/total, rate, ETA)\n"
      "  --trace FILE            PAR_TRACE=FILE: a Chrome trace of the run (one\n"
      "                          track per worker; open it in ui.perfetto.dev)\n"
      "  --report FILE           PAR_REPORT=FILE: a self-contained HTML report\n"
      "                          (timeline, utilisation, slowest tasks, bytes)\n"
      "  --stats                 PAR_STATS=1: a table per loop and function at\n"
      "                          the end (chunks, retries, time, bytes, balance)\n"
      "  (PAR_LOG=error|warn|info|debug sets what the runtime logs; see\n"
      "  docs/observability.md)\n"
      "\n"
      "GPUs:\n"
      "  --gpus-per-worker K     each worker drives K GPUs of its host: the i-th\n"
      "                          worker on a host gets devices iK..iK+K-1 in\n"
      "                          CUDA_VISIBLE_DEVICES and ROCR_VISIBLE_DEVICES\n"
      "                          (device(gpu|any) loops, docs/offload.md)\n"
      "\n"
      "Other:\n"
      "  -v, --verbose           print the commands parrun runs and the job's steps\n"
      "  --print-config          print the PAR_* variables, their values and defaults\n"
      "  --version               print parrun's version\n"
      "  -h, --help              print this help\n"
      "\n"
      "Exit status: the driver's (128+N if signal N killed it); 1 for a usage error;\n"
      "2 when the job failed (a worker did not connect or died before the job\n"
      "started, --timeout, the program is not a par program).\n"
      "\n"
      "See parrun(1) and docs/distributed.md.\n",
      PRUN_CONNECT_TIMEOUT_DEFAULT);
}

/* The job variables parrun sets, for --print-config rows the runtime's table
 * does not have yet. */
static const struct {
  const char *name, *dflt, *doc;
} k_parrun_vars[] = {
    {"PAR_NWORKERS", "", "read only, set by parrun: the number of workers"},
    {"PAR_TOKEN", "", "read only, set by parrun: the job's random token (32 hex digits)"},
    {"PAR_JOB", "", "read only, set by parrun: the job id, <host>-<pid of parrun>"},
    {"PAR_HOST", "", "read only, set by parrun: the host this rank was launched on"},
    {"PAR_CONTROL_FD", "", "read only, set by parrun for the driver: its control socket"},
    {"PAR_LISTEN", "", "read only, set by parrun for the driver: the address it listens on"},
    {"PAR_DRIVER", "", "read only, set by parrun for workers: host:port of the driver"},
    {"PAR_CONNECT_TIMEOUT", PRUN_STR(PRUN_CONNECT_TIMEOUT_DEFAULT), "seconds a worker may take to be admitted (--connect-timeout)"},
};

static int print_config(void) {
  par__config_t cfg;
  char err[512];
  if (par__config_load(&cfg, environ, err, sizeof err) != PAR_OK) {
    tool_error("%s", err);
    return 1;
  }
  par__config_print(stdout, &cfg);
  par__config_cleanup(&cfg);
  for (size_t i = 0; i < sizeof k_parrun_vars / sizeof k_parrun_vars[0]; i++) {
    if (par__config_known(k_parrun_vars[i].name))
      continue;
    const char *v = getenv(k_parrun_vars[i].name);
    printf("%-14s %-14s %-14s %s\n", k_parrun_vars[i].name, v && *v ? v : k_parrun_vars[i].dflt,
           k_parrun_vars[i].dflt, k_parrun_vars[i].doc);
  }
  return 0;
}

/* The address workers connect to, when --address is not given. */
static const char *default_address(const prun_opts_t *o) {
  static char buf[64];
  if (o->remote_hosts && o->launcher != PRUN_LAUNCHER_LOCAL) {
    const char *first = o->worker_host[1];
    if (prun_route_address(first, buf, sizeof buf) == 0)
      return tool_xstrdup(buf);
    tool_warning("cannot find this host's address on the route to '%s' (it does not resolve); "
                 "workers will connect to 127.0.0.1: give --address if they cannot reach it",
                 first);
    return "127.0.0.1";
  }
  if (o->launcher == PRUN_LAUNCHER_SLURM) {
    const char *nodes = getenv("SLURM_JOB_NUM_NODES");
    if (!nodes || !*nodes)
      nodes = getenv("SLURM_NNODES");
    if (nodes && strcmp(nodes, "1") != 0) {
      /* Several nodes: the address on the default route (a TEST-NET address
       * is only routed, never sent to). */
      if (prun_route_address("192.0.2.1", buf, sizeof buf) == 0)
        return tool_xstrdup(buf);
      tool_warning("cannot find this host's network address; workers will connect to "
                   "127.0.0.1: give --address if they cannot reach it");
    }
  }
  return "127.0.0.1";
}

int main(int argc, char **argv) {
  prun_opts_t o;
  if (prun_args_parse(argc, argv, &o) != 0)
    return 1;
  if (o.show_help) {
    print_help();
    return 0;
  }
  if (o.show_version) {
    printf("parrun (par) %s\n", PARRUN_VERSION);
    return 0;
  }
  if (o.print_config)
    return print_config();
  if (!o.program) {
    tool_error("no program to run (see parrun --help)");
    return 1;
  }
  const char *local_host = prun_local_host();
  if (prun_args_resolve(&o, local_host) != 0)
    return 1;
  if (o.launcher == PRUN_LAUNCHER_TEMPLATE) {
    /* A template that cannot be used is a usage error, found before anything
     * starts. */
    const char *words[] = {"true", NULL};
    tool_argv_t probe = {0};
    const char *err = NULL;
    if (prun_template_build(o.launcher_text, "host", words, &probe, &err) != 0) {
      tool_error("%s", err);
      return 1;
    }
    tool_argv_cleanup(&probe);
  }
  const char *program = prun_program_resolve(o.program);
  if (!program)
    return 1;
  if (!o.address)
    o.address = default_address(&o);
  /* UCX writes its own log lines to stdout unless UCX_LOG_FILE says
   * otherwise, and a worker's stdout is the program's output: send them to
   * stderr. It must be in the environment before a process loads UCX, which
   * reads it then; as a UCX_* variable it reaches every process, over ssh
   * too. A user's own choice is kept. */
  setenv("UCX_LOG_FILE", "stderr", 0);
  return prun_job_run(&o, program, local_host);
}
