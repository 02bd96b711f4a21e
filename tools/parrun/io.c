/* io.c: line-by-line forwarding of the job's output (see io.h). */
#define _GNU_SOURCE 1
#include "io.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether parrun's stdout (index 1) or stderr (2) is gone. */
static int g_out_gone[3];
/* Whether the last thing written there was a process's last line without
 * a newline: more output from another process then starts on a new line,
 * so lines never run together (a last line stays as it is). */
static int g_open_line[3];

static void emit(int out_fd, const char *p, size_t n) {
  if (n == 0 || g_out_gone[out_fd])
    return;
  if (g_open_line[out_fd]) {
    g_open_line[out_fd] = 0;
    emit(out_fd, "\n", 1);
  }
  if (tool_write_all(out_fd, p, n) != 0 && errno == EPIPE)
    g_out_gone[out_fd] = 1;
}

void prun_stream_init(prun_stream_t *s, int fd, int out_fd) {
  memset(s, 0, sizeof *s);
  s->fd = fd;
  s->out_fd = out_fd;
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void reserve(prun_stream_t *s, size_t more) {
  if (s->len + more <= s->cap)
    return;
  size_t cap = s->cap ? s->cap : 4096;
  while (cap < s->len + more)
    cap *= 2;
  char *b = realloc(s->buf, cap);
  if (!b)
    tool_oom();
  s->buf = b;
  s->cap = cap;
}

/* Writes the complete lines of the buffer (and pieces of an overlong one),
 * keeps the rest. */
static void flush_lines(prun_stream_t *s) {
  size_t done = 0;
  char *nl = memrchr(s->buf, '\n', s->len);
  if (nl)
    done = (size_t)(nl - s->buf) + 1;
  while (s->len - done >= PRUN_IO_MAX_LINE && !memchr(s->buf + done, '\n', s->len - done))
    done += PRUN_IO_MAX_LINE;
  if (done > s->len)
    done = s->len;
  emit(s->out_fd, s->buf, done);
  memmove(s->buf, s->buf + done, s->len - done);
  s->len -= done;
}

/* One read. 1: got data, 0: EOF or error (stream closed), -1: nothing now. */
static int read_once(prun_stream_t *s) {
  reserve(s, 65536);
  ssize_t r = read(s->fd, s->buf + s->len, s->cap - s->len);
  if (r > 0) {
    s->len += (size_t)r;
    flush_lines(s);
    return 1;
  }
  if (r < 0 && (errno == EAGAIN || errno == EINTR))
    return -1;
  prun_stream_close(s);
  return 0;
}

int prun_stream_pump(prun_stream_t *s) {
  if (s->fd < 0)
    return 0;
  for (int i = 0; i < 4; i++) {
    int r = read_once(s);
    if (r == 0)
      return 0;
    if (r < 0)
      break;
  }
  return 1;
}

int prun_stream_drain(prun_stream_t *s) {
  if (s->fd < 0)
    return 0;
  /* Bounded: a grandchild that holds the pipe could write forever. */
  for (int i = 0; i < 256; i++) {
    int r = read_once(s);
    if (r == 0)
      return 0;
    if (r < 0)
      break;
  }
  return 1;
}

void prun_stream_close(prun_stream_t *s) {
  if (s->len) {
    emit(s->out_fd, s->buf, s->len);
    if (s->buf[s->len - 1] != '\n')
      g_open_line[s->out_fd] = 1;
  }
  s->len = 0;
  if (s->fd >= 0)
    close(s->fd);
  s->fd = -1;
  free(s->buf);
  s->buf = NULL;
  s->cap = 0;
}
