/* transform.c: parcc's source-to-source step (see transform.h).
 *
 * 1. Read the file; if it has no `#pragma par`, return it unchanged.
 * 2. Parse it with libclang (the user's flags, unknown pragmas quiet). If clang
 *    reports errors, show them and stop: the user's code must compile first.
 * 3. Find every `#pragma par` line by scanning the bytes (libclang has no
 *    cursor for unknown pragmas), skipping the ranges the preprocessor
 *    skipped, and parse its clauses (pragma.c).
 * 4. Bind each `distribute` to the for statement or function definition that
 *    follows it (only preprocessor lines may come between), `sync` and
 *    `spawn` to the enclosing function; analyse each loop (loop.c) and each
 *    distributed function (func.c), then the spawns of each function
 *    together, once every distributed function is known (spawn.c).
 * 5. If nothing was wrong, build the output: the original text with each loop
 *    replaced by a call into the runtime, the argument struct and descriptor
 *    inserted before the enclosing function and the outlined chunk function
 *    after it (emit.c); a distributed function renamed in place with its
 *    descriptor, stub and spawn entry after it; each spawn statement replaced
 *    by a call of the spawn entry, its site before the function; `#line`
 *    directives after every generated piece so the rest of the file keeps its
 *    line numbers.
 */
#define _POSIX_C_SOURCE 200809L
#include "transform.h"

#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* ---- small utilities --------------------------------------------------- */

void *parcc_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) {
    fputs("parcc: out of memory\n", stderr);
    abort();
  }
  return p;
}

void *parcc_xrealloc(void *p, size_t size) {
  p = realloc(p, size ? size : 1);
  if (!p) {
    fputs("parcc: out of memory\n", stderr);
    abort();
  }
  return p;
}

char *parcc_strndup(const char *s, size_t n) {
  char *d = parcc_xcalloc(n + 1, 1);
  memcpy(d, s, n);
  return d;
}

char *parcc_xstrdup(const char *s) { return parcc_strndup(s, strlen(s)); }

void parcc_sb_putn(parcc_sb_t *sb, const char *s, size_t n) {
  if (n == 0) return;
  if (sb->len + n + 1 > sb->cap) {
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + n + 1) cap *= 2;
    sb->s = parcc_xrealloc(sb->s, cap);
    sb->cap = cap;
  }
  memcpy(sb->s + sb->len, s, n);
  sb->len += n;
  sb->s[sb->len] = 0;
}

void parcc_sb_puts(parcc_sb_t *sb, const char *s) { parcc_sb_putn(sb, s, strlen(s)); }

void parcc_sb_printf(parcc_sb_t *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  char *tmp = parcc_xcalloc((size_t)n + 1, 1);
  va_start(ap, fmt);
  vsnprintf(tmp, (size_t)n + 1, fmt, ap);
  va_end(ap);
  parcc_sb_putn(sb, tmp, (size_t)n);
  free(tmp);
}

char *parcc_sb_take(parcc_sb_t *sb) {
  char *s = sb->s ? sb->s : parcc_xstrdup("");
  memset(sb, 0, sizeof *sb);
  return s;
}

/* ---- locations ---------------------------------------------------------- */

int parcc_cursor_offsets(parcc_file_t *f, CXCursor c, size_t *off, size_t *end) {
  CXSourceRange r = clang_getCursorExtent(c);
  CXFile fa, fb;
  unsigned a, b;
  clang_getExpansionLocation(clang_getRangeStart(r), &fa, NULL, NULL, &a);
  clang_getExpansionLocation(clang_getRangeEnd(r), &fb, NULL, NULL, &b);
  if (!fa || !clang_File_isEqual(fa, f->file)) return 0;
  *off = a;
  *end = (fb && clang_File_isEqual(fb, f->file) && b >= a) ? b : a;
  return 1;
}

size_t parcc_token_at(parcc_file_t *f, size_t off) {
  size_t lo = 0, hi = f->ntoks;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (f->toks[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void parcc_file_loc(parcc_file_t *f, size_t off, const char **file, unsigned *line, unsigned *col) {
  parcc_diag_linecol(&f->diag, off, line, col);
  *file = f->path;
  if (!f->pp || !f->pp->n) return;
  size_t lo = 0, hi = f->pp->n;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (f->pp->starts[mid] <= off) lo = mid;
    else hi = mid;
  }
  *line = f->pp->lines[lo];
  *file = f->pp->files[lo];
}

/* Reads the line markers of `clang -E` output. */
static parcc_linemap_t *linemap_build(const char *b, size_t n) {
  parcc_linemap_t *m = parcc_xcalloc(1, sizeof *m);
  size_t cap = 1024;
  m->starts = parcc_xcalloc(cap, sizeof *m->starts);
  m->lines = parcc_xcalloc(cap, sizeof *m->lines);
  m->files = parcc_xcalloc(cap, sizeof *m->files);
  unsigned line = 1;
  const char *file = "";
  size_t i = 0;
  while (i <= n) {
    if (m->n == cap) {
      cap *= 2;
      m->starts = parcc_xrealloc(m->starts, cap * sizeof *m->starts);
      m->lines = parcc_xrealloc(m->lines, cap * sizeof *m->lines);
      m->files = parcc_xrealloc(m->files, cap * sizeof *m->files);
    }
    m->starts[m->n] = i;
    m->lines[m->n] = line;
    m->files[m->n] = file;
    m->n++;
    const char *nl = i < n ? memchr(b + i, '\n', n - i) : NULL;
    size_t e = nl ? (size_t)(nl - b) : n;
    /* `# N "file" flags` or `#line N "file"` */
    size_t k = i;
    while (k < e && (b[k] == ' ' || b[k] == '\t')) k++;
    int marker = 0;
    if (k < e && b[k] == '#') {
      k++;
      while (k < e && (b[k] == ' ' || b[k] == '\t')) k++;
      if (k + 4 <= e && !memcmp(b + k, "line", 4)) k += 4;
      while (k < e && (b[k] == ' ' || b[k] == '\t')) k++;
      if (k < e && b[k] >= '0' && b[k] <= '9') {
        unsigned v = 0;
        while (k < e && b[k] >= '0' && b[k] <= '9') v = v * 10 + (unsigned)(b[k++] - '0');
        while (k < e && (b[k] == ' ' || b[k] == '\t')) k++;
        if (k < e && b[k] == '"') {
          size_t q = k + 1;
          while (q < e && b[q] != '"') q += (b[q] == '\\') ? 2 : 1;
          m->names = parcc_xrealloc(m->names, (m->nnames + 1) * sizeof *m->names);
          file = m->names[m->nnames++] = parcc_strndup(b + k + 1, q > e ? e - k - 1 : q - k - 1);
        }
        line = v;
        marker = 1;
      }
    }
    if (!marker) line++;
    if (!nl) break;
    i = e + 1;
  }
  return m;
}

static void linemap_free(parcc_linemap_t *m) {
  if (!m) return;
  for (size_t i = 0; i < m->nnames; i++) free(m->names[i]);
  free(m->names);
  free(m->starts);
  free(m->lines);
  free(m->files);
  free(m);
}

void parcc_error_at(parcc_file_t *f, size_t off, const char *hint, const char *fmt, ...) {
  unsigned line, col;
  const char *file;
  parcc_file_loc(f, off, &file, &line, &col);
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  parcc_diag(&f->diag, PARCC_DIAG_ERROR, file, line, col, hint, "%s", msg);
}

size_t parcc_pragma_file_off(const parcc_pragma_site_t *p, uint32_t text_off) {
  if (text_off >= p->text_len) return p->text_len ? p->map[p->text_len - 1] + 1 : p->end;
  return p->map[text_off];
}

int parcc_is_directive_line(parcc_file_t *f, size_t off) {
  /* Walk back to the start of the logical line (through continuations). */
  size_t s = off;
  for (;;) {
    while (s > 0 && f->buf[s - 1] != '\n') s--;
    if (s >= 2 && f->buf[s - 2] == '\\') {
      s--;
      continue;
    }
    break;
  }
  while (s < f->len && (f->buf[s] == ' ' || f->buf[s] == '\t')) s++;
  return s < f->len && f->buf[s] == '#';
}

/* ---- cursor trees ------------------------------------------------------- */

typedef struct collect_ctx {
  parcc_file_t *f;
  parcc_node_t *nodes;
  int n, cap;
  int *stack;
  int depth, stack_cap;
} collect_ctx_t;

static int push_node(collect_ctx_t *cx, CXCursor c, int parent) {
  if (cx->n == cx->cap) {
    cx->cap = cx->cap ? cx->cap * 2 : 64;
    cx->nodes = parcc_xrealloc(cx->nodes, (size_t)cx->cap * sizeof *cx->nodes);
  }
  parcc_node_t *nd = &cx->nodes[cx->n];
  nd->c = c;
  nd->kind = clang_getCursorKind(c);
  nd->parent = parent;
  nd->off = nd->end = 0;
  nd->in_main = parcc_cursor_offsets(cx->f, c, &nd->off, &nd->end);
  return cx->n++;
}

/* clang_equalCursors compares private fields that differ between the same
 * statement reached by different paths; kind and extent identify it. */
static int same_cursor(CXCursor a, CXCursor b) {
  if (clang_equalCursors(a, b)) return 1;
  return clang_getCursorKind(a) == clang_getCursorKind(b) &&
         clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

static enum CXChildVisitResult collect_visit(CXCursor c, CXCursor parent, CXClientData data) {
  collect_ctx_t *cx = data;
  /* The stack holds the path from the root; pop until the top is `parent`. */
  while (cx->depth > 0 && !same_cursor(cx->nodes[cx->stack[cx->depth - 1]].c, parent))
    cx->depth--;
  int pidx = cx->depth > 0 ? cx->stack[cx->depth - 1] : -1;
  int idx = push_node(cx, c, pidx);
  if (cx->depth == cx->stack_cap) {
    cx->stack_cap = cx->stack_cap ? cx->stack_cap * 2 : 64;
    cx->stack = parcc_xrealloc(cx->stack, (size_t)cx->stack_cap * sizeof *cx->stack);
  }
  cx->stack[cx->depth++] = idx;
  return CXChildVisit_Recurse;
}

int parcc_collect_nodes(parcc_file_t *f, CXCursor root, parcc_node_t **out) {
  collect_ctx_t cx = {.f = f};
  int r = push_node(&cx, root, -1);
  cx.stack = parcc_xcalloc(64, sizeof *cx.stack);
  cx.stack_cap = 64;
  cx.stack[cx.depth++] = r;
  clang_visitChildren(root, collect_visit, &cx);
  free(cx.stack);
  *out = cx.nodes;
  return cx.n;
}

/* ---- finding pragmas --------------------------------------------------- */

static int is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Skips blanks and backslash-newlines from i; returns the new index. */
static size_t skip_hspace(const char *b, size_t n, size_t i) {
  for (;;) {
    if (i < n && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    } else if (i + 1 < n && b[i] == '\\' && b[i + 1] == '\n') {
      i += 2;
    } else if (i + 2 < n && b[i] == '\\' && b[i + 1] == '\r' && b[i + 2] == '\n') {
      i += 3;
    } else if (i + 1 < n && b[i] == '/' && b[i + 1] == '*') {
      size_t j = i + 2;
      while (j + 1 < n && !(b[j] == '*' && b[j + 1] == '/')) j++;
      i = j + 1 < n ? j + 2 : n;
    } else {
      return i;
    }
  }
}

/* Whether the line at i is `#pragma WORD ...` (WORD a whole word); *after
 * is the offset just past WORD. */
static int match_pragma_word(const char *b, size_t n, size_t i, const char *word, size_t *after) {
  i = skip_hspace(b, n, i);
  if (i >= n || b[i] != '#') return 0;
  i = skip_hspace(b, n, i + 1);
  if (i + 6 > n || memcmp(b + i, "pragma", 6) != 0 || (i + 6 < n && is_ident_char(b[i + 6])))
    return 0;
  i = skip_hspace(b, n, i + 6);
  size_t wl = strlen(word);
  if (i + wl > n || memcmp(b + i, word, wl) != 0 || (i + wl < n && is_ident_char(b[i + wl])))
    return 0;
  *after = i + wl;
  return 1;
}

/* If a `#pragma par` directive starts at line start `i`, returns 1 and sets
 * the offset of `#` and of the text after `par`. */
static int match_par_pragma(const char *b, size_t n, size_t i, size_t *hash, size_t *text) {
  if (!match_pragma_word(b, n, i, "par", text)) return 0;
  *hash = skip_hspace(b, n, i);
  return 1;
}

/* Calls fn for each line start that is not inside a comment or string. */
typedef void (*line_fn)(void *data, size_t line_start);
static void scan_lines(const char *b, size_t n, line_fn fn, void *data) {
  int in_block = 0;
  size_t i = 0;
  fn(data, 0);
  while (i < n) {
    char c = b[i];
    if (in_block) {
      if (c == '*' && i + 1 < n && b[i + 1] == '/') {
        in_block = 0;
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (c == '/' && i + 1 < n && b[i + 1] == '*') {
      in_block = 1;
      i += 2;
      continue;
    }
    if (c == '/' && i + 1 < n && b[i + 1] == '/') {
      while (i < n && !(b[i] == '\n' && (i == 0 || b[i - 1] != '\\'))) i++;
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < n && b[j] != c && b[j] != '\n') j += (b[j] == '\\' && j + 1 < n) ? 2 : 1;
      i = j < n ? j + 1 : n;
      continue;
    }
    if (c == '\n') {
      i++;
      if (i > 1 && b[i - 2] == '\\') continue; /* continuation: same logical line */
      if (i < n) fn(data, i);
      continue;
    }
    i++;
  }
}

int parcc_has_par_pragma(const char *text, size_t len) {
  /* Cheap and conservative: any `#...pragma...par` line start, or _Pragma("par. */
  size_t i = 0;
  while (i < len) {
    size_t hash, t;
    if (match_par_pragma(text, len, i, &hash, &t)) return 1;
    const char *nl = memchr(text + i, '\n', len - i);
    if (!nl) break;
    i = (size_t)(nl - text) + 1;
  }
  for (size_t j = 0; j + 9 < len; j++)
    if (text[j] == '_' && memcmp(text + j, "_Pragma", 7) == 0) {
      size_t k = skip_hspace(text, len, j + 7);
      if (k < len && text[k] == '(') {
        k = skip_hspace(text, len, k + 1);
        if (k + 4 <= len && memcmp(text + k, "\"par", 4) == 0) return 1;
      }
    }
  return 0;
}

typedef struct scan_ctx {
  parcc_file_t *f;
  parcc_pragma_site_t *sites;
  int n, cap;
} scan_ctx_t;

static int in_skipped(parcc_file_t *f, size_t off) {
  for (size_t i = 0; i < f->nskipped; i++)
    if (off > f->skipped[2 * i] && off < f->skipped[2 * i + 1]) return 1;
  return 0;
}

static void scan_line(void *data, size_t ls) {
  scan_ctx_t *sc = data;
  parcc_file_t *f = sc->f;
  size_t hash, t;
  if (!match_par_pragma(f->buf, f->len, ls, &hash, &t)) return;
  if (in_skipped(f, hash)) return;
  if (sc->n == sc->cap) {
    sc->cap = sc->cap ? sc->cap * 2 : 8;
    sc->sites = parcc_xrealloc(sc->sites, (size_t)sc->cap * sizeof *sc->sites);
  }
  parcc_pragma_site_t *p = &sc->sites[sc->n++];
  memset(p, 0, sizeof *p);
  p->off = hash;
  p->line_off = ls;
  const char *pfile;
  parcc_file_loc(f, hash, &pfile, &p->line, &p->col);
  /* The directive's text: to the end of the logical line. */
  size_t cap = 64, n = 0;
  p->text = parcc_xcalloc(cap, 1);
  p->map = parcc_xcalloc(cap, sizeof *p->map);
  size_t i = t;
  while (i < f->len) {
    if (f->buf[i] == '\\' && i + 1 < f->len && f->buf[i + 1] == '\n') {
      i += 2;
      continue;
    }
    if (f->buf[i] == '\\' && i + 2 < f->len && f->buf[i + 1] == '\r' && f->buf[i + 2] == '\n') {
      i += 3;
      continue;
    }
    if (f->buf[i] == '\n') break;
    if (n + 1 >= cap) {
      cap *= 2;
      p->text = parcc_xrealloc(p->text, cap);
      p->map = parcc_xrealloc(p->map, cap * sizeof *p->map);
    }
    p->text[n] = f->buf[i] == '\r' ? ' ' : f->buf[i];
    p->map[n] = i;
    n++;
    i++;
  }
  p->text[n] = 0;
  p->text_len = n;
  p->end = i;
}

/* ---- binding and driving ------------------------------------------------ */

typedef struct target_ctx {
  parcc_file_t *f;
  CXCursor *fors;
  size_t *for_off;
  int nfors, capfors;
} target_ctx_t;

static enum CXChildVisitResult find_targets(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  target_ctx_t *tc = data;
  parcc_file_t *f = tc->f;
  enum CXCursorKind k = clang_getCursorKind(c);
  size_t off, end;
  if (!parcc_cursor_offsets(f, c, &off, &end)) return CXChildVisit_Continue;
  if (k == CXCursor_FunctionDecl) {
    f->funcs = parcc_xrealloc(f->funcs, (size_t)(f->nfuncs + 1) * sizeof *f->funcs);
    parcc_func_t *fn = &f->funcs[f->nfuncs++];
    memset(fn, 0, sizeof *fn);
    fn->c = c;
    CXString s = clang_getCursorSpelling(c);
    fn->name = parcc_xstrdup(clang_getCString(s));
    clang_disposeString(s);
    fn->off = off;
    fn->end = end;
    fn->body_off = (size_t)-1;
    if (clang_isCursorDefinition(c)) {
      parcc_node_t *nodes;
      int nn = parcc_collect_nodes(f, c, &nodes);
      for (int i = 1; i < nn; i++)
        if (nodes[i].parent == 0 && nodes[i].kind == CXCursor_CompoundStmt) fn->body_off = nodes[i].off;
      for (int i = 1; i < nn; i++)
        if (nodes[i].kind == CXCursor_ForStmt && nodes[i].in_main) {
          if (tc->nfors == tc->capfors) {
            tc->capfors = tc->capfors ? tc->capfors * 2 : 16;
            tc->fors = parcc_xrealloc(tc->fors, (size_t)tc->capfors * sizeof *tc->fors);
            tc->for_off = parcc_xrealloc(tc->for_off, (size_t)tc->capfors * sizeof *tc->for_off);
          }
          tc->fors[tc->nfors] = nodes[i].c;
          tc->for_off[tc->nfors++] = nodes[i].off;
        }
      free(nodes);
    }
  }
  return CXChildVisit_Continue;
}

static parcc_func_t *func_containing(parcc_file_t *f, size_t off) {
  for (int i = 0; i < f->nfuncs; i++)
    if (f->funcs[i].body_off != (size_t)-1 && off > f->funcs[i].body_off && off < f->funcs[i].end)
      return &f->funcs[i];
  return NULL;
}

/* The only things allowed between a pragma and its loop or function are
 * blanks, comments and preprocessor lines. Returns the offending offset or
 * (size_t)-1. */
size_t parcc_first_stray_token(parcc_file_t *f, size_t from, size_t to) {
  for (size_t t = parcc_token_at(f, from); t < f->ntoks && f->toks[t].off < to; t++) {
    if (f->toks[t].kind == CXToken_Comment) continue;
    if (parcc_is_directive_line(f, f->toks[t].off) || in_skipped(f, f->toks[t].off)) continue;
    return f->toks[t].off;
  }
  return (size_t)-1;
}

/* Checks that #if/#endif inside [from, to) balance, so the region can be
 * cut out and moved. Returns the offset of a directive that breaks it, or
 * (size_t)-1. */
static size_t unbalanced_conditional(parcc_file_t *f, size_t from, size_t to) {
  int depth = 0;
  size_t i = from;
  while (i < to) {
    size_t ls = i;
    size_t j = skip_hspace(f->buf, f->len, i);
    if (j < to && f->buf[j] == '#') {
      size_t k = skip_hspace(f->buf, f->len, j + 1);
      size_t e = k;
      while (e < f->len && is_ident_char(f->buf[e])) e++;
      size_t wl = e - k;
      const char *w = f->buf + k;
      if ((wl == 2 && !memcmp(w, "if", 2)) || (wl == 5 && !memcmp(w, "ifdef", 5)) ||
          (wl == 6 && !memcmp(w, "ifndef", 6)))
        depth++;
      else if (wl == 5 && !memcmp(w, "endif", 5)) {
        if (--depth < 0) return ls;
      } else if ((wl == 4 && (!memcmp(w, "else", 4) || !memcmp(w, "elif", 4))) ||
                 (wl == 7 && (!memcmp(w, "elifdef", 7))) || (wl == 8 && !memcmp(w, "elifndef", 8))) {
        if (depth == 0) return ls;
      }
    }
    const char *nl = memchr(f->buf + i, '\n', to - i);
    if (!nl) break;
    i = (size_t)(nl - f->buf) + 1;
  }
  return depth == 0 ? (size_t)-1 : from;
}

/* The offset of any #if/#else/#endif-family line in [from, to), or -1. */
static size_t has_conditional(parcc_file_t *f, size_t from, size_t to) {
  for (size_t i = from; i < to;) {
    size_t j = skip_hspace(f->buf, f->len, i);
    if (j < to && f->buf[j] == '#') {
      size_t k = skip_hspace(f->buf, f->len, j + 1);
      if (k + 2 <= f->len && (!memcmp(f->buf + k, "if", 2) || !memcmp(f->buf + k, "el", 2) ||
                              !memcmp(f->buf + k, "endif", 5)))
        return i;
    }
    const char *nl = memchr(f->buf + i, '\n', to - i);
    if (!nl) break;
    i = (size_t)(nl - f->buf) + 1;
  }
  return (size_t)-1;
}

typedef struct edit {
  size_t off, end; /* replace [off, end) */
  char *text;      /* owned */
  int seq;
  int resume_line; /* emit #line for `end` after the text */
} edit_t;

typedef struct edits {
  edit_t *v;
  int n, cap;
} edits_t;

static void add_edit(edits_t *e, size_t off, size_t end, char *text, int resume) {
  if (e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 16;
    e->v = parcc_xrealloc(e->v, (size_t)e->cap * sizeof *e->v);
  }
  e->v[e->n] = (edit_t){off, end, text, e->n, resume};
  e->n++;
}

static int edit_cmp(const void *a, const void *b) {
  const edit_t *x = a, *y = b;
  if (x->off != y->off) return x->off < y->off ? -1 : 1;
  return x->seq - y->seq;
}

void parcc_emit_line_at(parcc_file_t *f, size_t off, parcc_sb_t *out) {
  unsigned line, col;
  const char *file;
  parcc_file_loc(f, off, &file, &line, &col);
  if (out->len && out->s[out->len - 1] != '\n') parcc_sb_puts(out, "\n");
  parcc_sb_printf(out, "#line %u \"", line);
  for (const char *s = file; *s; s++) {
    if (*s == '"' || *s == '\\') parcc_sb_putn(out, "\\", 1);
    parcc_sb_putn(out, s, 1);
  }
  parcc_sb_puts(out, "\"\n");
  for (unsigned i = 1; i < col; i++) parcc_sb_putn(out, " ", 1);
}

static int read_file(const char *path, char **buf, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return -1;
  size_t cap = 1 << 16, n = 0, r;
  char *b = parcc_xcalloc(cap, 1);
  while ((r = fread(b + n, 1, cap - n - 1, fp)) > 0) {
    n += r;
    if (n + 1 >= cap) b = parcc_xrealloc(b, cap *= 2);
  }
  int err = ferror(fp);
  fclose(fp);
  if (err) {
    free(b);
    return -1;
  }
  b[n] = 0;
  *buf = b;
  *len = n;
  return 0;
}

static int count_clang_errors(parcc_file_t *f) {
  int n = 0;
  unsigned nd = clang_getNumDiagnostics(f->tu);
  for (unsigned i = 0; i < nd; i++) {
    CXDiagnostic d = clang_getDiagnostic(f->tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) n++;
    clang_disposeDiagnostic(d);
  }
  return n;
}

static void show_clang_diagnostics(parcc_file_t *f) {
  unsigned n = clang_getNumDiagnostics(f->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(f->tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      CXString s = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
      fprintf(f->diag.out, "%s\n", clang_getCString(s));
      clang_disposeString(s);
    }
    clang_disposeDiagnostic(d);
  }
}

static void tokenize(parcc_file_t *f) {
  CXSourceRange all = clang_getRange(clang_getLocationForOffset(f->tu, f->file, 0),
                                     clang_getLocationForOffset(f->tu, f->file, (unsigned)f->len));
  CXToken *toks = NULL;
  unsigned n = 0;
  clang_tokenize(f->tu, all, &toks, &n);
  f->toks = parcc_xcalloc(n, sizeof *f->toks);
  f->ntoks = 0;
  for (unsigned i = 0; i < n; i++) {
    CXSourceRange r = clang_getTokenExtent(f->tu, toks[i]);
    unsigned a, b;
    clang_getFileLocation(clang_getRangeStart(r), NULL, NULL, NULL, &a);
    clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &b);
    parcc_token_t *t = &f->toks[f->ntoks++];
    t->kind = clang_getTokenKind(toks[i]);
    t->off = a;
    t->end = b;
    t->text = parcc_strndup(f->buf + a, b >= a && b <= f->len ? b - a : 0);
  }
  clang_disposeTokens(f->tu, toks, n);
}

/* Reports a clause parse error at its place in the file. */
static void pragma_error(parcc_file_t *f, parcc_pragma_site_t *p, const parcc_pragma_error_t *e) {
  parcc_error_at(f, parcc_pragma_file_off(p, e->off), e->hint[0] ? e->hint : NULL, "%s",
                 e->message);
}

/* `#pragma par distribute` before the definition `fn`: checks it and adds it
 * to dfuncs. Its header (specifiers to the parameter list) is copied for the
 * stub, so it must not contain preprocessor conditionals. */
static void bind_function(parcc_file_t *f, parcc_pragma_site_t *p, parcc_func_t *fn, parcc_pragma_site_t *sites,
                          int nsites, parcc_dfunc_t *dfuncs, int *ndfuncs, int may_retry, int *retry) {
  if (fn->dist_pragmas++) return; /* reported with the first one */
  for (int k = 0; k < nsites; k++)
    if (sites[k].ok && sites[k].ast.directive == PARCC_DIR_DISTRIBUTE && sites[k].off > p->off &&
        sites[k].off < fn->off) {
      parcc_error_at(f, sites[k].off, "merge their clauses into one pragma",
                     "more than one '#pragma par distribute' before the function '%s'", fn->name);
      return;
    }
  size_t bad = has_conditional(f, fn->off, fn->body_off);
  if (bad != (size_t)-1 && may_retry) {
    *retry = 1;
    return;
  }
  if (bad != (size_t)-1) {
    parcc_error_at(f, bad, "keep #if/#else/#endif out of the function's declaration",
                   "preprocessor conditional inside the declaration of the distributed function '%s'", fn->name);
    return;
  }
  parcc_dfunc_t *d = &dfuncs[*ndfuncs];
  if (parcc_func_analyze(f, p, fn, d) == 0) (*ndfuncs)++;
  else parcc_func_free(d);
}

static void free_functions(parcc_dfunc_t *dfuncs, int ndfuncs, parcc_pragma_site_t **spawn_sites,
                           parcc_spawn_t *spawns, int nspawns) {
  for (int i = 0; i < ndfuncs; i++) parcc_func_free(&dfuncs[i]);
  free(dfuncs);
  free(spawn_sites);
  for (int i = 0; i < nspawns; i++) parcc_spawn_free(&spawns[i]);
  free(spawns);
}

/* Runs the back-end clang on the file with the user's flags and `mode`
 * (`-E` or `-fsyntax-only`). With `capture`, returns its stdout in *buf;
 * its stderr goes to ours. Returns clang's exit status, or -1. */
static int run_clang(const char *path, const parcc_transform_opts_t *opts, const char *mode, int capture,
                     char **buf, size_t *len) {
  int nargs = opts ? opts->nclang_args : 0;
  char **argv = parcc_xcalloc((size_t)nargs + 10, sizeof *argv);
  int na = 0;
  argv[na++] = (char *)(opts && opts->clang ? opts->clang : "clang-19");
  argv[na++] = (char *)mode;
  argv[na++] = "-Wno-unknown-pragmas";
  argv[na++] = "-D__PARCC__=1";
  for (int i = 0; i < nargs; i++) argv[na++] = (char *)opts->clang_args[i];
  if (capture) {
    /* The generated code's declarations, preprocessed with the rest. */
    argv[na++] = "-include";
    argv[na++] = "par/abi.h";
  }
  argv[na++] = (char *)path;
  argv[na] = NULL;
  int fds[2] = {-1, -1};
  if (capture && pipe(fds) != 0) {
    free(argv);
    return -1;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (capture) {
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
  }
  pid_t pid;
  extern char **environ;
  int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  free(argv);
  if (capture) close(fds[1]);
  if (err != 0) {
    if (capture) close(fds[0]);
    return -1;
  }
  char *b = NULL;
  size_t n = 0;
  if (capture) {
    size_t cap = 1 << 16;
    b = parcc_xcalloc(cap, 1);
    ssize_t r;
    while ((r = read(fds[0], b + n, cap - n - 1)) > 0) {
      n += (size_t)r;
      if (n + 1 >= cap) b = parcc_xrealloc(b, cap *= 2);
    }
    close(fds[0]);
  }
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  if (capture && rc == 0) {
    b[n] = 0;
    *buf = b;
    *len = n;
  } else {
    free(b);
  }
  return rc;
}

static int transform_buffer(parcc_file_t *f, const parcc_transform_opts_t *opts,
                            parcc_transform_result_t *out, int may_retry);

int parcc_transform(const char *path, const parcc_transform_opts_t *opts, FILE *diag,
                    parcc_transform_result_t *out) {
  memset(out, 0, sizeof *out);
  parcc_file_t F;
  memset(&F, 0, sizeof F);
  parcc_file_t *f = &F;
  f->path = path;
  f->diag.out = diag;
  f->diag.color = opts ? opts->color : 0;
  f->diag.path = path;
  if (read_file(path, &f->buf, &f->len) != 0) {
    fprintf(diag, "parcc: error: cannot read '%s'\n", path);
    return -1;
  }
  f->diag.buf = f->buf;
  f->diag.len = f->len;
  if (!parcc_has_par_pragma(f->buf, f->len)) {
    out->text = f->buf;
    out->len = f->len;
    return 0;
  }
  int rc = transform_buffer(f, opts, out, 1);
  if (rc != 2) {
    free(f->buf);
    return rc;
  }
  /* A preprocessor conditional crosses a loop's boundary: the text cannot
   * be cut cleanly, so rewrite the preprocessed unit instead (its line
   * markers keep messages and #line pointing at the user's file). */
  free(f->buf);
  memset(out, 0, sizeof *out);
  parcc_file_t G;
  memset(&G, 0, sizeof G);
  G.path = path;
  G.diag = F.diag;
  G.diag.nerrors = 0;
  if (run_clang(path, opts, "-E", 1, &G.buf, &G.len) != 0) {
    fprintf(diag, "parcc: error: could not preprocess '%s'\n", path);
    return -1;
  }
  G.pp = linemap_build(G.buf, G.len);
  G.diag.buf = G.buf;
  G.diag.len = G.len;
  G.diag.buf_is_pp = 1;
  rc = transform_buffer(&G, opts, out, 0);
  linemap_free(G.pp);
  free(G.buf);
  return rc;
}

/* ---- OpenMP pragmas beside a distributed loop ------------------------------ */

/* One source for both compilers is how OpenMP users write it:
 *     #pragma par distribute map(...)
 *     #pragma omp parallel for
 *     for (...)
 * par takes the loop, so an OpenMP pragma on the lines right before or
 * after a `#pragma par distribute` (blank lines between allowed) is blanked
 * before anything else reads the file: with -fopenmp clang would otherwise
 * parse it as a directive that swallows the loop (the par pragma would
 * then have no loop), or apply it to the rewritten block. Without
 * -fopenmp it was ignored anyway. Only spaces replace it, so offsets, lines
 * and columns stay. */
typedef struct omp_lines {
  size_t *start;
  unsigned char *kind; /* 0 other, 1 blank, 2 `#pragma omp`, 3 `#pragma par distribute` */
  size_t n, cap;
  const char *b;
  size_t len;
} omp_lines_t;

/* Whether the OpenMP directive whose words start at i is a loop construct
 * (`parallel for`, `simd`, `target teams distribute parallel for`,
 * `loop`, `taskloop`, ...): one of its directive words (those before the
 * first clause's parenthesis, on its logical line) is for, simd, loop,
 * taskloop or distribute. A region (`parallel`, `target data`) or a
 * declaration (`declare simd`, `declare target`) is left alone. */
static int omp_loop_directive(const char *b, size_t n, size_t i) {
  static const char *const loops[] = {"for", "simd", "loop", "taskloop", "distribute"};
  while (i < n && b[i] != '\n') {
    if (b[i] == '\\' && i + 1 < n && b[i + 1] == '\n') {
      i += 2;
      continue;
    }
    if (b[i] == '(') return 0; /* clauses from here on */
    if (!is_ident_char(b[i])) {
      i++;
      continue;
    }
    size_t w = i;
    while (i < n && is_ident_char(b[i]))
      i++;
    if (i - w == 7 && memcmp(b + w, "declare", 7) == 0) return 0;
    for (size_t k = 0; k < sizeof loops / sizeof loops[0]; k++)
      if (strlen(loops[k]) == i - w && memcmp(b + w, loops[k], i - w) == 0) return 1;
  }
  return 0;
}

static void omp_line(void *data, size_t ls) {
  omp_lines_t *L = data;
  if (L->n == L->cap) {
    L->cap = L->cap ? 2 * L->cap : 256;
    L->start = parcc_xrealloc(L->start, L->cap * sizeof *L->start);
    L->kind = parcc_xrealloc(L->kind, L->cap);
  }
  size_t after, i = skip_hspace(L->b, L->len, ls);
  unsigned char k = 0;
  if (i >= L->len || L->b[i] == '\n' || L->b[i] == '\r')
    k = 1;
  else if (match_pragma_word(L->b, L->len, ls, "omp", &after))
    k = omp_loop_directive(L->b, L->len, after) ? 2 : 0;
  else if (match_pragma_word(L->b, L->len, ls, "par", &after) &&
           skip_hspace(L->b, L->len, after) + 10 <= L->len &&
           memcmp(L->b + skip_hspace(L->b, L->len, after), "distribute", 10) == 0)
    k = 3;
  L->start[L->n] = ls;
  L->kind[L->n++] = k;
}

static void blank_logical_line(char *b, size_t n, size_t i) {
  for (; i < n && !(b[i] == '\n' && (i == 0 || b[i - 1] != '\\')); i++)
    if (b[i] != '\n' && b[i] != '\r') b[i] = ' ';
}

static void blank_omp_beside_par(parcc_file_t *f) {
  omp_lines_t L = {.b = f->buf, .len = f->len};
  scan_lines(f->buf, f->len, omp_line, &L);
  for (size_t k = 0; k < L.n; k++) {
    if (L.kind[k] != 3) continue;
    for (size_t j = k + 1; j < L.n && (L.kind[j] == 1 || L.kind[j] == 2); j++)
      if (L.kind[j] == 2) blank_logical_line(f->buf, f->len, L.start[j]);
    for (size_t j = k; j-- > 0 && (L.kind[j] == 1 || L.kind[j] == 2);)
      if (L.kind[j] == 2) blank_logical_line(f->buf, f->len, L.start[j]);
  }
  free(L.start);
  free(L.kind);
}

static int transform_buffer(parcc_file_t *f, const parcc_transform_opts_t *opts,
                            parcc_transform_result_t *out, int may_retry) {
  const char *path = f->path;
  FILE *diag = f->diag.out;
  int rc = -1;
  CXIndex index = clang_createIndex(0, 0);
  int nargs = opts ? opts->nclang_args : 0;
  const char **args = parcc_xcalloc((size_t)nargs + 4, sizeof *args);
  int na = 0;
  for (int i = 0; i < nargs; i++) args[na++] = opts->clang_args[i];
  args[na++] = "-Wno-unknown-pragmas";
  args[na++] = "-D__PARCC__=1";
  args[na++] = "-ferror-limit=50";
  blank_omp_beside_par(f);
  struct CXUnsavedFile unsaved = {path, f->buf, (unsigned long)f->len};
  int retry = 0;
  enum CXErrorCode ec = clang_parseTranslationUnit2(
      index, path, args, na, &unsaved, 1,
      CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing, &f->tu);
  free(args);
  parcc_pragma_site_t *sites = NULL;
  int nsites = 0;
  edits_t E = {0};
  if (ec != CXError_Success || !f->tu) {
    fprintf(diag, "parcc: error: libclang could not parse '%s' (error %d)\n", path, (int)ec);
    goto done;
  }
  f->file = clang_getFile(f->tu, path);
  int nclang_errors = count_clang_errors(f);
  if (nclang_errors) {
    /* The user's code must compile first: show clang's own messages, as
     * the compiler would print them; fall back to libclang's. */
    fflush(diag);
    if (f->pp || run_clang(path, opts, "-fsyntax-only", 0, NULL, NULL) == 0)
      show_clang_diagnostics(f);
    out->nerrors = nclang_errors;
    rc = 1;
    goto done;
  }
  tokenize(f);

  CXSourceRangeList *skipped = clang_getSkippedRanges(f->tu, f->file);
  if (skipped) {
    f->skipped = parcc_xcalloc(2 * (size_t)skipped->count, sizeof *f->skipped);
    for (unsigned i = 0; i < skipped->count; i++) {
      unsigned a, b;
      clang_getFileLocation(clang_getRangeStart(skipped->ranges[i]), NULL, NULL, NULL, &a);
      clang_getFileLocation(clang_getRangeEnd(skipped->ranges[i]), NULL, NULL, NULL, &b);
      f->skipped[2 * f->nskipped] = a;
      f->skipped[2 * f->nskipped + 1] = b;
      f->nskipped++;
    }
    clang_disposeSourceRangeList(skipped);
  }
  scan_ctx_t sc = {.f = f};
  scan_lines(f->buf, f->len, scan_line, &sc);
  sites = sc.sites;
  nsites = sc.n;
  out->npragmas = nsites;

  /* _Pragma("par ...") is invisible to the line scan: say so. */
  for (size_t t = 0; t + 2 < f->ntoks; t++)
    if (!strcmp(f->toks[t].text, "_Pragma") && !strcmp(f->toks[t + 1].text, "(") &&
        !strncmp(f->toks[t + 2].text, "\"par", 4))
      parcc_error_at(f, f->toks[t].off, "write it as a '#pragma par' line",
                     "'_Pragma(\"par ...\")' is not supported");

  target_ctx_t tc = {.f = f};
  clang_visitChildren(clang_getTranslationUnitCursor(f->tu), find_targets, &tc);

  /* Parse every pragma first, and find where each distribute's loop ends,
   * so that a distribute nested in another's loop is reported as such. */
  size_t *outer_end = parcc_xcalloc((size_t)nsites + 1, sizeof *outer_end);
  for (int i = 0; i < nsites; i++) {
    parcc_pragma_site_t *p = &sites[i];
    parcc_pragma_error_t perr;
    if (parcc_pragma_parse(p->text, p->text_len, &p->ast, &perr) != 0) {
      pragma_error(f, p, &perr);
      continue;
    }
    p->ok = 1;
    if (p->ast.directive != PARCC_DIR_DISTRIBUTE) continue;
    int best = -1;
    for (int k = 0; k < tc.nfors; k++)
      if (tc.for_off[k] >= p->end && (best < 0 || tc.for_off[k] < tc.for_off[best])) best = k;
    size_t o, e;
    if (best >= 0 && parcc_first_stray_token(f, p->end, tc.for_off[best]) == (size_t)-1 &&
        parcc_cursor_offsets(f, tc.fors[best], &o, &e))
      outer_end[i] = e;
  }
  parcc_loop_t *loops = parcc_xcalloc((size_t)nsites, sizeof *loops);
  int nloops = 0;
  parcc_dfunc_t *dfuncs = parcc_xcalloc((size_t)nsites, sizeof *dfuncs);
  int ndfuncs = 0;
  parcc_pragma_site_t **spawn_sites = parcc_xcalloc((size_t)nsites, sizeof *spawn_sites);
  int nspawn_sites = 0;
  parcc_spawn_t *spawns = NULL;
  int nspawns = 0;
  for (int i = 0; i < nsites; i++) {
    parcc_pragma_site_t *p = &sites[i];
    if (!p->ok) continue;
    int nested = 0;
    for (int j = 0; j < i; j++)
      if (outer_end[j] && p->off < outer_end[j]) nested = 1;
    if (nested) {
      if (p->ast.directive == PARCC_DIR_SYNC)
        parcc_error_at(f, p->off, NULL, "'#pragma par sync' inside a distributed loop is not allowed");
      else if (p->ast.directive == PARCC_DIR_SPAWN)
        parcc_error_at(f, p->off, "call the function directly: inside a loop's chunk it runs inline",
                       "'#pragma par spawn' inside a distributed loop is not allowed");
      else
        parcc_error_at(f, p->off, "distribute the outer loop only; its chunks run the inner loop serially",
                       "nested '#pragma par distribute' inside a distributed loop is not supported");
      p->ok = 0;
      continue;
    }
    parcc_func_t *fn = func_containing(f, p->off);
    if (p->ast.directive == PARCC_DIR_SPAWN) {
      if (!fn) {
        parcc_error_at(f, p->off, NULL, "'#pragma par spawn' must be inside a function body");
        continue;
      }
      /* Analysed once every distributed function is known. */
      spawn_sites[nspawn_sites++] = p;
      fn->needs_group = 1;
      continue;
    }
    if (p->ast.directive == PARCC_DIR_SYNC) {
      if (!fn) {
        parcc_error_at(f, p->off, NULL, "'#pragma par sync' must be inside a function body");
        continue;
      }
      fn->needs_group = 1;
      continue;
    }
    /* distribute: the next for statement or function definition */
    int best = -1;
    for (int k = 0; k < tc.nfors; k++)
      if (tc.for_off[k] >= p->end && (best < 0 || tc.for_off[k] < tc.for_off[best])) best = k;
    parcc_func_t *next_fn = NULL;
    for (int k = 0; k < f->nfuncs; k++)
      if (f->funcs[k].off >= p->end && (!next_fn || f->funcs[k].off < next_fn->off))
        next_fn = &f->funcs[k];
    size_t for_at = best >= 0 ? tc.for_off[best] : (size_t)-1;
    if (next_fn && next_fn->off < for_at) {
      size_t stray = parcc_first_stray_token(f, p->end, next_fn->off);
      if (stray == (size_t)-1 && !fn) {
        if (next_fn->body_off == (size_t)-1)
          parcc_error_at(f, p->off, "put the pragma before the function's definition",
                         "'#pragma par distribute' must precede a function definition, not a declaration");
        else
          bind_function(f, p, next_fn, sites, nsites, dfuncs, &ndfuncs, may_retry, &retry);
        continue;
      }
    }
    if (!fn) {
      parcc_error_at(f, p->off, NULL,
                     "'#pragma par distribute' must be followed by a for loop or a function definition");
      continue;
    }
    size_t stray = best >= 0 ? parcc_first_stray_token(f, p->end, for_at) : (size_t)-1;
    if (best < 0 || stray != (size_t)-1 || for_at > fn->end) {
      parcc_error_at(f, stray != (size_t)-1 ? stray : p->off,
                     "only a for loop (or a function definition) can be distributed",
                     "'#pragma par distribute' must be followed by a for loop");
      continue;
    }
    parcc_loop_t *l = &loops[nloops];
    if (parcc_loop_analyze(f, p, tc.fors[best], fn, l) == 0) {
      /* Text is cut from the pragma to the loop's end; the part before the
       * body is replaced and the body moved, so each must be whole. */
      size_t bad = unbalanced_conditional(f, l->body_off, l->body_end);
      if (bad == (size_t)-1) bad = unbalanced_conditional(f, p->end, l->body_off);
      if (bad == (size_t)-1) bad = has_conditional(f, p->end, l->body_off);
      if (bad != (size_t)-1 && may_retry) {
        retry = 1;
        parcc_loop_free(l);
        continue;
      }
      if (bad != (size_t)-1) {
        parcc_error_at(f, bad,
                       "keep #if/#else/#endif either wholly inside the loop body or wholly outside the loop",
                       "preprocessor conditional crosses the boundary of the distributed loop");
        parcc_loop_free(l);
        continue;
      }
      if (l->nowait) fn->needs_group = 1;
      nloops++;
    }
  }
  free(outer_end);
  for (int i = 0; i < nloops; i++) parcc_offload_check(&loops[i]);
  /* Spawns, function by function: the dataflow and pending-read rules look
   * at every spawn and sync of the function together. */
  for (int fi = 0; fi < f->nfuncs && !retry; fi++) {
    parcc_func_t *fn = &f->funcs[fi];
    int k0 = -1, nk = 0;
    for (int k = 0; k < nspawn_sites; k++)
      if (func_containing(f, spawn_sites[k]->off) == fn) {
        if (k0 < 0) k0 = k;
        nk++;
      }
    if (!nk) continue;
    size_t *syncs = parcc_xcalloc((size_t)nsites + 1, sizeof *syncs);
    int nsyncs = 0;
    for (int i = 0; i < nsites; i++)
      if (sites[i].ok && sites[i].ast.directive == PARCC_DIR_SYNC && func_containing(f, sites[i].off) == fn)
        syncs[nsyncs++] = sites[i].off;
    parcc_spawn_analyze(f, fn, spawn_sites + k0, nk, syncs, nsyncs, dfuncs, ndfuncs, &spawns, &nspawns);
    free(syncs);
  }
  /* Each file declares a spawn entry once, before its first spawn, unless
   * the distributed function defining it comes earlier in the file. */
  for (int i = 0; i < nspawns; i++) {
    parcc_spawn_t *sp = &spawns[i];
    int defined_before = 0, declared = 0;
    for (int k = 0; k < ndfuncs; k++)
      if (!strcmp(dfuncs[k].func->name, sp->callee) && dfuncs[k].func->off < sp->func->off) defined_before = 1;
    for (int k = 0; k < i; k++)
      if (spawns[k].emit_proto && !strcmp(spawns[k].callee, sp->callee)) declared = 1;
    sp->emit_proto = !defined_before && !declared;
  }
  if (retry && !f->diag.nerrors) {
    rc = 2;
    free_functions(dfuncs, ndfuncs, spawn_sites, spawns, nspawns);
    for (int i = 0; i < nloops; i++) parcc_loop_free(&loops[i]);
    free(loops);
    free(tc.fors);
    free(tc.for_off);
    goto done;
  }
  if (f->diag.nerrors) {
    out->nerrors = f->diag.nerrors;
    rc = 1;
    free_functions(dfuncs, ndfuncs, spawn_sites, spawns, nspawns);
    for (int i = 0; i < nloops; i++) parcc_loop_free(&loops[i]);
    free(loops);
    free(tc.fors);
    free(tc.for_off);
    goto done;
  }

  /* Build the edits. */
  parcc_offload_mark_runs(loops, nloops);
  for (int i = 0; i < nloops; i++) out->needs_offload |= parcc_loop_device(&loops[i]) != PARCC_DEV_CPU;
  for (int i = 0; i < ndfuncs; i++) out->needs_offload |= dfuncs[i].device != PARCC_DEV_CPU;
  for (int i = 0; i < nloops; i++) {
    parcc_loop_t *l = &loops[i];
    parcc_sb_t sb = {0};
    parcc_emit_decls(l, &sb);
    /* Declarations go at the start of the function's first line. */
    size_t at = l->func->off;
    while (at > 0 && f->buf[at - 1] != '\n') at--;
    parcc_emit_line_at(f, at, &sb);
    add_edit(&E, at, at, parcc_sb_take(&sb), 0);
    parcc_emit_call(l, &sb);
    parcc_emit_line_at(f, l->end, &sb);
    add_edit(&E, l->p->line_off, l->end, parcc_sb_take(&sb), 0);
    parcc_emit_chunk(l, &sb);
    parcc_emit_chunk_target(l, &sb);
    parcc_emit_line_at(f, l->func->end, &sb);
    add_edit(&E, l->func->end, l->func->end, parcc_sb_take(&sb), 0);
  }
  for (int i = 0; i < nspawns; i++) {
    parcc_spawn_t *sp = &spawns[i];
    parcc_sb_t sb = {0};
    parcc_spawn_emit_decls(sp, &sb);
    size_t at = sp->func->off;
    while (at > 0 && f->buf[at - 1] != '\n') at--;
    parcc_emit_line_at(f, at, &sb);
    add_edit(&E, at, at, parcc_sb_take(&sb), 0);
    add_edit(&E, sp->p->off, sp->p->end, parcc_xstrdup("/* #pragma par spawn */"), 0);
    parcc_spawn_emit_call(sp, &sb);
    add_edit(&E, sp->stmt_off, sp->stmt_end, parcc_sb_take(&sb), 0);
  }
  for (int i = 0; i < ndfuncs; i++) {
    parcc_dfunc_t *d = &dfuncs[i];
    parcc_sb_t sb = {0};
    parcc_func_emit_pre(d, &sb);
    add_edit(&E, d->p->off, d->p->end, parcc_sb_take(&sb), 0);
    add_edit(&E, d->name_off, d->name_end, parcc_func_body_name(d), 0);
    parcc_func_emit_post(d, &sb);
    add_edit(&E, d->func->end, d->func->end, parcc_sb_take(&sb), 0);
  }
  for (int i = 0; i < f->nfuncs; i++) {
    parcc_func_t *fn = &f->funcs[i];
    if (!fn->needs_group) continue;
    add_edit(&E, fn->body_off + 1, fn->body_off + 1,
             parcc_xstrdup(" parrt_group_t par__group __attribute__((cleanup(parrt_group_cleanup))) = {0};"),
             0);
  }
  for (int i = 0; i < nsites; i++) {
    parcc_pragma_site_t *p = &sites[i];
    if (!p->ok || p->ast.directive != PARCC_DIR_SYNC) continue;
    parcc_func_t *fn = func_containing(f, p->off);
    parcc_sb_t sb = {0};
    parcc_sb_printf(&sb, "parrt_group_wait(&par__group, &(const parrt_loc_t){\"");
    for (const char *s = path; *s; s++) {
      if (*s == '"' || *s == '\\') parcc_sb_putn(&sb, "\\", 1);
      parcc_sb_putn(&sb, s, 1);
    }
    parcc_sb_printf(&sb, "\", \"%s\", %u, %u});", fn->name, p->line, p->col);
    add_edit(&E, p->off, p->end, parcc_sb_take(&sb), 0);
  }
  if (E.n) qsort(E.v, (size_t)E.n, sizeof *E.v, edit_cmp);

  parcc_sb_t o = {0};
  parcc_sb_puts(&o, "/* Generated by parcc from ");
  parcc_sb_puts(&o, path);
  parcc_sb_puts(&o, ": every `#pragma par` was rewritten into calls to libparrt. */\n");
  if (!f->pp) parcc_sb_puts(&o, "#include <par/abi.h>\n");
  else /* `clang -E` line markers keep system headers quiet; -pedantic need not see them */
    parcc_sb_puts(&o, "#pragma clang diagnostic ignored \"-Wgnu-line-marker\"\n");
  parcc_emit_line_at(f, 0, &o);
  size_t pos = 0;
  for (int i = 0; i < E.n; i++) {
    edit_t *e = &E.v[i];
    if (e->off < pos) continue; /* overlapping: cannot happen after the checks above */
    parcc_sb_putn(&o, f->buf + pos, e->off - pos);
    parcc_sb_puts(&o, e->text);
    pos = e->end;
  }
  parcc_sb_putn(&o, f->buf + pos, f->len - pos);
  out->len = o.len;
  out->text = parcc_sb_take(&o);
  rc = 0;
  free_functions(dfuncs, ndfuncs, spawn_sites, spawns, nspawns);
  for (int i = 0; i < nloops; i++) parcc_loop_free(&loops[i]);
  free(loops);
  free(tc.fors);
  free(tc.for_off);

done:
  for (int i = 0; i < E.n; i++) free(E.v[i].text);
  free(E.v);
  for (int i = 0; i < nsites; i++) {
    free(sites[i].text);
    free(sites[i].map);
    if (sites[i].ok) parcc_pragma_free(&sites[i].ast);
  }
  free(sites);
  for (size_t i = 0; i < f->ntoks; i++) free(f->toks[i].text);
  free(f->toks);
  free(f->skipped);
  for (int i = 0; i < f->nfuncs; i++) free(f->funcs[i].name);
  free(f->funcs);
  if (f->tu) clang_disposeTranslationUnit(f->tu);
  clang_disposeIndex(index);
  if (rc != 0) out->nerrors = out->nerrors ? out->nerrors : f->diag.nerrors;
  return rc;
}
