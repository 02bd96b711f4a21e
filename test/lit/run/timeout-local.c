// timeout(s) in one process (./app, no parrun): a running chunk cannot be
// abandoned, so a loop or a call that runs longer than its timeout stops
// the program with exit 2 and a message naming it (file:line); work that
// finishes in time is not affected, and retries(n) changes nothing here.
// RUN: %parcc -O1 %s -o %t
// RUN: %t | FileCheck %s --check-prefix=OK
// RUN: env HANG=loop not %t 2>&1 | FileCheck %s --check-prefix=LOOP
// RUN: env HANG=fn not %t 2>&1 | FileCheck %s --check-prefix=FN
// RUN: bash -c 'HANG=loop %t >/dev/null 2>&1; echo rc=$?' | FileCheck %s --check-prefix=RC
//
// OK: sum 4950 twice 8
// LOOP: par: error: loop 'main:{{[0-9]+}}' ({{.*}}timeout-local.c:[[@LINE+19]]) ran longer than its timeout(1): a task that runs in this process cannot be abandoned, so the program stops
// FN: par: error: function 'twice' ({{.*}}timeout-local.c:[[@LINE+7]]) ran longer than its timeout(1)
// RC: rc=2
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#pragma par distribute timeout(1) retries(3)
int twice(int k) {
  const char *h = getenv("HANG");
  if (h && strcmp(h, "fn") == 0) sleep(30);
  return 2 * k;
}

int main(void) {
  const char *h = getenv("HANG");
  int hang = h && strcmp(h, "loop") == 0;
  static int out[100];
#pragma par distribute timeout(1) retries(2)
  for (int i = 0; i < 100; i++) {
    if (hang && i == 50) sleep(30);
    out[i] = i;
  }
  int sum = 0;
  for (int i = 0; i < 100; i++) sum += out[i];
  printf("sum %d twice %d\n", sum, twice(4));
  return 0;
}
