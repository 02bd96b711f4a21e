/* A small par program: one distributed loop, its sum printed. */
#include <stdio.h>

int main(void) {
  long sum = 0;
  int i;
#pragma par distribute reduction(+ : sum)
  for (i = 0; i < 100; i++)
    sum += i;
  printf("sum %ld\n", sum);
  return 0;
}
