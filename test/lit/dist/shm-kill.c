// A worker on the driver's host that dies while it runs a chunk of a loop
// whose arrays it uses in place, in the driver's shared memory: with only
// to and from arrays the chunk runs again elsewhere and the answer is the
// serial one (a re-run writes the same values); with a tofrom array it may
// have rewritten half of, the job stops and says why, and with PAR_SHM=0
// (copies) the same loop is retried and right. The sanitizers' malloc
// leaves no room for the shared allocator.
// UNSUPPORTED: sanitize
// RUN: %parcc -O1 %s -o %t
// RUN: rm -f %t.mark && env UCX_TLS=tcp,cma KILL_MARK=%t.mark %parrun -n 3 %t from 2>/dev/null | FileCheck %s --check-prefix=FROM
// FROM: from ok
// RUN: rm -f %t.mark && env UCX_TLS=tcp,cma KILL_MARK=%t.mark not %parrun -n 3 %t tofrom 2>&1 | FileCheck %s --check-prefix=TOFROM
// TOFROM: par: error: worker {{[0-9]}} on host {{.*}} was killed by signal 9 (SIGKILL) while running loop 'main:{{[0-9]+}}' ({{.*}}shm-kill.c:{{[0-9]+}}); it may have written the loop's map(tofrom) data in place, in the driver's shared memory, so its chunk cannot run again (PAR_SHM=0 copies the data instead and makes the chunk retryable)
// RUN: rm -f %t.mark && env PAR_SHM=0 UCX_TLS=tcp,cma KILL_MARK=%t.mark %parrun -n 3 %t tofrom 2>/dev/null | FileCheck %s --check-prefix=COPY
// COPY: tofrom ok
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N (1 << 18)

static void die_once(void) {
  const char *mark = getenv("KILL_MARK");
  int fd = mark ? open(mark, O_CREAT | O_EXCL | O_WRONLY, 0600) : -1;
  if (fd >= 0) raise(SIGKILL);
}

int main(int argc, char **argv) {
  int i;
  double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
  for (i = 0; i < N; i++) x[i] = i, y[i] = 1;
  if (argc > 1 && strcmp(argv[1], "from") == 0) {
#pragma par distribute schedule(dynamic, 4096) map(to : x[0:N]) map(from : y[0:N])
    for (i = 0; i < N; i++) {
      if (i == N / 2) die_once();
      y[i] = 2 * x[i];
    }
    for (i = 0; i < N; i++)
      if (y[i] != 2.0 * i) return printf("wrong y[%d] = %g\n", i, y[i]), 1;
    puts("from ok");
  } else {
#pragma par distribute schedule(dynamic, 4096) map(to : x[0:N]) map(tofrom : y[0:N])
    for (i = 0; i < N; i++) {
      if (i == N / 2) die_once();
      y[i] += x[i];
    }
    for (i = 0; i < N; i++)
      if (y[i] != 1.0 + i) return printf("wrong y[%d] = %g\n", i, y[i]), 1;
    puts("tofrom ok");
  }
  free(x), free(y);
  return 0;
}
