/* args.h: parrun's command line, hosts and hostfiles.
 *
 * `parrun [options] program [args...]`: options come first; the first word
 * that is not an option (or the word after `--`) is the program, and every
 * word after it is the program's. prun_args_parse only reads the words;
 * prun_args_resolve then decides, from the options and the environment
 * (SLURM_*), how many workers there are, where each runs and which launcher
 * starts them.
 */
#ifndef PRUN_ARGS_H
#define PRUN_ARGS_H

#include "util.h"

#include <stdint.h>

/* The most workers one job may have. */
#define PRUN_MAX_WORKERS 4096

/* Default seconds a worker may take to be admitted (PAR_CONNECT_TIMEOUT). */
#define PRUN_CONNECT_TIMEOUT_DEFAULT 30

enum prun_launcher {
  PRUN_LAUNCHER_DEFAULT = 0, /* not given: resolved by prun_args_resolve */
  PRUN_LAUNCHER_LOCAL,       /* fork and exec on this host */
  PRUN_LAUNCHER_SSH,         /* ssh -o BatchMode=yes {host} {cmd} */
  PRUN_LAUNCHER_SLURM,       /* one srun step for all workers */
  PRUN_LAUNCHER_TEMPLATE,    /* the user's template with {host} and {cmd} */
};

typedef struct prun_opts {
  /* as given */
  long nworkers;              /* -n; 0 when not given */
  const char *hosts_list;     /* --hosts, borrowed from argv; NULL when not given */
  const char *hostfile;       /* --hostfile, borrowed; NULL when not given */
  enum prun_launcher launcher;
  const char *launcher_text;  /* --launcher as given (the template for TEMPLATE) */
  const char *address;        /* --address; NULL: chosen by parrun */
  int64_t timeout_ms;         /* --timeout; 0: none */
  long connect_timeout_s;     /* --connect-timeout, else $PAR_CONNECT_TIMEOUT, else 30 */
  int progress;               /* --progress */
  int stats;                  /* --stats */
  long gpus_per_worker;       /* --gpus-per-worker K; 0 when not given */
  const char *trace;          /* --trace FILE; NULL when not given */
  const char *report;         /* --report FILE; NULL when not given */
  int verbose;                /* -v */
  int print_config;           /* --print-config */
  int show_help;              /* --help */
  int show_version;           /* --version */
  const char *program;        /* the program as given; NULL when none */
  char **program_args;        /* argv words after the program (borrowed), NULL-terminated */

  /* resolved by prun_args_resolve */
  int in_slurm;               /* SLURM_JOB_ID is set */
  const char **worker_host;   /* worker_host[r] for ranks 1..nworkers (kept); [0] unused */
  int remote_hosts;           /* hosts came from --hosts or --hostfile */
} prun_opts_t;

/* Reads argv[1..argc-1] into *out (zeroed first). Returns 0, or 1 after
 * printing a usage error (`parrun: error: ...`). */
int prun_args_parse(int argc, char **argv, prun_opts_t *out);

/* Decides the launcher, the number of workers and each worker's host;
 * reads the hostfile. Call after prun_args_parse when a program is to be
 * run. `local_host` names this host (for local workers). Returns 0, or 1
 * after printing a usage error. */
int prun_args_resolve(prun_opts_t *o, const char *local_host);

/* Appends the slots of a host list (`a,b:2`: one word per slot) to *hosts.
 * `what` names the source in messages ("--hosts", "F:3"). Returns 0, or 1
 * after printing an error. The host strings are kept. */
int prun_hosts_parse_list(const char *list, const char *what, tool_argv_t *hosts);

/* Appends the slots of the hostfile at `path` to *hosts: lines `host`,
 * `host slots=N` (`max_slots=M` is accepted and ignored) or `host:N`; `#`
 * starts a comment; blank lines are skipped. Returns 0, or 1 after printing
 * an error naming the file and line. */
int prun_hosts_parse_file(const char *path, tool_argv_t *hosts);

/* The long options parrun knows, for "did you mean". */
const char *prun_args_suggest(const char *word);

#endif /* PRUN_ARGS_H */
