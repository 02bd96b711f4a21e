/* fuzz_parcc.c: libFuzzer target for parcc's whole transform (lib/Transform).
 *
 * Each input is a whole C source file. It is written to a temporary file
 * (libclang reads files) and run through parcc_transform() exactly as parcc
 * does, with `include/` of the source tree on the include path (par.h).
 * parcc must never crash, hang or leak on any input, and keep its contract:
 * 0 with text, 1 with at least one error reported and no text, or -1 (not
 * the user's fault: libclang failed) with no text. A broken contract aborts,
 * which libFuzzer reports as a crash with the input saved.
 *
 * libclang itself is not instrumented (it is the system's); what runs
 * under AddressSanitizer and UBSan is parcc's own code (pragma parser,
 * analysis, emitter). Seeds: corpus/parcc/ (small programs taken from the
 * lit tests and examples). Inputs over 64 KiB are skipped: libclang's time
 * grows with them, not the coverage of parcc.
 */
#include "transform.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PAR_FUZZ_INCLUDE_DIR
#error "PAR_FUZZ_INCLUDE_DIR must name the source tree's include/"
#endif

static void require(int cond) {
  if (!cond) abort();
}

static char path[256];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 65536) return 0;
  if (!path[0]) {
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/par-fuzz-parcc-%ld.c", tmp && *tmp ? tmp : "/tmp",
             (long)getpid());
  }
  FILE *f = fopen(path, "wb");
  if (!f) return 0;
  if (size) fwrite(data, 1, size, f);
  fclose(f);

  static const char *const args[] = {"-I" PAR_FUZZ_INCLUDE_DIR, "-std=gnu11"};
  parcc_transform_opts_t opts = {.clang_args = args, .nclang_args = 2, .color = 0, .clang = NULL};
  parcc_transform_result_t out;
  memset(&out, 0, sizeof out);
  FILE *diag = fopen("/dev/null", "w");
  require(diag != NULL);
  int rc = parcc_transform(path, &opts, diag, &out);
  fclose(diag);
  require(rc == 0 || rc == 1 || rc == -1);
  if (rc == 0) {
    require(out.text != NULL && out.text[out.len] == '\0');
    require(out.nerrors == 0);
    require(out.npragmas >= 0);
  } else {
    require(out.text == NULL);
    if (rc == 1) require(out.nerrors > 0);
  }
  /* the fast path's test agrees on files without any pragma */
  if (rc == 0 && out.npragmas > 0) require(parcc_has_par_pragma((const char *)data, size));
  free(out.text);
  unlink(path);
  return 0;
}
