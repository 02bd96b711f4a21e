/* par.h: the small public API of par.
 *
 * Pragmas need no #include; this header is for code that wants to ask the
 * runtime something. Compiled by a plain cc (no parcc, so no runtime), every
 * function is a serial stub: one worker, rank 0, sync does nothing.
 */
#ifndef PAR_H
#define PAR_H

#define PAR_VERSION_MAJOR 0
#define PAR_VERSION_MINOR 1
#define PAR_VERSION_PATCH 0
#define PAR_VERSION_STRING "0.1.0"
#define PAR_VERSION (PAR_VERSION_MAJOR * 10000 + PAR_VERSION_MINOR * 100 + PAR_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__PARCC__)
/* Number of workers that run tasks: the pool's threads for ./app, the
 * worker processes under parrun. */
int par_num_workers(void);
/* 0 in the driver (and in a standalone program), 1..N in workers. */
int par_rank(void);
/* Waits for every nowait loop and spawned task started so far by the caller's
 * thread that has not been waited for yet (the `#pragma par sync` of code that
 * has no group of its own). */
void par_sync(void);
#else
static inline int par_num_workers(void) { return 1; }
static inline int par_rank(void) { return 0; }
static inline void par_sync(void) {}
#endif

#ifdef __cplusplus
}
#endif
#endif /* PAR_H */
