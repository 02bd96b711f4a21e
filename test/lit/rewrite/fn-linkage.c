// The stub keeps the function's own declaration (so its linkage and
// inline-ness); the renamed body is always static; the spawn entry is static
// exactly when the function is. A static function that is only spawned would
// leave its stub uncalled: its prototype is marked unused. An `inline`
// function with external linkage gets an `extern` declaration, so that this
// file holds its external definition (an inline definition could not use the
// static descriptor).
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o
// RUN: %parcc -Wall -Wextra -Werror -std=c99 -c %s -o %t.99.o

#pragma par distribute
static int s(int x) { return x; }
// CHECK: {{^}}static int par__fn_s_12(int x);
// CHECK-NEXT: {{^}}__attribute__((unused)) static int s(int x);
// CHECK: {{^}}static int par__fn_s_12(int x) { return x; }
// CHECK: {{^}}static int s(int x) {
// CHECK: {{^}}static __attribute__((unused)) void par__spawn_s(parrt_group_t *par__g, {{.*}}, int x) {

#pragma par distribute
static inline int si(int x) { return x; }
// CHECK: {{^}}static inline int par__fn_si_20(int x);
// CHECK: {{^}}static inline int si(int x) {
// CHECK: {{^}}static __attribute__((unused)) void par__spawn_si(

#pragma par distribute
extern int e(int x) { return x; }
// CHECK: {{^}}static int par__fn_e_26(int x);
// CHECK-NEXT: {{^}}extern int e(int x);
// CHECK: {{^}}extern int par__fn_e_26(int x) { return x; }
// CHECK: {{^}}extern int e(int x) {
// CHECK: {{^}}void par__spawn_e(

#pragma par distribute
inline int i(int x) { return x; }
// CHECK: {{^}}static inline int par__fn_i_34(int x);
// CHECK-NEXT: {{^}}extern int i(int x);
// CHECK: {{^}}inline int i(int x) {
// CHECK: {{^}}void par__spawn_i(

int use(void) { return s(1) + si(2) + e(3) + i(4); }
