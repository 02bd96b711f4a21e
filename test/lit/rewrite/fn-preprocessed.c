// A file that parcc must rewrite in its preprocessed form (a conditional
// crosses a distributed loop's header) may hold distributed functions and
// spawns too: the generated code uses no macros (__builtin_offsetof, not
// offsetof) and its #line directives still name this file.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o
// RUN: %parcc -Wall -Wextra -Werror -DUP -c %s -o %t.up.o
#include <stddef.h>

#pragma par distribute map(to: v[0:n])
static double total(const double *v, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += v[i];
  return s;
}

double run(void) {
  double v[8], r;
  int n = 8;
#pragma par distribute map(from: v[0:n])
#ifdef UP
  for (int i = 0; i < n; i++)
#else
  for (int i = n - 1; i >= 0; i--)
#endif
    v[i] = i;
#pragma par spawn
  r = total(v, 8);
#pragma par sync
  return r;
}

// CHECK-NOT: {{^}}#include <par/abi.h>
// CHECK: {{^}}static const uint32_t par__foff_total[] = {__builtin_offsetof(struct par__fa_total, v), __builtin_offsetof(struct par__fa_total, n)};
// CHECK: {{^ *}}.loc = {"{{.*}}fn-preprocessed.c", "total", 10, 1},
// CHECK: {{^}}#line 11 "{{.*}}fn-preprocessed.c"
// CHECK-NEXT: {{^}}static double total(const double *v, size_t n) {
// CHECK: {{^ *}}par__spawn_total(&par__group, &par__ss_run_27, (void *)&(r), (void *const *)0, v, 8);
