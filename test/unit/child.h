/* child.h: run a function in a child process with a chosen environment and
 * collect what it printed, for runtime tests that need PAR_* set before the
 * runtime's first use (the runtime reads its configuration once). */
#ifndef PAR_UNIT_CHILD_H
#define PAR_UNIT_CHILD_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

typedef struct child {
  int status; /* exit code, or 128 + signal */
  char *out;  /* what fn wrote to its FILE, NUL-terminated; owned (free) */
  size_t outlen;
  char err[16384]; /* the child's stderr, truncated */
} child_t;

/* envs: "NAME=value" strings put in the child's environment (NULL-ended). */
static inline void child_run_env(const char *const *envs, void (*fn)(FILE *out), child_t *c) {
  FILE *out = tmpfile(), *err = tmpfile();
  CHECK(out && err);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    for (const char *const *e = envs; e && *e; e++) putenv((char *)*e);
    dup2(fileno(err), 2);
    fn(out);
    fflush(out);
    _exit(0);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  long n = ftell(out);
  c->outlen = n > 0 ? (size_t)n : 0;
  c->out = calloc(1, c->outlen + 1);
  rewind(out);
  if (c->outlen) CHECK(fread(c->out, 1, c->outlen, out) == c->outlen);
  long m = ftell(err);
  size_t errlen = m > 0 ? (size_t)m : 0;
  if (errlen >= sizeof c->err) errlen = sizeof c->err - 1;
  rewind(err);
  c->err[fread(c->err, 1, errlen, err)] = '\0';
  fclose(out);
  fclose(err);
}

/* The same with PAR_WORKERS=workers (NULL: unset). */
static inline void child_run(const char *workers, void (*fn)(FILE *out), child_t *c) {
  static char env[64];
  snprintf(env, sizeof env, "PAR_WORKERS=%s", workers ? workers : "");
  const char *envs[] = {workers ? env : NULL, NULL};
  child_run_env(envs, fn, c);
}

#endif /* PAR_UNIT_CHILD_H */
