/* log.h: the runtime's one log format.
 *
 * Every line goes to stderr as `par[RANK@HOST] LEVEL: MESSAGE`, written with
 * one write(2) so lines of concurrent threads and processes do not mix.
 * PAR_LOG=error|warn|info|debug chooses what is printed (default warn).
 */
#ifndef PAR_RUNTIME_LOG_H
#define PAR_RUNTIME_LOG_H

#include <stdarg.h>
#include <stdbool.h>

typedef enum par__log_level {
  PAR__LOG_ERROR = 0,
  PAR__LOG_WARN,
  PAR__LOG_INFO,
  PAR__LOG_DEBUG,
} par__log_level_t;

/* "error", "warn", "info", "debug". */
const char *par__log_level_name(par__log_level_t level);

/* Parses a PAR_LOG value; returns false (and leaves *out alone) when `s` is
 * not one of the level names. */
bool par__log_level_parse(const char *s, par__log_level_t *out);

/* Whether a message of `level` would be printed (loads the configuration). */
bool par__log_enabled(par__log_level_t level);

/* Logs one line at `level` (a trailing newline is added). Loads the
 * configuration on first use. */
void par__log(par__log_level_t level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* For the configuration loader itself: logs with an explicit rank and no
 * level filter, without touching the configuration. */
void par__log_raw(par__log_level_t level, int rank, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Set by the configuration loader. */
void par__log_set_level(par__log_level_t level);

#define PAR__LOG_ERROR(...) par__log(PAR__LOG_ERROR, __VA_ARGS__)
#define PAR__LOG_WARN(...) par__log(PAR__LOG_WARN, __VA_ARGS__)
#define PAR__LOG_INFO(...) par__log(PAR__LOG_INFO, __VA_ARGS__)
#define PAR__LOG_DEBUG(...) par__log(PAR__LOG_DEBUG, __VA_ARGS__)

#endif /* PAR_RUNTIME_LOG_H */
