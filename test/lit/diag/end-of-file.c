// A distribute pragma on the last line of the file, with nothing after it,
// is an error at the pragma.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s
// RUN: not test -e %t.o
// The same without a final newline.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: printf 'void f(void) {}\n#pragma par distribute' > %t.d/nonl.c
// RUN: not %parcc -c %t.d/nonl.c -o %t.d/nonl.o 2>&1 | FileCheck --strict-whitespace --check-prefix=NONL %s
// RUN: not test -e %t.d/nonl.o
// NONL: {{.*}}nonl.c:2:1: error: '#pragma par distribute' must be followed by a for loop or a function definition
// NONL-NEXT: {{^ +}}2 | #pragma par distribute
// NONL-NEXT: {{^ +\| {1}\^$}}

void f(double *y, int n) {
  for (int i = 0; i < n; i++) y[i] = i;
}

// CHECK: {{.*}}end-of-file.c:[[@LINE+3]]:1: error: '#pragma par distribute' must be followed by a for loop or a function definition
// CHECK-NEXT: {{^ +}}[[@LINE+2]] | #pragma par distribute
// CHECK-NEXT: {{^ +\| {1}\^$}}
#pragma par distribute
