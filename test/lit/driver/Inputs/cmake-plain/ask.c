#include <par.h>
#include <stdio.h>

int main(void) {
  printf("rank=%d workers>0=%d\n", par_rank(), par_num_workers() > 0);
  return 0;
}
