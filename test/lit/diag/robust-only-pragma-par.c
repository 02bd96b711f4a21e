// A file holding only `#pragma par` (no directive): an error at the end of
// the pragma, exit 1, no object.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: echo '#pragma par' > %t.d/only.c
// RUN: bash -c '%parcc -c %t.d/only.c -o %t.d/only.o; echo "rc=$?"' 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.d/only.o
// CHECK: {{.*}}only.c:1:12: error: expected a directive after '#pragma par'
// CHECK-NEXT: {{^ +}}1 | #pragma par
// CHECK-NEXT: {{^ +\| {12}\^$}}
// CHECK-NEXT: {{.*}}only.c:1:12: note: the directives are 'distribute', 'spawn' and 'sync'
// CHECK: rc=1
