/* util.h: small helpers shared by the parcc driver's files.
 *
 * parcc is a short-lived process: strings it makes live until exit. They are
 * kept reachable from one table (drv_keep) so that leak checkers stay quiet
 * when parcc itself is built with sanitizers.
 */
#ifndef PARCC_UTIL_H
#define PARCC_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define DRV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define DRV_NORETURN __attribute__((noreturn))
#else
#define DRV_PRINTF(f, a)
#define DRV_NORETURN
#endif

/* A growable, NULL-terminated list of argument words. The words are borrowed
 * (from argv or from drv_keep'd strings); the array is owned. */
typedef struct drv_argv {
  const char **v; /* v[n] is NULL */
  int n;
  int cap;
} drv_argv_t;

void drv_argv_push(drv_argv_t *av, const char *word);
void drv_argv_push2(drv_argv_t *av, const char *w1, const char *w2);
void drv_argv_cleanup(drv_argv_t *av);

/* Allocation that never fails (exits with a message) and stays reachable
 * until exit. */
void *drv_keep(void *p);
void *drv_xmalloc(size_t n);
char *drv_xstrdup(const char *s);
char *drv_xstrndup(const char *s, size_t n);
char *drv_fmt(const char *fmt, ...) DRV_PRINTF(1, 2);

/* `parcc: error: ...` / `parcc: warning: ...` on stderr. */
void drv_error(const char *fmt, ...) DRV_PRINTF(1, 2);
void drv_warning(const char *fmt, ...) DRV_PRINTF(1, 2);

/* Reads a whole file into a NUL-terminated malloc'd buffer (owned by the
 * caller, not kept). Returns NULL with errno set on failure. */
char *drv_read_file(const char *path, size_t *len);
/* Writes `len` bytes to `path` (created or truncated). 0 on success, -1 with
 * errno set. */
int drv_write_file(const char *path, const char *data, size_t len);

/* Path pieces, as the C library's dirname/basename but without modifying
 * their argument. All results are kept strings. */
const char *drv_path_basename(const char *path);   /* "a/b.c" -> "b.c" (points into path) */
char *drv_path_dirname(const char *path);          /* "a/b.c" -> "a", "b.c" -> "." */
char *drv_path_stem(const char *path);             /* "a/b.c" -> "b" */
char *drv_path_replace_ext(const char *path, const char *ext); /* "a/b.o", "d" -> "a/b.d" */
int drv_has_suffix(const char *s, const char *suffix);
int drv_starts_with(const char *s, const char *prefix);

#endif /* PARCC_UTIL_H */
