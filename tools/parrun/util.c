/* util.c: shell quoting, time, signal and status words, number parsing for
 * parrun, and its tool_program. */
#define _GNU_SOURCE 1
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Out of memory: _exit, which is safe in a forked child and in any thread. */
const tool_program_t tool_program = {.name = "parrun", .oom_status = 2, .oom_exit = _exit};

/* ---- shell quoting ------------------------------------------------------ */

static int shell_safe(const char *s) {
  if (!*s) return 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (isalnum(*p)) continue;
    if (!strchr("_-./:=,+@%^", *p)) return 0;
  }
  /* `=` in the first word of a shell line would make an assignment of a
   * command name; harmless in arguments, which is where words go. */
  return 1;
}

const char *prun_shell_quote(const char *word) {
  if (shell_safe(word)) return word;
  size_t n = 2;
  for (const char *p = word; *p; p++)
    n += *p == '\'' ? 4 : 1;
  char *q = tool_xmalloc(n + 1);
  char *o = q;
  *o++ = '\'';
  for (const char *p = word; *p; p++) {
    if (*p == '\'') {
      memcpy(o, "'\\''", 4); /* close, escaped quote, reopen */
      o += 4;
    } else {
      *o++ = *p;
    }
  }
  *o++ = '\'';
  *o = '\0';
  return q;
}

char *prun_shell_join(const char *const *argv) {
  size_t n = 1;
  for (int i = 0; argv[i]; i++)
    n += strlen(prun_shell_quote(argv[i])) + 1;
  char *line = tool_xmalloc(n);
  char *o = line;
  for (int i = 0; argv[i]; i++) {
    const char *q = prun_shell_quote(argv[i]);
    if (i) *o++ = ' ';
    size_t len = strlen(q);
    memcpy(o, q, len);
    o += len;
  }
  *o = '\0';
  return line;
}

/* ---- time, signals, statuses ------------------------------------------- */

int64_t prun_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *prun_signal_name(int sig) {
  static const struct {
    int sig;
    const char *name;
  } names[] = {
      {SIGHUP, "SIGHUP"},       {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"},   {SIGILL, "SIGILL"},
      {SIGTRAP, "SIGTRAP"},     {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},     {SIGFPE, "SIGFPE"},
      {SIGKILL, "SIGKILL"},     {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"},   {SIGUSR2, "SIGUSR2"},
      {SIGPIPE, "SIGPIPE"},     {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},   {SIGCHLD, "SIGCHLD"},
      {SIGCONT, "SIGCONT"},     {SIGSTOP, "SIGSTOP"}, {SIGTSTP, "SIGTSTP"},   {SIGTTIN, "SIGTTIN"},
      {SIGTTOU, "SIGTTOU"},     {SIGURG, "SIGURG"},   {SIGXCPU, "SIGXCPU"},   {SIGXFSZ, "SIGXFSZ"},
      {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"}, {SIGSYS, "SIGSYS"},
#ifdef SIGSTKFLT
      {SIGSTKFLT, "SIGSTKFLT"},
#endif
#ifdef SIGIO
      {SIGIO, "SIGIO"},
#endif
#ifdef SIGPWR
      {SIGPWR, "SIGPWR"},
#endif
  };
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].sig == sig) return names[i].name;
  return tool_fmt("SIG%d", sig);
}

const char *prun_status_describe(int status) {
  if (WIFEXITED(status)) return tool_fmt("exited with status %d", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return tool_fmt("was killed by signal %d (%s%s)", sig, prun_signal_name(sig),
                    WCOREDUMP(status) ? ", core dumped" : "");
  }
  return tool_fmt("ended with wait status 0x%x", (unsigned)status);
}

int prun_parse_long(const char *s, long min, long max, long *out) {
  if (!isdigit((unsigned char)s[0])) return -1;
  errno = 0;
  char *end = NULL;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < min || v > max) return -1;
  *out = v;
  return 0;
}

int prun_parse_seconds(const char *s, int64_t *ms) {
  if (!isdigit((unsigned char)s[0]) && s[0] != '.') return -1;
  errno = 0;
  char *end = NULL;
  double v = strtod(s, &end);
  if (errno || *end || !(v > 0) || v > 366.0 * 24 * 3600) return -1;
  *ms = (int64_t)ceil(v * 1000.0);
  return 0;
}
