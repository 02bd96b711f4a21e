/* shm_alloc.c: malloc and friends for parcc-built programs (shm.h).
 *
 * Linked into programs only from the static runtime (parcc links
 * libparrt.a, and a program's own undefined `malloc` pulls this object out
 * of the archive), never into libparrt.so, and
 * not in sanitizer builds, whose runtimes own malloc. Until the driver
 * turns shared memory on (par__shm_enable) every call goes straight to the
 * C library's allocator (__libc_malloc & co., which glibc exports for
 * exactly this); afterwards, blocks of at least PAR_SHM_MIN bytes come from
 * par__shm_alloc. free, realloc and malloc_usable_size tell the two apart
 * by address (par__shm_owns: one comparison).
 *
 * These definitions have default visibility, so that every library of the
 * process frees our blocks with our free (getline() reallocating a user's
 * buffer, say).
 */
#include "internal.h"

#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "shm.h"

extern void *__libc_malloc(size_t);
extern void __libc_free(void *);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

#define PAR__API_MALLOC __attribute__((visibility("default")))

PAR__API_MALLOC void *malloc(size_t n) {
  void *p = par__shm_alloc(n, 16, false);
  return p ? p : __libc_malloc(n);
}

PAR__API_MALLOC void free(void *p) {
  if (par__shm_owns(p))
    par__shm_free(p);
  else
    __libc_free(p);
}

PAR__API_MALLOC void *calloc(size_t n, size_t size) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) {
    errno = ENOMEM;
    return NULL;
  }
  void *p = par__shm_alloc(bytes, 16, true);
  return p ? p : __libc_calloc(n, size);
}

PAR__API_MALLOC void *realloc(void *old, size_t n) {
  if (!par__shm_owns(old)) return __libc_realloc(old, n);
  size_t have = par__shm_size(old);
  if (n <= have && n > have / 2) return old;
  void *p = malloc(n ? n : 1);
  if (!p) return NULL;
  memcpy(p, old, n < have ? n : have);
  par__shm_free(old);
  return p;
}

static void *par__shm_aligned(size_t align, size_t n) {
  void *p = par__shm_alloc(n, align, false);
  return p ? p : __libc_memalign(align, n);
}

PAR__API_MALLOC int posix_memalign(void **out, size_t align, size_t n) {
  if (align < sizeof(void *) || (align & (align - 1))) return EINVAL;
  void *p = par__shm_aligned(align, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

PAR__API_MALLOC void *aligned_alloc(size_t align, size_t n) {
  if (align == 0 || (align & (align - 1))) {
    errno = EINVAL;
    return NULL;
  }
  return par__shm_aligned(align, n);
}

PAR__API_MALLOC void *memalign(size_t align, size_t n) {
  return par__shm_aligned(align, n);
}

PAR__API_MALLOC void *valloc(size_t n) {
  return par__shm_aligned(4096, n);
}

PAR__API_MALLOC void *pvalloc(size_t n) {
  return par__shm_aligned(4096, (n + 4095) & ~(size_t)4095);
}

PAR__API_MALLOC size_t malloc_usable_size(void *p) {
  if (!p) return 0;
  if (par__shm_owns(p)) return par__shm_size(p);
  static size_t (*libc_usable)(void *);
  if (!libc_usable) libc_usable = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
  return libc_usable ? libc_usable(p) : 0;
}
