/* pipeline.c: a three-stage pipeline with dataflow between spawns.
 *
 * Each block of a signal goes through generate -> smooth -> summarize.
 * The spawn of a stage passes the left-hand side of the previous stage's
 * spawn as an argument, so par runs it after that task and takes the value
 * where it was produced (under parrun, on the worker that ran the stage
 * before: the block does not travel back to the driver in between). While
 * block b is being smoothed, block b+1 is already being generated.
 *
 *   parcc -O2 examples/pipeline.c -o pipeline -lm
 *   ./pipeline [blocks]          # default 16
 *   parrun -n 3 ./pipeline
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define LEN 4096

struct block { double v[LEN]; int id; };
struct stats { double mean, peak; int id; };

#pragma par distribute
struct block generate(int id) {
  struct block b = {.id = id};
  for (int i = 0; i < LEN; i++) b.v[i] = sin(0.001 * i * (id + 1)) + 0.1 * cos(0.37 * i);
  return b;
}

#pragma par distribute
struct block smooth(struct block in) {
  struct block out = {.id = in.id};
  for (int i = 0; i < LEN; i++) {
    double s = 0;
    int n = 0;
    for (int k = i - 8; k <= i + 8; k++)
      if (k >= 0 && k < LEN) s += in.v[k], n++;
    out.v[i] = s / n;
  }
  return out;
}

#pragma par distribute
struct stats summarize(struct block b) {
  struct stats s = {0, 0, b.id};
  for (int i = 0; i < LEN; i++) {
    s.mean += b.v[i] / LEN;
    if (fabs(b.v[i]) > s.peak) s.peak = fabs(b.v[i]);
  }
  return s;
}

int main(int argc, char **argv) {
  int nblocks = argc > 1 ? atoi(argv[1]) : 16;
  if (nblocks < 1 || nblocks > 1000) nblocks = 16;
  struct stats *out = calloc((size_t)nblocks, sizeof *out);
  if (!out) return 1;
  struct block raw, smoothed;
  for (int b = 0; b < nblocks; b++) {
#pragma par spawn
    raw = generate(b);
#pragma par spawn
    smoothed = smooth(raw);
#pragma par spawn
    out[b] = summarize(smoothed);
  }
#pragma par sync
  for (int b = 0; b < nblocks; b++)
    printf("block %3d: mean % .6f  peak %.6f\n", out[b].id, out[b].mean, out[b].peak);
  free(out);
  return 0;
}
