/* crash.h: a worker's report of a task that faults (crash.c): the signal,
 * the task's loop or function with its file:line, and a backtrace, written
 * to stderr before the process dies of the signal. */
#ifndef PAR_RUNTIME_CRASH_H
#define PAR_RUNTIME_CRASH_H

/* Installs the handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT;
 * once, in a worker, before it runs tasks. `host` is copied. */
void par__crash_install(int rank, const char *host);

/* The calling thread now runs a task: `kind` ("loop" or "function"),
 * `name` and `file` are borrowed for as long as the task runs (static
 * strings of its descriptor). The first call on a thread also unblocks
 * those signals there and gives it an alternate signal stack. Does
 * nothing before par__crash_install. */
void par__crash_enter(const char *kind, const char *name, const char *file, int line);

/* The calling thread's task is over. */
void par__crash_leave(void);

#endif
