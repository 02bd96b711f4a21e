// The cache clause sets PARRT_LOOP_CACHE in the descriptor of a loop (with
// nowait too) and of a function, and cache("dir") its cache_dir, escapes
// and string pieces decoded (docs/cache.md).
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

// CHECK-LABEL: parrt_fn_desc_t par__fdesc_f =
// CHECK: .flags = PARRT_LOOP_CACHE,
// CHECK: .cache_dir = "fn\"dir",
#pragma par distribute cache("fn\"" "dir")
double f(double x) { return x * 2; }

void a(double *y, int n) {
// CHECK-LABEL: parrt_loop_desc_t par__loop_a_{{[0-9]+}} =
// CHECK: .flags = PARRT_LOOP_CACHE,
// CHECK-NOT: .cache_dir
// CHECK: parrt_register_loop
#pragma par distribute map(tofrom : y[0:n]) cache
  for (int i = 0; i < n; i++) y[i] = i;

// CHECK-LABEL: parrt_loop_desc_t par__loop_a_{{[0-9]+}} =
// CHECK: .flags = PARRT_LOOP_NOWAIT | PARRT_LOOP_CACHE,
// CHECK: .cache_dir = "/tmp/dir",
#pragma par distribute map(tofrom : y[0:n]) cache("/tmp/dir") nowait
  for (int i = 0; i < n; i++) y[i] = i;

// CHECK-LABEL: parrt_loop_desc_t par__loop_a_{{[0-9]+}} =
// CHECK: .flags = 0,
#pragma par distribute map(tofrom : y[0:n])
  for (int i = 0; i < n; i++) y[i] = i;
}
