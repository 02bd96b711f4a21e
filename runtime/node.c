/* node.c: the job's variables, the build id, and the control channel. */
#include "internal.h"

#include "node.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- variables ---------------------------------------------------------- */

static bool par__node_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool par__node_err(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return false;
}

static bool par__node_uint(const char *name, const char *v, unsigned long long max,
                           unsigned long long *out, char *err, size_t errlen) {
  if (!v || !*v) return par__node_err(err, errlen, "%s is not set (it is set by parrun)", name);
  char *end;
  errno = 0;
  unsigned long long x = strtoull(v, &end, 10);
  if (errno || *end || end == v || v[0] == '-' || x > max)
    return par__node_err(err, errlen, "%s='%s' is not a number in 0..%llu", name, v, max);
  *out = x;
  return true;
}

/* Splits "host:port", "[v6]:port" or "host" (port 0). */
static bool par__node_hostport(const char *name, const char *v, char *host, size_t hostlen,
                               uint16_t *port, bool need_port, char *err, size_t errlen) {
  if (!v) v = "";
  const char *colon = NULL, *h = v;
  size_t hl;
  if (v[0] == '[') {
    const char *close = strchr(v, ']');
    if (!close) return par__node_err(err, errlen, "%s='%s': missing ']'", name, v);
    h = v + 1;
    hl = (size_t)(close - h);
    if (close[1] == ':') colon = close + 1;
    else if (close[1]) return par__node_err(err, errlen, "%s='%s': expected ':' after ']'", name, v);
  } else {
    colon = strrchr(v, ':');
    if (colon && strchr(v, ':') != colon) colon = NULL; /* a bare IPv6 address */
    hl = colon ? (size_t)(colon - v) : strlen(v);
  }
  if (hl >= hostlen) return par__node_err(err, errlen, "%s: host name too long", name);
  memcpy(host, h, hl);
  host[hl] = 0;
  unsigned long long p = 0;
  if (colon && !par__node_uint(name, colon + 1, 65535, &p, err, errlen)) return false;
  if (need_port && (p == 0 || !*host))
    return par__node_err(err, errlen, "%s='%s' is not host:port", name, v);
  *port = (uint16_t)p;
  return true;
}

/* Binds a worker to its share of the CPUs it may use, as mpirun binds
 * ranks to cores: the workers parrun started on this host (PAR_LOCAL_RANK
 * of PAR_LOCAL_WORKERS) split them into consecutive slices. Unbound, a
 * worker that sleeps between loops is woken on whichever CPU the
 * scheduler picks, often the one where the worker or driver that woke it
 * runs, and two workers end up sharing a CPU for part of a loop while
 * another CPU idles (measured: one worker 25% slower than the other in
 * every loop of a stencil). Not when the workers outnumber the CPUs, not
 * under srun (which binds; it sets no PAR_LOCAL_RANK), not with
 * PAR_BIND=none. */
static bool par__node_bind(par__node_t *node, char *err, size_t errlen) {
  const char *bind = getenv("PAR_BIND");
  if (bind && *bind && strcmp(bind, "none") != 0 && strcmp(bind, "cpus") != 0)
    return par__node_err(err, errlen, "PAR_BIND='%s' must be cpus or none", bind);
  const char *lr = getenv("PAR_LOCAL_RANK"), *lw = getenv("PAR_LOCAL_WORKERS");
  if ((bind && strcmp(bind, "none") == 0) || !lr || !*lr || !lw || !*lw) return true;
  unsigned long long index, count;
  if (!par__node_uint("PAR_LOCAL_WORKERS", lw, 65535, &count, err, errlen) ||
      !par__node_uint("PAR_LOCAL_RANK", lr, 65535, &index, err, errlen))
    return false;
  if (count == 0 || index >= count)
    return par__node_err(err, errlen, "PAR_LOCAL_RANK=%llu is not below PAR_LOCAL_WORKERS=%llu",
                         index, count);
  cpu_set_t allowed, mine;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return true;
  unsigned long long ncpu = (unsigned long long)CPU_COUNT(&allowed);
  if (count < 2 || ncpu < count) return true;
  unsigned long long lo = index * ncpu / count, hi = (index + 1) * ncpu / count, k = 0;
  CPU_ZERO(&mine);
  for (int c = 0; c < CPU_SETSIZE && k < hi; c++) {
    if (!CPU_ISSET(c, &allowed)) continue;
    if (k >= lo) CPU_SET(c, &mine);
    k++;
  }
  if (sched_setaffinity(0, sizeof mine, &mine) == 0) node->bound = (uint32_t)(hi - lo);
  return true;
}

static uint32_t par__node_cpus(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return (uint32_t)n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (uint32_t)n : 1;
}

par_status_t par__node_load(par__node_t *node, char *err, size_t errlen) {
  const par__config_t *cfg = par__config_get();
  memset(node, 0, sizeof *node);
  node->role = cfg->role;
  node->rank = cfg->rank;
  node->control_fd = -1;
  node->connect_timeout = 30;
  unsigned long long x;
  if (!par__node_uint("PAR_NWORKERS", getenv("PAR_NWORKERS"), 65535, &x, err, errlen))
    return PAR_ERR_CONFIG;
  node->nworkers = (uint32_t)x;

  const char *tok = getenv("PAR_TOKEN");
  if (!tok || strlen(tok) != 32 || strspn(tok, "0123456789abcdef") != 32) {
    par__node_err(err, errlen, "PAR_TOKEN is %s (parrun sets it to 32 hex digits)",
                  tok ? "malformed" : "not set");
    return PAR_ERR_CONFIG;
  }
  memcpy(node->token, tok, 33);
  snprintf(node->job, sizeof node->job, "%s", getenv("PAR_JOB") ? getenv("PAR_JOB") : "?");
  const char *host = getenv("PAR_HOST");
  if (host && *host) snprintf(node->host, sizeof node->host, "%s", host);
  else if (gethostname(node->host, sizeof node->host - 1) != 0) snprintf(node->host, sizeof node->host, "?");
  const char *ct = getenv("PAR_CONNECT_TIMEOUT");
  if (ct && *ct) {
    char *end;
    double t = strtod(ct, &end);
    if (*end || !(t > 0)) {
      par__node_err(err, errlen, "PAR_CONNECT_TIMEOUT='%s' is not a positive number of seconds", ct);
      return PAR_ERR_CONFIG;
    }
    node->connect_timeout = t;
  }

  node->poll_ns = (uint64_t)PAR__NODE_POLL_US_DEFAULT * 1000u;
  const char *poll = getenv("PAR_POLL_US");
  if (poll && *poll) {
    if (!par__node_uint("PAR_POLL_US", poll, 10000000, &x, err, errlen)) return PAR_ERR_CONFIG;
    node->poll_ns = x * 1000u;
  }
  const char *inflight = getenv("PAR_INFLIGHT");
  if (inflight && *inflight) {
    if (!par__node_uint("PAR_INFLIGHT", inflight, 64, &x, err, errlen) || x == 0) {
      par__node_err(err, errlen, "PAR_INFLIGHT='%s' must be a number of tasks from 1 to 64",
                    inflight);
      return PAR_ERR_CONFIG;
    }
    node->inflight = (uint32_t)x;
  }

  if (node->role == PAR__ROLE_DRIVER) {
    if (node->rank != 0) {
      par__node_err(err, errlen, "PAR_RANK=%d for the driver (must be 0)", node->rank);
      return PAR_ERR_CONFIG;
    }
    const char *fd = getenv("PAR_CONTROL_FD");
    if (fd && *fd) {
      if (!par__node_uint("PAR_CONTROL_FD", fd, 1 << 20, &x, err, errlen)) return PAR_ERR_CONFIG;
      node->control_fd = (int)x;
      if (fcntl(node->control_fd, F_GETFD) < 0) {
        par__node_err(err, errlen, "PAR_CONTROL_FD=%s is not an open file descriptor", fd);
        return PAR_ERR_CONFIG;
      }
      (void)fcntl(node->control_fd, F_SETFD, FD_CLOEXEC);
    }
    if (!par__node_hostport("PAR_LISTEN", getenv("PAR_LISTEN"), node->listen, sizeof node->listen,
                            &node->listen_port, false, err, errlen))
      return PAR_ERR_CONFIG;
  } else {
    if (node->rank < 1 || (uint32_t)node->rank > node->nworkers) {
      par__node_err(err, errlen, "PAR_RANK=%d is not in 1..%u (PAR_NWORKERS)", node->rank,
                    node->nworkers);
      return PAR_ERR_CONFIG;
    }
    if (!par__node_hostport("PAR_DRIVER", getenv("PAR_DRIVER"), node->driver, sizeof node->driver,
                            &node->driver_port, true, err, errlen))
      return PAR_ERR_CONFIG;
    uint32_t threads = 1;
    const char *spt = getenv("SLURM_CPUS_PER_TASK");
    const char *lw = getenv("PAR_LOCAL_WORKERS");
    if (cfg->workers_set) threads = (uint32_t)cfg->workers;
    else if (spt && *spt && par__node_uint("SLURM_CPUS_PER_TASK", spt, 4096, &x, err, errlen) && x > 0)
      threads = (uint32_t)x;
    else if (lw && *lw && par__node_uint("PAR_LOCAL_WORKERS", lw, 65535, &x, err, errlen) && x > 0)
      threads = par__node_cpus() / (uint32_t)x;
    node->threads = threads ? threads : 1;
    if (!par__node_bind(node, err, errlen)) return PAR_ERR_CONFIG;
  }
  return PAR_OK;
}

/* ---- build id ------------------------------------------------------------- */

typedef struct par__sha256 {
  uint32_t h[8];
  uint64_t len;
  unsigned char buf[64];
  size_t n;
} par__sha256_t;

static const uint32_t par__sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define PAR__ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void par__sha256_block(par__sha256_t *s, const unsigned char *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = PAR__ROR(w[i - 15], 7) ^ PAR__ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = PAR__ROR(w[i - 2], 17) ^ PAR__ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (PAR__ROR(e, 6) ^ PAR__ROR(e, 11) ^ PAR__ROR(e, 25)) + ((e & f) ^ (~e & g)) +
                  par__sha256_k[i] + w[i];
    uint32_t t2 = (PAR__ROR(a, 2) ^ PAR__ROR(a, 13) ^ PAR__ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
  }
  s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d;
  s->h[4] += e, s->h[5] += f, s->h[6] += g, s->h[7] += h;
}

static void par__sha256_init(par__sha256_t *s) {
  static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, h0, sizeof h0);
  s->len = 0;
  s->n = 0;
}

static void par__sha256_update(par__sha256_t *s, const void *data, size_t len) {
  const unsigned char *p = data;
  s->len += len;
  while (len) {
    size_t k = 64 - s->n < len ? 64 - s->n : len;
    memcpy(s->buf + s->n, p, k);
    s->n += k, p += k, len -= k;
    if (s->n == 64) {
      par__sha256_block(s, s->buf);
      s->n = 0;
    }
  }
}

static void par__sha256_final(par__sha256_t *s, unsigned char out[32]) {
  uint64_t bits = s->len * 8;
  unsigned char pad = 0x80, zero = 0, lenb[8];
  par__sha256_update(s, &pad, 1);
  while (s->n != 56) par__sha256_update(s, &zero, 1);
  for (int i = 0; i < 8; i++) lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
  par__sha256_update(s, lenb, 8);
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 4; j++) out[4 * i + j] = (unsigned char)(s->h[i] >> (24 - 8 * j));
}

/* Exposed for the unit tests (the FIPS 180-2 examples). */
void par__node_sha256(const void *data, size_t len, unsigned char out[32]);
void par__node_sha256(const void *data, size_t len, unsigned char out[32]) {
  par__sha256_t s;
  par__sha256_init(&s);
  par__sha256_update(&s, data, len);
  par__sha256_final(&s, out);
}

static unsigned char par__node_bid[64];
static size_t par__node_bid_len;

static int par__node_find_note(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size, (void)data;
  /* The first object is the executable itself. */
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE) continue;
    const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
    const unsigned char *end = p + ph->p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
      const unsigned char *name = p + sizeof *nh;
      const unsigned char *desc = name + ((nh->n_namesz + 3) & ~3u);
      const unsigned char *next = desc + ((nh->n_descsz + 3) & ~3u);
      if (next > end) break;
      if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
          nh->n_descsz > 0 && nh->n_descsz <= sizeof par__node_bid) {
        memcpy(par__node_bid, desc, nh->n_descsz);
        par__node_bid_len = nh->n_descsz;
        return 1;
      }
      p = next;
    }
  }
  return 1; /* only the executable */
}

static void par__node_build_id_once(void) {
  dl_iterate_phdr(par__node_find_note, NULL);
  if (par__node_bid_len) return;
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  par__sha256_t s;
  par__sha256_init(&s);
  unsigned char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) par__sha256_update(&s, buf, (size_t)n);
  close(fd);
  if (n < 0) return;
  par__sha256_final(&s, par__node_bid);
  par__node_bid_len = 32;
}

const unsigned char *par__node_build_id(size_t *len) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, par__node_build_id_once);
  *len = par__node_bid_len;
  return par__node_bid_len ? par__node_bid : NULL;
}

bool par__node_token_equal(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la != lb) return false;
  unsigned char d = 0;
  for (size_t i = 0; i < la; i++) d |= (unsigned char)(a[i] ^ b[i]);
  return d == 0;
}

void par__node_control(int fd, const char *fmt, ...) {
  if (fd < 0) return;
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line - 1, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n > sizeof line - 2) n = (int)sizeof line - 2;
  line[n++] = '\n';
  const char *p = line;
  while (n > 0) {
    ssize_t w = send(fd, p, (size_t)n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w, n -= (int)w;
  }
}

const char *par__node_signal_name(int sig, char *buf, size_t len) {
  const char *abbrev = sigabbrev_np(sig);
  if (abbrev) snprintf(buf, len, "SIG%s", abbrev);
  else snprintf(buf, len, "signal %d", sig);
  return buf;
}

void par__node_ucx_defaults(void) {
  const char *tls = getenv("UCX_TLS");
  if (!tls || !*tls) setenv("UCX_TLS", "^sysv,posix", 1);
}
