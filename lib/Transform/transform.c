/* placeholder: returns the input unchanged until the real transform lands */
#include "transform.h"
#include <stdlib.h>
#include <string.h>
int parcc_has_par_pragma(const char *text, size_t len) {
  (void)len;
  return strstr(text, "#pragma par") != NULL;
}
int parcc_transform(const char *path, const parcc_transform_opts_t *opts, FILE *diag,
                    parcc_transform_result_t *out) {
  (void)opts;
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(diag, "error: cannot read %s\n", path); return -1; }
  fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
  out->text = malloc((size_t)n + 1);
  out->len = fread(out->text, 1, (size_t)n, f);
  out->text[out->len] = 0;
  fclose(f);
  return 0;
}
