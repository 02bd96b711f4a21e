/* log.c: `par[RANK@HOST] LEVEL: MESSAGE` lines on stderr. */
#include "internal.h"

#include "log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"

static const char *const par__log_names[] = {"error", "warn", "info", "debug"};

static atomic_int par__log_level = PAR__LOG_WARN;

const char *par__log_level_name(par__log_level_t level) {
  if ((unsigned)level >= PAR__ARRAY_SIZE(par__log_names)) return "?";
  return par__log_names[level];
}

bool par__log_level_parse(const char *s, par__log_level_t *out) {
  for (unsigned i = 0; i < PAR__ARRAY_SIZE(par__log_names); i++) {
    if (strcasecmp(s, par__log_names[i]) == 0) {
      *out = (par__log_level_t)i;
      return true;
    }
  }
  if (strcasecmp(s, "warning") == 0) {
    *out = PAR__LOG_WARN;
    return true;
  }
  return false;
}

void par__log_set_level(par__log_level_t level) {
  atomic_store_explicit(&par__log_level, (int)level, memory_order_relaxed);
}

bool par__log_enabled(par__log_level_t level) {
  par__config_get();
  return (int)level <= atomic_load_explicit(&par__log_level, memory_order_relaxed);
}

/* The host name up to its first dot, looked up once. */
static char par__log_host[64];
static pthread_once_t par__log_host_once = PTHREAD_ONCE_INIT;

static void par__log_host_init(void) {
  if (gethostname(par__log_host, sizeof par__log_host - 1) != 0) strcpy(par__log_host, "?");
  par__log_host[sizeof par__log_host - 1] = '\0';
  char *dot = strchr(par__log_host, '.');
  if (dot) *dot = '\0';
}

void par__log_raw(par__log_level_t level, int rank, const char *fmt, va_list ap) {
  pthread_once(&par__log_host_once, par__log_host_init);
  char buf[2048];
  int n = snprintf(buf, sizeof buf, "par[%d@%s] %s: ", rank, par__log_host,
                   par__log_level_name(level));
  if (n < 0) return;
  size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
  int m = vsnprintf(buf + len, sizeof buf - len, fmt, ap);
  if (m > 0) len += (size_t)m < sizeof buf - len ? (size_t)m : sizeof buf - len - 1;
  if (len > sizeof buf - 2) len = sizeof buf - 2;
  buf[len++] = '\n';
  const char *p = buf;
  while (len > 0) {
    ssize_t w = write(STDERR_FILENO, p, len);
    if (w <= 0) return;
    p += w;
    len -= (size_t)w;
  }
}

void par__log(par__log_level_t level, const char *fmt, ...) {
  const par__config_t *cfg = par__config_get();
  if ((int)level > atomic_load_explicit(&par__log_level, memory_order_relaxed)) return;
  va_list ap;
  va_start(ap, fmt);
  par__log_raw(level, cfg->rank, fmt, ap);
  va_end(ap);
}
