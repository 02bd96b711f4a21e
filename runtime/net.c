/* net.c: the UCX transport behind net.h (docs/distributed.md, "Transport").
 *
 * Objects:
 *   - par__net_t: the UCX context, one worker (UCS_THREAD_MODE_SINGLE), an
 *     optional listener, and the queues below.
 *   - par__net_conn_t: one UCX endpoint. A peer has one current connection
 *     (sends go there) and, after an upgrade on the accepting side, the old
 *     sockaddr one until the remote closes it. A connection without a peer
 *     is an orphan: an endpoint UCX made because a remote connected to our
 *     worker address before we called par__net_peer_upgrade for it; its
 *     messages wait in the orphan until an upgrade claims the endpoint (UCX
 *     hands the same endpoint to our ucp_ep_create: endpoints created to
 *     each other's addresses are matched in pairs).
 *   - par__net_peer_t: what the caller holds.
 *
 * Senders are identified by the reply endpoint (UCP_AM_SEND_FLAG_REPLY),
 * looked up in a hash map from ucp_ep_h to connection.
 *
 * Nothing calls back into the caller from inside UCX: UCX callbacks only
 * queue events (par__net_event_t); par__net_progress delivers them after
 * ucp_worker_progress returns. Accepts and send completions go through one
 * FIFO; messages and the error event through the peer's own FIFO, in
 * arrival order, so a rendezvous message whose data is still coming holds
 * back the ones behind it. Endpoint closes and connection requests are also
 * handled there, outside UCX callbacks.
 *
 * Closing is ucp_ep_flush_nbx then a forced ucp_ep_close_nbx (see
 * par__net_conn_close), so that it always ends.
 *
 * Lifetimes: a peer is referenced by the caller (until par__net_peer_close),
 * each of its live connections (until UCX finishes closing the endpoint),
 * queued accept events and the dispatcher while it works on it; the last
 * reference frees it. A received message whose rendezvous data is still
 * arriving when its peer is closed is detached and freed by its completion.
 */
#include "internal.h"

#include "net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include <ucp/api/ucp.h>

#include "log.h"

/* Headers up to this size travel in the UCX AM header; bigger ones at the
 * start of the AM data. Capped further by the worker's max_am_header. */
#define PAR__NET_INLINE_HDR_MAX 2048u

/* How long closing a connection waits for what was sent to leave. */
#define PAR__NET_FLUSH_NS (10u * 1000000000ull)

/* How long par__net_destroy waits for endpoints to close. */
#define PAR__NET_CLOSE_WAIT_NS (2u * 1000000000ull)

/* ---- types ---------------------------------------------------------------- */

typedef struct par__net_conn par__net_conn_t;
typedef struct par__net_event par__net_event_t;

typedef enum par__net_event_kind {
  PAR__NET_EV_RECV,   /* a message (peer or orphan FIFO) */
  PAR__NET_EV_ERROR,  /* the peer failed (peer FIFO) */
  PAR__NET_EV_ACCEPT, /* a new peer (net FIFO) */
  PAR__NET_EV_SENT,   /* a send finished (net FIFO) */
} par__net_event_kind_t;

struct par__net_event {
  par__net_event_t *next;
  par__net_event_t *req_prev, *req_next; /* net->reqs while req is set */
  par__net_event_kind_t kind;
  bool ready;          /* RECV: all data is here */
  bool detached;       /* RECV: owner gone; the rendezvous completion frees it */
  par_status_t status; /* SENT, ERROR; RECV: a failed rendezvous (dropped) */
  par__net_t *net;
  par__net_peer_t *peer; /* ACCEPT: the new peer (holds a reference); RECV: the
                            peer whose FIFO holds it (NULL: an orphan's) */
  void *req;             /* SENT, RECV: UCX request in flight */
  const void *hdr;
  size_t hdr_len;
  void *data;
  size_t data_len;
  bool hdr_in_data;      /* RECV: hdr is at the start of the received data */
  void *ucx_data;        /* RECV: eager data to give back (ucp_am_data_release) */
  void *buf;             /* RECV: rendezvous buffer (owned) */
  par__net_send_cb_t cb; /* SENT */
  void *arg;             /* SENT */
  /* RECV: an inline header is copied here */
};

typedef struct par__net_fifo {
  par__net_event_t *head, *tail;
} par__net_fifo_t;

typedef enum par__net_conn_kind {
  PAR__NET_CONN_CLIENT,  /* sockaddr endpoint we connected */
  PAR__NET_CONN_SERVER,  /* sockaddr endpoint from the listener */
  PAR__NET_CONN_ADDRESS, /* address endpoint (par__net_peer_upgrade) */
  PAR__NET_CONN_ORPHAN,  /* made by UCX for a remote's address endpoint */
} par__net_conn_kind_t;

struct par__net_conn {
  par__net_t *net;
  par__net_peer_t *peer; /* NULL for an orphan; holds a reference */
  ucp_ep_h ep;           /* NULL once UCX released it */
  ucp_ep_h map_key;      /* the endpoint this connection is found by in net->map */
  par__net_conn_kind_t kind;
  bool failed;        /* UCX reported an error on the endpoint */
  bool closing;       /* being closed: nothing more is sent on it */
  bool close_issued;  /* ucp_ep_close_nbx was called */
  bool close_pending; /* on net->deferred, to be force-closed at close_at */
  uint64_t close_at;
  void *flush_req; /* ucp_ep_flush_nbx in flight */
  void *close_req; /* ucp_ep_close_nbx in flight */
  par__net_conn_t *deferred_next;
  par__net_fifo_t orphan_fifo;  /* orphan: messages waiting for a claim */
  par__net_conn_t *prev, *next; /* net->conns */
};

struct par__net_peer {
  par__net_t *net;
  par__net_conn_t *conn; /* current connection; NULL once closed */
  par__net_conn_t *old;  /* retired sockaddr connection, if kept */
  char name[64];
  void *user;
  par_status_t status; /* PAR_OK until it fails */
  bool upgraded;       /* par__net_peer_upgrade succeeded once */
  bool closed;         /* par__net_peer_close was called */
  bool dirty;          /* on net->dirty */
  size_t max_data;     /* bytes a message may carry past its frame; 0: no
                          limit (accepted peers start at PAR__NET_UNTRUSTED_MAX
                          until par__net_peer_trust) */
  int refs;
  par__net_fifo_t fifo;
  par__net_peer_t *dirty_next;
};

typedef struct par__net_map_slot {
  ucp_ep_h ep;
  par__net_conn_t *conn;
} par__net_map_slot_t;

struct par__net {
  par__net_callbacks_t cbs;
  ucp_context_h context;
  ucp_worker_h worker;
  ucp_listener_h listener;
  int efd;
  atomic_bool signaled; /* par__net_signal was called: progress returns */
  atomic_bool polling;  /* progress is polling, not asleep: a signal needs no wake-up */
  uint64_t poll_until;  /* par__net_poll_for: poll without sleeping until then */
  par__net_event_t *delivering; /* the RECV event whose callback runs */
  size_t inline_max; /* frame + inline header */
  ucp_address_t *address;
  size_t address_len;
  bool in_progress;
  bool destroying;
  /* ucp_ep_h -> connection, open addressing with linear probing */
  par__net_map_slot_t *map;
  size_t map_cap, map_len;
  par__net_conn_t *conns;            /* every live connection */
  par__net_event_t *reqs;            /* events with a UCX request in flight */
  par__net_fifo_t fifo;              /* ACCEPT and SENT events */
  par__net_peer_t *dirty;            /* peers whose FIFO may have deliverable events */
  par__net_conn_t *deferred;         /* connections to force-close (close_pending) */
  ucp_conn_request_h *conn_requests; /* waiting to be accepted */
  size_t nconn_requests, conn_requests_cap;
};

typedef struct par__net_send {
  par__net_event_t ev; /* SENT, queued when UCX is done */
  /* ucp_dt_iov_t iov[niov], then the frame and the header */
} par__net_send_t;

/* ---- small helpers --------------------------------------------------------- */

static par_status_t par__net_status(ucs_status_t st) {
  switch (st) {
  case UCS_OK:
    return PAR_OK;
  case UCS_ERR_NO_MEMORY:
    return PAR_ERR_NO_MEMORY;
  case UCS_ERR_INVALID_PARAM:
  case UCS_ERR_INVALID_ADDR:
    return PAR_ERR_INVALID;
  case UCS_ERR_CANCELED:
    return PAR_ERR_CANCELED;
  case UCS_ERR_UNREACHABLE:
  case UCS_ERR_CONNECTION_RESET:
  case UCS_ERR_ENDPOINT_TIMEOUT:
  case UCS_ERR_REJECTED:
  case UCS_ERR_NOT_CONNECTED:
  case UCS_ERR_TIMED_OUT:
  case UCS_ERR_IO_ERROR:
    return PAR_ERR_PEER_LOST;
  default:
    return PAR_ERR_NET;
  }
}

static void par__fifo_push(par__net_fifo_t *f, par__net_event_t *ev) {
  ev->next = NULL;
  if (f->tail)
    f->tail->next = ev;
  else
    f->head = ev;
  f->tail = ev;
}

static par__net_event_t *par__fifo_pop(par__net_fifo_t *f) {
  par__net_event_t *ev = f->head;
  if (!ev) return NULL;
  f->head = ev->next;
  if (!f->head) f->tail = NULL;
  ev->next = NULL;
  return ev;
}

/* Appends all of `from` to `to`. */
static void par__fifo_splice(par__net_fifo_t *to, par__net_fifo_t *from) {
  if (!from->head) return;
  if (to->tail)
    to->tail->next = from->head;
  else
    to->head = from->head;
  to->tail = from->tail;
  from->head = from->tail = NULL;
}

/* Events whose UCX request is in flight, so that par__net_destroy can
 * release the requests UCX never completes. */
static void par__net_req_track(par__net_t *net, par__net_event_t *ev, void *req) {
  ev->req = req;
  ev->req_prev = NULL;
  ev->req_next = net->reqs;
  if (net->reqs) net->reqs->req_prev = ev;
  net->reqs = ev;
}

static void par__net_req_untrack(par__net_t *net, par__net_event_t *ev) {
  if (ev->req_prev)
    ev->req_prev->req_next = ev->req_next;
  else
    net->reqs = ev->req_next;
  if (ev->req_next) ev->req_next->req_prev = ev->req_prev;
  ev->req = NULL;
  ev->req_prev = ev->req_next = NULL;
}

static void par__net_addr_name(const struct sockaddr *sa, char *buf, size_t len) {
  char ip[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
    inet_ntop(AF_INET, &in->sin_addr, ip, sizeof ip);
    port = ntohs(in->sin_port);
    snprintf(buf, len, "%s:%u", ip, port);
  } else if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
    inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip);
    port = ntohs(in6->sin6_port);
    snprintf(buf, len, "[%s]:%u", ip, port);
  } else {
    snprintf(buf, len, "?");
  }
}

/* Resolves host:port (numeric or a name) into *ss; host NULL: any address. */
static par_status_t par__net_resolve(const char *host, uint16_t port, bool passive,
                                     struct sockaddr_storage *ss, socklen_t *sslen) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  char service[8];
  snprintf(service, sizeof service, "%u", (unsigned)port);
  int rc = getaddrinfo(host, service, &hints, &res);
  if (rc != 0 || !res) {
    PAR__LOG_ERROR("cannot resolve %s: %s", host ? host : "*",
                   rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
    return PAR_ERR_NET;
  }
  /* Prefer IPv4: the listener and workers agree on it more often. */
  struct addrinfo *pick = res;
  for (struct addrinfo *a = res; a; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      pick = a;
      break;
    }
  }
  memcpy(ss, pick->ai_addr, pick->ai_addrlen);
  *sslen = pick->ai_addrlen;
  freeaddrinfo(res);
  return PAR_OK;
}

/* ---- the endpoint map --------------------------------------------------------- */

static size_t par__net_map_hash(ucp_ep_h ep, size_t cap) {
  uint64_t x = (uint64_t)(uintptr_t)ep;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x & (cap - 1);
}

static par__net_conn_t *par__net_map_get(par__net_t *net, ucp_ep_h ep) {
  if (!net->map_cap) return NULL;
  for (size_t i = par__net_map_hash(ep, net->map_cap);; i = (i + 1) & (net->map_cap - 1)) {
    if (net->map[i].ep == ep) return net->map[i].conn;
    if (!net->map[i].ep) return NULL;
  }
}

static par_status_t par__net_map_put(par__net_t *net, ucp_ep_h ep, par__net_conn_t *conn) {
  if ((net->map_len + 1) * 2 > net->map_cap) {
    size_t cap = net->map_cap ? net->map_cap * 2 : 64;
    par__net_map_slot_t *map = calloc(cap, sizeof *map);
    if (!map) return PAR_ERR_NO_MEMORY;
    for (size_t i = 0; i < net->map_cap; i++) {
      if (!net->map[i].ep) continue;
      size_t j = par__net_map_hash(net->map[i].ep, cap);
      while (map[j].ep)
        j = (j + 1) & (cap - 1);
      map[j] = net->map[i];
    }
    free(net->map);
    net->map = map;
    net->map_cap = cap;
  }
  size_t i = par__net_map_hash(ep, net->map_cap);
  while (net->map[i].ep && net->map[i].ep != ep)
    i = (i + 1) & (net->map_cap - 1);
  if (!net->map[i].ep) net->map_len++;
  net->map[i].ep = ep;
  net->map[i].conn = conn;
  conn->map_key = ep;
  return PAR_OK;
}

static void par__net_map_del(par__net_t *net, ucp_ep_h ep) {
  if (!net->map_cap) return;
  size_t mask = net->map_cap - 1, i = par__net_map_hash(ep, net->map_cap);
  while (net->map[i].ep != ep) {
    if (!net->map[i].ep) return;
    i = (i + 1) & mask;
  }
  /* Backward-shift deletion keeps probe chains intact without tombstones. */
  size_t j = i;
  for (;;) {
    net->map[i].ep = NULL;
    net->map[i].conn = NULL;
    for (;;) {
      j = (j + 1) & mask;
      if (!net->map[j].ep) {
        net->map_len--;
        return;
      }
      size_t k = par__net_map_hash(net->map[j].ep, net->map_cap);
      /* Move j to i unless its home k lies cyclically in (i, j]. */
      if (i <= j ? (i < k && k <= j) : (i < k || k <= j)) continue;
      break;
    }
    net->map[i] = net->map[j];
    i = j;
  }
}

/* ---- events --------------------------------------------------------------- */

static void par__net_peer_unref(par__net_peer_t *peer);

/* Frees a received message's resources and the event. */
static void par__net_event_free(par__net_t *net, par__net_event_t *ev) {
  if (ev->kind == PAR__NET_EV_SENT) {
    free(ev); /* the par__net_send_t it is the first member of */
    return;
  }
  if (ev->ucx_data && net->worker) ucp_am_data_release(net->worker, ev->ucx_data);
  free(ev->buf);
  if (ev->kind == PAR__NET_EV_ACCEPT && ev->peer) par__net_peer_unref(ev->peer);
  free(ev);
}

/* Drops the events of a FIFO; receives still in flight are detached. */
static void par__net_fifo_drop(par__net_t *net, par__net_fifo_t *f) {
  par__net_event_t *ev;
  while ((ev = par__fifo_pop(f))) {
    if (ev->req) {
      ev->detached = true; /* par__net_recv_done (or destroy) frees it */
      continue;
    }
    par__net_event_free(net, ev);
  }
}

static void par__net_peer_mark_dirty(par__net_peer_t *peer) {
  if (peer->dirty || peer->closed) return;
  peer->dirty = true;
  peer->refs++;
  peer->dirty_next = peer->net->dirty;
  peer->net->dirty = peer;
}

/* ---- connections ------------------------------------------------------------ */

static void par__net_conn_undefer(par__net_conn_t *conn);

static par__net_conn_t *par__net_conn_new(par__net_t *net, par__net_peer_t *peer,
                                          par__net_conn_kind_t kind) {
  par__net_conn_t *conn = calloc(1, sizeof *conn);
  if (!conn) return NULL;
  conn->net = net;
  conn->kind = kind;
  conn->peer = peer;
  if (peer) peer->refs++;
  conn->next = net->conns;
  if (net->conns) net->conns->prev = conn;
  net->conns = conn;
  return conn;
}

/* Forgets a connection whose endpoint UCX has released (or never had). */
static void par__net_conn_free(par__net_conn_t *conn) {
  par__net_t *net = conn->net;
  par__net_conn_undefer(conn);
  if (conn->map_key && par__net_map_get(net, conn->map_key) == conn)
    par__net_map_del(net, conn->map_key);
  if (conn->prev)
    conn->prev->next = conn->next;
  else
    net->conns = conn->next;
  if (conn->next) conn->next->prev = conn->prev;
  par__net_fifo_drop(net, &conn->orphan_fifo);
  par__net_peer_t *peer = conn->peer;
  if (peer) {
    if (peer->conn == conn) peer->conn = NULL;
    if (peer->old == conn) peer->old = NULL;
  }
  free(conn);
  if (peer) par__net_peer_unref(peer);
}

/* Closing a connection: no more sends; unless forced, ucp_ep_flush_nbx
 * first (what was sent leaves this process), then ucp_ep_close_nbx with
 * UCP_EP_CLOSE_FLAG_FORCE, which always finishes (UCX's own graceful close
 * of a sockaddr endpoint waits for the remote to answer, forever if it is
 * stuck, and cannot be forced afterwards). A flush that takes longer than
 * PAR__NET_FLUSH_NS is cut short. The connection is freed once UCX is done
 * with both requests. */

static void par__net_conn_maybe_free(par__net_conn_t *conn) {
  if (conn->close_issued && !conn->flush_req && !conn->close_req) par__net_conn_free(conn);
}

static void par__net_close_done(void *request, ucs_status_t status, void *user_data) {
  par__net_conn_t *conn = user_data;
  if (status != UCS_OK && status != UCS_ERR_CANCELED)
    PAR__LOG_DEBUG("net: closing endpoint to %s: %s", conn->peer ? conn->peer->name : "orphan",
                   ucs_status_string(status));
  ucp_request_free(request);
  conn->close_req = NULL;
  conn->ep = NULL; /* released */
  par__net_conn_maybe_free(conn);
}

static void par__net_conn_force_close(par__net_conn_t *conn) {
  if (conn->close_issued) return;
  par__net_conn_undefer(conn);
  conn->closing = true;
  conn->close_issued = true;
  if (!conn->ep || !conn->net->worker) {
    conn->ep = NULL;
    par__net_conn_maybe_free(conn);
    return;
  }
  ucp_request_param_t param;
  memset(&param, 0, sizeof param);
  param.op_attr_mask =
      UCP_OP_ATTR_FIELD_FLAGS | UCP_OP_ATTR_FIELD_CALLBACK | UCP_OP_ATTR_FIELD_USER_DATA;
  param.flags = UCP_EP_CLOSE_FLAG_FORCE;
  param.cb.send = par__net_close_done;
  param.user_data = conn;
  /* Closing cancels a flush in flight, whose callback may run inside
   * ucp_ep_close_nbx: keep the connection alive through it. */
  static char par__net_closing_now;
  conn->close_req = &par__net_closing_now;
  void *req = ucp_ep_close_nbx(conn->ep, &param);
  conn->close_req = NULL;
  if (UCS_PTR_IS_PTR(req)) {
    conn->close_req = req; /* par__net_close_done goes on */
    return;
  }
  if (UCS_PTR_IS_ERR(req))
    PAR__LOG_DEBUG("net: closing endpoint: %s", ucs_status_string(UCS_PTR_STATUS(req)));
  conn->ep = NULL;
  par__net_conn_maybe_free(conn);
}

/* Queues a force-close for par__net_run_deferred in `delay_ns`, or sooner
 * if one is queued already (safe inside UCX callbacks). */
static void par__net_conn_defer_close(par__net_conn_t *conn, uint64_t delay_ns) {
  if (conn->close_issued) return;
  uint64_t at = par__time_ns() + delay_ns;
  if (conn->close_pending) {
    if (at < conn->close_at) conn->close_at = at;
    return;
  }
  conn->close_pending = true;
  conn->close_at = at;
  conn->deferred_next = conn->net->deferred;
  conn->net->deferred = conn;
}

static void par__net_conn_undefer(par__net_conn_t *conn) {
  if (!conn->close_pending) return;
  for (par__net_conn_t **p = &conn->net->deferred; *p; p = &(*p)->deferred_next) {
    if (*p == conn) {
      *p = conn->deferred_next;
      break;
    }
  }
  conn->close_pending = false;
}

static void par__net_flush_done(void *request, ucs_status_t status, void *user_data) {
  par__net_conn_t *conn = user_data;
  (void)status;
  ucp_request_free(request);
  conn->flush_req = NULL;
  if (conn->close_issued)
    par__net_conn_maybe_free(conn);
  else
    par__net_conn_defer_close(conn, 0); /* flushed: close it now */
}

/* Starts closing the connection: `force` skips the flush. */
static void par__net_conn_close(par__net_conn_t *conn, bool force) {
  if (conn->close_issued) return;
  if (conn->closing && !force) return; /* flushing already */
  conn->closing = true;
  if (force || conn->failed || !conn->ep || !conn->net->worker || conn->flush_req) {
    par__net_conn_force_close(conn);
    return;
  }
  ucp_request_param_t param;
  memset(&param, 0, sizeof param);
  param.op_attr_mask = UCP_OP_ATTR_FIELD_CALLBACK | UCP_OP_ATTR_FIELD_USER_DATA;
  param.cb.send = par__net_flush_done;
  param.user_data = conn;
  void *req = ucp_ep_flush_nbx(conn->ep, &param);
  if (!UCS_PTR_IS_PTR(req)) {
    par__net_conn_force_close(conn);
    return;
  }
  conn->flush_req = req;
  par__net_conn_defer_close(conn,
                            conn->net->destroying ? PAR__NET_CLOSE_WAIT_NS : PAR__NET_FLUSH_NS);
}

void *par__net_take_data(par__net_t *net) {
  par__net_event_t *ev = net ? net->delivering : NULL;
  if (!ev || !ev->buf || ev->hdr_in_data || ev->data != ev->buf) return NULL;
  void *p = ev->buf;
  ev->buf = NULL;
  return p;
}

void par__net_signal(par__net_t *net) {
  if (!net || !net->worker) return;
  atomic_store_explicit(&net->signaled, true, memory_order_seq_cst);
  /* A progress that is polling sees the flag; one about to sleep clears
   * `polling` before it looks at the flag a last time (both seq_cst). */
  if (atomic_load_explicit(&net->polling, memory_order_seq_cst)) return;
  (void)ucp_worker_signal(net->worker);
}

void par__net_poll_for(par__net_t *net, uint64_t ns) {
  if (!net || !ns) return;
  uint64_t until = par__time_ns() + ns;
  if (until > net->poll_until) net->poll_until = until;
}

/* ---- peers ------------------------------------------------------------------ */

static par__net_peer_t *par__net_peer_new(par__net_t *net) {
  par__net_peer_t *peer = calloc(1, sizeof *peer);
  if (!peer) return NULL;
  peer->net = net;
  peer->refs = 1; /* the caller's */
  return peer;
}

static void par__net_peer_unref(par__net_peer_t *peer) {
  if (--peer->refs > 0) return;
  par__net_fifo_drop(peer->net, &peer->fifo);
  free(peer);
}

/* Marks the peer failed (once), queues its error event and has its
 * connections force-closed. Safe inside UCX callbacks. */
static void par__net_peer_fail(par__net_peer_t *peer, par_status_t status) {
  if (peer->status != PAR_OK || peer->closed) return;
  peer->status = status;
  par__net_event_t *ev = calloc(1, sizeof *ev);
  if (ev) {
    ev->kind = PAR__NET_EV_ERROR;
    ev->ready = true;
    ev->status = status;
    par__fifo_push(&peer->fifo, ev);
    par__net_peer_mark_dirty(peer);
  } else {
    PAR__LOG_ERROR("net: out of memory reporting the loss of %s", peer->name);
  }
  if (peer->conn) par__net_conn_defer_close(peer->conn, 0);
  if (peer->old) par__net_conn_defer_close(peer->old, 0);
}

static void par__net_ep_error(void *arg, ucp_ep_h ep, ucs_status_t status) {
  par__net_conn_t *conn = arg;
  (void)ep;
  conn->failed = true;
  par__net_peer_t *peer = conn->peer;
  if (conn->closing) return; /* being closed already */
  par__net_conn_defer_close(conn, 0);
  if (!peer) return;
  if (conn == peer->old) {
    /* The remote closed its end of the retired sockaddr endpoint. */
    PAR__LOG_DEBUG("net: old endpoint to %s closed: %s", peer->name, ucs_status_string(status));
    return;
  }
  PAR__LOG_DEBUG("net: %s: %s", peer->name, ucs_status_string(status));
  par_status_t st = par__net_status(status);
  par__net_peer_fail(peer, st == PAR_OK || st == PAR_ERR_CANCELED ? PAR_ERR_PEER_LOST : st);
}

/* Creates conn->ep: fills the common fields and calls ucp_ep_create. */
static par_status_t par__net_conn_create_ep(par__net_conn_t *conn, ucp_ep_params_t *params) {
  params->field_mask |= UCP_EP_PARAM_FIELD_ERR_HANDLING_MODE | UCP_EP_PARAM_FIELD_ERR_HANDLER;
  params->err_mode = UCP_ERR_HANDLING_MODE_PEER;
  params->err_handler.cb = par__net_ep_error;
  params->err_handler.arg = conn;
  ucp_ep_h ep;
  ucs_status_t st = ucp_ep_create(conn->net->worker, params, &ep);
  if (st != UCS_OK) {
    /* Nothing was connected yet: a "peer lost" here is a network error. */
    par_status_t pst = par__net_status(st);
    return pst == PAR_ERR_PEER_LOST ? PAR_ERR_NET : pst;
  }
  conn->ep = ep;
  return PAR_OK;
}

/* ---- receiving ------------------------------------------------------------------ */

/* The FIFO a connection's messages go to, or NULL to drop them. */
static par__net_fifo_t *par__net_conn_fifo(par__net_conn_t *conn) {
  if (!conn->peer) return conn->closing ? NULL : &conn->orphan_fifo;
  if (conn->peer->closed || conn->peer->status != PAR_OK) return NULL;
  return &conn->peer->fifo;
}

/* A peer broke the framing: logged, failed, closed. */
static void par__net_violation(par__net_conn_t *conn, const char *what, size_t n) {
  PAR__LOG_ERROR("net: %s sent %s (%zu bytes): closing the connection",
                 conn->peer ? conn->peer->name : "an unclaimed endpoint", what, n);
  if (conn->peer)
    par__net_peer_fail(conn->peer, PAR_ERR_PROTOCOL);
  else
    par__net_conn_defer_close(conn, 0);
}

static void par__net_recv_done(void *request, ucs_status_t status, size_t length, void *user_data) {
  par__net_event_t *ev = user_data;
  (void)length;
  ucp_request_free(request);
  par__net_req_untrack(ev->net, ev);
  if (ev->detached) {
    free(ev->buf);
    free(ev);
    return;
  }
  ev->ready = true;
  if (status != UCS_OK) ev->status = par__net_status(status);
  if (ev->peer) par__net_peer_mark_dirty(ev->peer);
}

static ucs_status_t par__net_am_recv(void *arg, const void *header, size_t header_length,
                                     void *data, size_t length, const ucp_am_recv_param_t *param) {
  par__net_t *net = arg;
  bool rndv = (param->recv_attr & UCP_AM_RECV_ATTR_FLAG_RNDV) != 0;
  if (!(param->recv_attr & UCP_AM_RECV_ATTR_FIELD_REPLY_EP) || !param->reply_ep) {
    PAR__LOG_WARN("net: dropped a message without a reply endpoint");
    return rndv ? UCS_ERR_REJECTED : UCS_OK;
  }
  par__net_conn_t *conn = par__net_map_get(net, param->reply_ep);
  if (!conn) {
    if (net->destroying) return rndv ? UCS_ERR_CANCELED : UCS_OK;
    conn = par__net_conn_new(net, NULL, PAR__NET_CONN_ORPHAN);
    if (!conn || par__net_map_put(net, param->reply_ep, conn) != PAR_OK) {
      if (conn) par__net_conn_free(conn);
      PAR__LOG_ERROR("net: out of memory: dropped a message");
      return rndv ? UCS_ERR_NO_MEMORY : UCS_OK;
    }
    conn->ep = param->reply_ep;
  }
  par__net_fifo_t *fifo = par__net_conn_fifo(conn);
  if (!fifo) return rndv ? UCS_ERR_CANCELED : UCS_OK;

  /* The frame. */
  const uint8_t *fr = header;
  if (header_length < PAR__NET_FRAME_LEN || fr[0] != PAR__NET_FRAME_MAGIC ||
      fr[1] != PAR__NET_FRAME_VERSION) {
    par__net_violation(conn, "a message without a par frame", header_length);
    return rndv ? UCS_ERR_REJECTED : UCS_OK;
  }
  bool in_data = (fr[2] & PAR__NET_FRAME_HDR_IN_DATA) != 0;
  size_t hdr_len = (size_t)fr[4] | (size_t)fr[5] << 8 | (size_t)fr[6] << 16 | (size_t)fr[7] << 24;
  if (hdr_len > PAR__NET_HDR_MAX) {
    par__net_violation(conn, "a header over the 64 KiB limit", hdr_len);
    return rndv ? UCS_ERR_REJECTED : UCS_OK;
  }
  if (in_data ? (header_length != PAR__NET_FRAME_LEN || length < hdr_len)
              : header_length != PAR__NET_FRAME_LEN + hdr_len) {
    par__net_violation(conn, "a message whose frame does not match its size", header_length);
    return rndv ? UCS_ERR_REJECTED : UCS_OK;
  }

  if (conn->peer && conn->peer->max_data && length > conn->peer->max_data) {
    /* before the peer is trusted: never allocate what it claims */
    par__net_violation(conn, "a message over the size limit of a peer not admitted yet", length);
    return rndv ? UCS_ERR_REJECTED : UCS_OK;
  }
  size_t inline_len = in_data ? 0 : hdr_len;
  par__net_event_t *ev = calloc(1, sizeof *ev + inline_len);
  if (!ev) {
    PAR__LOG_ERROR("net: out of memory: dropped a message");
    return rndv ? UCS_ERR_NO_MEMORY : UCS_OK;
  }
  ev->kind = PAR__NET_EV_RECV;
  ev->net = net;
  ev->peer = conn->peer;
  ev->hdr_len = hdr_len;
  ev->hdr_in_data = in_data;
  if (!in_data) {
    memcpy(ev + 1, fr + PAR__NET_FRAME_LEN, hdr_len);
    ev->hdr = ev + 1;
  }
  ucs_status_t ret = UCS_OK;
  if (!rndv) {
    if (param->recv_attr & UCP_AM_RECV_ATTR_FLAG_DATA) {
      ev->ucx_data = data; /* kept: we return UCS_INPROGRESS */
      ev->data = data;
      ret = UCS_INPROGRESS;
    } else if (length) {
      ev->buf = malloc(length);
      if (!ev->buf) {
        free(ev);
        PAR__LOG_ERROR("net: out of memory: dropped a message");
        return UCS_OK;
      }
      memcpy(ev->buf, data, length);
      ev->data = ev->buf;
    }
    ev->data_len = length;
    ev->ready = true;
  } else {
    ev->buf = malloc(length ? length : 1);
    if (!ev->buf) {
      free(ev);
      PAR__LOG_ERROR("net: out of memory receiving %zu bytes: dropped a message", length);
      return UCS_ERR_NO_MEMORY;
    }
    ev->data = ev->buf;
    ev->data_len = length;
    ucp_request_param_t rp;
    memset(&rp, 0, sizeof rp);
    rp.op_attr_mask =
        UCP_OP_ATTR_FIELD_CALLBACK | UCP_OP_ATTR_FIELD_USER_DATA | UCP_OP_ATTR_FIELD_DATATYPE;
    rp.cb.recv_am = par__net_recv_done;
    rp.user_data = ev;
    rp.datatype = ucp_dt_make_contig(1);
    void *req = ucp_am_recv_data_nbx(net->worker, data, ev->buf, length, &rp);
    if (UCS_PTR_IS_ERR(req)) {
      PAR__LOG_DEBUG("net: receiving %zu bytes: %s", length,
                     ucs_status_string(UCS_PTR_STATUS(req)));
      free(ev->buf);
      free(ev);
      return UCS_OK;
    }
    if (req)
      par__net_req_track(net, ev, req);
    else
      ev->ready = true;
    ret = UCS_INPROGRESS;
  }
  if (ev->hdr_in_data) {
    ev->hdr = ev->data;
    ev->data = (char *)ev->data + hdr_len;
    ev->data_len -= hdr_len;
  }
  par__fifo_push(fifo, ev);
  if (ev->ready && conn->peer) par__net_peer_mark_dirty(conn->peer);
  return ret;
}

/* ---- the listener ---------------------------------------------------------- */

static void par__net_conn_request(ucp_conn_request_h req, void *arg) {
  par__net_t *net = arg;
  if (net->nconn_requests == net->conn_requests_cap) {
    size_t cap = net->conn_requests_cap ? net->conn_requests_cap * 2 : 8;
    ucp_conn_request_h *a = realloc(net->conn_requests, cap * sizeof *a);
    if (!a) {
      PAR__LOG_ERROR("net: out of memory: refused a connection");
      ucp_listener_reject(net->listener, req);
      return;
    }
    net->conn_requests = a;
    net->conn_requests_cap = cap;
  }
  net->conn_requests[net->nconn_requests++] = req;
}

/* Accepts one connection request: a new peer and its ACCEPT event. */
static void par__net_accept(par__net_t *net, ucp_conn_request_h req) {
  char name[64] = "?";
  ucp_conn_request_attr_t attr;
  attr.field_mask = UCP_CONN_REQUEST_ATTR_FIELD_CLIENT_ADDR;
  if (ucp_conn_request_query(req, &attr) == UCS_OK)
    par__net_addr_name((const struct sockaddr *)&attr.client_address, name, sizeof name);
  if (!net->cbs.accept || net->destroying) {
    ucp_listener_reject(net->listener, req);
    return;
  }
  par__net_peer_t *peer = par__net_peer_new(net);
  par__net_event_t *ev = calloc(1, sizeof *ev);
  par__net_conn_t *conn = peer ? par__net_conn_new(net, peer, PAR__NET_CONN_SERVER) : NULL;
  if (!conn || !ev) {
    PAR__LOG_ERROR("net: out of memory: refused a connection from %s", name);
    goto err_reject;
  }
  snprintf(peer->name, sizeof peer->name, "%s", name);
  peer->conn = conn;
  peer->max_data = PAR__NET_UNTRUSTED_MAX;
  ucp_ep_params_t params;
  memset(&params, 0, sizeof params);
  params.field_mask = UCP_EP_PARAM_FIELD_CONN_REQUEST;
  params.conn_request = req;
  par_status_t st = par__net_conn_create_ep(conn, &params);
  if (st != PAR_OK) {
    /* UCX consumed the request. */
    PAR__LOG_ERROR("net: cannot accept a connection from %s: %s", name, par__status_message(st));
    goto err_free;
  }
  if (par__net_map_put(net, conn->ep, conn) != PAR_OK) {
    PAR__LOG_ERROR("net: out of memory: refused a connection from %s", name);
    par__net_conn_close(conn, true);
    goto err_free;
  }
  ev->kind = PAR__NET_EV_ACCEPT;
  ev->peer = peer; /* the caller's reference, handed over on delivery */
  peer->refs++;    /* the event's own, dropped after delivery */
  par__fifo_push(&net->fifo, ev);
  return;

err_reject:
  ucp_listener_reject(net->listener, req);
err_free:
  free(ev);
  if (peer) {
    peer->closed = true;
    if (peer->conn && !peer->conn->ep) par__net_conn_free(peer->conn);
    par__net_peer_unref(peer);
  }
}

/* Runs what UCX callbacks queued: force-closes and accepts. */
static void par__net_run_deferred(par__net_t *net) {
  uint64_t now = par__time_ns();
  for (par__net_conn_t *conn = net->deferred; conn;) {
    par__net_conn_t *next = conn->deferred_next;
    if (conn->close_at <= now) {
      par__net_conn_force_close(conn); /* takes it off the list */
      next = net->deferred;            /* closing may free others: start over */
    }
    conn = next;
  }
  for (size_t i = 0; i < net->nconn_requests; i++)
    par__net_accept(net, net->conn_requests[i]);
  net->nconn_requests = 0;
}

/* Progresses UCX until it has nothing more to do right now. */
static void par__net_poll(par__net_t *net) {
  for (int i = 0; i < 1024 && ucp_worker_progress(net->worker) != 0; i++) {
  }
  par__net_run_deferred(net);
}

/* Delivers what is ready; returns the number of callbacks run. */
static int par__net_dispatch(par__net_t *net) {
  int n = 0;
  par__net_event_t *ev;
  while ((ev = par__fifo_pop(&net->fifo))) {
    if (ev->kind == PAR__NET_EV_SENT) {
      if (ev->cb) {
        ev->cb(ev->status, ev->arg);
        n++;
      }
    } else if (ev->kind == PAR__NET_EV_ACCEPT) {
      par__net_peer_t *peer = ev->peer;
      if (net->destroying) {
        peer->closed = true; /* nobody will own it: close it here */
        if (peer->conn) par__net_conn_close(peer->conn, false);
        par__net_peer_unref(peer); /* the would-be caller's reference */
      } else {
        net->cbs.accept(peer, net->cbs.user);
        n++;
      }
    }
    par__net_event_free(net, ev);
  }
  while (net->dirty) {
    par__net_peer_t *peer = net->dirty;
    net->dirty = peer->dirty_next;
    peer->dirty = false;
    while (!peer->closed && !net->destroying && (ev = peer->fifo.head) && ev->ready) {
      par__fifo_pop(&peer->fifo);
      if (ev->kind == PAR__NET_EV_ERROR) {
        if (net->cbs.error) {
          net->cbs.error(peer, ev->status, net->cbs.user);
          n++;
        }
      } else if (ev->status == PAR_OK) {
        net->delivering = ev;
        net->cbs.recv(peer, ev->hdr, ev->hdr_len, ev->data, ev->data_len, net->cbs.user);
        net->delivering = NULL;
        n++;
      } else {
        PAR__LOG_DEBUG("net: dropped a message from %s: %s", peer->name,
                       par__status_message(ev->status));
      }
      par__net_event_free(net, ev);
    }
    par__net_peer_unref(peer); /* the dirty list's reference */
  }
  return n;
}

/* ---- the net ------------------------------------------------------------------ */

/* Sets a UCX variable in `config` unless the environment sets one of `env`. */
static void par__net_config_default(ucp_config_t *config, const char *name, const char *value,
                                    const char *const *env) {
  for (; *env; env++)
    if (getenv(*env)) return;
  ucs_status_t st = ucp_config_modify(config, name, value);
  if (st != UCS_OK)
    PAR__LOG_WARN("net: cannot set UCX %s=%s: %s", name, value, ucs_status_string(st));
}

/* Whether a UCX_TLS value (NULL: unset) can select a shared-memory
 * transport (UCX warns about settings of transports it does not load). */
static bool par__net_tls_may_use_mm(const char *tls) {
  if (!tls || !*tls) return true;
  /* "^a,b": every transport but a and b; the queues stay unless both the
   * queue transports (or a name that covers them) are excluded. */
  bool exclude = tls[0] == '^';
  static const char *const names[] = {"all", "sm", "shm", "mm", "sysv", "posix"};
  bool sysv = false, posix = false;
  char buf[256];
  snprintf(buf, sizeof buf, "%s", exclude ? tls + 1 : tls);
  char *save = NULL;
  for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    while (*t == ' ')
      t++;
    for (size_t i = 0; i < PAR__ARRAY_SIZE(names); i++) {
      if (strcasecmp(t, names[i]) != 0) continue;
      if (!exclude) return true;
      if (i <= 4) sysv = true;  /* all, sm, shm, mm cover both */
      if (i != 4) posix = true;
    }
  }
  return exclude && !(sysv && posix);
}

par_status_t par__net_create(const par__net_callbacks_t *cbs, par__net_t **out) {
  if (!cbs || !cbs->recv || !out) return PAR_ERR_INVALID;
  par__net_t *net = calloc(1, sizeof *net);
  if (!net) return PAR_ERR_NO_MEMORY;
  net->cbs = *cbs;
  net->efd = -1;

  ucp_config_t *config;
  ucs_status_t st = ucp_config_read(NULL, NULL, &config);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: reading the UCX configuration: %s", ucs_status_string(st));
    goto err_free;
  }
  static const char *const env_keepalive[] = {"UCX_KEEPALIVE_INTERVAL", NULL};
  static const char *const env_mm[] = {"UCX_MM_ERROR_HANDLING", "UCX_SYSV_ERROR_HANDLING",
                                       "UCX_POSIX_ERROR_HANDLING", NULL};
  par__net_config_default(config, "KEEPALIVE_INTERVAL", PAR__NET_KEEPALIVE, env_keepalive);
  if (par__net_tls_may_use_mm(getenv("UCX_TLS")))
    par__net_config_default(config, "MM_ERROR_HANDLING", "y", env_mm);

  ucp_params_t params;
  memset(&params, 0, sizeof params);
  params.field_mask =
      UCP_PARAM_FIELD_FEATURES | UCP_PARAM_FIELD_MT_WORKERS_SHARED | UCP_PARAM_FIELD_NAME;
  params.features = UCP_FEATURE_AM | UCP_FEATURE_WAKEUP;
  params.mt_workers_shared = 0;
  params.name = "par";
  st = ucp_init(&params, config, &net->context);
  ucp_config_release(config);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: ucp_init: %s", ucs_status_string(st));
    goto err_free;
  }

  ucp_worker_params_t wp;
  memset(&wp, 0, sizeof wp);
  wp.field_mask = UCP_WORKER_PARAM_FIELD_THREAD_MODE;
  /* SINGLE: UCX takes no locks. The driver's threads use the worker one
   * at a time, ordered by its drive_mu (driver.c). */
  wp.thread_mode = UCS_THREAD_MODE_SINGLE;
  st = ucp_worker_create(net->context, &wp, &net->worker);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: ucp_worker_create: %s", ucs_status_string(st));
    goto err_cleanup_context;
  }

  ucp_worker_attr_t wa;
  memset(&wa, 0, sizeof wa);
  wa.field_mask = UCP_WORKER_ATTR_FIELD_MAX_AM_HEADER;
  st = ucp_worker_query(net->worker, &wa);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: ucp_worker_query: %s", ucs_status_string(st));
    goto err_destroy_worker;
  }
  net->inline_max = PAR__NET_FRAME_LEN + PAR__NET_INLINE_HDR_MAX;
  if (wa.max_am_header < net->inline_max) net->inline_max = wa.max_am_header;

  st = ucp_worker_get_efd(net->worker, &net->efd);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: ucp_worker_get_efd: %s", ucs_status_string(st));
    goto err_destroy_worker;
  }

  ucp_am_handler_param_t hp;
  memset(&hp, 0, sizeof hp);
  hp.field_mask = UCP_AM_HANDLER_PARAM_FIELD_ID | UCP_AM_HANDLER_PARAM_FIELD_FLAGS |
                  UCP_AM_HANDLER_PARAM_FIELD_CB | UCP_AM_HANDLER_PARAM_FIELD_ARG;
  hp.id = PAR__NET_AM_ID;
  hp.flags = UCP_AM_FLAG_WHOLE_MSG | UCP_AM_FLAG_PERSISTENT_DATA;
  hp.cb = par__net_am_recv;
  hp.arg = net;
  st = ucp_worker_set_am_recv_handler(net->worker, &hp);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: ucp_worker_set_am_recv_handler: %s", ucs_status_string(st));
    goto err_destroy_worker;
  }
  *out = net;
  return PAR_OK;

err_destroy_worker:
  ucp_worker_destroy(net->worker);
err_cleanup_context:
  ucp_cleanup(net->context);
err_free:
  free(net);
  return PAR_ERR_NET;
}

/* Last resort of par__net_destroy, for UCX requests that did not finish
 * after their endpoints were force-closed: UCX calls no callback for a
 * freed request, so do their part here. */
static void par__net_abandon_requests(par__net_t *net) {
  for (par__net_conn_t *c = net->conns; c; c = c->next) {
    if (c->close_req) ucp_request_free(c->close_req);
    if (c->flush_req) ucp_request_free(c->flush_req);
    c->close_req = c->flush_req = NULL;
  }
  while (net->reqs) {
    par__net_event_t *ev = net->reqs;
    ucp_request_free(ev->req);
    par__net_req_untrack(net, ev);
    if (ev->kind == PAR__NET_EV_SENT) {
      ev->status = PAR_ERR_CANCELED;
      par__fifo_push(&net->fifo, ev);
    } else if (ev->detached) {
      par__net_event_free(net, ev);
    } else {
      ev->ready = true;
      ev->status = PAR_ERR_CANCELED;
    }
  }
}

void par__net_destroy(par__net_t *net) {
  if (!net) return;
  net->destroying = true;
  for (size_t i = 0; i < net->nconn_requests; i++)
    ucp_listener_reject(net->listener, net->conn_requests[i]);
  net->nconn_requests = 0;
  if (net->listener) {
    ucp_listener_destroy(net->listener);
    net->listener = NULL;
  }

  /* Close every peer the caller still holds: sent messages are flushed
   * for up to PAR__NET_CLOSE_WAIT_NS, failed endpoints closed at once. */
  for (par__net_conn_t *c = net->conns; c;) {
    if (c->peer && !c->peer->closed) {
      par__net_peer_close(c->peer); /* may free c and others */
      c = net->conns;
      continue;
    }
    c = c->next;
  }
  uint64_t now = par__time_ns();
  /* An orphan's endpoint belongs to UCX (ucp_worker_destroy releases it):
   * just drop what it holds. */
  for (par__net_conn_t *c = net->conns; c; c = c->next)
    if (!c->peer) par__net_fifo_drop(net, &c->orphan_fifo);

  /* Flushes end by the deadline (force-closed by par__net_run_deferred);
   * a force-close cancels what is still queued on its endpoint. */
  uint64_t deadline = now + PAR__NET_CLOSE_WAIT_NS + PAR__NET_CLOSE_WAIT_NS / 2;
  for (;;) {
    par__net_poll(net);
    par__net_dispatch(net); /* send completions; drops the rest */
    bool waiting = net->reqs != NULL;
    for (par__net_conn_t *c = net->conns; c && !waiting; c = c->next)
      if (c->peer || c->closing) waiting = true;
    if (!waiting) break;
    if (par__time_ns() > deadline) {
      PAR__LOG_DEBUG("net: UCX requests still pending at exit: giving up on them");
      par__net_abandon_requests(net);
      break;
    }
    if (ucp_worker_arm(net->worker) == UCS_OK) {
      struct pollfd pfd = {.fd = net->efd, .events = POLLIN};
      (void)poll(&pfd, 1, 10);
    }
  }
  par__net_dispatch(net);
  if (net->address) ucp_worker_release_address(net->worker, net->address);
  ucp_worker_destroy(net->worker);
  net->worker = NULL;
  /* UCX calls back no more: free what is left. */
  while (net->conns) {
    par__net_conn_t *c = net->conns;
    c->ep = NULL;
    c->close_req = c->flush_req = NULL;
    par__net_conn_free(c);
  }
  par__net_dispatch(net);
  ucp_cleanup(net->context);
  free(net->map);
  free(net->conn_requests);
  free(net);
}

par_status_t par__net_listen(par__net_t *net, const char *host, uint16_t *port) {
  if (!net || !port || net->listener || !net->cbs.accept) return PAR_ERR_INVALID;
  if (host && (!*host || strcmp(host, "*") == 0)) host = NULL;
  struct sockaddr_storage ss;
  socklen_t sslen;
  par_status_t pst = par__net_resolve(host, *port, true, &ss, &sslen);
  if (pst != PAR_OK) return pst;

  ucp_listener_params_t lp;
  memset(&lp, 0, sizeof lp);
  lp.field_mask = UCP_LISTENER_PARAM_FIELD_SOCK_ADDR | UCP_LISTENER_PARAM_FIELD_CONN_HANDLER;
  lp.sockaddr.addr = (const struct sockaddr *)&ss;
  lp.sockaddr.addrlen = sslen;
  lp.conn_handler.cb = par__net_conn_request;
  lp.conn_handler.arg = net;
  ucp_listener_h listener;
  ucs_status_t st = ucp_listener_create(net->worker, &lp, &listener);
  if (st != UCS_OK) {
    char name[80];
    par__net_addr_name((const struct sockaddr *)&ss, name, sizeof name);
    PAR__LOG_ERROR("net: cannot listen on %s: %s", name, ucs_status_string(st));
    par_status_t pst = par__net_status(st);
    return pst == PAR_ERR_PEER_LOST ? PAR_ERR_NET : pst;
  }
  ucp_listener_attr_t la;
  la.field_mask = UCP_LISTENER_ATTR_FIELD_SOCKADDR;
  st = ucp_listener_query(listener, &la);
  if (st != UCS_OK) {
    PAR__LOG_ERROR("net: ucp_listener_query: %s", ucs_status_string(st));
    ucp_listener_destroy(listener);
    return PAR_ERR_NET;
  }
  uint16_t bound = 0;
  if (la.sockaddr.ss_family == AF_INET)
    bound = ntohs(((const struct sockaddr_in *)&la.sockaddr)->sin_port);
  else if (la.sockaddr.ss_family == AF_INET6)
    bound = ntohs(((const struct sockaddr_in6 *)&la.sockaddr)->sin6_port);
  net->listener = listener;
  *port = bound;
  return PAR_OK;
}

par_status_t par__net_connect(par__net_t *net, const char *host, uint16_t port,
                              par__net_peer_t **out) {
  if (!net || !host || !*host || !port || !out) return PAR_ERR_INVALID;
  struct sockaddr_storage ss;
  socklen_t sslen;
  par_status_t st = par__net_resolve(host, port, false, &ss, &sslen);
  if (st != PAR_OK) return st;
  par__net_peer_t *peer = par__net_peer_new(net);
  par__net_conn_t *conn = peer ? par__net_conn_new(net, peer, PAR__NET_CONN_CLIENT) : NULL;
  if (!conn) {
    st = PAR_ERR_NO_MEMORY;
    goto err_free;
  }
  peer->conn = conn;
  par__net_addr_name((const struct sockaddr *)&ss, peer->name, sizeof peer->name);
  ucp_ep_params_t params;
  memset(&params, 0, sizeof params);
  params.field_mask = UCP_EP_PARAM_FIELD_FLAGS | UCP_EP_PARAM_FIELD_SOCK_ADDR;
  params.flags = UCP_EP_PARAMS_FLAGS_CLIENT_SERVER;
  params.sockaddr.addr = (const struct sockaddr *)&ss;
  params.sockaddr.addrlen = sslen;
  st = par__net_conn_create_ep(conn, &params);
  if (st != PAR_OK) {
    PAR__LOG_ERROR("net: cannot connect to %s: %s", peer->name, par__status_message(st));
    goto err_free;
  }
  st = par__net_map_put(net, conn->ep, conn);
  if (st != PAR_OK) {
    peer->closed = true;
    par__net_conn_close(conn, true);
    par__net_peer_unref(peer);
    return st;
  }
  *out = peer;
  return PAR_OK;

err_free:
  if (peer) {
    peer->closed = true;
    if (conn) par__net_conn_free(conn);
    par__net_peer_unref(peer);
  }
  return st;
}

par_status_t par__net_local_address(par__net_t *net, const void **blob, size_t *len) {
  if (!net || !blob || !len) return PAR_ERR_INVALID;
  if (!net->address) {
    ucs_status_t st = ucp_worker_get_address(net->worker, &net->address, &net->address_len);
    if (st != UCS_OK) {
      PAR__LOG_ERROR("net: ucp_worker_get_address: %s", ucs_status_string(st));
      net->address = NULL;
      return par__net_status(st);
    }
  }
  *blob = net->address;
  *len = net->address_len;
  return PAR_OK;
}

int par__net_progress(par__net_t *net, int timeout_ms) {
  if (!net || net->in_progress || net->destroying) return PAR_ERR_INVALID;
  net->in_progress = true;
  uint64_t start = par__time_ns();
  uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : start + (uint64_t)timeout_ms * 1000000u;
  int n = 0, ret;
  atomic_store_explicit(&net->polling, true, memory_order_seq_cst);
  for (;;) {
    par__net_poll(net);
    n += par__net_dispatch(net);
    if (n > 0 || timeout_ms == 0) break;
    if (atomic_exchange_explicit(&net->signaled, false, memory_order_acq_rel)) break;
    uint64_t now = par__time_ns();
    if (now >= deadline) break;
    if (now < net->poll_until) {
      /* Polling (par__net_poll_for): what comes next is expected soon, and
       * a sleep and a wake-up would cost more. Yield, so that a thread
       * that shares this CPU (the driver's caller, another worker) runs. */
      sched_yield();
      continue;
    }
    atomic_store_explicit(&net->polling, false, memory_order_seq_cst);
    if (atomic_exchange_explicit(&net->signaled, false, memory_order_seq_cst)) break;
    ucs_status_t st = ucp_worker_arm(net->worker);
    if (st == UCS_ERR_BUSY) { /* events came in meanwhile */
      atomic_store_explicit(&net->polling, true, memory_order_seq_cst);
      continue;
    }
    if (st != UCS_OK) {
      PAR__LOG_ERROR("net: ucp_worker_arm: %s", ucs_status_string(st));
      ret = PAR_ERR_NET;
      goto out;
    }
    uint64_t wait_ns = deadline - now;
    int wait_ms = wait_ns >= (uint64_t)PAR__NET_TICK_MS * 1000000u
                      ? PAR__NET_TICK_MS
                      : (int)((wait_ns + 999999u) / 1000000u);
    struct pollfd pfd = {.fd = net->efd, .events = POLLIN};
    int rc = poll(&pfd, 1, wait_ms);
    if (rc < 0 && errno != EINTR) {
      PAR__LOG_ERROR("net: poll: %s", strerror(errno));
      ret = PAR_ERR_SYSTEM;
      goto out;
    }
    if (rc == 0) {
      /* A quiet tick: keepalive rounds run from progress (and some UCX
       * versions look at the clock only every 32 calls): give it turns. */
      for (int i = 0; i < 32; i++)
        ucp_worker_progress(net->worker);
    }
    atomic_store_explicit(&net->polling, true, memory_order_seq_cst);
  }
  ret = n;
out:
  atomic_store_explicit(&net->polling, false, memory_order_seq_cst);
  net->in_progress = false;
  return ret;
}

/* ---- peers ------------------------------------------------------------------ */

static void par__net_send_done(void *request, ucs_status_t status, void *user_data) {
  par__net_send_t *s = user_data;
  ucp_request_free(request);
  par__net_req_untrack(s->ev.net, &s->ev);
  s->ev.status = par__net_status(status);
  if (s->ev.status == PAR_ERR_CANCELED) s->ev.status = PAR_ERR_PEER_LOST;
  par__fifo_push(&s->ev.net->fifo, &s->ev);
}

par_status_t par__net_send(par__net_peer_t *peer, const void *hdr, size_t hdr_len,
                           const struct iovec *payload, int niov, par__net_send_cb_t cb,
                           void *arg) {
  if (!peer || peer->closed || hdr_len > PAR__NET_HDR_MAX || (hdr_len && !hdr) || niov < 0 ||
      (niov > 0 && !payload))
    return PAR_ERR_INVALID;
  if (peer->status != PAR_OK) return peer->status;
  if (!peer->conn || peer->conn->closing) return PAR_ERR_PEER_LOST;
  par__net_t *net = peer->net;

  bool in_data = PAR__NET_FRAME_LEN + hdr_len > net->inline_max;
  size_t count = (in_data && hdr_len) ? 1 : 0;
  for (int i = 0; i < niov; i++)
    if (payload[i].iov_len) count++;
  par__net_send_t *s =
      malloc(sizeof *s + count * sizeof(ucp_dt_iov_t) + PAR__NET_FRAME_LEN + hdr_len);
  if (!s) return PAR_ERR_NO_MEMORY;
  memset(&s->ev, 0, sizeof s->ev);
  s->ev.kind = PAR__NET_EV_SENT;
  s->ev.cb = cb;
  s->ev.arg = arg;
  s->ev.net = net;
  ucp_dt_iov_t *iov = (ucp_dt_iov_t *)(s + 1);
  uint8_t *frame = (uint8_t *)(iov + count);
  frame[0] = PAR__NET_FRAME_MAGIC;
  frame[1] = PAR__NET_FRAME_VERSION;
  frame[2] = in_data ? PAR__NET_FRAME_HDR_IN_DATA : 0;
  frame[3] = 0;
  frame[4] = (uint8_t)hdr_len;
  frame[5] = (uint8_t)(hdr_len >> 8);
  frame[6] = (uint8_t)(hdr_len >> 16);
  frame[7] = (uint8_t)(hdr_len >> 24);
  if (hdr_len) memcpy(frame + PAR__NET_FRAME_LEN, hdr, hdr_len);
  size_t k = 0;
  if (in_data && hdr_len) iov[k++] = (ucp_dt_iov_t){frame + PAR__NET_FRAME_LEN, hdr_len};
  for (int i = 0; i < niov; i++)
    if (payload[i].iov_len) iov[k++] = (ucp_dt_iov_t){payload[i].iov_base, payload[i].iov_len};

  ucp_request_param_t param;
  memset(&param, 0, sizeof param);
  param.op_attr_mask = UCP_OP_ATTR_FIELD_CALLBACK | UCP_OP_ATTR_FIELD_USER_DATA |
                       UCP_OP_ATTR_FIELD_DATATYPE | UCP_OP_ATTR_FIELD_FLAGS;
  param.flags = UCP_AM_SEND_FLAG_REPLY;
  /* Up to PAR__NET_EAGER_MAX bytes, the eager protocol: the message
   * leaves with this call. With rendezvous the data goes only once the
   * receiver has answered, in a later progress call; a worker whose main
   * thread runs the next task meanwhile (one compute thread, on the
   * driver's host) held its result of a few tens of KiB back until that
   * task was done, and then had nothing to run (measured: a histogram's
   * workers idle 40% of the loop). */
  size_t total = 0;
  for (size_t q = 0; q < k; q++)
    total += iov[q].length;
  if (total <= PAR__NET_EAGER_MAX) param.flags |= UCP_AM_SEND_FLAG_EAGER;
  param.cb.send = par__net_send_done;
  param.user_data = s;
  const void *buffer = NULL;
  size_t buf_count = 0;
  if (count == 1) {
    param.datatype = ucp_dt_make_contig(1);
    buffer = iov[0].buffer;
    buf_count = iov[0].length;
  } else if (count > 1) {
    param.datatype = UCP_DATATYPE_IOV;
    buffer = iov;
    buf_count = count;
  } else {
    param.datatype = ucp_dt_make_contig(1);
  }
  void *req = ucp_am_send_nbx(peer->conn->ep, PAR__NET_AM_ID, frame,
                              in_data ? PAR__NET_FRAME_LEN : PAR__NET_FRAME_LEN + hdr_len, buffer,
                              buf_count, &param);
  if (UCS_PTR_IS_ERR(req)) {
    ucs_status_t st = UCS_PTR_STATUS(req);
    free(s);
    PAR__LOG_DEBUG("net: sending to %s: %s", peer->name, ucs_status_string(st));
    par_status_t pst = par__net_status(st);
    return pst == PAR_ERR_CANCELED ? PAR_ERR_PEER_LOST : pst;
  }
  if (req == NULL)
    par__fifo_push(&net->fifo, &s->ev); /* done already: status PAR_OK */
  else
    par__net_req_track(net, &s->ev, req);
  return PAR_OK;
}

par_status_t par__net_peer_upgrade(par__net_peer_t *peer, const void *remote, size_t len) {
  if (!peer || peer->closed || !remote || !len || peer->upgraded) return PAR_ERR_INVALID;
  if (peer->status != PAR_OK) {
    /* The sockaddr endpoint may fail once the remote has made its address
     * endpoint to us (UCX's tcp transport can reset the first connection
     * when a second one between the same two workers comes up). Its
     * messages up to the failure were delivered; what counts from here is
     * the new endpoint, whose own failure would be reported. So forget
     * that failure, and the error event still queued for it. */
    if (peer->conn && !peer->conn->failed) return peer->status;
    PAR__LOG_DEBUG("net: %s: the sockaddr endpoint failed (%s) before the upgrade", peer->name,
                   par__status_message(peer->status));
    par__net_event_t *keep = NULL, **tail = &keep, *ev;
    while ((ev = par__fifo_pop(&peer->fifo))) {
      if (ev->kind == PAR__NET_EV_ERROR) {
        par__net_event_free(peer->net, ev);
        continue;
      }
      ev->next = NULL;
      *tail = ev;
      tail = &ev->next;
    }
    while (keep) {
      ev = keep;
      keep = ev->next;
      ev->next = NULL;
      par__fifo_push(&peer->fifo, ev);
    }
    peer->status = PAR_OK;
  }
  par__net_t *net = peer->net;
  par__net_conn_t *conn = par__net_conn_new(net, peer, PAR__NET_CONN_ADDRESS);
  if (!conn) return PAR_ERR_NO_MEMORY;
  ucp_ep_params_t params;
  memset(&params, 0, sizeof params);
  params.field_mask = UCP_EP_PARAM_FIELD_REMOTE_ADDRESS;
  params.address = remote;
  par_status_t st = par__net_conn_create_ep(conn, &params);
  if (st != PAR_OK) {
    PAR__LOG_ERROR("net: cannot reach %s by its worker address: %s", peer->name,
                   par__status_message(st));
    par__net_conn_free(conn);
    return st;
  }
  /* UCX returns the endpoint it already made if the remote reached us
   * first: take over its messages. */
  par__net_conn_t *orphan = par__net_map_get(net, conn->ep);
  if (orphan) {
    if (orphan->peer) {
      PAR__LOG_ERROR("net: %s and %s are the same process", peer->name, orphan->peer->name);
      conn->ep = NULL; /* not ours to close */
      par__net_conn_free(conn);
      return PAR_ERR_DUPLICATE;
    }
    for (par__net_event_t *ev = orphan->orphan_fifo.head; ev; ev = ev->next)
      ev->peer = peer;
    par__fifo_splice(&peer->fifo, &orphan->orphan_fifo);
    orphan->ep = NULL; /* now conn's */
    par__net_conn_free(orphan);
    par__net_peer_mark_dirty(peer);
  }
  st = par__net_map_put(net, conn->ep, conn);
  if (st != PAR_OK) {
    par__net_conn_close(conn, true);
    return st;
  }
  par__net_conn_t *old = peer->conn;
  peer->conn = conn;
  peer->upgraded = true;
  if (!old) {
    /* the failed sockaddr connection is gone already */
  } else if (old->kind == PAR__NET_CONN_SERVER) {
    peer->old = old; /* the connecting side closes it */
  } else {
    par__net_conn_close(old, false);
  }
  return PAR_OK;
}

void par__net_peer_close(par__net_peer_t *peer) {
  if (!peer || peer->closed) return;
  peer->closed = true;
  par__net_fifo_drop(peer->net, &peer->fifo);
  bool force = peer->status != PAR_OK;
  /* Closing may free a connection, which drops its reference: the
   * caller's keeps the peer alive until the end. */
  if (peer->old) par__net_conn_close(peer->old, true);
  if (peer->conn) par__net_conn_close(peer->conn, force);
  par__net_peer_unref(peer); /* the caller's */
}

const char *par__net_peer_name(const par__net_peer_t *peer) {
  return peer->name;
}

par_status_t par__net_peer_status(const par__net_peer_t *peer) {
  return peer->status;
}

bool par__net_peer_upgraded(const par__net_peer_t *peer) {
  return peer->conn && peer->conn->kind == PAR__NET_CONN_ADDRESS;
}

void par__net_peer_trust(par__net_peer_t *peer) {
  if (peer) peer->max_data = 0;
}

void par__net_peer_set_user(par__net_peer_t *peer, void *user) {
  peer->user = user;
}

void *par__net_peer_user(const par__net_peer_t *peer) {
  return peer->user;
}

void par__net_peer_transports(const par__net_peer_t *peer, char *buf, size_t len) {
  if (!len) return;
  buf[0] = '\0';
  if (!peer->conn || !peer->conn->ep || peer->conn->closing) return;
  char *text = NULL;
  size_t text_len = 0;
  FILE *f = open_memstream(&text, &text_len);
  if (!f) return;
  ucp_ep_print_info(peer->conn->ep, f);
  fclose(f);
  /* Lines like "#  lane[0]:  2:sysv/memory.0 md[2] ...": take "sysv/memory". */
  size_t used = 0;
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    char *lane = strstr(line, "lane[");
    char *p = lane ? strstr(lane, "]:") : NULL;
    if (p) {
      p += 2;
      while (*p == ' ')
        p++;
      while (*p >= '0' && *p <= '9')
        p++;
      if (*p == ':') p++;
      size_t n = strcspn(p, " \t");
      char tl[64];
      snprintf(tl, sizeof tl, "%.*s", (int)n, p);
      char *dot = strrchr(tl, '.');
      if (dot && strchr(tl, '/') && dot > strchr(tl, '/')) *dot = '\0';
      if (!strstr(buf, tl)) {
        int w = snprintf(buf + used, len - used, "%s%s", used ? " " : "", tl);
        if (w > 0) used += (size_t)w < len - used ? (size_t)w : len - used - 1;
      }
    }
    line = nl ? nl + 1 : NULL;
  }
  free(text);
}
