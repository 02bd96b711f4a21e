/* control.h: parrun's end of the control channel with the driver
 * (docs/distributed.md, "parrun <-> driver control channel").
 *
 * A socketpair(AF_UNIX, SOCK_STREAM): the driver gets one end as
 * PAR_CONTROL_FD. One ASCII line per message, fields separated by single
 * spaces:
 *
 *   driver -> parrun   listen <host> <port>
 *                      admitted <rank>
 *                      refused <peer> <reason...>
 *                      ready
 *                      lost <rank> <reason...>
 *   parrun -> driver   exited <rank> exit <N> | exited <rank> signal <NAME>
 *
 * Reading never blocks (the socket is non-blocking and polled); lines parrun
 * sends are queued when the driver does not read them at once, and go out
 * when the socket is writable again.
 */
#ifndef PRUN_CONTROL_H
#define PRUN_CONTROL_H

#include <stddef.h>

/* A control line longer than this is malformed. */
#define PRUN_CONTROL_MAX_LINE 4096

enum prun_ctl_kind {
  PRUN_CTL_LISTEN,
  PRUN_CTL_ADMITTED,
  PRUN_CTL_REFUSED,
  PRUN_CTL_READY,
  PRUN_CTL_LOST,
  PRUN_CTL_MALFORMED, /* anything else: `line` says what came */
};

typedef struct prun_ctl_msg {
  enum prun_ctl_kind kind;
  const char *host;   /* LISTEN */
  long port;          /* LISTEN: 0..65535 */
  long rank;          /* ADMITTED, LOST */
  const char *peer;   /* REFUSED */
  const char *reason; /* REFUSED, LOST: the rest of the line ("" when none) */
  const char *line;   /* the whole line */
} prun_ctl_msg_t;

/* Parses one line (no newline; modified in place: the message's strings
 * point into it, and `line` into a static copy valid until the next call).
 * Always returns a message; MALFORMED when the line is not one of the
 * driver's. */
prun_ctl_msg_t prun_control_parse(char *line);

typedef struct prun_control {
  int fd;          /* parrun's end, non-blocking; -1 once closed */
  int eof;         /* the driver closed its end (or the socket failed) */
  char in[PRUN_CONTROL_MAX_LINE + 1];
  size_t inlen;
  int skipping;    /* inside an overlong line: drop up to its newline */
  char *out;       /* owned: queued lines to the driver */
  size_t outlen, outcap;
} prun_control_t;

/* Takes ownership of fd (made non-blocking). */
void prun_control_init(prun_control_t *c, int fd);

/* Reads what is there (or until the buffer is full of complete lines: take
 * them with prun_control_next and call again). Returns 0, or -1 at EOF or on
 * an error (c->eof set; lines already buffered can still be taken). */
int prun_control_read(prun_control_t *c);

/* Takes the next complete line, parsed, into *m (strings valid until the
 * next call). Returns 1, or 0 when no complete line is buffered. */
int prun_control_next(prun_control_t *c, prun_ctl_msg_t *m);

/* Queues `exited <rank> <how>` for the driver and tries to send it. `status`
 * is a wait status. Dropped silently once the channel is closed. */
void prun_control_send_exited(prun_control_t *c, long rank, int status);

/* Whether queued lines wait for the socket to be writable (poll POLLOUT). */
int prun_control_wants_write(const prun_control_t *c);

/* Sends what the socket takes now. */
void prun_control_flush(prun_control_t *c);

/* Closes the socket and frees the queue. */
void prun_control_close(prun_control_t *c);

#endif /* PRUN_CONTROL_H */
