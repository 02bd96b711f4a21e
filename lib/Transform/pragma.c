/* pragma.c: the `#pragma par` lexer and clause parser (see pragma.h).
 *
 * The input is the text after `#pragma par`. Grammar, over the tokens below
 * (blanks, comments and backslash-newline separate tokens):
 *
 *   pragma     := 'distribute' [clause {[','] clause}]
 *               | 'spawn'
 *               | 'sync'
 *   clause     := 'map' '(' [map-kind ':'] list ')'          map-kind absent: tofrom
 *               | 'reduction' '(' red-op ':' list ')'
 *               | ('private' | 'firstprivate' | 'lastprivate') '(' list ')'
 *               | 'schedule' '(' sched-kind [',' expr] ')'
 *               | 'device' '(' ('cpu' | 'gpu' | 'any') ')'
 *               | ('retries' | 'timeout' | 'if') '(' expr ')'
 *               | 'cache' ['(' string-literal {string-literal} ')']
 *               | 'nowait'
 *   map-kind   := 'to' | 'from' | 'tofrom' | 'alloc'
 *   red-op     := '+' | '*' | '-' | '&' | '|' | '^' | '&&' | '||' | 'min' | 'max'
 *   sched-kind := 'static' | 'dynamic' | 'guided'
 *   list       := item {',' item}
 *   item       := identifier {'[' section ']'}             at most PARCC_MAX_DIMS
 *   section    := expr                                     a[k]: one element
 *               | [expr] ':' [expr]                        a[lo:len] a[:len] a[lo:] a[:]
 *   expr       := one or more C tokens in which (), [] and {} balance. At
 *                 nesting depth 0 it ends before ')' ']' '}' ',' or a ':'
 *                 that no earlier '?' of the same expr is waiting for, so
 *                 `a[n>0?1:0 : n]` splits at the second ':'.
 *
 * Tokens: identifiers ([A-Za-z_$] then [A-Za-z0-9_$]; bytes >= 0x80 count as
 * letters, like clang's UTF-8 identifiers), C preprocessing numbers, string
 * and character literals with escapes, and the C punctuators. Any other byte
 * (NUL, control characters, '@', '`', a '\' not starting a line splice) is an
 * error. Keywords are case-sensitive; suggestions ("did you mean") are not.
 *
 * Expressions are kept as C text (tokens joined, one space wherever the
 * source had blanks or a comment between them) for clang to check once the
 * rewritten file is compiled. The only values judged here are plain number
 * literals given to retries (a non-negative integer), timeout (a positive
 * number) and the schedule chunk (a positive integer).
 *
 * The first error stops the parse. Nothing here prints: errors go into the
 * caller's parcc_pragma_error_t with the offset of the offending token.
 */
#include "pragma.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens and the parser state ------------------------------------------------------------ */

enum tok_kind { TK_EOF, TK_IDENT, TK_NUMBER, TK_STRING, TK_CHAR, TK_PUNCT };

typedef struct token {
  enum tok_kind kind;
  uint32_t off; /* first byte; for TK_EOF, the end of the last token */
  uint32_t end; /* one past the last byte */
} token_t;

typedef struct parser {
  const char *s;
  uint32_t len;
  uint32_t pos;      /* lexer position */
  uint32_t last_end; /* end of the last token lexed: where TK_EOF points */
  uint32_t prev_end; /* end of the token before `tok` */
  token_t tok;       /* current token */
  parcc_pragma_error_t *err;
} parser_t;

/* Deepest (), [], {} nesting accepted inside an expression. */
#define MAX_NEST 256
/* Longest token quoted in a message; longer ones are cut with "...". A
 * quoted byte takes up to 4 characters (\xNN); QUOTE_SIZE holds the lot. */
#define MAX_QUOTE 40
#define QUOTE_SIZE (MAX_QUOTE * 4 + 8)

static const char *const directive_names[] = {"distribute", "spawn", "sync", NULL};
#define DIRECTIVES_HINT "the directives are 'distribute', 'spawn' and 'sync'"

static const struct clause_info {
  const char *name;
  enum parcc_clause_kind kind;
  int once; /* may appear at most once per pragma */
} clause_table[] = {
    {"map", PARCC_CL_MAP, 0},
    {"reduction", PARCC_CL_REDUCTION, 0},
    {"private", PARCC_CL_PRIVATE, 0},
    {"firstprivate", PARCC_CL_FIRSTPRIVATE, 0},
    {"lastprivate", PARCC_CL_LASTPRIVATE, 0},
    {"schedule", PARCC_CL_SCHEDULE, 1},
    {"device", PARCC_CL_DEVICE, 1},
    {"retries", PARCC_CL_RETRIES, 1},
    {"timeout", PARCC_CL_TIMEOUT, 1},
    {"cache", PARCC_CL_CACHE, 1},
    {"if", PARCC_CL_IF, 1},
    {"nowait", PARCC_CL_NOWAIT, 1},
};
#define NCLAUSES (sizeof clause_table / sizeof clause_table[0])
#define CLAUSES_HINT                                                                               \
  "the clauses are map, reduction, private, firstprivate, lastprivate, schedule, device, "         \
  "retries, timeout, cache, if and nowait"

/* Indexed by enum parcc_map_kind. */
static const char *const map_kind_names[] = {"alloc", "to", "from", "tofrom", NULL};
#define MAP_KINDS_HINT "the map kinds are 'to', 'from', 'tofrom' and 'alloc'"

static const struct red_info {
  const char *spelling;
  enum parcc_red_op op;
} red_table[] = {
    {"+", PARCC_RED_ADD},   {"*", PARCC_RED_MUL},   {"-", PARCC_RED_SUB},   {"&", PARCC_RED_BAND},
    {"|", PARCC_RED_BOR},   {"^", PARCC_RED_BXOR},  {"&&", PARCC_RED_LAND}, {"||", PARCC_RED_LOR},
    {"min", PARCC_RED_MIN}, {"max", PARCC_RED_MAX},
};
#define NREDS (sizeof red_table / sizeof red_table[0])
#define RED_OPS_HINT "the operators are +, *, -, &, |, ^, &&, ||, min and max"

/* Indexed by enum parcc_schedule - 1. */
static const char *const sched_names[] = {"static", "dynamic", "guided", NULL};
#define SCHED_HINT "the schedule kinds are 'static', 'dynamic' and 'guided'"

/* Indexed by enum parcc_device. */
static const char *const device_names[] = {"cpu", "gpu", "any", NULL};
#define DEVICE_HINT "the device kinds are 'cpu', 'gpu' and 'any'"

#define ITEM_HINT "list items are variables, optionally with array sections such as 'a[0:n]'"

/* ---- errors ---------------------------------------------------------------------------------- */

/* Records an error at `off` with an optional hint; returns -1. */
__attribute__((format(printf, 4, 5))) static int fail(parser_t *p, uint32_t off, const char *hint,
                                                      const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
  va_end(ap);
  snprintf(p->err->hint, sizeof p->err->hint, "%s", hint ? hint : "");
  p->err->off = off;
  return -1;
}

/* Writes bytes s[0..n) into buf for a message: at most MAX_QUOTE of them,
 * unprintable and non-ASCII bytes as \xNN, "..." when cut. */
static const char *quote_bytes(const char *s, size_t n, char *buf, size_t size) {
  size_t o = 0;
  size_t shown = n < MAX_QUOTE ? n : MAX_QUOTE;
  for (size_t i = 0; i < shown && o + 5 < size; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c < 0x7f)
      buf[o++] = (char)c;
    else
      o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
  }
  if (shown < n && o + 4 < size) {
    memcpy(buf + o, "...", 3);
    o += 3;
  }
  buf[o] = '\0';
  return buf;
}

/* The spelling of token t for a message (without quotes). */
static const char *spell(const parser_t *p, const token_t *t, char *buf, size_t size) {
  return quote_bytes(p->s + t->off, t->end - t->off, buf, size);
}

/* `'spelling'`, or "end of pragma" for TK_EOF. */
static const char *describe(const parser_t *p, const token_t *t, char *buf, size_t size) {
  if (t->kind == TK_EOF) return "end of pragma";
  char tmp[QUOTE_SIZE];
  snprintf(buf, size, "'%s'", spell(p, t, tmp, sizeof tmp));
  return buf;
}

/* ---- suggestions ----------------------------------------------------------------------------- */

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive Levenshtein distance between a[0..na) and b (na <= 64). */
static size_t edit_distance(const char *a, size_t na, const char *b) {
  size_t nb = strlen(b);
  size_t row[72];
  for (size_t j = 0; j <= nb; j++)
    row[j] = j;
  for (size_t i = 1; i <= na; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      size_t up = row[j];
      size_t cost = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]) ? 0 : 1;
      size_t best = diag + cost;
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

static size_t common_prefix(const char *a, size_t na, const char *b) {
  size_t i = 0;
  while (i < na && b[i] && lower((unsigned char)a[i]) == lower((unsigned char)b[i]))
    i++;
  return i;
}

/* The candidate (NULL-terminated list) that word w[0..n) most likely
 * misspells, or NULL: the nearest by edit distance when it is within a third
 * of the candidate's length, else one that shares a prefix of at least 4
 * letters or of all of w (when w has at least 3). */
static const char *suggest(const char *w, size_t n, const char *const *cands) {
  if (n == 0 || n > 64) return NULL;
  const char *best = NULL;
  size_t best_d = SIZE_MAX;
  for (size_t i = 0; cands[i]; i++) {
    size_t d = edit_distance(w, n, cands[i]);
    if (d <= (strlen(cands[i]) + 2) / 3 && d < best_d) {
      best = cands[i];
      best_d = d;
    }
  }
  if (best) return best;
  for (size_t i = 0; cands[i]; i++) {
    size_t cp = common_prefix(w, n, cands[i]);
    if (cp >= 4 || (cp == n && n >= 3) || cp == strlen(cands[i])) return cands[i];
  }
  return NULL;
}

/* Fills hint with "did you mean 'x'?" or, with no likely candidate, `list`. */
static const char *hint_for(const parser_t *p, const token_t *t, const char *const *cands,
                            const char *list, char *hint, size_t size) {
  const char *s = t->kind == TK_IDENT ? suggest(p->s + t->off, t->end - t->off, cands) : NULL;
  if (s)
    snprintf(hint, size, "did you mean '%s'?", s);
  else
    snprintf(hint, size, "%s", list);
  return hint;
}

/* ---- lexer ----------------------------------------------------------------------------------- */

static int is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
static int is_ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}
static int is_ident_char(unsigned char c) {
  return is_ident_start(c) || is_digit(c);
}
static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Length of a line splice (backslash, optional CR, newline) at i, or 0. */
static uint32_t splice_len(const parser_t *p, uint32_t i) {
  if (i >= p->len || p->s[i] != '\\') return 0;
  if (i + 1 < p->len && p->s[i + 1] == '\n') return 2;
  if (i + 2 < p->len && p->s[i + 1] == '\r' && p->s[i + 2] == '\n') return 3;
  return 0;
}

static int fail_char(parser_t *p, uint32_t i) {
  char q[16];
  return fail(p, i, NULL, "invalid character '%s' in pragma",
              quote_bytes(p->s + i, 1, q, sizeof q));
}

/* Skips blanks, line splices and comments. A `//` comment runs to the end of
 * the line (a splice continues it, as in C). */
static int skip_blanks(parser_t *p) {
  const char *s = p->s;
  for (;;) {
    uint32_t i = p->pos;
    if (i >= p->len) return 0;
    uint32_t n = splice_len(p, i);
    if (is_blank((unsigned char)s[i])) {
      p->pos++;
    } else if (n) {
      p->pos += n;
    } else if (s[i] == '/' && i + 1 < p->len && s[i + 1] == '*') {
      uint32_t j = i + 2;
      while (j + 1 < p->len && !(s[j] == '*' && s[j + 1] == '/'))
        j++;
      if (j + 1 >= p->len) return fail(p, i, NULL, "unterminated /* comment");
      p->pos = j + 2;
    } else if (s[i] == '/' && i + 1 < p->len && s[i + 1] == '/') {
      uint32_t j = i + 2;
      while (j < p->len && s[j] != '\n') {
        uint32_t sl = splice_len(p, j);
        j += sl ? sl : 1;
      }
      p->pos = j;
    } else {
      return 0;
    }
  }
}

/* Lexes a string or character literal starting at p->pos (the quote). */
static int lex_quoted(parser_t *p, uint32_t *endp) {
  const char *s = p->s;
  uint32_t start = p->pos, i = start + 1;
  char q = s[start];
  for (;;) {
    if (i >= p->len || s[i] == '\n')
      return fail(p, start, NULL,
                  q == '"' ? "missing terminating '\"' character"
                           : "missing terminating ' character");
    if (s[i] == '\0') return fail_char(p, i);
    if (s[i] == q) break;
    if (s[i] == '\\') {
      uint32_t sl = splice_len(p, i);
      if (sl) {
        i += sl;
        continue;
      }
      if (i + 1 < p->len && s[i + 1] == '\0') return fail_char(p, i + 1);
      i += 2;
      continue;
    }
    i++;
  }
  if (q == '\'' && i == start + 1) return fail(p, start, NULL, "empty character constant");
  *endp = i + 1;
  return 0;
}

static const char *const multi_puncts[] = {"...", "<<=", ">>=", "->", "++", "--", "<<", ">>",
                                           "<=",  ">=",  "==",  "!=", "&&", "||", "*=", "/=",
                                           "%=",  "+=",  "-=",  "&=", "^=", "|=", "##", NULL};
static const char single_puncts[] = "[](){}.&*+-~!/%<>^|?:;=,#";

/* Lexes the next token into *t. Returns -1 (error set) on a lexical error. */
static int lex(parser_t *p, token_t *t) {
  if (skip_blanks(p)) return -1;
  const char *s = p->s;
  uint32_t i = p->pos;
  if (i >= p->len) {
    t->kind = TK_EOF;
    t->off = t->end = p->last_end;
    return 0;
  }
  unsigned char c = (unsigned char)s[i];
  t->off = i;
  if (is_ident_start(c)) {
    t->kind = TK_IDENT;
    while (i < p->len && is_ident_char((unsigned char)s[i]))
      i++;
  } else if (is_digit(c) || (c == '.' && i + 1 < p->len && is_digit((unsigned char)s[i + 1]))) {
    /* pp-number: digit or .digit, then letters, digits, '.', and a sign
     * after e E p P */
    t->kind = TK_NUMBER;
    for (i++; i < p->len; i++) {
      unsigned char d = (unsigned char)s[i], b = (unsigned char)s[i - 1];
      if (is_ident_char(d) || d == '.') continue;
      if ((d == '+' || d == '-') && (b == 'e' || b == 'E' || b == 'p' || b == 'P')) continue;
      break;
    }
  } else if (c == '"' || c == '\'') {
    t->kind = c == '"' ? TK_STRING : TK_CHAR;
    if (lex_quoted(p, &i)) return -1;
  } else {
    t->kind = TK_PUNCT;
    size_t n = 0;
    for (size_t k = 0; multi_puncts[k]; k++) {
      size_t m = strlen(multi_puncts[k]);
      if (m <= p->len - i && memcmp(s + i, multi_puncts[k], m) == 0) {
        n = m;
        break;
      }
    }
    if (!n && c && strchr(single_puncts, c)) n = 1;
    if (!n) return fail_char(p, i);
    i += (uint32_t)n;
  }
  t->end = i;
  p->pos = i;
  p->last_end = i;
  return 0;
}

/* Moves to the next token. */
static int advance(parser_t *p) {
  p->prev_end = p->tok.end;
  return lex(p, &p->tok);
}

/* Lexes the token after the current one into *t without consuming it. */
static int peek(parser_t *p, token_t *t) {
  uint32_t pos = p->pos, last_end = p->last_end;
  int rc = lex(p, t);
  p->pos = pos;
  p->last_end = last_end;
  return rc;
}

static int is_punct(const parser_t *p, const token_t *t, const char *s) {
  size_t n = strlen(s);
  return t->kind == TK_PUNCT && t->end - t->off == n && memcmp(p->s + t->off, s, n) == 0;
}

static int is_word(const parser_t *p, const token_t *t, const char *w) {
  size_t n = strlen(w);
  return t->kind == TK_IDENT && t->end - t->off == n && memcmp(p->s + t->off, w, n) == 0;
}

/* Index of the identifier t in a NULL-terminated list, or -1. */
static int word_index(const parser_t *p, const token_t *t, const char *const *words) {
  for (int i = 0; words[i]; i++)
    if (is_word(p, t, words[i])) return i;
  return -1;
}

/* ---- growable buffers ------------------------------------------------------------------------ */

typedef struct sbuf {
  char *p;
  size_t n, cap;
  int oom;
} sbuf_t;

static void sb_put(sbuf_t *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 32;
    while (cap < b->n + n + 1)
      cap *= 2;
    char *q = realloc(b->p, cap);
    if (!q) {
      b->oom = 1;
      return;
    }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static void sb_putc(sbuf_t *b, char c) {
  sb_put(b, &c, 1);
}

static char *copy_bytes(const char *s, size_t n) {
  char *q = malloc(n + 1);
  if (!q) return NULL;
  memcpy(q, s, n);
  q[n] = '\0';
  return q;
}

/* Makes room for element n of array arr (n elements now, element size sz)
 * and returns the array, possibly moved, or NULL when out of memory (arr is
 * then unchanged). The capacity is implicit: the smallest power of two >= n,
 * so the array is full when n is 0 or a power of two. */
static void *grow_array(void *arr, int n, size_t sz) {
  if (n >= INT_MAX / 2) return NULL;
  if ((n & (n - 1)) != 0) return arr;
  return realloc(arr, (size_t)(n ? n * 2 : 1) * sz);
}

/* Appends token t's spelling to b, without the line splices a string or
 * character literal may contain (no other token can). */
static void put_token(const parser_t *p, const token_t *t, sbuf_t *b) {
  uint32_t from = t->off;
  for (uint32_t i = t->off; i < t->end; i++) {
    uint32_t n = splice_len(p, i);
    if (!n) continue;
    sb_put(b, p->s + from, i - from);
    i += n - 1;
    from = i + 1;
  }
  sb_put(b, p->s + from, t->end - from);
}

/* ---- expressions ----------------------------------------------------------------------------- */

/* What capture_expr() found. */
typedef struct capture {
  parcc_expr_t expr; /* text NULL when there was no token; owned until moved out */
  int ntok;
  token_t first, second; /* the first two tokens, when present */
} capture_t;

/* Captures balanced C text from the current token up to (not including) the
 * first token at nesting depth 0 that is ')' ']' '}' ',', a ':' that no
 * earlier '?' waits for, or the end; that token is current afterwards. With
 * no token, c->expr.text is NULL and c->expr.off is the stopping token's. */
static int capture_expr(parser_t *p, capture_t *c) {
  char closers[MAX_NEST];
  int depth = 0, open_q = 0;
  uint32_t last_end = 0;
  sbuf_t b = {0};
  char d1[QUOTE_SIZE];
  memset(c, 0, sizeof *c);
  for (;;) {
    const token_t *t = &p->tok;
    if (t->kind == TK_EOF) {
      if (depth) {
        fail(p, t->off, NULL, "expected '%c' before end of pragma", closers[depth - 1]);
        goto err;
      }
      break;
    }
    if (t->kind == TK_PUNCT && t->end - t->off == 1) {
      char ch = p->s[t->off];
      if (depth == 0) {
        if (ch == ')' || ch == ']' || ch == '}' || ch == ',') break;
        if (ch == ':') {
          if (!open_q) break;
          open_q--;
        } else if (ch == '?') {
          open_q++;
        }
      }
      if (ch == '(' || ch == '[' || ch == '{') {
        if (depth == MAX_NEST) {
          fail(p, t->off, NULL, "expression nested too deeply");
          goto err;
        }
        closers[depth++] = ch == '(' ? ')' : ch == '[' ? ']' : '}';
      } else if (ch == ')' || ch == ']' || ch == '}') {
        if (ch != closers[depth - 1]) {
          fail(p, t->off, NULL, "expected '%c' before %s", closers[depth - 1],
               describe(p, t, d1, sizeof d1));
          goto err;
        }
        depth--;
      }
    }
    if (c->ntok && t->off > last_end) sb_putc(&b, ' ');
    put_token(p, t, &b);
    if (c->ntok == 0) c->first = *t;
    if (c->ntok == 1) c->second = *t;
    if (c->ntok < INT_MAX) c->ntok++;
    last_end = t->end;
    if (advance(p)) goto err;
  }
  if (b.oom) {
    fail(p, c->first.off, NULL, "out of memory");
    goto err;
  }
  c->expr.text = b.p;
  c->expr.off = c->ntok ? c->first.off : p->tok.off;
  return 0;
err:
  free(b.p);
  c->expr.text = NULL;
  return -1;
}

/* The value of a plain number literal (with an optional sign). */
typedef struct number {
  int is_int;
  int neg;
  unsigned long long ival; /* when is_int */
  double fval;             /* when !is_int */
} number_t;

/* Strips an integer suffix (u, l, ll, in either case, u before or after)
 * from buf; returns 0 if what is there is not one. */
static int strip_int_suffix(char *buf) {
  size_t n = strlen(buf), k = n;
  while (k > 0 &&
         (buf[k - 1] == 'u' || buf[k - 1] == 'U' || buf[k - 1] == 'l' || buf[k - 1] == 'L'))
    k--;
  if (k == 0) return 0;
  const char *suf = buf + k;
  static const char *const ok[] = {"",    "u",   "U",   "l",   "L",   "ul",  "uL",  "Ul",
                                   "UL",  "lu",  "lU",  "Lu",  "LU",  "ll",  "LL",  "ull",
                                   "uLL", "Ull", "ULL", "llu", "llU", "LLu", "LLU", NULL};
  for (int i = 0; ok[i]; i++)
    if (strcmp(suf, ok[i]) == 0) {
      buf[k] = '\0';
      return 1;
    }
  return 0;
}

/* Parses a C integer or floating literal spelled in buf (modified). */
static int parse_number(char *buf, number_t *v) {
  size_t n = strlen(buf);
  int hex = n > 1 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X');
  int bin = n > 1 && buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B');
  int is_float = strchr(buf, '.') != NULL;
  if (hex)
    is_float |= strpbrk(buf, "pP") != NULL;
  else if (!bin)
    is_float |= strpbrk(buf, "eE") != NULL;
  char *end = NULL;
  errno = 0;
  if (is_float) {
    if (hex && !strpbrk(buf, "pP")) return 0;
    char last = buf[n - 1];
    if (last == 'f' || last == 'F' || last == 'l' || last == 'L') buf[--n] = '\0';
    if (n == 0) return 0;
    v->is_int = 0;
    v->fval = strtod(buf, &end);
    if (*end != '\0') return 0;
    if (errno == ERANGE && isinf(v->fval)) return -1;
    return 1;
  }
  if (!strip_int_suffix(buf)) return 0;
  v->is_int = 1;
  if (bin) {
    unsigned long long x = 0;
    if (buf[2] == '\0') return 0;
    for (const char *q = buf + 2; *q; q++) {
      if (*q != '0' && *q != '1') return 0;
      if (x >> 63) return -1;
      x = x * 2 + (unsigned)(*q - '0');
    }
    v->ival = x;
    return 1;
  }
  v->ival = strtoull(buf, &end, 0);
  if (*end != '\0') return 0;
  if (errno == ERANGE) return -1;
  return 1;
}

/* If the captured expression is a number literal with an optional sign,
 * parses it into *v and returns 1; returns 0 when it is some other
 * expression, -1 (error set) when the literal is malformed or out of range. */
static int plain_number(parser_t *p, const capture_t *c, number_t *v) {
  const token_t *num;
  memset(v, 0, sizeof *v);
  if (c->ntok == 1 && c->first.kind == TK_NUMBER) {
    num = &c->first;
  } else if (c->ntok == 2 && c->second.kind == TK_NUMBER &&
             (is_punct(p, &c->first, "-") || is_punct(p, &c->first, "+"))) {
    num = &c->second;
    v->neg = is_punct(p, &c->first, "-");
  } else {
    return 0;
  }
  char q[QUOTE_SIZE];
  char *buf = copy_bytes(p->s + num->off, num->end - num->off);
  if (!buf) return fail(p, num->off, NULL, "out of memory");
  int rc = parse_number(buf, v);
  free(buf);
  if (rc > 0) return 1;
  if (rc < 0)
    return fail(p, num->off, NULL, "number '%s' is out of range", spell(p, num, q, sizeof q));
  return fail(p, num->off, NULL, "invalid number '%s'", spell(p, num, q, sizeof q));
}

/* ---- clauses --------------------------------------------------------------------------------- */

static int expect_open(parser_t *p, const char *clause) {
  if (!is_punct(p, &p->tok, "("))
    return fail(p, p->tok.off, NULL, "expected '(' after '%s'", clause);
  return advance(p);
}

static int expect_close(parser_t *p, const char *clause) {
  if (!is_punct(p, &p->tok, ")"))
    return fail(p, p->tok.off, NULL, "expected ')' to close '%s' clause", clause);
  return advance(p);
}

/* Parses one `[...]` of a list item; the current token is '['. */
static int parse_dim(parser_t *p, parcc_item_t *it) {
  char q[QUOTE_SIZE];
  if (it->ndims == PARCC_MAX_DIMS)
    return fail(p, p->tok.off, NULL, "too many array dimensions for '%s' (at most %d)",
                quote_bytes(it->name, strlen(it->name), q, sizeof q), PARCC_MAX_DIMS);
  parcc_dim_t *d = &it->dims[it->ndims++];
  uint32_t open = p->tok.off;
  capture_t c;
  if (advance(p) || capture_expr(p, &c)) return -1;
  d->lo = c.expr;
  if (is_punct(p, &p->tok, "]")) {
    if (!d->lo.text)
      return fail(p, open, "write a[lo:len], a[:len], a[lo:] or a[k]",
                  "expected an index or array section in '[]'");
    d->is_index = 1;
    d->len.text = copy_bytes("1", 1);
    d->len.off = d->lo.off;
    if (!d->len.text) return fail(p, open, NULL, "out of memory");
    return advance(p);
  }
  if (!is_punct(p, &p->tok, ":"))
    return fail(p, p->tok.off, NULL, "expected ']' to close array section");
  if (advance(p) || capture_expr(p, &c)) return -1;
  d->len = c.expr;
  if (is_punct(p, &p->tok, ":"))
    return fail(p, p->tok.off, "sections are [lo:len]", "array section strides are not supported");
  if (!is_punct(p, &p->tok, "]"))
    return fail(p, p->tok.off, NULL, "expected ']' to close array section");
  return advance(p);
}

/* Parses `item {, item}` up to (not including) the closing ')'. */
static int parse_list(parser_t *p, parcc_clause_t *cl, const char *clause) {
  char d1[QUOTE_SIZE], d2[QUOTE_SIZE];
  if (is_punct(p, &p->tok, ")"))
    return fail(p, p->tok.off, "name at least one variable", "empty list in '%s' clause", clause);
  for (;;) {
    if (p->tok.kind != TK_IDENT)
      return fail(p, p->tok.off, ITEM_HINT, "expected a variable name, found %s",
                  describe(p, &p->tok, d1, sizeof d1));
    parcc_item_t *items = grow_array(cl->items, cl->nitems, sizeof *items);
    if (!items) return fail(p, p->tok.off, NULL, "out of memory");
    cl->items = items;
    parcc_item_t *it = memset(&items[cl->nitems++], 0, sizeof *it);
    it->name = copy_bytes(p->s + p->tok.off, p->tok.end - p->tok.off);
    it->off = p->tok.off;
    if (!it->name) return fail(p, p->tok.off, NULL, "out of memory");
    if (advance(p)) return -1;
    while (is_punct(p, &p->tok, "["))
      if (parse_dim(p, it)) return -1;
    if (is_punct(p, &p->tok, ",")) {
      if (advance(p)) return -1;
      continue;
    }
    if (is_punct(p, &p->tok, ")")) return 0;
    if (is_punct(p, &p->tok, ".") || is_punct(p, &p->tok, "->")) {
      char hint[256];
      snprintf(hint, sizeof hint, "list the whole variable '%s'",
               quote_bytes(it->name, strlen(it->name), d2, sizeof d2));
      return fail(p, p->tok.off, hint, "member access is not allowed in a '%s' clause", clause);
    }
    if (p->tok.kind == TK_EOF)
      return fail(p, p->tok.off, NULL, "expected ')' to close '%s' clause", clause);
    return fail(p, p->tok.off, NULL, "expected ',' or ')' in '%s' clause, found %s", clause,
                describe(p, &p->tok, d1, sizeof d1));
  }
}

static int parse_map(parser_t *p, parcc_clause_t *cl) {
  char d1[QUOTE_SIZE], hint[256];
  if (expect_open(p, "map")) return -1;
  cl->map_kind = PARCC_MAP_TOFROM;
  if (is_punct(p, &p->tok, ":"))
    return fail(p, p->tok.off, MAP_KINDS_HINT, "expected a map kind before ':'");
  token_t next;
  if (peek(p, &next)) return -1;
  int kind = word_index(p, &p->tok, map_kind_names);
  if (is_punct(p, &next, ":")) {
    if (kind < 0)
      return fail(p, p->tok.off,
                  hint_for(p, &p->tok, map_kind_names, MAP_KINDS_HINT, hint, sizeof hint),
                  "unknown map kind %s", describe(p, &p->tok, d1, sizeof d1));
    cl->map_kind = (enum parcc_map_kind)kind;
    if (advance(p) || advance(p)) return -1;
  } else if (kind >= 0 && next.kind == TK_IDENT) {
    return fail(p, next.off, NULL, "expected ':' after map kind '%s'", map_kind_names[kind]);
  } else if (p->tok.kind == TK_IDENT && (is_punct(p, &next, ",") || is_punct(p, &next, "(")) &&
             (is_word(p, &p->tok, "always") || is_word(p, &p->tok, "close") ||
              is_word(p, &p->tok, "present") || is_word(p, &p->tok, "mapper"))) {
    return fail(p, p->tok.off, MAP_KINDS_HINT, "map type modifier %s is not supported",
                describe(p, &p->tok, d1, sizeof d1));
  }
  if (parse_list(p, cl, "map")) return -1;
  return expect_close(p, "map");
}

static int parse_reduction(parser_t *p, parcc_clause_t *cl) {
  char d1[QUOTE_SIZE];
  if (expect_open(p, "reduction")) return -1;
  const token_t *t = &p->tok;
  if (is_punct(p, t, ":"))
    return fail(p, t->off, RED_OPS_HINT, "expected a reduction operator before ':'");
  size_t i = 0;
  for (; i < NREDS; i++)
    if (is_punct(p, t, red_table[i].spelling) || is_word(p, t, red_table[i].spelling)) break;
  if (i == NREDS) {
    token_t next;
    if (peek(p, &next)) return -1;
    if (is_punct(p, &next, ":") && t->kind != TK_EOF)
      return fail(p, t->off, RED_OPS_HINT, "unknown reduction operator %s",
                  describe(p, t, d1, sizeof d1));
    return fail(p, t->off, "write reduction(op: list); " RED_OPS_HINT,
                "expected a reduction operator and ':' before %s", describe(p, t, d1, sizeof d1));
  }
  cl->red_op = red_table[i].op;
  if (advance(p)) return -1;
  if (!is_punct(p, &p->tok, ":"))
    return fail(p, p->tok.off, NULL, "expected ':' after reduction operator '%s'",
                red_table[i].spelling);
  if (advance(p) || parse_list(p, cl, "reduction")) return -1;
  return expect_close(p, "reduction");
}

static int parse_plain_list(parser_t *p, parcc_clause_t *cl, const char *clause) {
  if (expect_open(p, clause) || parse_list(p, cl, clause)) return -1;
  return expect_close(p, clause);
}

/* Checks the chunk of schedule(kind, chunk) when it is a plain literal. */
static int check_chunk(parser_t *p, const capture_t *c) {
  number_t v;
  int rc = plain_number(p, c, &v);
  if (rc <= 0) return rc;
  if (!v.is_int || v.neg || v.ival == 0)
    return fail(p, c->expr.off, NULL, "schedule chunk size must be a positive integer");
  return 0;
}

static int parse_schedule(parser_t *p, parcc_clause_t *cl) {
  char d1[QUOTE_SIZE], hint[256];
  if (expect_open(p, "schedule")) return -1;
  if (p->tok.kind != TK_IDENT)
    return fail(p, p->tok.off, SCHED_HINT, "expected a schedule kind, found %s",
                describe(p, &p->tok, d1, sizeof d1));
  int k = word_index(p, &p->tok, sched_names);
  if (k < 0) {
    if (is_word(p, &p->tok, "monotonic") || is_word(p, &p->tok, "nonmonotonic") ||
        is_word(p, &p->tok, "simd"))
      return fail(p, p->tok.off, SCHED_HINT, "schedule modifier %s is not supported",
                  describe(p, &p->tok, d1, sizeof d1));
    return fail(p, p->tok.off, hint_for(p, &p->tok, sched_names, SCHED_HINT, hint, sizeof hint),
                "unknown schedule kind %s", describe(p, &p->tok, d1, sizeof d1));
  }
  cl->sched = (enum parcc_schedule)(k + 1);
  if (advance(p)) return -1;
  if (is_punct(p, &p->tok, ",")) {
    capture_t c;
    if (advance(p) || capture_expr(p, &c)) return -1;
    cl->sched_chunk = c.expr;
    if (!c.ntok) return fail(p, p->tok.off, NULL, "expected a chunk size after ','");
    if (is_punct(p, &p->tok, ":"))
      return fail(p, p->tok.off, NULL, "unexpected ':' in 'schedule' clause");
    if (check_chunk(p, &c)) return -1;
  } else if (p->tok.kind != TK_EOF && !is_punct(p, &p->tok, ")")) {
    return fail(p, p->tok.off, NULL, "expected ',' or ')' after schedule kind '%s'",
                sched_names[k]);
  }
  return expect_close(p, "schedule");
}

static int parse_device(parser_t *p, parcc_clause_t *cl) {
  char d1[QUOTE_SIZE], hint[256];
  if (expect_open(p, "device")) return -1;
  if (p->tok.kind != TK_IDENT)
    return fail(p, p->tok.off, DEVICE_HINT, "expected a device kind, found %s",
                describe(p, &p->tok, d1, sizeof d1));
  int k = word_index(p, &p->tok, device_names);
  if (k < 0)
    return fail(p, p->tok.off, hint_for(p, &p->tok, device_names, DEVICE_HINT, hint, sizeof hint),
                "unknown device kind %s", describe(p, &p->tok, d1, sizeof d1));
  cl->device = (enum parcc_device)k;
  if (advance(p)) return -1;
  return expect_close(p, "device");
}

/* retries(expr), timeout(expr), if(expr). */
static int parse_arg(parser_t *p, parcc_clause_t *cl, const char *clause) {
  capture_t c;
  if (expect_open(p, clause) || capture_expr(p, &c)) return -1;
  cl->arg = c.expr;
  if (!c.ntok) return fail(p, p->tok.off, NULL, "expected an expression in '%s' clause", clause);
  if (is_punct(p, &p->tok, ":"))
    return fail(p, p->tok.off, NULL, "unexpected ':' in '%s' clause", clause);
  if (!is_punct(p, &p->tok, ")"))
    return fail(p, p->tok.off, NULL, "expected ')' to close '%s' clause", clause);
  number_t v;
  int rc = cl->kind == PARCC_CL_IF ? 0 : plain_number(p, &c, &v);
  if (rc < 0) return -1;
  if (rc > 0 && cl->kind == PARCC_CL_RETRIES) {
    if (!v.is_int || (v.neg && v.ival != 0))
      return fail(p, c.expr.off, NULL, "retries count must be a non-negative integer");
    if (v.ival > INT_MAX)
      return fail(p, c.expr.off, NULL, "retries count must be at most %d", INT_MAX);
  }
  if (rc > 0 && cl->kind == PARCC_CL_TIMEOUT) {
    double x = v.is_int ? (double)v.ival : v.fval;
    if (v.neg || !(x > 0))
      return fail(p, c.expr.off, NULL, "timeout must be a positive number of seconds");
  }
  return advance(p);
}

static int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void put_utf8(sbuf_t *b, unsigned long cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xc0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3f));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xe0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    u[2] = (char)(0x80 | (cp & 0x3f));
    n = 3;
  } else {
    u[0] = (char)(0xf0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    u[3] = (char)(0x80 | (cp & 0x3f));
    n = 4;
  }
  sb_put(b, u, n);
}

/* Appends the contents of string literal t, escapes resolved, to b. */
static int unescape(parser_t *p, const token_t *t, sbuf_t *b) {
  const char *s = p->s;
  uint32_t i = t->off + 1, e = t->end - 1;
  char q[16];
  while (i < e) {
    unsigned char c = (unsigned char)s[i];
    uint32_t sl = splice_len(p, i);
    if (sl) {
      i += sl;
      continue;
    }
    if (c != '\\') {
      sb_putc(b, (char)c);
      i++;
      continue;
    }
    uint32_t esc = i++;
    if (i >= e) return fail(p, esc, NULL, "missing terminating '\"' character");
    c = (unsigned char)s[i++];
    unsigned long v;
    switch (c) {
    case 'n':
      v = '\n';
      break;
    case 't':
      v = '\t';
      break;
    case 'r':
      v = '\r';
      break;
    case 'a':
      v = '\a';
      break;
    case 'b':
      v = '\b';
      break;
    case 'f':
      v = '\f';
      break;
    case 'v':
      v = '\v';
      break;
    case '\\':
    case '\'':
    case '"':
    case '?':
      v = c;
      break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      v = c - '0';
      for (int k = 0; k < 2 && i < e && s[i] >= '0' && s[i] <= '7'; k++)
        v = v * 8 + (unsigned)(s[i++] - '0');
      if (v > 0xff) return fail(p, esc, NULL, "octal escape sequence out of range");
      break;
    case 'x':
      if (i >= e || hex_value((unsigned char)s[i]) < 0)
        return fail(p, esc, NULL, "\\x used with no following hex digits");
      v = 0;
      while (i < e && hex_value((unsigned char)s[i]) >= 0) {
        v = v * 16 + (unsigned)hex_value((unsigned char)s[i++]);
        if (v > 0xff) return fail(p, esc, NULL, "hex escape sequence out of range");
      }
      break;
    case 'u':
    case 'U': {
      int want = c == 'u' ? 4 : 8;
      v = 0;
      for (int k = 0; k < want; k++) {
        if (i >= e || hex_value((unsigned char)s[i]) < 0)
          return fail(p, esc, NULL, "incomplete universal character name");
        v = v * 16 + (unsigned)hex_value((unsigned char)s[i++]);
      }
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return fail(p, esc, NULL, "invalid universal character");
      if (v == 0) return fail(p, esc, NULL, "null character in 'cache' directory");
      put_utf8(b, v);
      continue;
    }
    default:
      return fail(p, esc, NULL, "unknown escape sequence '\\%s'",
                  quote_bytes((const char *)&s[i - 1], 1, q, sizeof q));
    }
    if (v == 0) return fail(p, esc, NULL, "null character in 'cache' directory");
    sb_putc(b, (char)v);
  }
  return 0;
}

static int parse_cache(parser_t *p, parcc_clause_t *cl) {
  if (!is_punct(p, &p->tok, "(")) return 0;
  if (advance(p)) return -1;
  if (p->tok.kind != TK_STRING)
    return fail(p, p->tok.off, "write cache(\"dir\"), or cache for the default directory",
                "expected a string literal in 'cache' clause");
  uint32_t first = p->tok.off;
  sbuf_t b = {0};
  while (p->tok.kind == TK_STRING) {
    if (unescape(p, &p->tok, &b) || advance(p)) {
      free(b.p);
      return -1;
    }
  }
  if (b.oom) {
    free(b.p);
    return fail(p, first, NULL, "out of memory");
  }
  cl->cache_dir = b.p;
  if (b.n == 0) return fail(p, first, NULL, "empty directory name in 'cache' clause");
  return expect_close(p, "cache");
}

/* OpenMP clauses that par does not have, for a better message. */
static const char *openmp_hint(const parser_t *p, const token_t *t) {
  static const char *const omp[] = {
      "collapse",     "ordered",        "default",   "proc_bind", "copyin",       "linear",
      "aligned",      "safelen",        "simdlen",   "num_teams", "thread_limit", "dist_schedule",
      "depend",       "allocate",       "order",     "untied",    "mergeable",    "final",
      "priority",     "grainsize",      "num_tasks", "nogroup",   "defaultmap",   "is_device_ptr",
      "in_reduction", "task_reduction", NULL};
  if (is_word(p, t, "shared"))
    return "variables are shared by default: scalars read in the loop are copied to each task; "
           "arrays and pointers go in 'map'";
  if (is_word(p, t, "num_threads"))
    return "the number of workers is set by 'parrun -n' or PAR_WORKERS";
  if (word_index(p, t, omp) >= 0) return "par does not support this OpenMP clause";
  return NULL;
}

static int parse_clauses(parser_t *p, parcc_pragma_t *out) {
  char d1[QUOTE_SIZE], hint[256];
  int after_comma = 0;
  for (;;) {
    token_t *t = &p->tok;
    if (t->kind == TK_EOF) {
      if (after_comma) return fail(p, t->off, NULL, "expected a clause after ','");
      return 0;
    }
    if (is_punct(p, t, ",") && out->nclauses > 0 && !after_comma) {
      after_comma = 1;
      if (advance(p)) return -1;
      continue;
    }
    if (t->kind != TK_IDENT)
      return fail(p, t->off, CLAUSES_HINT, "unexpected %s in '#pragma par distribute'",
                  describe(p, t, d1, sizeof d1));
    size_t ci = 0;
    while (ci < NCLAUSES && !is_word(p, t, clause_table[ci].name))
      ci++;
    if (ci == NCLAUSES) {
      const char *h = openmp_hint(p, t);
      if (!h) {
        const char *names[NCLAUSES + 1] = {NULL};
        for (size_t k = 0; k < NCLAUSES; k++)
          names[k] = clause_table[k].name;
        h = hint_for(p, t, names, CLAUSES_HINT, hint, sizeof hint);
      }
      return fail(p, t->off, h, "unknown clause %s in '#pragma par distribute'",
                  describe(p, t, d1, sizeof d1));
    }
    const struct clause_info *info = &clause_table[ci];
    if (info->once)
      for (int k = 0; k < out->nclauses; k++)
        if (out->clauses[k].kind == info->kind)
          return fail(p, t->off, "remove one of them",
                      "'#pragma par distribute' cannot contain more than one '%s' clause",
                      info->name);
    parcc_clause_t *clauses = grow_array(out->clauses, out->nclauses, sizeof *clauses);
    if (!clauses) return fail(p, t->off, NULL, "out of memory");
    out->clauses = clauses;
    parcc_clause_t *cl = memset(&clauses[out->nclauses++], 0, sizeof *cl);
    cl->kind = info->kind;
    cl->off = t->off;
    if (advance(p)) return -1;
    int rc = 0;
    switch (info->kind) {
    case PARCC_CL_MAP:
      rc = parse_map(p, cl);
      break;
    case PARCC_CL_REDUCTION:
      rc = parse_reduction(p, cl);
      break;
    case PARCC_CL_PRIVATE:
    case PARCC_CL_FIRSTPRIVATE:
    case PARCC_CL_LASTPRIVATE:
      rc = parse_plain_list(p, cl, info->name);
      break;
    case PARCC_CL_SCHEDULE:
      rc = parse_schedule(p, cl);
      break;
    case PARCC_CL_DEVICE:
      rc = parse_device(p, cl);
      break;
    case PARCC_CL_RETRIES:
    case PARCC_CL_TIMEOUT:
    case PARCC_CL_IF:
      rc = parse_arg(p, cl, info->name);
      break;
    case PARCC_CL_CACHE:
      rc = parse_cache(p, cl);
      break;
    case PARCC_CL_NOWAIT:
      if (is_punct(p, &p->tok, "("))
        rc = fail(p, p->tok.off, NULL, "'nowait' clause takes no arguments");
      break;
    }
    if (rc) return -1;
    cl->end = p->prev_end;
    after_comma = 0;
  }
}

/* Words an OpenMP user may type for a directive, and par's equivalent. */
static const char *directive_alias(const parser_t *p, const token_t *t) {
  static const char *const loops[] = {"parallel", "for", "loop", "teams", "target", "omp", NULL};
  static const char *const waits[] = {"taskwait", "barrier", "wait", NULL};
  if (word_index(p, t, loops) >= 0) return "distribute";
  if (is_word(p, t, "task")) return "spawn";
  if (word_index(p, t, waits) >= 0) return "sync";
  return NULL;
}

static int parse_pragma(parser_t *p, parcc_pragma_t *out) {
  char d1[QUOTE_SIZE], hint[256];
  token_t *t = &p->tok;
  if (t->kind != TK_IDENT)
    return fail(p, t->off, DIRECTIVES_HINT, "expected a directive after '#pragma par'");
  int d = word_index(p, t, directive_names);
  if (d < 0) {
    const char *alias = directive_alias(p, t);
    if (alias)
      snprintf(hint, sizeof hint, "did you mean '%s'?", alias);
    else
      hint_for(p, t, directive_names, DIRECTIVES_HINT, hint, sizeof hint);
    return fail(p, t->off, hint, "unknown directive %s", describe(p, t, d1, sizeof d1));
  }
  out->directive = (enum parcc_directive)(d + 1);
  out->directive_off = t->off;
  if (advance(p)) return -1;
  if (out->directive == PARCC_DIR_DISTRIBUTE) return parse_clauses(p, out);
  if (t->kind == TK_EOF) return 0;
  if (out->directive == PARCC_DIR_SPAWN)
    return fail(p, t->off,
                "clauses such as map and retries go on the '#pragma par distribute' of the called "
                "function",
                "'#pragma par spawn' takes no clauses");
  return fail(p, t->off, NULL, "'#pragma par sync' takes no clauses");
}

/* ---- public entry points --------------------------------------------------------------------- */

int parcc_pragma_parse(const char *text, size_t len, parcc_pragma_t *out,
                       parcc_pragma_error_t *err) {
  parcc_pragma_error_t scratch;
  if (!err) err = &scratch;
  memset(err, 0, sizeof *err);
  if (!out) {
    snprintf(err->message, sizeof err->message, "no output given");
    return -1;
  }
  memset(out, 0, sizeof *out);
  parser_t p = {.s = text ? text : "", .len = 0, .err = err};
  if (!text && len) {
    snprintf(err->message, sizeof err->message, "no pragma text given");
    return -1;
  }
  if (len >= UINT32_MAX) {
    snprintf(err->message, sizeof err->message, "pragma text is too long");
    return -1;
  }
  p.len = (uint32_t)len;
  if (advance(&p) || parse_pragma(&p, out)) {
    parcc_pragma_free(out);
    return -1;
  }
  return 0;
}

static void free_expr(parcc_expr_t *e) {
  free(e->text);
  e->text = NULL;
}

void parcc_pragma_free(parcc_pragma_t *p) {
  if (!p) return;
  for (int i = 0; i < p->nclauses; i++) {
    parcc_clause_t *cl = &p->clauses[i];
    for (int j = 0; j < cl->nitems; j++) {
      parcc_item_t *it = &cl->items[j];
      free(it->name);
      for (int k = 0; k < PARCC_MAX_DIMS; k++) {
        free_expr(&it->dims[k].lo);
        free_expr(&it->dims[k].len);
      }
    }
    free(cl->items);
    free_expr(&cl->sched_chunk);
    free_expr(&cl->arg);
    free(cl->cache_dir);
  }
  free(p->clauses);
  memset(p, 0, sizeof *p);
}

const char *parcc_clause_name(enum parcc_clause_kind kind) {
  for (size_t i = 0; i < NCLAUSES; i++)
    if (clause_table[i].kind == kind) return clause_table[i].name;
  return "?";
}

const char *parcc_red_op_spelling(enum parcc_red_op op) {
  for (size_t i = 0; i < NREDS; i++)
    if (red_table[i].op == op) return red_table[i].spelling;
  return "?";
}
