// Nested loops in the body: a triangular inner loop (work grows with i), a
// three-deep nest, a while loop and a do-while loop, with inner induction
// variables declared in the inner for statements.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 1500
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 100 | FileCheck %s
// CHECK: tri[99]=4851 cube[99]=73991 collatz[27]=111 digits[99]=2
// CHECK: total 161890 2526657
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *tri = malloc(n * sizeof *tri), *cube = malloc(n * sizeof *cube);
  int *collatz = malloc(n * sizeof *collatz), *digits = malloc(n * sizeof *digits);

#pragma par distribute map(from : tri[0:n], cube[0:n], collatz[0:n], digits[0:n])
  for (int i = 0; i < n; i++) {
    long t = 0;
    for (int j = 0; j < i; j++)
      t += j;
    tri[i] = t;

    long c = 0;
    for (int a = 0; a < 3; a++)
      for (int b = 0; b <= a; b++)
        for (int d = 0; d < i % 50; d++)
          c += a * b + d;
    cube[i] = c * 10 + (i % 7 == 1);

    long x = i + 1;
    int steps = 0;
    while (x != 1) {
      x = x % 2 ? 3 * x + 1 : x / 2;
      steps++;
    }
    collatz[i] = steps;

    int v = i, nd = 0;
    do {
      nd++;
      v /= 10;
    } while (v > 0);
    digits[i] = nd;
  }

  long s1 = 0, s2 = 0;
  for (int i = 0; i < n; i++) {
    s1 += tri[i] + digits[i];
    s2 += cube[i] + collatz[i];
  }
  printf("tri[%d]=%ld cube[%d]=%ld collatz[27]=%d digits[%d]=%d\n", n - 1, tri[n - 1], n - 1,
         cube[n - 1], n > 27 ? collatz[26] : -1, n - 1, digits[n - 1]);
  printf("total %ld %ld\n", s1, s2);
  free(tri);
  free(cube);
  free(collatz);
  free(digits);
  return 0;
}
