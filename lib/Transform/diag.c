/* diag.c: prints clang-style diagnostics (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *level_name[] = {"note", "warning", "error"};
static const char *level_color[] = {"\033[1;30m", "\033[1;35m", "\033[1;31m"};

void parcc_diag_linecol(const parcc_diag_ctx_t *ctx, size_t off, unsigned *line, unsigned *col) {
  unsigned l = 1;
  size_t start = 0;
  if (off > ctx->len) off = ctx->len;
  for (size_t i = 0; i < off; i++)
    if (ctx->buf[i] == '\n') {
      l++;
      start = i + 1;
    }
  *line = l;
  *col = (unsigned)(off - start) + 1;
}

/* Finds line `line` of buf; returns its start and sets *n to its length. */
static const char *find_line(const char *buf, size_t len, unsigned line, size_t *n) {
  size_t i = 0;
  for (unsigned l = 1; l < line && i < len; i++)
    if (buf[i] == '\n') l++;
  if (i >= len && line > 1) return NULL;
  size_t e = i;
  while (e < len && buf[e] != '\n') e++;
  *n = e - i;
  return buf + i;
}

static void print_source_line(parcc_diag_ctx_t *ctx, const char *file, unsigned line,
                              unsigned col) {
  char *owned = NULL;
  const char *buf = ctx->buf;
  size_t len = ctx->len;
  if (file && (ctx->buf_is_pp || !ctx->path || strcmp(file, ctx->path) != 0)) {
    FILE *f = fopen(file, "rb");
    if (!f) return;
    size_t cap = 1 << 16, n = 0;
    owned = malloc(cap);
    size_t r;
    while (owned && (r = fread(owned + n, 1, cap - n, f)) > 0) {
      n += r;
      if (n == cap) {
        char *grown = realloc(owned, cap *= 2);
        if (!grown) break;
        owned = grown;
      }
    }
    fclose(f);
    if (!owned) return;
    buf = owned;
    len = n;
  }
  size_t n = 0;
  const char *s = buf ? find_line(buf, len, line, &n) : NULL;
  if (s) {
    if (n && s[n - 1] == '\r') n--;
    fprintf(ctx->out, "%5u | %.*s\n      | ", line, (int)n, s);
    /* Keep tabs so the caret lines up with the source line. */
    for (unsigned i = 0; i + 1 < col && i < n; i++) fputc(s[i] == '\t' ? '\t' : ' ', ctx->out);
    if (ctx->color) fputs("\033[1;32m", ctx->out);
    fputc('^', ctx->out);
    if (ctx->color) fputs("\033[0m", ctx->out);
    fputc('\n', ctx->out);
  }
  free(owned);
}

static void print_head(parcc_diag_ctx_t *ctx, enum parcc_diag_level level, const char *file,
                       unsigned line, unsigned col) {
  if (ctx->color) fputs("\033[1m", ctx->out);
  fprintf(ctx->out, "%s:%u:%u: ", file ? file : ctx->path, line, col);
  if (ctx->color) fputs(level_color[level], ctx->out);
  fprintf(ctx->out, "%s: ", level_name[level]);
  if (ctx->color) fputs("\033[0m\033[1m", ctx->out);
}

void parcc_diag(parcc_diag_ctx_t *ctx, enum parcc_diag_level level, const char *file, unsigned line,
                unsigned col, const char *hint, const char *fmt, ...) {
  if (level == PARCC_DIAG_ERROR) ctx->nerrors++;
  if (level == PARCC_DIAG_WARNING) ctx->nwarnings++;
  print_head(ctx, level, file, line, col);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(ctx->out, fmt, ap);
  va_end(ap);
  if (ctx->color) fputs("\033[0m", ctx->out);
  fputc('\n', ctx->out);
  print_source_line(ctx, file, line, col);
  if (hint && *hint) {
    print_head(ctx, PARCC_DIAG_NOTE, file, line, col);
    fputs(hint, ctx->out);
    if (ctx->color) fputs("\033[0m", ctx->out);
    fputc('\n', ctx->out);
  }
  fflush(ctx->out);
}
