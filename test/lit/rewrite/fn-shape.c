// --emit-rewritten on a distributed function: the pragma becomes a comment,
// the argument block and forward declarations take its line, the definition
// stays in place (same lines, under #line) renamed par__fn_sum_13 and made
// static, and after it come the body glue par__fb_sum, the parameter tables,
// the descriptor and its constructor, the shared fill helper, the stub under
// the original name and signature, and the spawn entry par__spawn_sum.
// CHECK lines are anchored ({{^ *}}) so that they cannot match their own
// copies in the output.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc --emit-rewritten %s | FileCheck %s --check-prefix=NOPRAGMA
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o

#pragma par distribute map(to : v[lo:n])
double sum(const double *v, int lo, int n) {
  double s = 0;
  for (int i = lo; i < lo + n; i++)
    s += v[i];
  return s;
}

double twice(const double *v, int n) { return 2 * sum(v, 0, n); }

// CHECK: {{^}}#include <par/abi.h>
// CHECK: {{^}}/* #pragma par distribute map(to : v[lo:n]) */
// CHECK: {{^}}struct par__fa_sum { const double *v; int lo; int n; };
// CHECK-NEXT: {{^}}#line 14 "{{.*}}fn-shape.c"
// CHECK-NEXT: {{^}}static double par__fn_sum_13(const double *v, int lo, int n);
// CHECK-NEXT: {{^}}double sum(const double *v, int lo, int n);
// CHECK-NEXT: {{^}}#line 13 "{{.*}}fn-shape.c"
// CHECK-NEXT: {{^ +$}}
// CHECK-NEXT: {{^}}double par__fn_sum_13(const double *v, int lo, int n) {
// CHECK-NEXT: {{^}}  double s = 0;
// CHECK: {{^}}  return s;
// CHECK-NEXT: {{^}}}
// CHECK: {{^}}#line 13 "{{.*}}fn-shape.c"
// CHECK-NEXT: {{^}}typedef __typeof__(par__fn_sum_13({{.*}})) par__fr_sum;
// CHECK-NEXT: {{^}}static void par__fb_sum(void *par__args, void *par__ret) {
// CHECK: {{^ *}}par__fr_sum par__r = par__fn_sum_13(par__a->v, par__a->lo, par__a->n);
// CHECK: {{^}}static const uint32_t par__foff_sum[] = {__builtin_offsetof(struct par__fa_sum, v), {{.*}}};
// CHECK: {{^}}static const uint32_t par__fsize_sum[] = {sizeof(((struct par__fa_sum *)0)->v), {{.*}}};
// CHECK: {{^}}static const parrt_fn_map_desc_t par__fmaps_sum[] = {
// CHECK-NEXT: {{^ *}}{"v", PARRT_MAP_TO, 8, 0},
// CHECK: {{^}}static const parrt_fn_desc_t par__fdesc_sum = {
// CHECK-NEXT: {{^ *}}.struct_size = sizeof(parrt_fn_desc_t),
// CHECK-NEXT: {{^ *}}.abi_version = PARRT_ABI_CURRENT,
// CHECK-NEXT: {{^ *}}.id = 0x{{[0-9a-f]+}}ULL,
// CHECK-NEXT: {{^ *}}.name = "sum",
// CHECK-NEXT: {{^ *}}.loc = {"{{.*}}fn-shape.c", "sum", 13, 1},
// CHECK-NEXT: {{^ *}}.body = par__fb_sum,
// CHECK-NEXT: {{^ *}}.args_size = sizeof(struct par__fa_sum),
// CHECK-NEXT: {{^ *}}.args_align = __alignof__(struct par__fa_sum),
// CHECK-NEXT: {{^ *}}.ret_size = sizeof(par__fr_sum),
// CHECK-NEXT: {{^ *}}.nparams = 3,
// CHECK-NEXT: {{^ *}}.param_off = par__foff_sum,
// CHECK-NEXT: {{^ *}}.param_size = par__fsize_sum,
// CHECK-NEXT: {{^ *}}.nmaps = 1,
// CHECK-NEXT: {{^ *}}.maps = par__fmaps_sum,
// CHECK-NEXT: {{^ *}}.device = PARRT_DEV_CPU,
// CHECK-NEXT: {{^ *}}.flags = 0,
// CHECK-NEXT: {{^ *}}.retries = -1,
// CHECK-NEXT: {{^ *}}.timeout = 0,
// CHECK-NEXT: {{^}}};
// CHECK: {{^ *}}parrt_register_fn(&par__fdesc_sum);
// CHECK: {{^}}static void par__ffill_sum(struct par__fa_sum *par__a, parrt_map_t *par__m, const double *v, int lo, int n) {
// CHECK: {{^ *}}par__a->v = v;
// CHECK: {{^ *}}par__m[0].base = (void *)(v);
// CHECK-NEXT: {{^ *}}par__m[0].lo = (int64_t)(lo);
// CHECK-NEXT: {{^ *}}par__m[0].len = (uint64_t)(n);
// CHECK-NEXT: {{^ *}}par__m[0].elem_size = sizeof *(v);
// CHECK: {{^}}#line 14 "{{.*}}fn-shape.c"
// CHECK-NEXT: {{^}}double sum(const double *v, int lo, int n) {
// CHECK-NEXT: {{^}}#line 13 "{{.*}}fn-shape.c"
// CHECK: {{^ *}}par__ffill_sum(&par__a, par__m, v, lo, n);
// CHECK: {{^ *}}parrt_fn_call(&par__fdesc_sum, &par__a, par__m, &par__r);
// CHECK-NEXT: {{^ *}}return par__r;
// CHECK: {{^}}void par__spawn_sum(parrt_group_t *par__g, const parrt_spawn_site_t *par__site, void *par__lhs, void *const *par__deps, const double *v, int lo, int n) {
// CHECK: {{^ *}}par__ffill_sum(&par__a, par__m, v, lo, n);
// CHECK-NEXT: {{^ *}}parrt_fn_spawn(par__g, &par__fdesc_sum, &par__a, par__m, par__site, par__lhs, par__deps);
// CHECK: {{^}}#line 19 "{{.*}}fn-shape.c"
// CHECK: {{^}}double twice(const double *v, int n) { return 2 * sum(v, 0, n); }
// NOPRAGMA-NOT: {{^ *}}#pragma par
