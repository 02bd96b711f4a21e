// Mapped pointers indexed only as p[i + k] (k a constant) are slices: their
// descriptor entry has PARRT_MAP_SLICE and the run-time entry the range of k
// (off_min, off_max), so a remote chunk ships only what it touches (SPEC 2.1).
// An indirect or scaled index (w[idx[i]], w[2 * i]) is not a slice.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

void stencil(int n, const double *x, double *y, const int *idx, const double *w) {
#pragma par distribute map(to : x[0:n], idx[0:n], w[0:2 * n]) map(from : y[0:n])
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + x[i + 1] + w[idx[i]] + w[2 * i];
}

// CHECK: {{^}}static const parrt_map_desc_t par__maps_stencil_9[] = {
// CHECK-DAG: {{^ *}}{"x", PARRT_MAP_TO, {{[A-Z_ |0]*}}PARRT_MAP_SLICE{{[A-Z_ |]*}}, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"y", PARRT_MAP_FROM, {{[A-Z_ |0]*}}PARRT_MAP_SLICE{{[A-Z_ |]*}}, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"idx", PARRT_MAP_TO, {{[A-Z_ |0]*}}PARRT_MAP_SLICE{{[A-Z_ |]*}}, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"w", PARRT_MAP_TO, 0, {{[0-9]+}}},
// CHECK: {{^}}};
// CHECK: {{^ *}}parrt_map_t par__maps[4] = {
// CHECK-DAG: {{^ *}}{(void *)(x), (int64_t)(0), (uint64_t)(n), sizeof((x)[0]), {{[^,]*}}-1{{[^,]*}}, {{[^,]*}}1{{[^,]*}}},
// CHECK-DAG: {{^ *}}{(void *)(y), (int64_t)(0), (uint64_t)(n), sizeof((y)[0]), {{[^,1-9]*}}0{{[^,1-9]*}}, {{[^,1-9]*}}0{{[^,1-9]*}}},
