/* fault.h: timeout(s) for loops and calls that run in this process
 * (fault.c). Under parrun the driver enforces timeouts of remote work
 * itself (driver.c). */
#ifndef PAR_RUNTIME_FAULT_H
#define PAR_RUNTIME_FAULT_H

#include <stdbool.h>
#include <stdint.h>

/* One open watch: the caller's object (on its stack), linked into the
 * watchdog's list from par__fault_watch_open to par__fault_watch_end. */
typedef struct par__fault_watch {
  const char *kind, *name, *file; /* borrowed: the descriptor's strings */
  int line;
  double seconds;
  uint64_t deadline_ns;
  bool open;
  struct par__fault_watch *next;
} par__fault_watch_t;

/* Starts watching: if par__fault_watch_end(w) has not come `seconds` from
 * now, the program stops with exit 2 and a message naming the `kind`
 * ("loop", "function") `name` (file:line). seconds <= 0: no watch (w is
 * still initialized, and ending it does nothing). */
void par__fault_watch_open(par__fault_watch_t *w, const char *kind, const char *name,
                           const char *file, int line, double seconds);

/* Stops watching w; usable as __attribute__((cleanup)). */
void par__fault_watch_end(par__fault_watch_t *w);

#endif
