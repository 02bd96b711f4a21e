// device(cpu) is the default and is supported: this compiles, alone or with
// the other clauses that work in this version.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test -s %t.o

void a(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n]) device(cpu)
  for (int i = 0; i < n; i++) y[i] = i;
}

double b(double *y, int n) {
  double s = 0;
#pragma par distribute device(cpu), map(to: y[0:n]), reduction(+: s), schedule(static, 4), if(n > 100)
  for (int i = 0; i < n; i++) s += y[i];
  return s;
}
