/* test_reduce.c: reductions, from the (op, type) table to whole loops.
 *
 * The expected values are computed here, without the runtime, the way the
 * runtime promises to compute them (loop.c, points 3 and 4): one partial per
 * block of the partition, starting at the identity, folded into the original
 * in block order. Results must match bit for bit at every PAR_WORKERS.
 */
#define _GNU_SOURCE 1
#include <complex.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "par/abi.h"
#include "runtime/reduce.h"
#include "unit.h"
#include "child.h"


/* ---- the spec, written independently of runtime/reduce.c ---------------- */

#define NB_MAX 1024

/* Near-equal blocks, min(niters, 1024) of them (no schedule chunk). */
static uint64_t nblocks_of(uint64_t niters) { return niters < NB_MAX ? niters : NB_MAX; }
static uint64_t block_lo(uint64_t niters, uint64_t b) {
  return (uint64_t)(((unsigned __int128)b * niters) / nblocks_of(niters));
}

/* X(suffix, C type, kind, least, greatest) */
#define TYPES(X)                                                         \
  X(BOOL, _Bool, B, 0, 1)                                                \
  X(CHAR, char, I, CHAR_MIN, CHAR_MAX)                                   \
  X(SCHAR, signed char, I, SCHAR_MIN, SCHAR_MAX)                         \
  X(UCHAR, unsigned char, I, 0, UCHAR_MAX)                               \
  X(SHORT, short, I, SHRT_MIN, SHRT_MAX)                                 \
  X(USHORT, unsigned short, I, 0, USHRT_MAX)                             \
  X(INT, int, I, INT_MIN, INT_MAX)                                       \
  X(UINT, unsigned, I, 0, UINT_MAX)                                      \
  X(LONG, long, I, LONG_MIN, LONG_MAX)                                   \
  X(ULONG, unsigned long, I, 0, ULONG_MAX)                               \
  X(LLONG, long long, I, LLONG_MIN, LLONG_MAX)                           \
  X(ULLONG, unsigned long long, I, 0, ULLONG_MAX)                        \
  X(FLOAT, float, F, -INFINITY, INFINITY)                                \
  X(DOUBLE, double, F, -INFINITY, INFINITY)                              \
  X(LDOUBLE, long double, F, -INFINITY, INFINITY)                        \
  X(CFLOAT, float _Complex, C, 0, 0)                                     \
  X(CDOUBLE, double _Complex, C, 0, 0)                                   \
  X(CLDOUBLE, long double _Complex, C, 0, 0)

/* Which operators each kind has (C and OpenMP rules). */
static int kind_has(char kind, uint32_t op) {
  switch (kind) {
  case 'B':
  case 'I':
    return 1;
  case 'F':
    return op != PARRT_RED_BAND && op != PARRT_RED_BOR && op != PARRT_RED_BXOR;
  default:
    return op == PARRT_RED_ADD || op == PARRT_RED_MUL || op == PARRT_RED_LAND || op == PARRT_RED_LOR;
  }
}

static const char type_kind[PARRT_T__COUNT] = {
#define KIND_ENTRY(TS, T, K, LO, HI) [PARRT_T_##TS] = #K[0],
    TYPES(KIND_ENTRY)};

/* Per type: identity, a op b, input values and the initial value. The
 * integer kinds: + and * are done in unsigned long long and converted back
 * (wrapping, never undefined); bool follows C's conversion to _Bool. */
#define DEFINE_TYPE(TS, T, K, LO, HI)                                                      \
  static T ident_##TS(uint32_t op) {                                                       \
    switch (op) {                                                                          \
    case PARRT_RED_MUL:                                                                    \
    case PARRT_RED_LAND:                                                                   \
      return (T)1;                                                                         \
    case PARRT_RED_BAND:                                                                   \
      return (T)(#K[0] == 'B' ? 1 : -1); /* all ones */                                    \
    case PARRT_RED_MIN:                                                                    \
      return (T)(HI);                                                                      \
    case PARRT_RED_MAX:                                                                    \
      return (T)(LO);                                                                      \
    default:                                                                               \
      return (T)0;                                                                         \
    }                                                                                      \
  }                                                                                        \
  static T apply_##TS(uint32_t op, T a, T b) { return apply_##K##_##TS(op, a, b); }         \
  static T value_##TS(uint32_t op, uint64_t i) { return value_##K##_##TS(op, i); }

/* Integer operators, by kind. */
#define APPLY_I(TS, T)                                                                   \
  static T apply_I_##TS(uint32_t op, T a, T b) {                                           \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      return (T)((unsigned long long)a + (unsigned long long)b);                           \
    case PARRT_RED_MUL:                                                                    \
      return (T)((unsigned long long)a * (unsigned long long)b);                           \
    case PARRT_RED_BAND:                                                                   \
      return (T)(a & b);                                                                   \
    case PARRT_RED_BOR:                                                                    \
      return (T)(a | b);                                                                   \
    case PARRT_RED_BXOR:                                                                   \
      return (T)(a ^ b);                                                                   \
    case PARRT_RED_LAND:                                                                   \
      return (T)(a && b);                                                                  \
    case PARRT_RED_LOR:                                                                    \
      return (T)(a || b);                                                                  \
    case PARRT_RED_MIN:                                                                    \
      return b < a ? b : a;                                                                \
    case PARRT_RED_MAX:                                                                    \
      return b > a ? b : a;                                                                \
    }                                                                                      \
    abort();                                                                               \
  }                                                                                        \
  static T value_I_##TS(uint32_t op, uint64_t i) {                                         \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      return (T)((long long)((i * 7919) % 201) - 100);                                     \
    case PARRT_RED_MUL:                                                                    \
      return (T)(i % 211 == 3 ? 2 : i % 5 == 0 ? -1 : 1);                                  \
    case PARRT_RED_BAND:                                                                   \
      return (T)(i % 97 == 5 ? ~(1ull << (i / 97 % 8)) : ~0ull);                           \
    case PARRT_RED_BOR:                                                                    \
      return (T)(i % 89 == 7 ? 1ull << (i / 89 % 8) : 0);                                  \
    case PARRT_RED_BXOR:                                                                   \
      return (T)(i * 2654435761u);                                                         \
    case PARRT_RED_LAND:                                                                   \
      return (T)(i == 777 ? 0 : i % 3 + 1);                                                \
    case PARRT_RED_LOR:                                                                    \
      return (T)(i == 555 ? 4 : 0);                                                        \
    default:                                                                               \
      return (T)((long long)((i * 7919) % 251) - 125);                                     \
    }                                                                                      \
  }

#define APPLY_B(TS, T)                                                                     \
  static T apply_B_##TS(uint32_t op, T a, T b) {                                           \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      return a || b;                                                                       \
    case PARRT_RED_MUL:                                                                    \
    case PARRT_RED_BAND:                                                                   \
    case PARRT_RED_LAND:                                                                   \
    case PARRT_RED_MIN:                                                                    \
      return a && b;                                                                       \
    case PARRT_RED_BOR:                                                                    \
    case PARRT_RED_LOR:                                                                    \
    case PARRT_RED_MAX:                                                                    \
      return a || b;                                                                       \
    case PARRT_RED_BXOR:                                                                   \
      return a != b;                                                                       \
    }                                                                                      \
    abort();                                                                               \
  }                                                                                        \
  static T value_B_##TS(uint32_t op, uint64_t i) {                                         \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
    case PARRT_RED_BOR:                                                                    \
    case PARRT_RED_LOR:                                                                    \
    case PARRT_RED_MAX:                                                                    \
      return i == 555;                                                                     \
    case PARRT_RED_BXOR:                                                                   \
      return i % 7 == 0;                                                                   \
    default:                                                                               \
      return i != 777;                                                                     \
    }                                                                                      \
  }

#define APPLY_F(TS, T)                                                                     \
  static T apply_F_##TS(uint32_t op, T a, T b) {                                           \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      return a + b;                                                                        \
    case PARRT_RED_MUL:                                                                    \
      return a * b;                                                                        \
    case PARRT_RED_LAND:                                                                   \
      return (T)(a && b);                                                                  \
    case PARRT_RED_LOR:                                                                    \
      return (T)(a || b);                                                                  \
    case PARRT_RED_MIN:                                                                    \
      return b < a ? b : a;                                                                \
    case PARRT_RED_MAX:                                                                    \
      return b > a ? b : a;                                                                \
    }                                                                                      \
    abort();                                                                               \
  }                                                                                        \
  static T value_F_##TS(uint32_t op, uint64_t i) {                                         \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      return (T)(sin((double)i) * pow(10.0, (double)(i % 9)));                             \
    case PARRT_RED_MUL:                                                                    \
      return (T)(1.0 + ((double)(i % 13) - 6.0) * 1.37e-3);                                \
    case PARRT_RED_LAND:                                                                   \
      return (T)(i == 777 ? 0.0 : 0.5 + (double)(i % 3));                                  \
    case PARRT_RED_LOR:                                                                    \
      return (T)(i == 555 ? -2.5 : 0.0);                                                   \
    default:                                                                               \
      return (T)(cos((double)i * 0.37) * 1000.0);                                         \
    }                                                                                      \
  }

#define APPLY_C(TS, T)                                                                     \
  static T apply_C_##TS(uint32_t op, T a, T b) {                                           \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      return a + b;                                                                        \
    case PARRT_RED_MUL:                                                                    \
      return a * b;                                                                        \
    case PARRT_RED_LAND:                                                                   \
      return (T)(a && b);                                                                  \
    case PARRT_RED_LOR:                                                                    \
      return (T)(a || b);                                                                  \
    }                                                                                      \
    abort();                                                                               \
  }                                                                                        \
  static T value_C_##TS(uint32_t op, uint64_t i) {                                         \
    double re, im;                                                                         \
    switch (op) {                                                                          \
    case PARRT_RED_ADD:                                                                    \
      re = sin((double)i) * pow(10.0, (double)(i % 7));                                    \
      im = cos((double)i * 1.3) * 3.0;                                                     \
      break;                                                                               \
    case PARRT_RED_MUL:                                                                    \
      re = cos((double)i * 1e-3);                                                          \
      im = sin((double)i * 1e-3) * 0.01;                                                   \
      break;                                                                               \
    case PARRT_RED_LAND:                                                                   \
      re = i == 777 ? 0.0 : 1.5;                                                           \
      im = 0.0;                                                                            \
      break;                                                                               \
    default:                                                                               \
      re = 0.0;                                                                            \
      im = i == 555 ? 1.0 : 0.0;                                                           \
      break;                                                                               \
    }                                                                                      \
    T z = (T)re;                                                                           \
    __imag__ z = im;                                                                       \
    return z;                                                                              \
  }

#define DEFINE_APPLY(TS, T, K, LO, HI) APPLY_##K(TS, T)
TYPES(DEFINE_APPLY)
TYPES(DEFINE_TYPE)

/* Bit equality of one element, ignoring the padding of long double. */
static int same_bits(uint32_t type, const void *a, const void *b) {
  if (type == PARRT_T_LDOUBLE) return memcmp(a, b, 10) == 0;
  if (type == PARRT_T_CLDOUBLE)
    return memcmp(a, b, 10) == 0 && memcmp((const char *)a + 16, (const char *)b + 16, 10) == 0;
  return memcmp(a, b, par__red_type_size(type)) == 0;
}

/* ---- a loop per (op, type), written like generated code ----------------- */

typedef struct red_env {
  uint32_t op;
} red_env_t;

#define DEFINE_CHUNK(TS, T, K, LO, HI)                                                     \
  static void chunk_##TS(const parrt_chunk_t *c) {                                         \
    const red_env_t *env = c->env;                                                         \
    const T *x = c->maps[0];                                                               \
    T acc = *(T *)c->red[0];                                                               \
    for (uint64_t k = c->k0; k < c->k1; k++) acc = apply_##TS(env->op, acc, x[k]);         \
    *(T *)c->red[0] = acc;                                                                 \
  }                                                                                        \
  /* Runs the loop over n values (or computes the expected result when                     \
   * `expected`), leaving the bytes of the result in out. */                               \
  static void run_##TS(uint32_t op, uint64_t n, int expected, void *out) {                 \
    T *x = malloc((n ? n : 1) * sizeof *x);                                                \
    for (uint64_t i = 0; i < n; i++) x[i] = value_##TS(op, i);                             \
    T var;                                                                                 \
    memset(&var, 0, sizeof var);                                                           \
    var = op == PARRT_RED_LAND ? (T)1 : op == PARRT_RED_LOR ? (T)0 : value_##TS(op, n + 5); \
    if (expected) {                                                                        \
      for (uint64_t b = 0; b < nblocks_of(n); b++) {                                       \
        T p = ident_##TS(op);                                                              \
        for (uint64_t k = block_lo(n, b); k < (b + 1 < nblocks_of(n) ? block_lo(n, b + 1) : n); k++) \
          p = apply_##TS(op, p, x[k]);                                                     \
        var = apply_##TS(op, var, p);                                                      \
      }                                                                                    \
    } else {                                                                               \
      red_env_t env = {op};                                                                \
      parrt_red_desc_t rd = {#TS, op, PARRT_T_##TS};                                       \
      parrt_loop_desc_t desc = {.struct_size = sizeof desc, .abi_version = PARRT_ABI_VERSION, \
                                .id = 1, .name = "red:" #TS, .chunk = chunk_##TS,          \
                                .nmaps = 1, .nreds = 1, .reds = &rd};                      \
      parrt_map_t map = {.base = x, .len = n, .elem_size = sizeof *x};                     \
      parrt_red_t red = {&var, 1, sizeof var};                                             \
      parrt_loop_args_t args = {.struct_size = sizeof args, .niters = n, .step = 1,        \
                                .env = &env, .env_size = sizeof env, .maps = &map,         \
                                .reds = &red, .retries = -1};                              \
      parrt_loop_run(&desc, &args, NULL);                                                  \
    }                                                                                      \
    memcpy(out, &var, sizeof var);                                                         \
    free(x);                                                                               \
  }
TYPES(DEFINE_CHUNK)

static void (*const run_fns[PARRT_T__COUNT])(uint32_t, uint64_t, int, void *) = {
#define RUN_ENTRY(TS, T, K, LO, HI) [PARRT_T_##TS] = run_##TS,
    TYPES(RUN_ENTRY)};

static const uint64_t red_sizes[] = {0, 1, 2, 7, 100, 1000, 5000};

/* Every valid pair at every size against the block fold; prints what it
 * checked to out. */
static void all_pairs(FILE *out) {
  int checked = 0;
  for (uint32_t type = 0; type < PARRT_T__COUNT; type++) {
    for (uint32_t op = 0; op < PARRT_RED__COUNT; op++) {
      if (!kind_has(type_kind[type], op)) continue;
      for (size_t s = 0; s < sizeof red_sizes / sizeof red_sizes[0]; s++) {
        _Alignas(64) unsigned char got[32] = {0}, want[32] = {0};
        run_fns[type](op, red_sizes[s], 0, got);
        run_fns[type](op, red_sizes[s], 1, want);
        if (!same_bits(type, got, want)) {
          fprintf(stderr, "%s on %s over %llu values: result differs from the block fold\n",
                  par__red_op_name(op), par__red_type_name(type), (unsigned long long)red_sizes[s]);
          _exit(1);
        }
        checked++;
      }
    }
  }
  fprintf(out, "%d\n", checked);
}

TEST(every_op_and_type_matches_block_fold) {
  static const char *const workers[] = {"1", "2", "3", "8"};
  for (size_t i = 0; i < 4; i++) {
    child_t c;
    child_run(workers[i], all_pairs, &c);
    if (c.status) fprintf(stderr, "PAR_WORKERS=%s: %s", workers[i], c.err);
    CHECK_EQ_INT(c.status, 0);
    /* 9 ops on 11 integer types and bool, 6 on 3 floating, 4 on 3 complex. */
    CHECK_EQ_INT(atoi(c.out), (12 * 9 + 3 * 6 + 3 * 4) * 7);
    free(c.out);
  }
}

TEST(valid_pairs_are_exactly_the_c_ones) {
  for (uint32_t type = 0; type < PARRT_T__COUNT; type++)
    for (uint32_t op = 0; op < PARRT_RED__COUNT; op++)
      CHECK_EQ_INT(par__red_valid(op, type), kind_has(type_kind[type], op));
  CHECK(!par__red_valid(PARRT_RED__COUNT, PARRT_T_INT));
  CHECK(!par__red_valid(PARRT_RED_ADD, PARRT_T__COUNT));
  CHECK_EQ_INT(par__red_type_size(PARRT_T_CDOUBLE), sizeof(double _Complex));
  CHECK_EQ_INT(par__red_type_size(PARRT_T_BOOL), sizeof(_Bool));
  CHECK_STREQ(par__red_op_name(PARRT_RED_LAND), "&&");
  CHECK_STREQ(par__red_type_name(PARRT_T_ULLONG), "unsigned long long");
}

TEST(identities) {
  int i[3];
  par__red_impl(PARRT_RED_MIN, PARRT_T_INT)->init(i, 3);
  CHECK(i[0] == INT_MAX && i[2] == INT_MAX);
  par__red_impl(PARRT_RED_MAX, PARRT_T_INT)->init(i, 1);
  CHECK_EQ_INT(i[0], INT_MIN);
  par__red_impl(PARRT_RED_BAND, PARRT_T_INT)->init(i, 1);
  CHECK_EQ_INT(i[0], -1);
  par__red_impl(PARRT_RED_MUL, PARRT_T_INT)->init(i, 1);
  CHECK_EQ_INT(i[0], 1);
  unsigned short us;
  par__red_impl(PARRT_RED_BAND, PARRT_T_USHORT)->init(&us, 1);
  CHECK_EQ_INT(us, 0xffff);
  par__red_impl(PARRT_RED_MAX, PARRT_T_USHORT)->init(&us, 1);
  CHECK_EQ_INT(us, 0);
  double d[2];
  par__red_impl(PARRT_RED_MIN, PARRT_T_DOUBLE)->init(d, 2);
  CHECK(isinf(d[0]) && d[0] > 0 && isinf(d[1]));
  par__red_impl(PARRT_RED_MAX, PARRT_T_DOUBLE)->init(d, 1);
  CHECK(isinf(d[0]) && d[0] < 0);
  par__red_impl(PARRT_RED_LOR, PARRT_T_DOUBLE)->init(d, 1);
  CHECK(d[0] == 0.0);
  _Bool b;
  par__red_impl(PARRT_RED_BAND, PARRT_T_BOOL)->init(&b, 1);
  CHECK_EQ_INT(b, 1);
  par__red_impl(PARRT_RED_MIN, PARRT_T_BOOL)->init(&b, 1);
  CHECK_EQ_INT(b, 1);
  long double _Complex z;
  par__red_impl(PARRT_RED_MUL, PARRT_T_CLDOUBLE)->init(&z, 1);
  CHECK(creall(z) == 1.0L && cimagl(z) == 0.0L);
  char ch;
  par__red_impl(PARRT_RED_MIN, PARRT_T_CHAR)->init(&ch, 1);
  CHECK_EQ_INT(ch, CHAR_MAX);
}

TEST(combine_semantics) {
  /* && and || give 0 or 1 in the type, not an operand. */
  int a = 5, b = 7;
  par__red_impl(PARRT_RED_LAND, PARRT_T_INT)->combine(&a, &b, 1);
  CHECK_EQ_INT(a, 1);
  a = 0;
  b = 9;
  par__red_impl(PARRT_RED_LOR, PARRT_T_INT)->combine(&a, &b, 1);
  CHECK_EQ_INT(a, 1);
  double x = 2.5, y = -4.0;
  par__red_impl(PARRT_RED_LAND, PARRT_T_DOUBLE)->combine(&x, &y, 1);
  CHECK(x == 1.0);
  /* Signed overflow wraps instead of being undefined. */
  int big = INT_MAX, one = 1;
  par__red_impl(PARRT_RED_ADD, PARRT_T_INT)->combine(&big, &one, 1);
  CHECK_EQ_INT(big, INT_MIN);
  /* Element-wise over arrays. */
  long m[4] = {5, -3, 8, 0}, n[4] = {2, -7, 9, 0};
  par__red_impl(PARRT_RED_MIN, PARRT_T_LONG)->combine(m, n, 4);
  CHECK(m[0] == 2 && m[1] == -7 && m[2] == 8 && m[3] == 0);
  par__red_impl(PARRT_RED_MAX, PARRT_T_LONG)->combine(m, n, 3);
  CHECK(m[0] == 2 && m[1] == -7 && m[2] == 9);
  unsigned u = 0xf0f0, v = 0x0ff0;
  par__red_impl(PARRT_RED_BXOR, PARRT_T_UINT)->combine(&u, &v, 1);
  CHECK_EQ_INT(u, 0xff00);
  float _Complex p = 1.0f + 2.0f * I, q = 3.0f - 1.0f * I;
  par__red_impl(PARRT_RED_MUL, PARRT_T_CFLOAT)->combine(&p, &q, 1);
  CHECK(crealf(p) == 5.0f && cimagf(p) == 5.0f);
}

/* ---- + on doubles over 1e6 values: the same bits at every W ------------- */

#define BIG_N 1000000

static void big_chunk(const parrt_chunk_t *c) {
  const double *x = c->maps[0];
  double *sum = c->red[0];
  for (uint64_t k = c->k0; k < c->k1; k++) *sum += x[k];
}

static double big_value(uint64_t i) { return sin((double)i) * pow(10.0, (double)(i % 11)); }

static void big_sum(FILE *out) {
  double *x = malloc(BIG_N * sizeof *x);
  for (uint64_t i = 0; i < BIG_N; i++) x[i] = big_value(i);
  double sum = 0.25;
  parrt_red_desc_t rd = {"sum", PARRT_RED_ADD, PARRT_T_DOUBLE};
  parrt_loop_desc_t desc = {.struct_size = sizeof desc, .abi_version = PARRT_ABI_VERSION, .id = 2,
                            .name = "big:1", .chunk = big_chunk, .nmaps = 1, .nreds = 1, .reds = &rd};
  parrt_map_t map = {.base = x, .len = BIG_N, .elem_size = sizeof *x};
  parrt_red_t red = {&sum, 1, sizeof sum};
  parrt_loop_args_t args = {.struct_size = sizeof args, .niters = BIG_N, .step = 1, .maps = &map,
                            .reds = &red, .retries = -1};
  for (int rep = 0; rep < 3; rep++) {
    double s = sum;
    red.var = &s;
    parrt_loop_run(&desc, &args, NULL);
    fprintf(out, "%a\n", s);
  }
  free(x);
}

TEST(double_sum_bit_identical_across_workers) {
  char *outs[3];
  static const char *const workers[] = {"1", "2", "3"};
  for (int i = 0; i < 3; i++) {
    child_t c;
    child_run(workers[i], big_sum, &c);
    if (c.status) fprintf(stderr, "%s", c.err);
    CHECK_EQ_INT(c.status, 0);
    outs[i] = c.out;
  }
  CHECK_STREQ(outs[1], outs[0]);
  CHECK_STREQ(outs[2], outs[0]);
  /* And the bits are those of the block fold, which differ from a naive
   * serial sum for these values (so the order really is being checked). */
  double want = 0.25, naive = 0.25;
  uint64_t nb = nblocks_of(BIG_N);
  for (uint64_t b = 0; b < nb; b++) {
    double p = 0.0;
    uint64_t hi = b + 1 < nb ? block_lo(BIG_N, b + 1) : BIG_N;
    for (uint64_t k = block_lo(BIG_N, b); k < hi; k++) p += big_value(k);
    want += p;
  }
  for (uint64_t k = 0; k < BIG_N; k++) naive += big_value(k);
  CHECK(want != naive);
  char line[64];
  snprintf(line, sizeof line, "%a\n", want);
  CHECK(strncmp(outs[0], line, strlen(line)) == 0);
  for (int i = 0; i < 3; i++) free(outs[i]);
}

/* ---- array sections: a histogram, several items at once ----------------- */

#define NBINS 61
#define HIST_N 100003

typedef struct hist_env {
  uint32_t nbins;
} hist_env_t;

/* reduction(+: count[0:NBINS]) reduction(+: weight[0:NBINS]) reduction(max: top) */
static void hist_chunk(const parrt_chunk_t *c) {
  const hist_env_t *env = c->env;
  const uint32_t *key = c->maps[0];
  const double *w = c->maps[1];
  long *count = c->red[0];
  double *weight = c->red[1];
  double *top = c->red[2];
  for (uint64_t k = c->k0; k < c->k1; k++) {
    uint32_t bin = key[k] % env->nbins;
    count[bin] += 1;
    weight[bin] += w[k];
    if (w[k] > *top) *top = w[k];
  }
}

static void hist(FILE *out) {
  uint32_t *key = malloc(HIST_N * sizeof *key);
  double *w = malloc(HIST_N * sizeof *w);
  for (uint64_t i = 0; i < HIST_N; i++) {
    key[i] = (uint32_t)(i * 2654435761u >> 7);
    w[i] = sin((double)i * 0.1) * pow(10.0, (double)(i % 5));
  }
  long count[NBINS + 2];
  double weight[NBINS];
  double top = -1.0;
  for (int b = 0; b < NBINS + 2; b++) count[b] = 1000 + b;
  for (int b = 0; b < NBINS; b++) weight[b] = 0.5;
  parrt_red_desc_t rd[3] = {{"count", PARRT_RED_ADD, PARRT_T_LONG},
                            {"weight", PARRT_RED_ADD, PARRT_T_DOUBLE},
                            {"top", PARRT_RED_MAX, PARRT_T_DOUBLE}};
  parrt_loop_desc_t desc = {.struct_size = sizeof desc, .abi_version = PARRT_ABI_VERSION, .id = 3,
                            .name = "hist:1", .chunk = hist_chunk, .schedule = PARRT_SCHED_DYNAMIC,
                            .nmaps = 2, .nreds = 3, .reds = rd};
  hist_env_t env = {NBINS};
  parrt_map_t maps[2] = {{.base = key}, {.base = w}};
  /* The section count[1:NBINS]: var is element lo. */
  parrt_red_t reds[3] = {{&count[1], NBINS, sizeof(long)}, {weight, NBINS, sizeof(double)},
                         {&top, 1, sizeof top}};
  parrt_loop_args_t args = {.struct_size = sizeof args, .niters = HIST_N, .step = 1, .env = &env,
                            .env_size = sizeof env, .maps = maps, .reds = reds, .retries = -1};
  parrt_loop_run(&desc, &args, NULL);

  /* Expected: block fold, element-wise. */
  long ecount[NBINS + 2];
  double eweight[NBINS], etop = -1.0;
  for (int b = 0; b < NBINS + 2; b++) ecount[b] = 1000 + b;
  for (int b = 0; b < NBINS; b++) eweight[b] = 0.5;
  uint64_t nb = nblocks_of(HIST_N);
  for (uint64_t blk = 0; blk < nb; blk++) {
    long pc[NBINS] = {0};
    double pw[NBINS] = {0}, pt = -INFINITY;
    uint64_t hi = blk + 1 < nb ? block_lo(HIST_N, blk + 1) : HIST_N;
    for (uint64_t k = block_lo(HIST_N, blk); k < hi; k++) {
      pc[key[k] % NBINS]++;
      pw[key[k] % NBINS] += w[k];
      if (w[k] > pt) pt = w[k];
    }
    for (int b = 0; b < NBINS; b++) {
      ecount[b + 1] += pc[b];
      eweight[b] += pw[b];
    }
    if (pt > etop) etop = pt;
  }
  int bad = memcmp(count, ecount, sizeof count) != 0 || memcmp(weight, eweight, sizeof weight) != 0 ||
            top != etop;
  long total = 0;
  for (int b = 1; b <= NBINS; b++) total += count[b] - (1000 + b);
  if (bad || total != HIST_N || count[0] != 1000 || count[NBINS + 1] != 1000 + NBINS + 1) {
    fprintf(stderr, "histogram differs from the block fold (total %ld)\n", total);
    _exit(1);
  }
  fprintf(out, "%a %a\n", weight[0], top);
  free(key);
  free(w);
}

TEST(array_section_histogram) {
  static const char *const workers[] = {"1", "2", "3", "8"};
  char *first = NULL;
  for (int i = 0; i < 4; i++) {
    child_t c;
    child_run(workers[i], hist, &c);
    if (c.status) fprintf(stderr, "PAR_WORKERS=%s: %s", workers[i], c.err);
    CHECK_EQ_INT(c.status, 0);
    if (!first) {
      first = c.out;
    } else {
      CHECK_STREQ(c.out, first);
      free(c.out);
    }
  }
  free(first);
}

UNIT_MAIN()
