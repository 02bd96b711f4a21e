/* transform.h: parcc's source-to-source step, as the driver sees it.
 *
 * parcc_transform() reads one C source file, finds every `#pragma par`, and
 * either returns the rewritten source (outlined chunk functions, descriptors,
 * runtime calls, `#line` directives back to the user's file) or reports
 * clang-style diagnostics on `diag` and fails. It never writes files.
 */
#ifndef PARCC_TRANSFORM_H
#define PARCC_TRANSFORM_H

#include <stddef.h>
#include <stdio.h>

typedef struct parcc_transform_opts {
  /* Flags that affect parsing, as given to the compiler: -I -D -U -std=
   * -include -isystem -iquote --sysroot -m* -f*, in order. Borrowed. */
  const char *const *clang_args;
  int nclang_args;
  /* Print diagnostics in color (the driver decides, like clang's
   * -fcolor-diagnostics). */
  int color;
  /* The clang used to preprocess when a file must be rewritten in its
   * preprocessed form (NULL: "clang-19" from PATH). Borrowed. */
  const char *clang;
} parcc_transform_opts_t;

typedef struct parcc_transform_result {
  char *text;         /* rewritten source, NUL-terminated; owned by the caller (free) */
  size_t len;
  int npragmas;       /* number of `#pragma par` found (0: text is a copy of the input) */
  int needs_offload;  /* some loop or function has device(gpu|any) */
  int nerrors;        /* errors reported on `diag` */
} parcc_transform_result_t;

/* Returns 0 on success (out->text set), 1 when errors were reported on
 * `diag` (out->text NULL), or -1 for a failure that is not the user's (could
 * not read the file, libclang failed), also reported on `diag`. */
int parcc_transform(const char *path, const parcc_transform_opts_t *opts, FILE *diag,
                    parcc_transform_result_t *out);

/* True when `text` contains `#pragma par` or `_Pragma("par` outside comments:
 * the driver's test for the fast path. */
int parcc_has_par_pragma(const char *text, size_t len);

#endif /* PARCC_TRANSFORM_H */
