// In a PAR_SANITIZE=address build, %serialcc (like %parcc) adds the sanitizer
// flags, and a report makes the program fail.
// REQUIRES: asan
// RUN: %serialcc -O1 -g %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// CHECK: ERROR: AddressSanitizer: heap-buffer-overflow
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(4 * sizeof *p);
  int v = p[argc + 3];
  free(p);
  return v == 12345;
}
