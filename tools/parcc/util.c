/* util.c: allocation, messages, files and path pieces for the parcc driver. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every kept allocation, so that it stays reachable until exit. */
static void **g_kept;
static size_t g_nkept, g_capkept;

static void oom(void) {
  fputs("parcc: error: out of memory\n", stderr);
  exit(1);
}

void *drv_keep(void *p) {
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

void *drv_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    oom();
  return drv_keep(p);
}

char *drv_xstrndup(const char *s, size_t n) {
  char *p = drv_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *drv_xstrdup(const char *s) { return drv_xstrndup(s, strlen(s)); }

char *drv_fmt(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    oom();
  char *p = drv_xmalloc((size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void drv_argv_push(drv_argv_t *av, const char *word) {
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

void drv_argv_push2(drv_argv_t *av, const char *w1, const char *w2) {
  drv_argv_push(av, w1);
  drv_argv_push(av, w2);
}

void drv_argv_cleanup(drv_argv_t *av) {
  free(av->v);
  av->v = NULL;
  av->n = av->cap = 0;
}

static void vmessage(const char *kind, const char *fmt, va_list ap) {
  fprintf(stderr, "parcc: %s: ", kind);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void drv_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("error", fmt, ap);
  va_end(ap);
}

void drv_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage("warning", fmt, ap);
  va_end(ap);
}

char *drv_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf)
    goto err_close;
  for (;;) {
    if (n + 1 >= cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb)
        goto err_free;
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f))
    goto err_free;
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;

err_free:
  free(buf);
err_close: {
  int e = errno ? errno : EIO;
  fclose(f);
  errno = e;
}
  return NULL;
}

int drv_write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  size_t put = fwrite(data, 1, len, f);
  int bad = put != len || ferror(f);
  int e = errno;
  if (fclose(f) != 0 && !bad) {
    bad = 1;
    e = errno;
  }
  if (bad) {
    errno = e ? e : EIO;
    return -1;
  }
  return 0;
}

const char *drv_path_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

char *drv_path_dirname(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return drv_xstrdup(".");
  if (slash == path)
    return drv_xstrdup("/");
  return drv_xstrndup(path, (size_t)(slash - path));
}

char *drv_path_stem(const char *path) {
  const char *base = drv_path_basename(path);
  const char *dot = strrchr(base, '.');
  if (!dot || dot == base)
    return drv_xstrdup(base);
  return drv_xstrndup(base, (size_t)(dot - base));
}

/* As llvm::sys::path::replace_extension: the extension is the last '.' of the
 * file name part (not a leading one); it is replaced, or `ext` is appended. */
char *drv_path_replace_ext(const char *path, const char *ext) {
  const char *base = drv_path_basename(path);
  const char *dot = strrchr(base, '.');
  size_t keep = (dot && dot != base) ? (size_t)(dot - path) : strlen(path);
  return drv_fmt("%.*s.%s", (int)keep, path, ext);
}

int drv_has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

int drv_starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}
