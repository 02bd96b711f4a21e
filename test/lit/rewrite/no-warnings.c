// The rewritten code adds no warnings of its own: a file using maps of every
// kind, implicit arrays, reductions (scalar, section, whole array),
// private, firstprivate and lastprivate items, schedule, if, nowait and sync,
// descending and unsigned loops and an induction variable declared before
// the loop compiles cleanly with -Wall -Wextra -Werror.
// RUN: %parcc -O2 -Wall -Wextra -Werror -c %s -o %t.o
// RUN: %parcc -O0 -g -Wall -Wextra -Werror -std=c11 -c %s -o %t.g.o

struct pair {
  int a;
  double b;
};

static double grid[16][8];

double kernel(int n, const double *x, double *y, long *hist, int nb, struct pair p) {
  double sum = 0, t;
  int counts[4] = {0};
  struct pair last = {0, 0};
  int tab[3] = {1, 2, 3};
  unsigned u;
  long i;

#pragma par distribute map(to : x[0:n]) map(from : y[0:n]) reduction(+ : sum, hist[0:nb]) \
    reduction(+ : counts) private(t) firstprivate(tab) lastprivate(last) schedule(static, 4)
  for (int k = 0; k < n; k++) {
    t = x[k] * p.b + tab[k % 3] + grid[k % 16][k % 8];
    y[k] = t;
    sum += t;
    hist[k % nb]++;
    counts[k % 4]++;
    last.a = k;
    last.b = t;
  }

#pragma par distribute map(tofrom : y[0:n]) if(n > 100) nowait
  for (u = (unsigned)n; u > 0; u--)
    y[u - 1] *= 2;
#pragma par sync

#pragma par distribute map(tofrom : y[0:n]) schedule(dynamic)
  for (i = n - 1; i >= 0; i -= 2)
    y[i] += 1;

  return sum + counts[0] + last.b + (double)i + u;
}
