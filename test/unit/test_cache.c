/* test_cache.c: the on-disk chunk cache (runtime/cache.c).
 *
 * The hash's framing, the entry files (round trip, atomic write, every kind
 * of damage detected: size, magic, version, key, checksum), and loops with
 * PARRT_LOOP_CACHE run through parrt_loop_run with hand-written chunk
 * functions: a rerun computes nothing and gives the same bits, removed or
 * damaged entries are the only blocks computed again, and a loop writing an
 * unsliced array has one entry per execution.
 */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <ftw.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "par/abi.h"
#include "runtime/cache.h"
#include "unit.h"

static char *temp_dir(void) {
  char tmpl[] = "/tmp/par-test-cache-XXXXXX";
  char *d = mkdtemp(tmpl);
  CHECK(d != NULL);
  return strdup(d);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

static void remove_dir(char *dir) {
  CHECK_EQ_INT(nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS), 0);
  free(dir);
}

/* Files in dir/sub whose name starts with a digit (entries, not .tmp). */
static int count_entries(const char *dir, int *tmp_files) {
  DIR *top = opendir(dir);
  if (!top) return 0;
  int n = 0;
  if (tmp_files) *tmp_files = 0;
  struct dirent *e;
  while ((e = readdir(top))) {
    if (e->d_name[0] == '.') continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
    DIR *d = opendir(sub);
    if (!d) continue;
    struct dirent *f;
    while ((f = readdir(d))) {
      if (f->d_name[0] >= '0' && f->d_name[0] <= '9') n++;
      if (tmp_files && strncmp(f->d_name, ".tmp", 4) == 0) (*tmp_files)++;
    }
    closedir(d);
  }
  closedir(top);
  return n;
}

/* ---- the hash ------------------------------------------------------------- */

static void hash_of(const char *a, const char *b, uint64_t out[2]) {
  par__hash_t h;
  par__hash_init(&h, 1);
  par__hash_update(&h, a, strlen(a));
  par__hash_update(&h, b, strlen(b));
  par__hash_final(&h, out);
}

TEST(hash_framing_and_determinism) {
  uint64_t x[2], y[2], z[2];
  hash_of("ab", "c", x);
  hash_of("a", "bc", y);
  hash_of("ab", "c", z);
  CHECK(x[0] != y[0] && x[1] != y[1]);
  CHECK(x[0] == z[0] && x[1] == z[1]);
  /* one bit anywhere in a long input changes both halves */
  static unsigned char buf[4099];
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = (unsigned char)(i * 7);
  par__hash_t h;
  uint64_t base[2], flip[2];
  par__hash_init(&h, 0);
  par__hash_update(&h, buf, sizeof buf);
  par__hash_final(&h, base);
  for (size_t i = 0; i < sizeof buf; i += 511) {
    buf[i] ^= 1;
    par__hash_init(&h, 0);
    par__hash_update(&h, buf, sizeof buf);
    par__hash_final(&h, flip);
    buf[i] ^= 1;
    CHECK(flip[0] != base[0] && flip[1] != base[1]);
  }
  /* trailing zero bytes are not the same input as none */
  par__hash_init(&h, 0);
  par__hash_update(&h, buf, 3);
  par__hash_final(&h, x);
  unsigned char four[4] = {buf[0], buf[1], buf[2], 0};
  par__hash_init(&h, 0);
  par__hash_update(&h, four, 4);
  par__hash_final(&h, y);
  CHECK(x[0] != y[0]);
}

/* ---- files ------------------------------------------------------------------ */

static void patch(const char *path, long off, const void *bytes, size_t n) {
  int fd = open(path, O_WRONLY);
  CHECK(fd >= 0);
  CHECK(pwrite(fd, bytes, n, off) == (ssize_t)n);
  close(fd);
}

TEST(entry_round_trip_and_damage) {
  char *dir = temp_dir();
  par__cache_key_t key = {.kind = 'L', .id = 0x1234, .k0 = 10, .k1 = 20, .hash = {1, 2}};
  double payload[16], back[16];
  for (int i = 0; i < 16; i++)
    payload[i] = i * 1.25;
  char why[256], path[4200];
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), 0);
  CHECK_EQ_INT(par__cache_write(dir, &key, payload, sizeof payload), 0);
  int tmp = -1;
  CHECK_EQ_INT(count_entries(dir, &tmp), 1);
  CHECK_EQ_INT(tmp, 0);
  par__cache_path(dir, &key, path, sizeof path);
  CHECK(strstr(path, "/L0000000000001234/10-20-00000000000000010000000000000002") != NULL);
  memset(back, 0, sizeof back);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), 1);
  CHECK(memcmp(back, payload, sizeof back) == 0);

  /* another expected length: the size says so */
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back - 8, why, sizeof why), -1);
  CHECK(strstr(why, "truncated") != NULL);
  /* a payload byte */
  unsigned char x = 0x5a;
  patch(path, PAR__CACHE_HEADER_BYTES + 3, &x, 1);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), -1);
  CHECK_STREQ(why, "checksum mismatch");
  /* the magic, the version, the key */
  CHECK_EQ_INT(par__cache_write(dir, &key, payload, sizeof payload), 0);
  patch(path, 0, "X", 1);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), -1);
  CHECK_STREQ(why, "not a par cache file");
  CHECK_EQ_INT(par__cache_write(dir, &key, payload, sizeof payload), 0);
  uint32_t v = 99;
  patch(path, 8, &v, 4);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), -1);
  CHECK_STREQ(why, "another format version");
  CHECK_EQ_INT(par__cache_write(dir, &key, payload, sizeof payload), 0);
  uint64_t k0 = 11;
  patch(path, 24, &k0, 8);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), -1);
  CHECK_STREQ(why, "its key does not match its name");
  /* cut short */
  CHECK_EQ_INT(par__cache_write(dir, &key, payload, sizeof payload), 0);
  CHECK_EQ_INT(truncate(path, 40), 0);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), -1);
  /* rewritten: good again, and the original bytes came back intact */
  CHECK_EQ_INT(par__cache_write(dir, &key, payload, sizeof payload), 0);
  CHECK_EQ_INT(par__cache_read(dir, &key, back, sizeof back, why, sizeof why), 1);
  CHECK(memcmp(back, payload, sizeof back) == 0);
  /* an empty payload is an entry too */
  par__cache_key_t k2 = key;
  k2.k1 = 30;
  CHECK_EQ_INT(par__cache_write(dir, &k2, NULL, 0), 0);
  CHECK_EQ_INT(par__cache_read(dir, &k2, back, 0, why, sizeof why), 1);
  /* a directory that cannot be made */
  CHECK_EQ_INT(par__cache_write("/proc/par-no-such/dir", &key, payload, sizeof payload), -1);
  remove_dir(dir);
}

/* ---- loops ------------------------------------------------------------------ */

static atomic_long executed;

/* map(to: in[0:n]) map(from: out[0:n]) reduction(+: sum) lastprivate(last),
 * sliced: out[i] = in[i] * 3 + 1 / (i + 1). */
static void slice_chunk(const parrt_chunk_t *c) {
  const double *in = c->maps[0];
  double *out = c->maps[1];
  double sum = 0;
  for (uint64_t k = c->k0; k < c->k1; k++) {
    out[k] = in[k] * 3 + 1.0 / (double)(k + 1);
    sum += out[k];
  }
  *(double *)c->red[0] += sum;
  if (c->last) *(int64_t *)c->last[0] = (int64_t)c->k1 * 7;
  atomic_fetch_add(&executed, (long)(c->k1 - c->k0));
}

static const parrt_map_desc_t slice_maps[2] = {
    {"in", PARRT_MAP_TO, PARRT_MAP_SLICE, 8},
    {"out", PARRT_MAP_FROM, PARRT_MAP_SLICE | PARRT_MAP_WRITTEN, 8}};
static const parrt_red_desc_t slice_red = {"sum", PARRT_RED_ADD, PARRT_T_DOUBLE};
static const parrt_last_desc_t slice_last = {"last"};

typedef struct run {
  double sum;
  int64_t last;
  long executed;
  double out[1000];
} run_t;

static void run_slice(const char *dir, uint32_t flags, const double *in, run_t *r) {
  parrt_loop_desc_t desc = {.struct_size = sizeof desc,
                            .abi_version = PARRT_ABI_VERSION,
                            .id = 77,
                            .name = "slice",
                            .loc = {"test_cache.c", "run_slice", 1, 1},
                            .chunk = slice_chunk,
                            .schedule = PARRT_SCHED_DYNAMIC,
                            .flags = flags,
                            .nmaps = 2,
                            .nreds = 1,
                            .nlasts = 1,
                            .maps = slice_maps,
                            .reds = &slice_red,
                            .lasts = &slice_last,
                            .cache_dir = dir};
  memset(r, 0, sizeof *r);
  r->last = -1;
  parrt_map_t maps[2] = {{(void *)in, 0, 1000, 8, 0, 0}, {r->out, 0, 1000, 8, 0, 0}};
  parrt_red_t red = {&r->sum, 1, 8};
  parrt_last_t last = {&r->last, 8};
  parrt_loop_args_t args = {.struct_size = sizeof args,
                            .niters = 1000,
                            .lb = 0,
                            .step = 1,
                            .maps = maps,
                            .reds = &red,
                            .lasts = &last,
                            .sched_chunk = 10,
                            .retries = -1};
  atomic_store(&executed, 0);
  parrt_loop_run(&desc, &args, NULL);
  r->executed = atomic_load(&executed);
}

static int same_run(const run_t *a, const run_t *b) {
  return memcmp(&a->sum, &b->sum, sizeof a->sum) == 0 && a->last == b->last &&
         memcmp(a->out, b->out, sizeof a->out) == 0;
}

/* The entry file of block [k0, k0+10) of loop 77 (hash part unknown). */
static int entry_path(const char *dir, uint64_t k0, char *buf, size_t len) {
  char sub[4096], prefix[64];
  snprintf(sub, sizeof sub, "%s/L%016x", dir, 77);
  snprintf(prefix, sizeof prefix, "%llu-%llu-", (unsigned long long)k0,
           (unsigned long long)k0 + 10);
  DIR *d = opendir(sub);
  if (!d) return -1;
  struct dirent *f;
  int found = -1;
  while ((f = readdir(d)))
    if (strncmp(f->d_name, prefix, strlen(prefix)) == 0) {
      snprintf(buf, len, "%s/%s", sub, f->d_name);
      found = 0;
    }
  closedir(d);
  return found;
}

TEST(loop_rerun_and_resume) {
  char *dir = temp_dir();
  static double in[1000];
  for (int i = 0; i < 1000; i++)
    in[i] = (i % 17) * 0.125;
  static run_t plain, first, again, partial, changed;
  run_slice(dir, 0, in, &plain);
  CHECK_EQ_INT(count_entries(dir, NULL), 0);
  run_slice(dir, PARRT_LOOP_CACHE, in, &first);
  CHECK_EQ_INT(first.executed, 1000);
  CHECK(same_run(&plain, &first));
  CHECK_EQ_INT(count_entries(dir, NULL), 100);
  run_slice(dir, PARRT_LOOP_CACHE, in, &again);
  CHECK_EQ_INT(again.executed, 0);
  CHECK(same_run(&plain, &again));
  CHECK_EQ_INT(plain.last, 7000);

  /* a killed run stored some blocks: remove three, damage one */
  char path[4200];
  CHECK_EQ_INT(entry_path(dir, 0, path, sizeof path), 0);
  CHECK_EQ_INT(unlink(path), 0);
  CHECK_EQ_INT(entry_path(dir, 500, path, sizeof path), 0);
  CHECK_EQ_INT(unlink(path), 0);
  CHECK_EQ_INT(entry_path(dir, 990, path, sizeof path), 0); /* the one with lastprivate */
  CHECK_EQ_INT(unlink(path), 0);
  CHECK_EQ_INT(entry_path(dir, 120, path, sizeof path), 0);
  patch(path, PAR__CACHE_HEADER_BYTES + 5, "\x77", 1);
  run_slice(dir, PARRT_LOOP_CACHE, in, &partial);
  CHECK_EQ_INT(partial.executed, 40);
  CHECK(same_run(&plain, &partial));
  CHECK_EQ_INT(count_entries(dir, NULL), 100);

  /* one input element changed: only its block is new */
  in[333] += 1;
  run_slice(dir, PARRT_LOOP_CACHE, in, &changed);
  CHECK_EQ_INT(changed.executed, 10);
  CHECK(changed.out[333] != plain.out[333]);
  CHECK_EQ_INT(count_entries(dir, NULL), 101);
  remove_dir(dir);
}

/* map(tofrom: a) written through an index: not sliced. */
static void whole_chunk(const parrt_chunk_t *c) {
  double *a = c->maps[0];
  for (uint64_t k = c->k0; k < c->k1; k++)
    a[(k * 37) % 101] += (double)k;
  atomic_fetch_add(&executed, (long)(c->k1 - c->k0));
}

TEST(loop_unsliced_write_is_one_entry) {
  char *dir = temp_dir();
  static const parrt_map_desc_t md = {"a", PARRT_MAP_TOFROM, PARRT_MAP_WRITTEN, 8};
  parrt_loop_desc_t desc = {.struct_size = sizeof desc,
                            .abi_version = PARRT_ABI_VERSION,
                            .id = 78,
                            .name = "whole",
                            .loc = {"test_cache.c", "whole", 1, 1},
                            .chunk = whole_chunk,
                            .flags = PARRT_LOOP_CACHE,
                            .nmaps = 1,
                            .maps = &md,
                            .cache_dir = dir};
  double a[101], b[101], c[101];
  for (int i = 0; i < 101; i++)
    a[i] = b[i] = i;
  parrt_map_t m = {a, 0, 101, 8, 0, 0};
  parrt_loop_args_t args = {
      .struct_size = sizeof args, .niters = 101, .step = 1, .maps = &m, .retries = -1};
  atomic_store(&executed, 0);
  parrt_loop_run(&desc, &args, NULL);
  CHECK_EQ_INT(atomic_load(&executed), 101);
  CHECK_EQ_INT(count_entries(dir, NULL), 1);
  memcpy(c, a, sizeof c);
  m.base = b; /* same input bytes, another address */
  atomic_store(&executed, 0);
  parrt_loop_run(&desc, &args, NULL);
  CHECK_EQ_INT(atomic_load(&executed), 0);
  CHECK(memcmp(b, c, sizeof b) == 0);
  /* the output is an input now: a new execution */
  parrt_loop_run(&desc, &args, NULL);
  CHECK_EQ_INT(atomic_load(&executed), 101);
  CHECK_EQ_INT(count_entries(dir, NULL), 2);
  remove_dir(dir);
}

UNIT_MAIN()
