/* A loop with a reduction and a slice: the program the admission and
 * two-host tests run. -DOTHER builds a different binary (another build id). */
#include <stdio.h>

#define N 200003
static double x[N], y[N];

int main(void) {
  for (int i = 0; i < N; i++) x[i] = (i % 1000) * 0.001;
  double s = 0;
#pragma par distribute reduction(+ : s)
  for (int i = 0; i < N; i++) {
    y[i] = 2 * x[i] + 1;
    s += x[i] * y[i];
  }
#ifdef OTHER
  s += 1;
#endif
  double t = 0;
  for (int i = 0; i < N; i++) t += y[i];
  printf("s=%.17g t=%.17g\n", s, t);
  return 0;
}
