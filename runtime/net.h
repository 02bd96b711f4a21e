/* net.h: message transport between par processes, over UCX active messages.
 *
 * A par__net_t is one process's UCX context and worker (single-threaded: all
 * calls on one net come from one thread, the owner or its progress thread).
 * It connects to peers (par__net_peer_t) and moves messages; it knows nothing
 * of what the messages mean (the wire format is wire.c's business).
 *
 * Connecting (docs/distributed.md, "Transport"):
 *   - the driver listens (par__net_listen) and learns of each accepted
 *     connection through the accept callback; a worker connects
 *     (par__net_connect). Both are sockaddr endpoints: TCP, even on one host.
 *   - to reach shared memory, each side sends its worker address
 *     (par__net_local_address) in its first message, and each side calls
 *     par__net_peer_upgrade with the other's: the peer then talks over an
 *     address endpoint (shared memory on one host, the network otherwise)
 *     and the sockaddr endpoint is retired.
 *
 * Messages: a header (at most PAR__NET_HDR_MAX bytes, copied at send) and a
 * payload gathered from an iovec (borrowed until the send completes; large
 * payloads go by rendezvous, zero-copy). The receiver gets both in one
 * callback once the whole message is there. Messages from one peer are
 * delivered in the order they were sent on one endpoint.
 *
 * Every callback runs from par__net_progress, never from inside another
 * par__net call and never from inside UCX, so callbacks may call any
 * par__net function except par__net_progress and par__net_destroy.
 *
 * Failure: a peer whose process dies, whose connection breaks, who closes
 * it, or who breaks the framing (e.g. a header over the limit) is marked
 * failed and the error callback fires once for it; further sends to it
 * return its failure status. While par__net_progress is being called, a
 * dead process is noticed at once over TCP (its sockets close) and within
 * PAR__NET_KEEPALIVE over shared memory, where UCX checks that the remote
 * pid still exists: a dead child that was not reaped yet (a zombie) still
 * counts as alive. A failed or unwanted peer is released with
 * par__net_peer_close.
 *
 * UCX settings this module changes unless the environment sets them:
 * UCX_KEEPALIVE_INTERVAL (PAR__NET_KEEPALIVE) and, when UCX_TLS allows
 * shared memory, UCX_MM_ERROR_HANDLING=y: without it UCX 1.13 refuses
 * shared memory (sysv, posix) to endpoints that want to hear about peer
 * failure and silently uses TCP instead. With it, even a sockaddr endpoint
 * gets a shared-memory lane once it is wired up.
 *
 * UCX state does not survive fork(): create the net in the process that
 * uses it, after forking.
 */
#ifndef PAR_RUNTIME_NET_H
#define PAR_RUNTIME_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "status.h"

/* The largest message header; a peer that sends a bigger one is failed with
 * PAR_ERR_PROTOCOL. */
#define PAR__NET_HDR_MAX (64u * 1024u)
/* Bytes a message from an accepted peer may carry (header in data and
 * payload) until par__net_peer_trust: a HELLO needs a few KiB, and nothing
 * larger is received, let alone allocated, from a peer nobody admitted. A
 * larger one is a violation: the peer fails with PAR_ERR_PROTOCOL. */
#define PAR__NET_UNTRUSTED_MAX (1024u * 1024u)

/* The UCX keepalive interval set unless UCX_KEEPALIVE_INTERVAL is given. */
#define PAR__NET_KEEPALIVE "500ms"

/* Messages up to this many bytes (header and payload) go with UCX's eager
 * protocol (par__net_send). */
#define PAR__NET_EAGER_MAX (256u << 10)

/* par__net_progress never sleeps longer than this (so keepalive runs). */
#define PAR__NET_TICK_MS 250

/* ---- wire framing (for tests that forge messages; nothing else needs it) --
 * Every message is one UCX active message with id PAR__NET_AM_ID, sent with
 * UCP_AM_SEND_FLAG_REPLY (the receiver learns the sending endpoint from it).
 * Its AM header starts with an 8-byte frame: 'P', version, flags, 0, and the
 * message header's length as a 32-bit little-endian number. Without
 * PAR__NET_FRAME_HDR_IN_DATA the message header follows the frame in the AM
 * header and the AM data is the payload; with it the AM header is the frame
 * alone and the AM data is the message header followed by the payload (for
 * headers bigger than UCX allows in an AM header, about 8 KiB). */
#define PAR__NET_AM_ID 0x50u
#define PAR__NET_FRAME_LEN 8u
#define PAR__NET_FRAME_MAGIC 'P'
#define PAR__NET_FRAME_VERSION 1u
#define PAR__NET_FRAME_HDR_IN_DATA 0x01u

/* ---- types ---------------------------------------------------------------- */

typedef struct par__net par__net_t;
typedef struct par__net_peer par__net_peer_t;

/* A message arrived from `peer`. hdr and data are borrowed until the
 * callback returns (copy what must outlive it); data is writable. */
typedef void (*par__net_recv_cb_t)(par__net_peer_t *peer, const void *hdr, size_t hdr_len,
                                   void *data, size_t data_len, void *user);

/* `peer` failed with `status` (PAR_ERR_PEER_LOST, PAR_ERR_PROTOCOL, ...).
 * Called once per peer, after every message that arrived before the
 * failure, and never after the peer was closed. The peer stays valid (and
 * its sends fail) until par__net_peer_close. */
typedef void (*par__net_error_cb_t)(par__net_peer_t *peer, par_status_t status, void *user);

/* The listener accepted a connection, now `peer` (owned by the callee, who
 * must par__net_peer_close it eventually). Its messages follow. */
typedef void (*par__net_accept_cb_t)(par__net_peer_t *peer, void *user);

/* A send finished: PAR_OK (the payload may be reused), or the reason it
 * did not (PAR_ERR_PEER_LOST, PAR_ERR_CANCELED, ...). */
typedef void (*par__net_send_cb_t)(par_status_t status, void *arg);

typedef struct par__net_callbacks {
  par__net_recv_cb_t recv;     /* required */
  par__net_error_cb_t error;   /* optional */
  par__net_accept_cb_t accept; /* required to listen */
  void *user;                  /* passed to the three */
} par__net_callbacks_t;

/* ---- the net ---------------------------------------------------------------- */

/* Creates the UCX context and worker. cbs is copied. On error nothing is
 * created and *out is untouched. */
par_status_t par__net_create(const par__net_callbacks_t *cbs, par__net_t **out);

/* Closes every peer and the listener (flushing what was sent, waiting at
 * most about 2 s), calls the callbacks of unfinished sends, and frees the
 * net. Peers' handles are invalid afterwards. NULL is a no-op. */
void par__net_destroy(par__net_t *net);

/* Listens on host (an IP address or name; NULL or "" or "*": all addresses)
 * and *port (0: any free port). On success *port is the bound port. One
 * listener per net. */
par_status_t par__net_listen(par__net_t *net, const char *host, uint16_t *port);

/* Starts connecting to host:port. Returns at once with the new peer in
 * *out (owned by the caller); sends are queued until the connection is up,
 * and a refused or unreachable connection comes back through the error
 * callback. */
par_status_t par__net_connect(par__net_t *net, const char *host, uint16_t port,
                              par__net_peer_t **out);

/* This process's UCX worker address, for a peer's par__net_peer_upgrade.
 * *blob is borrowed until par__net_destroy. */
par_status_t par__net_local_address(par__net_t *net, const void **blob, size_t *len);

/* Runs callbacks for what has happened; if nothing has, waits up to
 * timeout_ms (0: do not wait, negative: no limit) on the worker's event fd,
 * sleeping (no spin), and runs callbacks for what happens in that time.
 * Returns early, with 0, after par__net_signal. Returns the number of
 * callbacks run (>= 0), or an error (PAR_ERR_INVALID
 * when called from a callback). */
int par__net_progress(par__net_t *net, int timeout_ms);

/* Inside a recv callback: takes ownership of the message's data, when the
 * net holds it in a buffer of its own (a rendezvous payload, or an eager
 * one it copied) that starts exactly at `data`: returns that pointer, which
 * the caller now frees with free(), or NULL (then `data` stays borrowed).
 * The buffer is malloc's: aligned for any C type. Saves a copy of large
 * payloads that the receiver keeps. */
void *par__net_take_data(par__net_t *net);

/* Wakes a par__net_progress that is waiting (or makes the next one return
 * at once). The only call that any thread may make on a net at any time
 * (ucp_worker_signal is thread-safe), so other threads use it to tell the
 * owner that they queued work for it. */
void par__net_signal(par__net_t *net);

/* Makes par__net_progress poll without sleeping for the next `ns` (it
 * yields the CPU between polls): for the owner that expects a message or a
 * signal within microseconds, where a sleep on the event fd and the
 * wake-up would cost more (tens of microseconds per hop on a virtual
 * machine). A signal meanwhile costs no system call either. */
void par__net_poll_for(par__net_t *net, uint64_t ns);

/* ---- peers ------------------------------------------------------------------ */

/* Sends one message: hdr[0..hdr_len) (copied; hdr_len <= PAR__NET_HDR_MAX)
 * and the concatenation of payload[0..niov) (borrowed until cb). On PAR_OK
 * cb (if not NULL) is called exactly once, from par__net_progress or
 * par__net_destroy; on an error it is never called. Returns the peer's
 * failure status if it has failed. */
par_status_t par__net_send(par__net_peer_t *peer, const void *hdr, size_t hdr_len,
                           const struct iovec *payload, int niov, par__net_send_cb_t cb, void *arg);

/* Switches the peer to an address endpoint to the process whose worker
 * address is remote[0..len) (from its par__net_local_address; UCX does not
 * fully validate it, so it must come from a peer that passed the upper
 * layer's checks). Later sends go over the new endpoint; messages the remote
 * already sent over its own address endpoint, which were held because no
 * peer claimed them yet, are delivered next. The old (sockaddr) endpoint is
 * retired: closed after its sends are flushed on the connecting side, left
 * for the remote to close on the accepting side.
 *
 * Call it only after the last message the remote sends over the old
 * endpoint has been received (hello/welcome: the worker upgrades when
 * welcome arrives, the driver right after sending welcome), and upgrade
 * both sides. */
par_status_t par__net_peer_upgrade(par__net_peer_t *peer, const void *remote, size_t len);

/* Closes the connection and releases the peer: its handle is invalid
 * afterwards and no more callbacks name it. Unless the peer has failed,
 * what was sent is flushed first (for up to 10 s; then dropped). Sends in
 * flight still call their callbacks. The remote sees its peer fail: at once
 * over TCP; over shared memory only when this process exits, so protocols
 * say goodbye in a message. */
void par__net_peer_close(par__net_peer_t *peer);

/* The remote's "IP:port" (for messages). Static for the peer's life. */
const char *par__net_peer_name(const par__net_peer_t *peer);

/* PAR_OK, or the status the peer failed with. */
par_status_t par__net_peer_status(const par__net_peer_t *peer);

/* Whether the peer was upgraded to an address endpoint. */
bool par__net_peer_upgraded(const par__net_peer_t *peer);

/* Lifts PAR__NET_UNTRUSTED_MAX for an accepted peer (the driver calls it
 * when it admits a worker). Peers made by par__net_connect have no limit. */
void par__net_peer_trust(par__net_peer_t *peer);

/* A per-peer pointer for the caller (NULL at first). */
void par__net_peer_set_user(par__net_peer_t *peer, void *user);
void *par__net_peer_user(const par__net_peer_t *peer);

/* Writes the UCX transports the peer's endpoint uses now, e.g.
 * "sysv/memory tcp/lo", NUL-terminated and truncated to buf[0..len), for
 * diagnostics and tests. Empty while the endpoint is being set up. */
void par__net_peer_transports(const par__net_peer_t *peer, char *buf, size_t len);

#endif /* PAR_RUNTIME_NET_H */
