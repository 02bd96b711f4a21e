// Map bounds of a distributed function may use its parameters (and their
// members), globals, enumerators, macros and sizeof: the stub evaluates them
// before the call.
// RUN: rm -f %t.o
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

#define ROWS(n) ((n) * 2)
enum { PAD = 1 };
int extra = 3;
struct shape { int rows, cols; };
typedef double real;

#pragma par distribute map(to: v[0:ROWS(s.rows) + PAD + extra]) map(from: out[0:sizeof(real) * s.cols])
double f(const real *v, struct shape s, unsigned char *out) {
  out[0] = 1;
  return v[s.rows - 1];
}
