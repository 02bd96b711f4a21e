/* util.c: allocation, messages, shell quoting, time and status words for
 * parrun. */
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

/* Every kept allocation, so that it stays reachable until exit. */
static void **g_kept;
static size_t g_nkept, g_capkept;

static void oom(void) {
  static const char msg[] = "parrun: error: out of memory\n";
  prun_write_all(2, msg, sizeof msg - 1);
  _exit(2);
}

void *prun_keep(void *p) {
  if (g_nkept == g_capkept) {
    size_t cap = g_capkept ? 2 * g_capkept : 64;
    void **v = realloc(g_kept, cap * sizeof *v);
    if (!v)
      oom();
    g_kept = v;
    g_capkept = cap;
  }
  g_kept[g_nkept++] = p;
  return p;
}

void *prun_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    oom();
  return prun_keep(p);
}

char *prun_xstrndup(const char *s, size_t n) {
  char *p = prun_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *prun_xstrdup(const char *s) { return prun_xstrndup(s, strlen(s)); }

static char *vfmt(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    oom();
  char *p = prun_xmalloc((size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *prun_fmt(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = vfmt(fmt, ap);
  va_end(ap);
  return p;
}

void prun_argv_push(prun_argv_t *av, const char *word) {
  if (av->n + 2 > av->cap) {
    int cap = av->cap ? 2 * av->cap : 32;
    const char **v = realloc(av->v, (size_t)cap * sizeof *v);
    if (!v)
      oom();
    av->v = v;
    av->cap = cap;
  }
  av->v[av->n++] = word;
  av->v[av->n] = NULL;
}

void prun_argv_cleanup(prun_argv_t *av) {
  free(av->v);
  av->v = NULL;
  av->n = av->cap = 0;
}

/* ---- messages ----------------------------------------------------------- */

int prun_write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, buf, len);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    buf += w;
    len -= (size_t)w;
  }
  return 0;
}

/* One line, `parrun: <kind>: <message>\n`, in one write. Not kept: messages
 * are many in a long job (every worker's death is one). */
static void vmessage(const char *kind, const char *fmt, va_list ap) {
  char stack[1024];
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(stack, sizeof stack, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    return;
  char *msg = stack;
  char *heap = NULL;
  if ((size_t)n >= sizeof stack) {
    heap = malloc((size_t)n + 1);
    if (!heap)
      oom();
    vsnprintf(heap, (size_t)n + 1, fmt, ap);
    msg = heap;
  }
  size_t klen = kind ? strlen(kind) + 2 : 0;
  size_t len = 8 + klen + (size_t)n + 1;
  char *line = malloc(len + 1);
  if (!line)
    oom();
  snprintf(line, len + 1, "parrun: %s%s%s\n", kind ? kind : "", kind ? ": " : "", msg);
  prun_write_all(2, line, len);
  free(line);
  free(heap);
}

void prun_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("error", fmt, ap);
  va_end(ap);
}

void prun_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("warning", fmt, ap);
  va_end(ap);
}

void prun_note(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(NULL, fmt, ap);
  va_end(ap);
}

/* ---- shell quoting ------------------------------------------------------ */

static int shell_safe(const char *s) {
  if (!*s)
    return 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (isalnum(*p))
      continue;
    if (!strchr("_-./:=,+@%^", *p))
      return 0;
  }
  /* `=` in the first word of a shell line would make an assignment of a
   * command name; harmless in arguments, which is where words go. */
  return 1;
}

const char *prun_shell_quote(const char *word) {
  if (shell_safe(word))
    return word;
  size_t n = 2;
  for (const char *p = word; *p; p++)
    n += *p == '\'' ? 4 : 1;
  char *q = prun_xmalloc(n + 1);
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
  char *line = prun_xmalloc(n);
  char *o = line;
  for (int i = 0; argv[i]; i++) {
    const char *q = prun_shell_quote(argv[i]);
    if (i)
      *o++ = ' ';
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
      {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},       {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
      {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"},     {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
      {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"},     {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
      {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"},     {SIGTERM, "SIGTERM"}, {SIGCHLD, "SIGCHLD"},
      {SIGCONT, "SIGCONT"}, {SIGSTOP, "SIGSTOP"},     {SIGTSTP, "SIGTSTP"}, {SIGTTIN, "SIGTTIN"},
      {SIGTTOU, "SIGTTOU"}, {SIGURG, "SIGURG"},       {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"},
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
    if (names[i].sig == sig)
      return names[i].name;
  return prun_fmt("SIG%d", sig);
}

const char *prun_status_describe(int status) {
  if (WIFEXITED(status))
    return prun_fmt("exited with status %d", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return prun_fmt("was killed by signal %d (%s%s)", sig, prun_signal_name(sig),
                    WCOREDUMP(status) ? ", core dumped" : "");
  }
  return prun_fmt("ended with wait status 0x%x", (unsigned)status);
}

int prun_parse_long(const char *s, long min, long max, long *out) {
  if (!isdigit((unsigned char)s[0]))
    return -1;
  errno = 0;
  char *end = NULL;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

int prun_parse_seconds(const char *s, int64_t *ms) {
  if (!isdigit((unsigned char)s[0]) && s[0] != '.')
    return -1;
  errno = 0;
  char *end = NULL;
  double v = strtod(s, &end);
  if (errno || *end || !(v > 0) || v > 366.0 * 24 * 3600)
    return -1;
  *ms = (int64_t)ceil(v * 1000.0);
  return 0;
}
