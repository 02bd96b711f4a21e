/* util.h: small helpers shared by parrun's files.
 *
 * parrun is a short-lived process: the strings it builds (commands,
 * environment entries, messages) live until exit. They are kept reachable
 * from one table (prun_keep), as in parcc, so that leak checkers stay quiet
 * when parrun is built with sanitizers.
 *
 * Messages: every line parrun prints itself (`parrun: error: ...`) is
 * formatted first and written with one write(2), so it never mixes with the
 * lines parrun forwards from the processes of the job.
 */
#ifndef PRUN_UTIL_H
#define PRUN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define PRUN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PRUN_NORETURN __attribute__((noreturn))
#else
#define PRUN_PRINTF(f, a)
#define PRUN_NORETURN
#endif

/* A growable, NULL-terminated list of words (an argv or an envp). The words
 * are borrowed (argv, environ or kept strings); the array is owned. */
typedef struct prun_argv {
  const char **v; /* v[n] is NULL once anything was pushed */
  int n;
  int cap;
} prun_argv_t;

void prun_argv_push(prun_argv_t *av, const char *word);
void prun_argv_cleanup(prun_argv_t *av);

/* Allocation that never fails (exits 2 with a message) and stays reachable
 * until exit. */
void *prun_keep(void *p);
void *prun_xmalloc(size_t n);
char *prun_xstrdup(const char *s);
char *prun_xstrndup(const char *s, size_t n);
char *prun_fmt(const char *fmt, ...) PRUN_PRINTF(1, 2);

/* `parrun: error: ...`, `parrun: warning: ...`, `parrun: ...` (a note, for
 * -v) on stderr, each one write. */
void prun_error(const char *fmt, ...) PRUN_PRINTF(1, 2);
void prun_warning(const char *fmt, ...) PRUN_PRINTF(1, 2);
void prun_note(const char *fmt, ...) PRUN_PRINTF(1, 2);

/* Writes all of buf[0..len) to fd, retrying on EINTR and short writes.
 * Returns 0, or -1 with errno set (EPIPE when the reader is gone). */
int prun_write_all(int fd, const char *buf, size_t len);

/* The word quoted for a POSIX shell: unchanged when it has only characters
 * that need no quoting (letters, digits, `_-./:=,+@%^`), else in single
 * quotes ('' is the empty word). Kept string. */
const char *prun_shell_quote(const char *word);

/* The words of argv (NULL-terminated) quoted and joined by spaces: a line a
 * shell would split back into the same words. Kept string. */
char *prun_shell_join(const char *const *argv);

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t prun_now_ms(void);

/* "SIGKILL" for 9, "SIG<n>" for a number without a name. Static or kept. */
const char *prun_signal_name(int sig);

/* How a wait status reads in a message: "exited with status 3",
 * "was killed by signal 9 (SIGKILL)" (", core dumped" added when so).
 * Kept string. */
const char *prun_status_describe(int status);

/* A decimal number in [min, max] with no sign, spaces or suffix. Returns 0
 * and sets *out, or -1. */
int prun_parse_long(const char *s, long min, long max, long *out);

/* A duration in seconds, whole or decimal ("30", "0.5"), more than 0 and at
 * most a year. Returns 0 and sets *ms (rounded up to a millisecond), or -1. */
int prun_parse_seconds(const char *s, int64_t *ms);

#endif /* PRUN_UTIL_H */
