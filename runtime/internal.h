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

#include <pthread.h>
#include <time.h>

/* The instant `ns` of par__time_ns as a CLOCK_MONOTONIC timespec, for
 * pthread_cond_timedwait on a condition made by par__cond_init_monotonic. */
struct timespec par__timespec_at(uint64_t ns);
void par__cond_init_monotonic(pthread_cond_t *cv);
/* A mutex whose waiters spin briefly before they sleep (the holder keeps it
 * for microseconds, and a futex sleep and wake-up cost more). */
void par__mutex_init_adaptive(pthread_mutex_t *mu);

#endif /* PAR_RUNTIME_INTERNAL_H */
