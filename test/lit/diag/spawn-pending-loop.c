// A spawn in a loop writes its left-hand side while the next iterations
// run: a use of it earlier in the same loop body (or in the spawn's own
// arguments, other than as a dependency) needs a '#pragma par sync' inside
// the loop between the spawn and the use.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
double sq(double x) { return x * x; }

double carried(int n) {
  double acc = 0, t = 0;
  for (int i = 0; i < n; i++) {
// CHECK: {{.*}}spawn-pending-loop.c:[[@LINE+4]]:12: error: 't' is used in the loop that spawns the task at line 20, which may still be writing it from the previous iteration
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |     acc += t;
// CHECK-NEXT: {{^ +\| {12}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-loop.c:[[@LINE+1]]:12: note: add '#pragma par sync' before this line
    acc += t;
#pragma par spawn
    t = sq(i);
  }
#pragma par sync
  return acc;
}

double own_args(int n) {
  double t = 1;
  while (n-- > 0) {
// CHECK: {{.*}}spawn-pending-loop.c:[[@LINE+5]]:12: error: 't' is used in the loop that spawns the task at line 34, which may still be writing it from the previous iteration
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |     t = sq(t + 1);
// CHECK-NEXT: {{^ +\| {12}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-loop.c:[[@LINE+2]]:12: note: add '#pragma par sync' before this line
#pragma par spawn
    t = sq(t + 1);
  }
#pragma par sync
  return t;
}

double synced(int n) {
  double acc = 0, t = 0;
  for (int i = 0; i < n; i++) {
    acc += t;
#pragma par spawn
    t = sq(i);
#pragma par sync
  }
  for (int i = 0; i < n; i++) {
#pragma par sync
    acc += t;
#pragma par spawn
    t = sq(i);
  }
#pragma par sync
  return acc;
}
