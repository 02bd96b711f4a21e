/* internal.h: what every file of libparrt includes first.
 *
 * libparrt is built with -fvisibility=hidden: only functions marked PARRT_API
 * (the parrt_* ABI of include/par/abi.h and the par_* API of include/par.h)
 * are exported from libparrt.so. Everything else is named par__<module>_...
 * and stays inside the library.
 */
#ifndef PAR_RUNTIME_INTERNAL_H
#define PAR_RUNTIME_INTERNAL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PARRT_API __attribute__((visibility("default")))

#define PAR__UNLIKELY(x) __builtin_expect(!!(x), 0)
#define PAR__ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Monotonic clock in nanoseconds. */
uint64_t par__time_ns(void);

#endif /* PAR_RUNTIME_INTERNAL_H */
