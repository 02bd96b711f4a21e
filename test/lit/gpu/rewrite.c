// What parcc emits for a device loop (docs/offload.md): the host chunk, and
// under `#if defined(_OPENMP)` a target variant par__chunkt_<f>_<line> with
// one `omp target teams distribute parallel for` over [k0, k1): each mapped
// item mapped by bytes from the chunk's extent (a `to` item read only as
// to, a written one tofrom), scalar reductions as OpenMP reductions, an
// array reduction over the partial, private and firstprivate clauses; the
// descriptor names it in .chunk_target with .device.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// CHECK: static void par__chunkt_f_[[#@LINE+19]](const parrt_chunk_t *par__c);
// CHECK: .device = PARRT_DEV_ANY,
// CHECK-NEXT: #if defined(_OPENMP)
// CHECK-NEXT: .chunk_target = par__chunkt_f_[[#@LINE+16]],
// CHECK-NEXT: #endif
// CHECK: static void par__chunk_f_[[#@LINE+14]](const parrt_chunk_t *par__c) {
// CHECK: #if defined(_OPENMP)
// CHECK: static void par__chunkt_f_[[#@LINE+12]](const parrt_chunk_t *par__c) {
// CHECK: #pragma omp target teams distribute parallel for private(t) firstprivate(a) map(to: par__d_x[0:par__n_x]) map(tofrom: par__d_y[0:par__n_y]) reduction(+: s) reduction(max: par__r_h[0:4])
// CHECK-NEXT: for (uint64_t par__k = par__k0; par__k < par__k1; par__k++) {
// CHECK: do
// CHECK: while (0);
// CHECK: __builtin_memcpy(par__c->red[0], &s, sizeof s);
// CHECK-NEXT: }
// CHECK-NEXT: #endif

double f(const double *x, double *y, int n, double a) {
  double s = 0, t;
  int h[4] = {0};
#pragma par distribute map(to: x[0:n]) map(tofrom: y[0:n]) reduction(+: s) reduction(max: h) private(t) device(any)
  for (int i = 0; i < n; i++) {
    t = a * x[i];
    y[i] += t;
    s += t;
    if (i > h[i % 4]) h[i % 4] = i;
  }
  return s + h[0];
}
