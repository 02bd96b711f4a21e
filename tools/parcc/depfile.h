/* depfile.h: fixing up the dependency file of a rewritten source.
 *
 * clang compiled the rewritten copy in parcc's temp dir, so the make rule it
 * wrote (-MD, -MMD) names that copy; the build system needs the user's file.
 */
#ifndef PARCC_DEPFILE_H
#define PARCC_DEPFILE_H

/* Replaces every mention of `tmp_src` in the make-style dependency file
 * `depfile` by `orig_src` (both escaped as clang escapes them). Returns 0
 * (also when the file does not exist: nothing to fix), or -1 after printing
 * an error. */
int drv_depfile_fix(const char *depfile, const char *tmp_src, const char *orig_src);

/* The escaped form clang writes for `path` in a make rule: ' ' -> "\ ",
 * '#' -> "\#", '$' -> "$$". Kept string. */
char *drv_depfile_escape(const char *path);

#endif /* PARCC_DEPFILE_H */
