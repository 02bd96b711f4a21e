// --emit-rewritten on spawn statements: before the enclosing function, a
// static site per statement (par__ss_main_<line>) with its store function,
// registered from a constructor, and once per file a prototype of the spawn
// entry of a function defined later or elsewhere (static when the function
// is); the statement becomes a call of par__spawn_<f> with the function's
// group, the site, the left-hand side's address (or a null pointer) and the
// arguments as written; the function gets a group, waited for at `sync` and
// at return. A call spread over lines keeps its arguments on their lines.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o

struct pt { double x, y; };
double remote(const double *v, int n);
static struct pt mid(struct pt a, struct pt b);

int main(void) {
  double v[3] = {1, 2, 3}, r;
  struct pt p = {0, 0}, q = {2, 2}, m;
#pragma par spawn
  r = remote(v, 3);
#pragma par spawn
  m =
      mid(p,
          q);
#pragma par spawn
  remote(v, 2);
#pragma par sync
  return (int)(r + m.x);
}

#pragma par distribute
static struct pt mid(struct pt a, struct pt b) {
  struct pt r = {(a.x + b.x) / 2, (a.y + b.y) / 2};
  return r;
}

// CHECK: {{^}}/* par: spawn of 'remote' at {{.*}}spawn-shape.c:19 in main() */
// CHECK-NEXT: {{^}}void par__spawn_remote(parrt_group_t *, const parrt_spawn_site_t *, void *, void *const *, const double *, int);
// CHECK-NEXT: {{^}}static void par__ss_main_19_store(void *par__lhs, const void *par__ret) {
// CHECK-NEXT: {{^}}  *(double *)par__lhs = *(double const *)par__ret;
// CHECK: {{^}}static const parrt_spawn_site_t par__ss_main_19 = {
// CHECK-NEXT: {{^ *}}.struct_size = sizeof(parrt_spawn_site_t),
// CHECK-NEXT: {{^ *}}.abi_version = PARRT_ABI_CURRENT,
// CHECK-NEXT: {{^ *}}.id = 0x{{[0-9a-f]+}}ULL,
// CHECK-NEXT: {{^ *}}.loc = {"{{.*}}spawn-shape.c", "main", 19, 1},
// CHECK-NEXT: {{^ *}}.callee = "remote",
// CHECK-NEXT: {{^ *}}.store = par__ss_main_19_store,
// CHECK-NEXT: {{^ *}}.lhs_size = sizeof(double),
// CHECK-NEXT: {{^ *}}.ndeps = 0,
// CHECK-NEXT: {{^}}};
// CHECK: {{^ *}}parrt_register_spawn_site(&par__ss_main_19);
// CHECK: {{^}}static void par__spawn_mid(parrt_group_t *, const parrt_spawn_site_t *, void *, void *const *, struct pt, struct pt);
// CHECK-NEXT: {{^}}static void par__ss_main_21_store(void *par__lhs, const void *par__ret) {
// CHECK-NEXT: {{^}}  *(struct pt *)par__lhs = *(struct pt const *)par__ret;
// CHECK: {{^}}/* par: spawn of 'remote' at {{.*}}spawn-shape.c:25 in main() */
// CHECK-NOT: par__spawn_remote(parrt_group_t *,
// CHECK: {{^}}static const parrt_spawn_site_t par__ss_main_25 = {
// CHECK: {{^ *}}.store = 0,
// CHECK-NEXT: {{^ *}}.lhs_size = 0,
// CHECK: {{^}}#line 16 "{{.*}}spawn-shape.c"
// CHECK-NEXT: {{^}}int main(void) { parrt_group_t par__group __attribute__((cleanup(parrt_group_cleanup))) = {0};
// CHECK: {{^}}/* #pragma par spawn */
// CHECK-NEXT: {{^}}  par__spawn_remote(&par__group, &par__ss_main_19, (void *)&(r), (void *const *)0, v, 3);
// CHECK-NEXT: {{^}}#line 20 "{{.*}}spawn-shape.c"
// CHECK: {{^}}/* #pragma par spawn */
// CHECK-NEXT: {{^}}  par__spawn_mid(&par__group, &par__ss_main_21, (void *)&(m), (void *const *)0, {{$}}
// CHECK-NEXT: {{^}}#line 23 "{{.*}}spawn-shape.c"
// CHECK-NEXT: {{^}}          p,
// CHECK-NEXT: {{^}}          q);
// CHECK-NEXT: {{^}}#line 24 "{{.*}}spawn-shape.c"
// CHECK: {{^}}  par__spawn_remote(&par__group, &par__ss_main_25, (void *)0, (void *const *)0, v, 2);
// CHECK: {{^}}parrt_group_wait(&par__group, &(const parrt_loc_t){"{{.*}}spawn-shape.c", "main", 27, 1});
// CHECK: {{^}}static __attribute__((unused)) void par__spawn_mid(parrt_group_t *par__g,
