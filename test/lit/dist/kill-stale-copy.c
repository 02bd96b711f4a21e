// A worker's copy of a whole tofrom array can hold another worker's
// unsettled writes: the driver's DATA is read from its memory when it goes
// out, which for a large array is when the receiver pulls it. Worker 2 is
// stopped (SIGSTOP, by a child it forks in a first loop) while the second
// loop starts, so it pulls `hist` after worker 1's first results were
// applied. Then worker 1 dies (once worker 2 ran an iteration, i.e. holds
// its copy), its held chunks run again on worker 2, and each must start
// from the restored elements, not from its own earlier output: the driver
// sends them to worker 2 again. Without that, hist[perm[i]] += a[i] counts
// worker 1's first chunks twice. PAR_INFLIGHT=2: with the 4 tasks in
// flight that such a loop gets by default, worker 1 rarely runs dry, so it
// sends its whole array's changes (those that end up in worker 2's copy)
// only at its end; with 2 it sends them after most tasks here, where the
// driver, sharing 2 CPUs with both workers, answers late.
// RUN: %parcc -O1 %s -o %t
// RUN: bash -c 'for i in $(seq 5); do rm -f %t.mark %t.resumed; env -u UCX_TLS PAR_INFLIGHT=2 KILL_MARK=%t.mark RESUMED=%t.resumed %parrun -n 2 %t || echo "failed rc=$?"; test -e %t.mark || echo "nobody died"; done' 2>%t.err | sort | uniq -c | FileCheck %s
// RUN: grep -c '^parrun: warning: worker 1 .* was killed by signal 9 (SIGKILL)' %t.err | FileCheck %s --check-prefix=KILLED
//
// CHECK-NOT: failed
// CHECK-NOT: nobody
// CHECK: 5 correct
// CHECK-NOT: {{.}}
// KILLED: 5
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N 4000
#define HN (1 << 16) /* 512 KiB: large enough to be pulled, not sent eagerly */

static double a[N], hist[HN], ra[N], rh[HN];
static int perm[N];

static int rank(void) {
  const char *r = getenv("PAR_RANK");
  return r ? atoi(r) : 0;
}

/* Worker 2, once: a child stops it from 30 to 130 ms from now. */
static void pause_soon(void) {
  static int done;
  if (rank() != 2 || done++) return;
  pid_t parent = getpid();
  if (fork() == 0) {
    usleep(30000);
    kill(parent, SIGSTOP);
    usleep(100000);
    kill(parent, SIGCONT);
    _exit(0);
  }
}

/* Worker 1 dies at its first iteration after worker 2 ran one. */
static void die_after_resume(void) {
  const char *resumed = getenv("RESUMED"), *mark = getenv("KILL_MARK");
  static int told;
  if (rank() == 2 && resumed && !told++) close(open(resumed, O_CREAT | O_WRONLY, 0600));
  if (rank() != 1 || !resumed || access(resumed, F_OK) != 0) return;
  int fd = mark ? open(mark, O_CREAT | O_EXCL | O_WRONLY, 0600) : -1;
  if (fd >= 0) raise(SIGKILL);
}

int main(void) {
  for (int i = 0; i < HN; i++) hist[i] = rh[i] = 1.0;
  for (int i = 0; i < N; i++) {
    a[i] = ra[i] = i * 0.25;
    perm[i] = (int)(((long)i * 7919) % HN);
  }
  for (int i = 0; i < N; i++) {
    ra[i] = ra[i] * 2 + 1;
    rh[perm[i]] += ra[i];
  }
  int ticks[16] = {0};
#pragma par distribute
  for (int k = 0; k < 16; k++) {
    pause_soon();
    usleep(2000);
    ticks[k] = 1;
  }
  usleep(30000);
#pragma par distribute schedule(dynamic, 50)
  for (int i = 0; i < N; i++) {
    die_after_resume();
    a[i] = a[i] * 2 + 1;
    hist[perm[i]] += a[i];
    usleep(20);
  }
  int ok = ticks[15] && memcmp(a, ra, sizeof a) == 0 && memcmp(hist, rh, sizeof hist) == 0;
  printf("%s\n", ok ? "correct" : "WRONG");
  return 0;
}
