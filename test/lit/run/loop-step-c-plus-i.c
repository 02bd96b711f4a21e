// The step written `i = c + i` (the constant first), ascending, with c a
// literal and a variable, and a descending loop stepped by a negative
// variable, `i += c` with c < 0 and `i = i + c`. Prints iteration counts and
// the sum of the values of i each loop saw.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1000 4
// RUN: %run-compare %t.par %t.ser 1 3
// RUN: %run-compare %t.par %t.ser 0 3
// RUN: %t.par 1000 4 | FileCheck %s
// CHECK: 2+i ran 500 sum 249500
// CHECK: c+i ran 250 sum 124500
// CHECK: i+=-c ran 250 sum 125250
// CHECK: i=i+-c ran 250 sum 125250
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]), c = atoi(argv[2]);
  long ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = 0; i < n; i = 2 + i) {
    ran++;
    sum += i;
  }
  printf("2+i ran %ld sum %ld\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = 0; i < n; i = c + i) {
    ran++;
    sum += i;
  }
  printf("c+i ran %ld sum %ld\n", ran, sum);

  int neg = -c;
  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = n - 1; i >= 0; i += neg) {
    ran++;
    sum += i;
  }
  printf("i+=-c ran %ld sum %ld\n", ran, sum);

  ran = 0, sum = 0;
#pragma par distribute reduction(+ : ran, sum)
  for (int i = n - 1; i > -1; i = i + neg) {
    ran++;
    sum += i;
  }
  printf("i=i+-c ran %ld sum %ld\n", ran, sum);
  return 0;
}
