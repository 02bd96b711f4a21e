/* wire.c: the msgpack messages between the driver and its workers.
 *
 * docs/protocol.md is the normative description; this file implements it.
 * Encoding packs a message struct into a header buffer after checking it
 * against the same rules the decoder enforces (par__wire_check_<type>), so a
 * sender learns of a broken rule before a peer does. Decoding never trusts
 * the bytes it is given:
 *
 *   1. the header's length is bounded (PAR__WIRE_MAX_HEADER) first;
 *   2. par__wire_scan walks the bytes once without allocating: every value is
 *      complete, no 0xc1, no array or map declaring more elements than bytes
 *      are left (msgpack-c would allocate count * 24 bytes up front), nesting
 *      bounded, nothing after the top value. So msgpack-c only ever sees a
 *      well-formed value, whose object tree takes at most 24 bytes per
 *      header byte (a 24-byte object per element, a 48-byte pair per map
 *      entry of at least 2 bytes): 1.5 MiB for the largest header;
 *   3. msgpack_unpack_next builds the object tree in a zone (its return
 *      codes are checked anyway: truncated, trailing, parse error, memory);
 *   4. the tree is checked against the schema of its message type, every
 *      count against its limit before anything is allocated for it, and
 *      strings and byte strings are copied into memory the message owns;
 *   5. the filled struct goes through par__wire_check_<type>, the same rules
 *      the encoder applied.
 */
#include "internal.h"

#include "wire.h"

#include <msgpack.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Map kinds' bits (enum parrt_map_kind in include/par/abi.h). */
#define PAR__WIRE_KIND_TO 1u
#define PAR__WIRE_KIND_FROM 2u

/* ---- keys (docs/protocol.md, "Messages") -------------------------------- */

enum { PAR__K_VERSION = 0, PAR__K_TYPE = 1 };
enum {
  PAR__K_HELLO_TOKEN = 2,
  PAR__K_HELLO_RANK,
  PAR__K_HELLO_PID,
  PAR__K_HELLO_HOST,
  PAR__K_HELLO_BUILD_ID,
  PAR__K_HELLO_ADDRESS,
  PAR__K_HELLO_THREADS,
  PAR__K_HELLO_GPUS
};
enum { PAR__K_WELCOME_ADDRESS = 2, PAR__K_WELCOME_NWORKERS, PAR__K_WELCOME_HEARTBEAT, PAR__K_WELCOME_DIRECT };
enum { PAR__K_REFUSE_REASON = 2 };
enum {
  PAR__K_LOOP_INSTANCE = 2,
  PAR__K_LOOP_ID,
  PAR__K_LOOP_NITERS,
  PAR__K_LOOP_LB,
  PAR__K_LOOP_STEP,
  PAR__K_LOOP_ENV,
  PAR__K_LOOP_MAPS,
  PAR__K_LOOP_REDS,
  PAR__K_LOOP_LASTS,
  PAR__K_LOOP_RETIRE,
  PAR__K_LOOP_TASK,
  PAR__K_LOOP_BLOCKS,
  PAR__K_LOOP_SEGMENTS
};
enum {
  PAR__K_DATA_INSTANCE = 2,
  PAR__K_DATA_MAP,
  PAR__K_DATA_FIRST,
  PAR__K_DATA_COUNT,
  PAR__K_DATA_BYTES,
  PAR__K_DATA_TASK,
  PAR__K_DATA_MASK
};
enum { PAR__K_TASK_INSTANCE = 2, PAR__K_TASK_TASK, PAR__K_TASK_BLOCKS, PAR__K_TASK_SEGMENTS };
enum {
  PAR__K_RESULT_INSTANCE = 2,
  PAR__K_RESULT_TASK,
  PAR__K_RESULT_STATUS,
  PAR__K_RESULT_TIME,
  PAR__K_RESULT_NBLOCKS,
  PAR__K_RESULT_PARTIALS,
  PAR__K_RESULT_LAST,
  PAR__K_RESULT_SEGMENTS,
  PAR__K_RESULT_COMBINED
};
enum {
  PAR__K_ERROR_INSTANCE = 2,
  PAR__K_ERROR_TASK,
  PAR__K_ERROR_SIGNAL,
  PAR__K_ERROR_MESSAGE,
  PAR__K_ERROR_BACKTRACE
};
enum { PAR__K_HEARTBEAT_SEQ = 2 };
enum {
  PAR__K_CALL_CALL = 2,
  PAR__K_CALL_FN,
  PAR__K_CALL_SITE,
  PAR__K_CALL_ARGS,
  PAR__K_CALL_MAPS,
  PAR__K_CALL_DEPS,
  PAR__K_CALL_KEEP
};
enum {
  PAR__K_RETURN_CALL = 2,
  PAR__K_RETURN_STATUS,
  PAR__K_RETURN_TIME,
  PAR__K_RETURN_RET,
  PAR__K_RETURN_SEGMENTS
};
enum { PAR__K_FORGET_CALLS = 2 };

/* Elements of the records inside lists; more are allowed and skipped. */
#define PAR__WIRE_MAP_FIELDS 8u   /* [index, kind, flags, lo, len, elem_size, off_min, off_max] */
#define PAR__WIRE_MAP_FIELDS_OUT 13u /* the same, row, shm_id, shm_fd, shm_pid, shm_off: optional */
#define PAR__WIRE_RED_FIELDS 2u   /* [count, elem_size] */
#define PAR__WIRE_SEG_FIELDS 5u   /* [map, first, count, off, len] */
#define PAR__WIRE_SEG_MASKED 7u   /* ... mask_off, mask_len] */
#define PAR__WIRE_RANGE_FIELDS 2u /* [off, len] */
#define PAR__WIRE_CMAP_FIELDS 6u  /* [kind, lo, len, elem_size, off, bytes] */
#define PAR__WIRE_DEP_FIELDS 2u   /* [k, src] */

#define PAR__WIRE_NKEYS 15u /* keys 0..14 are named in v1 */

static const char *const par__wire_type_names[PAR__WIRE_TYPE__MAX + 1] = {
    "?",    "HELLO",  "WELCOME", "REFUSE",    "LOOP", "DATA",
    "TASK", "RESULT", "ERROR",   "HEARTBEAT", "BYE",  "CALL",
    "RETURN", "FORGET",
};

/* Field names by type and key, for diagnostics. */
static const char *const par__wire_key_names[PAR__WIRE_TYPE__MAX + 1][PAR__WIRE_NKEYS] = {
    [0] = {"version", "type"},
    [PAR__WIRE_HELLO] = {"version", "type", "token", "rank", "pid", "host", "build_id", "address",
                         "threads"},
    [PAR__WIRE_WELCOME] = {"version", "type", "address", "nworkers", "heartbeat_ms", "direct"},
    [PAR__WIRE_REFUSE] = {"version", "type", "reason"},
    [PAR__WIRE_LOOP] = {"version", "type", "instance", "loop", "niters", "lb", "step", "env",
                        "maps", "reds", "lasts", "retire", "task", "blocks", "segments"},
    [PAR__WIRE_DATA] = {"version", "type", "instance", "map", "first", "count", "bytes", "task"},
    [PAR__WIRE_TASK] = {"version", "type", "instance", "task", "blocks", "segments"},
    [PAR__WIRE_RESULT] = {"version", "type", "instance", "task", "status", "time_ns", "nblocks",
                          "partials", "last", "segments", "combined"},
    [PAR__WIRE_ERROR] = {"version", "type", "instance", "task", "signal", "message", "backtrace"},
    [PAR__WIRE_HEARTBEAT] = {"version", "type", "seq"},
    [PAR__WIRE_BYE] = {"version", "type"},
    [PAR__WIRE_CALL] = {"version", "type", "call", "fn", "site", "args", "maps", "deps", "keep"},
    [PAR__WIRE_RETURN] = {"version", "type", "call", "status", "time_ns", "ret", "segments"},
    [PAR__WIRE_FORGET] = {"version", "type", "calls"},
};

static const char *const par__wire_reason_names[] = {
#define PAR__WIRE_REASON_NAME(name, msg) #name,
    PAR__WIRE_REASON_TABLE(PAR__WIRE_REASON_NAME)
#undef PAR__WIRE_REASON_NAME
};

static const char *const par__wire_reason_messages[] = {
#define PAR__WIRE_REASON_MSG(name, msg) msg,
    PAR__WIRE_REASON_TABLE(PAR__WIRE_REASON_MSG)
#undef PAR__WIRE_REASON_MSG
};

const char *par__wire_reason_name(par__wire_reason_t reason) {
  if ((unsigned)reason >= PAR__WIRE_E__COUNT) return "?";
  return par__wire_reason_names[reason];
}

const char *par__wire_reason_message(par__wire_reason_t reason) {
  if ((unsigned)reason >= PAR__WIRE_E__COUNT) return "?";
  return par__wire_reason_messages[reason];
}

const char *par__wire_type_name(uint32_t type) {
  if (type == 0 || type > PAR__WIRE_TYPE__MAX) return "?";
  return par__wire_type_names[type];
}

/* ---- diagnostics --------------------------------------------------------- */

static par_status_t par__wire_reason_status(par__wire_reason_t reason) {
  switch (reason) {
  case PAR__WIRE_E_NONE:
    return PAR_OK;
  case PAR__WIRE_E_VERSION:
    return PAR__WIRE_ERR_VERSION;
  case PAR__WIRE_E_NO_MEMORY:
    return PAR_ERR_NO_MEMORY;
  default:
    return PAR__WIRE_ERR_MALFORMED;
  }
}

/* The encoders' status for what par__wire_fail returned: a broken rule in
 * a message being sent is the caller's mistake, not a peer's. */
static par_status_t par__wire_enc_status(par_status_t st) {
  return st == PAR__WIRE_ERR_MALFORMED ? PAR_ERR_INVALID : st;
}

static void par__wire_diag_clear(par__wire_diag_t *d) {
  d->reason = PAR__WIRE_E_NONE;
  d->type = 0;
  d->key = PAR__WIRE_NO_KEY;
  d->version = 0;
  d->text[0] = '\0';
}

/* Records why and returns the matching status. The text is "<where>: <detail>"
 * where <where> is "header", "<type>" or "<type> <field>", lowercase. */
__attribute__((format(printf, 5, 6))) static par_status_t
par__wire_fail(par__wire_diag_t *d, par__wire_reason_t reason, uint32_t type, uint64_t key,
               const char *fmt, ...) {
  if (!d) return par__wire_reason_status(reason);
  d->reason = reason;
  d->type = type;
  d->key = key;
  char where[48];
  const char *tname = type ? par__wire_type_name(type) : "header";
  size_t n = 0;
  for (; tname[n] && n + 1 < sizeof where; n++)
    where[n] = (char)(tname[n] >= 'A' && tname[n] <= 'Z' ? tname[n] - 'A' + 'a' : tname[n]);
  where[n] = '\0';
  if (key != PAR__WIRE_NO_KEY) {
    const char *kname = NULL;
    if (key < PAR__WIRE_NKEYS && type <= PAR__WIRE_TYPE__MAX)
      kname = par__wire_key_names[type][key];
    if (kname)
      snprintf(where + n, sizeof where - n, " %s", kname);
    else
      snprintf(where + n, sizeof where - n, " key %llu", (unsigned long long)key);
  }
  int len = snprintf(d->text, sizeof d->text, "%s: ", where);
  if (len < 0 || (size_t)len >= sizeof d->text) return par__wire_reason_status(reason);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->text + len, sizeof d->text - (size_t)len, fmt, ap);
  va_end(ap);
  return par__wire_reason_status(reason);
}

/* ---- rules shared by the encoder and the decoder ------------------------- */

/* Whether first + count stays <= INT64_MAX. */
static bool par__wire_span_ok(int64_t first, uint64_t count) {
  return count <= (uint64_t)INT64_MAX - (uint64_t)first;
}

static par_status_t par__wire_check_range(const par__wire_range_t *r, uint64_t payload_len,
                                          par__wire_diag_t *d, uint32_t type, uint64_t key,
                                          const char *what) {
  if (r->off > payload_len || r->len > payload_len - r->off)
    return par__wire_fail(d, PAR__WIRE_E_RANGE, type, key,
                          "%s[off %llu, len %llu] is outside the payload of %llu bytes", what,
                          (unsigned long long)r->off, (unsigned long long)r->len,
                          (unsigned long long)payload_len);
  return PAR_OK;
}

/* A string field: non-NULL (unless optional), at most max bytes. Decoded
 * strings never hold a NUL, so strnlen is their length. */
static par_status_t par__wire_check_str(const char *s, bool optional, size_t max,
                                        par__wire_diag_t *d, uint32_t type, uint64_t key) {
  if (!s) {
    if (optional) return PAR_OK;
    return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key, "is NULL");
  }
  size_t n = strnlen(s, max + 1);
  if (n > max) return par__wire_fail(d, PAR__WIRE_E_LIMIT, type, key, "longer than %zu bytes", max);
  return PAR_OK;
}

static par_status_t par__wire_check_bytes(const void *p, uint32_t len, uint32_t min, uint32_t max,
                                          par__wire_diag_t *d, uint32_t type, uint64_t key) {
  if (len > max)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, type, key, "%u bytes, the limit is %u", len, max);
  if (len < min)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key, "%u bytes, must be at least %u", len,
                          min);
  if (len > 0 && !p) return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key, "is NULL");
  return PAR_OK;
}

static par_status_t par__wire_check_segments(uint32_t n, const par__wire_segment_t *segs,
                                             uint64_t payload_len, par__wire_diag_t *d,
                                             uint32_t type, uint64_t key) {
  if (n > PAR__WIRE_MAX_SEGMENTS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, type, key, "%u segments, the limit is %u", n,
                          PAR__WIRE_MAX_SEGMENTS);
  if (n > 0 && !segs) return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key, "is NULL");
  for (uint32_t i = 0; i < n; i++) {
    const par__wire_segment_t *s = &segs[i];
    char what[32];
    snprintf(what, sizeof what, "segment %u ", i);
    if (s->map >= PAR__WIRE_MAX_MAPS)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key, "segment %u: map %u, must be below %u",
                            i, s->map, PAR__WIRE_MAX_MAPS);
    if (!par__wire_span_ok(s->first, s->count))
      return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key,
                            "segment %u: first + count passes INT64_MAX", i);
    par_status_t st = par__wire_check_range(&s->bytes, payload_len, d, type, key, what);
    if (st != PAR_OK) return st;
    if (!s->mask.len) continue;
    if (type != PAR__WIRE_RESULT)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, type, key,
                            "segment %u: has a mask, allowed only in RESULT segments and DATA", i);
    snprintf(what, sizeof what, "segment %u mask ", i);
    if ((st = par__wire_check_range(&s->mask, payload_len, d, type, key, what)) != PAR_OK)
      return st;
  }
  return PAR_OK;
}

static bool par__wire_is_token(const char *s) {
  for (size_t i = 0; i < PAR__WIRE_TOKEN_LEN; i++) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return s[PAR__WIRE_TOKEN_LEN] == '\0';
}

static par_status_t par__wire_check_hello(const par__wire_hello_t *m, uint64_t payload_len,
                                          par__wire_diag_t *d) {
  (void)payload_len;
  const uint32_t t = PAR__WIRE_HELLO;
  if (!m->token || !par__wire_is_token(m->token))
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_HELLO_TOKEN,
                          "must be exactly %u lowercase hex digits", PAR__WIRE_TOKEN_LEN);
  if (m->rank < 1 || m->rank > PAR__WIRE_MAX_WORKERS)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_HELLO_RANK, "%u, must be 1..%u", m->rank,
                          PAR__WIRE_MAX_WORKERS);
  if (m->pid < 1 || m->pid > INT32_MAX)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_HELLO_PID, "%u, must be 1..%d", m->pid,
                          INT32_MAX);
  par_status_t st =
      par__wire_check_str(m->host, false, PAR__WIRE_MAX_HOST, d, t, PAR__K_HELLO_HOST);
  if (st != PAR_OK) return st;
  st = par__wire_check_bytes(m->build_id, m->build_id_len, 1, PAR__WIRE_MAX_BUILD_ID, d, t,
                             PAR__K_HELLO_BUILD_ID);
  if (st != PAR_OK) return st;
  st = par__wire_check_bytes(m->address, m->address_len, 1, PAR__WIRE_MAX_ADDRESS, d, t,
                             PAR__K_HELLO_ADDRESS);
  if (st != PAR_OK) return st;
  if (m->threads < 1 || m->threads > PAR__WIRE_MAX_THREADS)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_HELLO_THREADS, "%u, must be 1..%u",
                          m->threads, PAR__WIRE_MAX_THREADS);
  if (m->gpus > PAR__WIRE_MAX_THREADS)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_HELLO_GPUS, "%u, must be 0..%u", m->gpus,
                          PAR__WIRE_MAX_THREADS);
  return PAR_OK;
}

static par_status_t par__wire_check_welcome(const par__wire_welcome_t *m, uint64_t payload_len,
                                            par__wire_diag_t *d) {
  (void)payload_len;
  const uint32_t t = PAR__WIRE_WELCOME;
  par_status_t st = par__wire_check_bytes(m->address, m->address_len, 1, PAR__WIRE_MAX_ADDRESS, d,
                                          t, PAR__K_WELCOME_ADDRESS);
  if (st != PAR_OK) return st;
  if (m->nworkers < 1 || m->nworkers > PAR__WIRE_MAX_WORKERS)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_WELCOME_NWORKERS, "%u, must be 1..%u",
                          m->nworkers, PAR__WIRE_MAX_WORKERS);
  if (m->direct > 1)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_WELCOME_DIRECT, "%u, must be 0 or 1",
                          m->direct);
  return PAR_OK;
}

static par_status_t par__wire_check_refuse(const par__wire_refuse_t *m, uint64_t payload_len,
                                           par__wire_diag_t *d) {
  (void)payload_len;
  return par__wire_check_str(m->reason, false, PAR__WIRE_MAX_STRING, d, PAR__WIRE_REFUSE,
                             PAR__K_REFUSE_REASON);
}

/* Where a task's fields are: a TASK's keys, or those of the first task a
 * LOOP carries. */
typedef struct par__task_keys {
  uint32_t type;
  unsigned task, blocks, segments;
} par__task_keys_t;
static const par__task_keys_t par__task_keys = {PAR__WIRE_TASK, PAR__K_TASK_TASK,
                                                PAR__K_TASK_BLOCKS, PAR__K_TASK_SEGMENTS};
static const par__task_keys_t par__loop_task_keys = {PAR__WIRE_LOOP, PAR__K_LOOP_TASK,
                                                     PAR__K_LOOP_BLOCKS, PAR__K_LOOP_SEGMENTS};

static par_status_t par__wire_check_task_at(const par__task_keys_t *k, const par__wire_task_t *m,
                                            uint64_t payload_len, par__wire_diag_t *d);

static par_status_t par__wire_check_loop(const par__wire_loop_t *m, uint64_t payload_len,
                                         par__wire_diag_t *d) {
  const uint32_t t = PAR__WIRE_LOOP;
  par_status_t st = par__wire_check_range(&m->env, payload_len, d, t, PAR__K_LOOP_ENV, "");
  if (st != PAR_OK) return st;
  if (m->nmaps > PAR__WIRE_MAX_MAPS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_LOOP_MAPS, "%u maps, the limit is %u",
                          m->nmaps, PAR__WIRE_MAX_MAPS);
  if (m->nmaps > 0 && !m->maps)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS, "is NULL");
  for (uint32_t i = 0; i < m->nmaps; i++) {
    const par__wire_map_t *p = &m->maps[i];
    uint64_t bytes;
    if (p->index != i)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: index %u, must be its position", i, p->index);
    if (p->kind > PAR__WIRE_MAX_MAP_KIND)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: kind %u, must be 0..%u", i, p->kind, PAR__WIRE_MAX_MAP_KIND);
    if (p->elem_size < 1)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS, "map %u: elem_size is 0", i);
    if (__builtin_mul_overflow(p->len, p->elem_size, &bytes))
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: len * elem_size passes UINT64_MAX", i);
    if (!par__wire_span_ok(p->lo, p->len))
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: lo + len passes INT64_MAX", i);
    if (p->off_min > p->off_max)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: off_min %lld is above off_max %lld", i, (long long)p->off_min,
                            (long long)p->off_max);
    if (p->row != 0 && p->len % p->row != 0)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: len %llu is not a multiple of row %llu", i,
                            (unsigned long long)p->len, (unsigned long long)p->row);
    if (p->shm_id && (p->shm_pid == 0 || p->kind == 0 /* alloc */))
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: shared memory needs a pid and a kind other than alloc", i);
    if (p->shm_id && p->shm_off > UINT64_MAX - bytes)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_MAPS,
                            "map %u: shm_off + bytes passes UINT64_MAX", i);
  }
  if (m->nreds > PAR__WIRE_MAX_REDS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_LOOP_REDS,
                          "%u reductions, the limit is %u", m->nreds, PAR__WIRE_MAX_REDS);
  if (m->nreds > 0 && !m->reds)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_REDS, "is NULL");
  for (uint32_t i = 0; i < m->nreds; i++) {
    uint64_t bytes;
    if (m->reds[i].count < 1 || m->reds[i].elem_size < 1)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_REDS,
                            "reduction %u: count and elem_size must be at least 1", i);
    if (__builtin_mul_overflow(m->reds[i].count, m->reds[i].elem_size, &bytes))
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_REDS,
                            "reduction %u: count * elem_size passes UINT64_MAX", i);
  }
  if (m->nlasts > PAR__WIRE_MAX_LASTS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_LOOP_LASTS,
                          "%u lastprivates, the limit is %u", m->nlasts, PAR__WIRE_MAX_LASTS);
  if (m->nlasts > 0 && !m->lasts)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_LASTS, "is NULL");
  for (uint32_t i = 0; i < m->nlasts; i++)
    if (m->lasts[i] < 1)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_LASTS, "lastprivate %u: size is 0",
                            i);
  if (m->nretire > PAR__WIRE_MAX_RETIRE)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_LOOP_RETIRE,
                          "%u instances, the limit is %u", m->nretire, PAR__WIRE_MAX_RETIRE);
  if (m->nretire > 0 && !m->retire)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_RETIRE, "is NULL");
  for (uint32_t i = 0; i < m->nretire; i++)
    if (m->retire[i] == m->instance)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_RETIRE,
                            "retires the instance it starts (%llu)",
                            (unsigned long long)m->instance);
  if (m->has_task) {
    if (m->task.instance != m->instance)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_LOOP_TASK,
                            "of instance %llu, not the loop's %llu",
                            (unsigned long long)m->task.instance, (unsigned long long)m->instance);
    return par__wire_check_task_at(&par__loop_task_keys, &m->task, payload_len, d);
  }
  return PAR_OK;
}

static par_status_t par__wire_check_data_msg(const par__wire_data_t *m, uint64_t payload_len,
                                             par__wire_diag_t *d) {
  const uint32_t t = PAR__WIRE_DATA;
  if (m->seg.map >= PAR__WIRE_MAX_MAPS)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_DATA_MAP, "%u, must be below %u",
                          m->seg.map, PAR__WIRE_MAX_MAPS);
  if (!par__wire_span_ok(m->seg.first, m->seg.count))
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_DATA_COUNT,
                          "first + count passes INT64_MAX");
  par_status_t st = par__wire_check_range(&m->seg.bytes, payload_len, d, t, PAR__K_DATA_BYTES, "");
  if (st != PAR_OK || !m->seg.mask.len) return st;
  return par__wire_check_range(&m->seg.mask, payload_len, d, t, PAR__K_DATA_MASK, "");
}

static par_status_t par__wire_check_task_at(const par__task_keys_t *k, const par__wire_task_t *m,
                                            uint64_t payload_len, par__wire_diag_t *d) {
  const uint32_t t = k->type;
  if (m->task < 1) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, k->task, "is 0");
  if (m->nblocks > PAR__WIRE_MAX_BLOCKS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, k->blocks, "%u blocks, the limit is %u",
                          m->nblocks, PAR__WIRE_MAX_BLOCKS);
  if (m->nblocks < 1) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, k->blocks, "no blocks");
  if (!m->blocks) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, k->blocks, "is NULL");
  for (uint32_t i = 0; i < m->nblocks; i++) {
    const par__wire_block_t *b = &m->blocks[i];
    if (b->k0 >= b->k1)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, k->blocks, "block %u: [%llu, %llu) is empty",
                            i, (unsigned long long)b->k0, (unsigned long long)b->k1);
    if (i > 0 && b->k0 < m->blocks[i - 1].k1)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, k->blocks,
                            "block %u: starts at %llu, before block %u ends", i,
                            (unsigned long long)b->k0, i - 1);
  }
  return par__wire_check_segments(m->nsegments, m->segments, payload_len, d, t, k->segments);
}

static par_status_t par__wire_check_task_msg(const par__wire_task_t *m, uint64_t payload_len,
                                             par__wire_diag_t *d) {
  return par__wire_check_task_at(&par__task_keys, m, payload_len, d);
}

static par_status_t par__wire_check_result_msg(const par__wire_result_t *m, uint64_t payload_len,
                                               par__wire_diag_t *d) {
  const uint32_t t = PAR__WIRE_RESULT;
  if (m->task < 1) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_TASK, "is 0");
  if (m->nblocks > PAR__WIRE_MAX_BLOCKS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_RESULT_NBLOCKS, "%u, the limit is %u",
                          m->nblocks, PAR__WIRE_MAX_BLOCKS);
  par_status_t st =
      par__wire_check_range(&m->partials, payload_len, d, t, PAR__K_RESULT_PARTIALS, "");
  if (st != PAR_OK) return st;
  if (m->combined && m->nblocks == 0)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_COMBINED, "set, with no blocks");
  if (m->nblocks == 0 ? m->partials.len != 0 : !m->combined && m->partials.len % m->nblocks != 0)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_PARTIALS,
                          "%llu bytes do not split into %u equal blocks",
                          (unsigned long long)m->partials.len, m->nblocks);
  if (m->has_last) {
    st = par__wire_check_range(&m->last, payload_len, d, t, PAR__K_RESULT_LAST, "");
    if (st != PAR_OK) return st;
  }
  return par__wire_check_segments(m->nsegments, m->segments, payload_len, d, t,
                                  PAR__K_RESULT_SEGMENTS);
}

static par_status_t par__wire_check_error_msg(const par__wire_error_t *m, uint64_t payload_len,
                                              par__wire_diag_t *d) {
  (void)payload_len;
  const uint32_t t = PAR__WIRE_ERROR;
  if (m->signal > PAR__WIRE_MAX_SIGNAL)
    return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_ERROR_SIGNAL, "%u, must be 0..%u",
                          m->signal, PAR__WIRE_MAX_SIGNAL);
  par_status_t st =
      par__wire_check_str(m->message, false, PAR__WIRE_MAX_STRING, d, t, PAR__K_ERROR_MESSAGE);
  if (st != PAR_OK) return st;
  return par__wire_check_str(m->backtrace, true, PAR__WIRE_MAX_BACKTRACE, d, t,
                             PAR__K_ERROR_BACKTRACE);
}

static par_status_t par__wire_check_call_msg(const par__wire_call_t *m, uint64_t payload_len,
                                             par__wire_diag_t *d) {
  const uint32_t t = PAR__WIRE_CALL;
  if (m->call < 1) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_CALL, "is 0");
  par_status_t st = par__wire_check_range(&m->args, payload_len, d, t, PAR__K_CALL_ARGS, "");
  if (st != PAR_OK) return st;
  if (m->nmaps > PAR__WIRE_MAX_MAPS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_CALL_MAPS, "%u maps, the limit is %u",
                          m->nmaps, PAR__WIRE_MAX_MAPS);
  if (m->nmaps && !m->maps) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_MAPS, "is NULL");
  for (uint32_t i = 0; i < m->nmaps; i++) {
    const par__wire_cmap_t *c = &m->maps[i];
    if (c->kind > PAR__WIRE_MAX_MAP_KIND)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_MAPS, "map %u: kind %u", i, c->kind);
    if (c->elem_size < 1)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_MAPS, "map %u: elem_size is 0", i);
    if (!par__wire_span_ok(c->lo, c->len) || (c->len && c->elem_size > UINT64_MAX / c->len))
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_MAPS, "map %u: too long", i);
    uint64_t want = c->kind == 0 ? 0 : c->len * c->elem_size;
    if (c->bytes.len != want)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_MAPS,
                            "map %u: %llu bytes, must be %llu", i, (unsigned long long)c->bytes.len,
                            (unsigned long long)want);
    char what[32];
    snprintf(what, sizeof what, "map %u ", i);
    if ((st = par__wire_check_range(&c->bytes, payload_len, d, t, PAR__K_CALL_MAPS, what)) != PAR_OK)
      return st;
  }
  if (m->ndeps > PAR__WIRE_MAX_DEPS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_CALL_DEPS, "%u deps, the limit is %u",
                          m->ndeps, PAR__WIRE_MAX_DEPS);
  if (m->ndeps && !m->deps) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_DEPS, "is NULL");
  for (uint32_t i = 0; i < m->ndeps; i++)
    if (m->deps[i].k >= PAR__WIRE_MAX_DEPS || m->deps[i].src < 1 || m->deps[i].src >= m->call)
      return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_CALL_DEPS,
                            "dep %u: k %u, src %llu (must be an earlier call)", i, m->deps[i].k,
                            (unsigned long long)m->deps[i].src);
  return PAR_OK;
}

static par_status_t par__wire_check_return_msg(const par__wire_return_t *m, uint64_t payload_len,
                                               par__wire_diag_t *d) {
  const uint32_t t = PAR__WIRE_RETURN;
  if (m->call < 1) return par__wire_fail(d, PAR__WIRE_E_VALUE, t, PAR__K_RETURN_CALL, "is 0");
  par_status_t st = par__wire_check_range(&m->ret, payload_len, d, t, PAR__K_RETURN_RET, "");
  if (st != PAR_OK) return st;
  if (m->nsegments > PAR__WIRE_MAX_MAPS)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_RETURN_SEGMENTS,
                          "%u segments, the limit is %u", m->nsegments, PAR__WIRE_MAX_MAPS);
  return par__wire_check_segments(m->nsegments, m->segments, payload_len, d, t,
                                  PAR__K_RETURN_SEGMENTS);
}

static par_status_t par__wire_check_forget_msg(const par__wire_forget_t *m, par__wire_diag_t *d) {
  const uint32_t t = PAR__WIRE_FORGET;
  if (m->ncalls < 1 || m->ncalls > PAR__WIRE_MAX_FORGET || !m->calls)
    return par__wire_fail(d, PAR__WIRE_E_LIMIT, t, PAR__K_FORGET_CALLS, "%u calls, must be 1..%u",
                          m->ncalls, PAR__WIRE_MAX_FORGET);
  return PAR_OK;
}

static par_status_t par__wire_check_msg(const par__wire_msg_t *m, uint64_t payload_len,
                                        par__wire_diag_t *d) {
  switch (m->type) {
  case PAR__WIRE_HELLO:
    return par__wire_check_hello(&m->u.hello, payload_len, d);
  case PAR__WIRE_WELCOME:
    return par__wire_check_welcome(&m->u.welcome, payload_len, d);
  case PAR__WIRE_REFUSE:
    return par__wire_check_refuse(&m->u.refuse, payload_len, d);
  case PAR__WIRE_LOOP:
    return par__wire_check_loop(&m->u.loop, payload_len, d);
  case PAR__WIRE_DATA:
    return par__wire_check_data_msg(&m->u.data, payload_len, d);
  case PAR__WIRE_TASK:
    return par__wire_check_task_msg(&m->u.task, payload_len, d);
  case PAR__WIRE_RESULT:
    return par__wire_check_result_msg(&m->u.result, payload_len, d);
  case PAR__WIRE_ERROR:
    return par__wire_check_error_msg(&m->u.error, payload_len, d);
  case PAR__WIRE_CALL:
    return par__wire_check_call_msg(&m->u.call, payload_len, d);
  case PAR__WIRE_RETURN:
    return par__wire_check_return_msg(&m->u.ret, payload_len, d);
  case PAR__WIRE_FORGET:
    return par__wire_check_forget_msg(&m->u.forget, d);
  case PAR__WIRE_HEARTBEAT:
  case PAR__WIRE_BYE:
    return PAR_OK;
  default:
    return par__wire_fail(d, PAR__WIRE_E_UNKNOWN_TYPE, 0, PAR__K_TYPE, "%u is not a message type",
                          m->type);
  }
}

/* ---- the buffer ---------------------------------------------------------- */

void par__wire_buf_init(par__wire_buf_t *b) {
  memset(b, 0, sizeof *b);
  par__wire_diag_clear(&b->diag);
}

void par__wire_buf_cleanup(par__wire_buf_t *b) {
  free(b->hdr);
  free(b->iov);
  par__wire_buf_init(b);
}

void par__wire_buf_reset(par__wire_buf_t *b) {
  b->hdr_len = 0;
  b->niov = 0;
  b->payload_len = 0;
  b->full_ = 0;
  par__wire_diag_clear(&b->diag);
}

par_status_t par__wire_buf_add(par__wire_buf_t *b, const void *p, uint64_t len,
                               par__wire_range_t *range) {
  if (len > 0 && !p)
    return par__wire_enc_status(
        par__wire_fail(&b->diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY, "payload piece is NULL"));
  if (len > UINT64_MAX - b->payload_len || len > SIZE_MAX)
    return par__wire_enc_status(par__wire_fail(&b->diag, PAR__WIRE_E_LIMIT, 0, PAR__WIRE_NO_KEY,
                                               "payload would pass UINT64_MAX bytes"));
  if (len > 0) {
    if (b->niov == b->iov_cap_) {
      size_t cap = b->iov_cap_ ? b->iov_cap_ * 2 : 8;
      struct iovec *iov = realloc(b->iov, cap * sizeof *iov);
      if (!iov)
        return par__wire_fail(&b->diag, PAR__WIRE_E_NO_MEMORY, 0, PAR__WIRE_NO_KEY, "payload list");
      b->iov = iov;
      b->iov_cap_ = cap;
    }
    b->iov[b->niov].iov_base = (void *)(uintptr_t)p; /* never written through */
    b->iov[b->niov].iov_len = (size_t)len;
    b->niov++;
  }
  range->off = b->payload_len;
  range->len = len;
  b->payload_len += len;
  return PAR_OK;
}

/* msgpack_packer's write callback: appends to b->hdr up to the limit. */
static int par__wire_write(void *data, const char *buf, size_t len) {
  par__wire_buf_t *b = data;
  if (b->full_) return -1;
  if (len > PAR__WIRE_MAX_HEADER - b->hdr_len) {
    b->full_ = 1;
    return -1;
  }
  if (b->hdr_len + len > b->hdr_cap_) {
    size_t cap = b->hdr_cap_ ? b->hdr_cap_ : 256;
    while (cap < b->hdr_len + len)
      cap *= 2;
    if (cap > PAR__WIRE_MAX_HEADER) cap = PAR__WIRE_MAX_HEADER;
    char *hdr = realloc(b->hdr, cap);
    if (!hdr) {
      b->full_ = 2;
      return -1;
    }
    b->hdr = hdr;
    b->hdr_cap_ = cap;
  }
  memcpy(b->hdr + b->hdr_len, buf, len);
  b->hdr_len += len;
  return 0;
}

/* ---- encoding ------------------------------------------------------------ */

typedef struct par__wire_enc {
  msgpack_packer pk;
  par__wire_buf_t *b;
} par__wire_enc_t;

/* Checks m, then starts its header: a map of 2 + nfields pairs with the
 * version and type. */
static par_status_t par__wire_enc_begin(par__wire_enc_t *e, par__wire_buf_t *b,
                                        const par__wire_msg_t *m, uint32_t nfields) {
  b->hdr_len = 0;
  b->full_ = 0;
  par__wire_diag_clear(&b->diag);
  par_status_t st = par__wire_check_msg(m, b->payload_len, &b->diag);
  if (st != PAR_OK) return st;
  e->b = b;
  msgpack_packer_init(&e->pk, b, par__wire_write);
  msgpack_pack_map(&e->pk, 2 + nfields);
  msgpack_pack_uint8(&e->pk, PAR__K_VERSION);
  msgpack_pack_uint32(&e->pk, PAR__WIRE_VERSION);
  msgpack_pack_uint8(&e->pk, PAR__K_TYPE);
  msgpack_pack_uint32(&e->pk, m->type);
  return PAR_OK;
}

static par_status_t par__wire_enc_end(par__wire_enc_t *e, uint32_t type) {
  par__wire_buf_t *b = e->b;
  if (!b->full_) return PAR_OK;
  int full = b->full_;
  b->hdr_len = 0;
  b->full_ = 0;
  if (full == 2)
    return par__wire_fail(&b->diag, PAR__WIRE_E_NO_MEMORY, type, PAR__WIRE_NO_KEY, "header");
  return par__wire_fail(&b->diag, PAR__WIRE_E_TOO_BIG, type, PAR__WIRE_NO_KEY,
                        "header would be longer than %u bytes", PAR__WIRE_MAX_HEADER);
}

static void par__wire_put_uint(par__wire_enc_t *e, unsigned key, uint64_t v) {
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  msgpack_pack_uint64(&e->pk, v);
}

static void par__wire_put_int(par__wire_enc_t *e, unsigned key, int64_t v) {
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  msgpack_pack_int64(&e->pk, v);
}

static void par__wire_put_str(par__wire_enc_t *e, unsigned key, const char *s) {
  size_t n = s ? strlen(s) : 0;
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  msgpack_pack_str_with_body(&e->pk, s ? s : "", n);
}

static void par__wire_put_bin(par__wire_enc_t *e, unsigned key, const void *p, uint32_t len) {
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  msgpack_pack_bin_with_body(&e->pk, len ? p : "", len);
}

static void par__wire_pack_range(par__wire_enc_t *e, const par__wire_range_t *r) {
  msgpack_pack_array(&e->pk, PAR__WIRE_RANGE_FIELDS);
  msgpack_pack_uint64(&e->pk, r->off);
  msgpack_pack_uint64(&e->pk, r->len);
}

static void par__wire_put_range(par__wire_enc_t *e, unsigned key, const par__wire_range_t *r) {
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  par__wire_pack_range(e, r);
}

static void par__wire_put_blocks(par__wire_enc_t *e, unsigned key, uint32_t n,
                                 const par__wire_block_t *blocks) {
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  msgpack_pack_array(&e->pk, 2 * (size_t)n);
  for (uint32_t i = 0; i < n; i++) {
    msgpack_pack_uint64(&e->pk, blocks[i].k0);
    msgpack_pack_uint64(&e->pk, blocks[i].k1);
  }
}

static void par__wire_put_segments(par__wire_enc_t *e, unsigned key, uint32_t n,
                                   const par__wire_segment_t *segs) {
  msgpack_pack_uint8(&e->pk, (uint8_t)key);
  msgpack_pack_array(&e->pk, n);
  for (uint32_t i = 0; i < n; i++) {
    bool masked = segs[i].mask.len > 0;
    msgpack_pack_array(&e->pk, masked ? PAR__WIRE_SEG_MASKED : PAR__WIRE_SEG_FIELDS);
    msgpack_pack_uint32(&e->pk, segs[i].map);
    msgpack_pack_int64(&e->pk, segs[i].first);
    msgpack_pack_uint64(&e->pk, segs[i].count);
    msgpack_pack_uint64(&e->pk, segs[i].bytes.off);
    msgpack_pack_uint64(&e->pk, segs[i].bytes.len);
    if (masked) {
      msgpack_pack_uint64(&e->pk, segs[i].mask.off);
      msgpack_pack_uint64(&e->pk, segs[i].mask.len);
    }
  }
}

static par_status_t par__wire_encode_msg(par__wire_buf_t *b, const par__wire_msg_t *m) {
  par__wire_enc_t e;
  par_status_t st;
  switch (m->type) {
  case PAR__WIRE_HELLO: {
    const par__wire_hello_t *h = &m->u.hello;
    if ((st = par__wire_enc_begin(&e, b, m, 8)) != PAR_OK) return st;
    par__wire_put_str(&e, PAR__K_HELLO_TOKEN, h->token);
    par__wire_put_uint(&e, PAR__K_HELLO_RANK, h->rank);
    par__wire_put_uint(&e, PAR__K_HELLO_PID, h->pid);
    par__wire_put_str(&e, PAR__K_HELLO_HOST, h->host);
    par__wire_put_bin(&e, PAR__K_HELLO_BUILD_ID, h->build_id, h->build_id_len);
    par__wire_put_bin(&e, PAR__K_HELLO_ADDRESS, h->address, h->address_len);
    par__wire_put_uint(&e, PAR__K_HELLO_THREADS, h->threads);
    par__wire_put_uint(&e, PAR__K_HELLO_GPUS, h->gpus);
    break;
  }
  case PAR__WIRE_WELCOME: {
    const par__wire_welcome_t *w = &m->u.welcome;
    if ((st = par__wire_enc_begin(&e, b, m, 4)) != PAR_OK) return st;
    par__wire_put_bin(&e, PAR__K_WELCOME_ADDRESS, w->address, w->address_len);
    par__wire_put_uint(&e, PAR__K_WELCOME_NWORKERS, w->nworkers);
    par__wire_put_uint(&e, PAR__K_WELCOME_HEARTBEAT, w->heartbeat_ms);
    par__wire_put_uint(&e, PAR__K_WELCOME_DIRECT, w->direct);
    break;
  }
  case PAR__WIRE_REFUSE:
    if ((st = par__wire_enc_begin(&e, b, m, 1)) != PAR_OK) return st;
    par__wire_put_str(&e, PAR__K_REFUSE_REASON, m->u.refuse.reason);
    break;
  case PAR__WIRE_LOOP: {
    const par__wire_loop_t *l = &m->u.loop;
    if ((st = par__wire_enc_begin(&e, b, m, l->has_task ? 13 : 10)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_LOOP_INSTANCE, l->instance);
    par__wire_put_uint(&e, PAR__K_LOOP_ID, l->loop_id);
    par__wire_put_uint(&e, PAR__K_LOOP_NITERS, l->niters);
    par__wire_put_int(&e, PAR__K_LOOP_LB, l->lb);
    par__wire_put_int(&e, PAR__K_LOOP_STEP, l->step);
    par__wire_put_range(&e, PAR__K_LOOP_ENV, &l->env);
    msgpack_pack_uint8(&e.pk, PAR__K_LOOP_MAPS);
    msgpack_pack_array(&e.pk, l->nmaps);
    for (uint32_t i = 0; i < l->nmaps; i++) {
      const par__wire_map_t *p = &l->maps[i];
      msgpack_pack_array(&e.pk, PAR__WIRE_MAP_FIELDS_OUT);
      msgpack_pack_uint32(&e.pk, p->index);
      msgpack_pack_uint32(&e.pk, p->kind);
      msgpack_pack_uint32(&e.pk, p->flags);
      msgpack_pack_int64(&e.pk, p->lo);
      msgpack_pack_uint64(&e.pk, p->len);
      msgpack_pack_uint64(&e.pk, p->elem_size);
      msgpack_pack_int64(&e.pk, p->off_min);
      msgpack_pack_int64(&e.pk, p->off_max);
      msgpack_pack_uint64(&e.pk, p->row ? p->row : 1);
      msgpack_pack_uint64(&e.pk, p->shm_id);
      msgpack_pack_uint32(&e.pk, p->shm_fd);
      msgpack_pack_uint32(&e.pk, p->shm_pid);
      msgpack_pack_uint64(&e.pk, p->shm_off);
    }
    msgpack_pack_uint8(&e.pk, PAR__K_LOOP_REDS);
    msgpack_pack_array(&e.pk, l->nreds);
    for (uint32_t i = 0; i < l->nreds; i++) {
      msgpack_pack_array(&e.pk, PAR__WIRE_RED_FIELDS);
      msgpack_pack_uint64(&e.pk, l->reds[i].count);
      msgpack_pack_uint64(&e.pk, l->reds[i].elem_size);
    }
    msgpack_pack_uint8(&e.pk, PAR__K_LOOP_LASTS);
    msgpack_pack_array(&e.pk, l->nlasts);
    for (uint32_t i = 0; i < l->nlasts; i++)
      msgpack_pack_uint64(&e.pk, l->lasts[i]);
    msgpack_pack_uint8(&e.pk, PAR__K_LOOP_RETIRE);
    msgpack_pack_array(&e.pk, l->nretire);
    for (uint32_t i = 0; i < l->nretire; i++)
      msgpack_pack_uint64(&e.pk, l->retire[i]);
    if (l->has_task) {
      par__wire_put_uint(&e, PAR__K_LOOP_TASK, l->task.task);
      par__wire_put_blocks(&e, PAR__K_LOOP_BLOCKS, l->task.nblocks, l->task.blocks);
      par__wire_put_segments(&e, PAR__K_LOOP_SEGMENTS, l->task.nsegments, l->task.segments);
    }
    break;
  }
  case PAR__WIRE_DATA: {
    const par__wire_data_t *dm = &m->u.data;
    bool masked = dm->seg.mask.len > 0;
    if ((st = par__wire_enc_begin(&e, b, m, masked ? 7 : 6)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_DATA_INSTANCE, dm->instance);
    par__wire_put_uint(&e, PAR__K_DATA_MAP, dm->seg.map);
    par__wire_put_int(&e, PAR__K_DATA_FIRST, dm->seg.first);
    par__wire_put_uint(&e, PAR__K_DATA_COUNT, dm->seg.count);
    par__wire_put_range(&e, PAR__K_DATA_BYTES, &dm->seg.bytes);
    par__wire_put_uint(&e, PAR__K_DATA_TASK, dm->task);
    if (masked) par__wire_put_range(&e, PAR__K_DATA_MASK, &dm->seg.mask);
    break;
  }
  case PAR__WIRE_TASK: {
    const par__wire_task_t *t = &m->u.task;
    if ((st = par__wire_enc_begin(&e, b, m, 4)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_TASK_INSTANCE, t->instance);
    par__wire_put_uint(&e, PAR__K_TASK_TASK, t->task);
    par__wire_put_blocks(&e, PAR__K_TASK_BLOCKS, t->nblocks, t->blocks);
    par__wire_put_segments(&e, PAR__K_TASK_SEGMENTS, t->nsegments, t->segments);
    break;
  }
  case PAR__WIRE_RESULT: {
    const par__wire_result_t *r = &m->u.result;
    if ((st = par__wire_enc_begin(&e, b, m, 7 + r->has_last + r->combined)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_RESULT_INSTANCE, r->instance);
    par__wire_put_uint(&e, PAR__K_RESULT_TASK, r->task);
    par__wire_put_int(&e, PAR__K_RESULT_STATUS, r->status);
    par__wire_put_uint(&e, PAR__K_RESULT_TIME, r->time_ns);
    par__wire_put_uint(&e, PAR__K_RESULT_NBLOCKS, r->nblocks);
    par__wire_put_range(&e, PAR__K_RESULT_PARTIALS, &r->partials);
    if (r->has_last) par__wire_put_range(&e, PAR__K_RESULT_LAST, &r->last);
    par__wire_put_segments(&e, PAR__K_RESULT_SEGMENTS, r->nsegments, r->segments);
    if (r->combined) par__wire_put_uint(&e, PAR__K_RESULT_COMBINED, 1);
    break;
  }
  case PAR__WIRE_ERROR: {
    const par__wire_error_t *x = &m->u.error;
    if ((st = par__wire_enc_begin(&e, b, m, 5)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_ERROR_INSTANCE, x->instance);
    par__wire_put_uint(&e, PAR__K_ERROR_TASK, x->task);
    par__wire_put_uint(&e, PAR__K_ERROR_SIGNAL, x->signal);
    par__wire_put_str(&e, PAR__K_ERROR_MESSAGE, x->message);
    par__wire_put_str(&e, PAR__K_ERROR_BACKTRACE, x->backtrace);
    break;
  }
  case PAR__WIRE_HEARTBEAT:
    if ((st = par__wire_enc_begin(&e, b, m, 1)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_HEARTBEAT_SEQ, m->u.heartbeat.seq);
    break;
  case PAR__WIRE_BYE:
    if ((st = par__wire_enc_begin(&e, b, m, 0)) != PAR_OK) return st;
    break;
  case PAR__WIRE_CALL: {
    const par__wire_call_t *c = &m->u.call;
    if ((st = par__wire_enc_begin(&e, b, m, 7)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_CALL_CALL, c->call);
    par__wire_put_uint(&e, PAR__K_CALL_FN, c->fn);
    par__wire_put_uint(&e, PAR__K_CALL_SITE, c->site);
    par__wire_put_range(&e, PAR__K_CALL_ARGS, &c->args);
    msgpack_pack_uint8(&e.pk, PAR__K_CALL_MAPS);
    msgpack_pack_array(&e.pk, c->nmaps);
    for (uint32_t i = 0; i < c->nmaps; i++) {
      const par__wire_cmap_t *cm = &c->maps[i];
      msgpack_pack_array(&e.pk, PAR__WIRE_CMAP_FIELDS);
      msgpack_pack_uint32(&e.pk, cm->kind);
      msgpack_pack_int64(&e.pk, cm->lo);
      msgpack_pack_uint64(&e.pk, cm->len);
      msgpack_pack_uint64(&e.pk, cm->elem_size);
      msgpack_pack_uint64(&e.pk, cm->bytes.off);
      msgpack_pack_uint64(&e.pk, cm->bytes.len);
    }
    msgpack_pack_uint8(&e.pk, PAR__K_CALL_DEPS);
    msgpack_pack_array(&e.pk, c->ndeps);
    for (uint32_t i = 0; i < c->ndeps; i++) {
      msgpack_pack_array(&e.pk, PAR__WIRE_DEP_FIELDS);
      msgpack_pack_uint32(&e.pk, c->deps[i].k);
      msgpack_pack_uint64(&e.pk, c->deps[i].src);
    }
    par__wire_put_uint(&e, PAR__K_CALL_KEEP, c->keep ? 1 : 0);
    break;
  }
  case PAR__WIRE_RETURN: {
    const par__wire_return_t *r = &m->u.ret;
    if ((st = par__wire_enc_begin(&e, b, m, 5)) != PAR_OK) return st;
    par__wire_put_uint(&e, PAR__K_RETURN_CALL, r->call);
    par__wire_put_int(&e, PAR__K_RETURN_STATUS, r->status);
    par__wire_put_uint(&e, PAR__K_RETURN_TIME, r->time_ns);
    par__wire_put_range(&e, PAR__K_RETURN_RET, &r->ret);
    par__wire_put_segments(&e, PAR__K_RETURN_SEGMENTS, r->nsegments, r->segments);
    break;
  }
  case PAR__WIRE_FORGET: {
    const par__wire_forget_t *f = &m->u.forget;
    if ((st = par__wire_enc_begin(&e, b, m, 1)) != PAR_OK) return st;
    msgpack_pack_uint8(&e.pk, PAR__K_FORGET_CALLS);
    msgpack_pack_array(&e.pk, f->ncalls);
    for (uint32_t i = 0; i < f->ncalls; i++) msgpack_pack_uint64(&e.pk, f->calls[i]);
    break;
  }
  default:
    b->hdr_len = 0;
    par__wire_diag_clear(&b->diag);
    return par__wire_fail(&b->diag, PAR__WIRE_E_UNKNOWN_TYPE, 0, PAR__K_TYPE,
                          "%u is not a message type", m->type);
  }
  return par__wire_enc_end(&e, m->type);
}

par_status_t par__wire_encode(par__wire_buf_t *b, const par__wire_msg_t *m) {
  return par__wire_enc_status(par__wire_encode_msg(b, m));
}

#define PAR__WIRE_ENCODER(name, member, TYPE)                                                      \
  par_status_t par__wire_encode_##name(par__wire_buf_t *b, const par__wire_##name##_t *m) {        \
    par__wire_msg_t msg = {.type = TYPE};                                                          \
    msg.u.member = *m;                                                                             \
    return par__wire_encode(b, &msg);                                                              \
  }
PAR__WIRE_ENCODER(hello, hello, PAR__WIRE_HELLO)
PAR__WIRE_ENCODER(welcome, welcome, PAR__WIRE_WELCOME)
PAR__WIRE_ENCODER(refuse, refuse, PAR__WIRE_REFUSE)
PAR__WIRE_ENCODER(loop, loop, PAR__WIRE_LOOP)
PAR__WIRE_ENCODER(data, data, PAR__WIRE_DATA)
PAR__WIRE_ENCODER(task, task, PAR__WIRE_TASK)
PAR__WIRE_ENCODER(result, result, PAR__WIRE_RESULT)
PAR__WIRE_ENCODER(error, error, PAR__WIRE_ERROR)
PAR__WIRE_ENCODER(heartbeat, heartbeat, PAR__WIRE_HEARTBEAT)
PAR__WIRE_ENCODER(call, call, PAR__WIRE_CALL)
PAR__WIRE_ENCODER(forget, forget, PAR__WIRE_FORGET)
#undef PAR__WIRE_ENCODER

par_status_t par__wire_encode_return(par__wire_buf_t *b, const par__wire_return_t *m) {
  par__wire_msg_t msg = {.type = PAR__WIRE_RETURN};
  msg.u.ret = *m;
  return par__wire_encode(b, &msg);
}

par_status_t par__wire_encode_bye(par__wire_buf_t *b) {
  par__wire_msg_t msg = {.type = PAR__WIRE_BYE};
  return par__wire_encode(b, &msg);
}

/* ---- decoding, step 2: the syntax scan ----------------------------------- */

static uint64_t par__wire_be(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++)
    v = v << 8 | p[i];
  return v;
}

/* Checks that p[0, n) is exactly one complete msgpack value whose containers
 * each declare no more elements than bytes are left, nested at most
 * PAR__WIRE_MAX_DEPTH deep. Allocates nothing. */
static par_status_t par__wire_scan(const unsigned char *p, size_t n, par__wire_diag_t *d) {
  size_t left[PAR__WIRE_MAX_DEPTH + 1]; /* values still to read per open level */
  unsigned depth = 1;                   /* levels open; level 0 holds the top value */
  size_t pos = 0;
  left[0] = 1;
  while (depth > 0) {
    if (left[depth - 1] == 0) {
      depth--;
      continue;
    }
    left[depth - 1]--;
    if (pos >= n)
      return par__wire_fail(d, PAR__WIRE_E_TRUNCATED, 0, PAR__WIRE_NO_KEY,
                            "ends at byte %zu inside a value", pos);
    size_t at = pos;
    unsigned c = p[pos++];
    size_t lenbytes = 0; /* bytes of a length or count field that follows */
    uint64_t body = 0;   /* bytes of data after that */
    uint64_t extra = 0;  /* ext: its type byte */
    int kind = 0;        /* 0 scalar, 1 raw (str, bin, ext), 2 array, 3 map */
    uint64_t items = 0;
    if (c <= 0x7f || c >= 0xe0 || c == 0xc0 || c == 0xc2 || c == 0xc3) {
      /* fixint, nil, bool */
    } else if (c <= 0x8f) {
      items = 2u * (c & 0x0f);
    } else if (c <= 0x9f) {
      items = c & 0x0f;
    } else if (c <= 0xbf) {
      body = c & 0x1f;
    } else {
      switch (c) {
      case 0xc1:
        return par__wire_fail(d, PAR__WIRE_E_SYNTAX, 0, PAR__WIRE_NO_KEY, "byte 0xc1 at %zu", at);
      case 0xc4:
      case 0xc5:
      case 0xc6: /* bin 8/16/32 */
        lenbytes = (size_t)1 << (c - 0xc4);
        kind = 1;
        break;
      case 0xc7:
      case 0xc8:
      case 0xc9: /* ext 8/16/32 */
        lenbytes = (size_t)1 << (c - 0xc7);
        extra = 1;
        kind = 1;
        break;
      case 0xca: /* float 32 */
        body = 4;
        break;
      case 0xcb: /* float 64 */
        body = 8;
        break;
      case 0xcc:
      case 0xcd:
      case 0xce:
      case 0xcf: /* uint 8..64 */
        body = (uint64_t)1 << (c - 0xcc);
        break;
      case 0xd0:
      case 0xd1:
      case 0xd2:
      case 0xd3: /* int 8..64 */
        body = (uint64_t)1 << (c - 0xd0);
        break;
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8: /* fixext 1..16 */
        body = 1 + ((uint64_t)1 << (c - 0xd4));
        break;
      case 0xd9:
      case 0xda:
      case 0xdb: /* str 8/16/32 */
        lenbytes = (size_t)1 << (c - 0xd9);
        kind = 1;
        break;
      case 0xdc:
      case 0xdd: /* array 16/32 */
        lenbytes = (size_t)2 << (c - 0xdc);
        kind = 2;
        break;
      default: /* 0xde, 0xdf: map 16/32 */
        lenbytes = (size_t)2 << (c - 0xde);
        kind = 3;
        break;
      }
    }
    if (lenbytes > n - pos)
      return par__wire_fail(d, PAR__WIRE_E_TRUNCATED, 0, PAR__WIRE_NO_KEY,
                            "ends inside the length of the value at byte %zu", at);
    uint64_t len = par__wire_be(p + pos, lenbytes);
    pos += lenbytes;
    if (kind == 1) body = len + extra;
    if (kind == 2) items = len;
    if (kind == 3) items = 2 * len;
    if (body > n - pos)
      return par__wire_fail(d, PAR__WIRE_E_TRUNCATED, 0, PAR__WIRE_NO_KEY,
                            "value at byte %zu needs %llu bytes, %zu are left", at,
                            (unsigned long long)body, n - pos);
    pos += (size_t)body;
    if (items == 0) continue;
    if (items > n - pos)
      return par__wire_fail(d, PAR__WIRE_E_COUNT, 0, PAR__WIRE_NO_KEY,
                            "%s at byte %zu declares %llu values, %zu bytes are left",
                            kind == 3 || (c >= 0x80 && c <= 0x8f) ? "map" : "array", at,
                            (unsigned long long)items, n - pos);
    if (depth > PAR__WIRE_MAX_DEPTH)
      return par__wire_fail(d, PAR__WIRE_E_DEPTH, 0, PAR__WIRE_NO_KEY,
                            "more than %u arrays or maps nested at byte %zu", PAR__WIRE_MAX_DEPTH,
                            at);
    left[depth++] = (size_t)items;
  }
  if (pos != n)
    return par__wire_fail(d, PAR__WIRE_E_TRAILING, 0, PAR__WIRE_NO_KEY,
                          "%zu bytes after the header map", n - pos);
  return PAR_OK;
}

/* ---- decoding, step 4: the schema ---------------------------------------- */

/* Storage a decoded message owns: a list of blocks freed together. */
typedef struct par__wire_mem {
  struct par__wire_mem *next;
  max_align_t data[];
} par__wire_mem_t;

static void *par__wire_alloc(par__wire_msg_t *m, size_t size) {
  if (size > SIZE_MAX - sizeof(par__wire_mem_t)) return NULL;
  par__wire_mem_t *mem = malloc(sizeof *mem + size);
  if (!mem) return NULL;
  mem->next = m->mem_;
  m->mem_ = mem;
  return mem->data;
}

void par__wire_msg_free(par__wire_msg_t *m) {
  if (!m) return;
  par__wire_mem_t *mem = m->mem_;
  while (mem) {
    par__wire_mem_t *next = mem->next;
    free(mem);
    mem = next;
  }
  memset(m, 0, sizeof *m);
}

typedef struct par__wire_dec {
  const msgpack_object *val[PAR__WIRE_CHECKED_KEYS]; /* by key; NULL when absent */
  uint32_t type;
  par__wire_msg_t *msg;
  par__wire_diag_t *diag;
} par__wire_dec_t;

static const char *par__wire_obj_name(const msgpack_object *o) {
  switch (o->type) {
  case MSGPACK_OBJECT_NIL:
    return "nil";
  case MSGPACK_OBJECT_BOOLEAN:
    return "a boolean";
  case MSGPACK_OBJECT_POSITIVE_INTEGER:
    return "an unsigned integer";
  case MSGPACK_OBJECT_NEGATIVE_INTEGER:
    return "a negative integer";
  case MSGPACK_OBJECT_FLOAT32:
  case MSGPACK_OBJECT_FLOAT64:
    return "a float";
  case MSGPACK_OBJECT_STR:
    return "a string";
  case MSGPACK_OBJECT_ARRAY:
    return "an array";
  case MSGPACK_OBJECT_MAP:
    return "a map";
  case MSGPACK_OBJECT_BIN:
    return "a byte string";
  case MSGPACK_OBJECT_EXT:
    return "an extension";
  }
  return "?";
}

static par_status_t par__dec_fail_type(par__wire_dec_t *d, unsigned key, const char *where,
                                       const msgpack_object *o, const char *want) {
  return par__wire_fail(d->diag, PAR__WIRE_E_TYPE, d->type, key, "%sis %s, must be %s", where,
                        par__wire_obj_name(o), want);
}

/* Unsigned integer <= max. */
static par_status_t par__dec_uint_obj(par__wire_dec_t *d, unsigned key, const char *where,
                                      const msgpack_object *o, uint64_t max, uint64_t *out) {
  if (o->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
    return par__dec_fail_type(d, key, where, o, "an unsigned integer");
  if (o->via.u64 > max)
    return par__wire_fail(d->diag, PAR__WIRE_E_VALUE, d->type, key, "%s%llu is above %llu", where,
                          (unsigned long long)o->via.u64, (unsigned long long)max);
  *out = o->via.u64;
  return PAR_OK;
}

/* Signed integer in [min, max], from either msgpack integer family. */
static par_status_t par__dec_int_obj(par__wire_dec_t *d, unsigned key, const char *where,
                                     const msgpack_object *o, int64_t min, int64_t max,
                                     int64_t *out) {
  int64_t v;
  if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) {
    if (o->via.u64 > (uint64_t)max)
      return par__wire_fail(d->diag, PAR__WIRE_E_VALUE, d->type, key, "%s%llu is above %lld", where,
                            (unsigned long long)o->via.u64, (long long)max);
    v = (int64_t)o->via.u64;
  } else if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) {
    v = o->via.i64;
  } else {
    return par__dec_fail_type(d, key, where, o, "an integer");
  }
  if (v < min || v > max)
    return par__wire_fail(d->diag, PAR__WIRE_E_VALUE, d->type, key, "%s%lld is outside %lld..%lld",
                          where, (long long)v, (long long)min, (long long)max);
  *out = v;
  return PAR_OK;
}

static par_status_t par__dec_range_obj(par__wire_dec_t *d, unsigned key, const char *where,
                                       const msgpack_object *o, par__wire_range_t *out) {
  if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size < PAR__WIRE_RANGE_FIELDS)
    return par__dec_fail_type(d, key, where, o, "an array [off, len]");
  par_status_t st = par__dec_uint_obj(d, key, where, &o->via.array.ptr[0], UINT64_MAX, &out->off);
  if (st != PAR_OK) return st;
  return par__dec_uint_obj(d, key, where, &o->via.array.ptr[1], UINT64_MAX, &out->len);
}

/* The value of a key; NULL when absent, which is an error if required. */
static par_status_t par__dec_get(par__wire_dec_t *d, unsigned key, bool required,
                                 const msgpack_object **o) {
  *o = d->val[key];
  if (!*o && required) return par__wire_fail(d->diag, PAR__WIRE_E_MISSING, d->type, key, "missing");
  return PAR_OK;
}

static par_status_t par__dec_uint(par__wire_dec_t *d, unsigned key, uint64_t max, uint64_t *out) {
  const msgpack_object *o;
  par_status_t st = par__dec_get(d, key, true, &o);
  if (st != PAR_OK) return st;
  return par__dec_uint_obj(d, key, "", o, max, out);
}

static par_status_t par__dec_u32(par__wire_dec_t *d, unsigned key, uint32_t *out) {
  uint64_t v;
  par_status_t st = par__dec_uint(d, key, UINT32_MAX, &v);
  if (st == PAR_OK) *out = (uint32_t)v;
  return st;
}

/* An optional unsigned integer <= max: *out is left alone (the default)
 * when the key is absent. */
static par_status_t par__dec_opt_uint(par__wire_dec_t *d, unsigned key, uint64_t max,
                                      uint64_t *out) {
  const msgpack_object *o;
  par_status_t st = par__dec_get(d, key, false, &o);
  if (st != PAR_OK || !o) return st;
  return par__dec_uint_obj(d, key, "", o, max, out);
}

static par_status_t par__dec_opt_u32(par__wire_dec_t *d, unsigned key, uint32_t *out) {
  uint64_t v = *out;
  par_status_t st = par__dec_opt_uint(d, key, UINT32_MAX, &v);
  if (st == PAR_OK) *out = (uint32_t)v;
  return st;
}

static par_status_t par__dec_int(par__wire_dec_t *d, unsigned key, int64_t *out) {
  const msgpack_object *o;
  par_status_t st = par__dec_get(d, key, true, &o);
  if (st != PAR_OK) return st;
  return par__dec_int_obj(d, key, "", o, INT64_MIN, INT64_MAX, out);
}

static par_status_t par__dec_range(par__wire_dec_t *d, unsigned key, bool required,
                                   par__wire_range_t *out) {
  const msgpack_object *o;
  par_status_t st = par__dec_get(d, key, required, &o);
  if (st != PAR_OK || !o) return st;
  return par__dec_range_obj(d, key, "", o, out);
}

/* A string of at most max bytes without NUL, copied NUL-terminated. */
static par_status_t par__dec_str(par__wire_dec_t *d, unsigned key, bool required, size_t max,
                                 const char **out) {
  const msgpack_object *o;
  par_status_t st = par__dec_get(d, key, required, &o);
  if (st != PAR_OK) return st;
  if (!o) {
    *out = "";
    return PAR_OK;
  }
  if (o->type != MSGPACK_OBJECT_STR) return par__dec_fail_type(d, key, "", o, "a string");
  size_t n = o->via.str.size;
  if (n > max)
    return par__wire_fail(d->diag, PAR__WIRE_E_LIMIT, d->type, key, "%zu bytes, the limit is %zu",
                          n, max);
  if (n > 0 && memchr(o->via.str.ptr, '\0', n))
    return par__wire_fail(d->diag, PAR__WIRE_E_VALUE, d->type, key, "holds a NUL byte");
  char *s = par__wire_alloc(d->msg, n + 1);
  if (!s) return par__wire_fail(d->diag, PAR__WIRE_E_NO_MEMORY, d->type, key, "string copy");
  if (n > 0) memcpy(s, o->via.str.ptr, n);
  s[n] = '\0';
  *out = s;
  return PAR_OK;
}

/* A byte string of at most max bytes, copied (NULL when empty). */
static par_status_t par__dec_bin(par__wire_dec_t *d, unsigned key, uint32_t max, const void **out,
                                 uint32_t *len) {
  const msgpack_object *o;
  par_status_t st = par__dec_get(d, key, true, &o);
  if (st != PAR_OK) return st;
  if (o->type != MSGPACK_OBJECT_BIN) return par__dec_fail_type(d, key, "", o, "a byte string");
  uint32_t n = o->via.bin.size;
  if (n > max)
    return par__wire_fail(d->diag, PAR__WIRE_E_LIMIT, d->type, key, "%u bytes, the limit is %u", n,
                          max);
  *out = NULL;
  *len = n;
  if (n == 0) return PAR_OK;
  void *p = par__wire_alloc(d->msg, n);
  if (!p) return par__wire_fail(d->diag, PAR__WIRE_E_NO_MEMORY, d->type, key, "byte string copy");
  memcpy(p, o->via.bin.ptr, n);
  *out = p;
  return PAR_OK;
}

/* An array of at most max elements (absent: none, if optional); allocates
 * n * elem_size bytes for the caller's conversion (NULL when n is 0). */
static par_status_t par__dec_list(par__wire_dec_t *d, unsigned key, bool required, uint32_t max,
                                  size_t elem_size, const msgpack_object **items, uint32_t *n,
                                  void **storage) {
  const msgpack_object *o;
  *items = NULL;
  *n = 0;
  *storage = NULL;
  par_status_t st = par__dec_get(d, key, required, &o);
  if (st != PAR_OK || !o) return st;
  if (o->type != MSGPACK_OBJECT_ARRAY) return par__dec_fail_type(d, key, "", o, "an array");
  if (o->via.array.size > max)
    return par__wire_fail(d->diag, PAR__WIRE_E_LIMIT, d->type, key, "%u entries, the limit is %u",
                          o->via.array.size, max);
  *items = o->via.array.ptr;
  *n = o->via.array.size;
  if (*n == 0) return PAR_OK;
  *storage = par__wire_alloc(d->msg, (size_t)*n * elem_size);
  if (!*storage) return par__wire_fail(d->diag, PAR__WIRE_E_NO_MEMORY, d->type, key, "list");
  return PAR_OK;
}

/* Element i of a list must be an array of at least nfields values. */
static par_status_t par__dec_record(par__wire_dec_t *d, unsigned key, const char *what, uint32_t i,
                                    const msgpack_object *o, uint32_t nfields, char *where,
                                    size_t where_size) {
  snprintf(where, where_size, "%s %u: ", what, i);
  if (o->type != MSGPACK_OBJECT_ARRAY)
    return par__wire_fail(d->diag, PAR__WIRE_E_TYPE, d->type, key,
                          "%sis %s, must be an array of at least %u values", where,
                          par__wire_obj_name(o), nfields);
  if (o->via.array.size < nfields)
    return par__wire_fail(d->diag, PAR__WIRE_E_TYPE, d->type, key,
                          "%shas %u values, must have at least %u", where, o->via.array.size,
                          nfields);
  return PAR_OK;
}

static par_status_t par__dec_segments(par__wire_dec_t *d, unsigned key, uint32_t *n,
                                      const par__wire_segment_t **out) {
  const msgpack_object *items;
  void *storage;
  par_status_t st = par__dec_list(d, key, false, PAR__WIRE_MAX_SEGMENTS,
                                  sizeof(par__wire_segment_t), &items, n, &storage);
  if (st != PAR_OK) return st;
  par__wire_segment_t *segs = storage;
  for (uint32_t i = 0; i < *n; i++) {
    char where[32];
    uint64_t map;
    if ((st = par__dec_record(d, key, "segment", i, &items[i], PAR__WIRE_SEG_FIELDS, where,
                              sizeof where)) != PAR_OK)
      return st;
    const msgpack_object *f = items[i].via.array.ptr;
    if ((st = par__dec_uint_obj(d, key, where, &f[0], UINT32_MAX, &map)) != PAR_OK ||
        (st = par__dec_int_obj(d, key, where, &f[1], INT64_MIN, INT64_MAX, &segs[i].first)) !=
            PAR_OK ||
        (st = par__dec_uint_obj(d, key, where, &f[2], UINT64_MAX, &segs[i].count)) != PAR_OK ||
        (st = par__dec_uint_obj(d, key, where, &f[3], UINT64_MAX, &segs[i].bytes.off)) != PAR_OK ||
        (st = par__dec_uint_obj(d, key, where, &f[4], UINT64_MAX, &segs[i].bytes.len)) != PAR_OK)
      return st;
    segs[i].mask = (par__wire_range_t){0};
    if (items[i].via.array.size >= PAR__WIRE_SEG_MASKED &&
        ((st = par__dec_uint_obj(d, key, where, &f[5], UINT64_MAX, &segs[i].mask.off)) != PAR_OK ||
         (st = par__dec_uint_obj(d, key, where, &f[6], UINT64_MAX, &segs[i].mask.len)) != PAR_OK))
      return st;
    segs[i].map = (uint32_t)map;
  }
  *out = segs;
  return PAR_OK;
}

static par_status_t par__dec_hello(par__wire_dec_t *d, par__wire_hello_t *m) {
  par_status_t st;
  if ((st = par__dec_str(d, PAR__K_HELLO_TOKEN, true, PAR__WIRE_TOKEN_LEN, &m->token)) != PAR_OK ||
      (st = par__dec_u32(d, PAR__K_HELLO_RANK, &m->rank)) != PAR_OK ||
      (st = par__dec_u32(d, PAR__K_HELLO_PID, &m->pid)) != PAR_OK ||
      (st = par__dec_str(d, PAR__K_HELLO_HOST, true, PAR__WIRE_MAX_HOST, &m->host)) != PAR_OK ||
      (st = par__dec_bin(d, PAR__K_HELLO_BUILD_ID, PAR__WIRE_MAX_BUILD_ID, &m->build_id,
                         &m->build_id_len)) != PAR_OK)
    return st;
  if ((st = par__dec_bin(d, PAR__K_HELLO_ADDRESS, PAR__WIRE_MAX_ADDRESS, &m->address,
                         &m->address_len)) != PAR_OK)
    return st;
  m->threads = 1;
  if ((st = par__dec_opt_u32(d, PAR__K_HELLO_THREADS, &m->threads)) != PAR_OK) return st;
  m->gpus = 0;
  return par__dec_opt_u32(d, PAR__K_HELLO_GPUS, &m->gpus);
}

static par_status_t par__dec_welcome(par__wire_dec_t *d, par__wire_welcome_t *m) {
  par_status_t st;
  if ((st = par__dec_bin(d, PAR__K_WELCOME_ADDRESS, PAR__WIRE_MAX_ADDRESS, &m->address,
                         &m->address_len)) != PAR_OK ||
      (st = par__dec_u32(d, PAR__K_WELCOME_NWORKERS, &m->nworkers)) != PAR_OK)
    return st;
  if ((st = par__dec_u32(d, PAR__K_WELCOME_HEARTBEAT, &m->heartbeat_ms)) != PAR_OK) return st;
  m->direct = 0;
  return par__dec_opt_u32(d, PAR__K_WELCOME_DIRECT, &m->direct);
}

static par_status_t par__dec_task_at(par__wire_dec_t *d, const par__task_keys_t *k,
                                     par__wire_task_t *m);

static par_status_t par__dec_loop(par__wire_dec_t *d, par__wire_loop_t *m) {
  par_status_t st;
  if ((st = par__dec_uint(d, PAR__K_LOOP_INSTANCE, UINT64_MAX, &m->instance)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_LOOP_ID, UINT64_MAX, &m->loop_id)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_LOOP_NITERS, UINT64_MAX, &m->niters)) != PAR_OK ||
      (st = par__dec_int(d, PAR__K_LOOP_LB, &m->lb)) != PAR_OK ||
      (st = par__dec_int(d, PAR__K_LOOP_STEP, &m->step)) != PAR_OK ||
      (st = par__dec_range(d, PAR__K_LOOP_ENV, true, &m->env)) != PAR_OK)
    return st;

  const msgpack_object *items;
  void *storage;
  char where[32];
  st = par__dec_list(d, PAR__K_LOOP_MAPS, false, PAR__WIRE_MAX_MAPS, sizeof(par__wire_map_t),
                     &items, &m->nmaps, &storage);
  if (st != PAR_OK) return st;
  par__wire_map_t *maps = storage;
  for (uint32_t i = 0; i < m->nmaps; i++) {
    const unsigned k = PAR__K_LOOP_MAPS;
    uint64_t index, kind, flags;
    if ((st = par__dec_record(d, k, "map", i, &items[i], PAR__WIRE_MAP_FIELDS, where,
                              sizeof where)) != PAR_OK)
      return st;
    const msgpack_object *f = items[i].via.array.ptr;
    par__wire_map_t *p = &maps[i];
    if ((st = par__dec_uint_obj(d, k, where, &f[0], UINT32_MAX, &index)) != PAR_OK ||
        (st = par__dec_uint_obj(d, k, where, &f[1], UINT32_MAX, &kind)) != PAR_OK ||
        (st = par__dec_uint_obj(d, k, where, &f[2], UINT32_MAX, &flags)) != PAR_OK ||
        (st = par__dec_int_obj(d, k, where, &f[3], INT64_MIN, INT64_MAX, &p->lo)) != PAR_OK ||
        (st = par__dec_uint_obj(d, k, where, &f[4], UINT64_MAX, &p->len)) != PAR_OK ||
        (st = par__dec_uint_obj(d, k, where, &f[5], UINT64_MAX, &p->elem_size)) != PAR_OK ||
        (st = par__dec_int_obj(d, k, where, &f[6], INT64_MIN, INT64_MAX, &p->off_min)) != PAR_OK ||
        (st = par__dec_int_obj(d, k, where, &f[7], INT64_MIN, INT64_MAX, &p->off_max)) != PAR_OK)
      return st;
    p->row = 1;
    if (items[i].via.array.size > PAR__WIRE_MAP_FIELDS &&
        (st = par__dec_uint_obj(d, k, where, &f[8], UINT64_MAX, &p->row)) != PAR_OK)
      return st;
    uint64_t shm_fd = 0, shm_pid = 0;
    p->shm_id = p->shm_off = 0;
    if (items[i].via.array.size >= PAR__WIRE_MAP_FIELDS_OUT &&
        ((st = par__dec_uint_obj(d, k, where, &f[9], UINT64_MAX, &p->shm_id)) != PAR_OK ||
         (st = par__dec_uint_obj(d, k, where, &f[10], UINT32_MAX, &shm_fd)) != PAR_OK ||
         (st = par__dec_uint_obj(d, k, where, &f[11], UINT32_MAX, &shm_pid)) != PAR_OK ||
         (st = par__dec_uint_obj(d, k, where, &f[12], UINT64_MAX, &p->shm_off)) != PAR_OK))
      return st;
    p->shm_fd = (uint32_t)shm_fd;
    p->shm_pid = (uint32_t)shm_pid;
    p->index = (uint32_t)index;
    p->kind = (uint32_t)kind;
    p->flags = (uint32_t)flags;
  }
  m->maps = maps;

  st = par__dec_list(d, PAR__K_LOOP_REDS, false, PAR__WIRE_MAX_REDS, sizeof(par__wire_red_t),
                     &items, &m->nreds, &storage);
  if (st != PAR_OK) return st;
  par__wire_red_t *reds = storage;
  for (uint32_t i = 0; i < m->nreds; i++) {
    const unsigned k = PAR__K_LOOP_REDS;
    if ((st = par__dec_record(d, k, "reduction", i, &items[i], PAR__WIRE_RED_FIELDS, where,
                              sizeof where)) != PAR_OK)
      return st;
    const msgpack_object *f = items[i].via.array.ptr;
    if ((st = par__dec_uint_obj(d, k, where, &f[0], UINT64_MAX, &reds[i].count)) != PAR_OK ||
        (st = par__dec_uint_obj(d, k, where, &f[1], UINT64_MAX, &reds[i].elem_size)) != PAR_OK)
      return st;
  }
  m->reds = reds;

  st = par__dec_list(d, PAR__K_LOOP_LASTS, false, PAR__WIRE_MAX_LASTS, sizeof(uint64_t), &items,
                     &m->nlasts, &storage);
  if (st != PAR_OK) return st;
  uint64_t *lasts = storage;
  for (uint32_t i = 0; i < m->nlasts; i++) {
    snprintf(where, sizeof where, "lastprivate %u: ", i);
    if ((st = par__dec_uint_obj(d, PAR__K_LOOP_LASTS, where, &items[i], UINT64_MAX, &lasts[i])) !=
        PAR_OK)
      return st;
  }
  m->lasts = lasts;

  st = par__dec_list(d, PAR__K_LOOP_RETIRE, false, PAR__WIRE_MAX_RETIRE, sizeof(uint64_t), &items,
                     &m->nretire, &storage);
  if (st != PAR_OK) return st;
  uint64_t *retire = storage;
  for (uint32_t i = 0; i < m->nretire; i++) {
    snprintf(where, sizeof where, "instance %u: ", i);
    if ((st = par__dec_uint_obj(d, PAR__K_LOOP_RETIRE, where, &items[i], UINT64_MAX, &retire[i])) !=
        PAR_OK)
      return st;
  }
  m->retire = retire;
  const msgpack_object *o;
  if ((st = par__dec_get(d, PAR__K_LOOP_TASK, false, &o)) != PAR_OK) return st;
  if (!o) return PAR_OK;
  m->has_task = true;
  m->task.instance = m->instance;
  return par__dec_task_at(d, &par__loop_task_keys, &m->task);
}

static par_status_t par__dec_data(par__wire_dec_t *d, par__wire_data_t *m) {
  par_status_t st;
  if ((st = par__dec_uint(d, PAR__K_DATA_INSTANCE, UINT64_MAX, &m->instance)) != PAR_OK ||
      (st = par__dec_u32(d, PAR__K_DATA_MAP, &m->seg.map)) != PAR_OK ||
      (st = par__dec_int(d, PAR__K_DATA_FIRST, &m->seg.first)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_DATA_COUNT, UINT64_MAX, &m->seg.count)) != PAR_OK)
    return st;
  if ((st = par__dec_range(d, PAR__K_DATA_BYTES, true, &m->seg.bytes)) != PAR_OK ||
      (st = par__dec_range(d, PAR__K_DATA_MASK, false, &m->seg.mask)) != PAR_OK)
    return st;
  return par__dec_opt_uint(d, PAR__K_DATA_TASK, UINT64_MAX, &m->task);
}

static par_status_t par__dec_task(par__wire_dec_t *d, par__wire_task_t *m) {
  par_status_t st;
  if ((st = par__dec_uint(d, PAR__K_TASK_INSTANCE, UINT64_MAX, &m->instance)) != PAR_OK) return st;
  return par__dec_task_at(d, &par__task_keys, m);
}

/* A task's id, blocks and segments, at k's keys. */
static par_status_t par__dec_task_at(par__wire_dec_t *d, const par__task_keys_t *k,
                                     par__wire_task_t *m) {
  par_status_t st;
  if ((st = par__dec_uint(d, k->task, UINT64_MAX, &m->task)) != PAR_OK) return st;
  const msgpack_object *items;
  void *storage;
  uint32_t n;
  st = par__dec_list(d, k->blocks, true, 2 * PAR__WIRE_MAX_BLOCKS, sizeof(uint64_t), &items, &n,
                     &storage);
  if (st != PAR_OK) return st;
  if (n % 2 != 0)
    return par__wire_fail(d->diag, PAR__WIRE_E_VALUE, d->type, k->blocks,
                          "%u values, must be pairs k0, k1", n);
  par__wire_block_t *blocks = storage; /* n uint64_t values = n / 2 blocks */
  for (uint32_t i = 0; i < n; i++) {
    char where[32];
    uint64_t v;
    snprintf(where, sizeof where, "value %u: ", i);
    if ((st = par__dec_uint_obj(d, k->blocks, where, &items[i], UINT64_MAX, &v)) != PAR_OK)
      return st;
    if (i % 2 == 0)
      blocks[i / 2].k0 = v;
    else
      blocks[i / 2].k1 = v;
  }
  m->nblocks = n / 2;
  m->blocks = blocks;
  return par__dec_segments(d, k->segments, &m->nsegments, &m->segments);
}

static par_status_t par__dec_result(par__wire_dec_t *d, par__wire_result_t *m) {
  par_status_t st;
  const msgpack_object *o;
  int64_t status;
  if ((st = par__dec_uint(d, PAR__K_RESULT_INSTANCE, UINT64_MAX, &m->instance)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_RESULT_TASK, UINT64_MAX, &m->task)) != PAR_OK ||
      (st = par__dec_get(d, PAR__K_RESULT_STATUS, true, &o)) != PAR_OK ||
      (st = par__dec_int_obj(d, PAR__K_RESULT_STATUS, "", o, INT32_MIN, INT32_MAX, &status)) !=
          PAR_OK ||
      (st = par__dec_uint(d, PAR__K_RESULT_TIME, UINT64_MAX, &m->time_ns)) != PAR_OK ||
      (st = par__dec_get(d, PAR__K_RESULT_NBLOCKS, false, &o)) != PAR_OK)
    return st;
  m->status = (int32_t)status;
  if (o) {
    uint64_t nb;
    if ((st = par__dec_uint_obj(d, PAR__K_RESULT_NBLOCKS, "", o, UINT32_MAX, &nb)) != PAR_OK)
      return st;
    m->nblocks = (uint32_t)nb;
  }
  if ((st = par__dec_range(d, PAR__K_RESULT_PARTIALS, false, &m->partials)) != PAR_OK ||
      (st = par__dec_get(d, PAR__K_RESULT_LAST, false, &o)) != PAR_OK)
    return st;
  if (o) {
    m->has_last = true;
    if ((st = par__dec_range_obj(d, PAR__K_RESULT_LAST, "", o, &m->last)) != PAR_OK) return st;
  }
  uint64_t combined = 0;
  if ((st = par__dec_opt_uint(d, PAR__K_RESULT_COMBINED, 1, &combined)) != PAR_OK) return st;
  m->combined = combined != 0;
  return par__dec_segments(d, PAR__K_RESULT_SEGMENTS, &m->nsegments, &m->segments);
}

static par_status_t par__dec_error(par__wire_dec_t *d, par__wire_error_t *m) {
  par_status_t st;
  if ((st = par__dec_uint(d, PAR__K_ERROR_INSTANCE, UINT64_MAX, &m->instance)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_ERROR_TASK, UINT64_MAX, &m->task)) != PAR_OK ||
      (st = par__dec_u32(d, PAR__K_ERROR_SIGNAL, &m->signal)) != PAR_OK ||
      (st = par__dec_str(d, PAR__K_ERROR_MESSAGE, true, PAR__WIRE_MAX_STRING, &m->message)) !=
          PAR_OK)
    return st;
  return par__dec_str(d, PAR__K_ERROR_BACKTRACE, false, PAR__WIRE_MAX_BACKTRACE, &m->backtrace);
}

/* The top value: version first (leniently, so that any peer whose header is a
 * map with key 0 learns of a mismatch), then every key, then the type's schema. */
static par_status_t par__dec_call(par__wire_dec_t *d, par__wire_call_t *m) {
  par_status_t st;
  const msgpack_object *items, *o;
  void *storage;
  uint32_t n;
  if ((st = par__dec_uint(d, PAR__K_CALL_CALL, UINT64_MAX, &m->call)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_CALL_FN, UINT64_MAX, &m->fn)) != PAR_OK ||
      (st = par__dec_uint(d, PAR__K_CALL_SITE, UINT64_MAX, &m->site)) != PAR_OK ||
      (st = par__dec_range(d, PAR__K_CALL_ARGS, true, &m->args)) != PAR_OK)
    return st;
  if ((st = par__dec_list(d, PAR__K_CALL_MAPS, false, PAR__WIRE_MAX_MAPS, sizeof(par__wire_cmap_t),
                          &items, &n, &storage)) != PAR_OK)
    return st;
  par__wire_cmap_t *maps = storage;
  for (uint32_t i = 0; i < n; i++) {
    char where[32];
    uint64_t kind;
    if ((st = par__dec_record(d, PAR__K_CALL_MAPS, "map", i, &items[i], PAR__WIRE_CMAP_FIELDS,
                              where, sizeof where)) != PAR_OK)
      return st;
    const msgpack_object *f = items[i].via.array.ptr;
    if ((st = par__dec_uint_obj(d, PAR__K_CALL_MAPS, where, &f[0], PAR__WIRE_MAX_MAP_KIND, &kind)) !=
            PAR_OK ||
        (st = par__dec_int_obj(d, PAR__K_CALL_MAPS, where, &f[1], INT64_MIN, INT64_MAX,
                               &maps[i].lo)) != PAR_OK ||
        (st = par__dec_uint_obj(d, PAR__K_CALL_MAPS, where, &f[2], UINT64_MAX, &maps[i].len)) !=
            PAR_OK ||
        (st = par__dec_uint_obj(d, PAR__K_CALL_MAPS, where, &f[3], UINT64_MAX,
                                &maps[i].elem_size)) != PAR_OK ||
        (st = par__dec_uint_obj(d, PAR__K_CALL_MAPS, where, &f[4], UINT64_MAX,
                                &maps[i].bytes.off)) != PAR_OK ||
        (st = par__dec_uint_obj(d, PAR__K_CALL_MAPS, where, &f[5], UINT64_MAX,
                                &maps[i].bytes.len)) != PAR_OK)
      return st;
    maps[i].kind = (uint32_t)kind;
  }
  m->nmaps = n;
  m->maps = maps;
  if ((st = par__dec_list(d, PAR__K_CALL_DEPS, false, PAR__WIRE_MAX_DEPS, sizeof(par__wire_dep_t),
                          &items, &n, &storage)) != PAR_OK)
    return st;
  par__wire_dep_t *deps = storage;
  for (uint32_t i = 0; i < n; i++) {
    char where[32];
    uint64_t k;
    if ((st = par__dec_record(d, PAR__K_CALL_DEPS, "dep", i, &items[i], PAR__WIRE_DEP_FIELDS, where,
                              sizeof where)) != PAR_OK)
      return st;
    const msgpack_object *f = items[i].via.array.ptr;
    if ((st = par__dec_uint_obj(d, PAR__K_CALL_DEPS, where, &f[0], PAR__WIRE_MAX_DEPS - 1, &k)) !=
            PAR_OK ||
        (st = par__dec_uint_obj(d, PAR__K_CALL_DEPS, where, &f[1], UINT64_MAX, &deps[i].src)) !=
            PAR_OK)
      return st;
    deps[i].k = (uint32_t)k;
  }
  m->ndeps = n;
  m->deps = deps;
  if ((st = par__dec_get(d, PAR__K_CALL_KEEP, false, &o)) != PAR_OK) return st;
  if (o) {
    uint64_t keep;
    if ((st = par__dec_uint_obj(d, PAR__K_CALL_KEEP, "", o, 1, &keep)) != PAR_OK) return st;
    m->keep = keep != 0;
  }
  return PAR_OK;
}

static par_status_t par__dec_return(par__wire_dec_t *d, par__wire_return_t *m) {
  par_status_t st;
  const msgpack_object *o;
  int64_t status;
  if ((st = par__dec_uint(d, PAR__K_RETURN_CALL, UINT64_MAX, &m->call)) != PAR_OK ||
      (st = par__dec_get(d, PAR__K_RETURN_STATUS, true, &o)) != PAR_OK ||
      (st = par__dec_int_obj(d, PAR__K_RETURN_STATUS, "", o, INT32_MIN, INT32_MAX, &status)) !=
          PAR_OK ||
      (st = par__dec_uint(d, PAR__K_RETURN_TIME, UINT64_MAX, &m->time_ns)) != PAR_OK ||
      (st = par__dec_range(d, PAR__K_RETURN_RET, true, &m->ret)) != PAR_OK)
    return st;
  m->status = (int32_t)status;
  return par__dec_segments(d, PAR__K_RETURN_SEGMENTS, &m->nsegments, &m->segments);
}

static par_status_t par__dec_forget(par__wire_dec_t *d, par__wire_forget_t *m) {
  const msgpack_object *items;
  void *storage;
  uint32_t n;
  par_status_t st = par__dec_list(d, PAR__K_FORGET_CALLS, true, PAR__WIRE_MAX_FORGET,
                                  sizeof(uint64_t), &items, &n, &storage);
  if (st != PAR_OK) return st;
  uint64_t *calls = storage;
  for (uint32_t i = 0; i < n; i++) {
    char where[32];
    snprintf(where, sizeof where, "call %u: ", i);
    if ((st = par__dec_uint_obj(d, PAR__K_FORGET_CALLS, where, &items[i], UINT64_MAX, &calls[i])) !=
        PAR_OK)
      return st;
  }
  m->ncalls = n;
  m->calls = calls;
  return PAR_OK;
}

static par_status_t par__dec_top(const msgpack_object *top, size_t payload_len, par__wire_msg_t *m,
                                 par__wire_diag_t *diag) {
  par__wire_dec_t d = {.msg = m, .diag = diag};
  if (top->type != MSGPACK_OBJECT_MAP)
    return par__wire_fail(diag, PAR__WIRE_E_TYPE, 0, PAR__WIRE_NO_KEY, "is %s, must be a map",
                          par__wire_obj_name(top));
  const msgpack_object_map *map = &top->via.map;
  const msgpack_object *version = NULL;
  for (uint32_t i = 0; i < map->size && !version; i++)
    if (map->ptr[i].key.type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
        map->ptr[i].key.via.u64 == PAR__K_VERSION)
      version = &map->ptr[i].val;
  if (!version) return par__wire_fail(diag, PAR__WIRE_E_MISSING, 0, PAR__K_VERSION, "missing");
  if (version->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
    return par__dec_fail_type(&d, PAR__K_VERSION, "", version, "an unsigned integer");
  if (version->via.u64 != PAR__WIRE_VERSION) {
    diag->version = version->via.u64;
    /* REFUSE's shape is the same in every version: show its reason */
    const msgpack_object *type = NULL, *reason = NULL;
    for (uint32_t i = 0; i < map->size; i++) {
      const msgpack_object *k = &map->ptr[i].key;
      if (k->type != MSGPACK_OBJECT_POSITIVE_INTEGER) continue;
      if (k->via.u64 == PAR__K_TYPE) type = &map->ptr[i].val;
      if (k->via.u64 == PAR__K_REFUSE_REASON) reason = &map->ptr[i].val;
    }
    if (type && type->type == MSGPACK_OBJECT_POSITIVE_INTEGER &&
        type->via.u64 == PAR__WIRE_REFUSE && reason && reason->type == MSGPACK_OBJECT_STR) {
      char text[100];
      size_t n = reason->via.str.size < sizeof text - 1 ? reason->via.str.size : sizeof text - 1;
      for (size_t i = 0; i < n; i++) {
        char c = reason->via.str.ptr[i];
        text[i] = c >= 0x20 && c < 0x7f ? c : '?';
      }
      text[n] = '\0';
      return par__wire_fail(diag, PAR__WIRE_E_VERSION, 0, PAR__K_VERSION,
                            "peer speaks version %llu, this is version %u; it refused: %s",
                            (unsigned long long)version->via.u64, PAR__WIRE_VERSION, text);
    }
    return par__wire_fail(diag, PAR__WIRE_E_VERSION, 0, PAR__K_VERSION,
                          "peer speaks version %llu, this is version %u",
                          (unsigned long long)version->via.u64, PAR__WIRE_VERSION);
  }
  for (uint32_t i = 0; i < map->size; i++) {
    const msgpack_object *k = &map->ptr[i].key;
    if (k->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
      return par__wire_fail(diag, PAR__WIRE_E_TYPE, 0, PAR__WIRE_NO_KEY,
                            "key %u is %s, must be an unsigned integer", i, par__wire_obj_name(k));
    if (k->via.u64 >= PAR__WIRE_CHECKED_KEYS) continue;
    if (d.val[k->via.u64])
      return par__wire_fail(diag, PAR__WIRE_E_DUPLICATE, 0, k->via.u64, "given twice");
    d.val[k->via.u64] = &map->ptr[i].val;
  }
  uint64_t type;
  par_status_t st = par__dec_uint(&d, PAR__K_TYPE, UINT64_MAX, &type);
  if (st != PAR_OK) return st;
  if (type < 1 || type > PAR__WIRE_TYPE__MAX)
    return par__wire_fail(diag, PAR__WIRE_E_UNKNOWN_TYPE, 0, PAR__K_TYPE,
                          "%llu is not a message type", (unsigned long long)type);
  d.type = (uint32_t)type;
  diag->type = d.type;
  m->type = d.type;
  switch (m->type) {
  case PAR__WIRE_HELLO:
    st = par__dec_hello(&d, &m->u.hello);
    break;
  case PAR__WIRE_WELCOME:
    st = par__dec_welcome(&d, &m->u.welcome);
    break;
  case PAR__WIRE_REFUSE:
    st = par__dec_str(&d, PAR__K_REFUSE_REASON, true, PAR__WIRE_MAX_STRING, &m->u.refuse.reason);
    break;
  case PAR__WIRE_LOOP:
    st = par__dec_loop(&d, &m->u.loop);
    break;
  case PAR__WIRE_DATA:
    st = par__dec_data(&d, &m->u.data);
    break;
  case PAR__WIRE_TASK:
    st = par__dec_task(&d, &m->u.task);
    break;
  case PAR__WIRE_RESULT:
    st = par__dec_result(&d, &m->u.result);
    break;
  case PAR__WIRE_ERROR:
    st = par__dec_error(&d, &m->u.error);
    break;
  case PAR__WIRE_HEARTBEAT:
    st = par__dec_uint(&d, PAR__K_HEARTBEAT_SEQ, UINT64_MAX, &m->u.heartbeat.seq);
    break;
  case PAR__WIRE_CALL:
    st = par__dec_call(&d, &m->u.call);
    break;
  case PAR__WIRE_RETURN:
    st = par__dec_return(&d, &m->u.ret);
    break;
  case PAR__WIRE_FORGET:
    st = par__dec_forget(&d, &m->u.forget);
    break;
  default: /* PAR__WIRE_BYE */
    st = PAR_OK;
    break;
  }
  if (st != PAR_OK) return st;
  return par__wire_check_msg(m, payload_len, diag);
}

par_status_t par__wire_decode(const void *hdr, size_t hdr_len, size_t payload_len,
                              par__wire_msg_t *out, par__wire_diag_t *diag) {
  par__wire_diag_t local;
  if (!diag) diag = &local;
  par__wire_diag_clear(diag);
  memset(out, 0, sizeof *out);
  if (hdr_len > PAR__WIRE_MAX_HEADER)
    return par__wire_fail(diag, PAR__WIRE_E_TOO_BIG, 0, PAR__WIRE_NO_KEY,
                          "%zu bytes, the limit is %u", hdr_len, PAR__WIRE_MAX_HEADER);
  if (hdr_len == 0 || !hdr)
    return par__wire_fail(diag, PAR__WIRE_E_TRUNCATED, 0, PAR__WIRE_NO_KEY, "empty");
  par_status_t st = par__wire_scan(hdr, hdr_len, diag);
  if (st != PAR_OK) return st;

  msgpack_unpacked u;
  msgpack_unpacked_init(&u);
  size_t off = 0;
  msgpack_unpack_return ret = msgpack_unpack_next(&u, hdr, hdr_len, &off);
  if (ret == MSGPACK_UNPACK_SUCCESS && off != hdr_len) {
    st = par__wire_fail(diag, PAR__WIRE_E_TRAILING, 0, PAR__WIRE_NO_KEY,
                        "msgpack stopped %zu bytes before the end", hdr_len - off);
  } else if (ret == MSGPACK_UNPACK_CONTINUE) {
    st = par__wire_fail(diag, PAR__WIRE_E_TRUNCATED, 0, PAR__WIRE_NO_KEY,
                        "msgpack wants more bytes");
  } else if (ret == MSGPACK_UNPACK_NOMEM_ERROR) {
    st = par__wire_fail(diag, PAR__WIRE_E_NO_MEMORY, 0, PAR__WIRE_NO_KEY, "msgpack object tree");
  } else if (ret != MSGPACK_UNPACK_SUCCESS) {
    st = par__wire_fail(diag, PAR__WIRE_E_SYNTAX, 0, PAR__WIRE_NO_KEY, "msgpack parse error %d",
                        (int)ret);
  } else {
    par__wire_msg_t m;
    memset(&m, 0, sizeof m);
    st = par__dec_top(&u.data, payload_len, &m, diag);
    if (st == PAR_OK)
      *out = m;
    else
      par__wire_msg_free(&m);
  }
  msgpack_unpacked_destroy(&u);
  return st;
}

/* ---- checks between messages --------------------------------------------- */

par_status_t par__wire_check_segment(const par__wire_loop_t *loop, const par__wire_segment_t *seg,
                                     par__wire_diag_t *diag) {
  if (seg->map >= loop->nmaps)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                          "segment of map %u, the loop has %u", seg->map, loop->nmaps);
  const par__wire_map_t *m = &loop->maps[seg->map];
  if (!par__wire_span_ok(seg->first, seg->count) || !par__wire_span_ok(m->lo, m->len) ||
      seg->first < m->lo || seg->first + (int64_t)seg->count > m->lo + (int64_t)m->len)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                          "segment [%lld, +%llu) of map %u is outside its [%lld, +%llu)",
                          (long long)seg->first, (unsigned long long)seg->count, seg->map,
                          (long long)m->lo, (unsigned long long)m->len);
  uint64_t bytes;
  bool over = __builtin_mul_overflow(seg->count, m->elem_size, &bytes);
  if (seg->mask.len) {
    if (seg->mask.len != seg->count / 8 + (seg->count % 8 != 0))
      return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                            "segment of map %u: a mask of %llu bytes for %llu elements", seg->map,
                            (unsigned long long)seg->mask.len, (unsigned long long)seg->count);
    if (m->elem_size == 0 || seg->bytes.len % m->elem_size != 0 ||
        (!over && seg->bytes.len > bytes))
      return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                            "masked segment of map %u: %llu bytes for at most %llu elements of "
                            "%llu bytes",
                            seg->map, (unsigned long long)seg->bytes.len,
                            (unsigned long long)seg->count, (unsigned long long)m->elem_size);
    return PAR_OK;
  }
  if (over || bytes != seg->bytes.len)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                          "segment of map %u: %llu bytes for %llu elements of %llu bytes", seg->map,
                          (unsigned long long)seg->bytes.len, (unsigned long long)seg->count,
                          (unsigned long long)m->elem_size);
  return PAR_OK;
}

par_status_t par__wire_check_mask(const par__wire_segment_t *seg, uint64_t elem_size,
                                  const char *payload, par__wire_diag_t *diag) {
  if (!seg->mask.len) return PAR_OK;
  const unsigned char *mask = (const unsigned char *)payload + seg->mask.off;
  uint64_t set = 0, i = 0;
  for (uint64_t w; i + 8 <= seg->mask.len; i += 8) {
    memcpy(&w, mask + i, 8);
    set += (uint64_t)__builtin_popcountll(w);
  }
  for (; i < seg->mask.len; i++)
    set += (uint64_t)__builtin_popcount(mask[i]);
  unsigned tail = (unsigned)(seg->count % 8);
  if (tail && (mask[seg->mask.len - 1] >> tail) != 0)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                          "segment of map %u: its mask has bits past its %llu elements", seg->map,
                          (unsigned long long)seg->count);
  if (elem_size == 0 || set != seg->bytes.len / elem_size)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                          "segment of map %u: its mask has %llu elements, its bytes %llu", seg->map,
                          (unsigned long long)set,
                          (unsigned long long)(elem_size ? seg->bytes.len / elem_size : 0));
  return PAR_OK;
}

/* The next run [*i, *i + *n) of set bits of mask (count bits) at or after
 * *i; false when there is none. */
static bool par__mask_next_run(const unsigned char *mask, uint64_t count, uint64_t *i,
                               uint64_t *n) {
  uint64_t k = *i;
  while (k < count) {
    uint64_t w;
    if (k % 64 == 0 && count - k >= 64 && (memcpy(&w, mask + k / 8, 8), w == 0)) {
      k += 64; /* sparse masks: a word of clear bits at a time */
      continue;
    }
    unsigned char byte = (unsigned char)(mask[k / 8] >> (k % 8));
    if (!byte) {
      k = (k / 8 + 1) * 8;
      continue;
    }
    k += (uint64_t)__builtin_ctz(byte);
    uint64_t e = k + 1;
    while (e < count) {
      if (e % 8 == 0 && count - e >= 8 && mask[e / 8] == 0xff) {
        e += 8; /* dense masks: a byte of set bits at a time */
        continue;
      }
      if (!((mask[e / 8] >> (e % 8)) & 1)) break;
      e++;
    }
    *i = k;
    *n = e - k;
    return true;
  }
  return false;
}

uint64_t par__wire_mask_scatter(void *dst, const unsigned char *mask, uint64_t count,
                                uint64_t elem_size, const void *src) {
  if (!mask) {
    memcpy(dst, src, count * elem_size);
    return count * elem_size;
  }
  uint64_t off = 0;
  for (uint64_t i = 0, n; par__mask_next_run(mask, count, &i, &n); i += n) {
    memcpy((char *)dst + i * elem_size, (const char *)src + off, n * elem_size);
    off += n * elem_size;
  }
  return off;
}

uint64_t par__wire_mask_gather(void *dst, const unsigned char *mask, uint64_t count,
                               uint64_t elem_size, const void *src) {
  if (!mask) {
    memcpy(dst, src, count * elem_size);
    return count * elem_size;
  }
  uint64_t off = 0;
  for (uint64_t i = 0, n; par__mask_next_run(mask, count, &i, &n); i += n) {
    memcpy((char *)dst + off, (const char *)src + i * elem_size, n * elem_size);
    off += n * elem_size;
  }
  return off;
}

static par_status_t par__wire_check_segment_dir(const par__wire_loop_t *loop,
                                                const par__wire_segment_t *seg, unsigned dir,
                                                par__wire_diag_t *diag) {
  par_status_t st = par__wire_check_segment(loop, seg, diag);
  if (st != PAR_OK) return st;
  /* The driver sends from items too (not alloc ones): a worker finds what
   * a chunk wrote by comparing with them. Only from and tofrom come back. */
  uint32_t kind = loop->maps[seg->map].kind;
  bool ok = dir == PAR__WIRE_KIND_TO ? kind != 0 : (kind & dir) != 0;
  if (!ok)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, 0, PAR__WIRE_NO_KEY,
                          "segment of map %u, which is not copied %s (kind %u)", seg->map,
                          dir == PAR__WIRE_KIND_TO ? "in" : "out", kind);
  return PAR_OK;
}

/* A DATA in either direction: from the driver (task 0, copied in) or from
 * a worker (task >= 1, copied out). */
static par_status_t par__wire_check_data_dir(const par__wire_loop_t *loop,
                                             const par__wire_data_t *data, unsigned dir,
                                             par__wire_diag_t *diag) {
  const uint32_t t = PAR__WIRE_DATA;
  if (data->instance != loop->instance)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_DATA_INSTANCE,
                          "%llu, the loop's is %llu", (unsigned long long)data->instance,
                          (unsigned long long)loop->instance);
  if (dir == PAR__WIRE_KIND_TO && data->task != 0)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_DATA_TASK,
                          "%llu, must be 0 from the driver", (unsigned long long)data->task);
  if (dir == PAR__WIRE_KIND_FROM && data->task == 0)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_DATA_TASK,
                          "is 0, must name a task from a worker");
  return par__wire_check_segment_dir(loop, &data->seg, dir, diag);
}

par_status_t par__wire_check_data(const par__wire_loop_t *loop, const par__wire_data_t *data,
                                  par__wire_diag_t *diag) {
  return par__wire_check_data_dir(loop, data, PAR__WIRE_KIND_TO, diag);
}

par_status_t par__wire_check_data_back(const par__wire_loop_t *loop, const par__wire_data_t *data,
                                       par__wire_diag_t *diag) {
  return par__wire_check_data_dir(loop, data, PAR__WIRE_KIND_FROM, diag);
}

par_status_t par__wire_check_task(const par__wire_loop_t *loop, const par__wire_task_t *task,
                                  par__wire_diag_t *diag) {
  if (task->instance != loop->instance)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, PAR__WIRE_TASK, PAR__K_TASK_INSTANCE,
                          "%llu, the loop's is %llu", (unsigned long long)task->instance,
                          (unsigned long long)loop->instance);
  for (uint32_t i = 0; i < task->nblocks; i++)
    if (task->blocks[i].k1 > loop->niters)
      return par__wire_fail(diag, PAR__WIRE_E_VALUE, PAR__WIRE_TASK, PAR__K_TASK_BLOCKS,
                            "block %u ends at %llu, past the loop's %llu iterations", i,
                            (unsigned long long)task->blocks[i].k1,
                            (unsigned long long)loop->niters);
  for (uint32_t i = 0; i < task->nsegments; i++) {
    par_status_t st =
        par__wire_check_segment_dir(loop, &task->segments[i], PAR__WIRE_KIND_TO, diag);
    if (st != PAR_OK) return st;
  }
  return PAR_OK;
}

par_status_t par__wire_check_result(const par__wire_loop_t *loop, const par__wire_task_t *task,
                                    const par__wire_result_t *r, bool combine_ok,
                                    par__wire_diag_t *diag) {
  const uint32_t t = PAR__WIRE_RESULT;
  if (r->instance != loop->instance || r->instance != task->instance)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_INSTANCE,
                          "%llu, the loop's is %llu", (unsigned long long)r->instance,
                          (unsigned long long)loop->instance);
  if (r->task != task->task)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_TASK,
                          "%llu, the task's is %llu", (unsigned long long)r->task,
                          (unsigned long long)task->task);
  if (r->status != 0) return PAR_OK;
  uint64_t stride = 0, bytes, lasts = 0;
  for (uint32_t i = 0; i < loop->nreds; i++)
    if (__builtin_mul_overflow(loop->reds[i].count, loop->reds[i].elem_size, &bytes) ||
        __builtin_add_overflow(stride, bytes, &stride))
      return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_PARTIALS,
                            "the loop's partials pass UINT64_MAX bytes");
  uint32_t nblocks = loop->nreds > 0 ? task->nblocks : 0;
  if (r->nblocks != nblocks)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_NBLOCKS, "%u, must be %u",
                          r->nblocks, nblocks);
  if (r->combined && !combine_ok)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_COMBINED,
                          "set, but this loop's partials must come block by block (its "
                          "reductions are not exact, or it is cached)");
  if (r->combined
          ? stride != r->partials.len
          : __builtin_mul_overflow(stride, (uint64_t)nblocks, &bytes) || bytes != r->partials.len)
    return par__wire_fail(
        diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_PARTIALS, "%llu bytes, must be %u blocks of %llu",
        (unsigned long long)r->partials.len, r->combined ? 1 : nblocks, (unsigned long long)stride);
  bool want_last =
      loop->nlasts > 0 && task->nblocks > 0 && task->blocks[task->nblocks - 1].k1 == loop->niters;
  if (r->has_last != want_last)
    return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_LAST, "%s, must be %s",
                          r->has_last ? "present" : "absent", want_last ? "present" : "absent");
  if (r->has_last) {
    for (uint32_t i = 0; i < loop->nlasts; i++)
      if (__builtin_add_overflow(lasts, loop->lasts[i], &lasts))
        return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_LAST,
                              "the loop's lastprivates pass UINT64_MAX bytes");
    if (r->last.len != lasts)
      return par__wire_fail(diag, PAR__WIRE_E_VALUE, t, PAR__K_RESULT_LAST,
                            "%llu bytes, must be %llu", (unsigned long long)r->last.len,
                            (unsigned long long)lasts);
  }
  for (uint32_t i = 0; i < r->nsegments; i++) {
    par_status_t st = par__wire_check_segment_dir(loop, &r->segments[i], PAR__WIRE_KIND_FROM, diag);
    if (st != PAR_OK) return st;
  }
  return PAR_OK;
}
