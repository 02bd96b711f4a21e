/* internal.h: what the pieces of lib/Transform share.
 *
 * transform.c  reads the file, parses it with libclang, finds and binds every
 *              `#pragma par`, runs the analysis and collects text edits;
 * loop.c       analyses one annotated for loop (canonical form, captured
 *              variables, writes, clause checks) into a parcc_loop_t;
 * emit.c       turns a parcc_loop_t into generated C (call site, argument
 *              struct, descriptor, outlined chunk function);
 * func.c       analyses and emits a `#pragma par distribute` function
 *              (renamed body, argument block, descriptor, stub, spawn entry);
 * spawn.c      analyses and emits `#pragma par spawn` statements, their
 *              dataflow dependencies, and checks reads of pending results.
 */
#ifndef PARCC_INTERNAL_H
#define PARCC_INTERNAL_H

#include <clang-c/Index.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "pragma.h"

/* ---- growable string -------------------------------------------------- */
typedef struct parcc_sb {
  char *s;
  size_t len, cap;
} parcc_sb_t;

void parcc_sb_putn(parcc_sb_t *sb, const char *s, size_t n);
void parcc_sb_puts(parcc_sb_t *sb, const char *s);
__attribute__((format(printf, 2, 3))) void parcc_sb_printf(parcc_sb_t *sb, const char *fmt, ...);
char *parcc_sb_take(parcc_sb_t *sb); /* returns the string (owned by the caller), resets sb */
char *parcc_strndup(const char *s, size_t n);
char *parcc_xstrdup(const char *s);
void *parcc_xcalloc(size_t n, size_t size);
void *parcc_xrealloc(void *p, size_t size);

/* ---- the file being transformed --------------------------------------- */
typedef struct parcc_token {
  CXTokenKind kind;
  size_t off, end; /* byte offsets in the main file */
  char *text;      /* owned */
} parcc_token_t;

/* A node of a cursor subtree, flattened in pre-order with parent links. */
typedef struct parcc_node {
  CXCursor c;
  enum CXCursorKind kind;
  int parent; /* index, -1 for the root */
  size_t off, end;
  int in_main; /* located in the main file */
} parcc_node_t;

typedef struct parcc_func {
  CXCursor c;
  char *name;
  size_t off, end;     /* the whole definition */
  size_t body_off;     /* its `{` */
  int needs_group;     /* has nowait loops, spawns or sync pragmas */
  int group_emitted;
  int dist_pragmas;    /* `#pragma par distribute` lines bound to it */
} parcc_func_t;

typedef struct parcc_pragma_site {
  size_t off;      /* the `#` */
  size_t line_off; /* start of its line */
  size_t end;      /* end of the directive (its newline, or EOF) */
  unsigned line, col;
  char *text; /* the text after `par`, continuations joined; owned */
  size_t text_len;
  size_t *map; /* text offset -> file offset; owned */
  parcc_pragma_t ast;
  int ok; /* parsed */
  int consumed;
} parcc_pragma_site_t;

/* Where each physical line of a preprocessed buffer came from (its line
 * markers), so that messages and #line name the user's file and line. */
typedef struct parcc_linemap {
  size_t *starts;  /* offset of each physical line */
  unsigned *lines; /* its presumed line */
  const char **files; /* its presumed file (points into the buffer's copy in names) */
  char **names;    /* owned file names */
  size_t n, nnames;
} parcc_linemap_t;

typedef struct parcc_file {
  const char *path; /* as the user gave it */
  parcc_linemap_t *pp; /* set when the buffer is `clang -E` output */
  char *buf;
  size_t len;
  CXTranslationUnit tu;
  CXFile file;
  parcc_token_t *toks;
  size_t ntoks;
  size_t *skipped; /* pairs of offsets: ranges the preprocessor skipped */
  size_t nskipped;
  parcc_func_t *funcs;
  int nfuncs;
  parcc_diag_ctx_t diag;
} parcc_file_t;

/* The user's file, line and column of a byte offset of the buffer. */
void parcc_file_loc(parcc_file_t *f, size_t off, const char **file, unsigned *line, unsigned *col);

/* Offsets of a cursor's extent in the main file (expansion locations);
 * returns 0 when it is not in the main file. */
int parcc_cursor_offsets(parcc_file_t *f, CXCursor c, size_t *off, size_t *end);
/* Index of the first token at or after `off`. */
size_t parcc_token_at(parcc_file_t *f, size_t off);
/* Reports an error at a byte offset of the main file. */
__attribute__((format(printf, 4, 5))) void parcc_error_at(parcc_file_t *f, size_t off,
                                                          const char *hint, const char *fmt, ...);
/* Flattens the subtree of `root` (root included) into *out; returns count. */
int parcc_collect_nodes(parcc_file_t *f, CXCursor root, parcc_node_t **out);

/* What makes a value of type `t` meaningless in another process (func.c):
 * 1 for a pointer somewhere inside it (*field names it: "in.name" for a
 * nested one), 2 for a flexible array member, 0 for neither. */
int parcc_value_problem(CXType t, char *field, size_t fieldsz);
/* The file offset of a pragma clause's text offset. */
size_t parcc_pragma_file_off(const parcc_pragma_site_t *p, uint32_t text_off);
/* The only things allowed between a pragma and its loop, function or
 * statement are blanks, comments and preprocessor lines: the offset of the
 * first other token in [from, to), or (size_t)-1. */
size_t parcc_first_stray_token(parcc_file_t *f, size_t from, size_t to);
/* 1 if the line containing `off` is a preprocessor directive line. */
int parcc_is_directive_line(parcc_file_t *f, size_t off);

/* ---- one annotated loop --------------------------------------------- */
enum parcc_var_role {
  PARCC_ROLE_FIRSTPRIVATE = 1, /* implicit or explicit: copied in the env block */
  PARCC_ROLE_PRIVATE,
  PARCC_ROLE_LASTPRIVATE,
  PARCC_ROLE_REDUCTION,
  PARCC_ROLE_MAP, /* pointer or array with data moved */
};

typedef struct parcc_var {
  char *name;
  CXCursor decl;
  CXType type;      /* as declared (arrays not decayed) */
  int is_array;     /* constant-size array */
  int ndims;        /* array dimensions */
  int is_pointer;
  int is_global;    /* file scope or static local */
  size_t ref_off;   /* first reference in the body */
  int referenced;   /* used in the body */
  int written;      /* assigned as a whole (s = .., s++, &s passed, s.f = ..) */
  int written_through; /* elements or pointee written (a[i] = .., *p = .., f(a)) */
  int auto_private; /* an inner loop's counter, made private */
  enum parcc_var_role role;
  int firstprivate; /* also initialized from the env (firstprivate, or both) */
  int lastprivate;
  const parcc_item_t *item; /* the clause item naming it, if any */
  enum parcc_map_kind map_kind;
  int map_implicit;
  enum parcc_red_op red_op;
  int red_type; /* enum parrt_type of one element */
  int slice;    /* every access is name[i + k], k in [off_min, off_max] */
  int whole_view; /* sizeof(name) is used: the chunk sees it as a whole array */
  long long off_min, off_max;
  char *slice_row; /* slice by rows: every access is name[i*S + x], x an inner loop's
                      variable over [0, S): this is S's text (owned); NULL otherwise */
  int index;    /* position in maps[] / reds[] / lasts[] */
  int last_index;
} parcc_var_t;

typedef struct parcc_loop {
  parcc_file_t *f;
  parcc_pragma_site_t *p;
  parcc_func_t *func;
  char ident[160]; /* "main_12": names generated symbols */
  CXCursor for_c;
  size_t for_off, end;         /* `for` .. just past the loop */
  size_t body_off, body_end;   /* the body statement */
  unsigned for_line, body_line, body_col;
  /* induction variable */
  CXCursor ivar;
  char *ivar_name;
  CXType ivar_type;
  int ivar_in_init; /* declared in the for's init */
  char *lb, *ub, *step; /* C text; step NULL for ++ / -- */
  size_t lb_off, ub_off, step_off;
  size_t cond_off, inc_off; /* just past the first and second ';' of the header */
  int cmp;      /* '<' '<=' '>' '>=' as 1 2 3 4, with the variable on the left */
  int step_neg; /* i-- / i -= c */
  /* clauses */
  enum parcc_schedule sched;
  const char *sched_chunk;
  const char *if_expr;
  int nowait;
  int cache;             /* cache clause */
  const char *cache_dir; /* its directory (the clause's), or NULL */
  const char *retries, *timeout; /* retries(n), timeout(s): C text, NULL when absent */
  parcc_var_t *vars;
  int nvars;
  int nmaps, nreds, nlasts;
  int device_keep; /* offload.c: the next statement is another device loop */
} parcc_loop_t;

/* Analyses the loop bound to pragma `p`; reports errors; returns 0 if it can
 * be emitted. */
int parcc_loop_analyze(parcc_file_t *f, parcc_pragma_site_t *p, CXCursor for_c, parcc_func_t *fn,
                       parcc_loop_t *out);
void parcc_loop_free(parcc_loop_t *l);

/* Emission: declarations placed before the enclosing function, the call site
 * that replaces the loop, and the chunk function placed after the function. */
void parcc_emit_decls(parcc_loop_t *l, parcc_sb_t *out);
void parcc_emit_call(parcc_loop_t *l, parcc_sb_t *out);
void parcc_emit_chunk(parcc_loop_t *l, parcc_sb_t *out);
/* `#line N "file"` for byte offset `off` of the main file, then padding so
 * that the next text starts at the column `off` had. */
void parcc_emit_line_at(parcc_file_t *f, size_t off, parcc_sb_t *out);
/* A declarator for `name` of type `t` ("double (*a)[10]"), or NULL with an
 * explanation in *why when the type cannot be spelled outside its function.
 * With `decay`, a top-level array becomes a pointer to its element. */
char *parcc_declarator(CXType t, const char *name, int decay, const char **why);
/* Bytes of the scalar a mapped array or pointer is made of (the `unit` of a
 * map descriptor). */
long long parcc_map_unit(CXType t);
/* Appends `s` as a C string literal. */
void parcc_put_c_string(parcc_sb_t *sb, const char *s);
/* The stable 64-bit id of a loop, function or spawn site: a hash of the
 * function's name, the file as given to parcc and the pragma's line:col. */
uint64_t parcc_stable_id(const char *function, const char *path, unsigned line, unsigned col);

/* ---- device(gpu|any) loops (offload.c) ------------------------------------ */
enum parcc_device parcc_loop_device(const parcc_loop_t *l);
/* Reports what a device loop cannot do on a device; returns 1 if it did. */
int parcc_offload_check(parcc_loop_t *l);
/* Sets device_keep on each device loop followed directly by another one. */
void parcc_offload_mark_runs(parcc_loop_t *loops, int nloops);
/* Hooks of emit.c: the target variant's prototype (decls), env fields and
 * their values at the call, the descriptor's device fields, the variant. */
void parcc_emit_decl_target(parcc_loop_t *l, parcc_sb_t *out);
void parcc_emit_env_target(parcc_loop_t *l, parcc_sb_t *out);
void parcc_emit_call_target(parcc_loop_t *l, parcc_sb_t *out);
void parcc_emit_desc_target(parcc_loop_t *l, parcc_sb_t *out);
void parcc_emit_chunk_target(parcc_loop_t *l, parcc_sb_t *out);

/* ---- one distributed function (func.c) -------------------------------- */
typedef struct parcc_fparam {
  char *name;
  CXCursor decl;
  CXType type;     /* as declared (an array parameter not decayed) */
  size_t off;      /* its name in the file */
  int is_pointer;  /* a pointer, or an array parameter (a pointer in C) */
  int pointee_void;
  int invalid;     /* already reported as a parameter a task cannot take */
  const parcc_item_t *item; /* its map clause item, if any */
  enum parcc_map_kind map_kind;
  int map_index;   /* position in the map tables, -1 when not mapped */
} parcc_fparam_t;

typedef struct parcc_dfunc {
  parcc_file_t *f;
  parcc_pragma_site_t *p;
  parcc_func_t *func;
  char ident[160];           /* "f_12": names the body par__fn_f_12 */
  size_t name_off, name_end; /* the function's name in its definition */
  size_t lparen, rparen;     /* offsets of the parameter list's ( and ) */
  parcc_fparam_t *params;
  int nparams;
  int nmaps;
  int is_void;         /* returns void */
  int is_static;       /* internal linkage: the spawn entry is static too */
  int extern_inline;   /* `inline` with external linkage: made the external definition */
  enum parcc_device device;
  int cache;
  const char *cache_dir;
  const char *retries, *timeout; /* clause texts, NULL when absent */
} parcc_dfunc_t;

/* Checks the function definition `fn` bound to pragma `p` (SPEC 2.2);
 * reports errors; returns 0 if it can be emitted. */
int parcc_func_analyze(parcc_file_t *f, parcc_pragma_site_t *p, parcc_func_t *fn, parcc_dfunc_t *out);
void parcc_func_free(parcc_dfunc_t *d);
/* What replaces the pragma (argument block, forward declarations), the new
 * name of the body, and what follows the definition (body glue, descriptor,
 * stub under the original name, spawn entry). */
void parcc_func_emit_pre(parcc_dfunc_t *d, parcc_sb_t *out);
char *parcc_func_body_name(parcc_dfunc_t *d);
void parcc_func_emit_post(parcc_dfunc_t *d, parcc_sb_t *out);
/* offload.c, for device(gpu|any): the body as a target region
 * (par__fbt_<f>, after par__fb_<f>) and its descriptor field. */
void parcc_func_emit_target(parcc_dfunc_t *d, parcc_sb_t *out);
void parcc_func_emit_desc_target(parcc_dfunc_t *d, parcc_sb_t *out);

/* ---- spawn statements (spawn.c) ------------------------------------------ */
typedef struct parcc_spawn_dep {
  char *name;    /* the variable */
  int param;     /* index of the parameter it is passed as */
  char *var_ptr;   /* "double const *": reads the variable */
  char *var_type;  /* "double": for sizeof */
  char *param_ptr; /* "double *": writes the parameter */
  char *param_type; /* "double": the dummy passed in its place */
  size_t arg_off, arg_end; /* the argument's text, or both 0 if not in the file */
} parcc_spawn_dep_t;

typedef struct parcc_spawn {
  parcc_file_t *f;
  parcc_pragma_site_t *p;
  parcc_func_t *func;      /* the enclosing function */
  char ident[160];         /* "main_12" */
  char *callee;            /* the called function's name */
  int callee_static;       /* internal linkage */
  size_t stmt_off, stmt_end; /* the statement, `;` included */
  size_t lhs_off, lhs_end;   /* the left-hand side's text; lhs_end 0 without one */
  size_t args_off, args_end; /* the text between the call's parentheses */
  char *lhs_ptr;   /* "double *": a pointer to the left-hand side's type */
  char *ret_ptr;   /* "const double *": a pointer to the callee's result type */
  char *lhs_type;  /* "double": for sizeof */
  char **param_types; /* the callee's parameter types, for the spawn entry's prototype */
  int nparam_types;
  int emit_proto;  /* this site declares par__spawn_<callee> in this file */
  parcc_spawn_dep_t *deps;
  int ndeps;
} parcc_spawn_t;

/* Analyses every `#pragma par spawn` of function `fn` (sites[], in file
 * order), using the distributed functions of this file and the offsets of
 * the function's `#pragma par sync` lines; checks reads of pending
 * left-hand sides. Appends the good ones to *out; returns the number of
 * errors reported. */
int parcc_spawn_analyze(parcc_file_t *f, parcc_func_t *fn, parcc_pragma_site_t **sites, int nsites,
                        const size_t *syncs, int nsyncs, parcc_dfunc_t *dfuncs, int ndfuncs,
                        parcc_spawn_t **out, int *nout);
void parcc_spawn_free(parcc_spawn_t *s);
/* Declarations before the enclosing function (store and conversion
 * functions, the site, its constructor, the spawn entry's prototype), and
 * the call that replaces the statement. */
void parcc_spawn_emit_decls(parcc_spawn_t *s, parcc_sb_t *out);
void parcc_spawn_emit_call(parcc_spawn_t *s, parcc_sb_t *out);

#endif /* PARCC_INTERNAL_H */
