/* shm.c: shared-memory segments of the driver and their mappings in
 * workers on its host (the contract is in shm.h). */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shm.h"

#define PAR__SHM_RESERVE (1ull << 38) /* address space for segments: 256 GiB */
#define PAR__SHM_PAGE 4096u
#define PAR__SHM_WORKER_CACHE 64u /* unused mappings a worker keeps */

/* ---- driver -------------------------------------------------------------- */

typedef struct par__shm_seg {
  uintptr_t addr;
  size_t len;  /* mapped bytes (whole pages) */
  size_t size; /* what was asked for */
  int fd;
  uint64_t id;
} par__shm_seg_t;

typedef struct par__shm_hole {
  uintptr_t addr;
  size_t len;
} par__shm_hole_t;

static struct {
  pthread_mutex_t mu;
  atomic_bool on;
  _Atomic(uintptr_t) base; /* the reserved range [base, base + PAR__SHM_RESERVE) */
  uint64_t min;
  par__shm_seg_t *segs;
  size_t nsegs, capsegs;
  par__shm_hole_t *holes; /* free ranges, sorted by address, never adjacent */
  size_t nholes, capholes;
  uint64_t next_id;
} par__shm = {.mu = PTHREAD_MUTEX_INITIALIZER};

static bool par__shm_grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return true;
  size_t n = *cap ? 2 * *cap : 64;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * elem);
  if (!q) return false;
  *p = q;
  *cap = n;
  return true;
}

bool par__shm_enable(uint64_t min_bytes) {
  pthread_mutex_lock(&par__shm.mu);
  if (!atomic_load(&par__shm.base)) {
    void *b =
        mmap(NULL, PAR__SHM_RESERVE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (b == MAP_FAILED ||
        !par__shm_grow((void **)&par__shm.holes, &par__shm.capholes, 1, sizeof *par__shm.holes)) {
      if (b != MAP_FAILED) munmap(b, PAR__SHM_RESERVE);
      pthread_mutex_unlock(&par__shm.mu);
      return false;
    }
    par__shm.holes[0] = (par__shm_hole_t){(uintptr_t)b, PAR__SHM_RESERVE};
    par__shm.nholes = 1;
    atomic_store(&par__shm.base, (uintptr_t)b);
  }
  par__shm.min = min_bytes ? min_bytes : 1;
  atomic_store(&par__shm.on, true);
  pthread_mutex_unlock(&par__shm.mu);
  return true;
}

bool par__shm_same_machine(uint32_t pid) {
  char path[64];
  struct stat a, b;
  snprintf(path, sizeof path, "/proc/%u/exe", pid);
  if (stat(path, &a) != 0 || stat("/proc/self/exe", &b) != 0) return false;
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

bool par__shm_owns(const void *p) {
  uintptr_t b = atomic_load_explicit(&par__shm.base, memory_order_relaxed);
  return b && (uintptr_t)p - b < PAR__SHM_RESERVE;
}

/* The segment holding p, under mu; NULL if none. */
static par__shm_seg_t *par__shm_seg_of(uintptr_t p) {
  for (size_t i = 0; i < par__shm.nsegs; i++) {
    par__shm_seg_t *s = &par__shm.segs[i];
    if (p - s->addr < s->len) return s;
  }
  return NULL;
}

bool par__shm_find(const void *p, uint64_t len, par__shm_ref_t *out) {
  if (!par__shm_owns(p)) return false;
  bool ok = false;
  pthread_mutex_lock(&par__shm.mu);
  par__shm_seg_t *s = par__shm_seg_of((uintptr_t)p);
  uint64_t off = s ? (uintptr_t)p - s->addr : 0;
  if (s && len <= s->len - off) {
    *out = (par__shm_ref_t){.id = s->id, .fd = (uint32_t)s->fd, .off = off};
    ok = true;
  }
  pthread_mutex_unlock(&par__shm.mu);
  return ok;
}

/* Gives [addr, addr + len) back to the holes, merging neighbours. Under mu;
 * the holes array has room for one more. */
static void par__shm_hole_add(uintptr_t addr, size_t len) {
  size_t i = 0;
  while (i < par__shm.nholes && par__shm.holes[i].addr < addr)
    i++;
  par__shm_hole_t *h = par__shm.holes;
  bool left = i > 0 && h[i - 1].addr + h[i - 1].len == addr;
  bool right = i < par__shm.nholes && addr + len == h[i].addr;
  if (left && right) {
    h[i - 1].len += len + h[i].len;
    memmove(&h[i], &h[i + 1], (par__shm.nholes - i - 1) * sizeof *h);
    par__shm.nholes--;
  } else if (left) {
    h[i - 1].len += len;
  } else if (right) {
    h[i].addr = addr;
    h[i].len += len;
  } else {
    memmove(&h[i + 1], &h[i], (par__shm.nholes - i) * sizeof *h);
    h[i] = (par__shm_hole_t){addr, len};
    par__shm.nholes++;
  }
}

_Thread_local unsigned par__shm_busy;

void *par__shm_alloc(size_t size, size_t align, bool zero) {
  (void)zero; /* a new memfd reads as zeros */
  if (!atomic_load_explicit(&par__shm.on, memory_order_relaxed) || par__shm_busy ||
      size < par__shm.min ||
      align > PAR__SHM_PAGE || size > PAR__SHM_RESERVE / 4)
    return NULL;
  size_t len = (size + PAR__SHM_PAGE - 1) / PAR__SHM_PAGE * PAR__SHM_PAGE;
  pthread_mutex_lock(&par__shm.mu);
  if (!par__shm_grow((void **)&par__shm.segs, &par__shm.capsegs, par__shm.nsegs + 1,
                     sizeof *par__shm.segs) ||
      !par__shm_grow((void **)&par__shm.holes, &par__shm.capholes, par__shm.nholes + 1,
                     sizeof *par__shm.holes))
    goto err_unlock;
  size_t i = 0;
  while (i < par__shm.nholes && par__shm.holes[i].len < len)
    i++;
  if (i == par__shm.nholes) goto err_unlock;
  uintptr_t addr = par__shm.holes[i].addr;
  uint64_t id = ++par__shm.next_id;
  char name[64];
  snprintf(name, sizeof name, "par-%ld-%llu", (long)getpid(), (unsigned long long)id);
  int fd = memfd_create(name, MFD_CLOEXEC);
  if (fd < 0) goto err_unlock;
  if (ftruncate(fd, (off_t)len) != 0) goto err_close;
  if (mmap((void *)addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
    goto err_close;
  par__shm.holes[i].addr += len;
  par__shm.holes[i].len -= len;
  if (par__shm.holes[i].len == 0) {
    memmove(&par__shm.holes[i], &par__shm.holes[i + 1],
            (par__shm.nholes - i - 1) * sizeof *par__shm.holes);
    par__shm.nholes--;
  }
  par__shm.segs[par__shm.nsegs++] =
      (par__shm_seg_t){.addr = addr, .len = len, .size = size, .fd = fd, .id = id};
  pthread_mutex_unlock(&par__shm.mu);
  return (void *)addr;

err_close:
  close(fd);
err_unlock:
  pthread_mutex_unlock(&par__shm.mu);
  return NULL;
}

void par__shm_free(void *p) {
  pthread_mutex_lock(&par__shm.mu);
  par__shm_seg_t *s = par__shm_seg_of((uintptr_t)p);
  if (!s || (uintptr_t)p != s->addr) {
    pthread_mutex_unlock(&par__shm.mu);
    fprintf(stderr, "par: free(%p): not an address that malloc returned\n", p);
    abort();
  }
  /* Put the reservation back, and release the memory now: workers may
   * still map the file, but a file of size 0 holds no pages. */
  mmap((void *)s->addr, s->len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
       -1, 0);
  if (ftruncate(s->fd, 0) != 0) { /* the mapping is gone; the pages go with the fd */
  }
  close(s->fd);
  par__shm_hole_add(s->addr, s->len);
  *s = par__shm.segs[--par__shm.nsegs];
  pthread_mutex_unlock(&par__shm.mu);
}

size_t par__shm_size(const void *p) {
  pthread_mutex_lock(&par__shm.mu);
  par__shm_seg_t *s = par__shm_seg_of((uintptr_t)p);
  size_t n = s ? s->len - ((uintptr_t)p - s->addr) : 0;
  pthread_mutex_unlock(&par__shm.mu);
  return n;
}

/* ---- worker -------------------------------------------------------------- */

typedef struct par__shm_map {
  uint64_t id;
  unsigned char *addr;
  size_t len;
  uint32_t refs;
  uint64_t tick; /* last use */
} par__shm_map_t;

static struct {
  pthread_mutex_t mu;
  par__shm_map_t *maps;
  size_t n, cap;
  uint64_t tick;
} par__shm_w = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* Unmaps unused mappings beyond the cache's size, least recently used
 * first. Under mu. */
static void par__shm_trim(void) {
  for (;;) {
    size_t unused = 0, victim = SIZE_MAX;
    for (size_t i = 0; i < par__shm_w.n; i++) {
      if (par__shm_w.maps[i].refs) continue;
      unused++;
      if (victim == SIZE_MAX || par__shm_w.maps[i].tick < par__shm_w.maps[victim].tick) victim = i;
    }
    if (unused <= PAR__SHM_WORKER_CACHE) return;
    munmap(par__shm_w.maps[victim].addr, par__shm_w.maps[victim].len);
    par__shm_w.maps[victim] = par__shm_w.maps[--par__shm_w.n];
  }
}

/* Opens and maps the driver's segment; NULL with a reason on failure. */
static unsigned char *par__shm_map(uint32_t pid, const par__shm_ref_t *ref, size_t *len, char *err,
                                   size_t errlen) {
  char path[64], link[256], want[96];
  snprintf(path, sizeof path, "/proc/%u/fd/%u", pid, ref->fd);
  int fd = open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  /* The fd number may have been reused: the file must be the segment. */
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  ssize_t k = readlink(path, link, sizeof link - 1);
  link[k > 0 ? k : 0] = '\0';
  int wn = snprintf(want, sizeof want, "/memfd:par-%u-%llu", pid, (unsigned long long)ref->id);
  struct stat st;
  if (strncmp(link, want, (size_t)wn) != 0 || (link[wn] != '\0' && link[wn] != ' ')) {
    snprintf(err, errlen, "the driver's fd %u is '%s', not its segment %llu", ref->fd, link,
             (unsigned long long)ref->id);
    close(fd);
    return NULL;
  }
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    snprintf(err, errlen, "segment %llu of the driver is gone", (unsigned long long)ref->id);
    close(fd);
    return NULL;
  }
  void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    snprintf(err, errlen, "cannot map segment %llu: %s", (unsigned long long)ref->id,
             strerror(errno));
    return NULL;
  }
  *len = (size_t)st.st_size;
  return p;
}

void *par__shm_attach(uint32_t pid, const par__shm_ref_t *ref, uint64_t len, char *err,
                      size_t errlen) {
  pthread_mutex_lock(&par__shm_w.mu);
  par__shm_map_t *m = NULL;
  for (size_t i = 0; i < par__shm_w.n; i++)
    if (par__shm_w.maps[i].id == ref->id) m = &par__shm_w.maps[i];
  if (!m) {
    size_t mlen = 0;
    unsigned char *addr = par__shm_map(pid, ref, &mlen, err, errlen);
    if (!addr) goto err_unlock;
    if (!par__shm_grow((void **)&par__shm_w.maps, &par__shm_w.cap, par__shm_w.n + 1,
                       sizeof *par__shm_w.maps)) {
      munmap(addr, mlen);
      snprintf(err, errlen, "out of memory");
      goto err_unlock;
    }
    m = &par__shm_w.maps[par__shm_w.n++];
    *m = (par__shm_map_t){.id = ref->id, .addr = addr, .len = mlen};
  }
  if (ref->off > m->len || len > m->len - ref->off) {
    snprintf(err, errlen, "bytes [%llu, +%llu) are outside segment %llu (%zu bytes)",
             (unsigned long long)ref->off, (unsigned long long)len, (unsigned long long)ref->id,
             m->len);
    goto err_unlock;
  }
  m->refs++;
  m->tick = ++par__shm_w.tick;
  unsigned char *p = m->addr + ref->off;
  par__shm_trim();
  pthread_mutex_unlock(&par__shm_w.mu);
  return p;

err_unlock:
  pthread_mutex_unlock(&par__shm_w.mu);
  return NULL;
}

void par__shm_release(uint64_t id) {
  pthread_mutex_lock(&par__shm_w.mu);
  for (size_t i = 0; i < par__shm_w.n; i++)
    if (par__shm_w.maps[i].id == id && par__shm_w.maps[i].refs) par__shm_w.maps[i].refs--;
  par__shm_trim();
  pthread_mutex_unlock(&par__shm_w.mu);
}
