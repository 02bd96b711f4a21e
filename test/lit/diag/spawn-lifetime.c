// The left-hand side of a spawn is stored when the task completes, so a
// local variable must still exist then: a '#pragma par sync' must come
// after the spawn and before the end of the block that declares the
// variable. The implicit sync at return does not count (it runs when the
// function's locals are gone), nor does a sync after a loop whose body
// declares the variable (it dies at every iteration). Globals, statics
// and left-hand sides reached through a pointer are not concerned.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
int g(int x) { return x + 1; }

int total;

int in_loop(int n, int *out) {
  for (int i = 0; i < n; i++) {
    int tmp;
#pragma par spawn
    tmp = g(i);
// CHECK: spawn-lifetime.c:[[@LINE-1]]:5: error: 'tmp' may be written by the spawned task after its lifetime ends
// CHECK: note: add '#pragma par sync' after the spawn, before line [[@LINE+2]] where 'tmp' goes out of scope
    (void)out;
  }
#pragma par sync
  return 0;
}

void implicit_only(void) {
  int keep;
#pragma par spawn
  keep = g(1);
// CHECK: spawn-lifetime.c:[[@LINE-1]]:3: error: 'keep' may be written by the spawned task after its lifetime ends
}

int param(int x) {
#pragma par spawn
  x = g(x);
// CHECK: spawn-lifetime.c:[[@LINE-1]]:3: error: 'x' may be written by the spawned task after its lifetime ends
  return 0;
}

/* fine: synced in the block, a global, a static, through a pointer */
int fine(int n, int *p) {
  static int s;
  for (int i = 0; i < n; i++) {
    int tmp;
#pragma par spawn
    tmp = g(i);
#pragma par sync
    p[i] = tmp;
  }
#pragma par spawn
  total = g(2);
#pragma par spawn
  s = g(3);
#pragma par spawn
  *p = g(4);
  return 0;
}
