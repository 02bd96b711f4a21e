// PolyBench style: `int i, j, k;` at the top of the kernel, array parameters
// `double C[NI][NJ]` mapped by rows, and inner loops reusing j and k. The
// chunk declares its own j and k (they are private automatically) and takes
// C, A and B as pointers to rows; i gets its serial value back after the loop.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o
#define NI 60
#define NJ 70
#define NK 80

void kernel_gemm(int ni, int nj, int nk, double alpha, double beta, double C[NI][NJ],
                 double A[NI][NK], double B[NK][NJ]) {
  int i, j, k;
#pragma scop
#pragma par distribute map(tofrom : C[0:ni][0:NJ]) map(to : A[0:ni], B[0:nk])
  for (i = 0; i < ni; i++) {
    for (j = 0; j < nj; j++)
      C[i][j] *= beta;
    for (k = 0; k < nk; k++)
      for (j = 0; j < nj; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
#pragma endscop
}

// CHECK: {{^}}struct par__env_kernel_gemm_15 {
// CHECK-DAG: {{^ *}}int nj;
// CHECK-DAG: {{^ *}}int nk;
// CHECK-DAG: {{^ *}}double alpha;
// CHECK-DAG: {{^ *}}double beta;
// CHECK: {{^}}};
// CHECK: {{^}}static const parrt_map_desc_t par__maps_kernel_gemm_15[] = {
// CHECK-DAG: {{^ *}}{"C", PARRT_MAP_TOFROM, {{[A-Z_ |0]*}}PARRT_MAP_WRITTEN, 8},
// CHECK-DAG: {{^ *}}{"A", PARRT_MAP_TO, {{[A-Z_ |0]+}}, 8},
// CHECK-DAG: {{^ *}}{"B", PARRT_MAP_TO, {{[A-Z_ |0]+}}, 8},
// CHECK: {{^}}};
// CHECK: {{^}}/* #pragma par distribute map(tofrom : C[0:ni][0:NJ]) map(to : A[0:ni], B[0:nk]) */
// CHECK-DAG: {{^ *}}{(void *)(C), (int64_t)(0), (uint64_t)(ni), sizeof((C)[0]), {{.*}}},
// CHECK-DAG: {{^ *}}{(void *)(A), (int64_t)(0), (uint64_t)(ni), sizeof((A)[0]), {{.*}}},
// CHECK-DAG: {{^ *}}{(void *)(B), (int64_t)(0), (uint64_t)(nk), sizeof((B)[0]), {{.*}}},
// CHECK: {{^ *}}parrt_loop_run(&par__loop_kernel_gemm_15, &par__args, 0);
// CHECK: {{^ *}}if (par__n) i = (int)((uint64_t)par__lb + par__n * (uint64_t)par__step);
// CHECK-NEXT: {{^ *}}else i = par__lb;
// CHECK: {{^}}#pragma endscop
//
// CHECK: {{^}}static void par__chunk_kernel_gemm_15(const parrt_chunk_t *par__c) {
// CHECK-DAG: {{^ *}}int j;
// CHECK-DAG: {{^ *}}int k;
// CHECK-DAG: {{^ *}}double (*C)[{{NJ|70}}] = par__c->maps[{{[0-2]}}];
// CHECK-DAG: {{^ *}}double (*A)[{{NK|80}}] = par__c->maps[{{[0-2]}}];
// CHECK-DAG: {{^ *}}double (*B)[{{NJ|70}}] = par__c->maps[{{[0-2]}}];
// CHECK-DAG: {{^ *}}int nj = par__env->nj;
// CHECK-DAG: {{^ *}}double alpha = par__env->alpha;
// CHECK: {{^ *}}int i = (int)(
// CHECK: {{^}}#line 16 "{{.*}}polybench.c"
// CHECK: {{^ *}}C[i][j] += alpha * A[i][k] * B[k][j];
