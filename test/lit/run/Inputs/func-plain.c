/* Built by a plain C compiler: calls a distributed function defined in
 * another translation unit, like any other function. */
#include "func-lib.h"

long plain_caller(long a, long b) {
  struct pair p = divmod(a, b);
  return p.q * 1000 + p.r;
}
