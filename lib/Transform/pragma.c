/* placeholder: implemented by the pragma-parser work */
#include "pragma.h"
#include <string.h>
int parcc_pragma_parse(const char *text, size_t len, parcc_pragma_t *out, parcc_pragma_error_t *err) {
  (void)text; (void)len; memset(out, 0, sizeof *out); memset(err, 0, sizeof *err);
  strcpy(err->message, "not implemented");
  return -1;
}
void parcc_pragma_free(parcc_pragma_t *p) { (void)p; }
const char *parcc_clause_name(enum parcc_clause_kind kind) { (void)kind; return "?"; }
const char *parcc_red_op_spelling(enum parcc_red_op op) { (void)op; return "?"; }
