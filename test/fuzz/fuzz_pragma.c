/* fuzz_pragma.c: libFuzzer target for the `#pragma par` parser (lib/Transform/pragma.c).
 *
 * Each input is the text after `#pragma par`, handed over in a buffer of
 * exactly its size (libFuzzer's own), so AddressSanitizer catches a read past
 * the end. Besides not crashing, the parser must keep its contract: 0 or -1,
 * a well-formed error on -1, offsets inside the text on 0. A broken contract
 * aborts, which libFuzzer reports as a crash with the input saved.
 */
#include "pragma.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void require(int cond) {
  if (!cond) abort();
}

static void check_expr(const parcc_expr_t *e, size_t len) {
  if (!e->text) return;
  size_t n = strlen(e->text);
  require(n > 0 && e->text[0] != ' ' && e->text[n - 1] != ' ' && e->off < len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  parcc_pragma_t p;
  parcc_pragma_error_t err;
  int rc = parcc_pragma_parse((const char *)data, size, &p, &err);
  if (rc != 0) {
    const char *end = memchr(err.message, '\0', sizeof err.message);
    require(rc == -1);
    require(end && end > err.message && end[-1] != '.');
    require(memchr(err.hint, '\0', sizeof err.hint) != NULL);
    require(err.off <= size);
    require(p.clauses == NULL && p.nclauses == 0);
    return 0;
  }
  require(p.directive >= PARCC_DIR_DISTRIBUTE && p.directive <= PARCC_DIR_SYNC);
  require(p.directive_off < size);
  for (int i = 0; i < p.nclauses; i++) {
    const parcc_clause_t *c = &p.clauses[i];
    require(c->off < c->end && c->end <= size);
    for (int j = 0; j < c->nitems; j++) {
      const parcc_item_t *it = &c->items[j];
      require(it->name && it->name[0] && it->off < size);
      require(it->ndims >= 0 && it->ndims <= PARCC_MAX_DIMS);
      for (int k = 0; k < it->ndims; k++) {
        check_expr(&it->dims[k].lo, size);
        check_expr(&it->dims[k].len, size);
      }
    }
    check_expr(&c->arg, size);
    check_expr(&c->sched_chunk, size);
  }
  parcc_pragma_free(&p);
  return 0;
}
