// timeout(s) under parrun: a chunk that hangs on its first attempt is
// abandoned after 2 s, its worker is stopped (killed: it runs on this
// host), and the chunk runs again on another worker: the output is right.
// A chunk that hangs every time stops the job once its retries are spent,
// with a message naming the worker and the loop (file:line). The same for
// a distributed function's call.
// RUN: %parcc -O1 %s -o %t
// RUN: rm -f %t.mark; env HANG_MARK=%t.mark %parrun -n 2 %t 2>%t.err | FileCheck %s --check-prefix=OK
// RUN: FileCheck %s --check-prefix=WARN <%t.err
// RUN: env HANG_ALWAYS=1 not %parrun -n 2 %t 2>&1 | FileCheck %s --check-prefix=SPENT
// RUN: rm -f %t.mark; env FN=1 HANG_MARK=%t.mark %parrun -n 2 %t 2>/dev/null | FileCheck %s --check-prefix=FNOK
// RUN: env FN=1 HANG_ALWAYS=1 not %parrun -n 3 %t 2>&1 | FileCheck %s --check-prefix=FNSPENT
//
// OK: sum 780
// WARN: warn: worker {{[12]}} on host {{.*}} was stopped after a chunk ran longer than timeout(2) while running loop 'main:{{[0-9]+}}' ({{.*}}timeout.c:[[@LINE+42]]); what it ran goes to the other workers
// SPENT: par: error: worker {{[12]}} on host {{.*}} (pid {{[0-9]+}}) was stopped after a chunk ran longer than timeout(2) while running loop 'main:{{[0-9]+}}' ({{.*}}timeout.c:[[@LINE+41]]); the chunk was tried 2 times (retries(1))
// FNOK: sum 24
// FNSPENT: par: error: worker {{[12]}} on host {{.*}} was stopped after a call ran longer than timeout(1) while running function 'slow' ({{.*}}timeout.c:[[@LINE+20]]); the call was tried 3 times (retries(2))
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int first_time(void) {
  const char *mark = getenv("HANG_MARK");
  if (getenv("HANG_ALWAYS")) return 1;
  if (!mark) return 0;
  int fd = open(mark, O_CREAT | O_EXCL | O_WRONLY, 0600);
  if (fd < 0) return 0;
  close(fd);
  return 1;
}

static void hang(void) {
  for (;;) pause();
}

#pragma par distribute timeout(1)
int slow(int k) {
  if (k == 4 && first_time()) hang();
  return k;
}

int main(void) {
  if (getenv("FN")) {
    int r[4], sum = 0;
    for (int k = 0; k < 4; k++) {
#pragma par spawn
      r[k] = slow(k * 2);
    }
#pragma par sync
    for (int k = 0; k < 4; k++) sum += r[k] * 2;
    printf("sum %d\n", sum);
    return 0;
  }
  static int out[40];
#pragma par distribute schedule(dynamic, 1) timeout(2) retries(1)
  for (int i = 0; i < 40; i++) {
    if (i == 20 && first_time()) hang();
    out[i] = i;
  }
  int sum = 0;
  for (int i = 0; i < 40; i++) sum += out[i];
  printf("sum %d\n", sum);
  return 0;
}
