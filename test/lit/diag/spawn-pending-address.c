// Taking the address of a spawn's left-hand side (or of an element or member
// of its variable) anywhere before the '#pragma par sync' that completes the
// spawn is an error: a pointer made before the spawn could read the variable
// while the task runs, and one made after it too.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
double sq(double x) { return x * x; }
void use(const double *);

double before(void) {
  double r = 0;
// CHECK: {{.*}}spawn-pending-address.c:[[@LINE+4]]:26: error: the address of 'r' is taken before the '#pragma par sync' that completes the spawn at line 20, which writes it (an alias could see it while the task runs)
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   const double *alias = &r;
// CHECK-NEXT: {{^ +\| {26}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-address.c:[[@LINE+1]]:26: note: take the address after the '#pragma par sync' that follows the spawn
  const double *alias = &r;
#pragma par spawn
  r = sq(2.0);
  use(alias);
#pragma par sync
  return r;
}

double after(void) {
  double v[4] = {0};
#pragma par spawn
  v[0] = sq(2.0);
// CHECK: {{.*}}spawn-pending-address.c:[[@LINE+4]]:8: error: the address of 'v' is taken while the task spawned at line 29 may still be writing it
// CHECK-NEXT: {{^ +}}[[@LINE+3]] |   use(&v[1]);
// CHECK-NEXT: {{^ +\| {8}\^$}}
// CHECK-NEXT: {{.*}}spawn-pending-address.c:[[@LINE+1]]:8: note: add '#pragma par sync' before this line
  use(&v[1]);
#pragma par sync
  return v[0];
}
