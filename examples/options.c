/* options.c: Monte Carlo pricing of a book of European options, one
 * distributed function call per option.
 *
 * price() is an ordinary C function with `#pragma par distribute` in front:
 * every call runs as a task on some worker (under parrun) or on the
 * in-process pool (./app). main() spawns one call per option and syncs once;
 * the results land in prices[k] as the tasks complete. Each option draws
 * from its own seeded generator, so the output is the same at any worker
 * count, and in a serial build (cc, pragmas ignored).
 *
 *   parcc -O2 examples/options.c -o options -lm
 *   ./options [paths]            # default 200000 paths per option
 *   parrun -n 4 ./options
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct option {
  double spot, strike, rate, vol, years;
  int call; /* 1: call, 0: put */
};

/* xorshift64*, then Box-Muller: a small deterministic generator per task */
static double uniform(uint64_t *s) {
  *s ^= *s >> 12, *s ^= *s << 25, *s ^= *s >> 27;
  return (double)((*s * 2685821657736338717ull) >> 11) * 0x1.0p-53;
}

static double gauss(uint64_t *s) {
  double u = uniform(s), v = uniform(s);
  if (u < 1e-300) u = 1e-300;
  return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

#pragma par distribute
double price(struct option o, int paths, uint64_t seed) {
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
  double drift = (o.rate - 0.5 * o.vol * o.vol) * o.years, diff = o.vol * sqrt(o.years);
  double sum = 0;
  for (int p = 0; p < paths; p++) {
    double st = o.spot * exp(drift + diff * gauss(&s));
    double pay = o.call ? st - o.strike : o.strike - st;
    sum += pay > 0 ? pay : 0;
  }
  return exp(-o.rate * o.years) * sum / paths;
}

int main(int argc, char **argv) {
  int paths = argc > 1 ? atoi(argv[1]) : 200000;
  enum { N = 24 };
  struct option book[N];
  double prices[N];
  for (int k = 0; k < N; k++)
    book[k] = (struct option){.spot = 100, .strike = 80 + 2.5 * (k / 2), .rate = 0.03,
                              .vol = 0.2 + 0.01 * (k % 5), .years = 1.0, .call = k % 2 == 0};
  for (int k = 0; k < N; k++) {
#pragma par spawn
    prices[k] = price(book[k], paths, (uint64_t)k + 1);
  }
#pragma par sync
  double total = 0;
  for (int k = 0; k < N; k++) {
    printf("%-4s K=%6.2f vol=%.2f  %8.3f\n", book[k].call ? "call" : "put", book[k].strike,
           book[k].vol, prices[k]);
    total += prices[k];
  }
  printf("book value: %.3f (%d options, %d paths each)\n", total, N, paths);
  return 0;
}
