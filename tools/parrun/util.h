/* util.h: small helpers shared by parrun's files: shell quoting, time,
 * signal and status words, number parsing. Allocation, argument lists and
 * messages, which parcc uses too, are in tools/common/tool.h.
 *
 * parrun is a short-lived process: the strings it builds (commands,
 * environment entries, messages) live until exit (see tool_keep).
 *
 * Messages: every line parrun prints itself (`parrun: error: ...`) is
 * formatted first and written with one write(2) (tool_error & co.), so it
 * never mixes with the lines parrun forwards from the processes of the job.
 */
#ifndef PRUN_UTIL_H
#define PRUN_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "tool.h" /* tool_xmalloc, tool_fmt, tool_argv_t, tool_error, tool_write_all, ... */

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
