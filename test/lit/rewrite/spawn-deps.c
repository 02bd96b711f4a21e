// Dataflow: an argument that is exactly (parentheses and implicit
// conversions aside) a local variable which is the plain left-hand side of a
// spawn in the same function is a dependency: the site lists it (name,
// parameter index, size of the variable, a conversion function that passes
// it as the parameter's type) and the call passes its address in dep_vars.
// A left-hand side `r[i]` or a global makes no dependency, nor does an
// expression of the variable (`k + 1`, before k's spawn: not a pending read).
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o

#pragma par distribute
double load(int i) { return i * 2.0; }
#pragma par distribute
long store(long v, int k) { return v + k; }

double g;

long pipeline(int n) {
  long r[4];
  double a;
  int k = 1;
#pragma par spawn
  a = load(k + 1);
#pragma par spawn
  k = store((a), k);
#pragma par spawn
  r[0] = store(a, k);
#pragma par spawn
  g = load(k);
#pragma par spawn
  a = load(n);
#pragma par sync
  return r[0] + k + (long)g;
}

// CHECK: {{^}}static void par__sc_pipeline_24_0(void *par__param, const void *par__var) {
// CHECK-NEXT: {{^}}  *(long *)par__param = *(double const *)par__var;
// CHECK: {{^}}static void par__sc_pipeline_24_1(void *par__param, const void *par__var) {
// CHECK-NEXT: {{^}}  *(int *)par__param = *(int const *)par__var;
// CHECK: {{^}}static const parrt_spawn_dep_t par__sd_pipeline_24[] = {
// CHECK-NEXT: {{^ *}}{"a", 0, sizeof(double), par__sc_pipeline_24_0},
// CHECK-NEXT: {{^ *}}{"k", 1, sizeof(int), par__sc_pipeline_24_1},
// CHECK-NEXT: {{^}}};
// CHECK: {{^ *}}.ndeps = 2,
// CHECK-NEXT: {{^ *}}.deps = par__sd_pipeline_24,
// CHECK: {{^}}static const parrt_spawn_site_t par__ss_pipeline_26 = {
// CHECK: {{^ *}}.ndeps = 2,
// CHECK: {{^}}static const parrt_spawn_site_t par__ss_pipeline_28 = {
// CHECK: {{^ *}}.ndeps = 1,
// CHECK: {{^}}static const parrt_spawn_site_t par__ss_pipeline_30 = {
// CHECK: {{^ *}}.ndeps = 0,
// Dependency arguments are not read at the spawn (a pending spawn may be
// writing the variable): a zero of the parameter's type stands in their
// place, and the runtime sets the parameter.
// CHECK: {{^}}  par__spawn_load(&par__group, &par__ss_pipeline_22, (void *)&(a), (void *const *)0, k + 1);
// CHECK: {{^}}  par__spawn_store(&par__group, &par__ss_pipeline_24, (void *)&(k), (void *const[]){(void *)&a, (void *)&k}, (long){0}, (int){0});
// CHECK: {{^}}  par__spawn_store(&par__group, &par__ss_pipeline_26, (void *)&(r[0]), (void *const[]){(void *)&a, (void *)&k}, (long){0}, (int){0});
// CHECK: {{^}}  par__spawn_load(&par__group, &par__ss_pipeline_28, (void *)&(g), (void *const[]){(void *)&k}, (int){0});
// CHECK: {{^}}  par__spawn_load(&par__group, &par__ss_pipeline_30, (void *)&(a), (void *const *)0, n);
