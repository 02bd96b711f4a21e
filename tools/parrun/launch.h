/* launch.h: what parrun runs, and running it.
 *
 * The building functions are pure (they only make strings), so each form of
 * launch can be shown by `parrun -v` exactly as it is run:
 *
 *   local     the program itself, forked and exec'd with the job's variables
 *             added to parrun's environment;
 *   ssh       ssh -o BatchMode=yes HOST 'env VAR=... /abs/program args...'
 *             (one word: ssh hands it to the remote shell);
 *   TEMPLATE  the user's template split like a shell line, {host} replaced
 *             in every word, and {cmd} replaced by the remote command
 *             `env VAR=... /abs/program args...` (see prun_template_build);
 *   slurm     one step for all workers: srun --ntasks=N --kill-on-bad-exit=1
 *             --input=none env VAR=... /bin/sh -c SCRIPT /abs/program args...,
 *             where SCRIPT sets PAR_RANK=$((SLURM_PROCID + 1)) and PAR_HOST
 *             per task and execs the program.
 *
 * Remote commands carry every PAR_* and UCX_* variable of parrun's
 * environment, then the job's own variables (which win), on the `env` line,
 * so that they survive ssh.
 */
#ifndef PRUN_LAUNCH_H
#define PRUN_LAUNCH_H

#include "util.h"

#include <stddef.h>
#include <sys/types.h>

/* Whether NAME=... (or NAME) is one of the variables parrun sets for a job
 * (PAR_ROLE, PAR_RANK, PAR_NWORKERS, PAR_TOKEN, PAR_JOB, PAR_CONTROL_FD,
 * PAR_LISTEN, PAR_DRIVER, PAR_HOST, PAR_CONNECT_TIMEOUT): these never pass
 * from parrun's own environment, so that a job started from inside another
 * cannot inherit the outer one's. */
int prun_env_is_job_var(const char *entry);

/* The environment of a local child: parrun's `environ` without the job
 * variables and without the names `vars` sets, then `vars` ("NAME=value",
 * borrowed). */
void prun_env_local(const char *const *vars, tool_argv_t *envp);

/* The words of a remote command: `env`, the PAR_* and UCX_* entries of
 * parrun's environment (less job variables and names `vars` sets), `vars`,
 * the program (absolute path) and its arguments. */
void prun_remote_words(const char *const *vars, const char *program, char *const *args,
                       tool_argv_t *words);

/* The launcher command of a TEMPLATE for one host: the template is split
 * into words like a shell line (blanks separate words; '...' and "..."
 * quote; \ escapes), {host} is replaced in every word, and {cmd}:
 *   - as a word by itself, unquoted: the command's words, each its own
 *     argument (`ip netns exec {host} {cmd}`, `env {cmd}`), except where the
 *     launcher hands its argument to a shell: after `-c` (`sh -c {cmd}`) and
 *     when the template's program is ssh (`ssh {host} {cmd}`), where it is
 *     the command as one shell-quoted line;
 *   - quoted ('{cmd}') or inside a longer word: the command as one
 *     shell-quoted line, in place.
 * Returns 0, or -1 with *err set (a kept string) when the template does not
 * split (an unclosed quote) or has no {cmd}. */
int prun_template_build(const char *tmpl, const char *host, const char *const *cmd_words,
                        tool_argv_t *argv, const char **err);

/* The ssh launcher for one host: the template `ssh -o BatchMode=yes {host}
 * {cmd}`. */
void prun_ssh_build(const char *host, const char *const *cmd_words, tool_argv_t *argv);

/* The srun command for all workers. `vars` are the job's variables that are
 * the same for every worker (PAR_RANK and PAR_HOST are set per task by the
 * wrapper script). */
void prun_slurm_build(long nworkers, const char *const *vars, const char *program,
                      char *const *args, tool_argv_t *argv);

/* The script the slurm launcher's `/bin/sh -c` runs in each task ($0 is the
 * program, "$@" its arguments). */
extern const char prun_slurm_script[];

/* How to start one child. */
typedef struct prun_spawn_spec {
  const char *path;         /* the file to exec; NULL: argv[0] */
  const char *const *argv;  /* the file is looked up on PATH when it has no '/' */
  const char *const *envp;  /* the child's whole environment */
  int keep_fd;              /* an fd the child keeps open across exec, or -1 */
  int stdin_null;           /* 1: stdin is /dev/null; 0: parrun's stdin */
  int own_group;            /* 1: the child leads a new process group */
} prun_spawn_spec_t;

/* Starts a child with its stdout and stderr on new pipes. Returns 0 and sets
 * *pid, *out_fd, *err_fd (read ends, owned by the caller), or -1 after
 * printing why. An exec that fails in the child prints
 * `parrun: error: cannot run 'X': ...` on the child's stderr and exits 127. */
int prun_spawn(const prun_spawn_spec_t *spec, pid_t *pid, int *out_fd, int *err_fd);

/* The program as an absolute path: `program` with a '/' made absolute
 * against the current directory, else looked up on PATH. Returns a kept
 * string, or NULL after printing why (not found, not executable). */
const char *prun_program_resolve(const char *program);

/* The local address (numeric) that routes to `host`, found with a UDP
 * connect() and getsockname() (no packet is sent). Returns 0, or -1 when
 * `host` does not resolve or does not route. */
int prun_route_address(const char *host, char *buf, size_t len);

/* This host's name (gethostname), or "localhost". Kept string. */
const char *prun_local_host(void);

#endif /* PRUN_LAUNCH_H */
