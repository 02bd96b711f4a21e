/* fake-par.c: the runtime's side of parrun's contract (docs/distributed.md),
 * done minimally with plain TCP, so that parrun can be tested before the
 * runtime's UCX roles exist. Built by the tests with %clang.
 *
 * Roles (from PAR_ROLE):
 *   driver   listens on PAR_LISTEN, writes `listen HOST PORT` to
 *            PAR_CONTROL_FD, accepts PAR_NWORKERS workers that send
 *            `hello RANK TOKEN` (a wrong token is refused: `refused PEER
 *            REASON`), writes `admitted RANK` for each and `ready`, tells
 *            each worker `start`, prints "driver: ready with N workers",
 *            waits for each worker's `done` (a connection lost first:
 *            `lost RANK eof`), prints "driver: done", tells each `bye` and
 *            exits with --exit N. Lines `exited ...` from parrun are printed
 *            on stderr as "driver: parrun says exited ...".
 *   worker   connects to PAR_DRIVER, sends hello, waits for `welcome` and
 *            `start`, prints its lines, sends `done`, waits for `bye` and
 *            exits 0.
 *   (none)   prints "standalone" and exits with --exit N.
 *
 * Options (every process gets the same argv):
 *   --exit N            the driver's (or standalone) exit status
 *   --no-listen         the driver never listens: prints "plain main", exits
 *   --driver-signal S   the driver kills itself with signal S at the end
 *   --driver-hang       the driver sleeps forever after `ready`
 *   --lines K           each worker prints K lines to stdout and K to stderr,
 *                       each line written in three pieces
 *   --print-env         every process prints its PAR_* and UCX_* variables
 *   --print-gpus        every worker prints CUDA_VISIBLE_DEVICES and
 *                       ROCR_VISIBLE_DEVICES (unset: "-")
 *   --tag WORD          printed in each worker's hello line (and by the driver
 *                       and a standalone run): checks that arguments survive
 *   --ctl LINE          the driver also writes LINE to the control channel
 *                       right after `listen` (up to 8 times)
 *   --bad R:MODE        worker R misbehaves; MODE is one of
 *                       noconnect  sleeps forever, never connects
 *                       kill       SIGKILLs itself before connecting
 *                       exit3      exits 3 before connecting
 *                       exit0      exits 0 before connecting
 *                       badtoken   presents a wrong token
 *                       killlate   SIGKILLs itself after `start`
 *                       hang       never says done after `start`
 *                       partial    ends its output with a line without newline
 */
#define _GNU_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int opt_exit, opt_no_listen, opt_driver_signal, opt_driver_hang, opt_lines, opt_print_env;
static int opt_print_gpus;
static const char *opt_tag = "";
static const char *opt_ctl[8];
static int nctl;
static int bad_rank[16];
static const char *bad_mode[16];
static int nbad;

static void die(const char *what) {
  fprintf(stderr, "fake-par: %s: %s\n", what, strerror(errno));
  exit(99);
}

static const char *my_bad(int rank) {
  for (int i = 0; i < nbad; i++)
    if (bad_rank[i] == rank)
      return bad_mode[i];
  return "";
}

static void put(int fd, const char *s) {
  size_t n = strlen(s);
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

/* Reads one line (without newline) from fd into buf; -1 at EOF. */
static int get_line(int fd, char *buf, size_t cap) {
  size_t n = 0;
  while (n + 1 < cap) {
    char c;
    ssize_t r = read(fd, &c, 1);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    if (c == '\n')
      break;
    buf[n++] = c;
  }
  buf[n] = '\0';
  return 0;
}

static void print_env(const char *who) {
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, "PAR_", 4) && strncmp(*e, "UCX_", 4))
      continue;
    if (strncmp(*e, "PAR_TOKEN=", 10) == 0) {
      const char *t = *e + 10;
      int ok = strlen(t) == 32 && strspn(t, "0123456789abcdef") == 32;
      printf("%s: PAR_TOKEN is %s\n", who, ok ? "32 hex digits" : "MALFORMED");
      continue;
    }
    if (strncmp(*e, "PAR_JOB=", 8) == 0 || strncmp(*e, "PAR_DRIVER=", 11) == 0 ||
        strncmp(*e, "PAR_CONTROL_FD=", 15) == 0) {
      printf("%s: %.*s set\n", who, (int)strcspn(*e, "="), *e);
      continue;
    }
    printf("%s: %s\n", who, *e);
  }
  fflush(stdout);
}

/* ---- driver ---------------------------------------------------------------- */

static int ctl_fd = -1;

static void ctl(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ctl(const char *fmt, ...) {
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  put(ctl_fd, line);
}

/* Reads and prints what parrun sent; returns how many `exited` lines. */
static int read_ctl(void) {
  static char buf[4096];
  static size_t len;
  int n = 0;
  ssize_t r = recv(ctl_fd, buf + len, sizeof buf - len - 1, MSG_DONTWAIT);
  if (r <= 0)
    return 0;
  len += (size_t)r;
  char *nl;
  while ((nl = memchr(buf, '\n', len))) {
    *nl = '\0';
    fprintf(stderr, "driver: parrun says %s\n", buf);
    if (strncmp(buf, "exited ", 7) == 0)
      n++;
    len -= (size_t)(nl + 1 - buf);
    memmove(buf, nl + 1, len);
  }
  return n;
}

static int run_driver(void) {
  const char *fdtext = getenv("PAR_CONTROL_FD");
  const char *listen_at = getenv("PAR_LISTEN");
  const char *token = getenv("PAR_TOKEN");
  const char *nw = getenv("PAR_NWORKERS");
  if (!fdtext || !listen_at || !token || !nw) {
    fprintf(stderr, "fake-par: the driver's variables are missing\n");
    return 98;
  }
  if (opt_print_env)
    print_env("rank 0");
  if (opt_no_listen) {
    printf("plain main\n");
    return opt_exit;
  }
  ctl_fd = atoi(fdtext);
  int n = atoi(nw);
  char host[64];
  snprintf(host, sizeof host, "%.*s", (int)strcspn(listen_at, ":"), listen_at);
  int port = strchr(listen_at, ':') ? atoi(strchr(listen_at, ':') + 1) : 0;

  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
    fprintf(stderr, "fake-par: PAR_LISTEN=%s is not an IPv4 address\n", listen_at);
    return 98;
  }
  int one = 1;
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(lfd, 64) != 0)
    die("bind/listen");
  socklen_t sl = sizeof sa;
  getsockname(lfd, (struct sockaddr *)&sa, &sl);
  ctl("listen %s %d\n", host, ntohs(sa.sin_port));
  for (int i = 0; i < nctl; i++)
    ctl("%s\n", opt_ctl[i]);

  int *fds = calloc((size_t)n + 1, sizeof *fds);
  int admitted = 0;
  while (admitted < n) {
    struct pollfd p[2] = {{.fd = lfd, .events = POLLIN}, {.fd = ctl_fd, .events = POLLIN}};
    if (poll(p, 2, 60000) <= 0) {
      fprintf(stderr, "fake-par: driver: nobody connected for 60 s\n");
      return 97;
    }
    if (p[1].revents)
      read_ctl();
    if (!p[0].revents)
      continue;
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    int c = accept4(lfd, (struct sockaddr *)&peer, &pl, SOCK_CLOEXEC);
    if (c < 0)
      continue;
    char line[256], tok[128];
    int rank = 0;
    if (get_line(c, line, sizeof line) != 0 || sscanf(line, "hello %d %127s", &rank, tok) != 2) {
      close(c);
      continue;
    }
    if (strcmp(tok, token) != 0 || rank < 1 || rank > n || fds[rank]) {
      char addr[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, &peer.sin_addr, addr, sizeof addr);
      ctl("refused %s:%d wrong token from rank %d\n", addr, ntohs(peer.sin_port), rank);
      put(c, "refuse\n");
      close(c);
      continue;
    }
    fds[rank] = c;
    admitted++;
    ctl("admitted %d\n", rank);
    put(c, "welcome\n");
  }
  ctl("ready\n");
  for (int r = 1; r <= n; r++)
    put(fds[r], "start\n");
  printf("driver: ready with %d workers%s%s\n", n, *opt_tag ? " " : "", opt_tag);
  fflush(stdout);
  if (opt_driver_hang)
    for (;;)
      pause();

  /* main: wait for every worker's done */
  int pending = n, lost = 0;
  char *finished = calloc((size_t)n + 1, 1);
  while (pending > 0) {
    struct pollfd p[n + 1];
    for (int r = 1; r <= n; r++)
      p[r - 1] = (struct pollfd){.fd = finished[r] ? -1 : fds[r], .events = POLLIN};
    p[n] = (struct pollfd){.fd = ctl_fd, .events = POLLIN};
    if (poll(p, (nfds_t)n + 1, -1) < 0)
      continue;
    if (p[n].revents)
      read_ctl();
    for (int r = 1; r <= n; r++) {
      if (finished[r] || !p[r - 1].revents)
        continue;
      char line[64];
      finished[r] = 1;
      pending--;
      if (get_line(fds[r], line, sizeof line) != 0 || strcmp(line, "done") != 0) {
        ctl("lost %d eof\n", r);
        printf("driver: lost worker %d\n", r);
        fflush(stdout);
        lost++;
      }
    }
  }
  /* parrun tells about each lost worker's end: wait for it a little. */
  for (int got = 0, i = 0; got < lost && i < 300; i++) {
    got += read_ctl();
    if (got < lost)
      usleep(10000);
  }
  printf("driver: done\n");
  fflush(stdout);
  for (int r = 1; r <= n; r++)
    put(fds[r], "bye\n");
  if (opt_driver_signal)
    raise(opt_driver_signal);
  return opt_exit;
}

/* ---- worker ------------------------------------------------------------------ */

/* A line in three writes, so that parrun sees pieces; now and then with a
 * pause in the middle, while other workers write whole lines. */
static void piecewise(int fd, const char *line, int pause_mid) {
  size_t n = strlen(line), a = n / 3, b = 2 * n / 3;
  if (write(fd, line, a) < 0)
    return;
  if (pause_mid)
    usleep(300);
  if (write(fd, line + a, b - a) < 0 || write(fd, line + b, n - b) < 0)
    return;
}

static int run_worker(void) {
  const char *rtext = getenv("PAR_RANK");
  const char *drv = getenv("PAR_DRIVER");
  const char *token = getenv("PAR_TOKEN");
  if (!rtext || !drv || !token || getenv("PAR_CONTROL_FD") || getenv("PAR_LISTEN")) {
    fprintf(stderr, "fake-par: the worker's variables are wrong\n");
    return 98;
  }
  int rank = atoi(rtext);
  const char *bad = my_bad(rank);
  char who[32];
  snprintf(who, sizeof who, "rank %d", rank);
  if (opt_print_env)
    print_env(who);
  if (opt_print_gpus)
    printf("%s: CUDA_VISIBLE_DEVICES=%s ROCR_VISIBLE_DEVICES=%s\n", who,
           getenv("CUDA_VISIBLE_DEVICES") ? getenv("CUDA_VISIBLE_DEVICES") : "-",
           getenv("ROCR_VISIBLE_DEVICES") ? getenv("ROCR_VISIBLE_DEVICES") : "-");
  if (!strcmp(bad, "noconnect"))
    for (;;)
      pause();
  if (!strcmp(bad, "kill"))
    raise(SIGKILL);
  if (!strcmp(bad, "exit3"))
    return 3;
  if (!strcmp(bad, "exit0"))
    return 0;

  char host[64];
  snprintf(host, sizeof host, "%.*s", (int)strcspn(drv, ":"), drv);
  struct sockaddr_in sa = {.sin_family = AF_INET,
                           .sin_port = htons((uint16_t)atoi(strchr(drv, ':') + 1))};
  inet_pton(AF_INET, host, &sa.sin_addr);
  int fd = -1;
  for (int tries = 0; tries < 100; tries++) {
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0)
      break;
    close(fd);
    fd = -1;
    usleep(50000);
  }
  if (fd < 0)
    die("connect to PAR_DRIVER");
  char hello[256], line[64];
  snprintf(hello, sizeof hello, "hello %d %s\n", rank,
           !strcmp(bad, "badtoken") ? "00000000000000000000000000000000" : token);
  put(fd, hello);
  if (get_line(fd, line, sizeof line) != 0 || strcmp(line, "welcome") != 0) {
    fprintf(stderr, "worker %d: refused\n", rank);
    return 1;
  }
  /* Work comes once every worker is in: after `ready`. */
  if (get_line(fd, line, sizeof line) != 0 || strcmp(line, "start") != 0) {
    fprintf(stderr, "worker %d: no start from the driver\n", rank);
    return 1;
  }
  if (opt_lines) {
    char text[256];
    for (int i = 0; i < opt_lines; i++) {
      snprintf(text, sizeof text, "w%d %d %0100d\n", rank, i, 0);
      piecewise(1, text, i % 20 == 0);
      snprintf(text, sizeof text, "e%d %d %0100d\n", rank, i, 0);
      piecewise(2, text, i % 20 == 10);
    }
  } else {
    printf("worker %d on %s: hello%s%s\n", rank, getenv("PAR_HOST") ? getenv("PAR_HOST") : "?",
           *opt_tag ? " " : "", opt_tag);
    fflush(stdout);
  }
  if (!strcmp(bad, "partial"))
    put(1, "partial line without newline");
  if (!strcmp(bad, "killlate"))
    raise(SIGKILL);
  if (!strcmp(bad, "hang"))
    for (;;)
      pause();
  put(fd, "done\n");
  while (get_line(fd, line, sizeof line) == 0 && strcmp(line, "bye") != 0) {
  }
  return 0;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : "";
    if (!strcmp(a, "--exit"))
      opt_exit = atoi(v), i++;
    else if (!strcmp(a, "--no-listen"))
      opt_no_listen = 1;
    else if (!strcmp(a, "--driver-signal"))
      opt_driver_signal = atoi(v), i++;
    else if (!strcmp(a, "--driver-hang"))
      opt_driver_hang = 1;
    else if (!strcmp(a, "--lines"))
      opt_lines = atoi(v), i++;
    else if (!strcmp(a, "--print-env"))
      opt_print_env = 1;
    else if (!strcmp(a, "--print-gpus"))
      opt_print_gpus = 1;
    else if (!strcmp(a, "--tag"))
      opt_tag = v, i++;
    else if (!strcmp(a, "--ctl") && nctl < 8)
      opt_ctl[nctl++] = v, i++;
    else if (!strcmp(a, "--bad") && nbad < 16 && strchr(v, ':')) {
      bad_rank[nbad] = atoi(v);
      bad_mode[nbad++] = strchr(v, ':') + 1;
      i++;
    } else {
      fprintf(stderr, "fake-par: unknown argument '%s'\n", a);
      return 98;
    }
  }
  const char *role = getenv("PAR_ROLE");
  if (!role) {
    printf("standalone%s%s\n", *opt_tag ? " " : "", opt_tag);
    return opt_exit;
  }
  if (!strcmp(role, "driver"))
    return run_driver();
  if (!strcmp(role, "worker"))
    return run_worker();
  fprintf(stderr, "fake-par: PAR_ROLE=%s\n", role);
  return 98;
}
