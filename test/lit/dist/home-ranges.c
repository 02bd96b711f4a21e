// Home ranges (docs/distributed.md, Scheduling): a loop's blocks are split
// among the workers in rank order, each a share proportional to its
// threads, the same share in every execution. With schedule(static) a
// worker takes its whole share as one task and nothing is left to steal,
// so which worker ran which iteration is fixed: halves with 2 workers,
// thirds with 3, in every repetition of the loop.
// RUN: %parcc -O2 %s -o %t
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 2 %t | FileCheck %s --check-prefix=TWO
// RUN: env PAR_REMOTE_MIN_US=0 %parrun -n 3 %t | FileCheck %s --check-prefix=THREE
// TWO-COUNT-3: ran 0-499 on rank 1, 500-999 on rank 2
// THREE-COUNT-3: ran 0-332 on rank 1, 333-665 on rank 2, 666-999 on rank 3
#include <par.h>
#include <stdio.h>

#define N 1000

static int who[N];

int main(void) {
  int i, rep;
  for (rep = 0; rep < 3; rep++) {
#pragma par distribute schedule(static) map(from : who[0:N])
    for (i = 0; i < N; i++)
      who[i] = par_rank();
    printf("ran");
    for (i = 0; i < N;) {
      int j = i;
      while (j + 1 < N && who[j + 1] == who[i]) j++;
      printf("%s %d-%d on rank %d", i ? "," : "", i, j, who[i]);
      i = j + 1;
    }
    printf("\n");
  }
  return 0;
}
