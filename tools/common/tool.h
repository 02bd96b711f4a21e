/* tool.h: helpers shared by the command-line tools, parcc and parrun.
 *
 * Both are short-lived processes: the strings they build (commands,
 * environment entries, messages) live until exit. They are kept reachable
 * from one table (tool_keep) so that leak checkers stay quiet when a tool is
 * built with sanitizers.
 *
 * Messages (`parcc: error: ...`) are formatted first and written with one
 * write(2), so that a line never mixes with output a tool forwards from the
 * processes it runs.
 *
 * Each tool defines `tool_program` (its name in messages and what running
 * out of memory does) in its own util.c; this library has no other state
 * than the table of kept allocations.
 */
#ifndef PAR_TOOL_H
#define PAR_TOOL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define TOOL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TOOL_NORETURN __attribute__((noreturn))
#else
#define TOOL_PRINTF(f, a)
#define TOOL_NORETURN
#endif

/* What the tool linking this library is. */
typedef struct tool_program {
  const char *name; /* "parcc": the start of every message */
  int oom_status;   /* exit status after "<name>: error: out of memory" */
  /* how to leave then: exit (runs atexit handlers, e.g. removing temporary
   * files) or _exit (safe in a forked child and in any thread) */
  void (*oom_exit)(int status);
} tool_program_t;

/* Defined by the tool (its util.c). */
extern const tool_program_t tool_program;

/* A growable, NULL-terminated list of words (an argv or an envp). The words
 * are borrowed (argv, environ or kept strings); the array is owned. */
typedef struct tool_argv {
  const char **v; /* v[n] is NULL once anything was pushed */
  int n;
  int cap;
} tool_argv_t;

void tool_argv_push(tool_argv_t *av, const char *word);
void tool_argv_push2(tool_argv_t *av, const char *w1, const char *w2);
void tool_argv_cleanup(tool_argv_t *av);

/* Allocation that never fails (on failure: the message, then
 * tool_program.oom_exit(tool_program.oom_status)) and stays reachable until
 * exit. */
void *tool_keep(void *p);
void *tool_xmalloc(size_t n);
char *tool_xstrdup(const char *s);
char *tool_xstrndup(const char *s, size_t n);
char *tool_fmt(const char *fmt, ...) TOOL_PRINTF(1, 2);
/* "<name>: error: out of memory" and leave as tool_program says. */
TOOL_NORETURN void tool_oom(void);

/* `<name>: error: ...`, `<name>: warning: ...` and `<name>: ...` (a note)
 * on stderr, each one line in one write. */
void tool_error(const char *fmt, ...) TOOL_PRINTF(1, 2);
void tool_warning(const char *fmt, ...) TOOL_PRINTF(1, 2);
void tool_note(const char *fmt, ...) TOOL_PRINTF(1, 2);

/* Writes all of buf[0..len) to fd, retrying on EINTR and short writes.
 * Returns 0, or -1 with errno set (EPIPE when the reader is gone). */
int tool_write_all(int fd, const char *buf, size_t len);

#endif /* PAR_TOOL_H */
