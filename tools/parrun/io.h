/* io.h: forwarding a child's output to parrun's stdout or stderr, line by
 * line.
 *
 * Each stdout and stderr of each process parrun starts (the driver, local
 * workers, launcher processes such as ssh or srun) is a pipe that parrun
 * reads without blocking. What comes in is buffered per pipe, and only whole
 * lines are written out, all the complete lines of one read in one write(2),
 * so that lines of different processes never mix. A last line without a
 * newline is written as it is when the pipe reaches EOF; a line longer than
 * PRUN_IO_MAX_LINE is written in pieces of that size (it could not be held
 * back forever).
 *
 * When parrun's own stdout or stderr is gone (EPIPE, e.g. `parrun ... | head`),
 * what would go there is dropped, and the job goes on.
 */
#ifndef PRUN_IO_H
#define PRUN_IO_H

#include <stddef.h>

#define PRUN_IO_MAX_LINE (1 << 20)

typedef struct prun_stream {
  int fd;      /* the read end, non-blocking; -1 once closed */
  int out_fd;  /* 1 or 2 */
  char *buf;   /* owned; pending bytes of an unfinished line */
  size_t len;
  size_t cap;
} prun_stream_t;

/* Takes ownership of the read end `fd` (made non-blocking) for lines to
 * `out_fd`. */
void prun_stream_init(prun_stream_t *s, int fd, int out_fd);

/* Reads what is there (at most a few reads, to stay fair to other pipes) and
 * writes the complete lines. Returns 1 while the pipe is open, 0 when it hit
 * EOF or an error: the pending partial line has then been written and the
 * fd closed. */
int prun_stream_pump(prun_stream_t *s);

/* Reads until the pipe is empty (EAGAIN) or at EOF (or a bounded number of
 * reads), as prun_stream_pump. */
int prun_stream_drain(prun_stream_t *s);

/* Writes any pending partial line, closes the fd and frees the buffer. */
void prun_stream_close(prun_stream_t *s);

#endif /* PRUN_IO_H */
