/* spawn.c: `#pragma par spawn` statements (SPEC 2.2).
 *
 *   #pragma par spawn
 *   r = f(x, n);
 *
 * becomes a call of f's spawn entry, which starts the task and returns:
 *
 *   par__spawn_f(&par__group, &par__ss_main_12, (void *)&(r), (void *const[]){&x}, x, n);
 *
 * with, before the enclosing function, a static site (parrt_spawn_site_t):
 * where the statement is, the callee's name, how to store the result into
 * the left-hand side (par__ss_main_12_store: the assignment's conversion,
 * done by the runtime when the task completes) and the dataflow
 * dependencies. The enclosing function gets a group, waited for by
 * `#pragma par sync` and at every return.
 *
 * Dataflow: an argument that is exactly a local variable which is the plain
 * left-hand side of a spawn of the same function (`a = f(..)` then
 * `b = g(a)`) is a dependency: the runtime passes the value the pending
 * spawn will produce instead of reading the variable too early, so chains
 * of spawns need no sync between them.
 *
 * Pending results: after a spawn, its left-hand side (or the array or
 * struct variable it is part of) must not be used until the next
 * `#pragma par sync` of the function in textual order (an inner loop that
 * spawns and uses it in the next iteration counts too), except as a
 * dependency argument or as the left-hand side of another spawn; taking its
 * address before that sync is an error too. A left-hand side reached through
 * a pointer (`*p`, `p->x`, `p[i]`) is not followed (docs/functions.md).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct tree {
  parcc_node_t *n;
  int count;
} tree_t;

static int first_child(const tree_t *t, int idx) {
  for (int i = idx + 1; i < t->count; i++)
    if (t->n[i].parent == idx) return i;
  return -1;
}

static int nth_child(const tree_t *t, int idx, int k) {
  for (int i = idx + 1; i < t->count; i++)
    if (t->n[i].parent == idx && k-- == 0) return i;
  return -1;
}

static CXCursor canonical_ref(CXCursor c) {
  return clang_getCanonicalCursor(clang_getCursorReferenced(c));
}

/* Through parentheses and implicit conversions. */
static int strip(const tree_t *t, int idx) {
  while (idx >= 0 &&
         (t->n[idx].kind == CXCursor_ParenExpr || t->n[idx].kind == CXCursor_UnexposedExpr)) {
    int c = first_child(t, idx);
    if (c < 0) break;
    idx = c;
  }
  return idx;
}

static char *spelling(CXCursor c) {
  CXString s = clang_getCursorSpelling(c);
  char *r = parcc_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

/* A pointer type spelled at file scope: `inner` is "*" (double *) or
 * "const *" (double const *, also right for a pointer type: int *const *).
 * NULL, with *why, when the type cannot be named there. */
static char *spell_ptr(CXType t, const char *inner, const char **why) {
  return parcc_declarator(t, inner, 0, why);
}

/* One spawn statement while the function is analysed. */
typedef struct site {
  parcc_pragma_site_t *p;
  int ok;
  int stmt, call, lhs; /* nodes; lhs -1 without one */
  int lhs_root;        /* the DeclRefExpr of the variable the lhs writes, or -1 */
  int lhs_plain;       /* the lhs is that variable itself */
  CXCursor var;        /* its declaration (canonical) */
  size_t stmt_off, stmt_end, sync_end;
  CXType ftype; /* the callee's type */
  int nargs;
  parcc_spawn_t *out;
} site_t;

/* The variable an lvalue writes when it is the variable itself, one of its
 * elements (an array variable) or members (a struct variable). Returns the
 * DeclRefExpr node, or -1 when the lvalue goes through a pointer. */
static int lhs_root(const tree_t *t, int idx, int *plain) {
  *plain = 1;
  while (idx >= 0) {
    const parcc_node_t *nd = &t->n[idx];
    switch (nd->kind) {
    case CXCursor_DeclRefExpr:
      return idx;
    case CXCursor_ParenExpr:
      idx = first_child(t, idx);
      break;
    case CXCursor_ArraySubscriptExpr: {
      *plain = 0;
      int base = first_child(t, idx);
      if (base < 0) return -1;
      /* An array operand decays: look at what decays. */
      if (t->n[base].kind == CXCursor_UnexposedExpr) {
        int inner = first_child(t, base);
        if (inner < 0) return -1;
        CXType it = clang_getCanonicalType(clang_getCursorType(t->n[inner].c));
        if (it.kind != CXType_ConstantArray && it.kind != CXType_IncompleteArray &&
            it.kind != CXType_VariableArray)
          return -1;
        idx = inner;
      } else {
        return -1;
      }
      break;
    }
    case CXCursor_MemberRefExpr: {
      *plain = 0;
      int base = first_child(t, idx);
      if (base < 0) return -1;
      CXType bt = clang_getCanonicalType(clang_getCursorType(t->n[base].c));
      if (bt.kind == CXType_Pointer) return -1;
      idx = base;
      break;
    }
    default:
      return -1;
    }
  }
  return -1;
}

static int is_stmt_context(enum CXCursorKind k) {
  switch (k) {
  case CXCursor_CompoundStmt:
  case CXCursor_IfStmt:
  case CXCursor_ForStmt:
  case CXCursor_WhileStmt:
  case CXCursor_DoStmt:
  case CXCursor_SwitchStmt:
  case CXCursor_CaseStmt:
  case CXCursor_DefaultStmt:
  case CXCursor_LabelStmt:
    return 1;
  default:
    return 0;
  }
}

static int contains_call(const tree_t *t, int idx) {
  for (int i = idx + 1; i < t->count; i++) {
    int a = t->n[i].parent;
    while (a >= 0 && a != idx)
      a = t->n[a].parent;
    if (a == idx && t->n[i].kind == CXCursor_CallExpr) return 1;
  }
  return 0;
}

#define FORMS_HINT "write 'lhs = f(args);' or 'f(args);' after '#pragma par spawn'"

/* Finds and checks the statement of one spawn; fills s. */
static void analyze_site(parcc_file_t *f, parcc_func_t *fn, tree_t *t, site_t *s,
                         parcc_dfunc_t *dfuncs, int ndfuncs) {
  parcc_pragma_site_t *p = s->p;
  int best = -1;
  for (int i = 1; i < t->count; i++) {
    const parcc_node_t *nd = &t->n[i];
    /* A statement: in a block, or the body of an if, a loop, a label. (A
     * condition or a case value comes before the pragma.) */
    if (!nd->in_main || nd->off < p->end || nd->parent < 0 ||
        !is_stmt_context(t->n[nd->parent].kind))
      continue;
    if (best < 0 || nd->off < t->n[best].off) best = i;
  }
  size_t stray = best >= 0 ? parcc_first_stray_token(f, p->end, t->n[best].off) : (size_t)-1;
  if (best < 0 || stray != (size_t)-1 || t->n[best].off >= fn->end) {
    parcc_error_at(f, stray != (size_t)-1 ? stray : p->off, FORMS_HINT,
                   "'#pragma par spawn' must be followed by a call statement");
    return;
  }
  s->stmt = best;
  const parcc_node_t *st = &t->n[best];
  s->stmt_off = st->off;
  int call = -1;
  switch (st->kind) {
  case CXCursor_CallExpr:
    call = best;
    break;
  case CXCursor_BinaryOperator:
    if (clang_getCursorBinaryOperatorKind(st->c) == CXBinaryOperator_Assign) {
      s->lhs = first_child(t, best);
      int rhs = strip(t, nth_child(t, best, 1));
      if (rhs < 0 || t->n[rhs].kind != CXCursor_CallExpr) {
        int at = nth_child(t, best, 1);
        parcc_error_at(
            f, at >= 0 ? t->n[at].off : st->off,
            at >= 0 && contains_call(t, at)
                ? "spawn the call alone into a variable, and compute the rest after '#pragma par sync'"
                : FORMS_HINT,
            "the right-hand side of a spawned assignment must be a call of a function");
        return;
      }
      call = rhs;
      break;
    }
    parcc_error_at(f, st->off,
                   contains_call(t, best)
                       ? "the call must be the whole statement, or the whole right-hand side of '='"
                       : FORMS_HINT,
                   "'#pragma par spawn' must be followed by 'lhs = f(args);' or 'f(args);'");
    return;
  case CXCursor_CompoundAssignOperator: {
    char *op = spelling(st->c);
    parcc_error_at(f, st->off,
                   "spawn into a temporary 't = f(args);' and combine it after '#pragma par sync'",
                   "a spawned call can only be assigned with '=', not '%s'", op);
    free(op);
    return;
  }
  case CXCursor_ReturnStmt:
    parcc_error_at(f, st->off,
                   "spawn into a variable, then '#pragma par sync' and return the variable",
                   "'#pragma par spawn' cannot apply to a return statement");
    return;
  case CXCursor_DeclStmt: {
    int v = first_child(t, best);
    char *name = v >= 0 ? spelling(t->n[v].c) : parcc_xstrdup("x");
    char hint[256];
    snprintf(hint, sizeof hint, "declare '%s' first, then spawn '%s = f(args);'", name, name);
    parcc_error_at(f, st->off, hint, "'#pragma par spawn' cannot apply to a declaration");
    free(name);
    return;
  }
  default:
    parcc_error_at(f, st->off,
                   clang_isExpression(st->kind) && contains_call(t, best)
                       ? "the call must be the whole statement, or the whole right-hand side of '='"
                       : FORMS_HINT,
                   "'#pragma par spawn' must be followed by 'lhs = f(args);' or 'f(args);'");
    return;
  }
  s->call = call;

  /* The callee: a function called by name. */
  int callee = strip(t, first_child(t, call));
  if (callee < 0 || t->n[callee].kind != CXCursor_DeclRefExpr ||
      clang_getCursorKind(clang_getCursorReferenced(t->n[callee].c)) != CXCursor_FunctionDecl) {
    int at = first_child(t, call);
    if (callee >= 0 && t->n[callee].kind == CXCursor_DeclRefExpr) {
      char *nm = spelling(t->n[callee].c);
      parcc_error_at(
          f, t->n[callee].off, "call the distributed function by its name",
          "'#pragma par spawn' needs a function called by name; '%s' is a function pointer", nm);
      free(nm);
    } else {
      parcc_error_at(f, at >= 0 ? t->n[at].off : t->n[call].off,
                     "call the distributed function by its name",
                     "'#pragma par spawn' needs a function called by name");
    }
    return;
  }
  CXCursor ref = clang_getCursorReferenced(t->n[callee].c);
  char *name = spelling(ref);
  size_t coff = t->n[callee].off;
  CXFile dfile = NULL;
  clang_getExpansionLocation(clang_getCursorLocation(ref), &dfile, NULL, NULL, NULL);
  if (!dfile || clang_Location_isInSystemHeader(clang_getCursorLocation(ref))) {
    parcc_error_at(f, coff, "only functions defined with '#pragma par distribute' can be spawned",
                   "'%s' is not a distributed function", name);
    free(name);
    return;
  }
  CXCursor def = clang_getCursorDefinition(ref);
  int is_static = clang_getCursorLinkage(ref) == CXLinkage_Internal;
  if (!clang_Cursor_isNull(def) || is_static) {
    size_t doff = 0, dend;
    int in_main = !clang_Cursor_isNull(def) && parcc_cursor_offsets(f, def, &doff, &dend);
    int found = 0;
    for (int i = 0; i < ndfuncs && in_main; i++)
      if (dfuncs[i].func->off == doff && !strcmp(dfuncs[i].func->name, name)) found = 1;
    if (!found) {
      char hint[256];
      snprintf(
          hint, sizeof hint,
          "put '#pragma par distribute' before the definition of '%s', or call it without '#pragma par spawn'",
          name);
      parcc_error_at(f, coff, hint, "'%s' is not a distributed function", name);
      free(name);
      return;
    }
  }
  CXType ft = clang_getCursorType(ref);
  s->ftype = ft;
  int nargs = 0;
  for (int i = call + 1; i < t->count; i++)
    if (t->n[i].parent == call) nargs++;
  nargs--; /* the callee */
  s->nargs = nargs;
  if (ft.kind == CXType_FunctionNoProto && nargs > 0) {
    char hint[256];
    snprintf(hint, sizeof hint, "declare '%s' with its parameter types before this function", name);
    parcc_error_at(f, coff, hint, "'%s' has no prototype, and a spawn needs its parameter types",
                   name);
    free(name);
    return;
  }
  if (ft.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(ft)) {
    parcc_error_at(f, coff, NULL,
                   "'%s' takes a variable number of arguments and cannot be a distributed function",
                   name);
    free(name);
    return;
  }

  /* The statement's text: the call's parentheses and its `;`. */
  size_t ct = parcc_token_at(f, t->n[callee].end);
  size_t cend = t->n[call].end;
  size_t rt = parcc_token_at(f, cend);
  if (ct >= f->ntoks || strcmp(f->toks[ct].text, "(") != 0 || rt == 0 ||
      strcmp(f->toks[rt - 1].text, ")") != 0 || f->toks[rt - 1].end != cend || rt >= f->ntoks ||
      strcmp(f->toks[rt].text, ";") != 0) {
    parcc_error_at(f, st->off,
                   "write the call out, not through a macro, and end the statement with ';'",
                   "cannot find the call of '%s' and the end of its statement", name);
    free(name);
    return;
  }
  parcc_spawn_t *o = parcc_xcalloc(1, sizeof *o);
  s->out = o;
  o->f = f;
  o->p = p;
  o->func = fn;
  snprintf(o->ident, sizeof o->ident, "%s_%u", fn->name, p->line);
  o->callee = name;
  o->callee_static = is_static;
  o->stmt_off = st->off;
  o->stmt_end = f->toks[rt].end;
  s->stmt_end = o->stmt_end;
  o->args_off = f->toks[ct].end;
  o->args_end = f->toks[rt - 1].off;
  int bad = 0;

  /* The spawn entry's prototype: the callee's parameter types. */
  int np = ft.kind == CXType_FunctionProto ? clang_getNumArgTypes(ft) : 0;
  if (np < 0) np = 0;
  o->param_types = parcc_xcalloc((size_t)np + 1, sizeof *o->param_types);
  for (int i = 0; i < np; i++) {
    const char *why = NULL;
    char *d = parcc_declarator(clang_getArgType(ft, (unsigned)i), "", 0, &why);
    if (!d) {
      parcc_error_at(f, coff, "declare the type at file scope",
                     "the type of parameter %d of '%s' %s", i + 1, name,
                     why ? why : "cannot be named at file scope");
      bad = 1;
      break;
    }
    o->param_types[o->nparam_types++] = d;
  }

  /* The left-hand side: its address is taken at the spawn. */
  if (s->lhs >= 0) {
    const parcc_node_t *L = &t->n[s->lhs];
    o->lhs_off = L->off;
    o->lhs_end = L->end;
    int m = strip(t, s->lhs);
    if (m >= 0 && t->n[m].kind == CXCursor_MemberRefExpr &&
        clang_Cursor_isBitField(clang_getCursorReferenced(t->n[m].c))) {
      char *fld = spelling(clang_getCursorReferenced(t->n[m].c));
      parcc_error_at(
          f, L->off, "spawn into a temporary variable and copy it after '#pragma par sync'",
          "the left-hand side of a spawn cannot be the bit-field '%s': the result is stored through its address",
          fld);
      free(fld);
      bad = 1;
    }
    int plain;
    int r = lhs_root(t, s->lhs, &plain);
    if (r >= 0) {
      CXCursor v = canonical_ref(t->n[r].c);
      enum CXCursorKind vk = clang_getCursorKind(v);
      if (vk == CXCursor_VarDecl || vk == CXCursor_ParmDecl) {
        s->lhs_root = r;
        s->lhs_plain = plain;
        s->var = v;
        if (clang_Cursor_getStorageClass(v) == CX_SC_Register) {
          char *vn = spelling(v);
          parcc_error_at(
              f, L->off, "remove 'register' from its declaration",
              "the left-hand side of a spawn cannot be the 'register' variable '%s': the result is stored through its address",
              vn);
          free(vn);
          bad = 1;
        }
      }
    }
    CXType lt = clang_getCursorType(L->c);
    CXType rtype = clang_getResultType(ft);
    const char *why = NULL;
    o->lhs_ptr = spell_ptr(lt, "*", &why);
    o->lhs_type = parcc_declarator(lt, "", 0, NULL);
    if (!o->lhs_ptr || !o->lhs_type) {
      parcc_error_at(f, L->off, "declare the type at file scope",
                     "the type of the left-hand side of this spawn %s",
                     why ? why : "cannot be named at file scope");
      bad = 1;
    }
    why = NULL;
    o->ret_ptr = spell_ptr(rtype, "const *", &why);
    if (!o->ret_ptr) {
      parcc_error_at(f, coff, "declare the type at file scope", "the result type of '%s' %s", name,
                     why ? why : "cannot be named at file scope");
      bad = 1;
    }
  }
  s->ok = !bad;
}

/* Is node i inside a sizeof / _Alignof (not evaluated)? */
static int unevaluated(const tree_t *t, int i) {
  for (int a = t->n[i].parent; a >= 0; a = t->n[a].parent) {
    if (t->n[a].kind == CXCursor_UnaryExpr) return 1;
    if (clang_isStatement(t->n[a].kind)) return 0;
  }
  return 0;
}

/* Is the DeclRefExpr at i the operand of `&` (itself, an element or a
 * member of it)? */
static int address_taken(const tree_t *t, int i) {
  int child = i;
  for (int a = t->n[i].parent; a >= 0; child = a, a = t->n[a].parent) {
    enum CXCursorKind k = t->n[a].kind;
    if (k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr) continue;
    if (k == CXCursor_ArraySubscriptExpr && first_child(t, a) == child) continue;
    if (k == CXCursor_MemberRefExpr) {
      CXType bt = clang_getCanonicalType(clang_getCursorType(t->n[child].c));
      if (bt.kind != CXType_Pointer) continue;
      return 0;
    }
    if (k == CXCursor_UnaryOperator)
      return clang_getCursorUnaryOperatorKind(t->n[a].c) == CXUnaryOperator_AddrOf;
    return 0;
  }
  return 0;
}

static int is_loop(enum CXCursorKind k) {
  return k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt;
}

/* The child of `anc` that holds node i (i itself when a child), or -1. */
static int branch_of(const tree_t *t, int anc, int i) {
  for (int c = i; c >= 0; c = t->n[c].parent)
    if (t->n[c].parent == anc) return c;
  return -1;
}

/* Are nodes a and b in the two branches of one `if`, with no loop around
 * it that could run one after the other? */
static int exclusive_branches(const tree_t *t, int a, int b) {
  for (int anc = t->n[a].parent; anc >= 0; anc = t->n[anc].parent) {
    if (t->n[anc].kind != CXCursor_IfStmt) continue;
    int ca = branch_of(t, anc, a), cb = branch_of(t, anc, b);
    if (cb < 0) continue; /* b is not inside this if */
    if (ca == cb || ca == first_child(t, anc) || cb == first_child(t, anc)) return 0;
    for (int l = t->n[anc].parent; l >= 0; l = t->n[l].parent)
      if (is_loop(t->n[l].kind)) return 0;
    return 1;
  }
  return 0;
}

static int sync_in(const size_t *syncs, int nsyncs, size_t a, size_t b) {
  for (int i = 0; i < nsyncs; i++)
    if (syncs[i] > a && syncs[i] < b) return 1;
  return 0;
}

/* Reports uses of pending left-hand sides. */
static void check_pending(parcc_file_t *f, parcc_func_t *fn, tree_t *t, site_t *sites, int ns,
                          const size_t *syncs, int nsyncs) {
  for (int k = 0; k < ns; k++) {
    site_t *s = &sites[k];
    s->sync_end = fn->end;
    for (int i = 0; i < nsyncs; i++)
      if (syncs[i] > s->stmt_end && syncs[i] < s->sync_end) s->sync_end = syncs[i];
  }
  /* A left-hand side that is a local variable must outlive the task: the
   * store happens when the task completes, so a sync must come before the
   * end of the block that declares it. The implicit sync at return does not
   * count: it runs when the function's locals are already gone (and an
   * inner block's locals die at every iteration of a loop). */
  for (int k = 0; k < ns; k++) {
    site_t *s = &sites[k];
    if (!s->ok || s->lhs_root < 0) continue;
    enum CXCursorKind vk = clang_getCursorKind(s->var);
    if (vk != CXCursor_VarDecl && vk != CXCursor_ParmDecl) continue;
    if (vk == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(s->var) == 1) continue;
    size_t block_end = fn->end;
    for (int i = 0; i < t->count; i++) {
      if ((t->n[i].kind != CXCursor_VarDecl && t->n[i].kind != CXCursor_ParmDecl) ||
          !clang_equalCursors(clang_getCanonicalCursor(t->n[i].c), s->var))
        continue;
      for (int a = t->n[i].parent; a >= 0; a = t->n[a].parent)
        if (t->n[a].kind == CXCursor_CompoundStmt || t->n[a].kind == CXCursor_ForStmt) {
          block_end = t->n[a].end;
          break;
        }
      break;
    }
    if (s->sync_end < block_end) continue;
    char *vn = spelling(s->var);
    unsigned line, col;
    const char *file;
    parcc_file_loc(f, block_end > 0 ? block_end - 1 : 0, &file, &line, &col);
    char hint[160];
    snprintf(hint, sizeof hint,
             "add '#pragma par sync' after the spawn, before line %u where '%s' goes out of scope",
             line, vn);
    parcc_error_at(f, t->n[s->lhs_root].off, hint,
                   "'%s' may be written by the spawned task after its lifetime ends", vn);
    free(vn);
    s->ok = 0;
  }
  size_t last_off = (size_t)-1;
  for (int i = 1; i < t->count; i++) {
    if (t->n[i].kind != CXCursor_DeclRefExpr || !t->n[i].in_main) continue;
    /* libclang may reach one expression by more than one path */
    if (t->n[i].off == last_off) continue;
    last_off = t->n[i].off;
    CXCursor d = canonical_ref(t->n[i].c);
    int exempt = 0, tracked = 0;
    for (int k = 0; k < ns; k++) {
      site_t *s = &sites[k];
      if (s->lhs_root < 0 || !clang_equalCursors(s->var, d)) continue;
      tracked = 1;
      if (s->lhs_root == i) exempt = 1;
    }
    if (!tracked) continue;
    /* A dependency argument: exactly the variable, passed to a spawn. */
    int par = t->n[i].parent;
    while (par >= 0 &&
           (t->n[par].kind == CXCursor_UnexposedExpr || t->n[par].kind == CXCursor_ParenExpr))
      par = t->n[par].parent;
    int dep_arg = 0;
    for (int k = 0; k < ns && par >= 0; k++)
      if (sites[k].ok && sites[k].call == par)
        for (int j = 0; j < ns; j++)
          if (sites[j].lhs_root >= 0 && sites[j].lhs_plain && clang_equalCursors(sites[j].var, d))
            dep_arg = 1;
    int addr = address_taken(t, i);
    if ((exempt || dep_arg || unevaluated(t, i)) && !addr) continue;
    size_t off = t->n[i].off;
    char *vn = spelling(d);
    for (int k = 0; k < ns; k++) {
      site_t *s = &sites[k];
      if (s->lhs_root < 0 || !clang_equalCursors(s->var, d)) continue;
      if (addr && off < s->sync_end) {
        if (off >= s->stmt_end)
          parcc_error_at(
              f, off, "add '#pragma par sync' before this line",
              "the address of '%s' is taken while the task spawned at line %u may still be writing it",
              vn, s->p->line);
        else
          parcc_error_at(
              f, off, "take the address after the '#pragma par sync' that follows the spawn",
              "the address of '%s' is taken before the '#pragma par sync' that completes the spawn at line %u, which writes it (an alias could see it while the task runs)",
              vn, s->p->line);
        break;
      }
      if (addr) continue;
      if (off >= s->stmt_end && off < s->sync_end && !exclusive_branches(t, s->stmt, i)) {
        parcc_error_at(f, off, "add '#pragma par sync' before this line",
                       "'%s' is used while the task spawned at line %u may still be writing it", vn,
                       s->p->line);
        break;
      }
      if (off >= s->stmt_end) continue;
      /* Before the spawn or in its own arguments: the next iteration of a
       * loop around both comes after the spawn. */
      int loop = -1;
      for (int a = s->stmt; a >= 0; a = t->n[a].parent)
        if (is_loop(t->n[a].kind) && t->n[a].off <= off && t->n[a].end > off) {
          loop = a;
          break;
        }
      if (loop < 0) continue;
      if (sync_in(syncs, nsyncs, s->stmt_end, t->n[loop].end) ||
          sync_in(syncs, nsyncs, t->n[loop].off, off))
        continue;
      parcc_error_at(
          f, off, "add '#pragma par sync' before this line",
          "'%s' is used in the loop that spawns the task at line %u, which may still be writing it from the previous iteration",
          vn, s->p->line);
      break;
    }
    free(vn);
  }
}

int parcc_spawn_analyze(parcc_file_t *f, parcc_func_t *fn, parcc_pragma_site_t **psites,
                        int npsites, const size_t *syncs, int nsyncs, parcc_dfunc_t *dfuncs,
                        int ndfuncs, parcc_spawn_t **out, int *nout) {
  int errors0 = f->diag.nerrors;
  tree_t t;
  t.count = parcc_collect_nodes(f, fn->c, &t.n);
  site_t *sites = parcc_xcalloc((size_t)npsites + 1, sizeof *sites);
  for (int k = 0; k < npsites; k++) {
    sites[k].p = psites[k];
    sites[k].lhs = sites[k].lhs_root = sites[k].call = sites[k].stmt = -1;
    analyze_site(f, fn, &t, &sites[k], dfuncs, ndfuncs);
  }
  /* Dependencies: arguments that are a plain spawned-into local. */
  for (int k = 0; k < npsites; k++) {
    site_t *s = &sites[k];
    if (!s->ok) continue;
    int ai = 0;
    for (int a = s->call + 1; a < t.count; a++) {
      if (t.n[a].parent != s->call || a == first_child(&t, s->call)) continue;
      int arg = ai++;
      int r = strip(&t, a);
      if (r < 0 || t.n[r].kind != CXCursor_DeclRefExpr) continue;
      CXCursor v = canonical_ref(t.n[r].c);
      enum CXCursorKind vk = clang_getCursorKind(v);
      if (vk != CXCursor_VarDecl && vk != CXCursor_ParmDecl) continue;
      if (vk == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(v) == 1) continue;
      int is_lhs = 0;
      for (int j = 0; j < npsites; j++)
        if (sites[j].lhs_root >= 0 && sites[j].lhs_plain && clang_equalCursors(sites[j].var, v))
          is_lhs = 1;
      if (!is_lhs || s->out->nparam_types <= arg) continue;
      CXType vt = clang_getCursorType(v);
      CXType pt = clang_getArgType(s->ftype, (unsigned)arg);
      const char *why = NULL;
      char *vp = spell_ptr(vt, "const *", &why);
      char *pp = spell_ptr(pt, "*", NULL);
      char *vs = parcc_declarator(vt, "", 0, NULL);
      if (!vp || !pp || !vs) {
        char *vn = spelling(v);
        parcc_error_at(f, t.n[r].off, "declare the type at file scope", "the type of '%s' %s", vn,
                       why ? why : "cannot be named at file scope");
        free(vn);
        free(vp);
        free(pp);
        free(vs);
        s->ok = 0;
        continue;
      }
      parcc_spawn_t *o = s->out;
      o->deps = parcc_xrealloc(o->deps, (size_t)(o->ndeps + 1) * sizeof *o->deps);
      parcc_spawn_dep_t *dp = &o->deps[o->ndeps++];
      dp->name = spelling(v);
      dp->param = arg;
      dp->var_ptr = vp;
      dp->var_type = vs;
      dp->param_ptr = pp;
      dp->param_type = parcc_declarator(pt, "", 0, NULL);
      if (t.n[a].in_main && t.n[a].off >= s->out->args_off && t.n[a].end <= s->out->args_end &&
          t.n[a].off < t.n[a].end) {
        dp->arg_off = t.n[a].off;
        dp->arg_end = t.n[a].end;
      }
    }
  }
  check_pending(f, fn, &t, sites, npsites, syncs, nsyncs);
  int nerr = f->diag.nerrors - errors0;
  for (int k = 0; k < npsites; k++) {
    if (!sites[k].out) continue;
    if (sites[k].ok && !nerr) {
      *out = parcc_xrealloc(*out, (size_t)(*nout + 1) * sizeof **out);
      (*out)[(*nout)++] = *sites[k].out;
    } else {
      parcc_spawn_free(sites[k].out);
    }
    free(sites[k].out);
  }
  free(sites);
  free(t.n);
  return nerr;
}

void parcc_spawn_free(parcc_spawn_t *s) {
  free(s->callee);
  free(s->lhs_ptr);
  free(s->ret_ptr);
  free(s->lhs_type);
  for (int i = 0; i < s->nparam_types; i++)
    free(s->param_types[i]);
  free(s->param_types);
  for (int i = 0; i < s->ndeps; i++) {
    free(s->deps[i].name);
    free(s->deps[i].var_ptr);
    free(s->deps[i].var_type);
    free(s->deps[i].param_ptr);
    free(s->deps[i].param_type);
  }
  free(s->deps);
  memset(s, 0, sizeof *s);
}

/* ---- emission ------------------------------------------------------------ */

void parcc_spawn_emit_decls(parcc_spawn_t *s, parcc_sb_t *o) {
  parcc_file_t *f = s->f;
  const char *id = s->ident;
  parcc_sb_printf(o, "/* par: spawn of '%s' at %s:%u in %s() */\n", s->callee, f->path, s->p->line,
                  s->func->name);
  if (s->emit_proto) {
    parcc_sb_printf(
        o,
        "%svoid par__spawn_%s(parrt_group_t *, const parrt_spawn_site_t *, void *, void *const *",
        s->callee_static ? "static " : "", s->callee);
    for (int i = 0; i < s->nparam_types; i++)
      parcc_sb_printf(o, ", %s", s->param_types[i]);
    parcc_sb_puts(o, ");\n");
  }
  if (s->lhs_end)
    parcc_sb_printf(o,
                    "static void par__ss_%s_store(void *par__lhs, const void *par__ret) {\n"
                    "  *(%s)par__lhs = *(%s)par__ret;\n}\n",
                    id, s->lhs_ptr, s->ret_ptr);
  for (int i = 0; i < s->ndeps; i++)
    parcc_sb_printf(o,
                    "static void par__sc_%s_%d(void *par__param, const void *par__var) {\n"
                    "  *(%s)par__param = *(%s)par__var;\n}\n",
                    id, i, s->deps[i].param_ptr, s->deps[i].var_ptr);
  if (s->ndeps) {
    parcc_sb_printf(o, "static const parrt_spawn_dep_t par__sd_%s[] = {\n", id);
    for (int i = 0; i < s->ndeps; i++) {
      parcc_spawn_dep_t *d = &s->deps[i];
      parcc_sb_puts(o, "  {");
      parcc_put_c_string(o, d->name);
      parcc_sb_printf(o, ", %d, sizeof(%s), par__sc_%s_%d},\n", d->param, d->var_type, id, i);
    }
    parcc_sb_puts(o, "};\n");
  }
  parcc_sb_printf(o, "static const parrt_spawn_site_t par__ss_%s = {\n", id);
  parcc_sb_puts(
      o, "  .struct_size = sizeof(parrt_spawn_site_t),\n  .abi_version = PARRT_ABI_CURRENT,\n");
  parcc_sb_printf(
      o, "  .id = 0x%016llxULL,\n  .loc = {",
      (unsigned long long)parcc_stable_id(s->func->name, f->path, s->p->line, s->p->col));
  parcc_put_c_string(o, f->path);
  parcc_sb_puts(o, ", ");
  parcc_put_c_string(o, s->func->name);
  parcc_sb_printf(o, ", %u, %u},\n  .callee = ", s->p->line, s->p->col);
  parcc_put_c_string(o, s->callee);
  parcc_sb_puts(o, ",\n");
  if (s->lhs_end)
    parcc_sb_printf(o, "  .store = par__ss_%s_store,\n  .lhs_size = sizeof(%s),\n", id,
                    s->lhs_type);
  else
    parcc_sb_puts(o, "  .store = 0,\n  .lhs_size = 0,\n");
  parcc_sb_printf(o, "  .ndeps = %d,\n", s->ndeps);
  if (s->ndeps) parcc_sb_printf(o, "  .deps = par__sd_%s,\n", id);
  parcc_sb_puts(o, "};\n");
  parcc_sb_printf(o,
                  "__attribute__((constructor)) static void par__ssregister_%s(void) {\n"
                  "  parrt_register_spawn_site(&par__ss_%s);\n}\n",
                  id, id);
}

static unsigned count_lines(const char *s, size_t n) {
  unsigned k = 0;
  for (size_t i = 0; i < n; i++)
    k += s[i] == '\n';
  return k;
}

void parcc_spawn_emit_call(parcc_spawn_t *s, parcc_sb_t *o) {
  parcc_file_t *f = s->f;
  parcc_sb_printf(o, "par__spawn_%s(&par__group, &par__ss_%s, ", s->callee, s->ident);
  unsigned lines = 0;
  if (s->lhs_end) {
    parcc_sb_puts(o, "(void *)&(");
    parcc_sb_putn(o, f->buf + s->lhs_off, s->lhs_end - s->lhs_off);
    parcc_sb_puts(o, "), ");
    lines = count_lines(f->buf + s->lhs_off, s->lhs_end - s->lhs_off);
  } else {
    parcc_sb_puts(o, "(void *)0, ");
  }
  if (s->ndeps) {
    parcc_sb_puts(o, "(void *const[]){");
    for (int i = 0; i < s->ndeps; i++)
      parcc_sb_printf(o, "%s(void *)&%s", i ? ", " : "", s->deps[i].name);
    parcc_sb_puts(o, "}");
  } else {
    parcc_sb_puts(o, "(void *const *)0");
  }
  /* The arguments as written; under their own line when the text before
   * them no longer spans the same lines. */
  const char *file;
  unsigned l0, la, col;
  parcc_file_loc(f, s->stmt_off, &file, &l0, &col);
  parcc_file_loc(f, s->args_off, &file, &la, &col);
  int has_args = 0;
  for (size_t i = s->args_off; i < s->args_end; i++)
    if (f->buf[i] != ' ' && f->buf[i] != '\t' && f->buf[i] != '\n' && f->buf[i] != '\r')
      has_args = 1;
  if (has_args) {
    parcc_sb_puts(o, ", ");
    if (la != l0 + lines) parcc_emit_line_at(f, s->args_off, o);
    /* A dependency argument is not read here: a pending spawn may be
     * writing the variable right now, and the runtime sets the parameter
     * itself (from that spawn's result, or from the variable once nothing
     * writes it). A zero of the parameter's type stands in its place. */
    size_t pos = s->args_off;
    for (;;) {
      const parcc_spawn_dep_t *next = NULL;
      for (int i = 0; i < s->ndeps; i++) {
        const parcc_spawn_dep_t *d = &s->deps[i];
        if (d->arg_end && d->param_type && d->arg_off >= pos && (!next || d->arg_off < next->arg_off))
          next = d;
      }
      if (!next) break;
      parcc_sb_putn(o, f->buf + pos, next->arg_off - pos);
      parcc_sb_printf(o, "(%s){0}", next->param_type);
      /* keep the line count of the replaced text */
      for (size_t i = next->arg_off; i < next->arg_end; i++)
        if (f->buf[i] == '\n') parcc_sb_puts(o, "\n");
      pos = next->arg_end;
    }
    parcc_sb_putn(o, f->buf + pos, s->args_end - pos);
  }
  parcc_sb_puts(o, ");");
  parcc_emit_line_at(f, s->stmt_end, o);
}
