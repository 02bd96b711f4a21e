/* crash.c: a worker's last words when a task faults.
 *
 * A worker installs handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and
 * SIGABRT (par__crash_install). Each thread that runs tasks marks what it
 * runs (par__crash_enter / par__crash_leave: a loop or a function, its
 * name and the pragma's file:line, all static strings of the descriptor).
 * When one of those signals hits, the handler writes to stderr, which
 * parrun forwards line by line to the user:
 *
 *   par: error: worker 2 on host b: signal 11 (SIGSEGV) in loop 'main:31' (app.c:31)
 *   par: backtrace of worker 2:
 *   ./app(kernel+0x2d)[0x55d0c1a0b1ad]
 *   ...
 *
 * then restores the default action and raises the signal again, so the
 * process dies of it and parrun reports `exited <rank> signal SIGSEGV` to
 * the driver, which re-runs the task elsewhere or stops the job
 * (docs/fault-tolerance.md). The handler only calls async-signal-safe
 * functions (write, sigaction, raise) plus backtrace() and
 * backtrace_symbols_fd(), which glibc documents as usable here once
 * backtrace() has run once (that loads libgcc; par__crash_install does it).
 * Frames are named from the dynamic symbol table: parcc links with
 * -rdynamic, so the program's own functions have names too. An alternate
 * signal stack per task thread lets a stack overflow be reported as well.
 */
#include "internal.h"

#include "crash.h"

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAR__CRASH_FRAMES 64
#define PAR__CRASH_ALTSTACK (64u * 1024u)

typedef struct par__crash_what {
  const char *kind; /* "loop" or "function" */
  const char *name;
  const char *file;
  int line;
} par__crash_what_t;

static _Thread_local par__crash_what_t par__crash_cur;
static _Thread_local bool par__crash_thread_ready;
static char par__crash_who[160]; /* "worker 2 on host b", set before handlers */
static int par__crash_rank;
static bool par__crash_installed;

static const int par__crash_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

static const char *par__crash_signame(int sig) {
  switch (sig) {
  case SIGSEGV:
    return "SIGSEGV";
  case SIGBUS:
    return "SIGBUS";
  case SIGFPE:
    return "SIGFPE";
  case SIGILL:
    return "SIGILL";
  case SIGABRT:
    return "SIGABRT";
  default:
    return "?";
  }
}

/* Async-signal-safe appenders into a fixed buffer. */
typedef struct par__crash_buf {
  char b[1024];
  size_t n;
} par__crash_buf_t;

static void par__crash_puts(par__crash_buf_t *o, const char *s) {
  while (s && *s && o->n < sizeof o->b - 1)
    o->b[o->n++] = *s++;
}

static void par__crash_putint(par__crash_buf_t *o, long v) {
  char tmp[24];
  int k = 0;
  unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
  do
    tmp[k++] = (char)('0' + u % 10);
  while ((u /= 10) && k < (int)sizeof tmp);
  if (v < 0) par__crash_puts(o, "-");
  while (k && o->n < sizeof o->b - 1)
    o->b[o->n++] = tmp[--k];
}

static void par__crash_write(const char *p, size_t n) {
  while (n) {
    ssize_t k = write(STDERR_FILENO, p, n);
    if (k <= 0) return;
    p += k;
    n -= (size_t)k;
  }
}

static void par__crash_handler(int sig, siginfo_t *si, void *uc) {
  (void)si, (void)uc;
  par__crash_buf_t o = {.n = 0};
  par__crash_puts(&o, "par: error: ");
  par__crash_puts(&o, par__crash_who);
  par__crash_puts(&o, ": signal ");
  par__crash_putint(&o, sig);
  par__crash_puts(&o, " (");
  par__crash_puts(&o, par__crash_signame(sig));
  par__crash_puts(&o, ")");
  const par__crash_what_t *w = &par__crash_cur;
  if (w->kind) {
    par__crash_puts(&o, " in ");
    par__crash_puts(&o, w->kind);
    par__crash_puts(&o, " '");
    par__crash_puts(&o, w->name ? w->name : "?");
    par__crash_puts(&o, "' (");
    par__crash_puts(&o, w->file ? w->file : "?");
    par__crash_puts(&o, ":");
    par__crash_putint(&o, w->line);
    par__crash_puts(&o, ")");
  } else {
    par__crash_puts(&o, " outside any task");
  }
  par__crash_puts(&o, "\npar: backtrace of worker ");
  par__crash_putint(&o, par__crash_rank);
  par__crash_puts(&o, ":\n");
  par__crash_write(o.b, o.n);
  void *frames[PAR__CRASH_FRAMES];
  int n = backtrace(frames, PAR__CRASH_FRAMES);
  /* frame 0 is this handler; the signal trampoline follows */
  if (n > 1) backtrace_symbols_fd(frames + 1, n - 1, STDERR_FILENO);
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  raise(sig);
  /* a fault returns to the instruction, which faults again, now fatally */
}

void par__crash_install(int rank, const char *host) {
  snprintf(par__crash_who, sizeof par__crash_who, "worker %d on host %s", rank, host ? host : "?");
  par__crash_rank = rank;
  void *warm[2];
  (void)backtrace(warm, 2); /* loads libgcc now, not in the handler */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = par__crash_handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < PAR__ARRAY_SIZE(par__crash_sigs); i++)
    sigaction(par__crash_sigs[i], &sa, NULL);
  par__crash_installed = true;
}

/* The calling thread may take the signals, on a stack of its own. The
 * stack is never freed: a thread that runs tasks lives as long as the
 * worker (which ends with _exit). */
static void par__crash_thread_init(void) {
  par__crash_thread_ready = true;
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < PAR__ARRAY_SIZE(par__crash_sigs); i++)
    sigaddset(&set, par__crash_sigs[i]);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  /* A stack that is already there stays (the sanitizers give each thread
   * one, and unmap it themselves when the thread ends). */
  stack_t ss;
  if (sigaltstack(NULL, &ss) == 0 && !(ss.ss_flags & SS_DISABLE)) return;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = malloc(PAR__CRASH_ALTSTACK);
  ss.ss_size = PAR__CRASH_ALTSTACK;
  if (ss.ss_sp && sigaltstack(&ss, NULL) != 0) free(ss.ss_sp);
}

void par__crash_enter(const char *kind, const char *name, const char *file, int line) {
  if (!par__crash_installed) return;
  if (!par__crash_thread_ready) par__crash_thread_init();
  par__crash_cur = (par__crash_what_t){.kind = kind, .name = name, .file = file, .line = line};
}

void par__crash_leave(void) {
  par__crash_cur.kind = NULL;
}
