/* reduce.h: identities and combiners of every reduction (op, type).
 *
 * The runtime never knows a reduction's C type statically: generated code
 * names it with enum parrt_type and enum parrt_red_op, and this module turns
 * the pair into two functions over arrays of elements. Pairs that C or
 * OpenMP reject (bitwise operators on floating or complex types, min and max
 * on complex types) have no functions: par__red_valid says so, and parcc
 * never emits them (the registry refuses them).
 *
 * Identities: + | ^ || give 0; * && give 1; & gives all ones; min gives the
 * largest value of the type (+INFINITY for floating types), max the smallest
 * (-INFINITY). Combining is `a = a op b`; && and || give 0 or 1 in the type.
 * Signed integer + and * wrap (two's complement) instead of overflowing.
 */
#ifndef PAR_RUNTIME_REDUCE_H
#define PAR_RUNTIME_REDUCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "par/abi.h"

/* Sets n elements at p to the identity. */
typedef void (*par__red_init_fn)(void *p, uint64_t n);
/* dst[i] = dst[i] op src[i] for i in [0, n). */
typedef void (*par__red_combine_fn)(void *restrict dst, const void *restrict src, uint64_t n);

typedef struct par__red_impl {
  par__red_init_fn init;
  par__red_combine_fn combine;
} par__red_impl_t;

/* Whether (op, type) is a valid reduction (out-of-range values are not). */
bool par__red_valid(uint32_t op, uint32_t type);

/* The functions of a valid (op, type); asserts validity. Static storage. */
const par__red_impl_t *par__red_impl(uint32_t op, uint32_t type);

/* Whether combining by (op, type) is exact: the same bits in any grouping
 * of the same order, so that a run of consecutive blocks may be combined
 * where it ran instead of block by block at the end (integer types, whose
 * + and * wrap; not floating ones, whose sums round). */
bool par__red_exact(uint32_t op, uint32_t type);

/* sizeof one element of `type`; 0 for an out-of-range value. */
size_t par__red_type_size(uint32_t type);

/* "+", "min", ... and "int", "double _Complex", ... for messages; "?" for
 * out-of-range values. */
const char *par__red_op_name(uint32_t op);
const char *par__red_type_name(uint32_t type);

#endif /* PAR_RUNTIME_REDUCE_H */
