// lastprivate(last, where) on scalars: after the loop they hold the values
// assigned by the sequentially last iteration, for an ascending loop, a
// strided loop whose last iteration is not hi-1, a descending loop (last
// iteration is the lowest index), and schedule(static, 3) chunks.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 100003
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100003 | FileCheck %s
// CHECK: up last=300007 where=100002
// CHECK: strided last=200001.5 where=100000
// CHECK: down last=7 where=0
// CHECK: static3 last=100002 where=-100002
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long last = -1;
  int where = -1;
  double dlast = -1;

#pragma par distribute lastprivate(last, where)
  for (int i = 0; i < n; i++) {
    last = 3L * i + 1;
    where = i;
  }
  printf("up last=%ld where=%d\n", last, where);

#pragma par distribute lastprivate(dlast, where)
  for (int i = 0; i < n; i += 5) {
    dlast = 2.0 * i + 1.5;
    where = i;
  }
  printf("strided last=%.1f where=%d\n", dlast, where);

#pragma par distribute lastprivate(last, where)
  for (int i = n - 1; i >= 0; i--) {
    last = 3L * i + 7;
    where = i;
  }
  printf("down last=%ld where=%d\n", last, where);

#pragma par distribute lastprivate(last, where) schedule(static, 3)
  for (int i = 0; i < n; i++) {
    last = i;
    where = -i;
  }
  printf("static3 last=%ld where=%d\n", last, where);
  return 0;
}
