/* control.c: the control channel's lines (see control.h). */
#define _GNU_SOURCE 1
#include "control.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- parsing ---------------------------------------------------------------- */

/* Splits off the next space-separated field: returns it (NUL-terminated)
 * and advances *p past it and its one separator; NULL when none is left. */
static char *field(char **p) {
  char *s = *p;
  if (!s || !*s)
    return NULL;
  char *sp = strchr(s, ' ');
  if (sp) {
    *sp = '\0';
    *p = sp + 1;
  } else {
    *p = s + strlen(s);
  }
  return s;
}

static int parse_num(const char *s, long max, long *out) {
  return s && prun_parse_long(s, 0, max, out) == 0;
}

prun_ctl_msg_t prun_control_parse(char *line) {
  prun_ctl_msg_t m = {.kind = PRUN_CTL_MALFORMED, .reason = "", .line = ""};
  size_t n = strlen(line);
  if (n && line[n - 1] == '\r')
    line[--n] = '\0';
  static char whole[PRUN_CONTROL_MAX_LINE + 1];
  snprintf(whole, sizeof whole, "%s", line); /* before the fields cut it up */
  m.line = whole;
  char *p = line;
  char *verb = field(&p);
  if (!verb)
    return m;
  if (strcmp(verb, "listen") == 0) {
    char *host = field(&p), *port = field(&p);
    if (host && *host && parse_num(port, 65535, &m.port) && !*p) {
      m.kind = PRUN_CTL_LISTEN;
      m.host = host;
    }
  } else if (strcmp(verb, "admitted") == 0) {
    if (parse_num(field(&p), 1L << 30, &m.rank) && !*p)
      m.kind = PRUN_CTL_ADMITTED;
  } else if (strcmp(verb, "ready") == 0) {
    if (!*p)
      m.kind = PRUN_CTL_READY;
  } else if (strcmp(verb, "refused") == 0) {
    char *peer = field(&p);
    if (peer && *peer) {
      m.kind = PRUN_CTL_REFUSED;
      m.peer = peer;
      m.reason = p;
    }
  } else if (strcmp(verb, "lost") == 0) {
    if (parse_num(field(&p), 1L << 30, &m.rank)) {
      m.kind = PRUN_CTL_LOST;
      m.reason = p;
    }
  }
  return m;
}

/* ---- the channel ------------------------------------------------------------ */

void prun_control_init(prun_control_t *c, int fd) {
  memset(c, 0, sizeof *c);
  c->fd = fd;
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

int prun_control_read(prun_control_t *c) {
  if (c->fd < 0 || c->eof)
    return -1;
  for (;;) {
    size_t room = PRUN_CONTROL_MAX_LINE - c->inlen;
    if (room == 0 && memchr(c->in, '\n', c->inlen))
      return 0; /* full of complete lines: the caller takes them first */
    if (room == 0) {
      /* An overlong line: keep its start for the message, drop the rest. */
      c->in[c->inlen] = '\0';
      tool_warning("ignored an overlong line from the driver's control channel: '%.60s...'",
                   c->in);
      c->inlen = 0;
      c->skipping = 1;
      room = PRUN_CONTROL_MAX_LINE;
    }
    ssize_t r = read(c->fd, c->in + c->inlen, room);
    if (r > 0) {
      if (c->skipping) {
        char *nl = memchr(c->in, '\n', (size_t)r);
        if (!nl)
          continue;
        size_t keep = (size_t)r - (size_t)(nl + 1 - c->in);
        memmove(c->in, nl + 1, keep);
        c->inlen = keep;
        c->skipping = 0;
        continue;
      }
      c->inlen += (size_t)r;
      continue;
    }
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0 && errno == EAGAIN)
      return 0;
    c->eof = 1;
    return -1;
  }
}

int prun_control_next(prun_control_t *c, prun_ctl_msg_t *m) {
  static char line[PRUN_CONTROL_MAX_LINE + 1];
  if (c->skipping)
    return 0;
  char *nl = memchr(c->in, '\n', c->inlen);
  if (!nl)
    return 0;
  size_t n = (size_t)(nl - c->in);
  memcpy(line, c->in, n);
  line[n] = '\0';
  memmove(c->in, nl + 1, c->inlen - n - 1);
  c->inlen -= n + 1;
  *m = prun_control_parse(line);
  return 1;
}

void prun_control_flush(prun_control_t *c) {
  while (c->fd >= 0 && c->outlen > 0) {
    ssize_t w = send(c->fd, c->out, c->outlen, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN)
        return;
      c->outlen = 0; /* the driver is gone: nobody to tell */
      return;
    }
    memmove(c->out, c->out + w, c->outlen - (size_t)w);
    c->outlen -= (size_t)w;
  }
}

void prun_control_send_exited(prun_control_t *c, long rank, int status) {
  if (c->fd < 0)
    return;
  char line[96];
  int n;
  if (WIFSIGNALED(status))
    n = snprintf(line, sizeof line, "exited %ld signal %s\n", rank,
                 prun_signal_name(WTERMSIG(status)));
  else
    n = snprintf(line, sizeof line, "exited %ld exit %d\n", rank, WEXITSTATUS(status));
  if (n <= 0 || (size_t)n >= sizeof line)
    return;
  if (c->outlen + (size_t)n > c->outcap) {
    size_t cap = c->outcap ? c->outcap * 2 : 4096;
    while (cap < c->outlen + (size_t)n)
      cap *= 2;
    char *o = realloc(c->out, cap);
    if (!o)
      return;
    c->out = o;
    c->outcap = cap;
  }
  memcpy(c->out + c->outlen, line, (size_t)n);
  c->outlen += (size_t)n;
  prun_control_flush(c);
}

int prun_control_wants_write(const prun_control_t *c) { return c->fd >= 0 && c->outlen > 0; }

void prun_control_close(prun_control_t *c) {
  if (c->fd >= 0)
    close(c->fd);
  c->fd = -1;
  free(c->out);
  c->out = NULL;
  c->outlen = c->outcap = 0;
}
