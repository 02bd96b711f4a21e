/* launch.c: building launch commands and starting children (see launch.h). */
#define _GNU_SOURCE 1
#include "launch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

/* ---- environment -------------------------------------------------------- */

static const char *const k_job_vars[] = {
    "PAR_ROLE",          "PAR_RANK",       "PAR_NWORKERS", "PAR_TOKEN", "PAR_JOB",
    "PAR_CONTROL_FD",    "PAR_LISTEN",     "PAR_DRIVER",   "PAR_HOST",  "PAR_CONNECT_TIMEOUT",
    "PAR_LOCAL_WORKERS", "PAR_LOCAL_RANK",
};

/* Whether entry ("NAME=value" or "NAME") has the name `name`. */
static int entry_is(const char *entry, const char *name, size_t n) {
  return strncmp(entry, name, n) == 0 && (entry[n] == '=' || entry[n] == '\0');
}

int prun_env_is_job_var(const char *entry) {
  for (size_t i = 0; i < sizeof k_job_vars / sizeof k_job_vars[0]; i++)
    if (entry_is(entry, k_job_vars[i], strlen(k_job_vars[i])))
      return 1;
  return 0;
}

/* Whether `entry` names a variable that one of vars sets. */
static int set_by(const char *entry, const char *const *vars) {
  size_t n = strcspn(entry, "=");
  for (int i = 0; vars[i]; i++)
    if (strncmp(vars[i], entry, n) == 0 && vars[i][n] == '=')
      return 1;
  return 0;
}

void prun_env_local(const char *const *vars, tool_argv_t *envp) {
  for (char **e = environ; e && *e; e++)
    if (!prun_env_is_job_var(*e) && !set_by(*e, vars))
      tool_argv_push(envp, *e);
  for (int i = 0; vars[i]; i++)
    tool_argv_push(envp, vars[i]);
}

static void push_passthrough(const char *const *vars, tool_argv_t *words) {
  for (char **e = environ; e && *e; e++) {
    if (strncmp(*e, "PAR_", 4) != 0 && strncmp(*e, "UCX_", 4) != 0)
      continue;
    if (!strchr(*e, '=') || prun_env_is_job_var(*e) || set_by(*e, vars))
      continue;
    tool_argv_push(words, *e);
  }
}

void prun_remote_words(const char *const *vars, const char *program, char *const *args,
                       tool_argv_t *words) {
  tool_argv_push(words, "env");
  push_passthrough(vars, words);
  for (int i = 0; vars[i]; i++)
    tool_argv_push(words, vars[i]);
  tool_argv_push(words, program);
  for (int i = 0; args[i]; i++)
    tool_argv_push(words, args[i]);
}

/* ---- templates ---------------------------------------------------------- */

/* Replaces every `pat` in s by `with`. Kept string (or s when none). */
static const char *replace_all(const char *s, const char *pat, const char *with) {
  if (!strstr(s, pat))
    return s;
  size_t pl = strlen(pat), wl = strlen(with), n = 0;
  for (const char *p = strstr(s, pat); p; p = strstr(p + pl, pat))
    n++;
  char *out = tool_xmalloc(strlen(s) + n * wl + 1);
  char *o = out;
  const char *p = s;
  for (const char *q = strstr(p, pat); q; q = strstr(p, pat)) {
    memcpy(o, p, (size_t)(q - p));
    o += q - p;
    memcpy(o, with, wl);
    o += wl;
    p = q + pl;
  }
  strcpy(o, p);
  return out;
}

typedef struct tmpl_word {
  const char *text; /* quotes removed */
  int bare_cmd;     /* the word was exactly `{cmd}`, unquoted */
} tmpl_word_t;

/* Splits a template like a shell line (no expansions). Returns the number
 * of words, or -1 on an unclosed quote or a trailing backslash. */
static int split_template(const char *t, tmpl_word_t *words, int max) {
  size_t tl = strlen(t);
  char *buf = tool_xmalloc(tl + 1);
  int n = 0;
  const char *p = t;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n')
      p++;
    if (!*p)
      return n;
    const char *start = p;
    char *o = buf;
    int quoted = 0;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
      if (*p == '\'') {
        quoted = 1;
        const char *q = strchr(p + 1, '\'');
        if (!q)
          return -1;
        memcpy(o, p + 1, (size_t)(q - p - 1));
        o += q - p - 1;
        p = q + 1;
      } else if (*p == '"') {
        quoted = 1;
        p++;
        while (*p && *p != '"') {
          if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
            p++;
          *o++ = *p++;
        }
        if (*p != '"')
          return -1;
        p++;
      } else if (*p == '\\') {
        quoted = 1;
        if (!p[1])
          return -1;
        *o++ = p[1];
        p += 2;
      } else {
        *o++ = *p++;
      }
    }
    *o = '\0';
    if (n == max)
      return -1;
    words[n].text = tool_xstrdup(buf);
    words[n].bare_cmd = !quoted && (size_t)(p - start) == 5 && strncmp(start, "{cmd}", 5) == 0;
    n++;
  }
}

/* Whether a word hands the next one to a shell as a command line: `-c`,
 * or a cluster of short options ending in c (`-lc`, `-ec`). */
static int is_shell_c(const char *w) {
  if (w[0] != '-' || w[1] == '-' || w[1] == '\0')
    return 0;
  size_t n = strlen(w);
  if (w[n - 1] != 'c')
    return 0;
  for (size_t i = 1; i < n; i++)
    if (w[i] < 'a' || w[i] > 'z')
      return 0;
  return 1;
}

static int is_ssh(const char *w) {
  const char *base = strrchr(w, '/');
  base = base ? base + 1 : w;
  return strcmp(base, "ssh") == 0 || strcmp(base, "rsh") == 0;
}

int prun_template_build(const char *tmpl, const char *host, const char *const *cmd_words,
                        tool_argv_t *argv, const char **err) {
  int max = (int)strlen(tmpl) / 2 + 2;
  tmpl_word_t *words = tool_xmalloc((size_t)max * sizeof *words);
  int n = split_template(tmpl, words, max);
  if (n < 0) {
    *err = tool_fmt("the launcher template '%s' does not split into words (an unclosed quote?)",
                    tmpl);
    return -1;
  }
  if (!strstr(tmpl, "{cmd}")) {
    *err = tool_fmt("the launcher template '%s' has no {cmd}", tmpl);
    return -1;
  }
  if (n == 0) {
    *err = tool_fmt("the launcher template '%s' is empty", tmpl);
    return -1;
  }
  const char *line = prun_shell_join(cmd_words);
  int to_shell = is_ssh(replace_all(words[0].text, "{host}", host));
  for (int i = 0; i < n; i++) {
    if (words[i].bare_cmd && !to_shell && !(i > 0 && is_shell_c(words[i - 1].text))) {
      for (int k = 0; cmd_words[k]; k++)
        tool_argv_push(argv, cmd_words[k]);
      continue;
    }
    const char *w = replace_all(words[i].text, "{host}", host);
    tool_argv_push(argv, replace_all(w, "{cmd}", line));
  }
  return 0;
}

void prun_ssh_build(const char *host, const char *const *cmd_words, tool_argv_t *argv) {
  const char *err = NULL;
  prun_template_build("ssh -o BatchMode=yes {host} {cmd}", host, cmd_words, argv, &err);
}

/* ---- slurm ---------------------------------------------------------------- */

const char prun_slurm_script[] =
    "if [ -z \"$SLURM_PROCID\" ]; then "
    "echo 'parrun: error: SLURM_PROCID is not set: workers must be started by srun' >&2; "
    "exit 2; fi; "
    "PAR_RANK=$((SLURM_PROCID + 1)); "
    "PAR_HOST=${SLURMD_NODENAME:-$(uname -n)}; "
    "export PAR_RANK PAR_HOST; "
    /* --gpus-per-worker K: the K devices of this task's slot on its node */
    "if [ -n \"${PARRUN_GPUS_PER_WORKER:-}\" ]; then "
    "g=; i=0; while [ $i -lt $PARRUN_GPUS_PER_WORKER ]; do "
    "g=$g${g:+,}$((${SLURM_LOCALID:-0} * PARRUN_GPUS_PER_WORKER + i)); i=$((i + 1)); done; "
    "CUDA_VISIBLE_DEVICES=$g; ROCR_VISIBLE_DEVICES=$g; "
    "export CUDA_VISIBLE_DEVICES ROCR_VISIBLE_DEVICES; unset PARRUN_GPUS_PER_WORKER; fi; "
    "exec \"$0\" \"$@\"";

void prun_slurm_build(long nworkers, const char *const *vars, const char *program,
                      char *const *args, tool_argv_t *argv) {
  tool_argv_push(argv, "srun");
  tool_argv_push(argv, tool_fmt("--ntasks=%ld", nworkers));
  tool_argv_push(argv, "--kill-on-bad-exit=1");
  tool_argv_push(argv, "--input=none");
  tool_argv_push(argv, "env");
  push_passthrough(vars, argv);
  for (int i = 0; vars[i]; i++)
    tool_argv_push(argv, vars[i]);
  tool_argv_push(argv, "/bin/sh");
  tool_argv_push(argv, "-c");
  tool_argv_push(argv, prun_slurm_script);
  tool_argv_push(argv, program);
  for (int i = 0; args[i]; i++)
    tool_argv_push(argv, args[i]);
}

/* ---- spawning -------------------------------------------------------------- */

/* In the child, after fork: never returns. */
static void child_exec(const prun_spawn_spec_t *spec, pid_t parent, int out_w, int err_w) {
  /* parrun handles or ignores these; the program must get the defaults. */
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGPIPE, SIGALRM};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    signal(sigs[i], SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  /* A child does not outlive parrun, even when parrun is SIGKILLed. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(127);
  if (spec->own_group)
    setpgid(0, 0);
  if (dup2(out_w, 1) < 0 || dup2(err_w, 2) < 0)
    _exit(127);
  if (spec->stdin_null) {
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0 && null != 0) {
      dup2(null, 0);
      close(null);
    }
  }
  if (spec->keep_fd >= 0) {
    int fl = fcntl(spec->keep_fd, F_GETFD);
    if (fl >= 0)
      fcntl(spec->keep_fd, F_SETFD, fl & ~FD_CLOEXEC);
  }
  const char *file = spec->path ? spec->path : spec->argv[0];
  execvpe(file, (char *const *)spec->argv, (char *const *)spec->envp);
  int e = errno;
  char msg[PATH_MAX + 128];
  int n = snprintf(msg, sizeof msg, "parrun: error: cannot run '%s': %s\n", file, strerror(e));
  if (n > 0)
    tool_write_all(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
  _exit(127);
}

int prun_spawn(const prun_spawn_spec_t *spec, pid_t *pid, int *out_fd, int *err_fd) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    tool_error("cannot make a pipe: %s", strerror(errno));
    return -1;
  }
  if (pipe2(err, O_CLOEXEC) != 0) {
    tool_error("cannot make a pipe: %s", strerror(errno));
    goto err_close_out;
  }
  /* Signals stay blocked until the child has put back the default
   * handlers: one that came in between would run parrun's handler in the
   * child, and be lost. */
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  pid_t parent = getpid();
  pid_t p = fork();
  if (p == 0)
    child_exec(spec, parent, out[1], err[1]);
  int fork_errno = errno;
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (p < 0) {
    tool_error("cannot start '%s': fork: %s", spec->argv[0], strerror(fork_errno));
    goto err_close_err;
  }
  if (spec->own_group)
    setpgid(p, p); /* also here: no race with a kill of the group */
  close(out[1]);
  close(err[1]);
  *pid = p;
  *out_fd = out[0];
  *err_fd = err[0];
  return 0;

err_close_err:
  close(err[0]);
  close(err[1]);
err_close_out:
  close(out[0]);
  close(out[1]);
  return -1;
}

/* ---- the program and addresses -------------------------------------------- */

static int executable_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

const char *prun_program_resolve(const char *program) {
  if (strchr(program, '/')) {
    struct stat st;
    if (stat(program, &st) != 0) {
      tool_error("cannot run '%s': %s", program, strerror(errno));
      return NULL;
    }
    if (!S_ISREG(st.st_mode) || access(program, X_OK) != 0) {
      tool_error("cannot run '%s': %s", program,
                 S_ISDIR(st.st_mode) ? "Is a directory" : "Permission denied");
      return NULL;
    }
    if (program[0] == '/')
      return program;
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) {
      tool_error("cannot find the current directory: %s", strerror(errno));
      return NULL;
    }
    const char *rel = program;
    while (rel[0] == '.' && rel[1] == '/')
      rel += 2;
    return tool_fmt("%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", rel);
  }
  const char *path = getenv("PATH");
  if (!path || !*path)
    path = "/usr/local/bin:/usr/bin:/bin";
  for (const char *p = path;;) {
    size_t n = strcspn(p, ":");
    const char *dir = n ? tool_xstrndup(p, n) : ".";
    const char *cand = tool_fmt("%s/%s", dir, program);
    if (executable_file(cand))
      return cand[0] == '/' ? cand : prun_program_resolve(cand);
    if (!p[n])
      break;
    p += n + 1;
  }
  tool_error("cannot run '%s': not found on PATH (for a program in this directory, "
             "write ./%s)",
             program, program);
  return NULL;
}

int prun_route_address(const char *host, char *buf, size_t len) {
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM};
  struct addrinfo *res = NULL;
  if (getaddrinfo(host, "9", &hints, &res) != 0)
    return -1;
  int rc = -1;
  for (struct addrinfo *ai = res; ai && rc != 0; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
      continue;
    struct sockaddr_storage local;
    socklen_t sl = sizeof local;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
        getsockname(fd, (struct sockaddr *)&local, &sl) == 0) {
      const void *a = local.ss_family == AF_INET6
                          ? (const void *)&((struct sockaddr_in6 *)&local)->sin6_addr
                          : (const void *)&((struct sockaddr_in *)&local)->sin_addr;
      if (inet_ntop(local.ss_family, a, buf, (socklen_t)len))
        rc = 0;
    }
    close(fd);
  }
  freeaddrinfo(res);
  return rc;
}

const char *prun_local_host(void) {
  char name[256];
  if (gethostname(name, sizeof name) != 0 || !name[0])
    return "localhost";
  name[sizeof name - 1] = '\0';
  return tool_xstrdup(name);
}
