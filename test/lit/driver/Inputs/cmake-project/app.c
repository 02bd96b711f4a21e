#include <par.h>
#include <stdio.h>

#pragma par distribute
long square(long x) { return x * x; }

int main(void) {
  long sum = 0;
#pragma par distribute reduction(+ : sum)
  for (long i = 1; i <= 1000; i++) sum += i;
  printf("sum=%ld square=%ld version=%s workers>0=%d\n", sum, square(12), PAR_VERSION_STRING,
         par_num_workers() > 0);
  return 0;
}
