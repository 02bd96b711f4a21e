// The valid neighbours of the spawn rules: chains of spawns passing pending
// left-hand sides as dependency arguments, several spawns into one variable,
// sizeof of a pending variable, reads after '#pragma par sync', the two
// branches of an if, a left-hand side through a pointer (not followed), a
// spawn in a loop with a sync inside it, a spawn without a left-hand side,
// a static callee defined later and a function only declared here (assumed
// distributed in another file: the link needs its par__spawn_ entry).
// RUN: rm -f %t.o
// RUN: %parcc -Wall -Wextra -Werror -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

#pragma par distribute
double sq(double x) { return x * x; }
static long later(long v, int k);
double elsewhere(double x, int k);
void use(double);

double chain(int n) {
  double a, b;
  long c;
#pragma par spawn
  a = sq(2.0);
#pragma par spawn
  b = sq(a);
#pragma par spawn
  c = later(b, n);
#pragma par spawn
  a = elsewhere(a, (int)sizeof a);
#pragma par sync
  return a + b + (double)c;
}

double branches(int c, double *out) {
  double r = 0;
  if (c)
#pragma par spawn
    r = sq(1.0);
  else
    r = 2;
#pragma par spawn
  *out = sq(3.0);
  use(*out);
#pragma par spawn
  elsewhere(r, 1);
#pragma par sync
  return r;
}

double loop(int n) {
  double acc = 0, t;
  for (int i = 0; i < n; i++) {
#pragma par spawn
    t = sq(i);
#pragma par sync
    acc += t;
  }
  return acc;
}

#pragma par distribute
static long later(long v, int k) { return v + k; }
