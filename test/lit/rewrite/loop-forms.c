// How canonical loop forms are normalized: lb, ub and step are evaluated once
// before the loop; the trip count comes from parrt_trip_count (inclusive for
// <= and >=); a step of the wrong sign is a run-time error naming the loop; a
// descending step is negative; the chunk recomputes the induction value of
// its first iteration in the variable's own type; and an induction variable
// declared before the loop gets its serial value back after it.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

void forms(int n, long *a, int c) {
  long j;
#pragma par distribute map(tofrom : a[0:n])
  for (j = n; j > 0; j -= 3)
    a[j - 1] = 1;
#pragma par distribute map(tofrom : a[0:n])
  for (unsigned u = 0; u <= n - 1u; u = u + 2)
    a[u] = 2;
#pragma par distribute map(tofrom : a[0:n])
  for (short s = (short)(n - 1); s >= 0; --s)
    a[s] = 3;
#pragma par distribute map(tofrom : a[0:n])
  for (int i = 0; i < n; i += c)
    a[i] = 4;
}

// CHECK: {{^}}/* #pragma par distribute map(tofrom : a[0:n]) */
// CHECK-NEXT: {{^}}#line 13 "{{.*}}loop-forms.c"
// CHECK: {{^ *}}long par__lb = (n);
// CHECK-NEXT: {{^ *}}__typeof__(0) par__ub = (0);
// CHECK-NEXT: {{^ *}}int64_t par__step = -(int64_t)(3);
// CHECK: {{^ *}}if (par__lb > par__ub) {
// CHECK-NEXT: {{^ *}}if (par__step >= 0)
// CHECK-NEXT: {{^ *}}parrt_fatal(&par__loop_forms_12.loc, "the loop step must be negative for a loop that counts down");
// CHECK-NEXT: {{^ *}}par__n = parrt_trip_count((uint64_t)par__lb - (uint64_t)par__ub, -(uint64_t)par__step, 0);
// CHECK: {{^ *}}parrt_loop_run(&par__loop_forms_12, &par__args, 0);
// CHECK-NEXT: {{^ *}}if (par__n) j = (long)((uint64_t)par__lb + par__n * (uint64_t)par__step);
// CHECK-NEXT: {{^ *}}else j = par__lb;
//
// CHECK: {{^ *}}unsigned int par__lb = (0);
// CHECK-NEXT: {{^ *}}__typeof__(n - 1u) par__ub = (n - 1u);
// CHECK-NEXT: {{^ *}}int64_t par__step = (int64_t)(2);
// CHECK: {{^ *}}if (par__lb <= par__ub) {
// CHECK: {{^ *}}par__n = parrt_trip_count((uint64_t)par__ub - (uint64_t)par__lb, (uint64_t)par__step, 1);
//
// CHECK: {{^ *}}short par__lb = ((short)(n - 1));
// CHECK: {{^ *}}int64_t par__step = -1;
// CHECK: {{^ *}}if (par__lb >= par__ub) {
// CHECK: {{^ *}}par__n = parrt_trip_count((uint64_t)par__lb - (uint64_t)par__ub, -(uint64_t)par__step, 1);
//
// CHECK: {{^ *}}int64_t par__step = (int64_t)(c);
// CHECK-NEXT: {{^ *}}uint64_t par__n = 0;
// CHECK-NEXT: {{^ *}}if (par__lb < par__ub) {
// CHECK-NEXT: {{^ *}}if (par__step <= 0)
// CHECK-NEXT: {{^ *}}parrt_fatal(&par__loop_forms_21.loc, "the loop step must be positive for a loop that counts up");
//
// The chunks: the induction variable in its own type, stepped from k0; a
// literal step stays a literal (so the vectorizer sees a linear index), a
// run-time step is read once into par__inc.
// CHECK: {{^}}static void par__chunk_forms_12(const parrt_chunk_t *par__c) {
// CHECK: {{^ *}}long j = (long)((uint64_t)par__env->par__lb + par__c->k0 * (uint64_t)par__env->par__step);
// CHECK-NEXT: {{^ *}}for (uint64_t par__k = par__c->k0, par__k1 = par__c->k1; par__k < par__k1; par__k++, j -= 3)
// CHECK-NEXT: {{^}}#line 14 "{{.*}}loop-forms.c"
// CHECK-NEXT: {{^ *}}a[j - 1] = 1;
// CHECK: {{^}}static void par__chunk_forms_15(const parrt_chunk_t *par__c) {
// CHECK: {{^ *}}unsigned int u = (unsigned int)(
// CHECK: {{^}}static void par__chunk_forms_18(const parrt_chunk_t *par__c) {
// CHECK: {{^ *}}short s = (short)(
// CHECK: {{^}}static void par__chunk_forms_21(const parrt_chunk_t *par__c) {
// CHECK: {{^ *}}const int par__inc = (int)par__env->par__step;
// CHECK: {{^ *}}for (uint64_t par__k = par__c->k0, par__k1 = par__c->k1; par__k < par__k1; par__k++, i += par__inc)
