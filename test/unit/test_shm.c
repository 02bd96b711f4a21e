/* test_shm.c: the driver's shared-memory segments (runtime/shm.c) and their
 * mappings in another process, as a worker on the driver's host uses them. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/shm.h"
#include "unit.h"

/* Not enabled: nothing comes from shared memory. */
TEST(off_by_default) {
  CHECK(par__shm_alloc(8u << 20, 16, false) == NULL);
  int x;
  CHECK(!par__shm_owns(&x));
  par__shm_ref_t r;
  CHECK(!par__shm_find(&x, sizeof x, &r));
}

TEST(alloc_find_free) {
  CHECK(par__shm_enable(1u << 16));
  CHECK(par__shm_alloc(1000, 16, false) == NULL); /* under the threshold */
  size_t n = (1u << 20) + 3;
  unsigned char *p = par__shm_alloc(n, 16, true);
  CHECK(p != NULL);
  CHECK(par__shm_owns(p));
  CHECK(par__shm_owns(p + n - 1));
  CHECK((uintptr_t)p % 4096 == 0);
  CHECK(par__shm_size(p) >= n);
  for (size_t i = 0; i < n; i++)
    CHECK(p[i] == 0);
  memset(p, 0xab, n);
  par__shm_ref_t r;
  CHECK(par__shm_find(p + 100, 1000, &r));
  CHECK(r.id >= 1);
  CHECK_EQ_INT(r.off, 100);
  CHECK(!par__shm_find(p + 100, par__shm_size(p), &r)); /* runs past the segment */
  unsigned char *q = par__shm_alloc(2u << 20, 4096, false);
  CHECK(q != NULL && q != p);
  par__shm_ref_t rq;
  CHECK(par__shm_find(q, 2u << 20, &rq));
  CHECK(rq.id != r.id);
  par__shm_free(p);
  CHECK(!par__shm_find(p, 1, &r));
  /* The freed range is used again. */
  unsigned char *p2 = par__shm_alloc(n, 16, false);
  CHECK(p2 == p);
  CHECK(p2[0] == 0); /* a new segment reads as zeros */
  par__shm_free(p2);
  par__shm_free(q);
}

/* Many allocations and frees in a row do not run out of address space
 * (freed ranges merge back). */
TEST(reuse_merges) {
  CHECK(par__shm_enable(1u << 16));
  for (int round = 0; round < 200; round++) {
    void *a = par__shm_alloc((size_t)(1 + round % 7) << 20, 16, false);
    void *b = par__shm_alloc(3u << 20, 16, false);
    CHECK(a && b);
    par__shm_free(a);
    par__shm_free(b);
  }
}

/* What a worker does: another process maps the segment by the driver's
 * pid and fd, reads what the driver wrote and writes in place. */
TEST(attach_from_other_process) {
  CHECK(par__shm_enable(1u << 16));
  size_t n = 4u << 20;
  double *a = par__shm_alloc(n, 16, false);
  CHECK(a != NULL);
  for (size_t i = 0; i < n / sizeof *a; i++)
    a[i] = (double)i;
  par__shm_ref_t r;
  CHECK(par__shm_find(a + 1000, 8 * 1000, &r));
  uint32_t pid = (uint32_t)getpid();
  CHECK(par__shm_same_machine(pid));
  pid_t c = fork();
  CHECK(c >= 0);
  if (c == 0) {
    char err[256];
    double *w = par__shm_attach(pid, &r, 8 * 1000, err, sizeof err);
    if (!w) _exit(3);
    for (int i = 0; i < 1000; i++) {
      if (w[i] != (double)(1000 + i)) _exit(4);
      w[i] = -w[i];
    }
    /* outside the segment, and a wrong id: refused with a reason */
    par__shm_ref_t bad = r;
    if (par__shm_attach(pid, &bad, n, err, sizeof err)) _exit(5);
    bad.id += 99;
    if (par__shm_attach(pid, &bad, 8, err, sizeof err)) _exit(6);
    if (!strstr(err, "not its segment")) _exit(7);
    par__shm_release(r.id);
    _exit(0);
  }
  int st;
  CHECK(waitpid(c, &st, 0) == c);
  CHECK(WIFEXITED(st));
  CHECK_EQ_INT(WEXITSTATUS(st), 0);
  CHECK(a[999] == 999.0);
  CHECK(a[1000] == -1000.0);
  CHECK(a[1999] == -1999.0);
  CHECK(a[2000] == 2000.0);
  par__shm_free(a);
}

/* The interposed allocator (not in sanitizer builds): after enabling,
 * large mallocs come from shared memory and free/realloc handle them. */
TEST(malloc_interposed) {
  CHECK(par__shm_enable(1u << 20));
  void *small = malloc(100);
  CHECK(small && !par__shm_owns(small));
  char *big = malloc(3u << 20);
  CHECK(big != NULL);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) &&                             \
    !(defined(__has_feature) &&                                                                    \
      (__has_feature(address_sanitizer) || __has_feature(thread_sanitizer)))
  CHECK(par__shm_owns(big));
#endif
  memset(big, 7, 3u << 20);
  char *bigger = realloc(big, 5u << 20);
  CHECK(bigger != NULL);
  CHECK(bigger[0] == 7 && bigger[(3u << 20) - 1] == 7);
  void *al = NULL;
  CHECK(posix_memalign(&al, 64, 2u << 20) == 0);
  CHECK((uintptr_t)al % 64 == 0);
  free(al);
  free(bigger);
  free(small);
}

UNIT_MAIN()
