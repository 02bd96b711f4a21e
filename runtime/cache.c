/* cache.c: the on-disk chunk cache of loops with a `cache` clause (SPEC 2.1).
 *
 * What it does, for one execution of a loop (cache.h has the three calls;
 * docs/cache.md the user's view):
 *
 * Entries. An entry holds the outputs of one block of the loop's partition
 * (loop.c, point 3: boundaries fixed by niters, the schedule clause and the
 * reductions' sizes, never by the worker count), keyed by kind 'L', the
 * loop's id, the block's iterations [k0, k1) and a 128-bit hash of its
 * inputs. A loop that writes (map from/tofrom) an array that is not sliced
 * (PARRT_MAP_SLICE) cannot tell which block wrote what while blocks run at
 * once; such a loop has one entry for the whole execution, [0, niters).
 *
 * Inputs (the hash, in this order): the format version, the loop id, trip
 * count, lb, step, schedule, schedule chunk, the partition (nblocks, bsize),
 * the firstprivate env bytes, every map's kind, flags and extents, the bytes
 * of every `to`/`tofrom` map that is not sliced (hashed once per execution),
 * the reductions' operators, types and counts and the lastprivates' sizes;
 * then, per entry, k0 and k1, the entry's slice of every sliced `to`/`tofrom`
 * map, and for the entry with the last iteration the lastprivate variables'
 * current values (their buffer starts as a copy: loop.c, point 5). Never
 * addresses. `from` data is not an input: its elements are overwritten.
 *
 * Outputs (the payload, in this order): for each from/tofrom map, the bytes
 * of the entry's region (its slice, or the whole mapped section) as they
 * are after the entry ran; each block's reduction partials (count *
 * elem_size bytes per item: folded later in block order with the computed
 * ones, so the result is bit-identical to an uncached run); the lastprivate
 * values when the entry has the last iteration. Storing a block's whole
 * slice rather than what changed is exact for a loop without races: an
 * element of the slice that changed was written by this block alone, and
 * one that did not holds its input value, which the hash fixed.
 *
 * Files: <dir>/L<loop id, 16 hex>/<k0>-<k1>-<hash, 32 hex>, a 72-byte header
 * then the payload. Header (host byte order): "PARCACHE", u32 version, u32
 * kind, u64 id, k0, k1, hash[2], u64 payload length, u64 checksum (the
 * hash's first half over the 64 header bytes before it and the payload).
 * Written to a temporary file in the same directory, then renamed: a run
 * killed mid-write leaves a stray .tmp file, never a partial entry. Read
 * back only when its size, magic, version, key and checksum all agree; a
 * file that does not is reported in one warning and its block recomputed
 * (and rewritten).
 *
 * Threads: open and close run in the thread that runs the loop; store runs
 * in whichever thread finished the blocks (a pool thread, or the driver's
 * thread that drives its network: driver.c) and touches only those blocks' entries and atomics.
 */
#include "internal.h"

#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

/* ---- the hash ------------------------------------------------------------ */

/* XXH64's round on four lanes (32 bytes a step, the lanes independent so
 * that they overlap in the pipeline), each update framed by its length;
 * two 64-bit results from two different merges of the lanes. Not
 * cryptographic: keys are never chosen by an adversary. */
#define PAR__H_P1 0x9e3779b185ebca87ULL
#define PAR__H_P2 0xc2b2ae3d27d4eb4fULL
#define PAR__H_P3 0x165667b19e3779f9ULL
#define PAR__H_P4 0x85ebca77c2b2ae63ULL

static inline uint64_t par__rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

static inline uint64_t par__round(uint64_t v, uint64_t w) {
  return par__rotl(v + w * PAR__H_P2, 31) * PAR__H_P1;
}

static inline uint64_t par__avalanche(uint64_t x) {
  x ^= x >> 33;
  x *= PAR__H_P2;
  x ^= x >> 29;
  x *= PAR__H_P3;
  x ^= x >> 32;
  return x;
}

static inline void par__hash_word(par__hash_t *h, uint64_t w) {
  h->v[h->n & 3] = par__round(h->v[h->n & 3], w);
  h->n++;
}

void par__hash_init(par__hash_t *h, uint64_t seed) {
  h->v[0] = seed + PAR__H_P1 + PAR__H_P2;
  h->v[1] = seed + PAR__H_P2;
  h->v[2] = seed;
  h->v[3] = seed - PAR__H_P1;
  h->n = 0;
}

void par__hash_u64(par__hash_t *h, uint64_t v) {
  par__hash_word(h, v);
}

void par__hash_update(par__hash_t *h, const void *p, size_t len) {
  const unsigned char *s = p;
  par__hash_word(h, (uint64_t)len);
  size_t i = 0;
  /* whole stripes, lanes in the order par__hash_word would use them */
  if (len >= 32) {
    uint64_t v[4];
    unsigned r = (unsigned)(h->n & 3);
    for (int k = 0; k < 4; k++)
      v[k] = h->v[(r + (unsigned)k) & 3];
    for (; i + 32 <= len; i += 32) {
      uint64_t w[4];
      memcpy(w, s + i, 32);
      v[0] = par__round(v[0], w[0]);
      v[1] = par__round(v[1], w[1]);
      v[2] = par__round(v[2], w[2]);
      v[3] = par__round(v[3], w[3]);
    }
    for (int k = 0; k < 4; k++)
      h->v[(r + (unsigned)k) & 3] = v[k];
    h->n += i / 8;
  }
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    par__hash_word(h, w);
  }
  if (i < len) {
    uint64_t w = 0;
    memcpy(&w, s + i, len - i);
    par__hash_word(h, w);
  }
}

void par__hash_final(const par__hash_t *h, uint64_t out[2]) {
  const uint64_t *v = h->v;
  uint64_t a = par__rotl(v[0], 1) + par__rotl(v[1], 7) + par__rotl(v[2], 12) + par__rotl(v[3], 18);
  for (int k = 0; k < 4; k++)
    a = (a ^ par__round(0, v[k])) * PAR__H_P1 + PAR__H_P4;
  uint64_t b = par__rotl(v[3], 5) ^ par__rotl(v[2], 23) ^ par__rotl(v[1], 41) ^ v[0];
  for (int k = 3; k >= 0; k--)
    b = (b + par__round(PAR__H_P3, v[k])) * PAR__H_P2 ^ (b >> 27);
  out[0] = par__avalanche(a + h->n * 8);
  out[1] = par__avalanche(b ^ (h->n * PAR__H_P4));
}

/* ---- files --------------------------------------------------------------- */

static const char par__cache_magic[8] = {'P', 'A', 'R', 'C', 'A', 'C', 'H', 'E'};

const char *par__cache_dir(const char *clause_dir) {
  if (clause_dir && clause_dir[0]) return clause_dir;
  const char *d = par__config_get()->cache_dir;
  return d && d[0] ? d : ".par-cache";
}

static void par__cache_subdir(const char *dir, const par__cache_key_t *key, char *buf, size_t len) {
  snprintf(buf, len, "%s/%c%016" PRIx64, dir, (char)key->kind, key->id);
}

void par__cache_path(const char *dir, const par__cache_key_t *key, char *buf, size_t len) {
  snprintf(buf, len, "%s/%c%016" PRIx64 "/%" PRIu64 "-%" PRIu64 "-%016" PRIx64 "%016" PRIx64, dir,
           (char)key->kind, key->id, key->k0, key->k1, key->hash[0], key->hash[1]);
}

/* mkdir -p; 0 or -1 with errno. */
static int par__mkdirs(const char *path) {
  char buf[4096];
  size_t n = strlen(path);
  if (n == 0 || n >= sizeof buf) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(buf, path, n + 1);
  for (size_t i = 1; i <= n; i++) {
    if (buf[i] != '/' && buf[i] != '\0') continue;
    char c = buf[i];
    buf[i] = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
    buf[i] = c;
  }
  return 0;
}

static void par__cache_header(const par__cache_key_t *key, const void *payload, size_t len,
                              unsigned char hdr[PAR__CACHE_HEADER_BYTES]) {
  uint32_t version = PAR__CACHE_VERSION, kind = key->kind;
  uint64_t plen = len;
  memcpy(hdr, par__cache_magic, 8);
  memcpy(hdr + 8, &version, 4);
  memcpy(hdr + 12, &kind, 4);
  memcpy(hdr + 16, &key->id, 8);
  memcpy(hdr + 24, &key->k0, 8);
  memcpy(hdr + 32, &key->k1, 8);
  memcpy(hdr + 40, key->hash, 16);
  memcpy(hdr + 56, &plen, 8);
  par__hash_t h;
  par__hash_init(&h, 0x636865636bULL); /* "check" */
  par__hash_update(&h, hdr, 64);
  par__hash_update(&h, payload, len);
  uint64_t sum[2];
  par__hash_final(&h, sum);
  memcpy(hdr + 64, &sum[0], 8);
}

static int par__write_all(int fd, const void *p, size_t len) {
  const char *s = p;
  while (len) {
    ssize_t w = write(fd, s, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    s += w;
    len -= (size_t)w;
  }
  return 0;
}

int par__cache_write(const char *dir, const par__cache_key_t *key, const void *payload,
                     size_t len) {
  static atomic_uint_fast64_t counter;
  char sub[4096], path[4200], tmp[4200];
  par__cache_subdir(dir, key, sub, sizeof sub);
  if (par__mkdirs(sub) != 0) return -1;
  par__cache_path(dir, key, path, sizeof path);
  snprintf(tmp, sizeof tmp, "%s/.tmp.%ld.%" PRIuFAST64, sub, (long)getpid(),
           atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed));
  unsigned char hdr[PAR__CACHE_HEADER_BYTES];
  par__cache_header(key, payload, len, hdr);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return -1;
  int rc = par__write_all(fd, hdr, sizeof hdr);
  if (rc == 0 && len) rc = par__write_all(fd, payload, len);
  int saved = errno;
  if (close(fd) != 0 && rc == 0) rc = -1, saved = errno;
  if (rc == 0 && rename(tmp, path) != 0) rc = -1, saved = errno;
  if (rc != 0) {
    unlink(tmp);
    errno = saved;
  }
  return rc;
}

static int par__read_all(int fd, void *p, size_t len) {
  char *s = p;
  while (len) {
    ssize_t r = read(fd, s, len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return -1;
    s += r;
    len -= (size_t)r;
  }
  return 0;
}

int par__cache_read(const char *dir, const par__cache_key_t *key, void *payload, size_t len,
                    char *why, size_t why_len) {
  char path[4200];
  par__cache_path(dir, key, path, sizeof path);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return 0;
    snprintf(why, why_len, "cannot open it: %s", strerror(errno));
    return -1;
  }
  struct stat st;
  unsigned char hdr[PAR__CACHE_HEADER_BYTES], want[PAR__CACHE_HEADER_BYTES];
  int rc = -1;
  if (fstat(fd, &st) != 0) {
    snprintf(why, why_len, "cannot stat it: %s", strerror(errno));
  } else if ((uint64_t)st.st_size != PAR__CACHE_HEADER_BYTES + (uint64_t)len) {
    snprintf(why, why_len, "%lld bytes, expected %llu (truncated?)", (long long)st.st_size,
             (unsigned long long)(PAR__CACHE_HEADER_BYTES + (uint64_t)len));
  } else if (par__read_all(fd, hdr, sizeof hdr) != 0 ||
             (len && par__read_all(fd, payload, len) != 0)) {
    snprintf(why, why_len, "cannot read it");
  } else {
    par__cache_header(key, payload, len, want);
    if (memcmp(hdr, want, 8) != 0)
      snprintf(why, why_len, "not a par cache file");
    else if (memcmp(hdr + 8, want + 8, 4) != 0)
      snprintf(why, why_len, "another format version");
    else if (memcmp(hdr + 12, want + 12, 52) != 0)
      snprintf(why, why_len, "its key does not match its name");
    else if (memcmp(hdr + 64, want + 64, 8) != 0)
      snprintf(why, why_len, "checksum mismatch");
    else
      rc = 1;
  }
  close(fd);
  return rc;
}

/* ---- one loop execution -------------------------------------------------- */

struct par__cache_loop {
  par__job_t *job;
  const parrt_loop_desc_t *desc;
  const parrt_loop_args_t *args;
  const char *dir;
  bool whole;          /* one entry for the execution */
  uint64_t nent;       /* entries: nblocks, or 1 */
  uint64_t (*hash)[2]; /* per entry, owned */
  atomic_uint_fast64_t stored, write_failed;
  atomic_flag warned;
};

static bool par__map_slice(const parrt_loop_desc_t *d, const parrt_map_t *m, uint32_t j) {
  return (d->maps[j].flags & PARRT_MAP_SLICE) && m->off_min <= m->off_max;
}

static bool par__map_out(const parrt_loop_desc_t *d, uint32_t j) {
  return d->maps[j].kind == PARRT_MAP_FROM || d->maps[j].kind == PARRT_MAP_TOFROM;
}

static bool par__map_in(const parrt_loop_desc_t *d, uint32_t j) {
  return d->maps[j].kind == PARRT_MAP_TO || d->maps[j].kind == PARRT_MAP_TOFROM;
}

/* Elements of map j that iterations [k0, k1) touch: the slice (as the
 * driver cuts it) or the whole section. False when empty. */
static bool par__cache_region(const par__cache_loop_t *c, uint32_t j, uint64_t k0, uint64_t k1,
                              int64_t *first, uint64_t *count) {
  const parrt_map_t *m = &c->args->maps[j];
  if (!par__map_slice(c->desc, m, j)) {
    *first = m->lo;
    *count = m->len;
    return m->len > 0;
  }
  __int128 lb = c->args->lb, step = c->args->step;
  __int128 va = lb + (__int128)k0 * step, vb = lb + (__int128)(k1 - 1) * step;
  __int128 vmin = va < vb ? va : vb, vmax = va < vb ? vb : va;
  __int128 lo = vmin + m->off_min, hi = vmax + m->off_max;
  __int128 slo = m->lo, shi = (__int128)m->lo + (__int128)m->len - 1;
  if (lo < slo) lo = slo;
  if (hi > shi) hi = shi;
  if (hi < lo) return false;
  *first = (int64_t)lo;
  *count = (uint64_t)(hi - lo + 1);
  return true;
}

/* Entry e's blocks and iterations. */
static void par__cache_entry(const par__cache_loop_t *c, uint64_t e, uint64_t *b0, uint64_t *b1,
                             uint64_t *k0, uint64_t *k1) {
  const par__job_t *job = c->job;
  *b0 = c->whole ? 0 : e;
  *b1 = c->whole ? job->nblocks : e + 1;
  *k0 = par__block_lo(job->niters, job->nblocks, job->bsize, *b0);
  *k1 = par__block_lo(job->niters, job->nblocks, job->bsize, *b1);
}

static char *par__map_at(const parrt_map_t *m, int64_t elem) {
  return (char *)m->base + elem * (int64_t)m->elem_size;
}

/* Bytes of entry e's payload. */
static size_t par__cache_payload_len(const par__cache_loop_t *c, uint64_t e) {
  const par__job_t *job = c->job;
  uint64_t b0, b1, k0, k1, n = 0;
  par__cache_entry(c, e, &b0, &b1, &k0, &k1);
  for (uint32_t j = 0; j < job->nmaps; j++) {
    int64_t first;
    uint64_t count;
    if (par__map_out(c->desc, j) && par__cache_region(c, j, k0, k1, &first, &count))
      n += count * c->args->maps[j].elem_size;
  }
  for (uint32_t j = 0; j < job->nreds; j++)
    n += (b1 - b0) * job->reds[j].count * job->reds[j].elem_size;
  if (k1 == job->niters)
    for (uint32_t j = 0; j < job->nlasts; j++)
      n += job->lasts[j].size;
  return (size_t)n;
}

/* Copies entry e's outputs into `p` (to_cache) or back from it. */
static void par__cache_move(const par__cache_loop_t *c, uint64_t e, unsigned char *p,
                            bool to_cache) {
  const par__job_t *job = c->job;
  uint64_t b0, b1, k0, k1;
  par__cache_entry(c, e, &b0, &b1, &k0, &k1);
#define PAR__MOVE(place, bytes)                                                                    \
  do {                                                                                             \
    size_t n_ = (size_t)(bytes);                                                                   \
    if (to_cache)                                                                                  \
      memcpy(p, (place), n_);                                                                      \
    else                                                                                           \
      memcpy((place), p, n_);                                                                      \
    p += n_;                                                                                       \
  } while (0)
  for (uint32_t j = 0; j < job->nmaps; j++) {
    int64_t first;
    uint64_t count;
    const parrt_map_t *m = &c->args->maps[j];
    if (par__map_out(c->desc, j) && par__cache_region(c, j, k0, k1, &first, &count))
      PAR__MOVE(par__map_at(m, first), count * m->elem_size);
  }
  for (uint64_t b = b0; b < b1 && job->nreds; b++)
    for (uint32_t j = 0; j < job->nreds; j++)
      PAR__MOVE(job->data + b * job->stride + job->red_off[j],
                job->reds[j].count * job->reds[j].elem_size);
  if (k1 == job->niters)
    for (uint32_t j = 0; j < job->nlasts; j++)
      if (job->lasts[j].size) PAR__MOVE(job->last_bufs[j], job->lasts[j].size);
#undef PAR__MOVE
}

/* The inputs every entry shares (the header comment's first list). */
static void par__cache_hash_common(const par__cache_loop_t *c, par__hash_t *h) {
  const parrt_loop_desc_t *d = c->desc;
  const parrt_loop_args_t *a = c->args;
  const par__job_t *job = c->job;
  par__hash_init(h, PAR__CACHE_VERSION);
  par__hash_u64(h, d->id);
  par__hash_u64(h, a->niters);
  par__hash_u64(h, (uint64_t)a->lb);
  par__hash_u64(h, (uint64_t)a->step);
  par__hash_u64(h, d->schedule);
  par__hash_u64(h, (uint64_t)a->sched_chunk);
  par__hash_u64(h, job->nblocks);
  par__hash_u64(h, job->bsize);
  par__hash_update(h, a->env, a->env_size);
  par__hash_u64(h, d->nmaps);
  for (uint32_t j = 0; j < d->nmaps; j++) {
    const parrt_map_t *m = &a->maps[j];
    par__hash_u64(h, d->maps[j].kind);
    par__hash_u64(h, d->maps[j].flags);
    par__hash_u64(h, (uint64_t)m->lo);
    par__hash_u64(h, m->len);
    par__hash_u64(h, m->elem_size);
    par__hash_u64(h, (uint64_t)m->off_min);
    par__hash_u64(h, (uint64_t)m->off_max);
    if (par__map_in(d, j) && !par__map_slice(d, m, j) && m->len)
      par__hash_update(h, par__map_at(m, m->lo), m->len * m->elem_size);
  }
  par__hash_u64(h, d->nreds);
  for (uint32_t j = 0; j < d->nreds; j++) {
    par__hash_u64(h, d->reds[j].op);
    par__hash_u64(h, d->reds[j].type);
    par__hash_u64(h, a->reds[j].count);
    par__hash_u64(h, a->reds[j].elem_size);
  }
  par__hash_u64(h, d->nlasts);
  for (uint32_t j = 0; j < d->nlasts; j++)
    par__hash_u64(h, a->lasts[j].size);
}

static void par__cache_hash_entry(const par__cache_loop_t *c, const par__hash_t *common, uint64_t e,
                                  uint64_t out[2]) {
  const parrt_loop_desc_t *d = c->desc;
  const parrt_loop_args_t *a = c->args;
  uint64_t b0, b1, k0, k1;
  par__cache_entry(c, e, &b0, &b1, &k0, &k1);
  par__hash_t h = *common;
  par__hash_u64(&h, k0);
  par__hash_u64(&h, k1);
  for (uint32_t j = 0; j < d->nmaps; j++) {
    const parrt_map_t *m = &a->maps[j];
    int64_t first;
    uint64_t count;
    if (par__map_in(d, j) && par__map_slice(d, m, j) &&
        par__cache_region(c, j, k0, k1, &first, &count))
      par__hash_update(&h, par__map_at(m, first), count * m->elem_size);
  }
  if (k1 == a->niters)
    for (uint32_t j = 0; j < d->nlasts; j++)
      par__hash_update(&h, a->lasts[j].var, a->lasts[j].size);
  par__hash_final(&h, out);
}

static void par__cache_key_of(const par__cache_loop_t *c, uint64_t e, par__cache_key_t *key) {
  uint64_t b0, b1;
  key->kind = 'L';
  key->id = c->desc->id;
  par__cache_entry(c, e, &b0, &b1, &key->k0, &key->k1);
  key->hash[0] = c->hash[e][0];
  key->hash[1] = c->hash[e][1];
}

par__cache_loop_t *par__cache_loop_open(par__job_t *job, const parrt_loop_desc_t *desc,
                                        const parrt_loop_args_t *args) {
  par__cache_loop_t *c = calloc(1, sizeof *c);
  if (!c) par__fatal(&desc->loc, "out of memory");
  c->job = job;
  c->desc = desc;
  c->args = args;
  c->dir = par__cache_dir(desc->cache_dir);
  for (uint32_t j = 0; j < desc->nmaps; j++)
    if (par__map_out(desc, j) && !par__map_slice(desc, &args->maps[j], j)) c->whole = true;
  c->nent = c->whole ? 1 : job->nblocks;
  c->hash = malloc(c->nent * sizeof *c->hash);
  job->skip = calloc(job->nblocks ? job->nblocks : 1, 1);
  if (!c->hash || !job->skip) par__fatal(&desc->loc, "out of memory");
  atomic_init(&c->stored, 0);
  atomic_init(&c->write_failed, 0);
  atomic_flag_clear(&c->warned);

  par__hash_t common;
  par__cache_hash_common(c, &common);
  unsigned char *buf = NULL;
  size_t cap = 0;
  for (uint64_t e = 0; e < c->nent; e++) {
    par__cache_hash_entry(c, &common, e, c->hash[e]);
    par__cache_key_t key;
    par__cache_key_of(c, e, &key);
    size_t len = par__cache_payload_len(c, e);
    if (len > cap) {
      free(buf);
      cap = len;
      buf = malloc(cap);
      if (!buf) par__fatal(&desc->loc, "out of memory (%zu bytes for a cache entry)", cap);
    }
    char why[256];
    int rc = par__cache_read(c->dir, &key, buf, len, why, sizeof why);
    if (rc < 0) {
      char path[4200];
      par__cache_path(c->dir, &key, path, sizeof path);
      PAR__LOG_WARN("cache: ignoring %s (%s): recomputing it", path, why);
    }
    if (rc != 1) continue;
    par__cache_move(c, e, buf, false);
    uint64_t b0, b1, k0, k1;
    par__cache_entry(c, e, &b0, &b1, &k0, &k1);
    memset(job->skip + b0, 1, b1 - b0);
    job->nskip += b1 - b0;
  }
  free(buf);
  job->cache = c;
  return c;
}

static void par__cache_store_entry(par__cache_loop_t *c, uint64_t e) {
  par__cache_key_t key;
  par__cache_key_of(c, e, &key);
  size_t len = par__cache_payload_len(c, e);
  unsigned char *buf = malloc(len ? len : 1);
  if (!buf) par__fatal(&c->desc->loc, "out of memory (%zu bytes for a cache entry)", len);
  par__cache_move(c, e, buf, true);
  if (par__cache_write(c->dir, &key, buf, len) == 0) {
    atomic_fetch_add_explicit(&c->stored, 1, memory_order_relaxed);
  } else {
    atomic_fetch_add_explicit(&c->write_failed, 1, memory_order_relaxed);
    if (!atomic_flag_test_and_set(&c->warned))
      PAR__LOG_WARN(
          "cache: cannot write an entry of loop '%s' under %s: %s (the loop goes on uncached)",
          c->desc->name ? c->desc->name : "?", c->dir, strerror(errno));
  }
  free(buf);
}

void par__cache_loop_store(par__cache_loop_t *c, uint64_t b0, uint64_t b1) {
  if (!c || c->whole) return;
  for (uint64_t b = b0; b < b1; b++)
    if (!c->job->skip[b]) par__cache_store_entry(c, b);
}

void par__cache_loop_close(par__cache_loop_t *c) {
  if (!c) return;
  par__job_t *job = c->job;
  if (c->whole && job->nskip == 0 && job->nblocks) par__cache_store_entry(c, 0);
  uint64_t hit = c->whole ? (job->nskip ? 1 : 0) : job->nskip;
  PAR__LOG_INFO("cache: loop '%s': %" PRIu64 " chunks, %" PRIu64 " from cache, %" PRIu64
                " computed, %" PRIuFAST64 " stored (%s/L%016" PRIx64 ")",
                c->desc->name ? c->desc->name : "?", c->nent, hit, c->nent - hit,
                atomic_load(&c->stored), c->dir, c->desc->id);
  free(job->skip);
  job->skip = NULL;
  job->cache = NULL;
  free(c->hash);
  free(c);
}

/* ---- distributed functions ------------------------------------------------ */

static bool par__fn_param_mapped(const parrt_fn_desc_t *d, uint32_t p) {
  for (uint32_t k = 0; k < d->nmaps; k++)
    if (d->maps[k].param == p) return true;
  return false;
}

static const char *par__fn_map_data(const parrt_map_t *m) {
  return (const char *)m->base + m->lo * (int64_t)(m->elem_size ? m->elem_size : 1);
}

static size_t par__fn_payload_len(const parrt_fn_desc_t *d, const parrt_map_t *maps) {
  size_t n = d->ret_size;
  for (uint32_t k = 0; k < d->nmaps; k++)
    if (d->maps[k].kind == PARRT_MAP_FROM || d->maps[k].kind == PARRT_MAP_TOFROM)
      n += maps[k].len * maps[k].elem_size;
  return n;
}

bool par__cache_fn_lookup(const parrt_fn_desc_t *desc, const void *args, const parrt_map_t *maps,
                          void *ret, par__cache_key_t *key) {
  par__hash_t h;
  par__hash_init(&h, PAR__CACHE_VERSION);
  par__hash_u64(&h, desc->id);
  par__hash_u64(&h, desc->args_size);
  par__hash_u64(&h, desc->ret_size);
  par__hash_u64(&h, desc->nparams);
  for (uint32_t p = 0; p < desc->nparams; p++)
    if (!par__fn_param_mapped(desc, p))
      par__hash_update(&h, (const char *)args + desc->param_off[p], desc->param_size[p]);
  par__hash_u64(&h, desc->nmaps);
  for (uint32_t k = 0; k < desc->nmaps; k++) {
    const parrt_map_t *m = &maps[k];
    par__hash_u64(&h, desc->maps[k].kind);
    par__hash_u64(&h, desc->maps[k].param);
    par__hash_u64(&h, (uint64_t)m->lo);
    par__hash_u64(&h, m->len);
    par__hash_u64(&h, m->elem_size);
    if ((desc->maps[k].kind == PARRT_MAP_TO || desc->maps[k].kind == PARRT_MAP_TOFROM) && m->len)
      par__hash_update(&h, par__fn_map_data(m), m->len * m->elem_size);
  }
  *key = (par__cache_key_t){.kind = 'F', .id = desc->id};
  par__hash_final(&h, key->hash);

  const char *dir = par__cache_dir(desc->cache_dir);
  size_t len = par__fn_payload_len(desc, maps);
  unsigned char *buf = malloc(len ? len : 1);
  if (!buf) par__fatal(&desc->loc, "out of memory (%zu bytes for a cache entry)", len);
  char why[256];
  int rc = par__cache_read(dir, key, buf, len, why, sizeof why);
  if (rc < 0) {
    char path[4200];
    par__cache_path(dir, key, path, sizeof path);
    PAR__LOG_WARN("cache: ignoring %s (%s): recomputing it", path, why);
  }
  if (rc == 1) {
    const unsigned char *p = buf;
    if (desc->ret_size) memcpy(ret, p, desc->ret_size);
    p += desc->ret_size;
    for (uint32_t k = 0; k < desc->nmaps; k++) {
      if (desc->maps[k].kind != PARRT_MAP_FROM && desc->maps[k].kind != PARRT_MAP_TOFROM) continue;
      size_t n = maps[k].len * maps[k].elem_size;
      if (n) memcpy((char *)par__fn_map_data(&maps[k]), p, n);
      p += n;
    }
  }
  free(buf);
  PAR__LOG_DEBUG("cache: function '%s': %s", desc->name ? desc->name : "?",
                 rc == 1 ? "from cache" : "computed");
  return rc == 1;
}

void par__cache_fn_store(const parrt_fn_desc_t *desc, const parrt_map_t *maps, const void *ret,
                         const par__cache_key_t *key) {
  size_t len = par__fn_payload_len(desc, maps);
  unsigned char *buf = malloc(len ? len : 1), *p = buf;
  if (!buf) par__fatal(&desc->loc, "out of memory (%zu bytes for a cache entry)", len);
  if (desc->ret_size) memcpy(p, ret, desc->ret_size);
  p += desc->ret_size;
  for (uint32_t k = 0; k < desc->nmaps; k++) {
    if (desc->maps[k].kind != PARRT_MAP_FROM && desc->maps[k].kind != PARRT_MAP_TOFROM) continue;
    size_t n = maps[k].len * maps[k].elem_size;
    if (n) memcpy(p, par__fn_map_data(&maps[k]), n);
    p += n;
  }
  const char *dir = par__cache_dir(desc->cache_dir);
  if (par__cache_write(dir, key, buf, len) != 0)
    PAR__LOG_WARN("cache: cannot write an entry of function '%s' under %s: %s",
                  desc->name ? desc->name : "?", dir, strerror(errno));
  free(buf);
}
