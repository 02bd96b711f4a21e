/* pragma.h: the `#pragma par` lexer and clause parser.
 *
 * Input is the text of one pragma after the words `#pragma par` (line
 * continuations already joined by the caller, who also keeps the mapping from
 * text offsets back to file columns). Output is a parcc_pragma_t: the
 * directive, its clauses, and for every piece of it the offset in the text, so
 * that diagnostics point at the exact token. Expressions inside clauses
 * (section bounds, `if`, schedule chunk, retries, timeout) are kept as C text:
 * they are checked by clang when the rewritten file is compiled.
 *
 * This file knows nothing of libclang: it is fuzzed on its own.
 */
#ifndef PARCC_PRAGMA_H
#define PARCC_PRAGMA_H

#include <stddef.h>
#include <stdint.h>

enum parcc_directive {
  PARCC_DIR_DISTRIBUTE = 1,
  PARCC_DIR_SPAWN,
  PARCC_DIR_SYNC,
};

enum parcc_clause_kind {
  PARCC_CL_MAP = 1,
  PARCC_CL_REDUCTION,
  PARCC_CL_PRIVATE,
  PARCC_CL_FIRSTPRIVATE,
  PARCC_CL_LASTPRIVATE,
  PARCC_CL_SCHEDULE,
  PARCC_CL_DEVICE,
  PARCC_CL_RETRIES,
  PARCC_CL_TIMEOUT,
  PARCC_CL_CACHE,
  PARCC_CL_IF,
  PARCC_CL_NOWAIT,
};

/* Same values as enum parrt_map_kind in include/par/abi.h. */
enum parcc_map_kind { PARCC_MAP_ALLOC = 0, PARCC_MAP_TO = 1, PARCC_MAP_FROM = 2, PARCC_MAP_TOFROM = 3 };

/* Same values as enum parrt_red_op; PARCC_RED_SUB is `-` (combined as +). */
enum parcc_red_op {
  PARCC_RED_ADD = 0, PARCC_RED_MUL, PARCC_RED_BAND, PARCC_RED_BOR, PARCC_RED_BXOR,
  PARCC_RED_LAND, PARCC_RED_LOR, PARCC_RED_MIN, PARCC_RED_MAX,
  PARCC_RED_SUB = 100,
};

/* Same values as enum parrt_schedule / parrt_device. */
enum parcc_schedule { PARCC_SCHED_AUTO = 0, PARCC_SCHED_STATIC, PARCC_SCHED_DYNAMIC, PARCC_SCHED_GUIDED };
enum parcc_device { PARCC_DEV_CPU = 0, PARCC_DEV_GPU, PARCC_DEV_ANY };

/* A piece of C text inside the pragma: `text` is a NUL-terminated copy with
 * surrounding blanks trimmed, `off` its offset in the pragma text. */
typedef struct parcc_expr {
  char *text; /* owned; NULL when absent */
  uint32_t off;
} parcc_expr_t;

/* One `[lo:len]` of an array section. `a[:n]` has no lo (means 0), `a[lo:]`
 * has no len (means "to the end", only valid for arrays of known size), and
 * `a[k]` (no colon) is a single element: lo = k, len = 1, is_index = 1. */
typedef struct parcc_dim {
  parcc_expr_t lo;
  parcc_expr_t len;
  int is_index;
} parcc_dim_t;

#define PARCC_MAX_DIMS 8

/* A list item: a variable name, optionally with array-section dimensions. */
typedef struct parcc_item {
  char *name; /* owned */
  uint32_t off;
  int ndims;
  parcc_dim_t dims[PARCC_MAX_DIMS];
} parcc_item_t;

typedef struct parcc_clause {
  enum parcc_clause_kind kind;
  uint32_t off; /* offset of the clause keyword */
  uint32_t end; /* offset just past the clause */
  /* map */
  enum parcc_map_kind map_kind;
  /* reduction */
  enum parcc_red_op red_op;
  /* map, reduction, private, firstprivate, lastprivate */
  parcc_item_t *items; /* owned */
  int nitems;
  /* schedule */
  enum parcc_schedule sched;
  parcc_expr_t sched_chunk; /* text NULL when not given */
  /* device */
  enum parcc_device device;
  /* retries(n), timeout(s), if(expr): the argument */
  parcc_expr_t arg;
  /* cache("dir"): the directory as a C string literal's contents, unescaped;
   * NULL for plain `cache` */
  char *cache_dir;
} parcc_clause_t;

typedef struct parcc_pragma {
  enum parcc_directive directive;
  uint32_t directive_off;
  parcc_clause_t *clauses; /* owned */
  int nclauses;
} parcc_pragma_t;

/* A parse error: message in clang style (lowercase, no trailing period),
 * offset of the offending token in the text, and an optional hint. */
typedef struct parcc_pragma_error {
  char message[256];
  char hint[256]; /* empty when none */
  uint32_t off;
} parcc_pragma_error_t;

/* Parses `text` (length `len`, need not be NUL-terminated; may contain any
 * bytes). Returns 0 and fills *out (caller releases it with
 * parcc_pragma_free), or -1 and fills *err; on -1 *out is left empty. Never
 * reads outside text[0..len). Checks everything that can be checked without
 * the program: clause names, argument syntax, operators, map kinds, a clause
 * given twice where that is not allowed (schedule, device, retries, timeout,
 * cache, if, nowait), clauses that do not belong to the directive
 * (spawn and sync take none). */
int parcc_pragma_parse(const char *text, size_t len, parcc_pragma_t *out, parcc_pragma_error_t *err);

void parcc_pragma_free(parcc_pragma_t *p);

/* Spelling helpers for messages and generated comments. */
const char *parcc_clause_name(enum parcc_clause_kind kind);
const char *parcc_red_op_spelling(enum parcc_red_op op);

#endif /* PARCC_PRAGMA_H */
