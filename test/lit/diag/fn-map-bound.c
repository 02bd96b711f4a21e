// The stub evaluates a map clause's bounds before the call, where only the
// parameters and file-scope names exist: a bound naming a local variable of
// the function, or a name that is none of these, is an error naming it.
// Parameters, globals, enumerators, macros, sizeof and members of a
// parameter are fine (fn-map-bound-ok.c).
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}fn-map-bound.c:[[@LINE+4]]:36: error: the map bound of 'v' uses 'len', a local variable of 'local'
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: v[0:len])
// CHECK-NEXT: {{^ +\| {36}\^$}}
// CHECK-NEXT: {{.*}}fn-map-bound.c:[[@LINE+1]]:36: note: the bounds are evaluated by the caller, before the call: use parameters, constants and globals
#pragma par distribute map(to: v[0:len])
double local(const double *v, int n) {
  int len = n;
  return v[len - 1];
}

int count;
// CHECK: {{.*}}fn-map-bound.c:[[@LINE+8]]:56: error: the map bound of 'v' uses 'extra', a local variable of 'unknown'
// CHECK-NEXT: {{^ +}}[[@LINE+7]] | #pragma par distribute map(to: v[first:count - first + extra + total])
// CHECK-NEXT: {{^ +\| {56}\^$}}
// CHECK-NEXT: {{.*}}fn-map-bound.c:[[@LINE+5]]:56: note: the bounds are evaluated by the caller, before the call: use parameters, constants and globals
// CHECK: {{.*}}fn-map-bound.c:[[@LINE+4]]:64: error: the map bound of 'v' uses 'total', which is not a parameter of 'unknown', a constant or a global
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(to: v[first:count - first + extra + total])
// CHECK-NEXT: {{^ +\| {64}\^$}}
// CHECK-NEXT: {{.*}}fn-map-bound.c:[[@LINE+1]]:64: note: the bounds are evaluated by the caller, before the call: use parameters, constants and globals
#pragma par distribute map(to: v[first:count - first + extra + total])
double unknown(const double *v, int first) {
  int extra = 0;
  return v[first + extra];
}
