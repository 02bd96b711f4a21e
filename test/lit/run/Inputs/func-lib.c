/* The distributed functions of func-multitu.c, in their own translation
 * unit: callers in other files (one of them built by a plain cc) reach them
 * through the stubs, and spawns reach them through par__spawn_<name>. */
#include "func-lib.h"

#pragma par distribute map(to : v[0:n])
double norm1(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += v[i] < 0 ? -v[i] : v[i];
  return s;
}

#pragma par distribute
struct pair divmod(long a, long b) {
  struct pair p = {a / b, a % b};
  return p;
}
