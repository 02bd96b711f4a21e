// The argument block and the tables of a distributed function: array
// parameters decay to pointers (rows keep their constant length), top-level
// qualifiers are dropped, structs are members by value; each map names its
// parameter's index and the unit of its scalar (4 for float rows, 1 for a
// void pointer's bytes and for structs); a row section is checked to be
// whole rows at run time; a void function has ret_size 0; a function without
// parameters gets a one-byte block and no tables.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o
#define NJ 8
struct pt { double x, y; };

#pragma par distribute map(tofrom: C[0:ni][0:NJ]) map(to: bytes[0:len]) map(from: out[0:2])
void kern(int ni, float C[][NJ], const void *bytes, unsigned long len, const struct pt p, struct pt out[2]) {
  (void)bytes;
  (void)len;
  C[0][0] = (float)p.x;
  out[ni - 1] = p;
}

#pragma par distribute
int none(void) { return 1; }

// CHECK: {{^}}struct par__fa_kern { int ni; float (*C)[8]; const void *bytes; unsigned long len; struct pt p; struct pt *out; };
// CHECK: {{^}}static const parrt_fn_map_desc_t par__fmaps_kern[] = {
// CHECK-NEXT: {{^ *}}{"C", PARRT_MAP_TOFROM, 4, 1},
// CHECK-NEXT: {{^ *}}{"bytes", PARRT_MAP_TO, 1, 2},
// CHECK-NEXT: {{^ *}}{"out", PARRT_MAP_FROM, 1, 5},
// CHECK: {{^ *}}.ret_size = 0,
// CHECK-NEXT: {{^ *}}.nparams = 6,
// CHECK: {{^ *}}.nmaps = 3,
// CHECK: {{^}}static void par__ffill_kern(struct par__fa_kern *par__a, parrt_map_t *par__m, int ni, float C[][NJ], const void *bytes, unsigned long len, const struct pt p, struct pt out[2]) {
// CHECK: {{^ *}}par__m[0].elem_size = sizeof *(C);
// CHECK: {{^ *}}if ((int64_t)(0) != 0 || (uint64_t)(NJ) != sizeof((C)[0]) / sizeof((C)[0][0]))
// CHECK-NEXT: {{^ *}}parrt_fatal(&par__fdesc_kern.loc, "map of 'C': only whole rows can be mapped{{.*}}");
// CHECK: {{^ *}}par__m[1].elem_size = 1;
// CHECK: {{^ *}}par__m[2].elem_size = sizeof *(out);
// CHECK: {{^ *}}parrt_fn_call(&par__fdesc_kern, &par__a, par__m, (void *)0);

// CHECK: {{^}}struct par__fa_none { char par__none; };
// CHECK: {{^ *}}.nparams = 0,
// CHECK-NEXT: {{^ *}}.nmaps = 0,
// CHECK: {{^}}static void par__ffill_none(struct par__fa_none *par__a, parrt_map_t *par__m) {
// CHECK: {{^ *}}par__ffill_none(&par__a, (parrt_map_t *)0);
// CHECK: {{^}}void par__spawn_none(parrt_group_t *par__g, const parrt_spawn_site_t *par__site, void *par__lhs, void *const *par__deps) {
