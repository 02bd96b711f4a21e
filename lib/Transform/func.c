/* func.c: `#pragma par distribute` before a function definition (SPEC 2.2).
 *
 * For
 *
 *   #pragma par distribute map(to: v[0:n])
 *   double sum(const double *v, int n) { ... }
 *
 * the definition stays where it is, renamed `par__fn_sum_12` (12: the
 * pragma's line) and made static, so that its lines, columns and every
 * diagnostic and debugger location are the user's own. Around it parcc puts
 * what include/par/abi.h describes:
 *
 *   instead of the pragma:  struct par__fa_sum { const double *v; int n; };
 *                           static double par__fn_sum_12(const double *v, int n);
 *                           double sum(const double *v, int n);   (the stub's
 *                           prototype, so that a recursive call in the body
 *                           goes through the stub)
 *   after the definition:   par__fb_sum (runs the body from an argument block),
 *                           the parameter tables and the descriptor, its
 *                           constructor, par__ffill_sum (fills the block and
 *                           the maps; shared by the two entries below), the
 *                           stub `double sum(const double *v, int n)` calling
 *                           parrt_fn_call, and par__spawn_sum calling
 *                           parrt_fn_spawn.
 *
 * The stub and the spawn entry are spelled with the user's own text of the
 * declaration (specifiers, attributes, parameter list), so they keep the
 * function's signature and linkage exactly. Types that parcc must name by
 * itself (the members of the argument block) go through parcc_declarator;
 * the result type is taken with __typeof__ of a call of the body, which
 * names any type the user could return.
 *
 * Generated code uses builtins (__builtin_offsetof, __builtin_memcpy) and no
 * macros: a file rewritten in its preprocessed form has no <stddef.h>
 * macros left.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- types ------------------------------------------------------------- */

static char *type_spelling(CXType t) {
  CXString s = clang_getTypeSpelling(t);
  char *r = parcc_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

/* A variable dimension anywhere in the type (after the top-level decay). */
static int variably_modified(CXType t) {
  t = clang_getCanonicalType(t);
  for (;;) {
    if (t.kind == CXType_VariableArray) return 1;
    if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
      t = clang_getCanonicalType(clang_getArrayElementType(t));
    else if (t.kind == CXType_Pointer)
      t = clang_getCanonicalType(clang_getPointeeType(t));
    else
      return 0;
  }
}

/* What makes a value of type `t` meaningless in another process: a pointer
 * somewhere inside it (1; *field names it, "in.name" for a nested one) or a
 * flexible array member (2; its contents are not part of the value). */
typedef struct field_ctx {
  int found;
  char name[128];
} field_ctx_t;

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data) {
  field_ctx_t *fc = data;
  CXString s = clang_getCursorSpelling(c);
  char sub[128] = "";
  CXType ft = clang_getCanonicalType(clang_getCursorType(c));
  int r = ft.kind == CXType_IncompleteArray ? 2 : parcc_value_problem(ft, sub, sizeof sub);
  if (r) {
    snprintf(fc->name, sizeof fc->name, "%s%s%s", clang_getCString(s), sub[0] ? "." : "", sub);
    fc->found = r;
  }
  clang_disposeString(s);
  return fc->found ? CXVisit_Break : CXVisit_Continue;
}

int parcc_value_problem(CXType t, char *field, size_t fieldsz) {
  t = clang_getCanonicalType(t);
  while (t.kind == CXType_ConstantArray)
    t = clang_getCanonicalType(clang_getArrayElementType(t));
  if (t.kind == CXType_Pointer || t.kind == CXType_BlockPointer) return 1;
  if (t.kind == CXType_Record) {
    field_ctx_t fc = {0, ""};
    clang_Type_visitFields(t, field_visit, &fc);
    if (fc.found) snprintf(field, fieldsz, "%s", fc.name);
    return fc.found;
  }
  return 0;
}

static int is_function_type(CXType t) {
  t = clang_getCanonicalType(t);
  return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

/* ---- names a map bound may use ----------------------------------------- */

typedef struct names {
  char **v;
  int n;
  parcc_file_t *f;
  size_t before; /* declarations of the main file at or after this are not visible */
} names_t;

static void names_add(names_t *ns, const char *s) {
  if (!s || !*s) return;
  ns->v = parcc_xrealloc(ns->v, (size_t)(ns->n + 1) * sizeof *ns->v);
  ns->v[ns->n++] = parcc_xstrdup(s);
}

static int names_has(const names_t *ns, const char *s, size_t n) {
  for (int i = 0; i < ns->n; i++)
    if (strlen(ns->v[i]) == n && !memcmp(ns->v[i], s, n)) return 1;
  return 0;
}

static enum CXChildVisitResult enum_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) == CXCursor_EnumConstantDecl) {
    CXString s = clang_getCursorSpelling(c);
    names_add(data, clang_getCString(s));
    clang_disposeString(s);
  }
  return CXChildVisit_Continue;
}

/* Names visible at file scope before the function: globals, functions,
 * typedefs, enumerators (also those of enums declared inside a struct) and
 * macros. */
static enum CXChildVisitResult file_scope_visit(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  names_t *ns = data;
  size_t off, end;
  if (parcc_cursor_offsets(ns->f, c, &off, &end) && off >= ns->before) return CXChildVisit_Continue;
  enum CXCursorKind k = clang_getCursorKind(c);
  switch (k) {
  case CXCursor_VarDecl:
  case CXCursor_FunctionDecl:
  case CXCursor_TypedefDecl:
  case CXCursor_MacroDefinition: {
    CXString s = clang_getCursorSpelling(c);
    names_add(ns, clang_getCString(s));
    clang_disposeString(s);
    return CXChildVisit_Continue;
  }
  case CXCursor_EnumDecl:
    clang_visitChildren(c, enum_visit, ns);
    return CXChildVisit_Continue;
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
    return CXChildVisit_Recurse; /* enums declared inside */
  default:
    return CXChildVisit_Continue;
  }
}

static int is_c_keyword(const char *s, size_t n) {
  static const char *const kw[] = {
      "sizeof", "_Alignof", "alignof",  "__alignof__", "__typeof__", "typeof",  "int",
      "long",   "short",    "char",     "unsigned",    "signed",     "float",   "double",
      "_Bool",  "bool",     "void",     "const",       "volatile",   "struct",  "union",
      "enum",   "_Complex", "__func__", "true",        "false",      "nullptr", NULL};
  for (int i = 0; kw[i]; i++)
    if (strlen(kw[i]) == n && !memcmp(kw[i], s, n)) return 1;
  return n > 10 && !memcmp(s, "__builtin_", 10);
}

/* The parameter named s[0..n), or -1. */
static int param_index(const parcc_dfunc_t *d, const char *s, size_t n) {
  for (int i = 0; i < d->nparams; i++)
    if (strlen(d->params[i].name) == n && !memcmp(d->params[i].name, s, n)) return i;
  return -1;
}

/* A local variable of the function named s[0..n)? */
static int is_local_of(parcc_file_t *f, parcc_func_t *fn, const char *s, size_t n) {
  parcc_node_t *nodes;
  int nn = parcc_collect_nodes(f, fn->c, &nodes);
  int found = 0;
  for (int i = 1; i < nn && !found; i++) {
    if (nodes[i].kind != CXCursor_VarDecl) continue;
    CXString sp = clang_getCursorSpelling(nodes[i].c);
    const char *name = clang_getCString(sp);
    found = strlen(name) == n && !memcmp(name, s, n);
    clang_disposeString(sp);
  }
  free(nodes);
  return found;
}

/* Where an identifier of a clause expression is in the file: its first
 * whole-word occurrence in the pragma's text from the expression on. */
static size_t ident_file_off(const parcc_pragma_site_t *p, uint32_t from, const char *s, size_t n) {
  for (size_t i = from; i + n <= p->text_len; i++) {
    if (memcmp(p->text + i, s, n) != 0) continue;
    char b = i > 0 ? p->text[i - 1] : 0, a = i + n < p->text_len ? p->text[i + n] : 0;
    int before = b == '_' || ((b | 32) >= 'a' && (b | 32) <= 'z') || (b >= '0' && b <= '9');
    int after = a == '_' || ((a | 32) >= 'a' && (a | 32) <= 'z') || (a >= '0' && a <= '9');
    if (!before && !after) return parcc_pragma_file_off(p, (uint32_t)i);
  }
  return parcc_pragma_file_off(p, from);
}

/* A map bound is evaluated by the stub before the call, where only the
 * parameters and file-scope names exist: check every identifier of it. */
static void check_bound(parcc_dfunc_t *d, const parcc_item_t *it, const parcc_expr_t *e,
                        names_t *ns) {
  if (!e->text) return;
  parcc_file_t *f = d->f;
  const char *s = e->text;
  size_t n = strlen(s);
  const char *prev = ""; /* the previous token, for `.x` `->x` `struct T` */
  size_t prevn = 0;
  for (size_t i = 0; i < n;) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < n && s[j] != c)
        j += s[j] == '\\' ? 2 : 1;
      prev = s + i;
      prevn = 1;
      i = j + 1;
      continue;
    }
    if (c >= '0' && c <= '9') { /* a pp-number: 1e5, 0x1fULL, 1.5f */
      size_t j = i + 1;
      while (j < n &&
             (s[j] == '.' || s[j] == '_' || ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') ||
              (s[j] >= '0' && s[j] <= '9') ||
              ((s[j] == '+' || s[j] == '-') && ((s[j - 1] | 32) == 'e' || (s[j - 1] | 32) == 'p'))))
        j++;
      prev = s + i;
      prevn = j - i;
      i = j;
      continue;
    }
    if (c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '$') {
      size_t j = i;
      while (j < n && (s[j] == '_' || s[j] == '$' || ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') ||
                       (s[j] >= '0' && s[j] <= '9')))
        j++;
      const char *id = s + i;
      size_t len = j - i;
      int member = (prevn == 1 && prev[0] == '.') || (prevn == 2 && !memcmp(prev, "->", 2));
      int tag = (prevn == 6 && (!memcmp(prev, "struct", 6))) ||
                (prevn == 5 && !memcmp(prev, "union", 5)) ||
                (prevn == 4 && !memcmp(prev, "enum", 4));
      if (!member && !tag && !is_c_keyword(id, len) && param_index(d, id, len) < 0 &&
          !names_has(ns, id, len)) {
        size_t at = ident_file_off(d->p, e->off, id, len);
        if (is_local_of(f, d->func, id, len))
          parcc_error_at(
              f, at,
              "the bounds are evaluated by the caller, before the call: use parameters, constants and globals",
              "the map bound of '%s' uses '%.*s', a local variable of '%s'", it->name, (int)len, id,
              d->func->name);
        else
          parcc_error_at(
              f, at,
              "the bounds are evaluated by the caller, before the call: use parameters, constants and globals",
              "the map bound of '%s' uses '%.*s', which is not a parameter of '%s', a constant or a global",
              it->name, (int)len, id, d->func->name);
      }
      prev = id;
      prevn = len;
      i = j;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n') {
      i++;
      continue;
    }
    if (c == '-' && i + 1 < n && s[i + 1] == '>') {
      prev = s + i;
      prevn = 2;
      i += 2;
      continue;
    }
    prev = s + i;
    prevn = 1;
    i++;
  }
}

/* ---- the analysis -------------------------------------------------------- */

static const char *map_kind_word(enum parcc_map_kind k) {
  return k == PARCC_MAP_TO      ? "to"
         : k == PARCC_MAP_FROM  ? "from"
         : k == PARCC_MAP_ALLOC ? "alloc"
                                : "tofrom";
}

static int tok_is(parcc_file_t *f, size_t t, const char *s) {
  return t < f->ntoks && strcmp(f->toks[t].text, s) == 0;
}

/* A parameter whose rows have a run-time length: the argument block could
 * not say how long they are. Returns -1. */
static int vla_param_error(parcc_dfunc_t *d, parcc_fparam_t *pa) {
  char *tn = type_spelling(pa->type);
  parcc_error_at(d->f, pa->off,
                 "give the rows a constant size, or pass a plain pointer and index it by hand",
                 "parameter '%s' of distributed function '%s' has a variable-length array type ('%s')",
                 pa->name, d->func->name, tn);
  free(tn);
  return -1;
}

/* Checks one parameter; returns 0 if it can be passed to a task. */
static int check_param(parcc_dfunc_t *d, parcc_fparam_t *pa) {
  parcc_file_t *f = d->f;
  CXType ct = clang_getCanonicalType(pa->type);
  const char *fname = d->func->name;
  if (ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray ||
      ct.kind == CXType_VariableArray) {
    /* An array parameter is a pointer to its first element. */
    CXType el = clang_getArrayElementType(ct);
    if (variably_modified(el)) {
      return vla_param_error(d, pa);
    }
    pa->is_pointer = 1;
    ct = clang_getCanonicalType(el);
  } else if (ct.kind == CXType_Pointer) {
    CXType pt = clang_getCanonicalType(clang_getPointeeType(ct));
    if (is_function_type(pt)) {
      parcc_error_at(
          f, pa->off, "pass a number that selects the function, and call it by name in the body",
          "parameter '%s' of distributed function '%s' is a function pointer, which would not be valid in another process",
          pa->name, fname);
      return -1;
    }
    if (variably_modified(pt)) {
      return vla_param_error(d, pa);
    }
    pa->is_pointer = 1;
    ct = pt;
  } else if (ct.kind == CXType_BlockPointer) {
    parcc_error_at(f, pa->off, NULL,
                   "parameter '%s' of distributed function '%s' is a block pointer", pa->name,
                   fname);
    return -1;
  }
  char field[128] = "";
  if (pa->is_pointer) {
    /* ct: the pointee */
    if (ct.kind == CXType_Void) {
      pa->pointee_void = 1;
    } else if (clang_Type_getSizeOf(ct) < 0) {
      char *tn = type_spelling(ct);
      parcc_error_at(
          f, pa->off, "declare the type completely before the function",
          "pointer parameter '%s' points to an incomplete type ('%s') and cannot be mapped",
          pa->name, tn);
      free(tn);
      return -1;
    }
    int r = pa->pointee_void ? 0 : parcc_value_problem(ct, field, sizeof field);
    if (r == 1) {
      parcc_error_at(
          f, pa->off, "a pointer is only valid in the process that made it: pass flat data",
          "the data '%s' points to holds pointers%s%s%s, which would not be valid in another process",
          pa->name, field[0] ? " ('" : "", field, field[0] ? "')" : "");
      return -1;
    }
    if (r == 2) {
      parcc_error_at(f, pa->off, NULL, "the data '%s' points to has a flexible array member ('%s')",
                     pa->name, field);
      return -1;
    }
  } else {
    int r = parcc_value_problem(ct, field, sizeof field);
    if (r == 1) {
      parcc_error_at(
          f, pa->off,
          "pass the fields as separate parameters, and the pointers as mapped pointer parameters",
          "parameter '%s' of distributed function '%s' holds a pointer ('%s'), which would not be valid in another process",
          pa->name, fname, field);
      return -1;
    }
    if (r == 2) {
      parcc_error_at(
          f, pa->off, "pass a pointer to it with a map clause instead",
          "parameter '%s' of distributed function '%s' has a flexible array member ('%s'), which is not copied with it",
          pa->name, fname, field);
      return -1;
    }
  }
  const char *why = NULL;
  char *dd = parcc_declarator(pa->type, pa->name, 1, &why);
  if (!dd) {
    parcc_error_at(f, pa->off, "declare the type at file scope", "the type of parameter '%s' %s",
                   pa->name, why ? why : "cannot be named outside the function");
    return -1;
  }
  free(dd);
  return 0;
}

int parcc_func_analyze(parcc_file_t *f, parcc_pragma_site_t *p, parcc_func_t *fn,
                       parcc_dfunc_t *d) {
  memset(d, 0, sizeof *d);
  d->f = f;
  d->p = p;
  d->func = fn;
  snprintf(d->ident, sizeof d->ident, "%s_%u", fn->name, p->line);
  int errors0 = f->diag.nerrors;
  CXCursor c = fn->c;
  const char *fname = fn->name;

  /* Where the name is: it is renamed in place. */
  unsigned noff;
  clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &noff);
  size_t nt = parcc_token_at(f, noff);
  if (nt >= f->ntoks || f->toks[nt].off != noff || strcmp(f->toks[nt].text, fname) != 0 ||
      noff >= fn->body_off) {
    parcc_error_at(
        f, p->off, "write the function's name and parameter list out in the definition",
        "the name of distributed function '%s' comes from a macro, so parcc cannot rename it",
        fname);
    return -1;
  }
  d->name_off = f->toks[nt].off;
  d->name_end = f->toks[nt].end;
  if (!strcmp(fname, "main")) {
    parcc_error_at(
        f, d->name_off,
        "distribute the loops inside main, or move the work into a function that main calls",
        "'main' cannot be a distributed function");
    return -1;
  }
  if (!tok_is(f, nt + 1, "(")) {
    parcc_error_at(f, d->name_off, "write the parameter list out in the definition",
                   "cannot find the parameter list of '%s'", fname);
    return -1;
  }
  size_t lp = nt + 1, rp = 0;
  int depth = 0;
  for (size_t k = lp; k < f->ntoks && f->toks[k].off < fn->body_off; k++) {
    if (tok_is(f, k, "("))
      depth++;
    else if (tok_is(f, k, ")") && --depth == 0) {
      rp = k;
      break;
    }
  }
  if (!rp) {
    parcc_error_at(f, d->name_off, "write the parameter list out in the definition",
                   "cannot find the parameter list of '%s'", fname);
    return -1;
  }
  d->lparen = f->toks[lp].off;
  d->rparen = f->toks[rp].off;

  CXType ftype = clang_getCursorType(c);
  if (ftype.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(ftype)) {
    size_t at = d->name_off;
    for (size_t k = lp; k < rp; k++)
      if (tok_is(f, k, "...")) at = f->toks[k].off;
    parcc_error_at(f, at, "give the function a fixed list of parameters",
                   "distributed function '%s' cannot take a variable number of arguments ('...')",
                   fname);
    return -1;
  }

  /* Parameters. */
  int np = clang_Cursor_getNumArguments(c);
  if (np < 0) np = 0;
  d->params = parcc_xcalloc((size_t)np + 1, sizeof *d->params);
  d->nparams = np;
  for (int i = 0; i < np; i++) {
    parcc_fparam_t *pa = &d->params[i];
    pa->decl = clang_Cursor_getArgument(c, (unsigned)i);
    CXString s = clang_getCursorSpelling(pa->decl);
    pa->name = parcc_xstrdup(clang_getCString(s));
    clang_disposeString(s);
    pa->type = clang_getCursorType(pa->decl);
    pa->map_index = -1;
    unsigned po;
    clang_getExpansionLocation(clang_getCursorLocation(pa->decl), NULL, NULL, NULL, &po);
    pa->off = po;
    if (po > d->rparen) {
      /* int f(a, b) int a; double b; { ... } */
      parcc_error_at(f, d->name_off,
                     "write a prototype-style definition, e.g. 'int f(int a, double b)'",
                     "distributed function '%s' is defined in the old K&R style", fname);
      return -1;
    }
  }
  for (int i = 0; i < np; i++) {
    parcc_fparam_t *pa = &d->params[i];
    if (!pa->name[0]) {
      parcc_error_at(f, pa->off, "name the parameter",
                     "parameter %d of distributed function '%s' has no name", i + 1, fname);
      continue;
    }
    if (check_param(d, pa) != 0) pa->invalid = 1;
  }

  /* The result. */
  CXType rt = clang_getCursorResultType(c);
  CXType rc = clang_getCanonicalType(rt);
  d->is_void = rc.kind == CXType_Void;
  char field[128] = "";
  if (rc.kind == CXType_Pointer || rc.kind == CXType_BlockPointer) {
    char *tn = type_spelling(rt);
    parcc_error_at(
        f, d->name_off,
        "return the data through a mapped pointer parameter, e.g. map(from: out[0:n])",
        "distributed function '%s' returns a pointer ('%s'), which would not be valid in the caller's process",
        fname, tn);
    free(tn);
  } else {
    int r = parcc_value_problem(rt, field, sizeof field);
    if (r == 1)
      parcc_error_at(
          f, d->name_off, "return plain data, and data behind pointers through mapped parameters",
          "the result of distributed function '%s' holds a pointer ('%s'), which would not be valid in the caller's process",
          fname, field);
    else if (r == 2)
      parcc_error_at(
          f, d->name_off, NULL,
          "the result of distributed function '%s' has a flexible array member ('%s'), which is not returned with it",
          fname, field);
  }

  /* Linkage, and `inline` with external linkage (an inline definition
   * cannot refer to the static descriptor: the stub becomes the external
   * definition, see parcc_func_emit_pre). */
  d->is_static = clang_getCursorLinkage(c) == CXLinkage_Internal;
  int has_inline = 0, has_extern = 0;
  for (size_t k = parcc_token_at(f, fn->off); k < nt; k++) {
    const char *t = f->toks[k].text;
    if (!strcmp(t, "inline") || !strcmp(t, "__inline") || !strcmp(t, "__inline__")) has_inline = 1;
    if (!strcmp(t, "extern")) has_extern = 1;
  }
  d->extern_inline = has_inline && !has_extern && !d->is_static;

  /* Clauses. */
  d->device = PARCC_DEV_CPU;
  names_t ns = {.f = f, .before = fn->off};
  int names_ready = 0;
  for (int ci = 0; ci < p->ast.nclauses; ci++) {
    const parcc_clause_t *cl = &p->ast.clauses[ci];
    size_t at = parcc_pragma_file_off(p, cl->off);
    switch (cl->kind) {
    case PARCC_CL_DEVICE:
      d->device = cl->device;
      continue;
    case PARCC_CL_RETRIES:
      d->retries = cl->arg.text;
      continue;
    case PARCC_CL_TIMEOUT:
      d->timeout = cl->arg.text;
      continue;
    case PARCC_CL_CACHE:
      d->cache = 1;
      d->cache_dir = cl->cache_dir;
      continue;
    case PARCC_CL_MAP:
      break;
    default:
      parcc_error_at(
          f, at, "a distributed function takes map, retries, timeout, cache and device clauses",
          "clause '%s' is not allowed on a distributed function", parcc_clause_name(cl->kind));
      continue;
    }
    for (int ii = 0; ii < cl->nitems; ii++) {
      const parcc_item_t *it = &cl->items[ii];
      size_t iat = parcc_pragma_file_off(p, it->off);
      int pi = param_index(d, it->name, strlen(it->name));
      if (pi < 0) {
        parcc_error_at(f, iat, "a function's map clause names its pointer parameters",
                       "'%s' in the map clause is not a parameter of '%s'", it->name, fname);
        continue;
      }
      parcc_fparam_t *pa = &d->params[pi];
      if (pa->item) {
        parcc_error_at(f, iat, NULL, "parameter '%s' appears in more than one map clause",
                       it->name);
        continue;
      }
      pa->item = it;
      pa->map_kind = cl->map_kind;
      if (pa->invalid) continue;
      CXType pc = clang_getCanonicalType(pa->type);
      if (!pa->is_pointer) {
        parcc_error_at(f, iat, "scalars and structs are passed by value without a clause",
                       "parameter '%s' is not a pointer and cannot be mapped", it->name);
        continue;
      }
      if (it->ndims == 0 || !it->dims[0].len.text) {
        char hint[256];
        snprintf(hint, sizeof hint, "give the elements to move, e.g. map(%s: %s[0:n])",
                 map_kind_word(cl->map_kind), it->name);
        parcc_error_at(f, iat, hint, "pointer '%s' needs an array section with a length", it->name);
        continue;
      }
      int maxdims = 1;
      CXType el = clang_getCanonicalType(pc.kind == CXType_Pointer ? clang_getPointeeType(pc)
                                                                   : clang_getArrayElementType(pc));
      while (el.kind == CXType_ConstantArray) {
        maxdims++;
        el = clang_getCanonicalType(clang_getArrayElementType(el));
      }
      if (it->ndims > maxdims) {
        parcc_error_at(f, iat, NULL, "array section of '%s' has %d dimensions; '%s' has %d",
                       it->name, it->ndims, it->name, maxdims);
        continue;
      }
      int bad = 0;
      for (int k = 1; k < it->ndims && !bad; k++)
        if (it->dims[k].is_index) {
          parcc_error_at(f, iat, "map whole rows: name[lo:len][0:N]",
                         "only the first dimension of '%s' can be cut", it->name);
          bad = 1;
        }
      if (!names_ready) {
        clang_visitChildren(clang_getTranslationUnitCursor(f->tu), file_scope_visit, &ns);
        names_ready = 1;
      }
      for (int k = 0; k < it->ndims; k++) {
        check_bound(d, it, &it->dims[k].lo, &ns);
        check_bound(d, it, &it->dims[k].len, &ns);
      }
    }
  }
  for (int i = 0; i < ns.n; i++)
    free(ns.v[i]);
  free(ns.v);

  /* Every pointer needs a map: the task runs where the caller's memory is
   * not. */
  for (int i = 0; i < np; i++) {
    parcc_fparam_t *pa = &d->params[i];
    if (!pa->is_pointer || pa->item || pa->invalid || !pa->name[0]) continue;
    CXType pc = clang_getCanonicalType(pa->type);
    int is_const = pc.kind == CXType_Pointer
                       ? clang_isConstQualifiedType(clang_getPointeeType(pc))
                       : clang_isConstQualifiedType(clang_getArrayElementType(pc));
    char hint[256];
    snprintf(hint, sizeof hint,
             "add map(%s: %s[0:n]) to the pragma, with the number of elements the function uses",
             is_const ? "to" : "tofrom", pa->name);
    parcc_error_at(f, pa->off, hint,
                   "pointer parameter '%s' of distributed function '%s' is not mapped", pa->name,
                   fname);
  }
  for (int i = 0; i < np; i++)
    if (d->params[i].item) d->params[i].map_index = d->nmaps++;
  return f->diag.nerrors > errors0 ? -1 : 0;
}

void parcc_func_free(parcc_dfunc_t *d) {
  for (int i = 0; i < d->nparams; i++)
    free(d->params[i].name);
  free(d->params);
  memset(d, 0, sizeof *d);
}

/* ---- emission ------------------------------------------------------------ */

char *parcc_func_body_name(parcc_dfunc_t *d) {
  parcc_sb_t sb = {0};
  parcc_sb_printf(&sb, "par__fn_%s", d->ident);
  return parcc_sb_take(&sb);
}

/* The definition's text before its body (specifiers, attributes, return
 * type, name, parameters): with `rename`, the name replaced; with `blank`,
 * these keywords replaced by blanks. */
static void put_header(parcc_dfunc_t *d, parcc_sb_t *o, const char *rename,
                       const char *const *blank) {
  parcc_file_t *f = d->f;
  size_t pos = d->func->off;
  for (size_t k = parcc_token_at(f, pos); k < f->ntoks && f->toks[k].off < d->func->body_off; k++) {
    const parcc_token_t *t = &f->toks[k];
    const char *with = NULL;
    if (rename && t->off == d->name_off) with = rename;
    for (int b = 0; blank && blank[b] && !with && t->off < d->name_off; b++)
      if (t->kind == CXToken_Keyword && !strcmp(t->text, blank[b])) with = "";
    if (!with) continue;
    parcc_sb_putn(o, f->buf + pos, t->off - pos);
    parcc_sb_puts(o, with);
    pos = t->end;
    if (!*with) /* a dropped keyword takes its blanks with it */
      while (pos < d->func->body_off && (f->buf[pos] == ' ' || f->buf[pos] == '\t'))
        pos++;
  }
  /* up to the body, without trailing blanks */
  size_t end = d->func->body_off;
  while (end > pos && (f->buf[end - 1] == ' ' || f->buf[end - 1] == '\t' ||
                       f->buf[end - 1] == '\n' || f->buf[end - 1] == '\r'))
    end--;
  parcc_sb_putn(o, f->buf + pos, end - pos);
}

/* The parameter list's text ("const double *v, int n"), or NULL when the
 * function takes none. */
static char *param_text(parcc_dfunc_t *d) {
  if (!d->nparams) return NULL;
  parcc_file_t *f = d->f;
  size_t a = d->lparen + 1, b = d->rparen;
  return parcc_strndup(f->buf + a, b - a);
}

/* `p1, p2` with `prefix` before each name. */
static void put_args(parcc_dfunc_t *d, parcc_sb_t *o, const char *prefix) {
  for (int i = 0; i < d->nparams; i++)
    parcc_sb_printf(o, "%s%s%s", i ? ", " : "", prefix, d->params[i].name);
}

void parcc_func_emit_pre(parcc_dfunc_t *d, parcc_sb_t *o) {
  parcc_file_t *f = d->f;
  const char *name = d->func->name;
  parcc_sb_puts(o, "/* #pragma par");
  for (size_t i = 0; i < d->p->text_len; i++) {
    char c = d->p->text[i];
    char next = i + 1 < d->p->text_len ? d->p->text[i + 1] : 0;
    parcc_sb_putn(o, &c, 1);
    if ((c == '*' && next == '/') || (c == '/' && next == '*')) parcc_sb_putn(o, " ", 1);
  }
  char *body = parcc_func_body_name(d);
  parcc_sb_printf(
      o,
      " */\n/* par: the definition below is the body of the distributed function '%s', renamed\n"
      "   %s; the stub that calls it through the runtime follows it */\n",
      name, body);
  /* The argument block: the parameters, decayed, top-level qualifiers
   * dropped (the block is written by the stub and read by the body). */
  parcc_sb_printf(o, "struct par__fa_%s {", name);
  if (!d->nparams) parcc_sb_puts(o, " char par__none;");
  for (int i = 0; i < d->nparams; i++) {
    char *dd = parcc_declarator(d->params[i].type, d->params[i].name, 1, NULL);
    parcc_sb_printf(o, " %s;", dd ? dd : "int par__bad");
    free(dd);
  }
  parcc_sb_puts(o, " };\n");
  static const char *const storage[] = {"static", "extern", NULL};
  static const char *const inlines[] = {"inline", "__inline", "__inline__", NULL};
  /* Declarations in the user's words, under the definition's line. */
  parcc_emit_line_at(f, d->func->off, o);
  /* The body: static whatever the function was (a later `extern` keeps
   * the internal linkage of this first declaration, C11 6.2.2p4). */
  parcc_sb_puts(o, "static ");
  put_header(d, o, body, storage);
  parcc_sb_puts(o, ";\n");
  /* The stub, so that calls in the body (recursion) reach it. */
  if (d->extern_inline) {
    /* `inline` with external linkage: an inline definition could not use
     * the static descriptor, so this file gives the external definition. */
    parcc_sb_puts(o, "extern ");
    put_header(d, o, NULL, inlines);
    parcc_sb_puts(o, ";\n");
  } else {
    /* A static function that is only spawned leaves its stub uncalled. */
    if (d->is_static) parcc_sb_puts(o, "__attribute__((unused)) ");
    put_header(d, o, NULL, NULL);
    parcc_sb_puts(o, ";\n");
  }
  free(body);
  parcc_emit_line_at(f, d->p->end, o);
}

/* The argument block and map table of a call, filled from the parameters
 * by par__ffill_<f> (shared by the stub and the spawn entry). */
static void put_fill(parcc_dfunc_t *d, parcc_sb_t *o, const char *name) {
  parcc_sb_printf(o, "  struct par__fa_%s par__a;\n", name);
  if (d->nmaps) parcc_sb_printf(o, "  parrt_map_t par__m[%d];\n", d->nmaps);
  parcc_sb_printf(o, "  par__ffill_%s(&par__a, %s%s", name,
                  d->nmaps ? "par__m" : "(parrt_map_t *)0", d->nparams ? ", " : "");
  put_args(d, o, "");
  parcc_sb_puts(o, ");\n");
}

void parcc_func_emit_post(parcc_dfunc_t *d, parcc_sb_t *o) {
  parcc_file_t *f = d->f;
  const char *name = d->func->name;
  char *body = parcc_func_body_name(d);
  char *params = param_text(d);
  parcc_sb_printf(o, "\n/* par: the distributed function '%s' (#pragma par at %s:%u) */\n", name,
                  f->path, d->p->line);
  parcc_emit_line_at(f, d->p->off, o);
  /* The result type, as the body returns it. */
  if (!d->is_void) {
    parcc_sb_printf(o, "typedef __typeof__(%s(", body);
    for (int i = 0; i < d->nparams; i++)
      parcc_sb_printf(o, "%s((struct par__fa_%s *)0)->%s", i ? ", " : "", name, d->params[i].name);
    parcc_sb_printf(o, ")) par__fr_%s;\n", name);
  }
  /* Runs the body from a block. */
  parcc_sb_printf(o, "static void par__fb_%s(void *par__args, void *par__ret) {\n", name);
  parcc_sb_printf(o, "  struct par__fa_%s *par__a = (struct par__fa_%s *)par__args;\n", name, name);
  if (!d->nparams) parcc_sb_puts(o, "  (void)par__a;\n");
  if (d->is_void) {
    parcc_sb_printf(o, "  (void)par__ret;\n  %s(", body);
    put_args(d, o, "par__a->");
    parcc_sb_puts(o, ");\n");
  } else {
    parcc_sb_printf(o, "  par__fr_%s par__r = %s(", name, body);
    put_args(d, o, "par__a->");
    parcc_sb_puts(o, ");\n  __builtin_memcpy(par__ret, &par__r, sizeof par__r);\n");
  }
  parcc_sb_puts(o, "}\n");
  parcc_func_emit_target(d, o);
  if (d->nparams) {
    parcc_sb_printf(o, "static const uint32_t par__foff_%s[] = {", name);
    for (int i = 0; i < d->nparams; i++)
      parcc_sb_printf(o, "%s__builtin_offsetof(struct par__fa_%s, %s)", i ? ", " : "", name,
                      d->params[i].name);
    parcc_sb_printf(o, "};\nstatic const uint32_t par__fsize_%s[] = {", name);
    for (int i = 0; i < d->nparams; i++)
      parcc_sb_printf(o, "%ssizeof(((struct par__fa_%s *)0)->%s)", i ? ", " : "", name,
                      d->params[i].name);
    parcc_sb_puts(o, "};\n");
  }
  static const char *const kinds[] = {"PARRT_MAP_ALLOC", "PARRT_MAP_TO", "PARRT_MAP_FROM",
                                      "PARRT_MAP_TOFROM"};
  if (d->nmaps) {
    parcc_sb_printf(o, "static const parrt_fn_map_desc_t par__fmaps_%s[] = {\n", name);
    for (int i = 0; i < d->nparams; i++) {
      parcc_fparam_t *pa = &d->params[i];
      if (!pa->item) continue;
      parcc_sb_puts(o, "  {");
      parcc_put_c_string(o, pa->name);
      parcc_sb_printf(o, ", %s, %lld, %d},\n", kinds[pa->map_kind],
                      pa->pointee_void ? 1 : parcc_map_unit(pa->type), i);
    }
    parcc_sb_puts(o, "};\n");
  }
  static const char *const devices[] = {"PARRT_DEV_CPU", "PARRT_DEV_GPU", "PARRT_DEV_ANY"};
  parcc_sb_printf(o, "static const parrt_fn_desc_t par__fdesc_%s = {\n", name);
  parcc_sb_puts(o,
                "  .struct_size = sizeof(parrt_fn_desc_t),\n  .abi_version = PARRT_ABI_CURRENT,\n");
  parcc_sb_printf(o, "  .id = 0x%016llxULL,\n  .name = ",
                  (unsigned long long)parcc_stable_id(name, f->path, d->p->line, d->p->col));
  parcc_put_c_string(o, name);
  parcc_sb_puts(o, ",\n  .loc = {");
  parcc_put_c_string(o, f->path);
  parcc_sb_puts(o, ", ");
  parcc_put_c_string(o, name);
  parcc_sb_printf(o, ", %u, %u},\n", d->p->line, d->p->col);
  parcc_sb_printf(o, "  .body = par__fb_%s,\n", name);
  /* __alignof__: the same value as _Alignof, without a C11 warning under -std=c99 -pedantic */
  parcc_sb_printf(
      o,
      "  .args_size = sizeof(struct par__fa_%s),\n  .args_align = __alignof__(struct par__fa_%s),\n",
      name, name);
  if (d->is_void)
    parcc_sb_puts(o, "  .ret_size = 0,\n");
  else
    parcc_sb_printf(o, "  .ret_size = sizeof(par__fr_%s),\n", name);
  parcc_sb_printf(o, "  .nparams = %d,\n", d->nparams);
  if (d->nparams)
    parcc_sb_printf(o, "  .param_off = par__foff_%s,\n  .param_size = par__fsize_%s,\n", name,
                    name);
  parcc_sb_printf(o, "  .nmaps = %d,\n", d->nmaps);
  if (d->nmaps) parcc_sb_printf(o, "  .maps = par__fmaps_%s,\n", name);
  parcc_sb_printf(o, "  .device = %s,\n  .flags = %s,\n", devices[d->device],
                  d->cache ? "PARRT_LOOP_CACHE" : "0");
  if (d->retries)
    parcc_sb_printf(o, "  .retries = (int64_t)(%s),\n", d->retries);
  else
    parcc_sb_puts(o, "  .retries = -1,\n");
  parcc_sb_printf(o, "  .timeout = %s%s%s,\n", d->timeout ? "(double)(" : "",
                  d->timeout ? d->timeout : "0", d->timeout ? ")" : "");
  parcc_func_emit_desc_target(d, o);
  if (d->cache_dir) {
    parcc_sb_puts(o, "  .cache_dir = ");
    parcc_put_c_string(o, d->cache_dir);
    parcc_sb_puts(o, ",\n");
  }
  parcc_sb_puts(o, "};\n");
  parcc_sb_printf(o,
                  "__attribute__((constructor)) static void par__fregister_%s(void) {\n"
                  "  parrt_register_fn(&par__fdesc_%s);\n}\n",
                  name, name);

  /* Fills the block and the maps from the parameters: the stub's and the
   * spawn entry's common part. Bounds are the pragma's text, evaluated with
   * the parameters in scope. */
  parcc_sb_printf(
      o, "static void par__ffill_%s(struct par__fa_%s *par__a, parrt_map_t *par__m%s%s) {\n", name,
      name, params ? ", " : "", params ? params : "");
  parcc_sb_puts(o, "  __builtin_memset(par__a, 0, sizeof *par__a);\n");
  for (int i = 0; i < d->nparams; i++)
    parcc_sb_printf(o, "  par__a->%s = %s;\n", d->params[i].name, d->params[i].name);
  if (!d->nmaps) parcc_sb_puts(o, "  (void)par__m;\n");
  for (int i = 0; i < d->nparams; i++) {
    parcc_fparam_t *pa = &d->params[i];
    if (!pa->item) continue;
    const parcc_item_t *it = pa->item;
    const char *lo = it->dims[0].lo.text ? it->dims[0].lo.text : "0";
    parcc_sb_printf(o, "  par__m[%d].base = (void *)(%s);\n", pa->map_index, pa->name);
    parcc_sb_printf(o, "  par__m[%d].lo = (int64_t)(%s);\n", pa->map_index, lo);
    parcc_sb_printf(o, "  par__m[%d].len = (uint64_t)(%s);\n", pa->map_index, it->dims[0].len.text);
    if (pa->pointee_void)
      parcc_sb_printf(o, "  par__m[%d].elem_size = 1;\n", pa->map_index);
    else
      parcc_sb_printf(o, "  par__m[%d].elem_size = sizeof *(%s);\n", pa->map_index, pa->name);
    parcc_sb_printf(o, "  par__m[%d].off_min = 0;\n  par__m[%d].off_max = 0;\n", pa->map_index,
                    pa->map_index);
    /* Inner dimensions of a section must be whole rows. */
    for (int k = 1; k < it->ndims; k++) {
      const parcc_dim_t *dm = &it->dims[k];
      parcc_sb_t row = {0};
      parcc_sb_printf(&row, "(%s)", pa->name);
      for (int j = 0; j < k; j++)
        parcc_sb_puts(&row, "[0]");
      parcc_sb_printf(o, "  if ((int64_t)(%s) != 0", dm->lo.text ? dm->lo.text : "0");
      if (dm->len.text)
        parcc_sb_printf(o, " || (uint64_t)(%s) != sizeof(%s) / sizeof(%s[0])", dm->len.text, row.s,
                        row.s);
      parcc_sb_printf(
          o,
          ")\n    parrt_fatal(&par__fdesc_%s.loc, \"map of '%s': only whole rows can be mapped, [0:N] in every dimension but the first\");\n",
          name, pa->name);
      free(row.s);
    }
  }
  parcc_sb_puts(o, "}\n");

  /* The stub: the user's declaration, so the same signature and linkage. */
  parcc_sb_printf(o, "/* par: calls of '%s' run the body as a task */\n", name);
  parcc_emit_line_at(f, d->func->off, o);
  put_header(d, o, NULL, NULL);
  parcc_sb_puts(o, " {\n");
  parcc_emit_line_at(f, d->p->off, o);
  put_fill(d, o, name);
  if (d->is_void) {
    parcc_sb_printf(o, "  parrt_fn_call(&par__fdesc_%s, &par__a, %s, (void *)0);\n", name,
                    d->nmaps ? "par__m" : "(const parrt_map_t *)0");
  } else {
    parcc_sb_printf(o, "  par__fr_%s par__r;\n", name);
    parcc_sb_printf(o, "  parrt_fn_call(&par__fdesc_%s, &par__a, %s, &par__r);\n  return par__r;\n",
                    name, d->nmaps ? "par__m" : "(const parrt_map_t *)0");
  }
  parcc_sb_puts(o, "}\n");

  /* The spawn entry, called by `#pragma par spawn` in any file. */
  const char *linkage = d->is_static ? "static __attribute__((unused)) " : "";
  parcc_sb_printf(
      o,
      "%svoid par__spawn_%s(parrt_group_t *par__g, const parrt_spawn_site_t *par__site, void *par__lhs, void *const *par__deps%s%s);\n",
      linkage, name, params ? ", " : "", params ? params : "");
  parcc_sb_printf(
      o,
      "%svoid par__spawn_%s(parrt_group_t *par__g, const parrt_spawn_site_t *par__site, void *par__lhs, void *const *par__deps%s%s) {\n",
      linkage, name, params ? ", " : "", params ? params : "");
  put_fill(d, o, name);
  parcc_sb_printf(
      o, "  parrt_fn_spawn(par__g, &par__fdesc_%s, &par__a, %s, par__site, par__lhs, par__deps);\n",
      name, d->nmaps ? "par__m" : "(const parrt_map_t *)0");
  parcc_sb_puts(o, "}\n");
  free(params);
  free(body);
  parcc_emit_line_at(f, d->func->end, o);
}
