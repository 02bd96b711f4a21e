// `#pragma par spawn` applies to `lhs = f(args);` or `f(args);` only: any
// other statement is an error saying what to write instead.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

#pragma par distribute
double sq(double x) { return x * x; }

double compound(void) {
  double r = 0;
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:3: error: a spawned call can only be assigned with '=', not '+='
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   r += sq(1.0);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:3: note: spawn into a temporary 't = f(args);' and combine it after '#pragma par sync'
#pragma par spawn
  r += sq(1.0);
#pragma par sync
  return r;
}

double declaration(void) {
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:3: error: '#pragma par spawn' cannot apply to a declaration
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   double t = sq(2.0);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:3: note: declare 't' first, then spawn 't = f(args);'
#pragma par spawn
  double t = sq(2.0);
  return t;
}

double not_whole(void) {
  double r;
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:7: error: the right-hand side of a spawned assignment must be a call of a function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   r = sq(1.0) + 1;
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:7: note: spawn the call alone into a variable, and compute the rest after '#pragma par sync'
#pragma par spawn
  r = sq(1.0) + 1;
#pragma par sync
  return r;
}

double cast(void) {
  int r;
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:7: error: the right-hand side of a spawned assignment must be a call of a function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   r = (int)sq(1.0);
// CHECK-NEXT: {{^ +\| {7}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:7: note: spawn the call alone into a variable, and compute the rest after '#pragma par sync'
#pragma par spawn
  r = (int)sq(1.0);
#pragma par sync
  return r;
}

void discarded(void) {
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:3: error: '#pragma par spawn' must be followed by 'lhs = f(args);' or 'f(args);'
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   (void)sq(1.0);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:3: note: the call must be the whole statement, or the whole right-hand side of '='
#pragma par spawn
  (void)sq(1.0);
}

double returned(void) {
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:3: error: '#pragma par spawn' cannot apply to a return statement
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   return sq(1.0);
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:3: note: spawn into a variable, then '#pragma par sync' and return the variable
#pragma par spawn
  return sq(1.0);
}

void block(void) {
// CHECK: {{.*}}spawn-forms.c:[[@LINE+5]]:3: error: '#pragma par spawn' must be followed by 'lhs = f(args);' or 'f(args);'
// CHECK-NEXT: {{^ +}}[[@LINE+4]] |   {
// CHECK-NEXT: {{^ +\| {3}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+2]]:3: note: write 'lhs = f(args);' or 'f(args);' after '#pragma par spawn'
#pragma par spawn
  {
    sq(1.0);
  }
}

void nothing(void) {
// CHECK: {{.*}}spawn-forms.c:[[@LINE+4]]:1: error: '#pragma par spawn' must be followed by a call statement
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par spawn
// CHECK-NEXT: {{^ +\| {1}\^$}}
// CHECK-NEXT: {{.*}}spawn-forms.c:[[@LINE+1]]:1: note: write 'lhs = f(args);' or 'f(args);' after '#pragma par spawn'
#pragma par spawn
}
