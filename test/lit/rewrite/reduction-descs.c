// The reduction descriptor has one {name, operator, element type} entry per
// list item: every operator (- is combined as +), every arithmetic element
// type, an array section of a pointer (hist[0:nb], count nb, based at its
// lo), a whole 1-D and 2-D fixed array (counted in elements); each item gets
// its partial in the chunk from par__c->red[k] and writes it back.
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o
#include <complex.h>
#include <stdbool.h>

void types(int n, int *hist, int nb) {
  char c = 0; signed char sc = 0; unsigned char uc = 0; short s = 0; unsigned short us = 0;
  int i = 0; unsigned u = 0; long l = 0; unsigned long ul = 0; long long ll = 0;
  unsigned long long ull = 0; float fl = 0; double d = 0; long double ld = 0; bool b = 0;
  float complex fc = 0; double complex dc = 0;
  int arr[8] = {0};
  double m[3][3] = {{0}};
#pragma par distribute reduction(+ : c, sc, uc, s, us, i, u, l, ul, ll, ull, fl, d, ld, b, fc, dc) \
    reduction(+ : hist[0:nb], arr) reduction(max : m)
  for (int k = 0; k < n; k++) {
    c += 1; sc += 1; uc += 1; s += 1; us += 1; i += 1; u += 1; l += 1; ul += 1; ll += 1;
    ull += 1; fl += 1; d += 1; ld += 1; b += 1; fc += 1; dc += 1;
    hist[k % nb]++;
    arr[k % 8]++;
    m[k % 3][0] = k > m[k % 3][0] ? k : m[k % 3][0];
  }
}

void ops(int n, double d, long l, unsigned u, unsigned long ul, unsigned long long ull, int i,
         bool b, float fl, long double ld) {
#pragma par distribute reduction(* : d) reduction(- : l) reduction(& : u) reduction(| : ul) \
    reduction(^ : ull) reduction(&& : i) reduction(|| : b) reduction(min : fl) reduction(max : ld)
  for (int k = 0; k < n; k++) {
    d *= 2; l -= 1; u &= k; ul |= k; ull ^= k; i = i && k; b = b || k;
    fl = fl < k ? fl : k; ld = ld > k ? ld : k;
  }
}

// CHECK: {{^}}static const parrt_red_desc_t par__reds_types_18[] = {
// CHECK-NEXT: {{^ *}}{"c", PARRT_RED_ADD, PARRT_T_CHAR},
// CHECK-NEXT: {{^ *}}{"sc", PARRT_RED_ADD, PARRT_T_SCHAR},
// CHECK-NEXT: {{^ *}}{"uc", PARRT_RED_ADD, PARRT_T_UCHAR},
// CHECK-NEXT: {{^ *}}{"s", PARRT_RED_ADD, PARRT_T_SHORT},
// CHECK-NEXT: {{^ *}}{"us", PARRT_RED_ADD, PARRT_T_USHORT},
// CHECK-NEXT: {{^ *}}{"i", PARRT_RED_ADD, PARRT_T_INT},
// CHECK-NEXT: {{^ *}}{"u", PARRT_RED_ADD, PARRT_T_UINT},
// CHECK-NEXT: {{^ *}}{"l", PARRT_RED_ADD, PARRT_T_LONG},
// CHECK-NEXT: {{^ *}}{"ul", PARRT_RED_ADD, PARRT_T_ULONG},
// CHECK-NEXT: {{^ *}}{"ll", PARRT_RED_ADD, PARRT_T_LLONG},
// CHECK-NEXT: {{^ *}}{"ull", PARRT_RED_ADD, PARRT_T_ULLONG},
// CHECK-NEXT: {{^ *}}{"fl", PARRT_RED_ADD, PARRT_T_FLOAT},
// CHECK-NEXT: {{^ *}}{"d", PARRT_RED_ADD, PARRT_T_DOUBLE},
// CHECK-NEXT: {{^ *}}{"ld", PARRT_RED_ADD, PARRT_T_LDOUBLE},
// CHECK-NEXT: {{^ *}}{"b", PARRT_RED_ADD, PARRT_T_BOOL},
// CHECK-NEXT: {{^ *}}{"fc", PARRT_RED_ADD, PARRT_T_CFLOAT},
// CHECK-NEXT: {{^ *}}{"dc", PARRT_RED_ADD, PARRT_T_CDOUBLE},
// CHECK-NEXT: {{^ *}}{"hist", PARRT_RED_ADD, PARRT_T_INT},
// CHECK-NEXT: {{^ *}}{"arr", PARRT_RED_ADD, PARRT_T_INT},
// CHECK-NEXT: {{^ *}}{"m", PARRT_RED_MAX, PARRT_T_DOUBLE},
// CHECK-NEXT: {{^}}};
// CHECK: {{^ *}}.nmaps = 0, .nreds = 20, .nlasts = 0,
// CHECK: {{^ *}}.reds = par__reds_types_18,
//
// The run-time side of types(): the scalar c, the section and the arrays.
// CHECK: {{^}}void types(int n, int *hist, int nb) {
// CHECK: {{^ *}}parrt_red_t par__reds[20] = {
// CHECK-NEXT: {{^ *}}{(void *)&(c), 1, sizeof(c)},
// CHECK: {{^ *}}{(void *)&(hist)[0], (uint64_t)(nb), sizeof((hist)[0])},
// CHECK-NEXT: {{^ *}}{(void *)(arr), sizeof(arr) / sizeof((arr)[0]), sizeof((arr)[0])},
// CHECK-NEXT: {{^ *}}{(void *)(m), sizeof(m) / sizeof((m)[0][0]), sizeof((m)[0][0])},
// CHECK: {{^ *}}par__args.reds = par__reds;
// CHECK: {{^ *}}parrt_loop_run(&par__loop_types_18, &par__args, 0);
//
// The chunk reads each partial, runs the body, and stores the partial back.
// CHECK: {{^}}static void par__chunk_types_18(const parrt_chunk_t *par__c) {
// CHECK: {{^ *}}char c;
// CHECK-NEXT: {{^ *}}__builtin_memcpy(&c, par__c->red[0], sizeof c);
// CHECK: {{^ *}}__builtin_memcpy(par__c->red[0], &c, sizeof c);
//
// CHECK: {{^}}static const parrt_red_desc_t par__reds_ops_31[] = {
// CHECK-NEXT: {{^ *}}{"d", PARRT_RED_MUL, PARRT_T_DOUBLE},
// CHECK-NEXT: {{^ *}}{"l", PARRT_RED_ADD, PARRT_T_LONG},
// CHECK-NEXT: {{^ *}}{"u", PARRT_RED_BAND, PARRT_T_UINT},
// CHECK-NEXT: {{^ *}}{"ul", PARRT_RED_BOR, PARRT_T_ULONG},
// CHECK-NEXT: {{^ *}}{"ull", PARRT_RED_BXOR, PARRT_T_ULLONG},
// CHECK-NEXT: {{^ *}}{"i", PARRT_RED_LAND, PARRT_T_INT},
// CHECK-NEXT: {{^ *}}{"b", PARRT_RED_LOR, PARRT_T_BOOL},
// CHECK-NEXT: {{^ *}}{"fl", PARRT_RED_MIN, PARRT_T_FLOAT},
// CHECK-NEXT: {{^ *}}{"ld", PARRT_RED_MAX, PARRT_T_LDOUBLE},
// CHECK-NEXT: {{^}}};
