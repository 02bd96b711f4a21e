// The device kinds are cpu, gpu and any.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o

void a(double *y, int n) {
  // CHECK: {{.*}}bad-device-kind.c:[[@LINE+4]]:51: error: unknown device kind 'tpu'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) device(tpu)
  // CHECK-NEXT: {{^ +\| {51}\^$}}
  // CHECK-NEXT: {{.*}}bad-device-kind.c:[[@LINE+1]]:51: note: did you mean 'cpu'?
#pragma par distribute map(tofrom: y[0:n]) device(tpu)
  for (int i = 0; i < n; i++) y[i] = i;
}

void b(double *y, int n) {
  // CHECK: {{.*}}bad-device-kind.c:[[@LINE+4]]:51: error: expected a device kind, found ')'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) device()
  // CHECK-NEXT: {{^ +\| {51}\^$}}
  // CHECK-NEXT: note: the device kinds are 'cpu', 'gpu' and 'any'
#pragma par distribute map(tofrom: y[0:n]) device()
  for (int i = 0; i < n; i++) y[i] = i;
}

void c(double *y, int n) {
  // CHECK: {{.*}}bad-device-kind.c:[[@LINE+4]]:51: error: unknown device kind 'fpga'
  // CHECK-NEXT: {{^ +}}[[@LINE+3]] | #pragma par distribute map(tofrom: y[0:n]) device(fpga)
  // CHECK-NEXT: {{^ +\| {51}\^$}}
  // CHECK-NEXT: note: {{.*}}
#pragma par distribute map(tofrom: y[0:n]) device(fpga)
  for (int i = 0; i < n; i++) y[i] = i;
}
