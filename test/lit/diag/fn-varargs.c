// A distributed function cannot take a variable number of arguments: the
// argument block has a fixed layout. The error points at the '...'.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o
#include <stdarg.h>

// CHECK: {{.*}}fn-varargs.c:[[@LINE+5]]:18: error: distributed function 'total' cannot take a variable number of arguments ('...')
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int total(int n, ...) {
// CHECK-NEXT: {{^ +\| {18}\^$}}
// CHECK-NEXT: {{.*}}fn-varargs.c:[[@LINE+2]]:18: note: give the function a fixed list of parameters
#pragma par distribute
int total(int n, ...) {
  va_list ap;
  int s = 0;
  va_start(ap, n);
  for (int i = 0; i < n; i++) s += va_arg(ap, int);
  va_end(ap);
  return s;
}
