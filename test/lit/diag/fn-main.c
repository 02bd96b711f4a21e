// main cannot be a distributed function: it is where the program starts, on
// the driver.
// RUN: rm -f %t.o
// RUN: not %parcc -c %s -o %t.o 2>&1 | FileCheck --strict-whitespace %s --implicit-check-not=error:
// RUN: not test -e %t.o

// CHECK: {{.*}}fn-main.c:[[@LINE+5]]:5: error: 'main' cannot be a distributed function
// CHECK-NEXT: {{^ +}}[[@LINE+4]] | int main(void) { return 0; }
// CHECK-NEXT: {{^ +\| {5}\^$}}
// CHECK-NEXT: {{.*}}fn-main.c:[[@LINE+2]]:5: note: distribute the loops inside main, or move the work into a function that main calls
#pragma par distribute
int main(void) { return 0; }
