/* diag.h: clang-style diagnostics for parcc.
 *
 *   f.c:12:31: error: pointer 'x' is used in the loop but not mapped
 *      12 |   for (int i = 0; i < n; i++) y[i] = x[i];
 *         |                                      ^
 *   f.c:12:31: note: add map(to: x[0:n]) to the pragma
 *
 * A context collects the count of errors (like SQLite's pParse->nErr); the
 * caller decides what to do once analysis is over. Locations are given as
 * 1-based line and byte column; the source line is read from the buffer the
 * context was given, or from the named file when the location is elsewhere.
 */
#ifndef PARCC_DIAG_H
#define PARCC_DIAG_H

#include <stdio.h>

enum parcc_diag_level { PARCC_DIAG_NOTE, PARCC_DIAG_WARNING, PARCC_DIAG_ERROR };

typedef struct parcc_diag_ctx {
  FILE *out;       /* borrowed */
  int color;
  int nerrors;
  int nwarnings;
  const char *buf; /* the main file's bytes, borrowed */
  size_t len;
  const char *path; /* the main file's name as the user gave it, borrowed */
  int buf_is_pp;    /* buf is preprocessed text: source lines come from disk */
} parcc_diag_ctx_t;

/* Reports one diagnostic at (line, col) of `file` (NULL: the main file).
 * `hint`, when not NULL or empty, is printed as a note at the same place. */
__attribute__((format(printf, 7, 8))) void
parcc_diag(parcc_diag_ctx_t *ctx, enum parcc_diag_level level, const char *file, unsigned line,
           unsigned col, const char *hint, const char *fmt, ...);

/* Line and column (1-based) of a byte offset in the context's buffer. */
void parcc_diag_linecol(const parcc_diag_ctx_t *ctx, size_t off, unsigned *line, unsigned *col);

#endif /* PARCC_DIAG_H */
