// schedule, if and nowait may each appear once.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}duplicate-clause.c:[[@LINE+4]]:61: error: '#pragma par distribute' cannot contain more than one 'schedule' clause
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) schedule(static) schedule(dynamic)
  // CHECK-NEXT: {{^ +\| {61}\^$}}
  // CHECK-NEXT: {{.*}}duplicate-clause.c:[[@LINE+1]]:61: note: remove one of them
#pragma par distribute map(tofrom: y[0:n]) schedule(static) schedule(dynamic)
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}duplicate-clause.c:[[@LINE+4]]:55: error: '#pragma par distribute' cannot contain more than one 'if' clause
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) if(n > 10) if(n > 5)
  // CHECK-NEXT: {{^ +\| {55}\^$}}
  // CHECK-NEXT: note: remove one of them
#pragma par distribute map(tofrom: y[0:n]) if(n > 10) if(n > 5)
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}duplicate-clause.c:[[@LINE+4]]:52: error: '#pragma par distribute' cannot contain more than one 'nowait' clause
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) nowait, nowait
  // CHECK-NEXT: {{^ +\| {52}\^$}}
  // CHECK-NEXT: note: remove one of them
#pragma par distribute map(tofrom: y[0:n]) nowait, nowait
  for (int i = 0; i < n; i++) y[i] = i;
#pragma par sync
}
