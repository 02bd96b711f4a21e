/* fn.c: distributed functions and spawns in one process (see fn.h).
 * (Being written: placeholder so the tree builds.) */
#include "internal.h"
