// Disjoint writes in patterns other than a[i]: a flattened matrix c[i*n + j]
// (each iteration a row), a transposed write cov[j][i] (each iteration a
// column, into a fixed 2-D array), the symmetric PolyBench covariance update
// (row i and column i from the diagonal on), and a scatter out[perm[i]]
// through a permutation. Elements nobody writes keep their values.
// RUN: %parcc -O2 %s -o %t.par && %serialcc -O2 %s -o %t.ser
// RUN: %run-compare %t.par %t.ser 53
// RUN: %run-compare %t.par %t.ser 1
// RUN: %t.par 53 | FileCheck %s
// CHECK: flat 0 1 2808 untouched -1
// CHECK: transposed 0 3 5356 untouched -1
// CHECK: symmetric 0 52 52 105
// CHECK: scatter sorted 1 untouched -1
#include <stdio.h>
#include <stdlib.h>

#define M 64

int cov[M][M], sym[M][M];

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  long *c = malloc((n * n + 1) * sizeof *c);
  int *perm = malloc(n * sizeof *perm), *out = malloc((n + 1) * sizeof *out);
  for (int i = 0; i < n * n + 1; i++)
    c[i] = -1;
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++)
      cov[i][j] = sym[i][j] = -1;
  for (int i = 0; i < n; i++)
    perm[i] = (int)((i * 17L + 5) % n); /* a permutation: 17 is prime to n */
  for (int i = 0; i <= n; i++)
    out[i] = -1;

#pragma par distribute map(tofrom : c[0:n * n])
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      c[i * n + j] = (long)i * j + i + j;

#pragma par distribute
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      cov[j][i] = 3 * j + i * 100;

#pragma par distribute
  for (int i = 0; i < n; i++)
    for (int j = i; j < n; j++) {
      sym[i][j] = i + j;
      sym[j][i] = i + j;
    }

#pragma par distribute map(to : perm[0:n]) map(tofrom : out[0:n])
  for (int i = 0; i < n; i++)
    out[perm[i]] = perm[i];

  unsigned long check = 0;
  for (int i = 0; i < n * n; i++)
    check = check * 31 + (unsigned long)c[i];
  printf("flat %ld %ld %ld untouched %ld\n", c[0], c[1 % (n * n)], c[n * n - 1], c[n * n]);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++)
      check = check * 31 + (unsigned long)cov[i][j] + (unsigned long)sym[i][j];
  printf("transposed %d %d %d untouched %d\n", cov[0][0], cov[1][0] * (n > 1), cov[n - 1][n - 1],
         cov[M - 1][M - 1]);
  printf("symmetric %d %d %d %d\n", sym[0][0], sym[0][n - 1], sym[n - 1][0], sym[n - 1][n - 1] + 1);
  int sorted = 1;
  for (int i = 0; i < n; i++)
    sorted &= out[i] == i;
  printf("scatter sorted %d untouched %d\n", sorted, out[n]);
  printf("checksum %lu\n", check);
  free(c);
  free(perm);
  free(out);
  return 0;
}
