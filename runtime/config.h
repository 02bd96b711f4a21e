/* config.h: every PAR_* environment variable, in one table.
 *
 * Each row of the table in config.c is a variable: its name, default, one
 * line of documentation and a parser. The process configuration is loaded
 * once, lazily, at the first use of the runtime (not in a constructor, so a
 * program may setenv() before its first parallel loop). An invalid value
 * stops the program (exit 2) with a message naming the variable; an unknown
 * PAR_* variable gets one warning, with a "did you mean" when a known name
 * is close. `parrun --print-config` prints the table (par__config_print).
 */
#ifndef PAR_RUNTIME_CONFIG_H
#define PAR_RUNTIME_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "log.h"
#include "status.h"

typedef enum par__role {
  PAR__ROLE_STANDALONE = 0, /* no PAR_ROLE: ./app run by itself */
  PAR__ROLE_DRIVER,         /* PAR_ROLE=driver: rank 0 under parrun */
  PAR__ROLE_WORKER,         /* PAR_ROLE=worker: ranks 1..N under parrun */
} par__role_t;

#define PAR__WORKERS_MAX 4096

typedef struct par__config {
  int workers;                /* PAR_WORKERS, resolved: >= 1 */
  bool workers_set;           /* PAR_WORKERS was given */
  par__log_level_t log_level; /* PAR_LOG */
  bool progress;              /* PAR_PROGRESS */
  char *trace;                /* PAR_TRACE: owned; NULL when off */
  char *cache_dir;            /* PAR_CACHE_DIR: owned, never NULL */
  par__role_t role;           /* PAR_ROLE (read only: set by parrun) */
  int rank;                   /* PAR_RANK (read only: set by parrun) */
  bool stats;                 /* PAR_STATS */
  char *report;               /* PAR_REPORT: owned; NULL when off */
} par__config_t;

/* The process configuration, loaded from `environ` on first call. Never
 * returns on an invalid value: logs the error and exits with status 2. The
 * result is borrowed for the life of the process. Thread-safe. */
const par__config_t *par__config_get(void);

/* Loads a configuration from `envp` (NULL-terminated "NAME=value" strings)
 * into *cfg, which the caller later releases with par__config_cleanup.
 * On error returns PAR_ERR_CONFIG with a message in err[0..errlen) naming
 * the variable and the expected values, and leaves nothing to clean up.
 * Does not look at unknown variables (see par__config_suggest). */
par_status_t par__config_load(par__config_t *cfg, char *const *envp, char *err, size_t errlen);

/* Frees what par__config_load allocated. */
void par__config_cleanup(par__config_t *cfg);

/* Whether `name` is one of the table's variables. */
bool par__config_known(const char *name);

/* The known variable nearest to `name` by edit distance, if it is close
 * enough to be a likely typo, else NULL. The string is static. */
const char *par__config_suggest(const char *name);

/* Calls warn(name, suggestion-or-NULL, ctx) for every PAR_* variable of
 * `envp` that is not in the table; `name` is borrowed for the call.
 * Returns how many there were. */
int par__config_check_unknown(char *const *envp,
                              void (*warn)(const char *name, const char *suggestion, void *ctx),
                              void *ctx);

/* Prints the table (name, current value, default, description) to `out`;
 * the values are those of `cfg` (the process configuration when NULL). */
void par__config_print(FILE *out, const par__config_t *cfg);

/* Levenshtein distance of two strings, ASCII case-insensitive. */
size_t par__config_edit_distance(const char *a, const char *b);

#endif /* PAR_RUNTIME_CONFIG_H */
