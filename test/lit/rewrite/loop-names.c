// --emit-rewritten on one loop: the generated names carry the function and
// the pragma's line (par__chunk_scale_13, par__loop_scale_13), the descriptor
// names the loop "scale:13" with its location, the original pragma is kept
// as a comment, and #line directives lead back to this file for the user's
// code (before the loop, the loop header, and the body inside the chunk).
// CHECK lines are anchored ({{^ *}}) so that they cannot match their own
// copies in the output.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc --emit-rewritten %s | FileCheck %s --check-prefix=NOPRAGMA
// RUN: %parcc -c %s -o %t.o

void scale(double *a, int n, double s) {
#pragma par distribute map(tofrom : a[0:n])
  for (int i = 0; i < n; i++)
    a[i] *= s;
}

// CHECK: {{^}}#include <par/abi.h>
// CHECK: {{^}}#line 1 "{{.*}}loop-names.c"
// CHECK: {{^}}static void par__chunk_scale_13(const parrt_chunk_t *par__c);
// CHECK: {{^}}static const parrt_loop_desc_t par__loop_scale_13 = {
// CHECK: {{^ *}}.abi_version = PARRT_ABI_CURRENT,
// CHECK: {{^ *}}.name = "scale:13",
// CHECK: {{^ *}}.loc = {"{{.*}}loop-names.c", "scale", 13, 1},
// CHECK: {{^ *}}.chunk = par__chunk_scale_13,
// CHECK: {{^ *}}parrt_register_loop(&par__loop_scale_13);
// CHECK: {{^}}#line 12 "{{.*}}loop-names.c"
// CHECK-NEXT: {{^}}void scale(double *a, int n, double s) {
// CHECK-NEXT: {{^}}/* #pragma par distribute map(tofrom : a[0:n]) */
// CHECK-NEXT: {{^}}#line 14 "{{.*}}loop-names.c"
// CHECK: {{^ *}}parrt_loop_run(&par__loop_scale_13, &par__args,
// CHECK: {{^}}static void par__chunk_scale_13(const parrt_chunk_t *par__c) {
// CHECK: {{^}}#line 15 "{{.*}}loop-names.c"
// CHECK-NEXT: {{^ *}}a[i] *= s;
// NOPRAGMA-NOT: {{^ *}}#pragma par
