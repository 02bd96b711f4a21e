// Several annotated loops in one file: two in one function and one in each
// of two others. Each gets its own names from its function and line, its own
// descriptor registered from its own constructor, and its chunk function
// emitted after the function it came from; the user's code between and after
// the loops keeps its lines.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -O2 %s -o %t && %t

static double acc[100];

void first(int n) {
#pragma par distribute
  for (int i = 0; i < 100; i++)
    acc[i] = n;
  n = n + 1;
#pragma par distribute
  for (int i = 0; i < 100; i++)
    acc[i] += n;
}

static void second(void) {
#pragma par distribute
  for (int i = 0; i < 100; i++)
    acc[i] *= 2;
}

int main(void) {
  first(1);
  second();
  long s = 0;
#pragma par distribute reduction(+ : s)
  for (int i = 0; i < 100; i++)
    s += (long)acc[i];
  return s == 600 ? 0 : 1;
}

// CHECK: {{^}}static const parrt_loop_desc_t par__loop_first_12 = {
// CHECK: {{^ *}}parrt_register_loop(&par__loop_first_12);
// CHECK: {{^}}static const parrt_loop_desc_t par__loop_first_16 = {
// CHECK: {{^ *}}parrt_register_loop(&par__loop_first_16);
// CHECK: {{^}}#line 11 "{{.*}}several-loops.c"
// CHECK-NEXT: {{^}}void first(int n) {
// CHECK: {{^ *}}parrt_loop_run(&par__loop_first_12, &par__args, 0);
// CHECK-NEXT: {{^}}}
// CHECK-NEXT: {{^}}#line 14 "{{.*}}several-loops.c"
// CHECK: {{^ *}}n = n + 1;
// CHECK-NEXT: {{^}}/* #pragma par distribute */
// CHECK: {{^ *}}parrt_loop_run(&par__loop_first_16, &par__args, 0);
// CHECK: {{^}}static void par__chunk_first_12(const parrt_chunk_t *par__c) {
// CHECK: {{^}}#line 14 "{{.*}}several-loops.c"
// CHECK-NEXT: {{^ *}}acc[i] = n;
// CHECK: {{^}}static void par__chunk_first_16(const parrt_chunk_t *par__c) {
// CHECK: {{^}}#line 18 "{{.*}}several-loops.c"
// CHECK-NEXT: {{^ *}}acc[i] += n;
//
// CHECK: {{^}}static const parrt_loop_desc_t par__loop_second_22 = {
// CHECK: {{^ *}}.name = "second:22",
// CHECK: {{^}}static void second(void) {
// CHECK: {{^ *}}parrt_loop_run(&par__loop_second_22, &par__args, 0);
// CHECK: {{^}}static void par__chunk_second_22(const parrt_chunk_t *par__c) {
//
// CHECK: {{^}}static const parrt_loop_desc_t par__loop_main_31 = {
// CHECK: {{^ *}}.name = "main:31",
// CHECK: {{^}}int main(void) {
// CHECK: {{^ *}}parrt_loop_run(&par__loop_main_31, &par__args, 0);
// CHECK-NEXT: {{^}}}
// CHECK-NEXT: {{^}}#line 33 "{{.*}}several-loops.c"
// CHECK: {{^ *}}return s == 600 ? 0 : 1;
// CHECK: {{^}}static void par__chunk_main_31(const parrt_chunk_t *par__c) {
