/* wire.h: the messages the driver and its workers exchange (docs/protocol.md).
 *
 * A message is a header, one msgpack map (key 0 = protocol version, key 1 =
 * message type, keys 2.. = the type's fields), and an optional payload of raw
 * bytes carried beside it (net.h moves the two as one message). The header never
 * holds bulk data: it names byte ranges of the payload by offset and length.
 *
 * Sending:
 *
 *     par__wire_buf_t b;
 *     par__wire_buf_init(&b);
 *     par__wire_data_t d = {.instance = 7, .seg = {.map = 0, .first = 0, .count = n}};
 *     if (par__wire_buf_add(&b, a, n * sizeof *a, &d.seg.bytes) != PAR_OK ||
 *         par__wire_encode_data(&b, &d) != PAR_OK) ... b.diag says why ...
 *     par__net_send(peer, b.hdr, b.hdr_len, b.iov, (int)b.niov, cb, arg)
 *     (the header is copied there; the payload, b.payload_len bytes in all,
 *     is borrowed until cb); then par__wire_buf_reset(&b) to reuse the
 *     buffer, or par__wire_buf_cleanup(&b).
 *
 * The payload is gathered, never copied: par__wire_buf_add remembers the
 * pointer (borrowed until the message has been sent) and returns the range it
 * will occupy, which the caller puts into the message before encoding.
 *
 * Receiving: par__wire_decode(hdr, hdr_len, payload_len, &msg, &diag) checks
 * the header completely (syntax, schema, limits, and that every range lies
 * inside a payload of payload_len bytes) before it returns PAR_OK; what it
 * returns owns copies of every string and byte string, so the header buffer
 * may be released at once (net.h's receive callback lends it only until it
 * returns).
 * Ranges are checked against the payload's length only: relations between
 * messages (a TASK's blocks against its LOOP's trip count, a segment's
 * element count against its map's element size) are checked by
 * par__wire_check_* when the receiver has both.
 *
 * The encoders enforce the same rules: what one encodes, the other decodes.
 *
 * Every function is reentrant (no global state); a buf or a msg is used by
 * one thread at a time.
 */
#ifndef PAR_RUNTIME_WIRE_H
#define PAR_RUNTIME_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "status.h"

/* ---- versions and limits (docs/protocol.md, "Limits") ------------------ */

#define PAR__WIRE_VERSION 1u /* key 0 of every header; any other is refused */

/* How a header and its payload travel (one UCX active message, with an
 * 8-byte frame) is runtime/net.c's business: docs/protocol.md, "Framing". */

#define PAR__WIRE_MAX_HEADER 65536u  /* bytes of one header */
#define PAR__WIRE_MAX_DEPTH 8u       /* nesting of arrays and maps in a header */
#define PAR__WIRE_CHECKED_KEYS 32u   /* keys below this are checked for duplicates */
#define PAR__WIRE_TOKEN_LEN 32u      /* job token: exactly 32 lowercase hex digits */
#define PAR__WIRE_MAX_WORKERS 65535u /* nworkers; worker ranks are 1..nworkers */
#define PAR__WIRE_MAX_THREADS 65535u /* HELLO threads: 1..65535 */
#define PAR__WIRE_MAX_HOST 255u      /* host name, bytes */
#define PAR__WIRE_MAX_BUILD_ID 64u   /* build id, bytes (1..64) */
#define PAR__WIRE_MAX_ADDRESS 4096u  /* UCP worker address, bytes (1..4096) */
#define PAR__WIRE_MAX_STRING 4096u   /* REFUSE reason, ERROR message, bytes */
#define PAR__WIRE_MAX_BACKTRACE 16384u
#define PAR__WIRE_MAX_SIGNAL 255u
#define PAR__WIRE_MAX_MAPS 256u      /* per LOOP; also bounds every map index */
#define PAR__WIRE_MAX_REDS 256u      /* per LOOP */
#define PAR__WIRE_MAX_LASTS 256u     /* per LOOP */
#define PAR__WIRE_MAX_RETIRE 256u    /* instances a LOOP retires */
#define PAR__WIRE_MAX_MAP_KIND 3u    /* enum parrt_map_kind: ALLOC TO FROM TOFROM */
#define PAR__WIRE_MAX_BLOCKS 2048u   /* per TASK and RESULT */
#define PAR__WIRE_MAX_SEGMENTS 1024u /* per TASK and RESULT */
#define PAR__WIRE_MAX_DEPS 256u      /* per CALL */
#define PAR__WIRE_MAX_FORGET 4096u   /* per FORGET */

/* What decoding and the checks between messages return besides PAR_OK and
 * PAR_ERR_NO_MEMORY: one name for each. (Encoding a message that breaks a
 * rule is the caller's mistake, not a peer's: the encoders return
 * PAR_ERR_INVALID.) */
#define PAR__WIRE_ERR_MALFORMED PAR_ERR_PROTOCOL /* any broken rule */
#define PAR__WIRE_ERR_VERSION PAR_ERR_VERSION    /* key 0 is not PAR__WIRE_VERSION */

/* ---- why a header was refused ------------------------------------------ */

/* X(name, message) */
#define PAR__WIRE_REASON_TABLE(X)                                                                  \
  X(NONE, "no error")                                                                              \
  X(TOO_BIG, "header longer than the limit")                                                       \
  X(TRUNCATED, "header ends inside a value")                                                       \
  X(TRAILING, "bytes after the header map")                                                        \
  X(SYNTAX, "byte that is not msgpack")                                                            \
  X(DEPTH, "arrays or maps nested too deep")                                                       \
  X(COUNT, "count larger than the bytes left")                                                     \
  X(TYPE, "value of the wrong type")                                                               \
  X(MISSING, "required key missing")                                                               \
  X(DUPLICATE, "key given twice")                                                                  \
  X(VERSION, "unsupported protocol version")                                                       \
  X(UNKNOWN_TYPE, "unknown message type")                                                          \
  X(LIMIT, "count or length over the limit")                                                       \
  X(VALUE, "value out of range")                                                                   \
  X(RANGE, "byte range outside the payload")                                                       \
  X(NO_MEMORY, "out of memory")

typedef enum par__wire_reason {
#define PAR__WIRE_REASON_ENUM(name, msg) PAR__WIRE_E_##name,
  PAR__WIRE_REASON_TABLE(PAR__WIRE_REASON_ENUM)
#undef PAR__WIRE_REASON_ENUM
      PAR__WIRE_E__COUNT
} par__wire_reason_t;

#define PAR__WIRE_NO_KEY UINT64_MAX

/* The detail of a refused header or message; all fields read-only. */
typedef struct par__wire_diag {
  par__wire_reason_t reason; /* PAR__WIRE_E_NONE after success */
  uint32_t type;             /* message type, 0 when not known yet */
  uint64_t key;              /* key at fault, or PAR__WIRE_NO_KEY */
  uint64_t version;          /* PAR__WIRE_E_VERSION: the peer's version */
  char text[192];            /* e.g. "loop maps[3]: elem_size is 0, must be at least 1" */
} par__wire_diag_t;

/* "COUNT"; "?" for a value not in the table. Static. */
const char *par__wire_reason_name(par__wire_reason_t reason);
/* "count larger than the bytes left"; static. */
const char *par__wire_reason_message(par__wire_reason_t reason);

/* ---- messages ----------------------------------------------------------- */

typedef enum par__wire_type {
  PAR__WIRE_HELLO = 1, /* worker -> driver */
  PAR__WIRE_WELCOME,   /* driver -> worker */
  PAR__WIRE_REFUSE,    /* driver -> worker */
  PAR__WIRE_LOOP,      /* driver -> worker */
  PAR__WIRE_DATA,      /* either way (worker -> driver: a task's output) */
  PAR__WIRE_TASK,      /* driver -> worker */
  PAR__WIRE_RESULT,    /* worker -> driver */
  PAR__WIRE_ERROR,     /* worker -> driver */
  PAR__WIRE_HEARTBEAT, /* either way */
  PAR__WIRE_BYE,       /* either way */
  PAR__WIRE_CALL,      /* driver -> worker: one call of a distributed function */
  PAR__WIRE_RETURN,    /* worker -> driver */
  PAR__WIRE_FORGET,    /* driver -> worker: kept call results it may drop */
  PAR__WIRE_TYPE__MAX = PAR__WIRE_FORGET
} par__wire_type_t;

/* "HELLO"; "?" for a value not in the enum. Static. */
const char *par__wire_type_name(uint32_t type);

/* Bytes [off, off + len) of the payload; off + len never wraps and never
 * passes the payload's end in a message that was encoded or decoded. */
typedef struct par__wire_range {
  uint64_t off, len;
} par__wire_range_t;

/* Pointers in the message structs: when encoding, borrowed from the caller
 * for the call; after decoding, owned by the par__wire_msg_t (copies, strings
 * NUL-terminated) and valid until par__wire_msg_free. */

typedef struct par__wire_hello {
  const char *token;    /* PAR__WIRE_TOKEN_LEN lowercase hex digits */
  uint32_t rank;        /* 1..PAR__WIRE_MAX_WORKERS */
  uint32_t pid;         /* 1..INT32_MAX */
  const char *host;     /* 0..PAR__WIRE_MAX_HOST bytes, no NUL */
  const void *build_id; /* 1..PAR__WIRE_MAX_BUILD_ID bytes */
  uint32_t build_id_len;
  const void *address; /* the worker's UCP worker address, 1..PAR__WIRE_MAX_ADDRESS bytes */
  uint32_t address_len;
  uint32_t threads; /* compute threads of the worker, 1..PAR__WIRE_MAX_THREADS (1 when the
                       key is absent); the driver keeps about 2 tasks in flight per thread */
  uint32_t gpus;    /* OpenMP devices the worker can offload to, 0..PAR__WIRE_MAX_THREADS
                       (0 when the key is absent): it gets larger tasks of device loops */
} par__wire_hello_t;

typedef struct par__wire_welcome {
  const void *address; /* the driver's UCP worker address, 1..PAR__WIRE_MAX_ADDRESS bytes */
  uint32_t address_len;
  uint32_t nworkers;     /* 1..PAR__WIRE_MAX_WORKERS */
  uint32_t heartbeat_ms; /* 0: no heartbeats */
  uint32_t direct;       /* 1: both sides keep the first endpoint (no upgrade); 0..1 */
} par__wire_welcome_t;

typedef struct par__wire_refuse {
  const char *reason; /* 0..PAR__WIRE_MAX_STRING bytes, no NUL */
} par__wire_refuse_t;

/* One mapped item of a loop (parrt_map_t and parrt_map_desc_t). */
typedef struct par__wire_map {
  uint32_t index; /* its position in the LOOP's list (checked) */
  uint32_t kind;  /* enum parrt_map_kind, 0..PAR__WIRE_MAX_MAP_KIND */
  uint32_t flags; /* enum parrt_map_flags; unknown bits are kept */
  int64_t lo;     /* elements [lo, lo + len) are mapped; lo + len <= INT64_MAX */
  uint64_t len;
  uint64_t elem_size; /* >= 1; len * elem_size <= UINT64_MAX */
  int64_t off_min;    /* PARRT_MAP_SLICE offsets; off_min <= off_max */
  int64_t off_max;
  uint64_t row;       /* elements (units of elem_size) per element of the program's
                         array (a row of `double a[N][M]` is M): slices and
                         off_min/off_max count those; 0 is read as 1 */
  /* Shared memory (runtime/shm.h), for a worker on the driver's host: the
   * section's elements lie at byte shm_off of the driver's segment shm_id,
   * reachable as /proc/<shm_pid>/fd/<shm_fd>; no DATA and no slices travel
   * for the item, and chunks use it in place. shm_id 0: not shared. */
  uint64_t shm_id;
  uint32_t shm_fd, shm_pid;
  uint64_t shm_off;
} par__wire_map_t;

/* One reduction item: count elements of elem_size bytes (both >= 1). */
typedef struct par__wire_red {
  uint64_t count, elem_size;
} par__wire_red_t;

/* Elements [first, first + count) of map `map`, whose bytes are `bytes`.
 * With a mask (mask.len > 0; only in RESULT segments and DATA): only some
 * of them, those whose bit is set in the mask's (count + 7) / 8 bytes (bit
 * k % 8 of byte k / 8 for element first + k; bits past count are 0), and
 * `bytes` holds those elements alone, in order. A whole array's scattered
 * changes (a column, `a[idx[i]]`) so travel as one segment. */
typedef struct par__wire_segment {
  uint32_t map; /* < PAR__WIRE_MAX_MAPS */
  int64_t first;
  uint64_t count;
  par__wire_range_t bytes;
  par__wire_range_t mask; /* len 0: every element of the span */
} par__wire_segment_t;

/* Elements of one mapped item of a loop instance. Driver -> worker (task
 * 0): a whole array or a slice the worker's tasks read. Worker -> driver
 * (task >= 1): data task `task` wrote that did not fit in its RESULT's
 * segments, sent before that RESULT on the same endpoint. */
typedef struct par__wire_data {
  uint64_t instance;
  par__wire_segment_t seg;
  uint64_t task; /* 0: driver -> worker; else the task whose output this is */
} par__wire_data_t;

/* Iterations [k0, k1), k0 < k1. */
typedef struct par__wire_block {
  uint64_t k0, k1;
} par__wire_block_t;

/* A run of blocks: the worker calls the chunk function once per block, in
 * order. Blocks are in increasing order and do not overlap. */
typedef struct par__wire_task {
  uint64_t instance;
  uint64_t task;    /* the driver's id of this task, >= 1 */
  uint32_t nblocks; /* 1..PAR__WIRE_MAX_BLOCKS */
  const par__wire_block_t *blocks;
  uint32_t nsegments; /* inline slices, 0..PAR__WIRE_MAX_SEGMENTS */
  const par__wire_segment_t *segments;
} par__wire_task_t;

/* Sent once per loop instance per worker, before its first DATA and TASK.
 * It may carry the worker's first task of the instance (has_task, keys
 * 12-14), when no DATA has to come before it: one message instead of two
 * at the start of every loop. */
typedef struct par__wire_loop {
  uint64_t instance;             /* the driver's id of this execution of the loop */
  uint64_t loop_id;              /* parrt_loop_desc_t.id */
  uint64_t niters;               /* trip count */
  int64_t lb, step;              /* induction value of iteration k is lb + k * step */
  par__wire_range_t env;         /* the firstprivate block */
  uint32_t nmaps, nreds, nlasts; /* <= PAR__WIRE_MAX_MAPS, _REDS, _LASTS */
  const par__wire_map_t *maps;
  const par__wire_red_t *reds;
  const uint64_t *lasts;  /* bytes of each lastprivate item, >= 1 */
  uint32_t nretire;       /* <= PAR__WIRE_MAX_RETIRE */
  const uint64_t *retire; /* earlier instances whose state the worker may drop */
  bool has_task;          /* task below: a TASK carried in this message */
  par__wire_task_t task;  /* instance: this one's (set by the decoder) */
} par__wire_loop_t;

typedef struct par__wire_result {
  uint64_t instance;
  uint64_t task;
  int32_t status;   /* par_status_t of the run on the worker */
  uint64_t time_ns; /* time the chunk calls took */
  uint32_t nblocks; /* the TASK's nblocks with reductions, else 0; <= PAR__WIRE_MAX_BLOCKS */
  par__wire_range_t partials; /* nblocks equal parts, block by block; len % nblocks == 0 */
  bool combined;              /* partials: the nblocks blocks' combined in block order, one part */
  bool has_last;              /* it ran the loop's last iteration and the loop has lastprivates */
  par__wire_range_t last;     /* the lastprivate values, item after item */
  uint32_t nsegments;         /* data written, 0..PAR__WIRE_MAX_SEGMENTS */
  const par__wire_segment_t *segments;
} par__wire_result_t;

typedef struct par__wire_error {
  uint64_t instance;     /* 0: not in a loop instance */
  uint64_t task;         /* 0: not in a task */
  uint32_t signal;       /* 0: none; else 1..PAR__WIRE_MAX_SIGNAL */
  const char *message;   /* 0..PAR__WIRE_MAX_STRING bytes, no NUL */
  const char *backtrace; /* 0..PAR__WIRE_MAX_BACKTRACE bytes, no NUL; NULL = "" when encoding */
} par__wire_error_t;

typedef struct par__wire_heartbeat {
  uint64_t seq;
} par__wire_heartbeat_t;

/* One mapped pointer parameter of a CALL: elements [lo, lo + len) of
 * elem_size bytes; `bytes` holds them for every kind but ALLOC (FROM too:
 * the body may leave elements alone, which then keep their values). */
typedef struct par__wire_cmap {
  uint32_t kind; /* enum parrt_map_kind, 0..PAR__WIRE_MAX_MAP_KIND */
  int64_t lo;    /* lo + len <= INT64_MAX */
  uint64_t len;
  uint64_t elem_size; /* >= 1; len * elem_size <= UINT64_MAX */
  par__wire_range_t bytes; /* len * elem_size bytes; 0 for ALLOC */
} par__wire_cmap_t;

/* Parameter site.deps[k] of a CALL takes the left-hand-side value of the
 * earlier call `src`, which the same worker ran or runs (dataflow). */
typedef struct par__wire_dep {
  uint32_t k;   /* < PAR__WIRE_MAX_DEPS */
  uint64_t src; /* a call id, >= 1 */
} par__wire_dep_t;

typedef struct par__wire_call {
  uint64_t call; /* the driver's id of this call, >= 1 */
  uint64_t fn;   /* parrt_fn_desc_t.id */
  uint64_t site; /* parrt_spawn_site_t.id; 0 for a plain call */
  par__wire_range_t args; /* the argument block */
  uint32_t nmaps;         /* <= PAR__WIRE_MAX_MAPS */
  const par__wire_cmap_t *maps;
  uint32_t ndeps; /* <= PAR__WIRE_MAX_DEPS */
  const par__wire_dep_t *deps;
  bool keep; /* keep the result for later CALLs' deps until FORGET */
} par__wire_call_t;

/* A call's outcome: its result and its from/tofrom items whole, as
 * segments (map = the item's index, first = lo, count = len). */
typedef struct par__wire_return {
  uint64_t call;
  int32_t status;   /* par_status_t of the run */
  uint64_t time_ns; /* time the body took */
  par__wire_range_t ret;
  uint32_t nsegments; /* 0..PAR__WIRE_MAX_MAPS */
  const par__wire_segment_t *segments;
} par__wire_return_t;

typedef struct par__wire_forget {
  uint32_t ncalls; /* 1..PAR__WIRE_MAX_FORGET */
  const uint64_t *calls;
} par__wire_forget_t;

/* A decoded message (or one to encode with par__wire_encode). */
typedef struct par__wire_msg {
  uint32_t type; /* par__wire_type_t; 0 after a failed decode */
  union {
    par__wire_hello_t hello;
    par__wire_welcome_t welcome;
    par__wire_refuse_t refuse;
    par__wire_loop_t loop;
    par__wire_data_t data;
    par__wire_task_t task;
    par__wire_result_t result;
    par__wire_error_t error;
    par__wire_heartbeat_t heartbeat;
    par__wire_call_t call;
    par__wire_return_t ret;
    par__wire_forget_t forget;
  } u;
  void *mem_; /* private: the storage the pointers above point into */
} par__wire_msg_t;

/* ---- encoding ----------------------------------------------------------- */

/* A header being built and the payload gathered for it. The caller allocates
 * the struct (init/cleanup); the fields not marked private are read-only. */
typedef struct par__wire_buf {
  char *hdr;         /* the encoded header: hdr_len bytes (owned by the buf) */
  size_t hdr_len;    /* 0 until an encode succeeds */
  struct iovec *iov; /* the payload, niov pieces (the array is owned by the
                        buf; each iov_base is borrowed from the caller of
                        par__wire_buf_add and never written through) */
  size_t niov;
  uint64_t payload_len;      /* sum of the pieces' lengths */
  par__wire_diag_t diag;     /* why the last call failed */
  size_t hdr_cap_, iov_cap_; /* private */
  int full_;                 /* private: the header passed its limit */
} par__wire_buf_t;

void par__wire_buf_init(par__wire_buf_t *b);
/* Frees what the buf owns; it may be init'ed again. */
void par__wire_buf_cleanup(par__wire_buf_t *b);
/* Empties header and payload, keeping the memory. */
void par__wire_buf_reset(par__wire_buf_t *b);

/* Appends `len` bytes at `p` (borrowed until the message has been sent) to
 * the payload and sets *range to where they lie in it. len 0 adds no piece.
 * PAR_ERR_NO_MEMORY, or PAR_ERR_INVALID if the payload would pass
 * UINT64_MAX bytes or p is NULL with len > 0; *range is set only on success. */
par_status_t par__wire_buf_add(par__wire_buf_t *b, const void *p, uint64_t len,
                               par__wire_range_t *range);

/* Each encodes the message as b's header (replacing any header there, keeping
 * the payload). The message is borrowed for the call and must obey the rules
 * of docs/protocol.md, its ranges lying inside b's payload; the header must
 * fit PAR__WIRE_MAX_HEADER. Returns PAR_OK, PAR_ERR_NO_MEMORY, or
 * PAR_ERR_INVALID with b->diag saying which rule (then b->hdr_len is 0). */
par_status_t par__wire_encode_hello(par__wire_buf_t *b, const par__wire_hello_t *m);
par_status_t par__wire_encode_welcome(par__wire_buf_t *b, const par__wire_welcome_t *m);
par_status_t par__wire_encode_refuse(par__wire_buf_t *b, const par__wire_refuse_t *m);
par_status_t par__wire_encode_loop(par__wire_buf_t *b, const par__wire_loop_t *m);
par_status_t par__wire_encode_data(par__wire_buf_t *b, const par__wire_data_t *m);
par_status_t par__wire_encode_task(par__wire_buf_t *b, const par__wire_task_t *m);
par_status_t par__wire_encode_result(par__wire_buf_t *b, const par__wire_result_t *m);
par_status_t par__wire_encode_error(par__wire_buf_t *b, const par__wire_error_t *m);
par_status_t par__wire_encode_heartbeat(par__wire_buf_t *b, const par__wire_heartbeat_t *m);
par_status_t par__wire_encode_bye(par__wire_buf_t *b);
par_status_t par__wire_encode_call(par__wire_buf_t *b, const par__wire_call_t *m);
par_status_t par__wire_encode_return(par__wire_buf_t *b, const par__wire_return_t *m);
par_status_t par__wire_encode_forget(par__wire_buf_t *b, const par__wire_forget_t *m);
/* Any of the above, by m->type (PAR_ERR_INVALID for an unknown type). */
par_status_t par__wire_encode(par__wire_buf_t *b, const par__wire_msg_t *m);

/* ---- decoding ----------------------------------------------------------- */

/* Decodes the header `hdr` (hdr_len bytes, borrowed for the call) of a
 * message whose payload has payload_len bytes. Nothing in it is trusted:
 * the length is bounded before any parsing, every count is bounded before
 * anything is allocated for it, and every rule of docs/protocol.md is
 * checked. Keys it does not know are skipped.
 *
 * Returns PAR_OK with *out filled (free it with par__wire_msg_free);
 * PAR__WIRE_ERR_VERSION when key 0 is not PAR__WIRE_VERSION (diag->version
 * says what it was); PAR__WIRE_ERR_MALFORMED for anything else wrong;
 * PAR_ERR_NO_MEMORY. On failure *out is zeroed (type 0, nothing to free).
 * `diag` may be NULL; otherwise it is always set. */
par_status_t par__wire_decode(const void *hdr, size_t hdr_len, size_t payload_len,
                              par__wire_msg_t *out, par__wire_diag_t *diag);

/* Frees what a decoded message owns and zeroes it. NULL and zeroed
 * messages are fine. */
void par__wire_msg_free(par__wire_msg_t *m);

/* ---- checks between messages ------------------------------------------- */

/* Each returns PAR_OK or PAR__WIRE_ERR_MALFORMED with `diag` (may be NULL)
 * saying why. All arguments are borrowed for the call. */

/* A DATA's or TASK's or RESULT's segment against its loop: map < nmaps,
 * [first, first + count) inside [lo, lo + len) of that map, and
 * bytes.len == count * elem_size; with a mask, mask.len == (count + 7) / 8
 * and bytes.len a multiple of elem_size, at most count * elem_size (that it
 * matches the mask's bits is par__wire_check_mask's, which needs the
 * payload). */
par_status_t par__wire_check_segment(const par__wire_loop_t *loop, const par__wire_segment_t *seg,
                                     par__wire_diag_t *diag);

/* A masked segment's mask (payload: the message's), after the checks
 * above: no bit set past count, and as many set as bytes.len / elem_size.
 * PAR_OK for a segment without a mask. */
par_status_t par__wire_check_mask(const par__wire_segment_t *seg, uint64_t elem_size,
                                  const char *payload, par__wire_diag_t *diag);

/* Masked segments' elements: par__wire_mask_scatter writes the packed
 * elements `src` to the set bits' places in `dst` (element 0 of the span
 * at dst); par__wire_mask_gather packs them from `src` into `dst`. A NULL
 * mask (a plain segment) marks all count elements. Both return the bytes
 * packed. */
/* Segment seg's mask in its message's payload, or NULL when it has none. */
static inline const unsigned char *par__wire_seg_mask(const par__wire_segment_t *seg,
                                                      const char *payload) {
  return seg->mask.len ? (const unsigned char *)payload + seg->mask.off : NULL;
}

uint64_t par__wire_mask_scatter(void *dst, const unsigned char *mask, uint64_t count,
                                uint64_t elem_size, const void *src);
uint64_t par__wire_mask_gather(void *dst, const unsigned char *mask, uint64_t count,
                               uint64_t elem_size, const void *src);

/* A DATA from the driver against its loop: same instance, task 0, a map
 * that is not ALLOC (TO and TOFROM data is the tasks' input; FROM data is
 * what the worker compares a chunk's writes with), the segment as above. */
par_status_t par__wire_check_data(const par__wire_loop_t *loop, const par__wire_data_t *data,
                                  par__wire_diag_t *diag);

/* A DATA from a worker against its loop: same instance, task >= 1, a map
 * that is copied out (kind FROM or TOFROM), the segment as above. (That the
 * task is in flight on that worker is the receiver's to check.) */
par_status_t par__wire_check_data_back(const par__wire_loop_t *loop, const par__wire_data_t *data,
                                       par__wire_diag_t *diag);

/* A TASK against its loop: same instance, every block inside [0, niters),
 * every segment as above and of a map that is not ALLOC. */
par_status_t par__wire_check_task(const par__wire_loop_t *loop, const par__wire_task_t *task,
                                  par__wire_diag_t *diag);

/* A RESULT against its loop and task: same instance and task id. When its
 * status is 0 also: nblocks equal to the task's when the loop has reductions
 * (else 0), and partials.len equal to nblocks * (sum of count * elem_size),
 * or to that sum alone when combined (allowed only when combine_ok:
 * par__loop_combine_ok);
 * has_last exactly when the loop has lastprivates and the task's last block
 * ends at niters, with last.len equal to the sum of their sizes; every
 * segment as above and of a map that is copied out (kind FROM or TOFROM).
 * (A failed run's data is not used, so it is not checked.) */
par_status_t par__wire_check_result(const par__wire_loop_t *loop, const par__wire_task_t *task,
                                    const par__wire_result_t *result, bool combine_ok,
                                    par__wire_diag_t *diag);

#endif /* PAR_RUNTIME_WIRE_H */
