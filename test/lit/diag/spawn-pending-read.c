// After a spawn, its left-hand side is written whenever the task completes:
// reading it (or the array or struct variable it is part of) before the next
// '#pragma par sync' of the function is an error at the read, and so is
// writing it. Uses inside sizeof are fine, as are dependency arguments (an
// argument that is exactly the variable; a cast of it is a read) and later
// spawns into it (spawn-ok.c).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
double sq(double x) { return x * x; }
#pragma par distribute
double add(double a, int b) { return a + b; }
void use(double);
struct pair { double lo, hi; };
double global;

double reads(void) {
  double r, arr[4], b;
  struct pair p;
#pragma par spawn
  r = sq(2.0);
// CHECK: {{.*}}spawn-pending-read.c:[[@LINE+4]]:7: error: 'r' is used while the task spawned at line 22 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   use(r + 1);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-read.c:[[@LINE+1]]:7: note: add '#pragma par sync' before this line
  use(r + 1);
#pragma par spawn
  arr[1] = sq(2.0);
// CHECK: {{.*}}spawn-pending-read.c:[[@LINE+4]]:7: error: 'arr' is used while the task spawned at line 29 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   use(arr[0]);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-read.c:[[@LINE+1]]:7: note: add '#pragma par sync' before this line
  use(arr[0]);
#pragma par spawn
  p.lo = sq(1.0);
// CHECK: {{.*}}spawn-pending-read.c:[[@LINE+4]]:7: error: 'p' is used while the task spawned at line 36 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   use(p.hi);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-read.c:[[@LINE+1]]:7: note: add '#pragma par sync' before this line
  use(p.hi);
// CHECK: {{.*}}spawn-pending-read.c:[[@LINE+4]]:3: error: 'r' is used while the task spawned at line 22 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   r = 3;
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-read.c:[[@LINE+1]]:3: note: add '#pragma par sync' before this line
  r = 3;
  use(sizeof r);
#pragma par spawn
  b = add(2.0, 1);
// CHECK: {{.*}}spawn-pending-read.c:[[@LINE+5]]:19: error: 'b' is used while the task spawned at line 49 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   b = add(b, (int)b);
// CHECK-NEXT: {{^ +\| {19}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-read.c:[[@LINE+2]]:19: note: add '#pragma par sync' before this line
#pragma par spawn
  b = add(b, (int)b);
#pragma par spawn
  global = sq(1.0);
// CHECK: {{.*}}spawn-pending-read.c:[[@LINE+4]]:7: error: 'global' is used while the task spawned at line 57 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   use(global);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-read.c:[[@LINE+1]]:7: note: add '#pragma par sync' before this line
  use(global);
#pragma par sync
  return r + arr[1] + p.lo + b + global;
}
