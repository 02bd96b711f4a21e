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

#include "config.h"
#include "remote.h"

extern int __real_main(int argc, char **argv, char **envp) __attribute__((weak));

PARRT_API int __wrap_main(int argc, char **argv, char **envp);
PARRT_API int __wrap_main(int argc, char **argv, char **envp) {
  static int started;
  if (!started) {
    started = 1;
    const par__config_t *cfg = par__config_get();
    if (cfg->role == PAR__ROLE_WORKER) par__worker_main();
    if (cfg->role == PAR__ROLE_DRIVER) par__driver_start();
  }
  return __real_main(argc, argv, envp);
}
