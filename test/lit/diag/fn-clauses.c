// Loop clauses mean nothing on a function: each is an error naming it.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}fn-clauses.c:[[@LINE+12]]:24: error: clause 'reduction' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+11]] | #pragma par distribute reduction(+: s) private(t) firstprivate(u)
// CHECK-NEXT: {{^ +\| {24}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+9]]:24: note: a distributed function takes map, retries, timeout, cache and device clauses
// CHECK: {{.*}}fn-clauses.c:[[@LINE+8]]:40: error: clause 'private' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+7]] | #pragma par distribute reduction(+: s) private(t) firstprivate(u)
// CHECK-NEXT: {{^ +\| {40}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+5]]:40: note: a distributed function takes map, retries, timeout, cache and device clauses
// CHECK: {{.*}}fn-clauses.c:[[@LINE+4]]:51: error: clause 'firstprivate' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute reduction(+: s) private(t) firstprivate(u)
// CHECK-NEXT: {{^ +\| {51}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+1]]:51: note: a distributed function takes map, retries, timeout, cache and device clauses
#pragma par distribute reduction(+: s) private(t) firstprivate(u)
int f(int s, int t, int u) { return s + t + u; }

// CHECK: {{.*}}fn-clauses.c:[[@LINE+16]]:24: error: clause 'lastprivate' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+15]] | #pragma par distribute lastprivate(s) schedule(static) if(s > 0) nowait
// CHECK-NEXT: {{^ +\| {24}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+13]]:24: note: a distributed function takes map, retries, timeout, cache and device clauses
// CHECK: {{.*}}fn-clauses.c:[[@LINE+12]]:39: error: clause 'schedule' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+11]] | #pragma par distribute lastprivate(s) schedule(static) if(s > 0) nowait
// CHECK-NEXT: {{^ +\| {39}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+9]]:39: note: a distributed function takes map, retries, timeout, cache and device clauses
// CHECK: {{.*}}fn-clauses.c:[[@LINE+8]]:56: error: clause 'if' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+7]] | #pragma par distribute lastprivate(s) schedule(static) if(s > 0) nowait
// CHECK-NEXT: {{^ +\| {56}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+5]]:56: note: a distributed function takes map, retries, timeout, cache and device clauses
// CHECK: {{.*}}fn-clauses.c:[[@LINE+4]]:66: error: clause 'nowait' is not allowed on a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute lastprivate(s) schedule(static) if(s > 0) nowait
// CHECK-NEXT: {{^ +\| {66}\^$}}
// CHECK-NEXT: {{.*}}fn-clauses.c:[[@LINE+1]]:66: note: a distributed function takes map, retries, timeout, cache and device clauses
#pragma par distribute lastprivate(s) schedule(static) if(s > 0) nowait
int g(int s) { return s; }
