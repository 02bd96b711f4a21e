// The accepted ways to write a scalar in the body: private, lastprivate,
// reduction, or a variable declared inside the body. All compile.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: test -s %t.o

double f(double *y, int n) {
  double t = 0, last = 0, sum = 0;
#pragma par distribute map(tofrom: y[0:n]) private(t) lastprivate(last) reduction(+: sum)
  for (int i = 0; i < n; i++) {
    double local = y[i] * 2;
    t = local + 1;
    y[i] = t;
    last = t;
    sum += t;
  }
  return last + sum;
}
