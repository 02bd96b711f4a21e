/* offload.c: does a link need OpenMP offload?
 *
 * A program whose device loop was compiled earlier (`parcc -c k.c`, then
 * `parcc main.o k.o -o app`) must be linked with -fopenmp so that clang's
 * linker wrapper links the device image embedded in k.o and the program
 * gets libomp and libomptarget. clang puts that image in an ELF section
 * named ".llvm.offloading"; its name is in the object's section name table,
 * so an object or archive that contains those bytes needs the offload link.
 * Programs without device loops are linked without OpenMP.
 */
#define _GNU_SOURCE 1 /* memmem */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "util.h"

static int file_has_offload(const char *path) {
  size_t len;
  char *buf = drv_read_file(path, &len);
  if (!buf) return 0;
  static const char magic[] = ".llvm.offloading";
  int found =
      (len >= 4 && (!memcmp(buf, "\177ELF", 4) || (len >= 8 && !memcmp(buf, "!<arch>\n", 8)))) &&
      memmem(buf, len, magic, sizeof magic - 1) != NULL;
  free(buf);
  return found;
}

int drv_links_offload_objects(const drv_cmdline_t *cl) {
  for (int i = 0; i < cl->nargs; i++) {
    const drv_arg_t *a = &cl->args[i];
    if (a->kind == DRV_ARG_INPUT && a->input == DRV_INPUT_LINKER && a->value &&
        file_has_offload(a->value))
      return 1;
  }
  return 0;
}
