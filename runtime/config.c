/* config.c: the table of PAR_* environment variables and its loader.
 *
 * To add a variable: add a field to par__config_t, a row to par__config_vars
 * (name, default, doc, parse, format) and, if needed, a parser below. Nothing
 * else reads the environment for PAR_* names.
 */
#include "internal.h"

#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

extern char **environ;

typedef struct par__config_var {
  const char *name;
  const char *default_value; /* as text; NULL: unset */
  const char *default_doc;   /* how --print-config shows the default */
  const char *doc;
  /* Parses `value` (never NULL, never empty) into cfg; on failure writes
   * what was expected into err and returns false. */
  bool (*parse)(par__config_t *cfg, const char *value, char *err, size_t errlen);
  /* Writes the current value of cfg as text. */
  void (*format)(const par__config_t *cfg, char *buf, size_t len);
} par__config_var_t;

/* ---- parsers ------------------------------------------------------------ */

/* A decimal integer in [min, max], nothing else (no sign for min >= 0, no
 * spaces, no suffix). */
static bool par__config_parse_int(const char *value, long min, long max, long *out) {
  if (!isdigit((unsigned char)value[0]) && !(min < 0 && value[0] == '-')) return false;
  errno = 0;
  char *end = NULL;
  long v = strtol(value, &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max) return false;
  *out = v;
  return true;
}

static bool par__config_parse_bool(const char *value, bool *out) {
  static const char *const yes[] = {"1", "true", "yes", "on"};
  static const char *const no[] = {"0", "false", "no", "off"};
  for (unsigned i = 0; i < PAR__ARRAY_SIZE(yes); i++) {
    if (strcasecmp(value, yes[i]) == 0) {
      *out = true;
      return true;
    }
    if (strcasecmp(value, no[i]) == 0) {
      *out = false;
      return true;
    }
  }
  return false;
}

static bool par__parse_workers(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  long v;
  if (!par__config_parse_int(value, 1, PAR__WORKERS_MAX, &v)) {
    snprintf(err, errlen, "a whole number of threads from 1 to %d", PAR__WORKERS_MAX);
    return false;
  }
  cfg->workers = (int)v;
  cfg->workers_set = true;
  return true;
}

static bool par__parse_log(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  if (!par__log_level_parse(value, &cfg->log_level)) {
    snprintf(err, errlen, "one of error, warn, info, debug");
    return false;
  }
  return true;
}

static bool par__parse_progress(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  if (!par__config_parse_bool(value, &cfg->progress)) {
    snprintf(err, errlen, "1 or 0 (also true/false, yes/no, on/off)");
    return false;
  }
  return true;
}

static bool par__config_set_string(char **field, const char *value, char *err, size_t errlen) {
  char *copy = strdup(value);
  if (!copy) {
    snprintf(err, errlen, "a value that fits in memory");
    return false;
  }
  free(*field);
  *field = copy;
  return true;
}

static bool par__parse_trace(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  return par__config_set_string(&cfg->trace, value, err, errlen);
}

static bool par__parse_report(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  return par__config_set_string(&cfg->report, value, err, errlen);
}

static bool par__parse_stats(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  if (!par__config_parse_bool(value, &cfg->stats)) {
    snprintf(err, errlen, "1 or 0 (also true/false, yes/no, on/off)");
    return false;
  }
  return true;
}

static bool par__parse_cache_dir(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  return par__config_set_string(&cfg->cache_dir, value, err, errlen);
}

static bool par__parse_role(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  if (strcmp(value, "driver") == 0) {
    cfg->role = PAR__ROLE_DRIVER;
    return true;
  }
  if (strcmp(value, "worker") == 0) {
    cfg->role = PAR__ROLE_WORKER;
    return true;
  }
  snprintf(err, errlen, "driver or worker (set by parrun; unset for a standalone program)");
  return false;
}

static bool par__parse_rank(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  long v;
  if (!par__config_parse_int(value, 0, INT_MAX, &v)) {
    snprintf(err, errlen, "a rank, 0 or more (set by parrun)");
    return false;
  }
  cfg->rank = (int)v;
  return true;
}

/* ---- formatters --------------------------------------------------------- */

static void par__format_workers(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%d", cfg->workers);
}
static void par__format_log(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%s", par__log_level_name(cfg->log_level));
}
static void par__format_progress(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%d", cfg->progress ? 1 : 0);
}
static void par__format_trace(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%s", cfg->trace ? cfg->trace : "(off)");
}
static void par__format_report(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%s", cfg->report ? cfg->report : "(off)");
}
static void par__format_stats(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%d", cfg->stats ? 1 : 0);
}
static void par__format_cache_dir(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%s", cfg->cache_dir ? cfg->cache_dir : "");
}
static void par__format_role(const par__config_t *cfg, char *buf, size_t len) {
  static const char *const names[] = {"(standalone)", "driver", "worker"};
  snprintf(buf, len, "%s", names[cfg->role]);
}
static void par__format_rank(const par__config_t *cfg, char *buf, size_t len) {
  snprintf(buf, len, "%d", cfg->rank);
}

/* Variables parrun sets for the job (docs/distributed.md): accepted as they
 * are here; the job layer reads them when the process has a role. */
static bool par__parse_job(par__config_t *cfg, const char *value, char *err, size_t errlen) {
  (void)cfg, (void)value, (void)err, (void)errlen;
  return true;
}
#define PAR__FORMAT_ENV(fn, name)                                                                  \
  static void fn(const par__config_t *cfg, char *buf, size_t len) {                                \
    (void)cfg;                                                                                     \
    const char *v = getenv(name);                                                                  \
    snprintf(buf, len, "%s", v && *v ? v : "(unset)");                                             \
  }
PAR__FORMAT_ENV(par__format_nworkers, "PAR_NWORKERS")
PAR__FORMAT_ENV(par__format_job, "PAR_JOB")
PAR__FORMAT_ENV(par__format_control_fd, "PAR_CONTROL_FD")
PAR__FORMAT_ENV(par__format_listen, "PAR_LISTEN")
PAR__FORMAT_ENV(par__format_driver, "PAR_DRIVER")
PAR__FORMAT_ENV(par__format_host, "PAR_HOST")
PAR__FORMAT_ENV(par__format_connect_timeout, "PAR_CONNECT_TIMEOUT")
PAR__FORMAT_ENV(par__format_remote_min, "PAR_REMOTE_MIN_US")
PAR__FORMAT_ENV(par__format_inflight, "PAR_INFLIGHT")
PAR__FORMAT_ENV(par__format_local_workers, "PAR_LOCAL_WORKERS")
PAR__FORMAT_ENV(par__format_poll, "PAR_POLL_US")
PAR__FORMAT_ENV(par__format_local_rank, "PAR_LOCAL_RANK")
PAR__FORMAT_ENV(par__format_bind, "PAR_BIND")
PAR__FORMAT_ENV(par__format_shm, "PAR_SHM")
PAR__FORMAT_ENV(par__format_shm_min, "PAR_SHM_MIN")
static void par__format_token(const par__config_t *cfg, char *buf, size_t len) {
  (void)cfg;
  snprintf(buf, len, "%s", getenv("PAR_TOKEN") ? "(set, hidden)" : "(unset)");
}

/* ---- the table ---------------------------------------------------------- */

static const par__config_var_t par__config_vars[] = {
    {"PAR_WORKERS", NULL, "online CPUs",
     "threads that run loop chunks in a standalone program, the calling thread included",
     par__parse_workers, par__format_workers},
    {"PAR_LOG", "warn", "warn", "what the runtime logs on stderr: error, warn, info or debug",
     par__parse_log, par__format_log},
    {"PAR_PROGRESS", "0", "0",
     "1: show progress of running loops and spawned tasks on stderr (parrun --progress)",
     par__parse_progress, par__format_progress},
    {"PAR_TRACE", NULL, "(off)",
     "write a Chrome trace event file (opens in Perfetto) to this path at exit (parrun --trace)",
     par__parse_trace, par__format_trace},
    {"PAR_REPORT", NULL, "(off)",
     "write a self-contained HTML report of the run to this path at exit (parrun --report)",
     par__parse_report, par__format_report},
    {"PAR_STATS", "0", "0",
     "1: print a table per loop and function on stderr at exit (parrun --stats)", par__parse_stats,
     par__format_stats},
    {"PAR_CACHE_DIR", ".par-cache", ".par-cache",
     "directory of the on-disk chunk cache of loops with a cache clause without a directory",
     par__parse_cache_dir, par__format_cache_dir},
    {"PAR_ROLE", NULL, "(standalone)",
     "read only, set by parrun: driver or worker; unset, the program runs standalone",
     par__parse_role, par__format_role},
    {"PAR_RANK", "0", "0", "read only, set by parrun: 0 for the driver, 1..N for workers",
     par__parse_rank, par__format_rank},
    {"PAR_NWORKERS", NULL, "(unset)", "read only, set by parrun: the number of workers",
     par__parse_job, par__format_nworkers},
    {"PAR_TOKEN", NULL, "(unset)",
     "read only, set by parrun: the job's token that every peer presents", par__parse_job,
     par__format_token},
    {"PAR_JOB", NULL, "(unset)", "read only, set by parrun: the job id", par__parse_job,
     par__format_job},
    {"PAR_CONTROL_FD", NULL, "(unset)",
     "read only, set by parrun for the driver: its control socket", par__parse_job,
     par__format_control_fd},
    {"PAR_LISTEN", NULL, "(unset)",
     "read only, set by parrun for the driver: the address to listen on", par__parse_job,
     par__format_listen},
    {"PAR_DRIVER", NULL, "(unset)", "read only, set by parrun for workers: the driver's host:port",
     par__parse_job, par__format_driver},
    {"PAR_HOST", NULL, "(unset)", "read only, set by parrun: the host this rank was launched on",
     par__parse_job, par__format_host},
    {"PAR_CONNECT_TIMEOUT", NULL, "30", "seconds a worker may take to connect and be admitted",
     par__parse_job, par__format_connect_timeout},
    {"PAR_REMOTE_MIN_US", NULL, "200",
     "under parrun, loops that earlier runs measured shorter than this run on the driver's own "
     "threads (0: always on the workers)",
     par__parse_job, par__format_remote_min},
    {"PAR_INFLIGHT", NULL, "2, 4",
     "under parrun, a loop's tasks the driver keeps in flight per worker thread (1..64; default "
     "2, and 4 for loops with whole from/tofrom arrays that the worker copies)",
     par__parse_job, par__format_inflight},
    {"PAR_POLL_US", NULL, "300",
     "under parrun, microseconds a worker that has sent its results polls for the next message "
     "before sleeping (0: sleep at once)",
     par__parse_job, par__format_poll},
    {"PAR_LOCAL_WORKERS", NULL, "(unset)",
     "read only, set by parrun: workers started on this host (a worker's threads default to its "
     "CPUs divided by it)",
     par__parse_job, par__format_local_workers},
    {"PAR_LOCAL_RANK", NULL, "(unset)",
     "read only, set by parrun: this worker's index among the workers on its host (the slice of "
     "CPUs it binds to)",
     par__parse_job, par__format_local_rank},
    {"PAR_BIND", NULL, "cpus",
     "under parrun, cpus: each worker binds to its share of its host's CPUs (when they are at "
     "least as many as its workers; srun binds by itself); none: no binding",
     par__parse_job, par__format_bind},
    {"PAR_SHM", NULL, "1",
     "under parrun, 0: copy mapped arrays to workers on the driver's host instead of sharing the "
     "driver's memory with them",
     par__parse_job, par__format_shm},
    {"PAR_SHM_MIN", NULL, "1048576",
     "under parrun with workers on the driver's host, allocations of at least this many bytes are "
     "made in shared memory",
     par__parse_job, par__format_shm_min},
};

/* ---- loading ------------------------------------------------------------ */

/* The value of `name` in envp, or NULL. */
static const char *par__config_lookup(char *const *envp, const char *name) {
  size_t n = strlen(name);
  for (char *const *e = envp; e && *e; e++) {
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  }
  return NULL;
}

static int par__config_online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return 1;
  if (n > PAR__WORKERS_MAX) return PAR__WORKERS_MAX;
  return (int)n;
}

void par__config_cleanup(par__config_t *cfg) {
  free(cfg->trace);
  free(cfg->cache_dir);
  free(cfg->report);
  cfg->report = NULL;
  cfg->trace = NULL;
  cfg->cache_dir = NULL;
}

par_status_t par__config_load(par__config_t *cfg, char *const *envp, char *err, size_t errlen) {
  memset(cfg, 0, sizeof *cfg);
  cfg->log_level = PAR__LOG_WARN;
  for (size_t i = 0; i < PAR__ARRAY_SIZE(par__config_vars); i++) {
    const par__config_var_t *var = &par__config_vars[i];
    const char *value = par__config_lookup(envp, var->name);
    bool from_env = value && value[0] != '\0'; /* NAME= counts as unset */
    if (!from_env) value = var->default_value;
    if (!value) continue;
    char expected[160] = "";
    if (var->parse(cfg, value, expected, sizeof expected)) continue;
    if (from_env)
      snprintf(err, errlen, "invalid value %s=%s: expected %s", var->name, value, expected);
    else
      snprintf(err, errlen, "invalid default %s=%s: expected %s", var->name, value, expected);
    par__config_cleanup(cfg);
    return PAR_ERR_CONFIG;
  }
  if (!cfg->workers_set) cfg->workers = par__config_online_cpus();
  if (cfg->role == PAR__ROLE_STANDALONE || cfg->role == PAR__ROLE_DRIVER) cfg->rank = 0;
  return PAR_OK;
}

bool par__config_known(const char *name) {
  for (size_t i = 0; i < PAR__ARRAY_SIZE(par__config_vars); i++)
    if (strcmp(name, par__config_vars[i].name) == 0) return true;
  return false;
}

size_t par__config_edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (lb > 255) lb = 255;
  size_t row[256];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t cost = toupper((unsigned char)a[i - 1]) == toupper((unsigned char)b[j - 1]) ? 0 : 1;
      size_t best = diag + cost;
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

const char *par__config_suggest(const char *name) {
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i < PAR__ARRAY_SIZE(par__config_vars); i++) {
    size_t d = par__config_edit_distance(name, par__config_vars[i].name);
    if (d < best_d) {
      best_d = d;
      best = par__config_vars[i].name;
    }
  }
  /* A typo, not another word: at most a third of the name, at least 2. */
  size_t limit = strlen(name) / 3;
  if (limit < 2) limit = 2;
  return best_d <= limit ? best : NULL;
}

int par__config_check_unknown(char *const *envp,
                              void (*warn)(const char *name, const char *suggestion, void *ctx),
                              void *ctx) {
  int count = 0;
  for (char *const *e = envp; e && *e; e++) {
    if (strncmp(*e, "PAR_", 4) != 0) continue;
    const char *eq = strchr(*e, '=');
    size_t n = eq ? (size_t)(eq - *e) : strlen(*e);
    char name[128];
    if (n >= sizeof name) n = sizeof name - 1;
    memcpy(name, *e, n);
    name[n] = '\0';
    if (par__config_known(name)) continue;
    count++;
    warn(name, par__config_suggest(name), ctx);
  }
  return count;
}

void par__config_print(FILE *out, const par__config_t *cfg) {
  if (!cfg) cfg = par__config_get();
  fprintf(out, "%-14s %-14s %-14s %s\n", "# variable", "value", "default", "description");
  for (size_t i = 0; i < PAR__ARRAY_SIZE(par__config_vars); i++) {
    const par__config_var_t *var = &par__config_vars[i];
    char value[256];
    var->format(cfg, value, sizeof value);
    fprintf(out, "%-14s %-14s %-14s %s\n", var->name, value, var->default_doc, var->doc);
  }
}

/* ---- the process configuration ----------------------------------------- */

static par__config_t par__config;
static pthread_once_t par__config_once = PTHREAD_ONCE_INIT;

static void par__config_log(par__log_level_t level, int rank, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void par__config_log(par__log_level_t level, int rank, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  par__log_raw(level, rank, fmt, ap);
  va_end(ap);
}

static void par__config_warn_unknown(const char *name, const char *suggestion, void *ctx) {
  const par__config_t *cfg = ctx;
  if (cfg->log_level < PAR__LOG_WARN) return;
  if (suggestion)
    par__config_log(PAR__LOG_WARN, cfg->rank,
                    "unknown environment variable %s (did you mean %s?)", name, suggestion);
  else
    par__config_log(PAR__LOG_WARN, cfg->rank,
                    "unknown environment variable %s (parrun --print-config lists them)", name);
}

static void par__config_init(void) {
  char err[512];
  par_status_t st = par__config_load(&par__config, environ, err, sizeof err);
  if (st != PAR_OK) {
    /* The rank is not known for sure here: PAR_RANK may be the bad one. */
    const char *rank = getenv("PAR_RANK");
    par__config_log(PAR__LOG_ERROR, rank ? atoi(rank) : 0, "%s", err);
    exit(2);
  }
  par__log_set_level(par__config.log_level);
  par__config_check_unknown(environ, par__config_warn_unknown, &par__config);
}

const par__config_t *par__config_get(void) {
  pthread_once(&par__config_once, par__config_init);
  return &par__config;
}
