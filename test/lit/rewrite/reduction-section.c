// Reductions over array sections of pointers, `top[2:5]` and `hist[0:nb]`:
// the run-time entry points at element lo and counts len elements, and the
// chunk indexes its partial storage as the original array (red[k] - lo), so
// the body's top[2 + i % 5] lands in the partial.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

void sections(int n, int *top, long *hist, int nb) {
#pragma par distribute reduction(max : top[2:5]) reduction(+ : hist[0:nb])
  for (int i = 0; i < n; i++) {
    if (i > top[2 + i % 5])
      top[2 + i % 5] = i;
    hist[i % nb]++;
  }
}

// CHECK: {{^}}static const parrt_red_desc_t par__reds_sections_9[] = {
// CHECK-NEXT: {{^ *}}{"top", PARRT_RED_MAX, PARRT_T_INT},
// CHECK-NEXT: {{^ *}}{"hist", PARRT_RED_ADD, PARRT_T_LONG},
// CHECK-NEXT: {{^}}};
// CHECK: {{^ *}}par__env.par__rlo_top = (int64_t)(2);
// CHECK: {{^ *}}parrt_red_t par__reds[2] = {
// CHECK-NEXT: {{^ *}}{(void *)&(top)[2], (uint64_t)(5), sizeof((top)[0])},
// CHECK-NEXT: {{^ *}}{(void *)&(hist)[0], (uint64_t)(nb), sizeof((hist)[0])},
// CHECK: {{^}}static void par__chunk_sections_9(const parrt_chunk_t *par__c) {
// CHECK-DAG: {{^ *}}int *top = (int *)par__c->red[0] - par__env->par__rlo_top;
// CHECK-DAG: {{^ *}}long *hist = (long *)par__c->red[1] - par__env->par__rlo_hist;
