/* test_net.c: the UCX transport (runtime/net.h) between real processes.
 *
 * Each test forks its peers before anyone touches UCX (UCX state does not
 * survive fork), passes the listener's port down a pipe, and talks over
 * 127.0.0.1 with UCX_NET_DEVICES=lo. Test headers are short strings
 * ("ping 12"); payloads are bytes with a checksum in the header. Waits are
 * generous (a loaded 2-core machine); the only timing assert is the idle
 * CPU one, with slack.
 */
#define _GNU_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ucp/api/ucp.h>

#include "runtime/net.h"
#include "runtime/status.h"
#include "unit.h"

/* ---- one process's net and what it received ------------------------------ */

typedef struct msg {
  struct msg *next;
  par__net_peer_t *peer;
  char hdr[128]; /* NUL-terminated prefix of the header */
  size_t hdr_len;
  uint64_t hdr_sum; /* checksum of the whole header */
  char *data;       /* owned */
  size_t data_len;
} msg_t;

typedef struct tnet {
  par__net_t *net;
  msg_t *head, *tail;
  par__net_peer_t *accepted[16];
  int naccepted;
  par__net_peer_t *failed[16];
  par_status_t fail_status[16];
  int nfailed;
  int sent_ok, sent_err;
  bool untrusted; /* accepted peers keep PAR__NET_UNTRUSTED_MAX (else trusted at once) */
  /* if set, called for each message instead of queueing it */
  void (*recv_hook)(par__net_peer_t *peer, const void *hdr, size_t hdr_len, void *data,
                    size_t data_len);
} tnet_t;

static tnet_t T;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t checksum(const void *p, size_t n) {
  const unsigned char *b = p;
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

static void fill(void *p, size_t n, uint64_t seed) {
  uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
  unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b[i] = (unsigned char)x;
  }
}

static void on_recv(par__net_peer_t *peer, const void *hdr, size_t hdr_len, void *data,
                    size_t data_len, void *user) {
  (void)user;
  if (T.recv_hook) {
    T.recv_hook(peer, hdr, hdr_len, data, data_len);
    return;
  }
  msg_t *m = calloc(1, sizeof *m);
  CHECK(m);
  m->peer = peer;
  m->hdr_len = hdr_len;
  size_t n = hdr_len < sizeof m->hdr - 1 ? hdr_len : sizeof m->hdr - 1;
  memcpy(m->hdr, hdr, n);
  m->hdr_sum = checksum(hdr, hdr_len);
  m->data = malloc(data_len + 1);
  CHECK(m->data);
  if (data_len) memcpy(m->data, data, data_len);
  m->data[data_len] = '\0';
  m->data_len = data_len;
  if (T.tail)
    T.tail->next = m;
  else
    T.head = m;
  T.tail = m;
}

static void on_error(par__net_peer_t *peer, par_status_t status, void *user) {
  (void)user;
  for (int i = 0; i < T.nfailed; i++)
    CHECK(T.failed[i] != peer); /* once per peer */
  CHECK(T.nfailed < 16);
  T.failed[T.nfailed] = peer;
  T.fail_status[T.nfailed++] = status;
}

static void on_accept(par__net_peer_t *peer, void *user) {
  (void)user;
  CHECK(T.naccepted < 16);
  T.accepted[T.naccepted++] = peer;
  if (!T.untrusted) par__net_peer_trust(peer); /* as the driver does when it admits */
}

static void on_sent(par_status_t status, void *arg) {
  (void)arg;
  if (status == PAR_OK)
    T.sent_ok++;
  else
    T.sent_err++;
}

static void tnet_init(void) {
  memset(&T, 0, sizeof T);
  par__net_callbacks_t cbs = {on_recv, on_error, on_accept, NULL};
  CHECK_EQ_INT(par__net_create(&cbs, &T.net), PAR_OK);
}

static void msg_free(msg_t *m) {
  free(m->data);
  free(m);
}

/* Progresses until `cond` holds; fails the test after `secs`. */
#define WAIT_UNTIL(cond, secs)                                                                     \
  do {                                                                                             \
    uint64_t wait_deadline_ = now_ns() + (uint64_t)(secs)*1000000000ull;                           \
    while (!(cond)) {                                                                              \
      if (now_ns() > wait_deadline_) {                                                             \
        fprintf(stderr, "%s:%d: timed out waiting for %s\n", __FILE__, __LINE__, #cond);           \
        exit(1);                                                                                   \
      }                                                                                            \
      int wait_rc_ = par__net_progress(T.net, 100);                                                \
      CHECK(wait_rc_ >= 0);                                                                        \
    }                                                                                              \
  } while (0)

/* The next message (from any peer). */
static msg_t *next_msg(void) {
  WAIT_UNTIL(T.head != NULL, 60);
  msg_t *m = T.head;
  T.head = m->next;
  if (!T.head) T.tail = NULL;
  return m;
}

/* Sends a string header and an optional payload. */
static par_status_t send_str(par__net_peer_t *peer, const char *hdr, const void *data, size_t len) {
  struct iovec iov = {(void *)data, len};
  return par__net_send(peer, hdr, strlen(hdr), &iov, data ? 1 : 0, on_sent, NULL);
}

static void env_setup(const char *tls) {
  setenv("UCX_NET_DEVICES", "lo", 1);
  if (tls)
    setenv("UCX_TLS", tls, 1);
  else
    unsetenv("UCX_TLS");
}

/* ---- processes ---------------------------------------------------------------- */

typedef struct kid {
  pid_t pid;
  int port_fd; /* parent writes the port here */
  int go_fd;   /* parent writes a byte here to let the child go on */
} kid_t;

static int kid_port_fd, kid_go_fd; /* in the child */

static kid_t spawn(int (*fn)(int arg), int arg) {
  int p[2], g[2];
  CHECK(pipe(p) == 0 && pipe(g) == 0);
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    alarm(90);
    close(p[1]);
    close(g[1]);
    kid_port_fd = p[0];
    kid_go_fd = g[0];
    _exit(fn(arg));
  }
  close(p[0]);
  close(g[0]);
  return (kid_t){pid, p[1], g[1]};
}

static void kid_send_port(kid_t *k, uint16_t port) {
  CHECK(write(k->port_fd, &port, sizeof port) == sizeof port);
}

static void kid_go(kid_t *k) {
  CHECK(write(k->go_fd, "g", 1) == 1);
}

static uint16_t kid_read_port(void) {
  uint16_t port = 0;
  CHECK(read(kid_port_fd, &port, sizeof port) == sizeof port);
  return port;
}

static void kid_wait_go(void) {
  char c;
  CHECK(read(kid_go_fd, &c, 1) == 1);
}

/* Waits for the child; returns its exit code (128 + signal if killed). */
static int kid_reap(kid_t *k) {
  int st = 0;
  while (waitpid(k->pid, &st, 0) < 0 && errno == EINTR) {
  }
  close(k->port_fd);
  close(k->go_fd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The same, progressing the net meanwhile (the child may need us). */
static int kid_reap_progress(kid_t *k) {
  int st = 0;
  uint64_t deadline = now_ns() + 60ull * 1000000000ull;
  for (;;) {
    pid_t r = waitpid(k->pid, &st, WNOHANG);
    if (r == k->pid) break;
    CHECK(r == 0 && now_ns() < deadline);
    CHECK(par__net_progress(T.net, 50) >= 0);
  }
  close(k->port_fd);
  close(k->go_fd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Parent side: a net listening on 127.0.0.1, its port sent to the kids. */
static uint16_t listen_for(kid_t *kids, int n) {
  tnet_init();
  uint16_t port = 0;
  CHECK_EQ_INT(par__net_listen(T.net, "127.0.0.1", &port), PAR_OK);
  CHECK(port != 0);
  for (int i = 0; i < n; i++)
    kid_send_port(&kids[i], port);
  return port;
}

/* Child side: a net connected to the parent's listener. */
static par__net_peer_t *connect_parent(void) {
  uint16_t port = kid_read_port();
  tnet_init();
  par__net_peer_t *peer = NULL;
  CHECK_EQ_INT(par__net_connect(T.net, "127.0.0.1", port, &peer), PAR_OK);
  CHECK(peer != NULL);
  return peer;
}

/* hello/welcome as the protocol will do it: the connecting side sends its
 * worker address, the accepting side answers with its own and upgrades
 * right after sending; the connecting side upgrades when welcome arrives. */
static void child_hello(par__net_peer_t *peer) {
  const void *blob;
  size_t len;
  CHECK_EQ_INT(par__net_local_address(T.net, &blob, &len), PAR_OK);
  CHECK_EQ_INT(send_str(peer, "hello", blob, len), PAR_OK);
  msg_t *m = next_msg();
  CHECK_STREQ(m->hdr, "welcome");
  CHECK(m->peer == peer);
  CHECK(!par__net_peer_upgraded(peer));
  CHECK_EQ_INT(par__net_peer_upgrade(peer, m->data, m->data_len), PAR_OK);
  CHECK(par__net_peer_upgraded(peer));
  msg_free(m);
}

static par__net_peer_t *parent_welcome(void) {
  msg_t *m = next_msg();
  CHECK_STREQ(m->hdr, "hello");
  par__net_peer_t *peer = m->peer;
  const void *blob;
  size_t len;
  CHECK_EQ_INT(par__net_local_address(T.net, &blob, &len), PAR_OK);
  CHECK_EQ_INT(send_str(peer, "welcome", blob, len), PAR_OK);
  CHECK_EQ_INT(par__net_peer_upgrade(peer, m->data, m->data_len), PAR_OK);
  CHECK_EQ_INT(par__net_peer_upgrade(peer, m->data, m->data_len), PAR_ERR_INVALID);
  msg_free(m);
  return peer;
}

/* Child: answers "ping N" with "pong N" until "bye"; returns 0. */
static int child_echo(par__net_peer_t *peer) {
  for (;;) {
    msg_t *m = next_msg();
    CHECK(m->peer == peer);
    if (strcmp(m->hdr, "bye") == 0) {
      msg_free(m);
      break;
    }
    CHECK(strncmp(m->hdr, "ping ", 5) == 0);
    char hdr[64];
    snprintf(hdr, sizeof hdr, "pong %s", m->hdr + 5);
    CHECK_EQ_INT(send_str(peer, hdr, m->data, m->data_len), PAR_OK);
    msg_free(m);
  }
  par__net_destroy(T.net);
  return 0;
}

/* Parent: n ping-pongs with `peer`, checking order and payload. */
static void pingpong(par__net_peer_t *peer, int n) {
  for (int i = 0; i < n; i++) {
    char hdr[64], data[64], want[64];
    snprintf(hdr, sizeof hdr, "ping %d", i);
    int dl = snprintf(data, sizeof data, "payload %d", i * 7);
    CHECK_EQ_INT(send_str(peer, hdr, data, (size_t)dl), PAR_OK);
    msg_t *m = next_msg();
    CHECK(m->peer == peer);
    snprintf(want, sizeof want, "pong %d", i);
    CHECK_STREQ(m->hdr, want);
    CHECK_STREQ(m->data, data);
    msg_free(m);
  }
}

static int kid_echo(int upgrade) {
  par__net_peer_t *peer = connect_parent();
  if (upgrade) child_hello(peer);
  return child_echo(peer);
}

/* ---- tests ------------------------------------------------------------------------ */

TEST(net_pingpong_1000) {
  env_setup(NULL);
  kid_t k = spawn(kid_echo, 0);
  listen_for(&k, 1);
  WAIT_UNTIL(T.naccepted == 1, 60);
  par__net_peer_t *peer = T.accepted[0];
  CHECK(strncmp(par__net_peer_name(peer), "127.0.0.1:", 10) == 0);
  pingpong(peer, 1000);
  char tr[256];
  par__net_peer_transports(peer, tr, sizeof tr);
  printf("sockaddr transports: %s\n", tr);
  CHECK_EQ_INT(send_str(peer, "bye", NULL, 0), PAR_OK);
  WAIT_UNTIL(T.nfailed == 1, 60); /* the child closes */
  CHECK_EQ_INT(T.fail_status[0], PAR_ERR_PEER_LOST);
  CHECK_EQ_INT(kid_reap(&k), 0);
  CHECK_EQ_INT(T.sent_ok, 1001);
  par__net_peer_close(peer);
  par__net_destroy(T.net);
}

/* Child: sends a 64 MiB payload with its checksum in the header, then
 * checks the one the parent sends back. */
#define BIG (64u << 20)

static int kid_big(int upgrade) {
  par__net_peer_t *peer = connect_parent();
  if (upgrade) child_hello(peer);
  char *buf = malloc(BIG);
  CHECK(buf);
  fill(buf, BIG, 42);
  char hdr[64];
  snprintf(hdr, sizeof hdr, "big %" PRIu64, checksum(buf, BIG));
  int ok = T.sent_ok, err = T.sent_err;
  CHECK_EQ_INT(send_str(peer, hdr, buf, BIG), PAR_OK);
  WAIT_UNTIL(T.sent_ok + T.sent_err == ok + err + 1, 60); /* buf must live until then */
  CHECK_EQ_INT(T.sent_ok, ok + 1);
  free(buf);
  msg_t *m = next_msg();
  CHECK(strncmp(m->hdr, "big ", 4) == 0);
  CHECK_EQ_INT(m->data_len, BIG);
  CHECK(strtoull(m->hdr + 4, NULL, 10) == checksum(m->data, m->data_len));
  msg_free(m);
  return child_echo(peer);
}

static void big_exchange(kid_t *k, par__net_peer_t *peer) {
  msg_t *m = next_msg();
  CHECK(m->peer == peer);
  CHECK(strncmp(m->hdr, "big ", 4) == 0);
  CHECK_EQ_INT(m->data_len, BIG);
  CHECK(strtoull(m->hdr + 4, NULL, 10) == checksum(m->data, m->data_len));
  /* Send it back reversed in 64 KiB pieces (an iovec of 1024 segments). */
  struct iovec *iov = calloc(1024, sizeof *iov);
  CHECK(iov);
  size_t piece = BIG / 1024;
  for (int i = 0; i < 1024; i++)
    iov[i] = (struct iovec){m->data + (size_t)(1023 - i) * piece, piece};
  char *expect = malloc(BIG);
  CHECK(expect);
  for (int i = 0; i < 1024; i++)
    memcpy(expect + (size_t)i * piece, iov[i].iov_base, piece);
  char hdr[64];
  snprintf(hdr, sizeof hdr, "big %" PRIu64, checksum(expect, BIG));
  free(expect);
  int before = T.sent_ok;
  CHECK_EQ_INT(par__net_send(peer, hdr, strlen(hdr), iov, 1024, on_sent, NULL), PAR_OK);
  WAIT_UNTIL(T.sent_ok == before + 1, 60);
  free(iov);
  msg_free(m);
  pingpong(peer, 10);
  CHECK_EQ_INT(send_str(peer, "bye", NULL, 0), PAR_OK);
  CHECK_EQ_INT(kid_reap(k), 0);
}

TEST(net_rndv_64mib) {
  env_setup(NULL);
  kid_t k = spawn(kid_big, 0);
  listen_for(&k, 1);
  WAIT_UNTIL(T.naccepted == 1, 60);
  big_exchange(&k, T.accepted[0]);
  par__net_destroy(T.net);
}

TEST(net_rndv_64mib_upgraded) {
  env_setup(NULL);
  kid_t k = spawn(kid_big, 1);
  listen_for(&k, 1);
  WAIT_UNTIL(T.naccepted == 1, 60);
  par__net_peer_t *peer = parent_welcome();
  big_exchange(&k, peer);
  par__net_destroy(T.net);
}

/* Child: a message within PAR__NET_UNTRUSTED_MAX, then one over it; waits
 * until the parent has dropped the connection (or 30 s). */
static int kid_untrusted(int arg) {
  (void)arg;
  par__net_peer_t *peer = connect_parent();
  size_t big = PAR__NET_UNTRUSTED_MAX + 1;
  char *buf = calloc(1, big);
  CHECK(buf);
  CHECK_EQ_INT(send_str(peer, "small", buf, 1000), PAR_OK);
  CHECK_EQ_INT(send_str(peer, "big", buf, big), PAR_OK);
  uint64_t deadline = now_ns() + 30ull * 1000000000ull;
  while (T.nfailed == 0 && now_ns() < deadline) par__net_progress(T.net, 100);
  return 0; /* buf is leaked on purpose: a send may still hold it */
}

/* A peer accepted on the listener and not trusted yet may send at most
 * PAR__NET_UNTRUSTED_MAX bytes per message: a bigger one fails it with a
 * protocol error, without receiving (allocating) the payload. */
TEST(net_untrusted_limit) {
  env_setup(NULL);
  kid_t k = spawn(kid_untrusted, 0);
  fflush(stderr);
  FILE *log = tmpfile();
  CHECK(log);
  int saved = dup(2);
  dup2(fileno(log), 2);
  listen_for(&k, 1);
  T.untrusted = true; /* after listen_for: it resets T */
  WAIT_UNTIL(T.naccepted == 1 && T.nfailed == 1, 60);
  CHECK(T.failed[0] == T.accepted[0]);
  CHECK_EQ_INT(T.fail_status[0], PAR_ERR_PROTOCOL);
  par__net_peer_close(T.accepted[0]);
  CHECK_EQ_INT(kid_reap_progress(&k), 0);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  char text[8192];
  rewind(log);
  size_t n = fread(text, 1, sizeof text - 1, log);
  text[n] = 0;
  fclose(log);
  CHECK(strstr(text, "over the size limit of a peer not admitted yet") != NULL);
  par__net_destroy(T.net);
}

/* Child: sends gathered messages: 3 segments (one empty), a header that
 * travels in the data (10 KB), the biggest header, an empty message. */
static int kid_gather(int arg) {
  (void)arg;
  par__net_peer_t *peer = connect_parent();
  struct iovec iov[4] = {{"abc", 3}, {NULL, 0}, {"defgh", 5}, {"ij", 2}};
  CHECK_EQ_INT(par__net_send(peer, "three", 5, iov, 4, on_sent, NULL), PAR_OK);
  char *hdr = malloc(PAR__NET_HDR_MAX + 1);
  CHECK(hdr);
  fill(hdr, PAR__NET_HDR_MAX, 7);
  memcpy(hdr, "hdr10k", 6);
  CHECK_EQ_INT(par__net_send(peer, hdr, 10000, iov, 3, on_sent, NULL), PAR_OK);
  memcpy(hdr, "hdrmax", 6);
  CHECK_EQ_INT(par__net_send(peer, hdr, PAR__NET_HDR_MAX, iov, 1, on_sent, NULL), PAR_OK);
  /* One byte too many is refused at the sender. */
  CHECK_EQ_INT(par__net_send(peer, hdr, PAR__NET_HDR_MAX + 1, iov, 1, on_sent, NULL),
               PAR_ERR_INVALID);
  CHECK_EQ_INT(par__net_send(peer, NULL, 0, NULL, 0, NULL, NULL), PAR_OK);
  free(hdr); /* headers are copied */
  return child_echo(peer);
}

TEST(net_iov_gather) {
  env_setup(NULL);
  kid_t k = spawn(kid_gather, 0);
  listen_for(&k, 1);
  msg_t *m = next_msg();
  CHECK_STREQ(m->hdr, "three");
  CHECK_EQ_INT(m->data_len, 10);
  CHECK_STREQ(m->data, "abcdefghij");
  par__net_peer_t *peer = m->peer;
  msg_free(m);

  char *hdr = malloc(PAR__NET_HDR_MAX);
  CHECK(hdr);
  fill(hdr, PAR__NET_HDR_MAX, 7);
  memcpy(hdr, "hdr10k", 6);
  m = next_msg();
  CHECK_EQ_INT(m->hdr_len, 10000);
  CHECK(m->hdr_sum == checksum(hdr, 10000));
  CHECK_STREQ(m->data, "abcdefgh");
  msg_free(m);
  memcpy(hdr, "hdrmax", 6);
  m = next_msg();
  CHECK_EQ_INT(m->hdr_len, PAR__NET_HDR_MAX);
  CHECK(m->hdr_sum == checksum(hdr, PAR__NET_HDR_MAX));
  CHECK_STREQ(m->data, "abc");
  msg_free(m);
  free(hdr);
  m = next_msg();
  CHECK_EQ_INT(m->hdr_len, 0);
  CHECK_EQ_INT(m->data_len, 0);
  msg_free(m);

  pingpong(peer, 3);
  CHECK_EQ_INT(send_str(peer, "bye", NULL, 0), PAR_OK);
  CHECK_EQ_INT(kid_reap(&k), 0);
  par__net_destroy(T.net);
}

/* Child of the upgrade test: after welcome, the parent's first messages
 * (sent right after its upgrade, possibly arriving before welcome) must come
 * in order behind welcome. */
static int kid_upgrade(int expect_shm) {
  par__net_peer_t *peer = connect_parent();
  char tr[256];
  child_hello(peer);
  for (int i = 0; i < 20; i++) {
    msg_t *m = next_msg();
    char want[32];
    snprintf(want, sizeof want, "early %d", i);
    CHECK_STREQ(m->hdr, want);
    CHECK(m->peer == peer);
    msg_free(m);
  }
  par__net_peer_transports(peer, tr, sizeof tr);
  printf("child transports: %s\n", tr);
  if (expect_shm)
    CHECK(strstr(tr, "sysv") || strstr(tr, "posix"));
  else
    CHECK(strstr(tr, "tcp") && !strstr(tr, "sysv") && !strstr(tr, "posix"));
  return child_echo(peer);
}

static void upgrade_test(const char *tls, int expect_shm) {
  env_setup(tls);
  kid_t k = spawn(kid_upgrade, expect_shm);
  listen_for(&k, 1);
  WAIT_UNTIL(T.naccepted == 1, 60);
  char tr[256];
  par__net_peer_transports(T.accepted[0], tr, sizeof tr);
  printf("sockaddr transports: %s\n", tr);
  par__net_peer_t *peer = parent_welcome();
  for (int i = 0; i < 20; i++) {
    char hdr[32];
    snprintf(hdr, sizeof hdr, "early %d", i);
    CHECK_EQ_INT(send_str(peer, hdr, NULL, 0), PAR_OK);
  }
  pingpong(peer, 200);
  par__net_peer_transports(peer, tr, sizeof tr);
  printf("address transports: %s\n", tr);
  if (expect_shm)
    CHECK(strstr(tr, "sysv") || strstr(tr, "posix"));
  else
    CHECK(strstr(tr, "tcp") && !strstr(tr, "sysv") && !strstr(tr, "posix"));
  CHECK_EQ_INT(send_str(peer, "bye", NULL, 0), PAR_OK);
  WAIT_UNTIL(T.sent_ok == 1 + 20 + 200 + 1, 60);
  /* Over shared memory a closed endpoint is noticed when the process is
   * gone (keepalive checks its pid), so reap it first. */
  CHECK_EQ_INT(kid_reap(&k), 0);
  WAIT_UNTIL(T.nfailed == 1, 60);
  CHECK(T.failed[0] == peer);
  CHECK_EQ_INT(T.fail_status[0], PAR_ERR_PEER_LOST);
  par__net_peer_close(peer);
  par__net_destroy(T.net);
}

TEST(net_upgrade_default_tls) {
  upgrade_test(NULL, 1);
}

TEST(net_upgrade_tcp) {
  upgrade_test("tcp", 0);
}

/* Child: connects (and upgrades), then waits to be killed. */
static int kid_victim(int upgrade) {
  par__net_peer_t *peer = connect_parent();
  if (upgrade) child_hello(peer);
  CHECK_EQ_INT(send_str(peer, "ready", NULL, 0), PAR_OK);
  for (;;)
    par__net_progress(T.net, 1000);
}

static void kill_test(int upgrade) {
  env_setup(NULL);
  kid_t k = spawn(kid_victim, upgrade);
  listen_for(&k, 1);
  WAIT_UNTIL(T.naccepted == 1, 60);
  par__net_peer_t *peer = upgrade ? parent_welcome() : T.accepted[0];
  msg_t *m = next_msg();
  CHECK_STREQ(m->hdr, "ready");
  msg_free(m);
  /* A send in flight when the peer dies completes with an error. */
  kill(k.pid, SIGKILL);
  CHECK_EQ_INT(kid_reap(&k), 128 + SIGKILL);
  uint64_t t0 = now_ns();
  WAIT_UNTIL(T.nfailed == 1, 30);
  double secs = (double)(now_ns() - t0) / 1e9;
  printf("error callback %.3f s after the kill (%s)\n", secs,
         upgrade ? "address endpoint" : "sockaddr endpoint");
  CHECK(T.failed[0] == peer);
  CHECK_EQ_INT(T.fail_status[0], PAR_ERR_PEER_LOST);
  CHECK_EQ_INT(par__net_peer_status(peer), PAR_ERR_PEER_LOST);
  CHECK_EQ_INT(send_str(peer, "late", "x", 1), PAR_ERR_PEER_LOST);
  int before = T.nfailed;
  par__net_progress(T.net, 200);
  CHECK_EQ_INT(T.nfailed, before); /* once */
  par__net_peer_close(peer);
  par__net_destroy(T.net);
}

TEST(net_kill_sockaddr) {
  kill_test(0);
}

TEST(net_kill_upgraded) {
  kill_test(1);
}

/* A raw UCX client that sends a 100 KB header (in the data, as the framing
 * allows) and expects to be disconnected. */
static volatile int raw_failed;

static void raw_err(void *arg, ucp_ep_h ep, ucs_status_t status) {
  (void)arg;
  (void)ep;
  (void)status;
  raw_failed = 1;
}

static int kid_raw(int arg) {
  (void)arg;
  uint16_t port = kid_read_port();
  ucp_params_t pp;
  memset(&pp, 0, sizeof pp);
  pp.field_mask = UCP_PARAM_FIELD_FEATURES;
  pp.features = UCP_FEATURE_AM;
  ucp_context_h ctx;
  CHECK(ucp_init(&pp, NULL, &ctx) == UCS_OK);
  ucp_worker_params_t wp;
  memset(&wp, 0, sizeof wp);
  ucp_worker_h w;
  CHECK(ucp_worker_create(ctx, &wp, &w) == UCS_OK);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ucp_ep_params_t ep;
  memset(&ep, 0, sizeof ep);
  ep.field_mask = UCP_EP_PARAM_FIELD_FLAGS | UCP_EP_PARAM_FIELD_SOCK_ADDR |
                  UCP_EP_PARAM_FIELD_ERR_HANDLER | UCP_EP_PARAM_FIELD_ERR_HANDLING_MODE;
  ep.flags = UCP_EP_PARAMS_FLAGS_CLIENT_SERVER;
  ep.sockaddr.addr = (struct sockaddr *)&sa;
  ep.sockaddr.addrlen = sizeof sa;
  ep.err_mode = UCP_ERR_HANDLING_MODE_PEER;
  ep.err_handler.cb = raw_err;
  ucp_ep_h e;
  CHECK(ucp_ep_create(w, &ep, &e) == UCS_OK);
  size_t hdr_len = 100000, len = hdr_len + 10;
  uint8_t frame[PAR__NET_FRAME_LEN] = {PAR__NET_FRAME_MAGIC,       PAR__NET_FRAME_VERSION,
                                       PAR__NET_FRAME_HDR_IN_DATA, 0,
                                       (uint8_t)hdr_len,           (uint8_t)(hdr_len >> 8),
                                       (uint8_t)(hdr_len >> 16),   (uint8_t)(hdr_len >> 24)};
  char *data = calloc(1, len);
  CHECK(data);
  ucp_request_param_t rp;
  memset(&rp, 0, sizeof rp);
  rp.op_attr_mask = UCP_OP_ATTR_FIELD_FLAGS;
  rp.flags = UCP_AM_SEND_FLAG_REPLY;
  void *req = ucp_am_send_nbx(e, PAR__NET_AM_ID, frame, sizeof frame, data, len, &rp);
  CHECK(!UCS_PTR_IS_ERR(req));
  uint64_t deadline = now_ns() + 30ull * 1000000000ull;
  while (!raw_failed && now_ns() < deadline)
    ucp_worker_progress(w);
  /* Exit without cleanup: the endpoint is gone, which is the point. */
  return raw_failed ? 0 : 3;
}

static int kid_echo_later(int arg) {
  (void)arg;
  kid_wait_go();
  return kid_echo(0);
}

TEST(net_oversize_header) {
  env_setup(NULL);
  kid_t kids[2] = {spawn(kid_raw, 0), spawn(kid_echo_later, 0)};
  /* Capture our stderr to check the logged error. */
  fflush(stderr);
  FILE *log = tmpfile();
  CHECK(log);
  int saved = dup(2);
  dup2(fileno(log), 2);
  listen_for(kids, 2);
  WAIT_UNTIL(T.naccepted == 1 && T.nfailed == 1, 60);
  CHECK(T.failed[0] == T.accepted[0]);
  CHECK_EQ_INT(T.fail_status[0], PAR_ERR_PROTOCOL);
  CHECK_EQ_INT(send_str(T.accepted[0], "x", NULL, 0), PAR_ERR_PROTOCOL);
  CHECK_EQ_INT(kid_reap_progress(&kids[0]), 0); /* the raw client saw its connection closed */
  par__net_peer_close(T.accepted[0]);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  char text[8192];
  rewind(log);
  size_t n = fread(text, 1, sizeof text - 1, log);
  text[n] = '\0';
  fclose(log);
  fputs(text, stderr);
  CHECK(strstr(text, "over the 64 KiB limit") != NULL);
  /* The listener still takes a good peer. */
  kid_go(&kids[1]);
  WAIT_UNTIL(T.naccepted == 2, 60);
  pingpong(T.accepted[1], 10);
  CHECK_EQ_INT(send_str(T.accepted[1], "bye", NULL, 0), PAR_OK);
  CHECK_EQ_INT(kid_reap(&kids[1]), 0);
  par__net_destroy(T.net);
}

/* Child i of three: upgrade, then ping-pong tagged with its number. */
static int kid_numbered(int id) {
  par__net_peer_t *peer = connect_parent();
  child_hello(peer);
  char hdr[32];
  snprintf(hdr, sizeof hdr, "id %d", id);
  CHECK_EQ_INT(send_str(peer, hdr, NULL, 0), PAR_OK);
  return child_echo(peer);
}

TEST(net_three_children) {
  env_setup(NULL);
  kid_t kids[3];
  for (int i = 0; i < 3; i++)
    kids[i] = spawn(kid_numbered, i);
  listen_for(kids, 3);
  /* hellos and ids, in whatever order they come (a child's id can come
   * before another child's hello) */
  par__net_peer_t *byid[3] = {NULL, NULL, NULL};
  const void *blob;
  size_t len;
  CHECK_EQ_INT(par__net_local_address(T.net, &blob, &len), PAR_OK);
  for (int n = 0; n < 6; n++) {
    msg_t *m = next_msg();
    if (strcmp(m->hdr, "hello") == 0) {
      CHECK_EQ_INT(send_str(m->peer, "welcome", blob, len), PAR_OK);
      CHECK_EQ_INT(par__net_peer_upgrade(m->peer, m->data, m->data_len), PAR_OK);
    } else {
      CHECK(strncmp(m->hdr, "id ", 3) == 0);
      CHECK(par__net_peer_upgraded(m->peer));
      int id = atoi(m->hdr + 3);
      CHECK(id >= 0 && id < 3 && !byid[id]);
      byid[id] = m->peer;
    }
    msg_free(m);
  }
  CHECK_EQ_INT(T.naccepted, 3);
  CHECK(byid[0] != byid[1] && byid[1] != byid[2] && byid[0] != byid[2]);
  /* Interleave: a ping to each, then the pongs, which must come from the
   * peer they were sent to. */
  for (int round = 0; round < 50; round++) {
    for (int i = 0; i < 3; i++) {
      char hdr[32], data[32];
      snprintf(hdr, sizeof hdr, "ping %d", round);
      snprintf(data, sizeof data, "to %d", i);
      CHECK_EQ_INT(send_str(byid[i], hdr, data, strlen(data)), PAR_OK);
    }
    for (int n = 0; n < 3; n++) {
      msg_t *m = next_msg();
      int i = m->peer == byid[0] ? 0 : m->peer == byid[1] ? 1 : m->peer == byid[2] ? 2 : -1;
      CHECK(i >= 0);
      char want[32];
      snprintf(want, sizeof want, "to %d", i);
      CHECK_STREQ(m->data, want);
      msg_free(m);
    }
  }
  for (int i = 0; i < 3; i++)
    CHECK_EQ_INT(send_str(byid[i], "bye", NULL, 0), PAR_OK);
  WAIT_UNTIL(T.sent_ok == 3 * (1 + 50 + 1), 60);
  for (int i = 0; i < 3; i++)
    CHECK_EQ_INT(kid_reap(&kids[i]), 0);
  WAIT_UNTIL(T.nfailed == 3, 60);
  for (int i = 0; i < 3; i++)
    par__net_peer_close(byid[i]);
  par__net_destroy(T.net);
}

/* Everything from inside callbacks: welcome and upgrade on hello, a reply
 * to each ping, close on bye; progress itself is refused there. */
static int reenter_done;

static void reenter_hook(par__net_peer_t *peer, const void *hdr, size_t hdr_len, void *data,
                         size_t data_len) {
  char h[64];
  snprintf(h, sizeof h, "%.*s", (int)(hdr_len < 63 ? hdr_len : 63), (const char *)hdr);
  CHECK_EQ_INT(par__net_progress(T.net, 0), PAR_ERR_INVALID);
  if (strcmp(h, "hello") == 0) {
    const void *blob;
    size_t len;
    CHECK_EQ_INT(par__net_local_address(T.net, &blob, &len), PAR_OK);
    CHECK_EQ_INT(send_str(peer, "welcome", blob, len), PAR_OK);
    CHECK_EQ_INT(par__net_peer_upgrade(peer, data, data_len), PAR_OK);
  } else if (strncmp(h, "ping ", 5) == 0) {
    CHECK(par__net_peer_upgraded(peer));
    char r[64];
    snprintf(r, sizeof r, "pong %s", h + 5);
    CHECK_EQ_INT(send_str(peer, r, data, data_len), PAR_OK);
  } else {
    CHECK_STREQ(h, "bye");
    par__net_peer_close(peer);
    reenter_done = 1;
  }
}

static int kid_driver(int arg) {
  (void)arg;
  par__net_peer_t *peer = connect_parent();
  child_hello(peer);
  pingpong(peer, 100);
  CHECK_EQ_INT(send_str(peer, "bye", NULL, 0), PAR_OK);
  par__net_destroy(T.net);
  return 0;
}

TEST(net_callbacks_reenter) {
  env_setup(NULL);
  kid_t k = spawn(kid_driver, 0);
  listen_for(&k, 1);
  T.recv_hook = reenter_hook;
  WAIT_UNTIL(reenter_done, 60);
  CHECK_EQ_INT(kid_reap_progress(&k), 0);
  CHECK_EQ_INT(T.nfailed, 0); /* closed by us: no error callback */
  par__net_destroy(T.net);
}

static double cpu_secs(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

TEST(net_idle_progress_sleeps) {
  env_setup(NULL);
  kid_t k = spawn(kid_echo, 1);
  listen_for(&k, 1);
  WAIT_UNTIL(T.naccepted == 1, 60);
  par__net_peer_t *peer = parent_welcome();
  pingpong(peer, 5);
  /* Idle with a connected, upgraded peer: the best of three 300 ms waits
   * (a spinning wait would use ~300 ms each time). */
  double best = 1e9;
  for (int i = 0; i < 3; i++) {
    double c0 = cpu_secs();
    uint64_t t0 = now_ns();
    int n = par__net_progress(T.net, 300);
    double wall = (double)(now_ns() - t0) / 1e9, cpu = cpu_secs() - c0;
    CHECK_EQ_INT(n, 0);
    CHECK(wall >= 0.29);
    printf("idle 300 ms: %.1f ms CPU, %.1f ms wall\n", cpu * 1e3, wall * 1e3);
    if (cpu < best) best = cpu;
  }
  CHECK(best < 0.030);
  CHECK_EQ_INT(par__net_progress(T.net, 0), 0);
  CHECK_EQ_INT(send_str(peer, "bye", NULL, 0), PAR_OK);
  CHECK_EQ_INT(kid_reap(&k), 0);
  par__net_destroy(T.net);
}

TEST(net_connect_refused) {
  env_setup(NULL);
  /* A port nobody listens on: bind one and close it. */
  int s = socket(AF_INET, SOCK_STREAM, 0);
  CHECK(s >= 0);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t sl = sizeof sa;
  CHECK(bind(s, (struct sockaddr *)&sa, sizeof sa) == 0);
  CHECK(getsockname(s, (struct sockaddr *)&sa, &sl) == 0);
  close(s);
  tnet_init();
  par__net_peer_t *peer = NULL;
  CHECK_EQ_INT(par__net_connect(T.net, "127.0.0.1", ntohs(sa.sin_port), &peer), PAR_OK);
  CHECK_EQ_INT(send_str(peer, "hello", "x", 1), PAR_OK); /* queued */
  WAIT_UNTIL(T.nfailed == 1 && T.sent_err == 1, 30);
  CHECK(T.failed[0] == peer);
  CHECK_EQ_INT(T.fail_status[0], PAR_ERR_PEER_LOST);
  par__net_peer_close(peer);
  /* Argument checks. */
  CHECK_EQ_INT(par__net_connect(T.net, "", 1, &peer), PAR_ERR_INVALID);
  CHECK_EQ_INT(par__net_connect(T.net, "127.0.0.1", 0, &peer), PAR_ERR_INVALID);
  CHECK_EQ_INT(par__net_connect(T.net, "no-such-host.invalid", 5, &peer), PAR_ERR_NET);
  par__net_destroy(T.net);
  par__net_destroy(NULL);
}

/* Destroying a net with a live peer and an unfinished send calls the
 * send's callback and does not hang. */
static int kid_silent(int arg) {
  (void)arg;
  par__net_peer_t *peer = connect_parent();
  CHECK_EQ_INT(send_str(peer, "hi", NULL, 0), PAR_OK);
  WAIT_UNTIL(T.sent_ok == 1, 60);
  kid_wait_go();
  par__net_destroy(T.net);
  return 0;
}

TEST(net_destroy_with_peers) {
  env_setup(NULL);
  kid_t k = spawn(kid_silent, 0);
  listen_for(&k, 1);
  msg_t *m = next_msg();
  CHECK_STREQ(m->hdr, "hi");
  char *big = malloc(BIG);
  CHECK(big);
  memset(big, 1, BIG);
  CHECK_EQ_INT(send_str(m->peer, "big", big, BIG), PAR_OK);
  msg_free(m);
  par__net_destroy(T.net); /* the child is not reading: rendezvous stalls */
  CHECK_EQ_INT(T.sent_ok + T.sent_err, 1);
  free(big);
  kid_go(&k);
  CHECK_EQ_INT(kid_reap(&k), 0);
}

UNIT_MAIN()
