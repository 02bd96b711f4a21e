// The map descriptor and the run-time map entries: one {name, kind, flags}
// entry per mapped item (in no particular order): the four kinds of map
// clause, and fixed-size arrays mapped without one (PARRT_MAP_IMPLICIT);
// items the body writes are marked PARRT_MAP_WRITTEN. A section's run-time
// entry gives its base, lo, len and element size; for a pointer to rows, the
// element is a whole row. (Slices of a[i + k] accesses: map-slice.c.)
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

double grid[64][32];

void kinds(int n, const double *x, double *y, double *z, double *tmp, int lo) {
  float local[100];
#pragma par distribute map(to : x[0:n]) map(from : y[1:n - 2]) map(tofrom : z[lo:n]) \
    map(alloc : tmp[0:n])
  for (int i = 1; i < n - 1; i++) {
    tmp[i] = x[i - 1] + x[i + 1];
    y[i] = tmp[i] + local[i % 100] + grid[i % 64][0];
    z[lo + i] += 1;
  }
}

void rows(int ni, double (*C)[32], double A[64][32]) {
#pragma par distribute map(tofrom : C[0:ni]) map(to : A[0:ni][0:32])
  for (int i = 0; i < ni; i++)
    for (int j = 0; j < 32; j++)
      C[i][j] += A[i][j];
}

// CHECK: {{^}}static const parrt_map_desc_t par__maps_kinds_14[] = {
// CHECK-DAG: {{^ *}}{"x", PARRT_MAP_TO, {{[A-Z_ |0]+}}, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"y", PARRT_MAP_FROM, {{[A-Z_ |0]*}}PARRT_MAP_WRITTEN, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"z", PARRT_MAP_TOFROM, {{[A-Z_ |0]*}}PARRT_MAP_WRITTEN, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"tmp", PARRT_MAP_ALLOC, {{[A-Z_ |0]*}}PARRT_MAP_WRITTEN, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"local", {{PARRT_MAP_TO|PARRT_MAP_TOFROM}}, PARRT_MAP_IMPLICIT, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"grid", {{PARRT_MAP_TO|PARRT_MAP_TOFROM}}, PARRT_MAP_IMPLICIT, {{[0-9]+}}},
// CHECK: {{^}}};
// CHECK: {{^ *}}.nmaps = 6, .nreds = 0, .nlasts = 0,
//
// The pragma, continued over two lines, is kept as a one-line comment.
// CHECK: {{^}}/* #pragma par distribute map(to : x[0:n]) map(from : y[1:n - 2]) map(tofrom : z[lo:n]) map(alloc : tmp[0:n]) */
// CHECK: {{^ *}}parrt_map_t par__maps[6] = {
// CHECK-DAG: {{^ *}}{(void *)(x), (int64_t)(0), (uint64_t)(n), sizeof((x)[0]), {{-?[0-9]+, -?[0-9]+}}},
// CHECK-DAG: {{^ *}}{(void *)(y), (int64_t)(1), (uint64_t)(n - 2), sizeof((y)[0]), {{-?[0-9]+, -?[0-9]+}}},
// CHECK-DAG: {{^ *}}{(void *)(z), (int64_t)(lo), (uint64_t)(n), sizeof((z)[0]), {{-?[0-9]+, -?[0-9]+}}},
// CHECK-DAG: {{^ *}}{(void *)(tmp), (int64_t)(0), (uint64_t)(n), sizeof((tmp)[0]), {{-?[0-9]+, -?[0-9]+}}},
// CHECK-DAG: {{^ *}}{(void *)(local), (int64_t)(0), (uint64_t)(sizeof(local) / sizeof((local)[0])) - (uint64_t)(0), sizeof((local)[0]), 0, 0},
// CHECK-DAG: {{^ *}}{(void *)(grid), (int64_t)(0), (uint64_t)(sizeof(grid) / sizeof((grid)[0])) - (uint64_t)(0), sizeof((grid)[0]), 0, 0},
// CHECK: {{^ *}}};
// CHECK: {{^ *}}parrt_loop_run(&par__loop_kinds_14, &par__args, 0);
//
// The chunk takes every mapped item from par__c->maps, with its own type.
// CHECK: {{^}}static void par__chunk_kinds_14(const parrt_chunk_t *par__c) {
// CHECK-DAG: {{^ *}}const double *x = par__c->maps[{{[0-5]}}];
// CHECK-DAG: {{^ *}}double *y = par__c->maps[{{[0-5]}}];
// CHECK-DAG: {{^ *}}double *z = par__c->maps[{{[0-5]}}];
// CHECK-DAG: {{^ *}}double *tmp = par__c->maps[{{[0-5]}}];
// CHECK-DAG: {{^ *}}float *local = par__c->maps[{{[0-5]}}];
// CHECK-DAG: {{^ *}}double (*grid)[32] = par__c->maps[{{[0-5]}}];
// CHECK: {{^}}#line 16 "{{.*}}map-descs.c"
//
// CHECK: {{^}}static const parrt_map_desc_t par__maps_rows_24[] = {
// CHECK-DAG: {{^ *}}{"C", PARRT_MAP_TOFROM, {{[A-Z_ |0]*}}PARRT_MAP_WRITTEN, {{[0-9]+}}},
// CHECK-DAG: {{^ *}}{"A", PARRT_MAP_TO, {{[A-Z_ |0]+}}, {{[0-9]+}}},
// CHECK: {{^}}};
// CHECK-DAG: {{^ *}}{(void *)(C), (int64_t)(0), (uint64_t)(ni), sizeof((C)[0]), {{-?[0-9]+, -?[0-9]+}}},
// CHECK-DAG: {{^ *}}{(void *)(A), (int64_t)(0), (uint64_t)(ni), sizeof((A)[0]), {{-?[0-9]+, -?[0-9]+}}},
// CHECK: {{^}}static void par__chunk_rows_24(const parrt_chunk_t *par__c) {
// CHECK-DAG: {{^ *}}double (*C)[32] = par__c->maps[{{[01]}}];
// CHECK-DAG: {{^ *}}double (*A)[32] = par__c->maps[{{[01]}}];
