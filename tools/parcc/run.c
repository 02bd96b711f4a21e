/* run.c: runs clang (exec on the fast path, posix_spawn on the slow one),
 * owns the temp dir, and handles signals so that neither a child nor a temp
 * file outlives an interrupted parcc.
 *
 * Signal safety: the handler touches only sig_atomic_t flags, the tracked
 * paths (changed only while the handled signals are blocked) and
 * async-signal-safe calls (kill, unlink, rmdir, signal, raise).
 */
#define _XOPEN_SOURCE 700
#include "run.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const int k_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static sigset_t g_handled;                /* the signals drv_signals_install took over */
static volatile sig_atomic_t g_child;     /* pid of the running child, 0 when none */
static volatile sig_atomic_t g_pending;   /* a signal that arrived while a child ran */

static char *g_tmpdir;                    /* kept; NULL until made */
static int g_keep;
static int g_removed;
static const char **g_tracked;            /* files and dirs made in g_tmpdir, in order */
static int g_ntracked, g_captracked;

/* ---- printing ---------------------------------------------------------- */

void drv_print_command(const char *const *argv) {
  for (int i = 0; argv[i]; i++) {
    fputs(" \"", stderr);
    for (const char *p = argv[i]; *p; p++) {
      if (*p == '"' || *p == '\\' || *p == '$')
        fputc('\\', stderr);
      fputc(*p, stderr);
    }
    fputc('"', stderr);
  }
  fputc('\n', stderr);
  fflush(stderr);
}

/* ---- temp dir ---------------------------------------------------------- */

/* Async-signal-safe: removes what parcc itself made, newest first. */
static void tmp_remove_tracked(void) {
  if (!g_tmpdir || g_keep || g_removed)
    return;
  for (int i = g_ntracked - 1; i >= 0; i--)
    if (unlink(g_tracked[i]) != 0)
      rmdir(g_tracked[i]);
  rmdir(g_tmpdir);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

/* Removes the whole temp dir, including whatever clang left there. */
static void tmp_remove_all(void) {
  if (!g_tmpdir || g_keep || g_removed)
    return;
  nftw(g_tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  g_removed = 1;
}

void drv_tmp_keep(int keep) { g_keep = keep; }

static void block_signals(sigset_t *old) { sigprocmask(SIG_BLOCK, &g_handled, old); }
static void restore_signals(const sigset_t *old) { sigprocmask(SIG_SETMASK, old, NULL); }

const char *drv_tmp_dir(void) {
  if (g_tmpdir)
    return g_tmpdir;
  const char *base = getenv("TMPDIR");
  if (!base || !*base)
    base = "/tmp";
  size_t n = strlen(base);
  while (n > 1 && base[n - 1] == '/')
    n--;
  char *tmpl = tool_fmt("%.*s/parcc-XXXXXX", (int)n, base);
  sigset_t old;
  block_signals(&old);
  if (!mkdtemp(tmpl)) {
    int e = errno;
    restore_signals(&old);
    tool_error("cannot create a temporary directory in '%.*s': %s", (int)n, base, strerror(e));
    return NULL;
  }
  g_tmpdir = tmpl;
  restore_signals(&old);
  if (g_keep)
    fprintf(stderr, "parcc: temporary files kept in %s\n", g_tmpdir);
  else
    atexit(tmp_remove_all);
  return g_tmpdir;
}

void drv_tmp_track(const char *path) {
  sigset_t old;
  block_signals(&old);
  if (g_ntracked == g_captracked) {
    int cap = g_captracked ? 2 * g_captracked : 32;
    const char **v = realloc(g_tracked, (size_t)cap * sizeof *v);
    if (!v) {
      restore_signals(&old);
      tool_oom();
    }
    g_tracked = tool_keep(v);
    g_captracked = cap;
  }
  g_tracked[g_ntracked++] = path;
  restore_signals(&old);
}

const char *drv_tmp_subdir(int n) {
  const char *dir = drv_tmp_dir();
  if (!dir)
    return NULL;
  char *sub = tool_fmt("%s/%d", dir, n);
  drv_tmp_track(sub);
  if (mkdir(sub, 0700) != 0 && errno != EEXIST) {
    tool_error("cannot create '%s': %s", sub, strerror(errno));
    return NULL;
  }
  return sub;
}

/* ---- signals ----------------------------------------------------------- */

static void die_of_signal(int sig) TOOL_NORETURN;
static void die_of_signal(int sig) {
  tmp_remove_all();
  fflush(NULL);
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  sigprocmask(SIG_UNBLOCK, &one, NULL);
  raise(sig);
  _exit(128 + sig);
}

static void on_signal(int sig) {
  g_pending = sig;
  pid_t child = (pid_t)g_child;
  if (child > 0) {
    kill(child, sig); /* drv_run sees g_pending once the child is gone */
    return;
  }
  tmp_remove_tracked();
  g_removed = 1;
  signal(sig, SIG_DFL);
  raise(sig); /* delivered when this handler returns */
}

void drv_signals_install(void) {
  sigemptyset(&g_handled);
  for (size_t i = 0; i < sizeof k_signals / sizeof k_signals[0]; i++) {
    struct sigaction old;
    if (sigaction(k_signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
      continue; /* ignored at startup (nohup, background jobs): leave it so */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t k = 0; k < sizeof k_signals / sizeof k_signals[0]; k++)
      sigaddset(&sa.sa_mask, k_signals[k]);
    if (sigaction(k_signals[i], &sa, NULL) == 0)
      sigaddset(&g_handled, k_signals[i]);
  }
}

/* ---- running ----------------------------------------------------------- */

void drv_exec(const char *const *argv, int verbose) {
  if (verbose)
    drv_print_command(argv);
  fflush(NULL);
  execvp(argv[0], (char *const *)argv);
  tool_error("unable to execute command '%s': %s", argv[0], strerror(errno));
}

int drv_run(const char *const *argv, int verbose) {
  if (verbose)
    drv_print_command(argv);
  fflush(NULL);

  sigset_t old;
  block_signals(&old);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setsigmask(&attr, &old);
  posix_spawnattr_setsigdefault(&attr, &g_handled);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], NULL, &attr, (char *const *)argv, environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    restore_signals(&old);
    tool_error("unable to execute command '%s': %s", argv[0], strerror(rc));
    return -1;
  }
  g_child = pid;
  restore_signals(&old);

  int status = -1;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      tool_error("waiting for '%s': %s", argv[0], strerror(errno));
      status = -1;
      break;
    }
  }
  block_signals(&old);
  g_child = 0;
  restore_signals(&old);
  if (g_pending)
    die_of_signal(g_pending);
  return status;
}

void drv_exit_like(int status) {
  if (status == -1)
    exit(1);
  if (WIFEXITED(status))
    exit(WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    die_of_signal(WTERMSIG(status));
  exit(1);
}
