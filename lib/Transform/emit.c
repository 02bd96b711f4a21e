/* emit.c: generated C for one distributed loop.
 *
 * For a loop at main.c:12 inside main(), three pieces (names from the user's
 * function and line, so a debugger or a profiler says where they came from):
 *
 *   before main():  struct par__env_main_12 { ... }   the firstprivate block
 *                   static void par__chunk_main_12(const parrt_chunk_t *);
 *                   static const parrt_loop_desc_t par__loop_main_12 = {..};
 *                   a constructor registering the descriptor
 *   the loop:       a block that evaluates the bounds once, computes the trip
 *                   count, fills the env block and the map / reduction /
 *                   lastprivate tables, and calls parrt_loop_run()
 *   after main():   par__chunk_main_12: declares every captured variable
 *                   under its own name (copies, or pointers to the chunk's
 *                   view of mapped data), then runs iterations [k0, k1) of
 *                   the user's body, copied verbatim under `#line`.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *type_kind_names[] = {
    "PARRT_T_BOOL",   "PARRT_T_CHAR",   "PARRT_T_SCHAR",   "PARRT_T_UCHAR",  "PARRT_T_SHORT",
    "PARRT_T_USHORT", "PARRT_T_INT",    "PARRT_T_UINT",    "PARRT_T_LONG",   "PARRT_T_ULONG",
    "PARRT_T_LLONG",  "PARRT_T_ULLONG", "PARRT_T_FLOAT",   "PARRT_T_DOUBLE", "PARRT_T_LDOUBLE",
    "PARRT_T_CFLOAT", "PARRT_T_CDOUBLE", "PARRT_T_CLDOUBLE"};

static const char *red_op_name(enum parcc_red_op op) {
  switch (op) {
  case PARCC_RED_ADD:
  case PARCC_RED_SUB: return "PARRT_RED_ADD";
  case PARCC_RED_MUL: return "PARRT_RED_MUL";
  case PARCC_RED_BAND: return "PARRT_RED_BAND";
  case PARCC_RED_BOR: return "PARRT_RED_BOR";
  case PARCC_RED_BXOR: return "PARRT_RED_BXOR";
  case PARCC_RED_LAND: return "PARRT_RED_LAND";
  case PARCC_RED_LOR: return "PARRT_RED_LOR";
  case PARCC_RED_MIN: return "PARRT_RED_MIN";
  case PARCC_RED_MAX: return "PARRT_RED_MAX";
  }
  return "PARRT_RED_ADD";
}

/* Bytes of the scalar an array or pointer is made of: what one store in the
 * body writes (parrt_map_desc_t.unit). Structs and unions: 1 (their fields
 * may be written separately); a complex number: one of its two parts. */
long long parcc_map_unit(CXType t) {
  CXType c = clang_getCanonicalType(t);
  for (;;) {
    if (c.kind == CXType_Pointer)
      c = clang_getCanonicalType(clang_getPointeeType(c));
    else if (c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray ||
             c.kind == CXType_VariableArray || c.kind == CXType_DependentSizedArray)
      c = clang_getCanonicalType(clang_getArrayElementType(c));
    else
      break;
  }
  if (c.kind == CXType_Record || c.kind == CXType_Elaborated) return 1;
  long long size = clang_Type_getSizeOf(c);
  if (size <= 0) return 1;
  if (c.kind == CXType_Complex) size /= 2;
  return size;
}

static const char *map_kind_name(enum parcc_map_kind k) {
  switch (k) {
  case PARCC_MAP_ALLOC: return "PARRT_MAP_ALLOC";
  case PARCC_MAP_TO: return "PARRT_MAP_TO";
  case PARCC_MAP_FROM: return "PARRT_MAP_FROM";
  case PARCC_MAP_TOFROM: return "PARRT_MAP_TOFROM";
  }
  return "PARRT_MAP_TOFROM";
}

void parcc_put_c_string(parcc_sb_t *sb, const char *s) {
  parcc_sb_putn(sb, "\"", 1);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') parcc_sb_putn(sb, "\\", 1);
    if (*s == '\n') {
      parcc_sb_puts(sb, "\\n");
      continue;
    }
    parcc_sb_putn(sb, s, 1);
  }
  parcc_sb_putn(sb, "\"", 1);
}

/* ---- declarators ---------------------------------------------------------- */

static char *spell(CXType t) {
  CXString s = clang_getTypeSpelling(t);
  char *r = parcc_xstrdup(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

/* Is the type's declaration inside a function (a local typedef or tag)? */
static int declared_locally(CXType t, int *anonymous) {
  CXCursor d = clang_getTypeDeclaration(t);
  *anonymous = 0;
  if (clang_Cursor_isNull(d) || clang_getCursorKind(d) == CXCursor_NoDeclFound) return 0;
  for (CXCursor p = clang_getCursorSemanticParent(d); !clang_Cursor_isNull(p);
       p = clang_getCursorSemanticParent(p)) {
    enum CXCursorKind k = clang_getCursorKind(p);
    if (k == CXCursor_TranslationUnit) return 0;
    if (k == CXCursor_FunctionDecl) {
      *anonymous = clang_Cursor_isAnonymous(d);
      return 1;
    }
    if (clang_isInvalid(k)) return 0;
  }
  return 0;
}

static char *decl_rec(CXType t, const char *inner, int top, const char **why) {
  /* Look through sugar only where we need the structure. */
  CXType c = clang_getCanonicalType(t);
  int anon = 0;
  if ((t.kind == CXType_Typedef || t.kind == CXType_Elaborated || t.kind == CXType_Record ||
       t.kind == CXType_Enum) &&
      declared_locally(t, &anon)) {
    if (anon || c.kind == CXType_Record || c.kind == CXType_Enum) {
      CXCursor d = clang_getTypeDeclaration(c);
      int anon2 = 0;
      if (clang_getCursorKind(d) != CXCursor_NoDeclFound && declared_locally(c, &anon2)) {
        *why = "is declared inside the function, so the outlined task cannot name it";
        return NULL;
      }
    }
    t = c; /* a local typedef of a file-scope or builtin type */
  }
  switch (t.kind) {
  case CXType_ConstantArray: {
    char buf[64];
    snprintf(buf, sizeof buf, "[%lld]", clang_getArraySize(t));
    parcc_sb_t sb = {0};
    if (inner[0] == '*') parcc_sb_printf(&sb, "(%s)%s", inner, buf);
    else parcc_sb_printf(&sb, "%s%s", inner, buf);
    char *r = decl_rec(clang_getArrayElementType(t), sb.s, 0, why);
    free(sb.s);
    return r;
  }
  case CXType_IncompleteArray: {
    parcc_sb_t sb = {0};
    if (inner[0] == '*') parcc_sb_printf(&sb, "(%s)[]", inner);
    else parcc_sb_printf(&sb, "%s[]", inner);
    char *r = decl_rec(clang_getArrayElementType(t), sb.s, 0, why);
    free(sb.s);
    return r;
  }
  case CXType_Pointer: {
    CXType pt = clang_getPointeeType(t);
    CXType pc = clang_getCanonicalType(pt);
    if (pc.kind == CXType_FunctionProto || pc.kind == CXType_FunctionNoProto) {
      *why = "is a function pointer";
      return NULL;
    }
    parcc_sb_t sb = {0};
    parcc_sb_printf(&sb, "*%s%s", (!top && clang_isConstQualifiedType(t)) ? "const " : "", inner);
    char *r = decl_rec(pt, sb.s, 0, why);
    free(sb.s);
    return r;
  }
  case CXType_VariableArray: {
    /* The size is an expression only the spelling keeps: "double[nj]". */
    char *sp = spell(t);
    char *lb = strchr(sp, '[');
    char *rb = lb;
    int depth = 0;
    for (; rb && *rb; rb++) {
      if (*rb == '[') depth++;
      else if (*rb == ']' && --depth == 0) break;
    }
    if (!lb || !rb || !*rb) {
      free(sp);
      *why = "is a variable-length array whose size cannot be spelled";
      return NULL;
    }
    parcc_sb_t sb = {0};
    if (inner[0] == '*') parcc_sb_printf(&sb, "(%s)%.*s", inner, (int)(rb - lb + 1), lb);
    else parcc_sb_printf(&sb, "%s%.*s", inner, (int)(rb - lb + 1), lb);
    free(sp);
    char *r = decl_rec(clang_getArrayElementType(t), sb.s, 0, why);
    free(sb.s);
    return r;
  }
  case CXType_DependentSizedArray:
    *why = "is a variable-length array";
    return NULL;
  default: {
    char *s = spell(top ? clang_getUnqualifiedType(t) : t);
    parcc_sb_t sb = {0};
    parcc_sb_printf(&sb, "%s%s%s", s, inner[0] ? " " : "", inner);
    free(s);
    return sb.s ? sb.s : parcc_xstrdup("");
  }
  }
}

char *parcc_declarator(CXType t, const char *name, int decay, const char **why) {
  const char *dummy;
  if (!why) why = &dummy;
  CXType c = clang_getCanonicalType(t);
  if (decay && (c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray ||
                c.kind == CXType_VariableArray)) {
    /* a[N][M] -> (*a)[M]: a pointer to the first element, same indexing */
    parcc_sb_t sb = {0};
    parcc_sb_printf(&sb, "*%s", name);
    CXType el = (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
                 t.kind == CXType_VariableArray)
                    ? clang_getArrayElementType(t)
                    : clang_getArrayElementType(c);
    char *r = decl_rec(el, sb.s, 0, why);
    free(sb.s);
    return r;
  }
  return decl_rec(t, name, 1, why);
}

/* ---- pieces ------------------------------------------------------------- */

static uint64_t fnv1a(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

uint64_t parcc_stable_id(const char *function, const char *path, unsigned line, unsigned col) {
  uint64_t h = 0xcbf29ce484222325ULL;
  h = fnv1a(h, function, strlen(function) + 1);
  h = fnv1a(h, path, strlen(path) + 1);
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%u:%u", line, col);
  return fnv1a(h, buf, (size_t)n);
}

static uint64_t loop_id(parcc_loop_t *l) {
  return parcc_stable_id(l->func->name, l->f->path, l->p->line, l->p->col);
}

static char *ivar_decl(parcc_loop_t *l, const char *name) {
  return parcc_declarator(l->ivar_type, name, 0, NULL);
}

static const char *map_lo(const parcc_var_t *v) {
  if (v->item && v->item->ndims > 0 && v->item->dims[0].lo.text) return v->item->dims[0].lo.text;
  return "0";
}

static int has_red_lo(const parcc_var_t *v) {
  return v->role == PARCC_ROLE_REDUCTION && v->item && v->item->ndims > 0;
}

void parcc_emit_decls(parcc_loop_t *l, parcc_sb_t *o) {
  const char *id = l->ident;
  parcc_sb_printf(o, "/* par: distributed loop at %s:%u in %s() */\n", l->f->path, l->p->line,
                  l->func->name);
  parcc_sb_printf(o, "struct par__env_%s {\n", id);
  char *lbd = ivar_decl(l, "par__lb");
  parcc_sb_printf(o, "  %s;\n  int64_t par__step;\n", lbd);
  free(lbd);
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (has_red_lo(v)) parcc_sb_printf(o, "  int64_t par__rlo_%s;\n", v->name);
    if (!v->firstprivate || clang_Cursor_isNull(v->decl)) continue;
    char *d = parcc_declarator(v->type, v->name, 0, NULL);
    parcc_sb_printf(o, "  %s;\n", d);
    free(d);
  }
  parcc_emit_env_target(l, o);
  parcc_sb_puts(o, "};\n");
  parcc_sb_printf(o, "static void par__chunk_%s(const parrt_chunk_t *par__c);\n", id);
  parcc_emit_decl_target(l, o);
  if (l->nmaps) {
    parcc_sb_printf(o, "static const parrt_map_desc_t par__maps_%s[] = {\n", id);
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (v->role != PARCC_ROLE_MAP) continue;
      parcc_sb_puts(o, "  {");
      parcc_put_c_string(o, v->name);
      parcc_sb_t fl = {0};
      if (v->map_implicit) parcc_sb_puts(&fl, " | PARRT_MAP_IMPLICIT");
      if (v->slice) parcc_sb_puts(&fl, " | PARRT_MAP_SLICE");
      if (v->written || v->written_through) parcc_sb_puts(&fl, " | PARRT_MAP_WRITTEN");
      parcc_sb_printf(o, ", %s, %s, %lld},\n", map_kind_name(v->map_kind), fl.len ? fl.s + 3 : "0",
                      parcc_map_unit(v->type));
      free(fl.s);
    }
    parcc_sb_puts(o, "};\n");
  }
  if (l->nreds) {
    parcc_sb_printf(o, "static const parrt_red_desc_t par__reds_%s[] = {\n", id);
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (v->role != PARCC_ROLE_REDUCTION) continue;
      parcc_sb_puts(o, "  {");
      parcc_put_c_string(o, v->name);
      parcc_sb_printf(o, ", %s, %s},\n", red_op_name(v->red_op), type_kind_names[v->red_type]);
    }
    parcc_sb_puts(o, "};\n");
  }
  if (l->nlasts) {
    parcc_sb_printf(o, "static const parrt_last_desc_t par__lasts_%s[] = {\n", id);
    for (int i = 0; i < l->nvars; i++)
      if (l->vars[i].lastprivate) {
        parcc_sb_puts(o, "  {");
        parcc_put_c_string(o, l->vars[i].name);
        parcc_sb_puts(o, "},\n");
      }
    parcc_sb_puts(o, "};\n");
  }
  static const char *sched_names[] = {"PARRT_SCHED_AUTO", "PARRT_SCHED_STATIC", "PARRT_SCHED_DYNAMIC",
                                      "PARRT_SCHED_GUIDED"};
  parcc_sb_printf(o, "static const parrt_loop_desc_t par__loop_%s = {\n", id);
  parcc_sb_puts(o, "  .struct_size = sizeof(parrt_loop_desc_t),\n  .abi_version = PARRT_ABI_CURRENT,\n");
  parcc_sb_printf(o, "  .id = 0x%016llxULL,\n  .name = ", (unsigned long long)loop_id(l));
  char nm[256];
  snprintf(nm, sizeof nm, "%s:%u", l->func->name, l->p->line);
  parcc_put_c_string(o, nm);
  parcc_sb_puts(o, ",\n  .loc = {");
  parcc_put_c_string(o, l->f->path);
  parcc_sb_puts(o, ", ");
  parcc_put_c_string(o, l->func->name);
  parcc_sb_printf(o, ", %u, %u},\n", l->p->line, l->p->col);
  parcc_sb_printf(o, "  .chunk = par__chunk_%s,\n  .schedule = %s,\n", id, sched_names[l->sched]);
  parcc_emit_desc_target(l, o);
  const char *flag[3];
  int nflags = 0;
  if (l->nowait) flag[nflags++] = "PARRT_LOOP_NOWAIT";
  if (l->cache) flag[nflags++] = "PARRT_LOOP_CACHE";
  if (l->device_keep) flag[nflags++] = "PARRT_LOOP_DEVICE_KEEP";
  parcc_sb_puts(o, "  .flags = ");
  if (!nflags) parcc_sb_puts(o, "0");
  for (int k = 0; k < nflags; k++) parcc_sb_printf(o, "%s%s", k ? " | " : "", flag[k]);
  parcc_sb_puts(o, ",\n");
  if (l->cache_dir) {
    parcc_sb_puts(o, "  .cache_dir = ");
    parcc_put_c_string(o, l->cache_dir);
    parcc_sb_puts(o, ",\n");
  }
  parcc_sb_printf(o, "  .nmaps = %d, .nreds = %d, .nlasts = %d,\n", l->nmaps, l->nreds, l->nlasts);
  if (l->nmaps) parcc_sb_printf(o, "  .maps = par__maps_%s,\n", id);
  if (l->nreds) parcc_sb_printf(o, "  .reds = par__reds_%s,\n", id);
  if (l->nlasts) parcc_sb_printf(o, "  .lasts = par__lasts_%s,\n", id);
  parcc_sb_puts(o, "};\n");
  parcc_sb_printf(o,
                  "__attribute__((constructor)) static void par__register_%s(void) {\n"
                  "  parrt_register_loop(&par__loop_%s);\n}\n",
                  id, id);
}

/* sizeof one scalar element of a (possibly multi-dimensional) array. */
static void put_elem0(parcc_sb_t *o, const parcc_var_t *v) {
  parcc_sb_printf(o, "(%s)", v->name);
  int nd = v->ndims ? v->ndims : 1;
  for (int d = 0; d < nd; d++) parcc_sb_puts(o, "[0]");
}

void parcc_emit_call(parcc_loop_t *l, parcc_sb_t *o) {
  parcc_file_t *f = l->f;
  const char *id = l->ident;
  /* Keep preprocessor lines between the pragma and the loop (other
   * pragmas such as `#pragma scop`), but not OpenMP's: the loop they
   * annotated is now a runtime call. */
  parcc_sb_t between = {0};
  for (size_t i = l->p->end; i < l->for_off;) {
    const char *nl = memchr(f->buf + i, '\n', l->for_off - i);
    size_t e = nl ? (size_t)(nl - f->buf) + 1 : l->for_off;
    const char *line = f->buf + i;
    size_t n = e - i;
    const char *h = line;
    while (h < line + n && (*h == ' ' || *h == '\t')) h++;
    if (h < line + n && *h == '#') {
      int omp = 0;
      for (const char *q = h; q + 3 <= line + n; q++)
        if (!memcmp(q, "omp", 3)) omp = 1;
      if (!omp) parcc_sb_putn(&between, line, n);
    }
    i = e;
  }
  if (between.len) {
    parcc_sb_puts(o, between.s);
    if (o->s[o->len - 1] != '\n') parcc_sb_puts(o, "\n");
  }
  free(between.s);

  parcc_sb_puts(o, "/* #pragma par");
  for (size_t i = 0; i < l->p->text_len; i++) {
    /* Keep the comment a comment: no nested opening or early closing. */
    char c = l->p->text[i];
    char next = i + 1 < l->p->text_len ? l->p->text[i + 1] : 0;
    parcc_sb_putn(o, &c, 1);
    if ((c == '*' && next == '/') || (c == '/' && next == '*')) parcc_sb_putn(o, " ", 1);
  }
  parcc_sb_puts(o, " */\n");
  parcc_emit_line_at(f, l->for_off, o);
  parcc_sb_puts(o, "{\n");
  char *lbd = ivar_decl(l, "par__lb");
  parcc_sb_printf(o, "  %s = (%s);\n", lbd, l->lb);
  free(lbd);
  parcc_sb_printf(o, "  __typeof__(%s) par__ub = (%s);\n", l->ub, l->ub);
  if (l->step)
    parcc_sb_printf(o, "  int64_t par__step = %s(int64_t)(%s);\n", l->step_neg ? "-" : "", l->step);
  else
    parcc_sb_printf(o, "  int64_t par__step = %d;\n", l->step_neg ? -1 : 1);
  int up = l->cmp <= 2, incl = l->cmp == 2 || l->cmp == 4;
  const char *op = l->cmp == 1 ? "<" : l->cmp == 2 ? "<=" : l->cmp == 3 ? ">" : ">=";
  parcc_sb_printf(o, "  uint64_t par__n = 0;\n  if (par__lb %s par__ub) {\n", op);
  parcc_sb_printf(o, "    if (par__step %s 0)\n      parrt_fatal(&par__loop_%s.loc, \"the loop step must be %s\");\n",
                  up ? "<=" : ">=", id, up ? "positive for a loop that counts up" : "negative for a loop that counts down");
  if (up)
    parcc_sb_printf(o, "    par__n = parrt_trip_count((uint64_t)par__ub - (uint64_t)par__lb, (uint64_t)par__step, %d);\n", incl);
  else
    parcc_sb_printf(o, "    par__n = parrt_trip_count((uint64_t)par__lb - (uint64_t)par__ub, -(uint64_t)par__step, %d);\n", incl);
  parcc_sb_puts(o, "  }\n");
  /* From here on, errors are about the pragma's clauses. */
  parcc_emit_line_at(f, l->p->off, o);
  parcc_sb_printf(o, "  struct par__env_%s par__env;\n", id);
  parcc_sb_puts(o, "  __builtin_memset(&par__env, 0, sizeof par__env);\n");
  parcc_sb_puts(o, "  par__env.par__lb = par__lb;\n  par__env.par__step = par__step;\n");
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (has_red_lo(v)) parcc_sb_printf(o, "  par__env.par__rlo_%s = (int64_t)(%s);\n", v->name, map_lo(v));
    if (!v->firstprivate || clang_Cursor_isNull(v->decl)) continue;
    if (v->is_array)
      parcc_sb_printf(o, "  __builtin_memcpy(par__env.%s, %s, sizeof par__env.%s);\n", v->name, v->name, v->name);
    else
      parcc_sb_printf(o, "  par__env.%s = %s;\n", v->name, v->name);
  }
  if (l->nmaps) {
    parcc_sb_printf(o, "  parrt_map_t par__maps[%d] = {\n", l->nmaps);
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (v->role != PARCC_ROLE_MAP) continue;
      const char *lo = map_lo(v);
      parcc_sb_printf(o, "    {(void *)(%s), (int64_t)(%s), ", v->name, lo);
      if (v->item && v->item->ndims > 0 && v->item->dims[0].len.text)
        parcc_sb_printf(o, "(uint64_t)(%s)", v->item->dims[0].len.text);
      else
        parcc_sb_printf(o, "(uint64_t)(sizeof(%s) / sizeof((%s)[0])) - (uint64_t)(%s)", v->name, v->name, lo);
      parcc_sb_printf(o, ", sizeof((%s)[0]), %lld, %lld},\n", v->name, v->slice ? v->off_min : 0,
                      v->slice ? v->off_max : 0);
    }
    parcc_sb_puts(o, "  };\n");
    /* Row slices (`p[i*S + x]`, x over [0, S)): the section counted in rows
     * of S elements, when it is made of whole rows; else the item travels
     * whole (off_min > off_max turns the slice off). */
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (v->role != PARCC_ROLE_MAP || !v->slice || !v->slice_row) continue;
      parcc_sb_printf(o, "  {\n    int64_t par__rs = (int64_t)(%s);\n", v->slice_row);
      parcc_sb_printf(o, "    if (par__rs > 0 && par__maps[%d].lo %% par__rs == 0 && par__maps[%d].len %% (uint64_t)par__rs == 0) {\n",
                      v->index, v->index);
      parcc_sb_printf(o, "      par__maps[%d].lo /= par__rs;\n      par__maps[%d].len /= (uint64_t)par__rs;\n"
                         "      par__maps[%d].elem_size *= (uint64_t)par__rs;\n",
                      v->index, v->index, v->index);
      parcc_sb_printf(o, "    } else {\n      par__maps[%d].off_min = 1;\n      par__maps[%d].off_max = 0;\n    }\n  }\n",
                      v->index, v->index);
    }
    /* Inner dimensions of a section must be whole rows. */
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (v->role != PARCC_ROLE_MAP || !v->item) continue;
      for (int d = 1; d < v->item->ndims; d++) {
        const parcc_dim_t *dm = &v->item->dims[d];
        parcc_sb_t row = {0};
        parcc_sb_printf(&row, "(%s)", v->name);
        for (int k = 0; k < d; k++) parcc_sb_puts(&row, "[0]");
        parcc_sb_printf(o, "  if ((int64_t)(%s) != 0", dm->lo.text ? dm->lo.text : "0");
        if (dm->len.text)
          parcc_sb_printf(o, " || (uint64_t)(%s) != sizeof(%s) / sizeof(%s[0])", dm->len.text, row.s, row.s);
        parcc_sb_printf(o, ")\n    parrt_fatal(&par__loop_%s.loc, \"map of '%s': only whole rows can be mapped, [0:N] in every dimension but the first\");\n",
                        id, v->name);
        free(row.s);
      }
    }
  }
  if (l->nreds) {
    parcc_sb_printf(o, "  parrt_red_t par__reds[%d] = {\n", l->nreds);
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (v->role != PARCC_ROLE_REDUCTION) continue;
      if (has_red_lo(v)) {
        parcc_sb_printf(o, "    {(void *)&(%s)[%s], ", v->name, map_lo(v));
        if (v->item->dims[0].len.text)
          parcc_sb_printf(o, "(uint64_t)(%s)", v->item->dims[0].len.text);
        else
          parcc_sb_printf(o, "(uint64_t)(sizeof(%s) / sizeof((%s)[0])) - (uint64_t)(%s)", v->name, v->name, map_lo(v));
        parcc_sb_printf(o, ", sizeof((%s)[0])},\n", v->name);
      } else if (v->is_array) {
        parcc_sb_printf(o, "    {(void *)(%s), sizeof(%s) / sizeof(", v->name, v->name);
        put_elem0(o, v);
        parcc_sb_puts(o, "), sizeof(");
        put_elem0(o, v);
        parcc_sb_puts(o, ")},\n");
      } else {
        parcc_sb_printf(o, "    {(void *)&(%s), 1, sizeof(%s)},\n", v->name, v->name);
      }
    }
    parcc_sb_puts(o, "  };\n");
  }
  if (l->nlasts) {
    parcc_sb_printf(o, "  parrt_last_t par__lasts[%d] = {\n", l->nlasts);
    for (int i = 0; i < l->nvars; i++)
      if (l->vars[i].lastprivate)
        parcc_sb_printf(o, "    {(void *)&(%s), sizeof(%s)},\n", l->vars[i].name, l->vars[i].name);
    parcc_sb_puts(o, "  };\n");
  }
  parcc_sb_puts(o, "  parrt_loop_args_t par__args;\n  __builtin_memset(&par__args, 0, sizeof par__args);\n");
  parcc_sb_puts(o, "  par__args.struct_size = sizeof par__args;\n");
  parcc_sb_puts(o, "  par__args.niters = par__n;\n  par__args.lb = (int64_t)par__lb;\n  par__args.step = par__step;\n");
  parcc_sb_puts(o, "  par__args.env = &par__env;\n  par__args.env_size = sizeof par__env;\n");
  if (l->nmaps) parcc_sb_puts(o, "  par__args.maps = par__maps;\n");
  if (l->nreds) parcc_sb_puts(o, "  par__args.reds = par__reds;\n");
  if (l->nlasts) parcc_sb_puts(o, "  par__args.lasts = par__lasts;\n");
  if (l->retries)
    parcc_sb_printf(o, "  par__args.retries = (int64_t)(%s);\n", l->retries);
  else
    parcc_sb_puts(o, "  par__args.retries = -1;\n");
  if (l->timeout) parcc_sb_printf(o, "  par__args.timeout = (double)(%s);\n", l->timeout);
  if (l->sched_chunk) {
    parcc_sb_printf(o, "  par__args.sched_chunk = (int64_t)(%s);\n", l->sched_chunk);
    parcc_sb_printf(o, "  if (par__args.sched_chunk <= 0)\n    parrt_fatal(&par__loop_%s.loc, \"the schedule chunk size must be positive\");\n", id);
  }
  if (l->if_expr) parcc_sb_printf(o, "  par__args.if_false = !(%s);\n", l->if_expr);
  parcc_emit_call_target(l, o);
  parcc_sb_printf(o, "  parrt_loop_run(&par__loop_%s, &par__args, %s);\n", id, l->nowait ? "&par__group" : "0");
  /* Variables the loop made private may now be unused in the function. */
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if ((v->role == PARCC_ROLE_PRIVATE || v->role == PARCC_ROLE_LASTPRIVATE) && !v->is_global &&
        !clang_Cursor_isNull(v->decl))
      parcc_sb_printf(o, "  (void)%s;\n", v->name);
  }
  if (!l->ivar_in_init) {
    /* The serial loop leaves its counter one step past the last iteration. */
    char *td = parcc_declarator(clang_getUnqualifiedType(l->ivar_type), "", 0, NULL);
    parcc_sb_printf(o, "  if (par__n) %s = (%s)((uint64_t)par__lb + par__n * (uint64_t)par__step);\n"
                       "  else %s = par__lb;\n",
                    l->ivar_name, td, l->ivar_name);
    parcc_sb_printf(o, "  (void)%s;\n", l->ivar_name);
    free(td);
  }
  parcc_sb_puts(o, "}");
}

/* The step as a plain non-negative integer literal ("4"), or NULL. */
static char *step_literal(const char *step) {
  const char *q = step;
  while (*q == ' ' || *q == '(') q++;
  const char *e = q;
  while ((*e >= '0' && *e <= '9') || (*e >= 'a' && *e <= 'f') || (*e >= 'A' && *e <= 'F') || *e == 'x' ||
         *e == 'X')
    e++;
  if (e == q || *q < '0' || *q > '9') return NULL;
  const char *t = e;
  while (*t == 'u' || *t == 'U' || *t == 'l' || *t == 'L') t++;
  while (*t == ' ' || *t == ')') t++;
  if (*t) return NULL;
  return parcc_strndup(q, (size_t)(e - q));
}

void parcc_emit_chunk(parcc_loop_t *l, parcc_sb_t *o) {
  parcc_file_t *f = l->f;
  const char *id = l->ident;
  parcc_sb_printf(o, "\n/* par: the body of the loop at %s:%u, run for iterations [k0, k1) */\n", f->path,
                  l->p->line);
  /* Messages about the chunk's declarations point at the pragma. */
  parcc_emit_line_at(f, l->p->off, o);
  parcc_sb_printf(o, "static void par__chunk_%s(const parrt_chunk_t *par__c) {\n", id);
  parcc_sb_printf(o, "  const struct par__env_%s *par__env = (const struct par__env_%s *)par__c->env;\n", id, id);
  /* Copies first: the types of mapped data may name them (double (*C)[nj]). */
  for (int pass = 0; pass < 2; pass++)
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (!v->referenced || clang_Cursor_isNull(v->decl)) continue;
    int is_view = v->role == PARCC_ROLE_MAP || v->role == PARCC_ROLE_REDUCTION;
    if (is_view != pass) continue;
    switch (v->role) {
    case PARCC_ROLE_MAP: {
      if (v->whole_view) {
        char nm[160];
        snprintf(nm, sizeof nm, "*par__a_%s", v->name);
        char *d = parcc_declarator(v->type, nm, 0, NULL);
        parcc_sb_printf(o, "  %s = par__c->maps[%d];\n", d, v->index);
        free(d);
        break;
      }
      char *d = parcc_declarator(v->type, v->name, 1, NULL);
      parcc_sb_printf(o, "  %s = par__c->maps[%d];\n", d, v->index);
      free(d);
      break;
    }
    case PARCC_ROLE_REDUCTION: {
      if (has_red_lo(v)) {
        char *d = parcc_declarator(v->type, v->name, 1, NULL);
        char *cast = parcc_declarator(v->type, "", 1, NULL);
        parcc_sb_printf(o, "  %s = (%s)par__c->red[%d] - par__env->par__rlo_%s;\n", d, cast, v->index, v->name);
        free(d);
        free(cast);
      } else if (v->is_array) {
        char nm[160];
        snprintf(nm, sizeof nm, "*par__a_%s", v->name);
        char *d = parcc_declarator(v->type, v->whole_view ? nm : v->name, !v->whole_view, NULL);
        parcc_sb_printf(o, "  %s = par__c->red[%d];\n", d, v->index);
        free(d);
      } else {
        char *d = parcc_declarator(v->type, v->name, 0, NULL);
        parcc_sb_printf(o, "  %s;\n  __builtin_memcpy(&%s, par__c->red[%d], sizeof %s);\n", d, v->name, v->index,
                        v->name);
        free(d);
      }
      break;
    }
    default: {
      char *d = parcc_declarator(v->type, v->name, 0, NULL);
      if (v->firstprivate && v->is_array)
        parcc_sb_printf(o, "  %s;\n  __builtin_memcpy(%s, par__env->%s, sizeof %s);\n", d, v->name, v->name, v->name);
      else if (v->firstprivate)
        parcc_sb_printf(o, "  %s = par__env->%s;\n", d, v->name);
      else
        parcc_sb_printf(o, "  %s;\n", d);
      free(d);
      break;
    }
    }
  }
  char *ivd = ivar_decl(l, l->ivar_name);
  char *incd = ivar_decl(l, "par__inc");
  char *td = parcc_declarator(clang_getUnqualifiedType(l->ivar_type), "", 0, NULL);
  /* A step known at compile time is written as a constant: the vectorizer
   * needs it to see the accesses as a linear sequence (bench/: a runtime
   * step left `y[i] = a * x[i] + y[i]` scalar). */
  parcc_sb_t incr = {0};
  char *lit = NULL;
  if (!l->step) {
    parcc_sb_printf(&incr, "%s%s", l->ivar_name, l->step_neg ? "--" : "++");
  } else if ((lit = step_literal(l->step)) != NULL) {
    parcc_sb_printf(&incr, "%s %s= %s", l->ivar_name, l->step_neg ? "-" : "+", lit);
  } else {
    parcc_sb_printf(o, "  const %s = (%s)par__env->par__step;\n", incd, td);
    parcc_sb_printf(&incr, "%s += par__inc", l->ivar_name);
  }
  free(lit);
  parcc_sb_printf(o, "  %s = (%s)((uint64_t)par__env->par__lb + par__c->k0 * (uint64_t)par__env->par__step);\n",
                  ivd, td);
  for (int i = 0; i < l->nvars; i++)
    if (l->vars[i].whole_view) parcc_sb_printf(o, "#define %s (*par__a_%s)\n", l->vars[i].name, l->vars[i].name);
  /* The bound in a local: a body that stores through a `long *` or
   * `char *` might, for all the compiler knows, change par__c->k1, which it
   * would then load again after every store (a histogram's chunk ran 19%
   * slower than the serial loop). */
  parcc_sb_printf(o, "  for (uint64_t par__k = par__c->k0, par__k1 = par__c->k1; par__k < par__k1; par__k++, %s)",
                  incr.s);
  free(incr.s);
  free(ivd);
  free(incd);
  free(td);
  parcc_emit_line_at(f, l->body_off, o);
  parcc_sb_putn(o, f->buf + l->body_off, l->body_end - l->body_off);
  parcc_sb_puts(o, "\n");
  for (int i = 0; i < l->nvars; i++)
    if (l->vars[i].whole_view) parcc_sb_printf(o, "#undef %s\n", l->vars[i].name);
  parcc_sb_printf(o, "#line %u \"<par generated>\"\n", l->p->line);
  parcc_sb_printf(o, "  (void)%s;\n", l->ivar_name);
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (!v->referenced || clang_Cursor_isNull(v->decl)) continue;
    if (v->role == PARCC_ROLE_REDUCTION && !has_red_lo(v) && !v->is_array)
      parcc_sb_printf(o, "  __builtin_memcpy(par__c->red[%d], &%s, sizeof %s);\n", v->index, v->name, v->name);
    if (v->lastprivate)
      parcc_sb_printf(o, "  if (par__c->k1 == par__c->niters) __builtin_memcpy(par__c->last[%d], &%s, sizeof %s);\n",
                      v->last_index, v->name, v->name);
  }
  parcc_sb_puts(o, "}\n");
}
