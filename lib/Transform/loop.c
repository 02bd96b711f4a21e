/* loop.c: analysis of one `#pragma par distribute` for loop.
 *
 * Checks SPEC §2.1 and fills a parcc_loop_t for the emitter:
 *   - the header is canonical: one integer induction variable initialized in
 *     the init (declared there or before), compared with <, <=, > or >= to a
 *     bound, stepped by ++, --, += c, -= c or i = i + c; the bound and step do
 *     not change in the body; the body does not break, goto or return out;
 *   - every variable the body uses but does not declare is classified:
 *     reduction / private / lastprivate / firstprivate by clause; a pointer
 *     must be mapped; a fixed-size array is mapped whole (to, or tofrom if
 *     the body may write it); any other scalar read is copied in
 *     (firstprivate); a scalar written without a clause is an error, except
 *     the counter of an inner for loop, which is made private as a C
 *     programmer expects (docs/pragmas.md).
 * The header's pieces are taken as text (the bound may be a macro); the
 * variables and writes come from libclang cursors.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- helpers over the flattened tree ------------------------------------ */

typedef struct tree {
  parcc_node_t *n;
  int count;
} tree_t;

static int first_child(const tree_t *t, int idx) {
  for (int i = idx + 1; i < t->count; i++) {
    if (t->n[i].parent == idx) return i;
  }
  return -1;
}

static int last_child(const tree_t *t, int idx) {
  int last = -1;
  for (int i = idx + 1; i < t->count; i++)
    if (t->n[i].parent == idx) last = i;
  return last;
}

static int is_ancestor(const tree_t *t, int anc, int idx) {
  for (int p = t->n[idx].parent; p >= 0; p = t->n[p].parent)
    if (p == anc) return 1;
  return 0;
}

static CXCursor canonical_ref(CXCursor c) {
  CXCursor r = clang_getCursorReferenced(c);
  return clang_getCanonicalCursor(r);
}

/* Follows implicit casts, parentheses, subscripts, member accesses and
 * dereferences from an lvalue to the variable it names. Sets *through when
 * the access goes through an element or a pointer. Returns the node of the
 * DeclRefExpr, or -1. */
static int lvalue_root(const tree_t *t, int idx, int *through) {
  while (idx >= 0) {
    const parcc_node_t *nd = &t->n[idx];
    switch (nd->kind) {
    case CXCursor_DeclRefExpr:
      return idx;
    case CXCursor_UnexposedExpr:
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr:
      idx = first_child(t, idx);
      break;
    case CXCursor_ArraySubscriptExpr:
      *through = 1;
      idx = first_child(t, idx);
      break;
    case CXCursor_MemberRefExpr: {
      int base = first_child(t, idx);
      if (base < 0) return -1;
      CXType bt = clang_getCanonicalType(clang_getCursorType(t->n[base].c));
      if (bt.kind == CXType_Pointer) *through = 1;
      idx = base;
      break;
    }
    case CXCursor_UnaryOperator:
      if (clang_getCursorUnaryOperatorKind(nd->c) != CXUnaryOperator_Deref) return -1;
      *through = 1;
      idx = first_child(t, idx);
      break;
    default:
      return -1;
    }
  }
  return -1;
}

/* ---- tokens of the header ------------------------------------------------ */

static int tok_is(parcc_file_t *f, size_t t, const char *s) {
  return t < f->ntoks && strcmp(f->toks[t].text, s) == 0;
}

static char *text_between(parcc_file_t *f, size_t a, size_t b) {
  while (a < b && (f->buf[a] == ' ' || f->buf[a] == '\t' || f->buf[a] == '\n' || f->buf[a] == '\r'))
    a++;
  while (b > a && (f->buf[b - 1] == ' ' || f->buf[b - 1] == '\t' || f->buf[b - 1] == '\n' ||
                   f->buf[b - 1] == '\r'))
    b--;
  return parcc_strndup(f->buf + a, b - a);
}

/* Text of tokens [a, b). */
static char *tokens_text(parcc_file_t *f, size_t a, size_t b) {
  if (a >= b) return parcc_xstrdup("");
  return text_between(f, f->toks[a].off, f->toks[b - 1].end);
}

/* Does the token range [a, b) contain, at bracket depth 0, one of `ops`? */
static int has_toplevel(parcc_file_t *f, size_t a, size_t b, const char *const *ops) {
  int depth = 0;
  for (size_t t = a; t < b; t++) {
    const char *s = f->toks[t].text;
    if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{")) depth++;
    else if (!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}")) depth--;
    else if (depth == 0)
      for (int i = 0; ops[i]; i++)
        if (!strcmp(s, ops[i])) return 1;
  }
  return 0;
}

static int is_integer_kind(enum CXTypeKind k) {
  switch (k) {
  case CXType_Char_U: case CXType_UChar: case CXType_UShort: case CXType_UInt:
  case CXType_ULong: case CXType_ULongLong: case CXType_Char_S: case CXType_SChar:
  case CXType_Short: case CXType_Int: case CXType_Long: case CXType_LongLong:
    return 1;
  default:
    return 0;
  }
}

/* enum parrt_type of an arithmetic type, or -1. */
static int parrt_type_of(CXType t) {
  t = clang_getCanonicalType(t);
  if (t.kind == CXType_Enum) t = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(t)));
  switch (t.kind) {
  case CXType_Bool: return 0;
  case CXType_Char_S: case CXType_Char_U: return 1;
  case CXType_SChar: return 2;
  case CXType_UChar: return 3;
  case CXType_Short: return 4;
  case CXType_UShort: return 5;
  case CXType_Int: return 6;
  case CXType_UInt: return 7;
  case CXType_Long: return 8;
  case CXType_ULong: return 9;
  case CXType_LongLong: return 10;
  case CXType_ULongLong: return 11;
  case CXType_Float: return 12;
  case CXType_Double: return 13;
  case CXType_LongDouble: return 14;
  case CXType_Complex: {
    CXType e = clang_getCanonicalType(clang_getElementType(t));
    if (e.kind == CXType_Float) return 15;
    if (e.kind == CXType_Double) return 16;
    if (e.kind == CXType_LongDouble) return 17;
    return -1;
  }
  default: return -1;
  }
}

static CXType innermost_element(CXType t) {
  t = clang_getCanonicalType(t);
  while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
         t.kind == CXType_VariableArray || t.kind == CXType_Pointer) {
    t = t.kind == CXType_Pointer ? clang_getPointeeType(t) : clang_getArrayElementType(t);
    t = clang_getCanonicalType(t);
  }
  return t;
}

/* 1 if a type holds a pointer anywhere (in a struct or union, at any depth,
 * or an array of those); sets *field. A flexible array member is fine for a
 * firstprivate copy (its contents are not part of the value). */
static int type_has_pointer(CXType t, char *field, size_t fieldsz) {
  return parcc_value_problem(t, field, fieldsz) == 1;
}

static char *type_name(CXType t) {
  CXString s = clang_getTypeSpelling(t);
  char *r = parcc_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

/* ---- the analysis -------------------------------------------------------- */

typedef struct write {
  CXCursor decl;
  size_t off;
  int node;
  int through;
} write_t;

static parcc_var_t *find_var(parcc_loop_t *l, CXCursor decl) {
  for (int i = 0; i < l->nvars; i++)
    if (clang_equalCursors(l->vars[i].decl, decl)) return &l->vars[i];
  return NULL;
}

static parcc_var_t *find_var_by_name(parcc_loop_t *l, const char *name) {
  for (int i = 0; i < l->nvars; i++)
    if (!strcmp(l->vars[i].name, name)) return &l->vars[i];
  return NULL;
}

static parcc_var_t *add_var(parcc_loop_t *l, CXCursor decl) {
  l->vars = parcc_xrealloc(l->vars, (size_t)(l->nvars + 1) * sizeof *l->vars);
  parcc_var_t *v = &l->vars[l->nvars++];
  memset(v, 0, sizeof *v);
  v->decl = decl;
  CXString s = clang_getCursorSpelling(decl);
  v->name = parcc_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  v->type = clang_getCursorType(decl);
  CXType ct = clang_getCanonicalType(v->type);
  v->is_array = ct.kind == CXType_ConstantArray;
  for (CXType a = ct; a.kind == CXType_ConstantArray; a = clang_getCanonicalType(clang_getArrayElementType(a)))
    v->ndims++;
  /* A pointer, an array of unknown size (`double c[][8]` parameter, extern
   * `double a[]`) and a one-dimensional VLA all need a section with a length
   * and are indexed the same way: treat them alike. */
  /* An array parameter is a pointer, whatever its declared dimensions. */
  int is_parm_array = clang_getCursorKind(decl) == CXCursor_ParmDecl &&
                      (ct.kind == CXType_ConstantArray || ct.kind == CXType_VariableArray);
  if (is_parm_array) {
    v->is_array = 0;
    v->ndims = 0;
  }
  v->is_pointer = is_parm_array || ct.kind == CXType_Pointer || ct.kind == CXType_IncompleteArray ||
                  (ct.kind == CXType_VariableArray &&
                   clang_getCanonicalType(clang_getArrayElementType(ct)).kind != CXType_VariableArray);
  enum CXCursorKind pk = clang_getCursorKind(clang_getCursorSemanticParent(decl));
  v->is_global = clang_getCursorKind(decl) == CXCursor_VarDecl &&
                 (pk == CXCursor_TranslationUnit || clang_Cursor_hasVarDeclGlobalStorage(decl) == 1);
  v->ref_off = (size_t)-1;
  return v;
}

static size_t clause_item_off(parcc_loop_t *l, const parcc_item_t *it) {
  return parcc_pragma_file_off(l->p, it->off);
}

static int analyze_header(parcc_loop_t *l, tree_t *t) {
  parcc_file_t *f = l->f;
  size_t tf = parcc_token_at(f, l->for_off);
  if (!tok_is(f, tf, "for") || !tok_is(f, tf + 1, "(")) {
    parcc_error_at(f, l->for_off, NULL, "expected a for loop after '#pragma par distribute'");
    return -1;
  }
  size_t lp = tf + 1, semi1 = 0, semi2 = 0, rp = 0;
  int depth = 0;
  for (size_t k = lp; k < f->ntoks; k++) {
    const char *s = f->toks[k].text;
    if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{")) depth++;
    else if (!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}")) {
      if (--depth == 0) {
        rp = k;
        break;
      }
    } else if (depth == 1 && !strcmp(s, ";")) {
      if (!semi1) semi1 = k;
      else if (!semi2) semi2 = k;
    }
  }
  if (!rp || !semi1 || !semi2) {
    parcc_error_at(f, l->for_off, NULL, "cannot read the header of this for loop");
    return -1;
  }
  /* The body: the last child of the ForStmt, after `)`. */
  int body = last_child(t, 0);
  if (body < 0 || t->n[body].off < f->toks[rp].end) {
    parcc_error_at(f, l->for_off, NULL, "this for loop has no body");
    return -1;
  }
  l->body_off = t->n[body].off;
  l->body_end = t->n[body].end;
  if (t->n[body].kind != CXCursor_CompoundStmt) {
    /* A statement's extent stops before its ';' (and, when it ends in a
     * macro, at the macro's name): take the text up to the ';' that ends
     * it, unless it ends with a block. */
    size_t nt = parcc_token_at(f, l->body_end);
    int ends_block = nt > 0 && f->toks[nt - 1].end == l->body_end &&
                     (!strcmp(f->toks[nt - 1].text, "}") || !strcmp(f->toks[nt - 1].text, ";"));
    if (!ends_block) {
      int depth = 0;
      for (size_t k = nt; k < f->ntoks; k++) {
        const char *s = f->toks[k].text;
        if (!strcmp(s, "(") || !strcmp(s, "[") || !strcmp(s, "{")) depth++;
        else if (!strcmp(s, ")") || !strcmp(s, "]") || !strcmp(s, "}")) {
          if (--depth < 0) break;
        } else if (depth == 0 && !strcmp(s, ";")) {
          l->body_end = f->toks[k].end;
          break;
        }
      }
    }
  }
  l->end = l->body_end;
  unsigned line, col;
  const char *file;
  parcc_file_loc(f, l->body_off, &file, &line, &col);
  l->body_line = line;
  l->body_col = col;
  parcc_file_loc(f, l->for_off, &file, &l->for_line, &col);

  /* init */
  size_t init_a = lp + 1, init_b = semi1;
  if (init_a == init_b) {
    parcc_error_at(f, f->toks[semi1].off, "write 'for (int i = lb; ...)' or 'for (i = lb; ...)'",
                   "a distributed loop needs an initialization of its induction variable");
    return -1;
  }
  size_t eq = 0;
  depth = 0;
  for (size_t k = init_a; k < init_b; k++) {
    const char *s = f->toks[k].text;
    if (!strcmp(s, "(") || !strcmp(s, "[")) depth++;
    else if (!strcmp(s, ")") || !strcmp(s, "]")) depth--;
    else if (depth == 0 && !strcmp(s, ",")) {
      parcc_error_at(f, f->toks[k].off, NULL,
                     "a distributed loop must have exactly one induction variable");
      return -1;
    } else if (depth == 0 && !strcmp(s, "=") && !eq) eq = k;
  }
  if (!eq || eq == init_a || f->toks[eq - 1].kind != CXToken_Identifier) {
    parcc_error_at(f, f->toks[init_a].off, "write 'for (int i = lb; ...)' or 'for (i = lb; ...)'",
                   "loop initialization must assign the induction variable");
    return -1;
  }
  const char *iv = f->toks[eq - 1].text;
  l->lb = tokens_text(f, eq + 1, init_b);
  l->lb_off = eq + 1 < init_b ? f->toks[eq + 1].off : f->toks[eq].off;
  /* The cursor of the induction variable: a VarDecl in the init, or the
   * DeclRefExpr assigned there. */
  int found = 0;
  for (int i = 1; i < t->count && !found; i++) {
    parcc_node_t *nd = &t->n[i];
    if (nd->off < f->toks[init_a].off || nd->off >= f->toks[semi1].off) continue;
    if (nd->kind == CXCursor_VarDecl) {
      CXString s = clang_getCursorSpelling(nd->c);
      if (!strcmp(clang_getCString(s), iv)) {
        l->ivar = clang_getCanonicalCursor(nd->c);
        l->ivar_in_init = 1;
        found = 1;
      }
      clang_disposeString(s);
    } else if (nd->kind == CXCursor_DeclRefExpr) {
      CXString s = clang_getCursorSpelling(nd->c);
      if (!strcmp(clang_getCString(s), iv)) {
        l->ivar = canonical_ref(nd->c);
        found = 1;
      }
      clang_disposeString(s);
    }
  }
  if (!found) {
    parcc_error_at(f, f->toks[eq - 1].off, NULL, "cannot find the induction variable '%s'", iv);
    return -1;
  }
  l->ivar_name = parcc_xstrdup(iv);
  l->ivar_type = clang_getCursorType(l->ivar);
  CXType ct = clang_getCanonicalType(l->ivar_type);
  if (ct.kind == CXType_Enum) ct = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(ct)));
  if (!is_integer_kind(ct.kind)) {
    char *tn = type_name(l->ivar_type);
    parcc_error_at(f, f->toks[eq - 1].off, "use an integer type such as int, long or size_t",
                   "induction variable '%s' must have integer type, not '%s'", iv, tn);
    free(tn);
    return -1;
  }
  if (clang_isVolatileQualifiedType(l->ivar_type)) {
    parcc_error_at(f, f->toks[eq - 1].off, NULL, "induction variable '%s' must not be volatile", iv);
    return -1;
  }

  /* condition */
  size_t c_a = semi1 + 1, c_b = semi2;
  if (c_a == c_b) {
    parcc_error_at(f, f->toks[semi1].off, "a distributed loop needs a bound, e.g. 'i < n'",
                   "a distributed loop needs a loop condition");
    return -1;
  }
  size_t op = 0;
  depth = 0;
  int n_ops = 0;
  for (size_t k = c_a; k < c_b; k++) {
    const char *s = f->toks[k].text;
    if (!strcmp(s, "(") || !strcmp(s, "[")) depth++;
    else if (!strcmp(s, ")") || !strcmp(s, "]")) depth--;
    else if (depth == 0 && (!strcmp(s, "<") || !strcmp(s, "<=") || !strcmp(s, ">") || !strcmp(s, ">=") ||
                            !strcmp(s, "!=") || !strcmp(s, "==") || !strcmp(s, "&&") || !strcmp(s, "||"))) {
      if (!op) op = k;
      n_ops++;
    }
  }
  int left = op && op == c_a + 1 && !strcmp(f->toks[c_a].text, iv);
  int right = op && op + 2 == c_b && !strcmp(f->toks[op + 1].text, iv);
  const char *ops = op ? f->toks[op].text : "";
  if (!op || n_ops != 1 || (!left && !right) || !strcmp(ops, "==") || !strcmp(ops, "&&") ||
      !strcmp(ops, "||")) {
    parcc_error_at(f, f->toks[c_a].off, "write the test as 'i < ub', 'i <= ub', 'i > ub' or 'i >= ub'",
                   "loop condition must compare the induction variable '%s' with a bound", iv);
    return -1;
  }
  if (!strcmp(ops, "!=")) {
    parcc_error_at(f, f->toks[op].off, "use '<' or '>' instead of '!='",
                   "loop condition must use <, <=, > or >=");
    return -1;
  }
  int cmp = !strcmp(ops, "<") ? 1 : !strcmp(ops, "<=") ? 2 : !strcmp(ops, ">") ? 3 : 4;
  if (right) cmp = cmp == 1 ? 3 : cmp == 2 ? 4 : cmp == 3 ? 1 : 2;
  l->cmp = cmp;
  l->cond_off = f->toks[semi1].end;
  l->inc_off = f->toks[semi2].end;
  l->ub = left ? tokens_text(f, op + 1, c_b) : tokens_text(f, c_a, op);
  l->ub_off = left ? f->toks[op + 1].off : f->toks[c_a].off;

  /* increment */
  size_t i_a = semi2 + 1, i_b = rp;
  size_t n = i_b - i_a;
  int ok = 0, dir = 0; /* dir: +1 / -1 for ++ / --, 0 for an expression */
  if (n == 2 && ((!strcmp(f->toks[i_a].text, iv) && tok_is(f, i_a + 1, "++")) ||
                 (tok_is(f, i_a, "++") && !strcmp(f->toks[i_a + 1].text, iv)))) {
    ok = 1;
    dir = 1;
  } else if (n == 2 && ((!strcmp(f->toks[i_a].text, iv) && tok_is(f, i_a + 1, "--")) ||
                        (tok_is(f, i_a, "--") && !strcmp(f->toks[i_a + 1].text, iv)))) {
    ok = 1;
    dir = -1;
  } else if (n >= 3 && !strcmp(f->toks[i_a].text, iv) &&
             (tok_is(f, i_a + 1, "+=") || tok_is(f, i_a + 1, "-="))) {
    static const char *const bad[] = {",", "=", NULL};
    if (!has_toplevel(f, i_a + 2, i_b, bad)) {
      ok = 1;
      l->step = tokens_text(f, i_a + 2, i_b);
      l->step_off = f->toks[i_a + 2].off;
      l->step_neg = tok_is(f, i_a + 1, "-=");
    }
  } else if (n >= 5 && !strcmp(f->toks[i_a].text, iv) && tok_is(f, i_a + 1, "=")) {
    static const char *const low_plus[] = {"<<", ">>", "<", ">", "<=", ">=", "==", "!=", "&", "^", "|",
                                           "&&", "||", "?", ":", "=", ",", NULL};
    static const char *const low_minus[] = {"+", "-", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "&",
                                            "^", "|", "&&", "||", "?", ":", "=", ",", NULL};
    if (!strcmp(f->toks[i_a + 2].text, iv) && (tok_is(f, i_a + 3, "+") || tok_is(f, i_a + 3, "-"))) {
      int minus = tok_is(f, i_a + 3, "-");
      if (!has_toplevel(f, i_a + 4, i_b, minus ? low_minus : low_plus)) {
        ok = 1;
        l->step = tokens_text(f, i_a + 4, i_b);
        l->step_off = f->toks[i_a + 4].off;
        l->step_neg = minus;
      }
    } else if (!strcmp(f->toks[i_b - 1].text, iv) && tok_is(f, i_b - 2, "+") &&
               !has_toplevel(f, i_a + 2, i_b - 2, low_minus)) {
      ok = 1;
      l->step = tokens_text(f, i_a + 2, i_b - 2);
      l->step_off = f->toks[i_a + 2].off;
    }
  }
  if (!ok) {
    size_t at = i_a < i_b ? f->toks[i_a].off : f->toks[semi2].off;
    parcc_error_at(f, at, "write i++, ++i, i--, --i, i += c, i -= c or i = i + c",
                   "loop increment must step the induction variable '%s' by a loop-invariant amount", iv);
    return -1;
  }
  if (!dir && l->step) {
    /* A literal step: check its direction now rather than at run time. */
    const char *q = l->step;
    int neg = 0;
    while (*q == '(' || *q == ' ' || *q == '-' || *q == '+') {
      if (*q == '-') neg = !neg;
      q++;
    }
    char *endp;
    unsigned long long v = strtoull(q, &endp, 0);
    while (*endp == 'u' || *endp == 'U' || *endp == 'l' || *endp == 'L' || *endp == ')' || *endp == ' ') endp++;
    if (endp != q && *endp == 0) {
      if (v == 0) {
        parcc_error_at(f, l->step_off, NULL, "the loop step is zero: the loop would not end");
        return -1;
      }
      dir = (neg != l->step_neg) ? -1 : 1;
      if ((dir > 0) != (cmp <= 2)) {
        parcc_error_at(f, f->toks[i_a].off, NULL,
                       "loop condition and increment go in opposite directions: the loop would not end");
        return -1;
      }
      dir = 0; /* the step stays an expression */
    }
  }
  if (dir) {
    l->step_neg = dir < 0;
    int up = cmp <= 2;
    if ((dir > 0) != up) {
      parcc_error_at(f, f->toks[i_a].off, NULL,
                     "loop condition and increment go in opposite directions: the loop would not end");
      return -1;
    }
  }
  return 0;
}

/* Checks break/goto/return in the body. */
static void check_jumps(parcc_loop_t *l, tree_t *t, int body) {
  parcc_file_t *f = l->f;
  for (int i = body; i < t->count; i++) {
    if (i != body && !is_ancestor(t, body, i)) continue;
    parcc_node_t *nd = &t->n[i];
    if (nd->kind == CXCursor_ReturnStmt) {
      parcc_error_at(f, nd->off, "a distributed loop runs its iterations as independent tasks",
                     "'return' inside a distributed loop");
    } else if (nd->kind == CXCursor_BreakStmt) {
      int inside = 0;
      for (int p = nd->parent; p >= 0 && p != 0; p = t->n[p].parent) {
        enum CXCursorKind k = t->n[p].kind;
        if (k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt ||
            k == CXCursor_SwitchStmt) {
          inside = 1;
          break;
        }
      }
      if (!inside)
        parcc_error_at(f, nd->off, "use 'continue' to skip the rest of an iteration",
                       "'break' would leave the distributed loop");
    } else if (nd->kind == CXCursor_GotoStmt) {
      int c = first_child(t, i);
      CXCursor label = c >= 0 ? clang_getCursorReferenced(t->n[c].c) : clang_getNullCursor();
      size_t lo, le;
      if (clang_Cursor_isNull(label) || !parcc_cursor_offsets(f, label, &lo, &le) || lo < l->body_off ||
          lo >= l->body_end)
        parcc_error_at(f, nd->off, NULL, "'goto' would leave the distributed loop");
    } else if (nd->kind == CXCursor_IndirectGotoStmt) {
      parcc_error_at(f, nd->off, NULL, "computed 'goto' inside a distributed loop");
    }
  }
}

static const char *clause_list_name(enum parcc_clause_kind k) { return parcc_clause_name(k); }

static int parse_int_token(const char *s, long long *v) {
  char *e;
  long long x = strtoll(s, &e, 0);
  while (*e == 'u' || *e == 'U' || *e == 'l' || *e == 'L') e++;
  if (e == s || *e) return 0;
  *v = x;
  return 1;
}

/* Is the index in [off, end) `i`, `i + K`, `i - K` or `K + i` (K a literal)? */
static int index_offset(parcc_loop_t *l, size_t off, size_t end, long long *k) {
  parcc_file_t *f = l->f;
  size_t a = parcc_token_at(f, off), b = a;
  while (b < f->ntoks && f->toks[b].end <= end) b++;
  while (b > a + 2 && !strcmp(f->toks[a].text, "(") && !strcmp(f->toks[b - 1].text, ")")) {
    a++;
    b--;
  }
  const char *iv = l->ivar_name;
  if (b - a == 1 && !strcmp(f->toks[a].text, iv)) {
    *k = 0;
    return 1;
  }
  if (b - a != 3) return 0;
  const char *x = f->toks[a].text, *op = f->toks[a + 1].text, *y = f->toks[a + 2].text;
  long long v;
  if (!strcmp(x, iv) && (!strcmp(op, "+") || !strcmp(op, "-")) && parse_int_token(y, &v)) {
    *k = !strcmp(op, "+") ? v : -v;
    return 1;
  }
  if (!strcmp(y, iv) && !strcmp(op, "+") && parse_int_token(x, &v)) {
    *k = v;
    return 1;
  }
  return 0;
}

/* Whether a token is an identifier or an integer literal. */
static int simple_operand(const char *s) {
  long long v;
  if (parse_int_token(s, &v)) return v > 0;
  if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return 0;
  for (const char *c = s; *c; c++)
    if (!(*c == '_' || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
      return 0;
  return 1;
}

/* Tokens [a, b) of the text [off, end). */
static void token_span(parcc_file_t *f, size_t off, size_t end, size_t *a, size_t *b) {
  *a = parcc_token_at(f, off);
  *b = *a;
  while (*b < f->ntoks && f->toks[*b].end <= end) (*b)++;
}

/* Whether node `fo` (a for statement) is `for (x = 0; x < S; x++)` (or
 * `T x = 0`, `++x`, `x += 1`), its header writing x and its body not: then
 * x runs over [0, S). */
static int for_over_row(parcc_loop_t *l, const tree_t *t, int fo, const char *x, const char *S) {
  parcc_file_t *f = l->f;
  size_t a, b;
  token_span(f, t->n[fo].off, t->n[fo].end, &a, &b);
  /* for ( [T...] x = 0 ; x < S ; x ++ ) */
  size_t i = a;
  if (b - a < 12 || strcmp(f->toks[i].text, "for") || strcmp(f->toks[i + 1].text, "(")) return 0;
  i += 2;
  while (i < b && strcmp(f->toks[i].text, x) && strcmp(f->toks[i].text, ";")) i++; /* a type */
  if (i + 10 > b || strcmp(f->toks[i].text, x) || strcmp(f->toks[i + 1].text, "=") ||
      strcmp(f->toks[i + 2].text, "0") || strcmp(f->toks[i + 3].text, ";") ||
      strcmp(f->toks[i + 4].text, x) || strcmp(f->toks[i + 5].text, "<") ||
      strcmp(f->toks[i + 6].text, S) || strcmp(f->toks[i + 7].text, ";"))
    return 0;
  i += 8;
  size_t body_tok;
  if (!strcmp(f->toks[i].text, x) && !strcmp(f->toks[i + 1].text, "++") &&
      !strcmp(f->toks[i + 2].text, ")"))
    body_tok = i + 3;
  else if (!strcmp(f->toks[i].text, "++") && !strcmp(f->toks[i + 1].text, x) &&
           !strcmp(f->toks[i + 2].text, ")"))
    body_tok = i + 3;
  else if (i + 4 <= b && !strcmp(f->toks[i].text, x) && !strcmp(f->toks[i + 1].text, "+=") &&
           !strcmp(f->toks[i + 2].text, "1") && !strcmp(f->toks[i + 3].text, ")"))
    body_tok = i + 4;
  else
    return 0;
  /* the body does not assign x, nor S when S is a name */
  for (size_t k = body_tok; k + 1 < b; k++) {
    const char *tk = f->toks[k].text, *nx = f->toks[k + 1].text;
    int name = !strcmp(tk, x) || !strcmp(tk, S);
    if (name && (!strcmp(nx, "=") || !strcmp(nx, "++") || !strcmp(nx, "--") ||
                 (strlen(nx) == 2 && nx[1] == '=' && strchr("+-*/%&|^", nx[0]))))
      return 0;
    if ((!strcmp(tk, "++") || !strcmp(tk, "--") || !strcmp(tk, "&")) &&
        (!strcmp(nx, x) || !strcmp(nx, S)))
      return 0;
  }
  return 1;
}

/* An index `iv * S + x` (or `S * iv + x`, `x + iv * S`, `x + S * iv`)
 * where x is the variable of an enclosing inner loop over [0, S): the
 * access touches row iv of a row-major matrix of S columns. Sets *row to S's
 * token. `acc` is the subscript node. */
static int row_index(parcc_loop_t *l, const tree_t *t, int body, int acc, size_t off, size_t end,
                     const char **row) {
  parcc_file_t *f = l->f;
  size_t a, b;
  token_span(f, off, end, &a, &b);
  while (b > a + 2 && !strcmp(f->toks[a].text, "(") && !strcmp(f->toks[b - 1].text, ")")) a++, b--;
  if (b - a != 5) return 0;
  const char *iv = l->ivar_name;
  const char *tk[5];
  for (int i = 0; i < 5; i++) tk[i] = f->toks[a + (size_t)i].text;
  const char *S = NULL, *x = NULL;
  /* P * Q + x   or   x + P * Q */
  if (!strcmp(tk[1], "*") && !strcmp(tk[3], "+")) {
    x = tk[4];
    S = !strcmp(tk[0], iv) ? tk[2] : !strcmp(tk[2], iv) ? tk[0] : NULL;
  } else if (!strcmp(tk[1], "+") && !strcmp(tk[3], "*")) {
    x = tk[0];
    S = !strcmp(tk[2], iv) ? tk[4] : !strcmp(tk[4], iv) ? tk[2] : NULL;
  }
  if (!S || !x || !strcmp(S, iv) || !strcmp(x, iv) || !strcmp(x, S) || !simple_operand(S) ||
      !simple_operand(x))
    return 0;
  long long lit;
  if (parse_int_token(x, &lit)) return 0;
  /* S must not change during the loop: a name the body never assigns */
  for (int vi = 0; vi < l->nvars; vi++)
    if (!strcmp(l->vars[vi].name, S) && (l->vars[vi].written || l->vars[vi].role != PARCC_ROLE_FIRSTPRIVATE))
      return 0;
  (void)body;
  for (int a2 = t->n[acc].parent; a2 > 0; a2 = t->n[a2].parent) /* node 0: the distributed loop */
    if (t->n[a2].kind == CXCursor_ForStmt && for_over_row(l, t, a2, x, S)) {
      *row = S;
      return 1;
    }
  return 0;
}

/* A parameter or local of the function named `name`, or a null cursor. */
static CXCursor find_local_decl(parcc_file_t *f, parcc_func_t *fn, const char *name) {
  parcc_node_t *nodes;
  int n = parcc_collect_nodes(f, fn->c, &nodes);
  CXCursor r = clang_getNullCursor();
  for (int i = 0; i < n; i++) {
    if (nodes[i].kind != CXCursor_ParmDecl && nodes[i].kind != CXCursor_VarDecl) continue;
    CXString s = clang_getCursorSpelling(nodes[i].c);
    if (!strcmp(clang_getCString(s), name)) r = clang_getCanonicalCursor(nodes[i].c);
    clang_disposeString(s);
    if (!clang_Cursor_isNull(r)) break;
  }
  free(nodes);
  return r;
}

int parcc_loop_analyze(parcc_file_t *f, parcc_pragma_site_t *p, CXCursor for_c, parcc_func_t *fn,
                       parcc_loop_t *l) {
  memset(l, 0, sizeof *l);
  l->f = f;
  l->p = p;
  l->func = fn;
  l->for_c = for_c;
  size_t e;
  parcc_cursor_offsets(f, for_c, &l->for_off, &e);
  snprintf(l->ident, sizeof l->ident, "%s_%u", fn->name, p->line);
  int errors0 = f->diag.nerrors;

  tree_t t;
  t.count = parcc_collect_nodes(f, for_c, &t.n);
  if (analyze_header(l, &t) != 0) goto fail;
  int body = last_child(&t, 0);
  check_jumps(l, &t, body);

  /* Clauses that are not about variables. */
  for (int i = 0; i < p->ast.nclauses; i++) {
    const parcc_clause_t *c = &p->ast.clauses[i];
    if (c->kind == PARCC_CL_SCHEDULE) {
      l->sched = c->sched;
      l->sched_chunk = c->sched_chunk.text;
    } else if (c->kind == PARCC_CL_IF) {
      l->if_expr = c->arg.text;
    } else if (c->kind == PARCC_CL_NOWAIT) {
      l->nowait = 1;
    } else if (c->kind == PARCC_CL_CACHE) {
      l->cache = 1;
      l->cache_dir = c->cache_dir;
    } else if (c->kind == PARCC_CL_RETRIES) {
      l->retries = c->arg.text;
    } else if (c->kind == PARCC_CL_TIMEOUT) {
      l->timeout = c->arg.text;
    }
  }

  /* Writes anywhere in the loop (header included: the bound check needs it). */
  write_t *writes = NULL;
  int nwrites = 0;
  for (int i = 1; i < t.count; i++) {
    parcc_node_t *nd = &t.n[i];
    int target = -1, addr = 0;
    if (nd->kind == CXCursor_BinaryOperator) {
      if (clang_getCursorBinaryOperatorKind(nd->c) == CXBinaryOperator_Assign) target = first_child(&t, i);
    } else if (nd->kind == CXCursor_CompoundAssignOperator) {
      target = first_child(&t, i);
    } else if (nd->kind == CXCursor_UnaryOperator) {
      enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(nd->c);
      if (k == CXUnaryOperator_PostInc || k == CXUnaryOperator_PostDec || k == CXUnaryOperator_PreInc ||
          k == CXUnaryOperator_PreDec)
        target = first_child(&t, i);
      else if (k == CXUnaryOperator_AddrOf) {
        target = first_child(&t, i);
        addr = 1;
      }
    } else if (nd->kind == CXCursor_CallExpr) {
      /* Arrays and pointers passed to a call may be written through. */
      for (int a = i + 1; a < t.count; a++) {
        if (t.n[a].parent != i || a == first_child(&t, i)) continue;
        int through = 0, r = lvalue_root(&t, a, &through);
        if (r < 0) continue;
        CXType at = clang_getCanonicalType(clang_getCursorType(t.n[a].c));
        if (at.kind != CXType_Pointer) continue;
        if (clang_isConstQualifiedType(clang_getPointeeType(at))) continue;
        writes = parcc_xrealloc(writes, (size_t)(nwrites + 1) * sizeof *writes);
        writes[nwrites++] = (write_t){canonical_ref(t.n[r].c), t.n[r].off, r, 1};
      }
      continue;
    }
    if (target < 0) continue;
    int through = 0;
    int r = lvalue_root(&t, target, &through);
    if (r < 0) continue;
    if (addr && !through) {
      /* &x: a write unless it only reaches a pointer to const. */
      int par = nd->parent;
      while (par > 0 && t.n[par].kind == CXCursor_ParenExpr) par = t.n[par].parent;
      if (par > 0 && t.n[par].kind == CXCursor_UnexposedExpr) {
        CXType pt = clang_getCanonicalType(clang_getCursorType(t.n[par].c));
        if (pt.kind == CXType_Pointer && clang_isConstQualifiedType(clang_getPointeeType(pt))) continue;
      }
      CXType vt = clang_getCanonicalType(clang_getCursorType(t.n[r].c));
      if (vt.kind == CXType_ConstantArray) through = 1; /* &a: the elements */
    }
    writes = parcc_xrealloc(writes, (size_t)(nwrites + 1) * sizeof *writes);
    writes[nwrites++] = (write_t){canonical_ref(t.n[r].c), t.n[r].off, r, through};
  }

  /* The induction variable must not be written in the body; the bound and
   * step must not change. */
  for (int w = 0; w < nwrites; w++) {
    if (writes[w].through || writes[w].off < l->body_off || writes[w].off >= l->body_end) continue;
    if (clang_equalCursors(writes[w].decl, l->ivar))
      parcc_error_at(f, writes[w].off, NULL,
                     "the induction variable '%s' must not be modified in the loop body", l->ivar_name);
  }
  for (int i = 1; i < t.count; i++) {
    parcc_node_t *nd = &t.n[i];
    if (nd->kind != CXCursor_DeclRefExpr || nd->off < l->cond_off || nd->off >= l->body_off) continue;
    int in_step = nd->off >= l->inc_off;
    CXCursor d = canonical_ref(nd->c);
    if (clang_equalCursors(d, l->ivar)) continue;
    for (int w = 0; w < nwrites; w++)
      if (!writes[w].through && writes[w].off >= l->body_off && writes[w].off < l->body_end &&
          clang_equalCursors(writes[w].decl, d)) {
        CXString s = clang_getCursorSpelling(d);
        parcc_error_at(f, writes[w].off, "the bound and the step are evaluated once, before the loop",
                       "'%s' is used in the loop %s and modified in its body", clang_getCString(s),
                       in_step ? "step" : "bound");
        clang_disposeString(s);
        break;
      }
  }

  /* Variables the body uses but does not declare. */
  for (int i = body; i < t.count; i++) {
    if (i != body && !is_ancestor(&t, body, i)) continue;
    parcc_node_t *nd = &t.n[i];
    if (nd->kind != CXCursor_DeclRefExpr) continue;
    CXCursor d = canonical_ref(nd->c);
    enum CXCursorKind dk = clang_getCursorKind(d);
    if (dk != CXCursor_VarDecl && dk != CXCursor_ParmDecl) continue;
    if (clang_equalCursors(d, l->ivar)) continue;
    size_t doff, dend;
    if (parcc_cursor_offsets(f, d, &doff, &dend) && doff >= l->for_off && doff < l->end) continue;
    /* stderr, errno, environ...: every process has its own; use them as they are. */
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(d))) continue;
    parcc_var_t *v = find_var(l, d);
    if (!v) v = add_var(l, d);
    v->referenced = 1;
    if (nd->off < v->ref_off) v->ref_off = nd->off;
  }
  for (int w = 0; w < nwrites; w++) {
    if (writes[w].off < l->body_off || writes[w].off >= l->body_end) continue;
    parcc_var_t *v = find_var(l, writes[w].decl);
    if (!v) continue;
    if (writes[w].through) v->written_through = 1;
    else v->written = 1;
  }
  /* Inner loop counters declared outside (`int i, j, k;` at the top): if
   * every write is in the header of an inner for loop and no use comes
   * before the first of those loops, each chunk gets its own copy. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (!v->written || v->is_array) continue;
    int all_in_header = 1;
    size_t first_loop = (size_t)-1;
    for (int w = 0; w < nwrites && all_in_header; w++) {
      if (writes[w].through || !clang_equalCursors(writes[w].decl, v->decl)) continue;
      if (writes[w].off < l->body_off || writes[w].off >= l->body_end) continue;
      int in_header = 0;
      for (int a = t.n[writes[w].node].parent; a > 0; a = t.n[a].parent) {
        if (t.n[a].kind != CXCursor_ForStmt) continue;
        int fb = last_child(&t, a);
        if (fb >= 0 && writes[w].off < t.n[fb].off) {
          in_header = 1;
          if (t.n[a].off < first_loop) first_loop = t.n[a].off;
        }
        break;
      }
      if (!in_header) all_in_header = 0;
    }
    if (all_in_header && first_loop != (size_t)-1 && v->ref_off >= first_loop) v->auto_private = 1;
  }
  free(writes);

  /* Clause items. */
  for (int ci = 0; ci < p->ast.nclauses; ci++) {
    const parcc_clause_t *c = &p->ast.clauses[ci];
    if (c->kind != PARCC_CL_MAP && c->kind != PARCC_CL_REDUCTION && c->kind != PARCC_CL_PRIVATE &&
        c->kind != PARCC_CL_FIRSTPRIVATE && c->kind != PARCC_CL_LASTPRIVATE)
      continue;
    for (int ii = 0; ii < c->nitems; ii++) {
      const parcc_item_t *it = &c->items[ii];
      size_t at = clause_item_off(l, it);
      if (!strcmp(it->name, l->ivar_name)) {
        if (c->kind == PARCC_CL_PRIVATE || c->kind == PARCC_CL_LASTPRIVATE) continue;
        parcc_error_at(f, at, NULL, "the induction variable '%s' cannot appear in '%s'", it->name,
                       clause_list_name(c->kind));
        continue;
      }
      parcc_var_t *v = find_var_by_name(l, it->name);
      if (!v) {
        if (c->kind == PARCC_CL_PRIVATE || c->kind == PARCC_CL_FIRSTPRIVATE || c->kind == PARCC_CL_LASTPRIVATE)
          continue; /* not used in the body: nothing to do */
        if (c->kind == PARCC_CL_REDUCTION) {
          parcc_error_at(f, at, NULL, "reduction variable '%s' is not used in the loop body", it->name);
          continue;
        }
        /* A map of data the body does not name (used by called functions):
         * moved, but not declared in the chunk. */
        l->vars = parcc_xrealloc(l->vars, (size_t)(l->nvars + 1) * sizeof *l->vars);
        v = &l->vars[l->nvars++];
        memset(v, 0, sizeof *v);
        v->name = parcc_xstrdup(it->name);
        v->decl = clang_getNullCursor();
        v->is_pointer = 1; /* unknown: treated as a section of a pointer */
        v->ref_off = at;
      }
      if (v->role && !(v->role == PARCC_ROLE_FIRSTPRIVATE && c->kind == PARCC_CL_LASTPRIVATE && v->firstprivate) &&
          !(v->role == PARCC_ROLE_LASTPRIVATE && c->kind == PARCC_CL_FIRSTPRIVATE)) {
        parcc_error_at(f, at, NULL, "'%s' appears in more than one data clause", it->name);
        continue;
      }
      v->item = it;
      switch (c->kind) {
      case PARCC_CL_PRIVATE:
        v->role = PARCC_ROLE_PRIVATE;
        break;
      case PARCC_CL_FIRSTPRIVATE:
        if (v->role == PARCC_ROLE_LASTPRIVATE) v->firstprivate = 1;
        else {
          v->role = PARCC_ROLE_FIRSTPRIVATE;
          v->firstprivate = 1;
        }
        break;
      case PARCC_CL_LASTPRIVATE:
        v->role = PARCC_ROLE_LASTPRIVATE;
        v->lastprivate = 1;
        break;
      case PARCC_CL_REDUCTION:
        v->role = PARCC_ROLE_REDUCTION;
        v->red_op = c->red_op;
        break;
      case PARCC_CL_MAP:
        v->role = PARCC_ROLE_MAP;
        v->map_kind = c->map_kind;
        break;
      default:
        break;
      }
      if (c->kind != PARCC_CL_MAP && c->kind != PARCC_CL_REDUCTION && it->ndims) {
        parcc_error_at(f, at, NULL, "'%s' takes whole variables, not array sections",
                       clause_list_name(c->kind));
        continue;
      }
      CXType ct = clang_Cursor_isNull(v->decl) ? (CXType){0} : clang_getCanonicalType(v->type);
      if (c->kind == PARCC_CL_MAP && !clang_Cursor_isNull(v->decl)) {
        if (ct.kind == CXType_VariableArray && !v->is_pointer) {
          parcc_error_at(f, at, "allocate it with malloc and map a section: map(tofrom: p[0:n])",
                         "variable-length array '%s' has more than one variable dimension and cannot be mapped", it->name);
          continue;
        }
        if (!v->is_pointer && !v->is_array) {
          parcc_error_at(f, at, "scalars and structs are copied into every task without a clause",
                         "'%s' is not a pointer or an array and cannot be mapped", it->name);
          continue;
        }
        if (ct.kind == CXType_Pointer && clang_getCanonicalType(clang_getPointeeType(ct)).kind == CXType_FunctionProto) {
          parcc_error_at(f, at, NULL, "'%s' is a function pointer and cannot be mapped", it->name);
          continue;
        }
        if (v->is_pointer && (it->ndims == 0 || !it->dims[0].len.text)) {
          char hint[256];
          snprintf(hint, sizeof hint, "give the elements to move, e.g. map(%s: %s[0:n])",
                   c->map_kind == PARCC_MAP_TO ? "to" : c->map_kind == PARCC_MAP_FROM ? "from"
                   : c->map_kind == PARCC_MAP_ALLOC ? "alloc" : "tofrom", it->name);
          parcc_error_at(f, at, hint, "pointer '%s' needs an array section with a length", it->name);
          continue;
        }
        int maxdims = v->is_array ? v->ndims : 1;
        if (v->is_pointer) {
          CXType pt = clang_getCanonicalType(ct.kind == CXType_Pointer ? clang_getPointeeType(ct)
                                                                      : clang_getArrayElementType(ct));
          while (pt.kind == CXType_ConstantArray) {
            maxdims++;
            pt = clang_getCanonicalType(clang_getArrayElementType(pt));
          }
        }
        if (it->ndims > maxdims) {
          parcc_error_at(f, at, NULL, "array section of '%s' has %d dimensions; '%s' has %d", it->name,
                         it->ndims, it->name, maxdims);
          continue;
        }
        for (int d = 1; d < it->ndims; d++)
          if (it->dims[d].is_index) {
            parcc_error_at(f, at, "map whole rows: name[lo:len][0:N]",
                           "only the first dimension of '%s' can be cut", it->name);
            break;
          }
      }
      if (c->kind == PARCC_CL_REDUCTION) {
        CXType et = v->is_array || v->is_pointer ? innermost_element(v->type) : ct;
        int rt = parrt_type_of(et);
        if (v->is_pointer && it->ndims != 1) {
          parcc_error_at(f, at, "reduce a section: reduction(+: p[0:n])",
                         "reduction over pointer '%s' needs a one-dimensional array section", it->name);
          continue;
        }
        if (v->is_pointer && !it->dims[0].len.text) {
          parcc_error_at(f, at, NULL, "reduction section of '%s' needs a length", it->name);
          continue;
        }
        if (v->is_array && it->ndims > 1) {
          parcc_error_at(f, at, NULL, "reduction sections of '%s' must be one-dimensional", it->name);
          continue;
        }
        if (rt < 0) {
          char *tn = type_name(v->type);
          parcc_error_at(f, at, NULL, "reduction variable '%s' must have arithmetic type, not '%s'",
                         it->name, tn);
          free(tn);
          continue;
        }
        int is_float = rt >= 12, is_complex = rt >= 15;
        enum parcc_red_op o = c->red_op;
        if (is_float && (o == PARCC_RED_BAND || o == PARCC_RED_BOR || o == PARCC_RED_BXOR)) {
          parcc_error_at(f, at, NULL, "reduction operator '%s' needs an integer variable; '%s' is floating",
                         parcc_red_op_spelling(o), it->name);
          continue;
        }
        if (is_complex && (o == PARCC_RED_MIN || o == PARCC_RED_MAX)) {
          parcc_error_at(f, at, NULL, "reduction operator '%s' is not defined for complex '%s'",
                         parcc_red_op_spelling(o), it->name);
          continue;
        }
        if (clang_isConstQualifiedType(et) || (!v->is_array && !v->is_pointer && clang_isConstQualifiedType(v->type))) {
          parcc_error_at(f, at, NULL, "reduction variable '%s' is const", it->name);
          continue;
        }
        v->red_type = rt;
      }
      if ((c->kind == PARCC_CL_PRIVATE || c->kind == PARCC_CL_LASTPRIVATE ||
           c->kind == PARCC_CL_FIRSTPRIVATE) && ct.kind == CXType_VariableArray) {
        parcc_error_at(f, at, NULL, "variable-length array '%s' cannot be private yet", it->name);
      }
    }
  }

  /* Implicit roles. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (v->role || clang_Cursor_isNull(v->decl)) continue;
    CXType ct = clang_getCanonicalType(v->type);
    if (v->auto_private) {
      v->role = PARCC_ROLE_PRIVATE;
      continue;
    }
    if (ct.kind == CXType_VariableArray) {
      char hint[256];
      if (v->is_pointer)
        snprintf(hint, sizeof hint, "add map(%s: %s[0:n]) to the pragma, with its length",
                 v->written_through || v->written ? "tofrom" : "to", v->name);
      else
        snprintf(hint, sizeof hint, "allocate it with malloc and map a section: map(tofrom: p[0:n])");
      parcc_error_at(f, v->ref_off, hint, "variable-length array '%s' is used in the loop but not mapped", v->name);
      continue;
    }
    if (v->is_pointer) {
      CXType pt = clang_getCanonicalType(ct.kind == CXType_Pointer ? clang_getPointeeType(ct) : clang_getArrayElementType(ct));
      if (pt.kind == CXType_FunctionProto || pt.kind == CXType_FunctionNoProto) {
        if (v->written) {
          parcc_error_at(f, v->ref_off, NULL, "function pointer '%s' is modified in the loop", v->name);
          continue;
        }
        /* A function pointer is meaningful in every process of the same
         * binary only without ASLR differences; refuse it clearly. */
        parcc_error_at(f, v->ref_off, "call the function by name inside the loop",
                       "function pointer '%s' cannot be copied into a distributed task", v->name);
        continue;
      }
      char hint[256];
      snprintf(hint, sizeof hint, "add map(%s: %s[0:n]) to the pragma, with the number of elements the loop uses",
               v->written_through ? "tofrom" : "to", v->name);
      parcc_error_at(f, v->ref_off, hint, "pointer '%s' is used in the loop but not mapped", v->name);
      continue;
    }
    if (v->is_array) {
      v->role = PARCC_ROLE_MAP;
      v->map_implicit = 1;
      v->map_kind = v->written_through || v->written ? PARCC_MAP_TOFROM : PARCC_MAP_TO;
      continue;
    }
    if (v->written) {
      char hint[256];
      snprintf(hint, sizeof hint,
               "add private(%s), lastprivate(%s), or reduction(+: %s) if the loop accumulates into it; "
               "or declare it inside the loop", v->name, v->name, v->name);
      if (v->is_global)
        parcc_error_at(f, v->ref_off, hint, "the loop writes %s variable '%s', which is not private or mapped",
                       clang_getCursorKind(clang_getCursorSemanticParent(v->decl)) == CXCursor_TranslationUnit ? "global" : "static",
                       v->name);
      else
        parcc_error_at(f, v->ref_off, hint, "'%s' is written in the loop body but is not private, lastprivate or a reduction", v->name);
      continue;
    }
    char field[128] = "";
    if (type_has_pointer(v->type, field, sizeof field)) {
      parcc_error_at(f, v->ref_off, "pass the fields the loop needs as separate variables and map the pointers",
                     "'%s' holds a pointer ('%s') and cannot be copied into a distributed task", v->name,
                     field[0] ? field : v->name);
      continue;
    }
    v->role = PARCC_ROLE_FIRSTPRIVATE;
    v->firstprivate = 1;
  }
  /* Explicit firstprivate/lastprivate of something holding a pointer. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (!v->firstprivate || !v->item || clang_Cursor_isNull(v->decl)) continue;
    char field[128] = "";
    if (v->is_pointer || type_has_pointer(v->type, field, sizeof field))
      parcc_error_at(f, clause_item_off(l, v->item), "map the data it points to instead",
                     "firstprivate '%s' holds a pointer, which would not be valid on another machine", v->name);
  }
  /* Types declared inside the function cannot be named by the outlined code. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (!v->role || clang_Cursor_isNull(v->decl) || v->role == PARCC_ROLE_MAP || v->role == PARCC_ROLE_REDUCTION)
      continue;
    const char *why = NULL;
    char *d = parcc_declarator(v->type, v->name, 0, &why);
    if (!d)
      parcc_error_at(f, v->ref_off, "move the type's declaration to file scope", "the type of '%s' %s",
                     v->name, why ? why : "cannot be named outside its function");
    free(d);
  }

  /* Slices: a mapped variable indexed only as v[i + k] (k a literal) lets a
   * remote chunk ship just the elements its iterations touch. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (v->role != PARCC_ROLE_MAP || !v->referenced || clang_Cursor_isNull(v->decl)) continue;
    int uses = 0, ok = 1, rows = 0;
    long long lo = 0, hi = 0;
    const char *row_s = NULL;
    for (int i = body; i < t.count && ok; i++) {
      if (i != body && !is_ancestor(&t, body, i)) continue;
      if (t.n[i].kind != CXCursor_DeclRefExpr || !clang_equalCursors(canonical_ref(t.n[i].c), v->decl)) continue;
      int par = t.n[i].parent, child = i;
      while (par > 0 && (t.n[par].kind == CXCursor_UnexposedExpr || t.n[par].kind == CXCursor_ParenExpr)) {
        child = par;
        par = t.n[par].parent;
      }
      if (par <= 0 || t.n[par].kind != CXCursor_ArraySubscriptExpr || first_child(&t, par) != child) {
        ok = 0;
        break;
      }
      int idx = last_child(&t, par);
      long long k;
      const char *rs;
      if (idx >= 0 && t.n[idx].in_main && !v->is_array &&
          row_index(l, &t, body, par, t.n[idx].off, t.n[idx].end, &rs) &&
          (!row_s || !strcmp(row_s, rs))) {
        row_s = rs;
        rows++;
        uses++;
        continue;
      }
      if (idx < 0 || !t.n[idx].in_main || !index_offset(l, t.n[idx].off, t.n[idx].end, &k)) {
        ok = 0;
        break;
      }
      if (!uses || k < lo) lo = k;
      if (!uses || k > hi) hi = k;
      uses++;
    }
    if (ok && uses && rows == uses) {
      /* every access is a row: cut the section into rows of S elements
       * (emit.c checks at run time that it divides evenly) */
      v->slice = 1;
      v->slice_row = parcc_xstrdup(row_s);
      v->off_min = v->off_max = 0;
    } else if (ok && uses && rows == 0) {
      v->slice = 1;
      v->off_min = lo;
      v->off_max = hi;
    }
  }

  /* sizeof(a) or &a of a mapped or reduced fixed-size array must keep
   * their meaning: the chunk then sees `a` as `(*par__a_a)`, a whole array. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (!v->is_array || (v->role != PARCC_ROLE_MAP && v->role != PARCC_ROLE_REDUCTION)) continue;
    /* Every use that is not an implicit array-to-pointer conversion
     * (sizeof a, &a, alignof) needs the array itself. */
    for (int i = body; i < t.count && !v->whole_view; i++) {
      if (t.n[i].kind != CXCursor_DeclRefExpr || (i != body && !is_ancestor(&t, body, i))) continue;
      if (!clang_equalCursors(canonical_ref(t.n[i].c), v->decl)) continue;
      int par = t.n[i].parent;
      while (par > 0 && t.n[par].kind == CXCursor_ParenExpr) par = t.n[par].parent;
      if (par > 0 && t.n[par].kind != CXCursor_UnexposedExpr) v->whole_view = 1;
    }
    if (!v->whole_view) continue;
    /* The name becomes a macro in the body: it must not also be a member
     * or a local there. */
    for (size_t k = parcc_token_at(f, l->body_off); k < f->ntoks && f->toks[k].off < l->body_end; k++) {
      if (strcmp(f->toks[k].text, v->name) != 0 || k == 0) continue;
      const char *prev = f->toks[k - 1].text;
      if (!strcmp(prev, ".") || !strcmp(prev, "->")) {
        parcc_error_at(f, f->toks[k].off, "rename the member or the array",
                       "'%s' is both a mapped array measured with sizeof and a member name in this loop", v->name);
        break;
      }
    }
    for (int i = body; i < t.count; i++)
      if (t.n[i].kind == CXCursor_VarDecl && (i == body || is_ancestor(&t, body, i))) {
        CXString sp = clang_getCursorSpelling(t.n[i].c);
        int same = !strcmp(clang_getCString(sp), v->name);
        clang_disposeString(sp);
        if (same) {
          parcc_error_at(f, t.n[i].off, "rename the local variable",
                         "'%s' is declared in the loop and also names a mapped array measured with sizeof", v->name);
          break;
        }
      }
  }

  /* The sizes in a variably modified type (double (*C)[nj]) must be
   * known in the chunk: capture the variables they name. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (!v->role || clang_Cursor_isNull(v->decl) || !v->referenced) continue;
    char *sp = type_name(v->type);
    if (!strchr(sp, '[')) {
      free(sp);
      continue;
    }
    for (char *q = strchr(sp, '['); q && *q; q++) {
      if (!(*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))) continue;
      char *e = q;
      while (*e == '_' || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9')) e++;
      char name[128];
      snprintf(name, sizeof name, "%.*s", (int)(e - q), q);
      q = e - 1;
      if (find_var_by_name(l, name) || !strcmp(name, l->ivar_name)) continue;
      CXCursor d = find_local_decl(f, fn, name);
      if (clang_Cursor_isNull(d)) continue;
      parcc_var_t *nv = add_var(l, d);
      v = &l->vars[vi]; /* add_var may move the array */
      nv->referenced = 1;
      nv->ref_off = v->ref_off;
      nv->role = PARCC_ROLE_FIRSTPRIVATE;
      nv->firstprivate = 1;
    }
    free(sp);
  }

  /* Indices into the runtime's arrays. */
  for (int vi = 0; vi < l->nvars; vi++) {
    parcc_var_t *v = &l->vars[vi];
    if (v->role == PARCC_ROLE_MAP) v->index = l->nmaps++;
    if (v->role == PARCC_ROLE_REDUCTION) v->index = l->nreds++;
    if (v->lastprivate) v->last_index = l->nlasts++;
  }
  /* Generated names: function_line, plus the column if two loops share a line. */
  free(t.n);
  if (f->diag.nerrors > errors0) {
    parcc_loop_free(l); /* the caller keeps only loops that succeed */
    return -1;
  }
  return 0;
fail:
  free(t.n);
  parcc_loop_free(l);
  return -1;
}

void parcc_loop_free(parcc_loop_t *l) {
  for (int i = 0; i < l->nvars; i++) {
    free(l->vars[i].name);
    free(l->vars[i].slice_row);
  }
  free(l->vars);
  free(l->ivar_name);
  free(l->lb);
  free(l->ub);
  free(l->step);
  memset(l, 0, sizeof *l);
}
