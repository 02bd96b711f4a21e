/* par-rawclient: a hostile peer for the driver's admission tests (test/lit/dist).
 *
 *   par-rawclient HOST:PORT garbage   several UCX connections, each sending one
 *                                     malformed first message, then a raw TCP
 *                                     connection sending bytes that are not UCX
 *   par-rawclient HOST:PORT hello-token   a well-formed HELLO with a wrong token
 *
 * Each UCX connection must be answered with REFUSE or closed by the driver;
 * the reason (or "closed") is printed, one line per connection. Exit 0 when
 * every connection was refused or closed within 10 s, 1 otherwise.
 */
#define _GNU_SOURCE 1
#include <arpa/inet.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "runtime/net.h"
#include "runtime/status.h"
#include "runtime/wire.h"

static int g_answered;
static char g_answer[512];

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void on_recv(par__net_peer_t *peer, const void *hdr, size_t hdr_len, void *data,
                    size_t data_len, void *user) {
  (void)peer, (void)data, (void)user;
  par__wire_msg_t m;
  par__wire_diag_t d;
  if (par__wire_decode(hdr, hdr_len, data_len, &m, &d) == PAR_OK && m.type == PAR__WIRE_REFUSE)
    snprintf(g_answer, sizeof g_answer, "refused: %s", m.u.refuse.reason);
  else
    snprintf(g_answer, sizeof g_answer, "unexpected answer");
  par__wire_msg_free(&m);
  g_answered = 1;
}

static void on_error(par__net_peer_t *peer, par_status_t st, void *user) {
  (void)peer, (void)user;
  if (!g_answered) snprintf(g_answer, sizeof g_answer, "closed (%s)", par__status_message(st));
  g_answered = 1;
}

/* One connection, one message (with `payload_len` bytes of payload); prints
 * the driver's answer. */
static int one_payload(const char *host, uint16_t port, const char *what, const void *hdr,
                       size_t len, size_t payload_len) {
  par__net_callbacks_t cbs = {.recv = on_recv, .error = on_error};
  par__net_t *net;
  if (par__net_create(&cbs, &net) != PAR_OK) return 1;
  par__net_peer_t *peer;
  g_answered = 0;
  char *payload = payload_len ? calloc(1, payload_len) : NULL;
  struct iovec iov = {payload, payload_len};
  if (par__net_connect(net, host, port, &peer) != PAR_OK ||
      par__net_send(peer, hdr, len, payload ? &iov : NULL, payload ? 1 : 0, NULL, NULL) != PAR_OK) {
    par__net_destroy(net);
    free(payload);
    return 1;
  }
  uint64_t end = now_ns() + 10000000000u;
  while (!g_answered && now_ns() < end) par__net_progress(net, 100);
  printf("%s: %s\n", what, g_answered ? g_answer : "no answer within 10 s");
  fflush(stdout);
  par__net_peer_close(peer);
  par__net_destroy(net);
  free(payload);
  return g_answered ? 0 : 1;
}

static int one(const char *host, uint16_t port, const char *what, const void *hdr, size_t len) {
  return one_payload(host, port, what, hdr, len, 0);
}

static int hello(const char *host, uint16_t port, const char *what, const char *token) {
  par__net_callbacks_t cbs = {.recv = on_recv, .error = on_error};
  par__net_t *net;
  if (par__net_create(&cbs, &net) != PAR_OK) return 1;
  const void *addr;
  size_t alen;
  par__net_local_address(net, &addr, &alen);
  static const unsigned char bid[20] = {1, 2, 3};
  par__wire_hello_t h = {.token = token, .rank = 1, .pid = (uint32_t)getpid(), .host = "rawclient",
                         .build_id = bid, .build_id_len = sizeof bid, .address = addr,
                         .address_len = (uint32_t)alen, .threads = 1};
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  int rc = 1;
  par__net_peer_t *peer;
  g_answered = 0;
  if (par__wire_encode_hello(&b, &h) == PAR_OK && par__net_connect(net, host, port, &peer) == PAR_OK &&
      par__net_send(peer, b.hdr, b.hdr_len, NULL, 0, NULL, NULL) == PAR_OK) {
    uint64_t end = now_ns() + 10000000000u;
    while (!g_answered && now_ns() < end) par__net_progress(net, 100);
    printf("%s: %s\n", what, g_answered ? g_answer : "no answer within 10 s");
    fflush(stdout);
    rc = g_answered ? 0 : 1;
    par__net_peer_close(peer);
  }
  par__wire_buf_cleanup(&b);
  par__net_destroy(net);
  return rc;
}

static int raw_tcp(const char *host, uint16_t port) {
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai;
  char ps[16];
  snprintf(ps, sizeof ps, "%u", port);
  if (getaddrinfo(host, ps, &hints, &ai) != 0) return 1;
  int fd = socket(ai->ai_family, SOCK_STREAM, 0);
  int rc = 1;
  if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(i * 131 + 7);
    rc = write(fd, junk, sizeof junk) < 0;
    usleep(200000);
    printf("raw tcp: sent %zu bytes of junk\n", sizeof junk);
  }
  if (fd >= 0) close(fd);
  freeaddrinfo(ai);
  return rc;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: par-rawclient HOST:PORT garbage|hello-token\n");
    return 2;
  }
  char host[256];
  const char *colon = strrchr(argv[1], ':');
  if (!colon || (size_t)(colon - argv[1]) >= sizeof host) return 2;
  memcpy(host, argv[1], (size_t)(colon - argv[1]));
  host[colon - argv[1]] = 0;
  uint16_t port = (uint16_t)atoi(colon + 1);
  int bad = 0;
  if (strcmp(argv[2], "hello-token") == 0)
    return hello(host, port, "hello with a wrong token", "0123456789abcdef0123456789abcdef");
  if (strcmp(argv[2], "garbage") != 0) return 2;
  static const unsigned char not_msgpack[] = {0xc1, 0xc1, 0xc1, 0xc1};
  static const unsigned char huge_array[] = {0x82, 0x00, 0x01, 0x01, 0xdd, 0xff, 0xff, 0xff, 0xff};
  static const unsigned char version_9[] = {0x82, 0x00, 0x09, 0x01, 0x01};
  static const unsigned char not_hello[] = {0x83, 0x00, 0x01, 0x01, 0x09, 0x02, 0x01};
  static const unsigned char truncated[] = {0x87, 0x00, 0x01, 0x01, 0x01, 0x02, 0xd9, 0x20, 'a'};
  static unsigned char random_bytes[600];
  for (size_t i = 0; i < sizeof random_bytes; i++) random_bytes[i] = (unsigned char)(i * 167 + 13);
  bad |= one(host, port, "not msgpack", not_msgpack, sizeof not_msgpack);
  bad |= one(host, port, "array of 2^32 values", huge_array, sizeof huge_array);
  bad |= one(host, port, "version 9", version_9, sizeof version_9);
  bad |= one(host, port, "heartbeat first", not_hello, sizeof not_hello);
  bad |= one(host, port, "truncated hello", truncated, sizeof truncated);
  bad |= one(host, port, "random bytes", random_bytes, sizeof random_bytes);
  /* a first message carrying 64 MiB: closed unread (PAR__NET_UNTRUSTED_MAX) */
  bad |= one_payload(host, port, "64 MiB payload", not_msgpack, sizeof not_msgpack, 64u << 20);
  bad |= raw_tcp(host, port);
  return bad;
}
