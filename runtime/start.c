/* start.c: where a parcc-linked program starts (docs/distributed.md).
 *
 * parcc links programs with -Wl,--wrap=main, so the C library's start code
 * calls __wrap_main instead of main, after every constructor has run (so
 * every loop descriptor is registered). Without PAR_ROLE the program runs
 * as it always would. A worker never reaches main; the driver admits its
 * workers first.
 *
 * This file is alone in its object so that a program linked without
 * --wrap=main (a unit test linking libparrt.a) never pulls it in; the weak
 * reference keeps libparrt.so loadable without it.
 */
#include "internal.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "obs.h"
#include "remote.h"

/* UCX's libucs installs handlers for SIGSEGV, SIGBUS, SIGILL and SIGFPE
 * when it is loaded (UCX_HANDLE_ERRORS, default "bt") and prints its own
 * backtrace for any crash, even in a program that never uses UCX (./app).
 * A crash in the user's code is the user's: unless UCX_HANDLE_ERRORS is set,
 * handlers that belong to libucs are put back to the default, so the
 * process dies of the signal as it would without par (and parrun, the
 * driver and the shell report that signal). */
static void par__start_unhook_ucx(void) {
  if (getenv("UCX_HANDLE_ERRORS")) return;
  static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction sa;
    if (sigaction(sigs[i], NULL, &sa) != 0) continue;
    void *fn = (sa.sa_flags & SA_SIGINFO) ? (void *)sa.sa_sigaction : (void *)sa.sa_handler;
    if (fn == (void *)SIG_DFL || fn == (void *)SIG_IGN) continue;
    Dl_info info;
    if (dladdr(fn, &info) && info.dli_fname && strstr(info.dli_fname, "libucs")) {
      signal(sigs[i], SIG_DFL);
    }
  }
}

extern int __real_main(int argc, char **argv, char **envp) __attribute__((weak));

PARRT_API int __wrap_main(int argc, char **argv, char **envp);
PARRT_API int __wrap_main(int argc, char **argv, char **envp) {
  static int started;
  if (!started) {
    started = 1;
    par__start_unhook_ucx();
    const par__config_t *cfg = par__config_get();
    par__obs_start(); /* before any runtime thread: PAR_PROGRESS & co. (obs.h) */
    if (cfg->role == PAR__ROLE_WORKER) par__worker_main();
    if (cfg->role == PAR__ROLE_DRIVER) par__driver_start();
  }
  return __real_main(argc, argv, envp);
}
