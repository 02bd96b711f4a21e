// The schedule kinds are static, dynamic and guided; a chunk size must be a
// positive integer.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}bad-schedule-kind.c:[[@LINE+4]]:53: error: unknown schedule kind 'statik'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) schedule(statik)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
  // CHECK-NEXT: {{.*}}bad-schedule-kind.c:[[@LINE+1]]:53: note: did you mean 'static'?
#pragma par distribute map(tofrom: y[0:n]) schedule(statik)
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}bad-schedule-kind.c:[[@LINE+4]]:53: error: unknown schedule kind 'auto'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) schedule(auto)
  // CHECK-NEXT: {{^ +\| {53}\^$}}
  // CHECK-NEXT: note: the schedule kinds are 'static', 'dynamic' and 'guided'
#pragma par distribute map(tofrom: y[0:n]) schedule(auto)
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}bad-schedule-kind.c:[[@LINE+3]]:61: error: schedule chunk size must be a positive integer
  // CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute map(tofrom: y[0:n]) schedule(static, 0)
  // CHECK-NEXT: {{^ +\| {61}\^$}}
#pragma par distribute map(tofrom: y[0:n]) schedule(static, 0)
  for (int i = 0; i < n; i++) y[i] = i;
}
