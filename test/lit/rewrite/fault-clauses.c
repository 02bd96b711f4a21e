// retries(n) and timeout(s) reach the runtime: a loop's argument block and a
// function's descriptor carry them (-1 and 0 when not given).
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc -c %s -o %t.o

#define TRIES 3

#pragma par distribute retries(1) timeout(0.5)
double work(int i) { return i * 2.0; }
// CHECK-LABEL: par__fn_work
// CHECK: .retries = (int64_t)(1),
// CHECK: .timeout = (double)(0.5),

#pragma par distribute
double plain(int i) { return i; }
// CHECK-LABEL: par__fn_plain
// CHECK: .retries = -1,
// CHECK: .timeout = 0,

void f(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) retries(TRIES) timeout(2.5)
  for (int i = 0; i < n; i++) y[i] = i;
  // CHECK: par__args.retries = (int64_t)(TRIES);
  // CHECK-NEXT: par__args.timeout = (double)(2.5);
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) y[i] += 1;
  // CHECK: par__args.retries = -1;
  // CHECK-NOT: par__args.timeout
  // CHECK: parrt_loop_run
}
