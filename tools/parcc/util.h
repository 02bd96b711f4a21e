/* util.h: small helpers shared by the parcc driver's files: files and path
 * pieces. Allocation, argument lists and messages, which parrun uses too,
 * are in tools/common/tool.h.
 *
 * parcc is a short-lived process: strings it makes live until exit (see
 * tool_keep).
 */
#ifndef PARCC_UTIL_H
#define PARCC_UTIL_H

#include <stddef.h>

#include "tool.h" /* tool_xmalloc, tool_fmt, tool_argv_t, tool_error, ... */

/* Reads a whole file into a NUL-terminated malloc'd buffer (owned by the
 * caller, not kept). Returns NULL with errno set on failure. */
char *drv_read_file(const char *path, size_t *len);
/* Writes `len` bytes to `path` (created or truncated). 0 on success, -1 with
 * errno set. */
int drv_write_file(const char *path, const char *data, size_t len);

/* Path pieces, as the C library's dirname/basename but without modifying
 * their argument. All results are kept strings. */
const char *drv_path_basename(const char *path); /* "a/b.c" -> "b.c" (points into path) */
char *drv_path_dirname(const char *path);        /* "a/b.c" -> "a", "b.c" -> "." */
char *drv_path_stem(const char *path);           /* "a/b.c" -> "b" */
char *drv_path_replace_ext(const char *path, const char *ext); /* "a/b.o", "d" -> "a/b.d" */
int drv_has_suffix(const char *s, const char *suffix);
int drv_starts_with(const char *s, const char *prefix);

struct drv_cmdline;
/* offload.c: 1 when an object or archive among the linker inputs holds an
 * OpenMP offload image (a device loop compiled earlier). */
int drv_links_offload_objects(const struct drv_cmdline *cl);

#endif /* PARCC_UTIL_H */
