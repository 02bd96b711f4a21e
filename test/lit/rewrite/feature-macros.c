// A file that defines feature-test macros before its first #include (as C
// code that wants GNU or POSIX functions must) gets them: parcc's own
// declarations, put before the file's first line, include no C library
// header that would settle them first (include/par/abi.h). Strict modes,
// with the warnings that would catch an undeclared function, and with and
// without the file including <stdint.h> itself.
// RUN: %parcc -std=c99 -pedantic -Wall -Wextra -Werror %s -o %t && %t | FileCheck %s
// RUN: %parcc -std=c11 -pedantic -Wall -Wextra -Werror -DWITH_STDINT %s -o %t2 && %t2 | FileCheck %s
// RUN: %parcc -std=gnu17 -Wall -Wextra -Werror -DGUARDED %s -o %t3 && %t3 | FileCheck %s
// CHECK: cpus ok, sum 4950, copy abc
#ifdef GUARDED
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#else
#define _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifdef WITH_STDINT
#include <stdint.h>
#endif
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 100

int main(void) {
  cpu_set_t set;                                      /* _GNU_SOURCE */
  int ok = sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 1;
  struct timespec ts;
  ok = ok && clock_gettime(CLOCK_MONOTONIC, &ts) == 0; /* _POSIX_C_SOURCE */
  char *copy = strdup("abc");                          /* POSIX 2008 */
  long sum = 0;
  int i;
#pragma par distribute reduction(+ : sum)
  for (i = 0; i < N; i++)
    sum += i;
  printf("cpus %s, sum %ld, copy %s\n", ok ? "ok" : "NOT ok", sum, copy);
  free(copy);
  return 0;
}
