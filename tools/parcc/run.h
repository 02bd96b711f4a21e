/* run.h: running clang, the driver's temp dir, and signals.
 *
 * The fast path replaces parcc by clang (drv_exec). The slow path runs each
 * command as a child (drv_run, posix_spawn) while parcc waits; a SIGINT,
 * SIGTERM, SIGHUP or SIGQUIT that reaches parcc is forwarded to the running
 * child, the temp dir is removed, and parcc then dies of the same signal, as
 * the child did. Signals that were ignored when parcc started stay ignored.
 */
#ifndef PARCC_RUN_H
#define PARCC_RUN_H

#include "util.h"

/* Prints `argv` on stderr the way `clang -###` does: one line, each word
 * quoted. */
void drv_print_command(const char *const *argv);

/* Replaces this process with argv[0] (searched on PATH when it has no '/').
 * Prints the command first when `verbose`. Returns only on failure, after
 * printing the reason; the caller exits 1. */
void drv_exec(const char *const *argv, int verbose);

/* Runs argv as a child and waits for it. Returns its wait status (as from
 * waitpid), or -1 after printing why it could not be started. If a signal
 * came in meanwhile, cleans up and dies of it (does not return). */
int drv_run(const char *const *argv, int verbose);

/* Exits the way a child with wait status `status` ended: its exit code, or
 * the same signal (after cleanup). -1 (could not start) exits 1. */
void drv_exit_like(int status) TOOL_NORETURN;

/* Installs the signal handlers. Call once, before the temp dir is made. */
void drv_signals_install(void);

/* The driver's private temp dir (mkdtemp under $TMPDIR or /tmp), made on the
 * first call; NULL (after printing why) if it could not be made. Removed at
 * exit, on errors and on signals, unless `keep` was set by drv_tmp_keep()
 * before the first call: then it is kept and its path printed on stderr. */
const char *drv_tmp_dir(void);
void drv_tmp_keep(int keep);

/* A fresh subdirectory of the temp dir for input number `n`, so that inputs
 * with the same base name do not collide. Kept string; NULL on failure. */
const char *drv_tmp_subdir(int n);

/* Records a file that parcc is about to create in the temp dir, so that a
 * signal arriving before the normal cleanup can still remove it. `path` is
 * borrowed until exit. */
void drv_tmp_track(const char *path);

#endif /* PARCC_RUN_H */
