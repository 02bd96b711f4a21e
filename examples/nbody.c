/* nbody.c: all-pairs gravitational N-body simulation (leapfrog steps).
 *
 *   parcc -O2 nbody.c -o nbody && ./nbody [steps]
 *
 * Every step computes the acceleration of each body from all the others
 * (N^2 pairs: the distributed loop, each iteration writes its own row of
 * acc), then moves the bodies (a second distributed loop, each iteration
 * updates its own body). The state is in fixed-size global arrays, so no
 * map clause is needed: par maps them whole (`to` when a loop only reads
 * them, else `tofrom`). The energy is computed per body in a distributed
 * loop and summed in order by the serial code, as is the checksum.
 *
 * Sizes are PolyBench-style macros: -DNBODIES=... -DSTEPS=... Each body's
 * sum over the others runs in the same order in every build, and the
 * totals are summed serially, so the output is the same bits in a serial
 * build and at any worker count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef NBODIES
#define NBODIES 1024
#endif
#ifndef STEPS
#define STEPS 10
#endif
#define DATA_TYPE double
#define DT 0.001       /* time step */
#define SOFTENING 0.01 /* added to r^2: no infinite force at close range */

static DATA_TYPE pos[NBODIES][3], vel[NBODIES][3], acc[NBODIES][3], mass[NBODIES];
static DATA_TYPE energy[NBODIES];

/* Bodies on a jittered shell with a slight rotation; deterministic. */
static void init_bodies(void) {
  unsigned s = 7;
  for (int i = 0; i < NBODIES; i++) {
    double u[3];
    for (int d = 0; d < 3; d++) {
      s = s * 1103515245u + 12345u;
      u[d] = ((s >> 8) & 0xffff) / 65536.0 - 0.5;
    }
    pos[i][0] = u[0];
    pos[i][1] = u[1];
    pos[i][2] = u[2];
    vel[i][0] = -0.5 * u[1];
    vel[i][1] = 0.5 * u[0];
    vel[i][2] = 0.0;
    mass[i] = 1.0 / NBODIES * (1.0 + (i % 3));
  }
}

static void compute_acc(void) {
#pragma par distribute schedule(static)
  for (int i = 0; i < NBODIES; i++) {
    double ax = 0.0, ay = 0.0, az = 0.0;
    for (int j = 0; j < NBODIES; j++) {
      double dx = pos[j][0] - pos[i][0], dy = pos[j][1] - pos[i][1], dz = pos[j][2] - pos[i][2];
      double r2 = dx * dx + dy * dy + dz * dz + SOFTENING * SOFTENING;
      double inv = 1.0 / (r2 * sqrt(r2));
      ax += mass[j] * dx * inv;
      ay += mass[j] * dy * inv;
      az += mass[j] * dz * inv;
    }
    acc[i][0] = ax;
    acc[i][1] = ay;
    acc[i][2] = az;
  }
}

/* Kinetic energy of body i plus half its potential energy with every other
 * body (each pair's energy is split between its two bodies). */
static double total_energy(void) {
#pragma par distribute
  for (int i = 0; i < NBODIES; i++) {
    double e =
        0.5 * mass[i] * (vel[i][0] * vel[i][0] + vel[i][1] * vel[i][1] + vel[i][2] * vel[i][2]);
    for (int j = 0; j < NBODIES; j++) {
      if (j == i) continue;
      double dx = pos[j][0] - pos[i][0], dy = pos[j][1] - pos[i][1], dz = pos[j][2] - pos[i][2];
      e -= 0.5 * mass[i] * mass[j] / sqrt(dx * dx + dy * dy + dz * dz + SOFTENING * SOFTENING);
    }
    energy[i] = e;
  }
  double total = 0.0;
  for (int i = 0; i < NBODIES; i++)
    total += energy[i];
  return total;
}

int main(int argc, char **argv) {
  int steps = argc > 1 ? atoi(argv[1]) : STEPS;
  if (steps < 0) {
    fprintf(stderr, "usage: nbody [steps >= 0]\n");
    return 1;
  }
  init_bodies();
  double e0 = total_energy();
  compute_acc();
  for (int step = 0; step < steps; step++) {
    /* Kick-drift-kick leapfrog: half a kick with the old acceleration and
     * the drift in one loop, then the other half kick with the new one. */
#pragma par distribute
    for (int i = 0; i < NBODIES; i++)
      for (int d = 0; d < 3; d++) {
        vel[i][d] += 0.5 * DT * acc[i][d];
        pos[i][d] += DT * vel[i][d];
      }
    compute_acc();
#pragma par distribute
    for (int i = 0; i < NBODIES; i++)
      for (int d = 0; d < 3; d++)
        vel[i][d] += 0.5 * DT * acc[i][d];
  }
  double e1 = total_energy();

  double check = 0.0;
  for (int i = 0; i < NBODIES; i++)
    check += pos[i][0] + 2.0 * pos[i][1] + 3.0 * pos[i][2];
  printf("%d bodies, %d steps of %g\n", NBODIES, steps, DT);
  printf("energy before: %.12f\n", e0);
  printf("energy after:  %.12f\n", e1);
  printf("relative drift: %.3e\n", (e1 - e0) / fabs(e0));
  printf("body 0 at (%.9f, %.9f, %.9f)\n", pos[0][0], pos[0][1], pos[0][2]);
  printf("position checksum: %.12f\n", check);
  return 0;
}
