// A host cut off mid-run: worker 2 runs on host C (a network namespace) and
// takes C's only link down during its first chunk. The driver hears nothing
// more from it, gives it up (heartbeats: within 2 s), and runs its chunks
// on worker 1 (host B): the output is right, and the driver says which
// worker it lost and why.
// REQUIRES: root, netns
// RUN: %parcc -O1 %s -o %t
// RUN: bash %S/Inputs/netns-cut.sh %parrun %t 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=WARN <%t.err
//
// CHECK: correct 199.5
// WARN: warn: worker 2 on host pcc{{[0-9]+}} (pid {{[0-9]+}}) stopped answering (nothing heard from it for {{[0-9.]+}} s) while running loop 'main:{{[0-9]+}}' ({{.*}}host-cut.c:[[@LINE+18]]); what it ran goes to the other workers
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int cut; /* a worker's compute threads all run maybe_cut */

static void maybe_cut(void) {
  const char *rank = getenv("PAR_RANK");
  if (!rank || strcmp(rank, "2") != 0 || atomic_exchange(&cut, 1)) return;
  if (system("ip link set parnet down") != 0) fprintf(stderr, "cannot take the link down\n");
}

int main(void) {
  static double out[400];
  double sum = 0;
#pragma par distribute schedule(dynamic, 1) reduction(+: sum)
  for (int i = 0; i < 400; i++) {
    maybe_cut();
    usleep(2000);
    out[i] = i * 0.5;
    sum += out[i];
  }
  printf("%s %g\n", sum == 39900 ? "correct" : "WRONG", out[399]);
  return 0;
}
