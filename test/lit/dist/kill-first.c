// A chunk that SIGKILLs its worker on its first attempt (the first worker to
// reach iteration N/2 creates a marker file and dies) runs again on another
// worker, and the job's results are exactly the serial ones, 20 times out of
// 20 under `parrun -n 3`. The loop mixes what a lost worker leaves behind:
// a tofrom slice (a[i]), a whole tofrom array written through an index
// (hist[perm[i]], sent back once per batch, so the dead worker's earlier
// chunks had unsettled writes that must be undone and redone), and a
// reduction. With the default transports (UCX_TLS unset: par leaves out
// UCX's shared-memory queues, since a process killed while it writes into
// one can block it for good, docs/fault-tolerance.md). With those queues
// asked for (UCX_TLS=sm,tcp) a run is right or stops with that explanation,
// never hangs (the last RUN line).
// RUN: %parcc -O1 %s -o %t
// RUN: bash -c 'for i in $(seq 20); do rm -f %t.mark; env -u UCX_TLS KILL_MARK=%t.mark %parrun -n 3 %t || echo "failed rc=$?"; test -e %t.mark || echo "nobody died"; done' 2>%t.err | sort | uniq -c | FileCheck %s
// RUN: grep -c '^parrun: warning: worker .* was killed by signal 9 (SIGKILL)' %t.err | FileCheck %s --check-prefix=KILLED
// The same with functions: a call that kills its worker the first time.
// RUN: bash -c 'for i in $(seq 20); do rm -f %t.mark; env -u UCX_TLS KILL_MARK=%t.mark FN=1 %parrun -n 3 %t || echo "failed rc=$?"; test -e %t.mark || echo "nobody died"; done' 2>/dev/null | sort | uniq -c | FileCheck %s
// Shared-memory queues: each run is right, or stops with the explanation.
// RUN: bash -c 'for i in $(seq 5); do rm -f %t.mark; UCX_TLS=sm,tcp KILL_MARK=%t.mark %parrun -n 3 %t 2>%t.err5 || grep -o "blocks that queue" %t.err5; done' | FileCheck %s --check-prefix=SHM
//
// SHM-NOT: {{^(WRONG|failed)}}
// SHM: {{^(correct|blocks that queue)$}}
// CHECK-NOT: failed
// CHECK-NOT: nobody
// CHECK: 20 correct
// CHECK-NOT: {{.}}
// parrun's warning, once for each of the 20 runs:
// KILLED: 20
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N 4000

static double a[N], hist[N], ra[N], rh[N];
static int perm[N];

static void die_once(void) {
  const char *mark = getenv("KILL_MARK");
  int fd = mark ? open(mark, O_CREAT | O_EXCL | O_WRONLY, 0600) : -1;
  if (fd >= 0) raise(SIGKILL);
}

#pragma par distribute
double call(int k) {
  if (k == 40) die_once();
  usleep(200);
  return k * 1.5 + 1;
}

int main(void) {
  for (int i = 0; i < N; i++) {
    a[i] = ra[i] = i * 0.25;
    hist[i] = rh[i] = 1.0;
    perm[i] = (int)(((long)i * 7919) % N);
  }
  if (getenv("FN")) {
    double r[64], want = 0, got = 0;
    for (int k = 0; k < 64; k++) {
#pragma par spawn
      r[k] = call(k);
    }
#pragma par sync
    for (int k = 0; k < 64; k++) got += r[k], want += k * 1.5 + 1;
    printf("%s\n", got == want ? "correct" : "WRONG");
    return 0;
  }
  double rsum = 0;
  for (int i = 0; i < N; i++) {
    ra[i] = ra[i] * 2 + 1;
    rh[perm[i]] += ra[i];
    rsum += ra[i];
  }
  double sum = 0;
#pragma par distribute schedule(dynamic, 50) reduction(+: sum)
  for (int i = 0; i < N; i++) {
    if (i == N / 2) die_once();
    a[i] = a[i] * 2 + 1;
    hist[perm[i]] += a[i];
    sum += a[i];
    usleep(20);
  }
  int ok = sum == rsum && memcmp(a, ra, sizeof a) == 0 && memcmp(hist, rh, sizeof hist) == 0;
  printf("%s\n", ok ? "correct" : "WRONG");
  return 0;
}
