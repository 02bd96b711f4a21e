/* util.c: files and path pieces for the parcc driver, and its tool_program. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const tool_program_t tool_program = {.name = "parcc", .oom_status = 1, .oom_exit = exit};

char *drv_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) goto err_close;
  for (;;) {
    if (n + 1 >= cap) {
      char *nb = realloc(buf, cap * 2);
      if (!nb) goto err_free;
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) goto err_free;
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;

err_free:
  free(buf);
err_close : {
  int e = errno ? errno : EIO;
  fclose(f);
  errno = e;
}
  return NULL;
}

int drv_write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
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
  if (!slash) return tool_xstrdup(".");
  if (slash == path) return tool_xstrdup("/");
  return tool_xstrndup(path, (size_t)(slash - path));
}

char *drv_path_stem(const char *path) {
  const char *base = drv_path_basename(path);
  const char *dot = strrchr(base, '.');
  if (!dot || dot == base) return tool_xstrdup(base);
  return tool_xstrndup(base, (size_t)(dot - base));
}

/* As llvm::sys::path::replace_extension: the extension is the last '.' of the
 * file name part (not a leading one); it is replaced, or `ext` is appended. */
char *drv_path_replace_ext(const char *path, const char *ext) {
  const char *base = drv_path_basename(path);
  const char *dot = strrchr(base, '.');
  size_t keep = (dot && dot != base) ? (size_t)(dot - path) : strlen(path);
  return tool_fmt("%.*s.%s", (int)keep, path, ext);
}

int drv_has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

int drv_starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}
