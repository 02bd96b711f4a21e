// --emit-rewritten on a file with `#pragma par` prints the rewritten source,
// with #line directives back to this file, and writes nothing else; with -o
// it goes to that file.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %parcc --emit-rewritten %s | FileCheck %s
// RUN: %parcc --emit-rewritten %s -o rewritten.c
// RUN: FileCheck %s < rewritten.c
// RUN: ls | count 1
// CHECK: #line {{[0-9]+}} "{{.*}}emit-rewritten-pragma.c"
// CHECK: parrt_

void scale(double *a, int n, double s) {
#pragma par distribute map(tofrom: a[0:n])
  for (int i = 0; i < n; i++)
    a[i] *= s;
}
