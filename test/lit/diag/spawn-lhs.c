// The result is stored through the left-hand side's address, taken at the
// spawn: a bit-field or a 'register' variable has none. Each is an error
// naming the left-hand side.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
int twice(int x) { return 2 * x; }

struct flags { unsigned ready : 1; unsigned count : 7; };

int bits(void) {
  struct flags fl = {0, 0};
// CHECK: {{.*}}spawn-lhs.c:[[@LINE+5]]:3: error: the left-hand side of a spawn cannot be the bit-field 'count': the result is stored through its address
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   fl.count = twice(3);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-lhs.c:[[@LINE+2]]:3: note: spawn into a temporary variable and copy it after '#pragma par sync'
#pragma par spawn
  fl.count = twice(3);
#pragma par sync
  return fl.count;
}

int reg(void) {
  register int r;
// CHECK: {{.*}}spawn-lhs.c:[[@LINE+5]]:3: error: the left-hand side of a spawn cannot be the 'register' variable 'r': the result is stored through its address
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   r = twice(3);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-lhs.c:[[@LINE+2]]:3: note: remove 'register' from its declaration
#pragma par spawn
  r = twice(3);
#pragma par sync
  return r;
}
