// Other pragmas and preprocessor lines around an annotated loop:
// `#pragma scop` / `#pragma endscop` stay where they are; a `#pragma omp
// parallel for` between the par pragma and the for does not end up in front
// of the generated code (where it would apply to something else); a header
// chosen by #ifdef UP / #else / #endif is the one the -D flags select.
// RUN: %parcc --emit-rewritten %s | FileCheck %s --check-prefixes=CHECK,DOWN
// RUN: %parcc --emit-rewritten -DUP %s | FileCheck %s --check-prefixes=CHECK,UP
// RUN: %parcc -c %s -o %t.o && %parcc -c -DUP %s -o %t.up.o

void f(int n, double *a) {
  int i, j;
#pragma scop
#pragma par distribute map(tofrom : a[0:n])
#pragma omp parallel for private(j)
  for (i = 0; i < n; i++)
    for (j = 0; j < 3; j++)
      a[i] += j;
#pragma endscop
#pragma par distribute map(tofrom : a[0:n])
#ifdef UP
  for (i = 0; i < n; i++)
#else
  for (i = n - 1; i >= 0; i--)
#endif
    a[i] *= 2;
}

// CHECK: {{^ *}}.name = "f:13"
// CHECK: {{^ *}}.name = "f:19"
// CHECK: {{^}}#pragma scop
// CHECK-NOT: {{^ *}}#pragma omp
// CHECK: {{^ *}}parrt_loop_run(&par__loop_f_13, &par__args, 0);
// CHECK-NOT: {{^ *}}#pragma omp
// CHECK: {{^}}#pragma endscop
// DOWN: {{^ *}}int par__lb = (n - 1);
// DOWN: {{^ *}}if (par__lb >= par__ub) {
// UP: {{^ *}}int par__lb = (0);
// UP: {{^ *}}if (par__lb < par__ub) {
// CHECK: {{^ *}}parrt_loop_run(&par__loop_f_19, &par__args, 0);
// CHECK: {{^}}static void par__chunk_f_13(const parrt_chunk_t *par__c) {
// CHECK: {{^ *}}int j;
// CHECK: {{^}}#line 16 "{{.*}}pragmas-around.c"
// CHECK-NEXT: {{^ *}}for (j = 0; j < 3; j++)
// CHECK: {{^}}static void par__chunk_f_19(const parrt_chunk_t *par__c) {
// CHECK: {{^}}#line 25 "{{.*}}pragmas-around.c"
// CHECK-NEXT: {{^ *}}a[i] *= 2;
