/* depfile.c: rewrites the temp path in a dependency file to the user's path. */
#include "depfile.h"

#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* As clang's DependencyFileGenerator (PrintFilename, make format). */
char *drv_depfile_escape(const char *path) {
  size_t n = strlen(path);
  char *out = tool_xmalloc(3 * n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    char c = path[i];
    if (c == '#') {
      out[k++] = '\\';
    } else if (c == ' ') {
      out[k++] = '\\';
      for (size_t j = i; j > 0 && path[j - 1] == '\\'; j--)
        out[k++] = '\\';
    } else if (c == '$') {
      out[k++] = '$';
    }
    out[k++] = c;
  }
  out[k] = '\0';
  return out;
}

int drv_depfile_fix(const char *depfile, const char *tmp_src, const char *orig_src) {
  size_t len;
  char *text = drv_read_file(depfile, &len);
  if (!text)
    return errno == ENOENT ? 0 : (tool_error("cannot read '%s': %s", depfile, strerror(errno)), -1);

  const char *from = drv_depfile_escape(tmp_src);
  const char *to = drv_depfile_escape(orig_src);
  size_t nfrom = strlen(from), nto = strlen(to);

  size_t count = 0;
  for (const char *p = text; (p = strstr(p, from)) != NULL; p += nfrom)
    count++;
  if (count == 0) {
    free(text);
    return 0;
  }
  size_t outlen = len - count * nfrom + count * nto;
  char *out = malloc(outlen + 1);
  if (!out) {
    free(text);
    tool_error("out of memory");
    return -1;
  }
  char *w = out;
  const char *r = text;
  for (const char *p; (p = strstr(r, from)) != NULL; r = p + nfrom) {
    memcpy(w, r, (size_t)(p - r));
    w += p - r;
    memcpy(w, to, nto);
    w += nto;
  }
  size_t rest = len - (size_t)(r - text);
  memcpy(w, r, rest);
  w += rest;
  *w = '\0';

  int rc = drv_write_file(depfile, out, (size_t)(w - out));
  if (rc != 0)
    tool_error("cannot write '%s': %s", depfile, strerror(errno));
  free(out);
  free(text);
  return rc;
}
