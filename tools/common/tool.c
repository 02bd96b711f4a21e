/* tool.c: allocation, argument lists and messages for parcc and parrun. */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every kept allocation, so that it stays reachable until exit. */
static void **g_kept;
static size_t g_nkept, g_capkept;

void tool_oom(void) {
  char line[128];
  int n = snprintf(line, sizeof line, "%s: error: out of memory\n", tool_program.name);
  if (n > 0) tool_write_all(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
  tool_program.oom_exit(tool_program.oom_status);
  _exit(tool_program.oom_status); /* oom_exit does not return */
}

void *tool_keep(void *p) {
  if (g_nkept == g_capkept) {
    size_t cap = g_capkept ? 2 * g_capkept : 64;
    void **v = realloc(g_kept, cap * sizeof *v);
    if (!v) tool_oom();
    g_kept = v;
    g_capkept = cap;
  }
  g_kept[g_nkept++] = p;
  return p;
}

void *tool_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) tool_oom();
  return tool_keep(p);
}

char *tool_xstrndup(const char *s, size_t n) {
  char *p = tool_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *tool_xstrdup(const char *s) {
  return tool_xstrndup(s, strlen(s));
}

static char *vfmt(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) tool_oom();
  char *p = tool_xmalloc((size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *tool_fmt(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = vfmt(fmt, ap);
  va_end(ap);
  return p;
}

void tool_argv_push(tool_argv_t *av, const char *word) {
  if (av->n + 2 > av->cap) {
    int cap = av->cap ? 2 * av->cap : 32;
    const char **v = realloc(av->v, (size_t)cap * sizeof *v);
    if (!v) tool_oom();
    av->v = v;
    av->cap = cap;
  }
  av->v[av->n++] = word;
  av->v[av->n] = NULL;
}

void tool_argv_push2(tool_argv_t *av, const char *w1, const char *w2) {
  tool_argv_push(av, w1);
  tool_argv_push(av, w2);
}

void tool_argv_cleanup(tool_argv_t *av) {
  free(av->v);
  av->v = NULL;
  av->n = av->cap = 0;
}

/* ---- messages ----------------------------------------------------------- */

int tool_write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, buf, len);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    buf += w;
    len -= (size_t)w;
  }
  return 0;
}

/* One line, `<name>: <kind>: <message>\n` (no kind: `<name>: <message>\n`),
 * in one write. Not kept: messages are many in a long job (every worker's
 * death is one). */
static void vmessage(const char *kind, const char *fmt, va_list ap) {
  char stack[1024];
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(stack, sizeof stack, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  char *msg = stack;
  char *heap = NULL;
  if ((size_t)n >= sizeof stack) {
    heap = malloc((size_t)n + 1);
    if (!heap) tool_oom();
    vsnprintf(heap, (size_t)n + 1, fmt, ap);
    msg = heap;
  }
  size_t nlen = strlen(tool_program.name) + 2;
  size_t klen = kind ? strlen(kind) + 2 : 0;
  size_t len = nlen + klen + (size_t)n + 1;
  char *line = malloc(len + 1);
  if (!line) tool_oom();
  snprintf(line, len + 1, "%s: %s%s%s\n", tool_program.name, kind ? kind : "", kind ? ": " : "",
           msg);
  tool_write_all(2, line, len);
  free(line);
  free(heap);
}

void tool_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("error", fmt, ap);
  va_end(ap);
}

void tool_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("warning", fmt, ap);
  va_end(ap);
}

void tool_note(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(NULL, fmt, ap);
  va_end(ap);
}
