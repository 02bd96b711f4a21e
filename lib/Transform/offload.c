/* offload.c: the OpenMP target variant of a `device(gpu|any)` loop.
 *
 * For a loop with device(gpu) or device(any), parcc emits beside the host
 * chunk function par__chunk_<id> a second one, par__chunkt_<id>, that runs
 * the same iterations [k0, k1) as one
 *   #pragma omp target teams distribute parallel for
 * region with the same data: every mapped item is mapped by bytes from the
 * chunk's extent (parrt_chunk_t.ext), so the same code serves a whole array
 * in ./app and a slice on a parrun worker; reductions become OpenMP
 * reductions over the chunk's partial; lastprivate items are stored by the
 * iteration niters-1. The variant exists only when the file is compiled with
 * OpenMP (`#if defined(_OPENMP)`), so a build without offload targets still
 * compiles and the runtime runs the host variant (docs/offload.md).
 *
 * It also decides which device loops may leave their data on the device for
 * the next one (PARRT_LOOP_DEVICE_KEEP): when the statement right after the
 * loop is another device loop of the same block.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum parcc_device parcc_loop_device(const parcc_loop_t *l) {
  enum parcc_device d = PARCC_DEV_CPU;
  for (int i = 0; i < l->p->ast.nclauses; i++)
    if (l->p->ast.clauses[i].kind == PARCC_CL_DEVICE) d = l->p->ast.clauses[i].device;
  return d;
}

/* Complex reductions have no OpenMP reduction identifier in C. */
int parcc_offload_check(parcc_loop_t *l) {
  if (parcc_loop_device(l) == PARCC_DEV_CPU) return 0;
  int bad = 0;
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (v->role != PARCC_ROLE_REDUCTION || v->red_type < 15 /* PARRT_T_CFLOAT */) continue;
    parcc_error_at(l->f, l->p->off,
                   "use device(cpu), or reduce the real and imaginary parts separately",
                   "reduction over the complex '%s' cannot run on a device", v->name);
    bad = 1;
  }
  return bad;
}

/* Only blanks and comments between `from` and `to`? */
static int only_blanks(const parcc_file_t *f, size_t from, size_t to) {
  for (size_t i = from; i < to && i < f->len;) {
    char c = f->buf[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';') {
      i++;
    } else if (c == '/' && i + 1 < to && f->buf[i + 1] == '/') {
      while (i < to && f->buf[i] != '\n')
        i++;
    } else if (c == '/' && i + 1 < to && f->buf[i + 1] == '*') {
      const char *e = strstr(f->buf + i + 2, "*/");
      if (!e) return 0;
      i = (size_t)(e - f->buf) + 2;
    } else {
      return 0;
    }
  }
  return 1;
}

void parcc_offload_mark_runs(parcc_loop_t *loops, int nloops) {
  for (int i = 0; i < nloops; i++) {
    parcc_loop_t *a = &loops[i];
    a->device_keep = 0;
    if (parcc_loop_device(a) == PARCC_DEV_CPU || a->nowait) continue;
    for (int k = 0; k < nloops; k++) {
      parcc_loop_t *b = &loops[k];
      if (k == i || b->func != a->func || parcc_loop_device(b) == PARCC_DEV_CPU ||
          b->p->line_off < a->end)
        continue;
      if (only_blanks(a->f, a->end, b->p->line_off)) a->device_keep = 1;
    }
  }
}

static int has_red_lo(const parcc_var_t *v) {
  return v->role == PARCC_ROLE_REDUCTION && v->item && v->item->ndims > 0;
}

static const char *omp_red_op(enum parcc_red_op op) {
  switch (op) {
  case PARCC_RED_ADD:
  case PARCC_RED_SUB:
    return "+";
  case PARCC_RED_MUL:
    return "*";
  case PARCC_RED_BAND:
    return "&";
  case PARCC_RED_BOR:
    return "|";
  case PARCC_RED_BXOR:
    return "^";
  case PARCC_RED_LAND:
    return "&&";
  case PARCC_RED_LOR:
    return "||";
  case PARCC_RED_MIN:
    return "min";
  case PARCC_RED_MAX:
    return "max";
  }
  return "+";
}

/* Rows of a whole-array reduction (a constant array): its first dimension,
 * since the partial is seen as a pointer to rows. */
static long long array_count(CXType t) {
  CXType c = clang_getCanonicalType(t);
  return c.kind == CXType_ConstantArray ? clang_getArraySize(c) : 1;
}

void parcc_emit_env_target(parcc_loop_t *l, parcc_sb_t *o) {
  if (parcc_loop_device(l) == PARCC_DEV_CPU) return;
  for (int i = 0; i < l->nvars; i++)
    if (has_red_lo(&l->vars[i])) parcc_sb_printf(o, "  uint64_t par__rlen_%s;\n", l->vars[i].name);
}

void parcc_emit_call_target(parcc_loop_t *l, parcc_sb_t *o) {
  if (parcc_loop_device(l) == PARCC_DEV_CPU) return;
  for (int i = 0; i < l->nvars; i++)
    if (has_red_lo(&l->vars[i]))
      parcc_sb_printf(o, "  par__env.par__rlen_%s = par__reds[%d].count;\n", l->vars[i].name,
                      l->vars[i].index);
}

void parcc_emit_chunk_target(parcc_loop_t *l, parcc_sb_t *o) {
  if (parcc_loop_device(l) == PARCC_DEV_CPU) return;
  parcc_file_t *f = l->f;
  const char *id = l->ident;
  parcc_sb_printf(
      o,
      "\n#if defined(_OPENMP)\n/* par: the loop at %s:%u as an OpenMP target region, for "
      "iterations [k0, k1) */\n",
      f->path, l->p->line);
  parcc_emit_line_at(f, l->p->off, o);
  parcc_sb_printf(o, "static void par__chunkt_%s(const parrt_chunk_t *par__c) {\n", id);
  parcc_sb_printf(
      o, "  const struct par__env_%s *par__env = (const struct par__env_%s *)par__c->env;\n", id,
      id);
  parcc_sb_t clauses = {0}, inner = {0}, after = {0};
  /* Firstprivate copies (the types of views may name them), then views. */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < l->nvars; i++) {
      parcc_var_t *v = &l->vars[i];
      if (!v->referenced || clang_Cursor_isNull(v->decl)) continue;
      int is_view = v->role == PARCC_ROLE_MAP || v->role == PARCC_ROLE_REDUCTION;
      if (is_view != pass) continue;
      switch (v->role) {
      case PARCC_ROLE_MAP: {
        /* The chunk's bytes, mapped; the view is rebuilt from them inside. */
        int j = v->index;
        parcc_sb_printf(o,
                        "  char *par__d_%s = (char *)par__c->maps[%d] + par__c->ext[%d].lo * "
                        "(int64_t)par__c->ext[%d].elem_size;\n",
                        v->name, j, j, j);
        parcc_sb_printf(o,
                        "  const int64_t par__o_%s = par__c->ext[%d].lo * "
                        "(int64_t)par__c->ext[%d].elem_size;\n",
                        v->name, j, j);
        parcc_sb_printf(
            o, "  const uint64_t par__n_%s = par__c->ext[%d].len * par__c->ext[%d].elem_size;\n",
            v->name, j, j);
        int written = v->written || v->written_through;
        const char *kind = v->map_kind == PARCC_MAP_ALLOC ? "alloc"
                           : !written                     ? "to"
                           : v->map_kind == PARCC_MAP_TO  ? "to"
                                                          : "tofrom";
        parcc_sb_printf(&clauses, " map(%s: par__d_%s[0:par__n_%s])", kind, v->name, v->name);
        char nm[160];
        snprintf(nm, sizeof nm, v->whole_view ? "*par__a_%s" : "%s", v->name);
        char *d = parcc_declarator(v->type, nm, !v->whole_view, NULL);
        char *cast = parcc_declarator(v->type, v->whole_view ? "*" : "", !v->whole_view, NULL);
        parcc_sb_printf(&inner, "    %s = (%s)(void *)(par__d_%s - par__o_%s);\n", d, cast, v->name,
                        v->name);
        free(d);
        free(cast);
        break;
      }
      case PARCC_ROLE_REDUCTION: {
        const char *op = omp_red_op(v->red_op);
        if (has_red_lo(v) || v->is_array) {
          char *el = parcc_declarator(v->type, "", 1, NULL);
          parcc_sb_printf(o, "  %s par__r_%s = (%s)par__c->red[%d];\n", el, v->name, el, v->index);
          if (has_red_lo(v)) {
            parcc_sb_printf(&clauses, " reduction(%s: par__r_%s[0:par__env->par__rlen_%s])", op,
                            v->name, v->name);
            char *d = parcc_declarator(v->type, v->name, 1, NULL);
            parcc_sb_printf(&inner, "    %s = par__r_%s - par__rlo_%s;\n", d, v->name, v->name);
            parcc_sb_printf(o, "  const int64_t par__rlo_%s = par__env->par__rlo_%s;\n", v->name,
                            v->name);
            free(d);
          } else {
            parcc_sb_printf(&clauses, " reduction(%s: par__r_%s[0:%lld])", op, v->name,
                            array_count(v->type));
            char nm[160];
            snprintf(nm, sizeof nm, v->whole_view ? "*par__a_%s" : "%s", v->name);
            char *d = parcc_declarator(v->type, nm, !v->whole_view, NULL);
            char *cast = parcc_declarator(v->type, v->whole_view ? "*" : "", !v->whole_view, NULL);
            parcc_sb_printf(&inner, "    %s = (%s)(void *)par__r_%s;\n", d, cast, v->name);
            free(d);
            free(cast);
          }
          free(el);
        } else {
          char *d = parcc_declarator(v->type, v->name, 0, NULL);
          parcc_sb_printf(o, "  %s;\n  __builtin_memcpy(&%s, par__c->red[%d], sizeof %s);\n", d,
                          v->name, v->index, v->name);
          parcc_sb_printf(&clauses, " reduction(%s: %s)", op, v->name);
          parcc_sb_printf(&after, "  __builtin_memcpy(par__c->red[%d], &%s, sizeof %s);\n",
                          v->index, v->name, v->name);
          free(d);
        }
        break;
      }
      default: {
        char *d = parcc_declarator(v->type, v->name, 0, NULL);
        if (v->firstprivate && v->is_array)
          parcc_sb_printf(o, "  %s;\n  __builtin_memcpy(%s, par__env->%s, sizeof %s);\n", d,
                          v->name, v->name, v->name);
        else if (v->firstprivate)
          parcc_sb_printf(o, "  %s = par__env->%s;\n", d, v->name);
        else
          parcc_sb_printf(o, "  %s;\n", d);
        parcc_sb_printf(&clauses, " %s(%s)", v->firstprivate ? "firstprivate" : "private", v->name);
        if (v->lastprivate) {
          char nm[160];
          snprintf(nm, sizeof nm, "par__lp_%s", v->name);
          char *dl = parcc_declarator(v->type, nm, 0, NULL);
          parcc_sb_printf(o, "  %s;\n  __builtin_memset(&par__lp_%s, 0, sizeof par__lp_%s);\n", dl,
                          v->name, v->name);
          parcc_sb_printf(&clauses, " map(tofrom: par__lp_%s)", v->name);
          free(dl);
        }
        free(d);
        break;
      }
      }
    }
  char *td = parcc_declarator(clang_getUnqualifiedType(l->ivar_type), "", 0, NULL);
  char *ivd = parcc_declarator(l->ivar_type, l->ivar_name, 0, NULL);
  parcc_sb_puts(o, "  const uint64_t par__k0 = par__c->k0, par__k1 = par__c->k1, par__last = "
                   "par__c->niters - 1;\n");
  parcc_sb_puts(o, "  const uint64_t par__lbu = (uint64_t)par__env->par__lb, par__stu = "
                   "(uint64_t)par__env->par__step;\n");
  parcc_sb_printf(o, "#pragma omp target teams distribute parallel for%s\n",
                  clauses.s ? clauses.s : "");
  parcc_sb_puts(o, "  for (uint64_t par__k = par__k0; par__k < par__k1; par__k++) {\n");
  parcc_sb_printf(o, "    %s = (%s)(par__lbu + par__k * par__stu);\n", ivd, td);
  if (inner.s) parcc_sb_puts(o, inner.s);
  for (int i = 0; i < l->nvars; i++)
    if (l->vars[i].whole_view)
      parcc_sb_printf(o, "#define %s (*par__a_%s)\n", l->vars[i].name, l->vars[i].name);
  /* `continue` in the body leaves the do-while, then the stores below run. */
  parcc_sb_puts(o, "    do");
  parcc_emit_line_at(f, l->body_off, o);
  parcc_sb_putn(o, f->buf + l->body_off, l->body_end - l->body_off);
  parcc_sb_puts(o, "\n");
  for (int i = 0; i < l->nvars; i++)
    if (l->vars[i].whole_view) parcc_sb_printf(o, "#undef %s\n", l->vars[i].name);
  parcc_sb_printf(o, "#line %u \"<par generated>\"\n", l->p->line);
  parcc_sb_puts(o, "    while (0);\n");
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (v->lastprivate && v->referenced && !clang_Cursor_isNull(v->decl))
      parcc_sb_printf(
          o, "    if (par__k == par__last) __builtin_memcpy(&par__lp_%s, &%s, sizeof %s);\n",
          v->name, v->name, v->name);
  }
  parcc_sb_printf(o, "    (void)%s;\n  }\n", l->ivar_name);
  if (after.s) parcc_sb_puts(o, after.s);
  for (int i = 0; i < l->nvars; i++) {
    parcc_var_t *v = &l->vars[i];
    if (v->lastprivate && v->referenced && !clang_Cursor_isNull(v->decl))
      parcc_sb_printf(o,
                      "  if (par__k1 == par__c->niters) __builtin_memcpy(par__c->last[%d], "
                      "&par__lp_%s, sizeof par__lp_%s);\n",
                      v->last_index, v->name, v->name);
  }
  parcc_sb_puts(o, "}\n#endif\n");
  free(td);
  free(ivd);
  free(clauses.s);
  free(inner.s);
  free(after.s);
}

/* What the descriptor says about devices: `.device` and `.chunk_target`. */
void parcc_emit_desc_target(parcc_loop_t *l, parcc_sb_t *o) {
  static const char *const devices[] = {"PARRT_DEV_CPU", "PARRT_DEV_GPU", "PARRT_DEV_ANY"};
  enum parcc_device d = parcc_loop_device(l);
  parcc_sb_printf(o, "  .device = %s,\n", devices[d]);
  if (d == PARCC_DEV_CPU) return;
  parcc_sb_printf(o, "#if defined(_OPENMP)\n  .chunk_target = par__chunkt_%s,\n#endif\n", l->ident);
}

void parcc_emit_decl_target(parcc_loop_t *l, parcc_sb_t *o) {
  if (parcc_loop_device(l) == PARCC_DEV_CPU) return;
  parcc_sb_printf(
      o, "#if defined(_OPENMP)\nstatic void par__chunkt_%s(const parrt_chunk_t *par__c);\n#endif\n",
      l->ident);
}

/* ---- distributed functions with device(gpu|any) ---------------------------
 *
 * par__fbt_<f> runs the body as one `#pragma omp target` region: the
 * parameters are read from the block, each mapped pointer's section is
 * mapped with the bounds of its map clause (evaluated with the parameters
 * in scope, as the stub does), the result comes back by map(from:). A
 * function with a `void *` parameter has no target variant (its section
 * cannot be spelled); it runs on the CPU. */

static int func_has_target(const parcc_dfunc_t *d) {
  if (d->device == PARCC_DEV_CPU) return 0;
  for (int i = 0; i < d->nparams; i++)
    if (d->params[i].item && d->params[i].pointee_void) return 0;
  return 1;
}

void parcc_func_emit_target(parcc_dfunc_t *d, parcc_sb_t *o) {
  if (!func_has_target(d)) return;
  const char *name = d->func->name;
  char *body = parcc_func_body_name(d);
  parcc_sb_printf(
      o, "#if defined(_OPENMP)\nstatic void par__fbt_%s(void *par__args, void *par__ret) {\n",
      name);
  parcc_sb_printf(o, "  struct par__fa_%s *par__a = (struct par__fa_%s *)par__args;\n", name, name);
  parcc_sb_puts(o, "  (void)par__a;\n  (void)par__ret;\n");
  for (int i = 0; i < d->nparams; i++)
    parcc_sb_printf(o, "  __typeof__(par__a->%s) %s = par__a->%s;\n", d->params[i].name,
                    d->params[i].name, d->params[i].name);
  parcc_sb_t clauses = {0};
  for (int i = 0; i < d->nparams; i++) {
    parcc_fparam_t *pa = &d->params[i];
    if (!pa->item) continue;
    const parcc_item_t *it = pa->item;
    const char *kind = pa->map_kind == PARCC_MAP_ALLOC ? "alloc"
                       : pa->map_kind == PARCC_MAP_TO  ? "to"
                                                       : "tofrom";
    parcc_sb_printf(o, "  const int64_t par__lo_%s = (int64_t)(%s);\n", pa->name,
                    it->dims[0].lo.text ? it->dims[0].lo.text : "0");
    parcc_sb_printf(o, "  const uint64_t par__len_%s = (uint64_t)(%s);\n", pa->name,
                    it->dims[0].len.text);
    parcc_sb_printf(&clauses, " map(%s: %s[par__lo_%s:par__len_%s])", kind, pa->name, pa->name,
                    pa->name);
  }
  if (d->is_void) {
    parcc_sb_printf(o, "#pragma omp target%s\n  {\n    %s(", clauses.s ? clauses.s : "", body);
    for (int i = 0; i < d->nparams; i++)
      parcc_sb_printf(o, "%s%s", i ? ", " : "", d->params[i].name);
    parcc_sb_puts(o, ");\n  }\n");
  } else {
    parcc_sb_printf(o, "  par__fr_%s par__r;\n", name);
    parcc_sb_printf(o, "#pragma omp target map(from: par__r)%s\n  {\n    par__r = %s(",
                    clauses.s ? clauses.s : "", body);
    for (int i = 0; i < d->nparams; i++)
      parcc_sb_printf(o, "%s%s", i ? ", " : "", d->params[i].name);
    parcc_sb_puts(o, ");\n  }\n  __builtin_memcpy(par__ret, &par__r, sizeof par__r);\n");
  }
  parcc_sb_puts(o, "}\n#endif\n");
  free(clauses.s);
  free(body);
}

void parcc_func_emit_desc_target(parcc_dfunc_t *d, parcc_sb_t *o) {
  if (!func_has_target(d)) return;
  parcc_sb_printf(o, "#if defined(_OPENMP)\n  .body_target = par__fbt_%s,\n#endif\n",
                  d->func->name);
}
