/* test_wire.c: the wire format (runtime/wire.c against docs/protocol.md).
 *
 * Round trips of every message type at its edges, every way a header can be
 * refused with the exact status and reason, the checks between messages,
 * and 200k random and mutated headers that must neither crash nor leak
 * (run it in a -DPAR_SANITIZE=address,undefined build too).
 *
 * Malformed headers are written here with msgpack-c's packer, by hand, so
 * that the decoder is tested against the document and not against the
 * encoder. With PAR_WIRE_SEED_DIR set, the test `write_seeds` writes the
 * libFuzzer seed corpus (test/fuzz/corpus/wire/) there.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <msgpack.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runtime/wire.h"
#include "unit.h"

/* LeakSanitizer, when the test runs under it: the runner's children leave
 * with _exit, which skips its check at exit. */
extern int __lsan_do_recoverable_leak_check(void) __attribute__((weak));
static void check_no_leaks(void) {
  if (__lsan_do_recoverable_leak_check) CHECK(__lsan_do_recoverable_leak_check() == 0);
}

#define TOKEN "0123456789abcdef0123456789abcdef"

static char payload[1 << 16]; /* what payload pieces point into */

/* ---- comparing messages -------------------------------------------------- */

static int bytes_eq(const void *a, uint32_t alen, const void *b, uint32_t blen) {
  return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static int str_eq(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "") == 0;
}

static int range_eq(par__wire_range_t a, par__wire_range_t b) {
  return a.off == b.off && a.len == b.len;
}

static int seg_eq(const par__wire_segment_t *a, const par__wire_segment_t *b) {
  return a->map == b->map && a->first == b->first && a->count == b->count &&
         range_eq(a->bytes, b->bytes) && range_eq(a->mask, b->mask);
}

static int segs_eq(uint32_t na, const par__wire_segment_t *a, uint32_t nb,
                   const par__wire_segment_t *b) {
  if (na != nb) return 0;
  for (uint32_t i = 0; i < na; i++)
    if (!seg_eq(&a[i], &b[i])) return 0;
  return 1;
}

static int task_eq(const par__wire_task_t *x, const par__wire_task_t *y) {
  if (x->instance != y->instance || x->task != y->task || x->nblocks != y->nblocks) return 0;
  for (uint32_t i = 0; i < x->nblocks; i++)
    if (x->blocks[i].k0 != y->blocks[i].k0 || x->blocks[i].k1 != y->blocks[i].k1) return 0;
  return segs_eq(x->nsegments, x->segments, y->nsegments, y->segments);
}

static int msg_eq(const par__wire_msg_t *a, const par__wire_msg_t *b) {
  if (a->type != b->type) return 0;
  switch (a->type) {
  case PAR__WIRE_HELLO: {
    const par__wire_hello_t *x = &a->u.hello, *y = &b->u.hello;
    return str_eq(x->token, y->token) && x->rank == y->rank && x->pid == y->pid &&
           str_eq(x->host, y->host) &&
           bytes_eq(x->build_id, x->build_id_len, y->build_id, y->build_id_len) &&
           bytes_eq(x->address, x->address_len, y->address, y->address_len) &&
           x->threads == y->threads && x->gpus == y->gpus;
  }
  case PAR__WIRE_WELCOME: {
    const par__wire_welcome_t *x = &a->u.welcome, *y = &b->u.welcome;
    return bytes_eq(x->address, x->address_len, y->address, y->address_len) &&
           x->nworkers == y->nworkers && x->heartbeat_ms == y->heartbeat_ms &&
           x->direct == y->direct;
  }
  case PAR__WIRE_REFUSE:
    return str_eq(a->u.refuse.reason, b->u.refuse.reason);
  case PAR__WIRE_LOOP: {
    const par__wire_loop_t *x = &a->u.loop, *y = &b->u.loop;
    if (x->instance != y->instance || x->loop_id != y->loop_id || x->niters != y->niters ||
        x->lb != y->lb || x->step != y->step || !range_eq(x->env, y->env) || x->nmaps != y->nmaps ||
        x->nreds != y->nreds || x->nlasts != y->nlasts || x->nretire != y->nretire)
      return 0;
    for (uint32_t i = 0; i < x->nmaps; i++) {
      const par__wire_map_t *p = &x->maps[i], *q = &y->maps[i];
      if (p->index != q->index || p->kind != q->kind || p->flags != q->flags || p->lo != q->lo ||
          p->len != q->len || p->elem_size != q->elem_size || p->off_min != q->off_min ||
          p->off_max != q->off_max || (p->row ? p->row : 1) != (q->row ? q->row : 1))
        return 0;
    }
    for (uint32_t i = 0; i < x->nreds; i++)
      if (x->reds[i].count != y->reds[i].count || x->reds[i].elem_size != y->reds[i].elem_size)
        return 0;
    for (uint32_t i = 0; i < x->nlasts; i++)
      if (x->lasts[i] != y->lasts[i]) return 0;
    for (uint32_t i = 0; i < x->nretire; i++)
      if (x->retire[i] != y->retire[i]) return 0;
    return x->has_task == y->has_task && (!x->has_task || task_eq(&x->task, &y->task));
  }
  case PAR__WIRE_DATA:
    return a->u.data.instance == b->u.data.instance && seg_eq(&a->u.data.seg, &b->u.data.seg) &&
           a->u.data.task == b->u.data.task;
  case PAR__WIRE_TASK:
    return task_eq(&a->u.task, &b->u.task);
  case PAR__WIRE_RESULT: {
    const par__wire_result_t *x = &a->u.result, *y = &b->u.result;
    return x->instance == y->instance && x->task == y->task && x->status == y->status &&
           x->time_ns == y->time_ns && x->nblocks == y->nblocks &&
           range_eq(x->partials, y->partials) && x->combined == y->combined &&
           x->has_last == y->has_last && (!x->has_last || range_eq(x->last, y->last)) &&
           segs_eq(x->nsegments, x->segments, y->nsegments, y->segments);
  }
  case PAR__WIRE_ERROR: {
    const par__wire_error_t *x = &a->u.error, *y = &b->u.error;
    return x->instance == y->instance && x->task == y->task && x->signal == y->signal &&
           str_eq(x->message, y->message) && str_eq(x->backtrace, y->backtrace);
  }
  case PAR__WIRE_HEARTBEAT:
    return a->u.heartbeat.seq == b->u.heartbeat.seq;
  case PAR__WIRE_BYE:
    return 1;
  case PAR__WIRE_CALL: {
    const par__wire_call_t *x = &a->u.call, *y = &b->u.call;
    if (x->call != y->call || x->fn != y->fn || x->site != y->site || !range_eq(x->args, y->args) ||
        x->nmaps != y->nmaps || x->ndeps != y->ndeps || x->keep != y->keep)
      return 0;
    for (uint32_t i = 0; i < x->nmaps; i++) {
      const par__wire_cmap_t *p = &x->maps[i], *q = &y->maps[i];
      if (p->kind != q->kind || p->lo != q->lo || p->len != q->len || p->elem_size != q->elem_size ||
          !range_eq(p->bytes, q->bytes))
        return 0;
    }
    for (uint32_t i = 0; i < x->ndeps; i++)
      if (x->deps[i].k != y->deps[i].k || x->deps[i].src != y->deps[i].src) return 0;
    return 1;
  }
  case PAR__WIRE_RETURN: {
    const par__wire_return_t *x = &a->u.ret, *y = &b->u.ret;
    return x->call == y->call && x->status == y->status && x->time_ns == y->time_ns &&
           range_eq(x->ret, y->ret) && segs_eq(x->nsegments, x->segments, y->nsegments, y->segments);
  }
  case PAR__WIRE_FORGET: {
    const par__wire_forget_t *x = &a->u.forget, *y = &b->u.forget;
    if (x->ncalls != y->ncalls) return 0;
    for (uint32_t i = 0; i < x->ncalls; i++)
      if (x->calls[i] != y->calls[i]) return 0;
    return 1;
  }
  }
  return 0;
}

/* Encodes m over a payload of payload_len bytes, decodes it, compares, and
 * re-encodes the decoded message to the same bytes. */
static void roundtrip(const par__wire_msg_t *m, uint64_t payload_len) {
  par__wire_buf_t b, b2;
  par__wire_buf_init(&b);
  par__wire_buf_init(&b2);
  par__wire_range_t r;
  CHECK(payload_len <= sizeof payload);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, payload_len, &r), PAR_OK);
  par_status_t st = par__wire_encode(&b, m);
  if (st != PAR_OK) fprintf(stderr, "encode: %s\n", b.diag.text);
  CHECK_EQ_INT(st, PAR_OK);
  CHECK(b.hdr_len > 0 && b.hdr_len <= PAR__WIRE_MAX_HEADER);
  par__wire_msg_t out;
  par__wire_diag_t diag;
  st = par__wire_decode(b.hdr, b.hdr_len, b.payload_len, &out, &diag);
  if (st != PAR_OK) fprintf(stderr, "decode: %s\n", diag.text);
  CHECK_EQ_INT(st, PAR_OK);
  CHECK_EQ_INT(diag.reason, PAR__WIRE_E_NONE);
  CHECK(msg_eq(m, &out));
  CHECK_EQ_INT(par__wire_buf_add(&b2, payload, payload_len, &r), PAR_OK);
  CHECK_EQ_INT(par__wire_encode(&b2, &out), PAR_OK);
  CHECK_EQ_INT(b2.hdr_len, b.hdr_len);
  CHECK(memcmp(b.hdr, b2.hdr, b.hdr_len) == 0);
  par__wire_msg_free(&out);
  CHECK_EQ_INT(out.type, 0);
  par__wire_buf_cleanup(&b);
  par__wire_buf_cleanup(&b2);
}

/* Encoding m must fail with PAR_ERR_INVALID and this reason. */
static void encode_fails(const par__wire_msg_t *m, uint64_t payload_len,
                         par__wire_reason_t reason) {
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_range_t r;
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, payload_len, &r), PAR_OK);
  par_status_t st = par__wire_encode(&b, m);
  if (st == PAR_OK || b.diag.reason != reason)
    fprintf(stderr, "encode: status %d reason %s (%s), wanted %s\n", st,
            par__wire_reason_name(b.diag.reason), b.diag.text, par__wire_reason_name(reason));
  CHECK_EQ_INT(st, PAR_ERR_INVALID);
  CHECK_EQ_INT(b.diag.reason, reason);
  CHECK_EQ_INT(b.hdr_len, 0);
  CHECK(b.diag.text[0] != '\0');
  par__wire_buf_cleanup(&b);
}

/* ---- valid messages of every type ---------------------------------------- */

static const unsigned char build_id[20] = {0xde, 0xad, 0xbe, 0xef, 1,  2,  3,  4,  5,  6,
                                           7,    8,    9,    10,   11, 12, 13, 14, 15, 16};
static const unsigned char ucp_addr[40] = {0x55, 0x43, 0x58, 1, 2, 3};

static par__wire_map_t sample_maps[3] = {
    {.index = 0,
     .kind = 1,
     .flags = 2,
     .lo = 0,
     .len = 1000,
     .elem_size = 8,
     .off_min = -1,
     .off_max = 1},
    {.index = 1, .kind = 2, .flags = 6, .lo = 0, .len = 1000, .elem_size = 8},
    {.index = 2, .kind = 3, .flags = 1, .lo = -5, .len = 10, .elem_size = 24},
};
static par__wire_red_t sample_reds[2] = {{1, 8}, {4, 4}};
static uint64_t sample_lasts[1] = {8};
static uint64_t sample_retire[2] = {3, 5};
static par__wire_block_t sample_blocks[3] = {{0, 10}, {10, 20}, {40, 50}};
static par__wire_segment_t sample_segs[2] = {
    {.map = 0, .first = 0, .count = 4, .bytes = {0, 32}},
    {.map = 2, .first = -5, .count = 1, .bytes = {32, 24}},
};

static par__wire_cmap_t sample_cmaps[2] = {
    {.kind = 1, .lo = 2, .len = 4, .elem_size = 8, .bytes = {16, 32}},
    {.kind = 0, .lo = 0, .len = 1000, .elem_size = 4, .bytes = {48, 0}},
};
static par__wire_dep_t sample_deps[2] = {{0, 3}, {1, 4}};
static uint64_t sample_forget[3] = {1, 3, 4};

/* One valid message of `type`, over a payload of 100 bytes. */
static par__wire_msg_t sample(uint32_t type) {
  par__wire_msg_t m;
  memset(&m, 0, sizeof m);
  m.type = type;
  switch (type) {
  case PAR__WIRE_HELLO:
    m.u.hello = (par__wire_hello_t){.token = TOKEN,
                                    .rank = 3,
                                    .pid = 4242,
                                    .host = "node-b",
                                    .build_id = build_id,
                                    .build_id_len = sizeof build_id,
                                    .address = ucp_addr,
                                    .address_len = sizeof ucp_addr,
                                    .threads = 8,
                                    .gpus = 2};
    break;
  case PAR__WIRE_WELCOME:
    m.u.welcome = (par__wire_welcome_t){
        .address = ucp_addr, .address_len = sizeof ucp_addr, .nworkers = 4, .heartbeat_ms = 500};
    break;
  case PAR__WIRE_REFUSE:
    m.u.refuse.reason = "wrong token";
    break;
  case PAR__WIRE_LOOP:
    m.u.loop = (par__wire_loop_t){.instance = 7,
                                  .loop_id = 0x1234567890abcdefull,
                                  .niters = 50,
                                  .lb = 0,
                                  .step = 1,
                                  .env = {0, 16},
                                  .nmaps = 3,
                                  .nreds = 2,
                                  .nlasts = 1,
                                  .maps = sample_maps,
                                  .reds = sample_reds,
                                  .lasts = sample_lasts,
                                  .nretire = 2,
                                  .retire = sample_retire};
    break;
  case PAR__WIRE_DATA:
    m.u.data = (par__wire_data_t){.instance = 7,
                                  .seg = {.map = 1, .first = 0, .count = 10, .bytes = {0, 80}}};
    break;
  case PAR__WIRE_TASK:
    m.u.task = (par__wire_task_t){.instance = 7,
                                  .task = 1,
                                  .nblocks = 3,
                                  .blocks = sample_blocks,
                                  .nsegments = 2,
                                  .segments = sample_segs};
    break;
  case PAR__WIRE_RESULT:
    m.u.result = (par__wire_result_t){.instance = 7,
                                      .task = 1,
                                      .status = 0,
                                      .time_ns = 123456,
                                      .nblocks = 3,
                                      .partials = {0, 72},
                                      .has_last = true,
                                      .last = {72, 8},
                                      .nsegments = 1,
                                      .segments = sample_segs};
    break;
  case PAR__WIRE_ERROR:
    m.u.error = (par__wire_error_t){.instance = 7,
                                    .task = 1,
                                    .signal = 11,
                                    .message = "SIGSEGV in saxpy at saxpy.c:12",
                                    .backtrace = "#0 saxpy\n#1 main\n"};
    break;
  case PAR__WIRE_HEARTBEAT:
    m.u.heartbeat.seq = 99;
    break;
  case PAR__WIRE_CALL:
    m.u.call = (par__wire_call_t){.call = 5, .fn = 0xfeedull, .site = 0xbeefull, .args = {0, 16},
                                  .nmaps = 2, .maps = sample_cmaps, .ndeps = 2,
                                  .deps = sample_deps, .keep = true};
    break;
  case PAR__WIRE_RETURN:
    m.u.ret = (par__wire_return_t){.call = 5, .status = 0, .time_ns = 77, .ret = {0, 8},
                                   .nsegments = 1, .segments = sample_segs};
    break;
  case PAR__WIRE_FORGET:
    m.u.forget = (par__wire_forget_t){.ncalls = 3, .calls = sample_forget};
    break;
  }
  return m;
}

static void encode_sample(uint32_t type, par__wire_buf_t *b) {
  par__wire_msg_t m = sample(type);
  par__wire_range_t r;
  par__wire_buf_init(b);
  CHECK_EQ_INT(par__wire_buf_add(b, payload, 100, &r), PAR_OK);
  CHECK_EQ_INT(par__wire_encode(b, &m), PAR_OK);
}

/* ---- decoding hand-made headers ------------------------------------------ */

typedef struct hdr {
  msgpack_sbuffer sb;
  msgpack_packer pk;
} hdr_t;

static void hdr_init(hdr_t *h) {
  msgpack_sbuffer_init(&h->sb);
  msgpack_packer_init(&h->pk, &h->sb, msgpack_sbuffer_write);
}

/* Starts {0: version, 1: type, ...} with `nmore` pairs to follow. */
static void hdr_begin(hdr_t *h, uint64_t version, uint64_t type, size_t nmore) {
  hdr_init(h);
  msgpack_pack_map(&h->pk, 2 + nmore);
  msgpack_pack_uint8(&h->pk, 0);
  msgpack_pack_uint64(&h->pk, version);
  msgpack_pack_uint8(&h->pk, 1);
  msgpack_pack_uint64(&h->pk, type);
}

static void hdr_key(hdr_t *h, unsigned key) {
  msgpack_pack_uint64(&h->pk, key);
}

/* Decodes; checks the status, the reason and (unless PAR__WIRE_NO_KEY is
 * wanted as "don't care" via key == 12345) the key; returns the diag. */
static par__wire_diag_t expect(const void *p, size_t n, size_t payload_len, par_status_t status,
                               par__wire_reason_t reason) {
  par__wire_msg_t out;
  par__wire_diag_t diag;
  memset(&out, 0xa5, sizeof out);
  par_status_t st = par__wire_decode(p, n, payload_len, &out, &diag);
  if (st != status || diag.reason != reason)
    fprintf(stderr, "decode: status %d reason %s (%s), wanted %d %s\n", st,
            par__wire_reason_name(diag.reason), diag.text, status, par__wire_reason_name(reason));
  CHECK_EQ_INT(st, status);
  CHECK_EQ_INT(diag.reason, reason);
  if (st != PAR_OK) {
    CHECK_EQ_INT(out.type, 0);
    CHECK(out.mem_ == NULL);
    CHECK(diag.text[0] != '\0');
  } else {
    par__wire_msg_free(&out);
  }
  return diag;
}

static par__wire_diag_t expect_hdr(hdr_t *h, size_t payload_len, par_status_t status,
                                   par__wire_reason_t reason) {
  par__wire_diag_t d = expect(h->sb.data, h->sb.size, payload_len, status, reason);
  msgpack_sbuffer_destroy(&h->sb);
  return d;
}

#define MALFORMED PAR__WIRE_ERR_MALFORMED

/* ---- names ---------------------------------------------------------------- */

TEST(names) {
  CHECK_STREQ(par__wire_reason_name(PAR__WIRE_E_COUNT), "COUNT");
  CHECK_STREQ(par__wire_reason_message(PAR__WIRE_E_NONE), "no error");
  CHECK_STREQ(par__wire_reason_name((par__wire_reason_t)999), "?");
  for (int r = 0; r < PAR__WIRE_E__COUNT; r++) {
    CHECK(strcmp(par__wire_reason_name((par__wire_reason_t)r), "?") != 0);
    CHECK(par__wire_reason_message((par__wire_reason_t)r)[0] != '\0');
  }
  CHECK_STREQ(par__wire_type_name(PAR__WIRE_HELLO), "HELLO");
  CHECK_STREQ(par__wire_type_name(PAR__WIRE_BYE), "BYE");
  CHECK_STREQ(par__wire_type_name(0), "?");
  CHECK_STREQ(par__wire_type_name(PAR__WIRE_CALL), "CALL");
  CHECK_STREQ(par__wire_type_name(PAR__WIRE_FORGET), "FORGET");
  CHECK_STREQ(par__wire_type_name(PAR__WIRE_TYPE__MAX + 1), "?");
  CHECK_EQ_INT(PAR__WIRE_ERR_MALFORMED, PAR_ERR_PROTOCOL);
  CHECK_EQ_INT(PAR__WIRE_ERR_VERSION, PAR_ERR_VERSION);
}

/* The statuses the wire module returns: a peer's broken rule, another
 * version, and the caller's own mistake are told apart. */
TEST(statuses) {
  CHECK_EQ_INT(PAR_ERR_VERSION, -12);
  CHECK_STREQ(par__status_name(PAR_ERR_VERSION), "PAR_ERR_VERSION");
  CHECK_STREQ(par__status_message(PAR_ERR_VERSION), "protocol version mismatch");
  CHECK_STREQ(par__status_name(PAR_ERR_PROTOCOL), "PAR_ERR_PROTOCOL");
  CHECK(PAR__WIRE_ERR_MALFORMED != PAR__WIRE_ERR_VERSION);
  CHECK(PAR__WIRE_ERR_MALFORMED != PAR_ERR_INVALID && PAR__WIRE_ERR_VERSION != PAR_ERR_INVALID);
  CHECK(PAR__WIRE_ERR_VERSION != PAR_ERR_ABI);
  /* the decoder blames the peer */
  static const unsigned char v2[] = {0x82, 0x00, 0x02, 0x01, 0x0a};
  static const unsigned char c1[] = {0xc1};
  par__wire_msg_t m;
  CHECK_EQ_INT(par__wire_decode(v2, sizeof v2, 0, &m, NULL), PAR_ERR_VERSION);
  CHECK_EQ_INT(par__wire_decode(c1, sizeof c1, 0, &m, NULL), PAR_ERR_PROTOCOL);
  /* the encoder blames the caller */
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_heartbeat_t hb = {.seq = 1};
  CHECK_EQ_INT(par__wire_encode_heartbeat(&b, &hb), PAR_OK);
  par__wire_task_t t = {.instance = 1, .task = 0};
  CHECK_EQ_INT(par__wire_encode_task(&b, &t), PAR_ERR_INVALID);
  par__wire_range_t r;
  CHECK_EQ_INT(par__wire_buf_add(&b, NULL, 1, &r), PAR_ERR_INVALID);
  par__wire_buf_cleanup(&b);
  /* the checks between messages blame the peer */
  par__wire_loop_t loop = {.instance = 1};
  par__wire_data_t d = {.instance = 2};
  CHECK_EQ_INT(par__wire_check_data(&loop, &d, NULL), PAR_ERR_PROTOCOL);
  CHECK_EQ_INT(par__wire_check_data_back(&loop, &d, NULL), PAR_ERR_PROTOCOL);
}

/* ---- round trips ---------------------------------------------------------- */

TEST(roundtrip_samples) {
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    par__wire_msg_t m = sample(t);
    roundtrip(&m, 100);
  }
  check_no_leaks();
}

TEST(roundtrip_hello_edges) {
  static unsigned char big[PAR__WIRE_MAX_ADDRESS];
  static unsigned char id[PAR__WIRE_MAX_BUILD_ID];
  char host[PAR__WIRE_MAX_HOST + 1];
  memset(host, 'h', PAR__WIRE_MAX_HOST);
  host[PAR__WIRE_MAX_HOST] = '\0';
  for (size_t i = 0; i < sizeof big; i++)
    big[i] = (unsigned char)i;
  memset(id, 0xff, sizeof id);
  par__wire_msg_t m = {.type = PAR__WIRE_HELLO};
  m.u.hello = (par__wire_hello_t){.token = "ffffffffffffffffffffffffffffffff",
                                  .rank = PAR__WIRE_MAX_WORKERS,
                                  .pid = INT32_MAX,
                                  .host = host,
                                  .build_id = id,
                                  .build_id_len = PAR__WIRE_MAX_BUILD_ID,
                                  .address = big,
                                  .address_len = PAR__WIRE_MAX_ADDRESS,
                                  .threads = PAR__WIRE_MAX_THREADS};
  roundtrip(&m, 0);
  m.u.hello = (par__wire_hello_t){.token = "00000000000000000000000000000000",
                                  .rank = 1,
                                  .pid = 1,
                                  .host = "",
                                  .build_id = id,
                                  .build_id_len = 1,
                                  .address = big,
                                  .address_len = 1,
                                  .threads = 1};
  roundtrip(&m, 0);
  check_no_leaks();
}

TEST(roundtrip_welcome_refuse_edges) {
  static unsigned char big[PAR__WIRE_MAX_ADDRESS];
  par__wire_msg_t m = {.type = PAR__WIRE_WELCOME};
  m.u.welcome = (par__wire_welcome_t){.address = big,
                                      .address_len = PAR__WIRE_MAX_ADDRESS,
                                      .nworkers = PAR__WIRE_MAX_WORKERS,
                                      .heartbeat_ms = UINT32_MAX,
                                      .direct = 1};
  roundtrip(&m, 0);
  m.u.welcome =
      (par__wire_welcome_t){.address = big, .address_len = 1, .nworkers = 1, .heartbeat_ms = 0};
  roundtrip(&m, 0);
  static char reason[PAR__WIRE_MAX_STRING + 1];
  memset(reason, 'r', PAR__WIRE_MAX_STRING);
  m = (par__wire_msg_t){.type = PAR__WIRE_REFUSE};
  m.u.refuse.reason = reason;
  roundtrip(&m, 0);
  m.u.refuse.reason = "";
  roundtrip(&m, 0);
  check_no_leaks();
}

TEST(roundtrip_loop_edges) {
  par__wire_msg_t m = {.type = PAR__WIRE_LOOP};
  /* nothing mapped, reduced or lastprivate; empty env at the payload's end */
  m.u.loop = (par__wire_loop_t){
      .instance = 0, .loop_id = 0, .niters = 0, .lb = INT64_MIN, .step = INT64_MAX, .env = {0, 0}};
  roundtrip(&m, 0);
  m.u.loop.instance = m.u.loop.loop_id = m.u.loop.niters = UINT64_MAX;
  m.u.loop.lb = INT64_MAX;
  m.u.loop.step = INT64_MIN;
  m.u.loop.env = (par__wire_range_t){100, 0};
  roundtrip(&m, 100);
  /* carrying its first task: blocks, and a slice after the env */
  static par__wire_block_t tblk[2] = {{0, 10}, {10, 20}};
  static par__wire_segment_t tseg[1] = {{.map = 0, .first = -3, .count = 2, .bytes = {40, 16}}};
  m.u.loop.env = (par__wire_range_t){0, 40};
  m.u.loop.has_task = true;
  m.u.loop.task = (par__wire_task_t){.instance = UINT64_MAX,
                                     .task = 9,
                                     .nblocks = 2,
                                     .blocks = tblk,
                                     .nsegments = 1,
                                     .segments = tseg};
  roundtrip(&m, 100);
  m.u.loop.has_task = false;
  m.u.loop.task = (par__wire_task_t){0};
  /* the most of everything, at the extreme values */
  static par__wire_map_t maps[PAR__WIRE_MAX_MAPS];
  static par__wire_red_t reds[PAR__WIRE_MAX_REDS];
  static uint64_t lasts[PAR__WIRE_MAX_LASTS];
  static uint64_t retire[PAR__WIRE_MAX_RETIRE];
  for (uint32_t i = 0; i < PAR__WIRE_MAX_RETIRE; i++)
    retire[i] = i == 1 ? UINT64_MAX : i;
  for (uint32_t i = 0; i < PAR__WIRE_MAX_MAPS; i++)
    maps[i] = (par__wire_map_t){.index = i,
                                .kind = i % 4,
                                .flags = UINT32_MAX,
                                .lo = INT64_MIN,
                                .len = UINT64_MAX,
                                .elem_size = 1,
                                .off_min = INT64_MIN,
                                .off_max = INT64_MAX};
  maps[1] = (par__wire_map_t){.index = 1,
                              .kind = 3,
                              .lo = INT64_MAX,
                              .len = 0,
                              .elem_size = UINT64_MAX,
                              .off_min = 5,
                              .off_max = 5};
  for (uint32_t i = 0; i < PAR__WIRE_MAX_REDS; i++)
    reds[i] = (par__wire_red_t){UINT64_MAX, 1};
  for (uint32_t i = 0; i < PAR__WIRE_MAX_LASTS; i++)
    lasts[i] = UINT64_MAX - i;
  m.u.loop = (par__wire_loop_t){.instance = 1,
                                .loop_id = 2,
                                .niters = 3,
                                .lb = -1,
                                .step = -1,
                                .env = {0, sizeof payload},
                                .nmaps = PAR__WIRE_MAX_MAPS,
                                .nreds = PAR__WIRE_MAX_REDS,
                                .nlasts = PAR__WIRE_MAX_LASTS,
                                .maps = maps,
                                .reds = reds,
                                .lasts = lasts,
                                .nretire = PAR__WIRE_MAX_RETIRE,
                                .retire = retire};
  roundtrip(&m, sizeof payload);
  check_no_leaks();
}

TEST(roundtrip_data_edges) {
  par__wire_msg_t m = {.type = PAR__WIRE_DATA};
  m.u.data = (par__wire_data_t){.instance = UINT64_MAX,
                                .seg = {.map = PAR__WIRE_MAX_MAPS - 1,
                                        .first = INT64_MIN,
                                        .count = UINT64_MAX,
                                        .bytes = {0, sizeof payload}},
                                .task = UINT64_MAX};
  roundtrip(&m, sizeof payload);
  m.u.data.task = 1; /* a worker's: the smallest task */
  roundtrip(&m, sizeof payload);
  m.u.data = (par__wire_data_t){
      .instance = 0, .seg = {.map = 0, .first = INT64_MAX, .count = 0, .bytes = {10, 0}}};
  roundtrip(&m, 10);
  check_no_leaks();
}

TEST(roundtrip_task_edges) {
  par__wire_msg_t m = {.type = PAR__WIRE_TASK};
  par__wire_block_t one = {0, 1};
  m.u.task = (par__wire_task_t){.instance = 0, .task = 1, .nblocks = 1, .blocks = &one};
  roundtrip(&m, 0);
  one = (par__wire_block_t){UINT64_MAX - 1, UINT64_MAX};
  m.u.task.task = UINT64_MAX;
  roundtrip(&m, 0);
  /* the most blocks, with 9-byte values */
  static par__wire_block_t blocks[PAR__WIRE_MAX_BLOCKS];
  for (uint32_t i = 0; i < PAR__WIRE_MAX_BLOCKS; i++)
    blocks[i] = (par__wire_block_t){(1ull << 63) + 10ull * i, (1ull << 63) + 10ull * i + 3};
  m.u.task = (par__wire_task_t){
      .instance = 5, .task = 6, .nblocks = PAR__WIRE_MAX_BLOCKS, .blocks = blocks};
  roundtrip(&m, 0);
  /* the most segments */
  static par__wire_segment_t segs[PAR__WIRE_MAX_SEGMENTS];
  for (uint32_t i = 0; i < PAR__WIRE_MAX_SEGMENTS; i++)
    segs[i] = (par__wire_segment_t){.map = i % PAR__WIRE_MAX_MAPS,
                                    .first = (int64_t)i - 512,
                                    .count = i,
                                    .bytes = {i, sizeof payload - i}};
  m.u.task = (par__wire_task_t){.instance = 5,
                                .task = 6,
                                .nblocks = 1,
                                .blocks = &one,
                                .nsegments = PAR__WIRE_MAX_SEGMENTS,
                                .segments = segs};
  roundtrip(&m, sizeof payload);
  check_no_leaks();
}

TEST(roundtrip_result_edges) {
  par__wire_msg_t m = {.type = PAR__WIRE_RESULT};
  /* no reductions, no last, nothing written; a failed run */
  m.u.result = (par__wire_result_t){.instance = 0,
                                    .task = 1,
                                    .status = INT32_MIN,
                                    .time_ns = 0,
                                    .nblocks = 0,
                                    .partials = {0, 0},
                                    .last = {5, 5}};
  roundtrip(&m, 0);
  m.u.result = (par__wire_result_t){.instance = UINT64_MAX,
                                    .task = UINT64_MAX,
                                    .status = INT32_MAX,
                                    .time_ns = UINT64_MAX,
                                    .nblocks = PAR__WIRE_MAX_BLOCKS,
                                    .partials = {0, PAR__WIRE_MAX_BLOCKS * 16},
                                    .has_last = true,
                                    .last = {sizeof payload, 0}};
  roundtrip(&m, sizeof payload);
  static par__wire_segment_t segs[PAR__WIRE_MAX_SEGMENTS];
  for (uint32_t i = 0; i < PAR__WIRE_MAX_SEGMENTS; i++)
    segs[i] = (par__wire_segment_t){
        .map = 255, .first = INT64_MAX - i, .count = i, .bytes = {64 * i, 64}};
  m.u.result.nsegments = PAR__WIRE_MAX_SEGMENTS;
  m.u.result.segments = segs;
  roundtrip(&m, sizeof payload);
  /* combined partials: the blocks' in one part (any length) */
  m.u.result.nsegments = 0;
  m.u.result.combined = true;
  m.u.result.partials = (par__wire_range_t){0, 17};
  roundtrip(&m, sizeof payload);
  check_no_leaks();
}

TEST(roundtrip_error_heartbeat_bye_edges) {
  static char msg[PAR__WIRE_MAX_STRING + 1], bt[PAR__WIRE_MAX_BACKTRACE + 1];
  memset(msg, 'm', PAR__WIRE_MAX_STRING);
  memset(bt, 'b', PAR__WIRE_MAX_BACKTRACE);
  par__wire_msg_t m = {.type = PAR__WIRE_ERROR};
  m.u.error = (par__wire_error_t){.instance = UINT64_MAX,
                                  .task = UINT64_MAX,
                                  .signal = PAR__WIRE_MAX_SIGNAL,
                                  .message = msg,
                                  .backtrace = bt};
  roundtrip(&m, 0);
  m.u.error = (par__wire_error_t){.message = ""}; /* NULL backtrace is sent as "" */
  roundtrip(&m, 0);
  m = (par__wire_msg_t){.type = PAR__WIRE_HEARTBEAT};
  roundtrip(&m, 0);
  m.u.heartbeat.seq = UINT64_MAX;
  roundtrip(&m, 0);
  m = (par__wire_msg_t){.type = PAR__WIRE_BYE};
  roundtrip(&m, 12345);
  check_no_leaks();
}

/* CALL, RETURN and FORGET refuse what their receivers could not use. */
TEST(call_return_forget_rules) {
  par__wire_buf_t b;
  par__wire_range_t r;
  par__wire_msg_t m = sample(PAR__WIRE_CALL);
  par__wire_cmap_t bad = sample_cmaps[0];
  m.u.call.maps = &bad;
  m.u.call.nmaps = 1;
  m.u.call.ndeps = 0;
  par__wire_buf_init(&b);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 100, &r), PAR_OK);
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_OK);
  bad.bytes.len = 31; /* not len * elem_size */
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  bad = sample_cmaps[0];
  bad.elem_size = 0;
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  bad = sample_cmaps[0];
  bad.bytes.off = 90; /* past the payload */
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  m = sample(PAR__WIRE_CALL);
  par__wire_dep_t dep = {0, 5}; /* src must be an earlier call */
  m.u.call.deps = &dep;
  m.u.call.ndeps = 1;
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  dep.src = 4;
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_OK);
  m.u.call.call = 0;
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  m = sample(PAR__WIRE_RETURN);
  m.u.ret.ret = (par__wire_range_t){96, 8};
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  m = sample(PAR__WIRE_FORGET);
  m.u.forget.ncalls = 0;
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  par__wire_buf_cleanup(&b);
  /* a hand-made CALL whose map record is too short is malformed */
  hdr_t h;
  hdr_begin(&h, 1, PAR__WIRE_CALL, 5);
  hdr_key(&h, 2), msgpack_pack_uint64(&h.pk, 1);
  hdr_key(&h, 3), msgpack_pack_uint64(&h.pk, 9);
  hdr_key(&h, 4), msgpack_pack_uint64(&h.pk, 0);
  hdr_key(&h, 5), msgpack_pack_array(&h.pk, 2), msgpack_pack_uint64(&h.pk, 0),
      msgpack_pack_uint64(&h.pk, 8);
  hdr_key(&h, 6), msgpack_pack_array(&h.pk, 1), msgpack_pack_array(&h.pk, 2),
      msgpack_pack_uint64(&h.pk, 1), msgpack_pack_uint64(&h.pk, 0);
  expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
}

/* The per-type encoders are par__wire_encode with the type filled in. */
TEST(typed_encoders) {
  par__wire_buf_t a, b;
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    par__wire_msg_t m = sample(t);
    encode_sample(t, &a);
    par__wire_range_t r;
    par__wire_buf_init(&b);
    CHECK_EQ_INT(par__wire_buf_add(&b, payload, 100, &r), PAR_OK);
    par_status_t st = PAR_ERR_INVALID;
    switch (t) {
    case PAR__WIRE_HELLO:
      st = par__wire_encode_hello(&b, &m.u.hello);
      break;
    case PAR__WIRE_WELCOME:
      st = par__wire_encode_welcome(&b, &m.u.welcome);
      break;
    case PAR__WIRE_REFUSE:
      st = par__wire_encode_refuse(&b, &m.u.refuse);
      break;
    case PAR__WIRE_LOOP:
      st = par__wire_encode_loop(&b, &m.u.loop);
      break;
    case PAR__WIRE_DATA:
      st = par__wire_encode_data(&b, &m.u.data);
      break;
    case PAR__WIRE_TASK:
      st = par__wire_encode_task(&b, &m.u.task);
      break;
    case PAR__WIRE_RESULT:
      st = par__wire_encode_result(&b, &m.u.result);
      break;
    case PAR__WIRE_ERROR:
      st = par__wire_encode_error(&b, &m.u.error);
      break;
    case PAR__WIRE_HEARTBEAT:
      st = par__wire_encode_heartbeat(&b, &m.u.heartbeat);
      break;
    case PAR__WIRE_BYE:
      st = par__wire_encode_bye(&b);
      break;
    case PAR__WIRE_CALL:
      st = par__wire_encode_call(&b, &m.u.call);
      break;
    case PAR__WIRE_RETURN:
      st = par__wire_encode_return(&b, &m.u.ret);
      break;
    case PAR__WIRE_FORGET:
      st = par__wire_encode_forget(&b, &m.u.forget);
      break;
    }
    CHECK_EQ_INT(st, PAR_OK);
    CHECK_EQ_INT(a.hdr_len, b.hdr_len);
    CHECK(memcmp(a.hdr, b.hdr, a.hdr_len) == 0);
    par__wire_buf_cleanup(&a);
    par__wire_buf_cleanup(&b);
  }
}

/* The examples of docs/protocol.md, byte for byte. */
TEST(doc_examples) {
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_heartbeat_t hb = {.seq = 1};
  CHECK_EQ_INT(par__wire_encode_heartbeat(&b, &hb), PAR_OK);
  static const unsigned char heartbeat[] = {0x83, 0x00, 0x01, 0x01, 0x09, 0x02, 0x01};
  CHECK_EQ_INT(b.hdr_len, sizeof heartbeat);
  CHECK(memcmp(b.hdr, heartbeat, sizeof heartbeat) == 0);

  /* TASK 2 of instance 1: blocks [0,512) [512,1024), slice of map 0,
   * elements 0..1024 (8 bytes each) inline */
  par__wire_buf_reset(&b);
  static double a[1025];
  par__wire_block_t blocks[2] = {{0, 512}, {512, 1024}};
  par__wire_segment_t seg = {.map = 0, .first = 0, .count = 1025};
  CHECK_EQ_INT(par__wire_buf_add(&b, a, sizeof a, &seg.bytes), PAR_OK);
  par__wire_task_t task = {
      .instance = 1, .task = 2, .nblocks = 2, .blocks = blocks, .nsegments = 1, .segments = &seg};
  CHECK_EQ_INT(par__wire_encode_task(&b, &task), PAR_OK);
  static const unsigned char task_hdr[] = {0x86, 0x00, 0x01, 0x01, 0x06, 0x02, 0x01, 0x03, 0x02,
                                           0x04, 0x94, 0x00, 0xcd, 0x02, 0x00, 0xcd, 0x02, 0x00,
                                           0xcd, 0x04, 0x00, 0x05, 0x91, 0x95, 0x00, 0x00, 0xcd,
                                           0x04, 0x01, 0x00, 0xcd, 0x20, 0x08};
  if (b.hdr_len != sizeof task_hdr || memcmp(b.hdr, task_hdr, sizeof task_hdr) != 0) {
    for (size_t i = 0; i < b.hdr_len; i++)
      fprintf(stderr, "%02x ", (unsigned char)b.hdr[i]);
    fprintf(stderr, "\n");
  }
  CHECK_EQ_INT(b.hdr_len, sizeof task_hdr);
  CHECK(memcmp(b.hdr, task_hdr, sizeof task_hdr) == 0);
  CHECK_EQ_INT(b.niov, 1);
  CHECK(b.iov[0].iov_base == (void *)a);
  CHECK_EQ_INT(b.payload_len, sizeof a);
  par__wire_buf_cleanup(&b);
}

/* ---- the buffer ----------------------------------------------------------- */

TEST(buf_payload) {
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_range_t r = {77, 77};
  CHECK_EQ_INT(par__wire_buf_add(&b, NULL, 0, &r), PAR_OK);
  CHECK(r.off == 0 && r.len == 0);
  CHECK_EQ_INT(b.niov, 0);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 10, &r), PAR_OK);
  CHECK(r.off == 0 && r.len == 10);
  for (int i = 0; i < 100; i++)
    CHECK_EQ_INT(par__wire_buf_add(&b, payload + i, 3, &r), PAR_OK);
  CHECK(r.off == 10 + 99 * 3 && r.len == 3);
  CHECK_EQ_INT(b.niov, 101);
  CHECK_EQ_INT(b.payload_len, 310);
  CHECK(b.iov[100].iov_base == payload + 99);
  r = (par__wire_range_t){1, 2};
  CHECK_EQ_INT(par__wire_buf_add(&b, NULL, 1, &r), PAR_ERR_INVALID);
  CHECK_EQ_INT(b.diag.reason, PAR__WIRE_E_VALUE);
  CHECK(r.off == 1 && r.len == 2);
  /* a payload of UINT64_MAX bytes is described (never read); one more byte is refused */
  par__wire_buf_reset(&b);
  CHECK_EQ_INT(b.niov, 0);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, UINT64_MAX, &r), PAR_OK);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 1, &r), PAR_ERR_INVALID);
  CHECK_EQ_INT(b.diag.reason, PAR__WIRE_E_LIMIT);
  par__wire_buf_cleanup(&b);
  par__wire_buf_cleanup(&b); /* twice is fine */
}

/* ---- what the encoder refuses --------------------------------------------- */

TEST(encode_rejects) {
  par__wire_msg_t m;
  const par__wire_reason_t VALUE = PAR__WIRE_E_VALUE, LIMIT = PAR__WIRE_E_LIMIT,
                           RANGE = PAR__WIRE_E_RANGE;
  static char longstr[PAR__WIRE_MAX_BACKTRACE + 2];
  memset(longstr, 'x', sizeof longstr - 1);
  const char *str4097 = longstr + sizeof longstr - 1 - (PAR__WIRE_MAX_STRING + 1);
  const char *str256 = longstr + sizeof longstr - 1 - 256;

#define HELLO_WITH(field, value, reason)                                                           \
  do {                                                                                             \
    m = sample(PAR__WIRE_HELLO);                                                                   \
    m.u.hello.field = value;                                                                       \
    encode_fails(&m, 100, reason);                                                                 \
  } while (0)
  HELLO_WITH(token, NULL, VALUE);
  HELLO_WITH(token, "0123456789ABCDEF0123456789abcdef", VALUE);
  HELLO_WITH(token, "0123456789abcdef0123456789abcde", VALUE);
  HELLO_WITH(token, "0123456789abcdef0123456789abcdef0", VALUE);
  HELLO_WITH(token, "0123456789abcdef0123456789abcdeg", VALUE);
  HELLO_WITH(rank, 0, VALUE);
  HELLO_WITH(rank, PAR__WIRE_MAX_WORKERS + 1, VALUE);
  HELLO_WITH(pid, 0, VALUE);
  HELLO_WITH(pid, (uint32_t)INT32_MAX + 1, VALUE);
  HELLO_WITH(host, NULL, VALUE);
  HELLO_WITH(host, str256, LIMIT);
  HELLO_WITH(build_id_len, 0, VALUE);
  HELLO_WITH(build_id_len, PAR__WIRE_MAX_BUILD_ID + 1, LIMIT);
  HELLO_WITH(build_id, NULL, VALUE);
  HELLO_WITH(address_len, 0, VALUE);
  HELLO_WITH(address_len, PAR__WIRE_MAX_ADDRESS + 1, LIMIT);
  HELLO_WITH(threads, 0, VALUE); /* a struct that never set it */
  HELLO_WITH(threads, PAR__WIRE_MAX_THREADS + 1, VALUE);
  HELLO_WITH(threads, UINT32_MAX, VALUE);
  HELLO_WITH(gpus, PAR__WIRE_MAX_THREADS + 1, VALUE);

  m = sample(PAR__WIRE_WELCOME);
  m.u.welcome.address_len = 0;
  encode_fails(&m, 100, VALUE);
  m = sample(PAR__WIRE_WELCOME);
  m.u.welcome.nworkers = 0;
  encode_fails(&m, 100, VALUE);
  m.u.welcome.nworkers = PAR__WIRE_MAX_WORKERS + 1;
  encode_fails(&m, 100, VALUE);
  m = sample(PAR__WIRE_WELCOME);
  m.u.welcome.direct = 2;
  encode_fails(&m, 100, VALUE);

  m = sample(PAR__WIRE_REFUSE);
  m.u.refuse.reason = NULL;
  encode_fails(&m, 100, VALUE);
  m.u.refuse.reason = str4097;
  encode_fails(&m, 100, LIMIT);

  par__wire_map_t maps[PAR__WIRE_MAX_MAPS + 1];
  memset(maps, 0, sizeof maps);
  for (uint32_t i = 0; i <= PAR__WIRE_MAX_MAPS; i++)
    maps[i] = (par__wire_map_t){.index = i, .elem_size = 1};
#define LOOP_WITH(stmt, reason)                                                                    \
  do {                                                                                             \
    m = sample(PAR__WIRE_LOOP);                                                                    \
    m.u.loop.maps = maps;                                                                          \
    stmt;                                                                                          \
    encode_fails(&m, 100, reason);                                                                 \
  } while (0)
  LOOP_WITH(m.u.loop.nmaps = PAR__WIRE_MAX_MAPS + 1, LIMIT);
  /* a first task carried in the LOOP is checked as a TASK is */
  par__wire_block_t lblk[2] = {{0, 5}, {5, 9}};
  LOOP_WITH(
      (m.u.loop.has_task = true,
       m.u.loop.task = (par__wire_task_t){.instance = 7, .task = 0, .nblocks = 1, .blocks = lblk}),
      VALUE);
  LOOP_WITH(
      (m.u.loop.has_task = true,
       m.u.loop.task = (par__wire_task_t){.instance = 7, .task = 3, .nblocks = 0, .blocks = lblk}),
      VALUE);
  LOOP_WITH(
      (m.u.loop.has_task = true,
       m.u.loop.task = (par__wire_task_t){.instance = 8, .task = 3, .nblocks = 1, .blocks = lblk}),
      VALUE);
  LOOP_WITH(
      (m.u.loop.has_task = true, lblk[1].k0 = 4,
       m.u.loop.task = (par__wire_task_t){.instance = 7, .task = 3, .nblocks = 2, .blocks = lblk}),
      VALUE);
  lblk[1].k0 = 5;
  LOOP_WITH(m.u.loop.maps = NULL, VALUE);
  par__wire_map_t bad;
#define MAP_WITH(field, value, reason)                                                             \
  do {                                                                                             \
    bad = (par__wire_map_t){.index = 0, .kind = 1, .lo = 0, .len = 10, .elem_size = 8};            \
    bad.field = value;                                                                             \
    LOOP_WITH((m.u.loop.maps = &bad, m.u.loop.nmaps = 1), reason);                                 \
  } while (0)
  MAP_WITH(index, 1, VALUE);
  MAP_WITH(kind, 4, VALUE);
  MAP_WITH(elem_size, 0, VALUE);
  MAP_WITH(len, UINT64_MAX / 4, VALUE); /* len * elem_size wraps */
  MAP_WITH(lo, INT64_MAX - 9, VALUE);   /* lo + len passes INT64_MAX */
  MAP_WITH(off_min, 1, VALUE);          /* off_min > off_max (0) */
  par__wire_red_t reds[PAR__WIRE_MAX_REDS + 1];
  for (uint32_t i = 0; i <= PAR__WIRE_MAX_REDS; i++)
    reds[i] = (par__wire_red_t){1, 1};
  LOOP_WITH((m.u.loop.reds = reds, m.u.loop.nreds = PAR__WIRE_MAX_REDS + 1), LIMIT);
  LOOP_WITH((reds[0].count = 0, m.u.loop.reds = reds, m.u.loop.nreds = 1), VALUE);
  reds[0] = (par__wire_red_t){UINT64_MAX, 2};
  LOOP_WITH((m.u.loop.reds = reds, m.u.loop.nreds = 1), VALUE);
  reds[0] = (par__wire_red_t){1, 0};
  LOOP_WITH((m.u.loop.reds = reds, m.u.loop.nreds = 1), VALUE);
  uint64_t lasts[PAR__WIRE_MAX_LASTS + 1] = {0};
  LOOP_WITH((m.u.loop.lasts = lasts, m.u.loop.nlasts = 1), VALUE);
  lasts[0] = 1;
  LOOP_WITH((m.u.loop.lasts = lasts, m.u.loop.nlasts = PAR__WIRE_MAX_LASTS + 1), LIMIT);
  uint64_t retire[PAR__WIRE_MAX_RETIRE + 1] = {0};
  LOOP_WITH((m.u.loop.retire = retire, m.u.loop.nretire = PAR__WIRE_MAX_RETIRE + 1), LIMIT);
  LOOP_WITH(m.u.loop.retire = NULL, VALUE);
  retire[1] = 7; /* the instance itself */
  LOOP_WITH((m.u.loop.retire = retire, m.u.loop.nretire = 2), VALUE);
  LOOP_WITH(m.u.loop.env = ((par__wire_range_t){90, 11}), RANGE);
  LOOP_WITH(m.u.loop.env = ((par__wire_range_t){101, 0}), RANGE);
  LOOP_WITH(m.u.loop.env = ((par__wire_range_t){UINT64_MAX, 2}), RANGE); /* off + len wraps */
  LOOP_WITH(m.u.loop.env = ((par__wire_range_t){2, UINT64_MAX}), RANGE);

  m = sample(PAR__WIRE_DATA);
  m.u.data.seg.map = PAR__WIRE_MAX_MAPS;
  encode_fails(&m, 100, VALUE);
  m = sample(PAR__WIRE_DATA);
  m.u.data.seg.bytes = (par__wire_range_t){1, 100};
  encode_fails(&m, 100, RANGE);
  m = sample(PAR__WIRE_DATA);
  m.u.data.seg.first = 1;
  m.u.data.seg.count = (uint64_t)INT64_MAX;
  encode_fails(&m, 100, VALUE);
  m = sample(PAR__WIRE_DATA);
  m.u.data.task = 3;
  m.u.data.seg.bytes = (par__wire_range_t){100, 1};
  encode_fails(&m, 100, RANGE);

  static par__wire_block_t blocks[PAR__WIRE_MAX_BLOCKS + 1];
  for (uint32_t i = 0; i <= PAR__WIRE_MAX_BLOCKS; i++)
    blocks[i] = (par__wire_block_t){i, i + 1};
#define TASK_WITH(stmt, reason)                                                                    \
  do {                                                                                             \
    m = sample(PAR__WIRE_TASK);                                                                    \
    stmt;                                                                                          \
    encode_fails(&m, 100, reason);                                                                 \
  } while (0)
  TASK_WITH(m.u.task.task = 0, VALUE);
  TASK_WITH(m.u.task.nblocks = 0, VALUE);
  TASK_WITH(m.u.task.blocks = NULL, VALUE);
  TASK_WITH((m.u.task.blocks = blocks, m.u.task.nblocks = PAR__WIRE_MAX_BLOCKS + 1), LIMIT);
  par__wire_block_t two[2] = {{0, 10}, {5, 20}}; /* overlap */
  TASK_WITH((m.u.task.blocks = two, m.u.task.nblocks = 2), VALUE);
  two[1] = (par__wire_block_t){10, 10}; /* empty */
  TASK_WITH((m.u.task.blocks = two, m.u.task.nblocks = 2), VALUE);
  two[0] = (par__wire_block_t){20, 30};
  two[1] = (par__wire_block_t){0, 10}; /* out of order */
  TASK_WITH((m.u.task.blocks = two, m.u.task.nblocks = 2), VALUE);
  static par__wire_segment_t segs[PAR__WIRE_MAX_SEGMENTS + 1];
  TASK_WITH((m.u.task.segments = segs, m.u.task.nsegments = PAR__WIRE_MAX_SEGMENTS + 1), LIMIT);
  TASK_WITH(m.u.task.segments = NULL, VALUE);
  par__wire_segment_t seg = {.map = 0, .bytes = {100, 1}};
  TASK_WITH((m.u.task.segments = &seg, m.u.task.nsegments = 1), RANGE);
  seg = (par__wire_segment_t){.map = PAR__WIRE_MAX_MAPS};
  TASK_WITH((m.u.task.segments = &seg, m.u.task.nsegments = 1), VALUE);

#define RESULT_WITH(stmt, reason)                                                                  \
  do {                                                                                             \
    m = sample(PAR__WIRE_RESULT);                                                                  \
    stmt;                                                                                          \
    encode_fails(&m, 100, reason);                                                                 \
  } while (0)
  RESULT_WITH(m.u.result.task = 0, VALUE);
  RESULT_WITH(m.u.result.nblocks = PAR__WIRE_MAX_BLOCKS + 1, LIMIT);
  RESULT_WITH(m.u.result.partials.len = 71, VALUE); /* 3 blocks */
  RESULT_WITH((m.u.result.nblocks = 0, m.u.result.partials.len = 8), VALUE);
  RESULT_WITH((m.u.result.nblocks = 0, m.u.result.partials.len = 0, m.u.result.combined = true),
              VALUE);
  RESULT_WITH(m.u.result.partials = ((par__wire_range_t){50, 51}), RANGE);
  RESULT_WITH(m.u.result.last = ((par__wire_range_t){100, 1}), RANGE);
  RESULT_WITH((m.u.result.segments = segs, m.u.result.nsegments = PAR__WIRE_MAX_SEGMENTS + 1),
              LIMIT);

  m = sample(PAR__WIRE_ERROR);
  m.u.error.signal = PAR__WIRE_MAX_SIGNAL + 1;
  encode_fails(&m, 100, VALUE);
  m = sample(PAR__WIRE_ERROR);
  m.u.error.message = NULL;
  encode_fails(&m, 100, VALUE);
  m.u.error.message = str4097;
  encode_fails(&m, 100, LIMIT);
  m = sample(PAR__WIRE_ERROR);
  m.u.error.backtrace = longstr;
  encode_fails(&m, 100, LIMIT);

  m = (par__wire_msg_t){.type = 0};
  encode_fails(&m, 0, PAR__WIRE_E_UNKNOWN_TYPE);
  m.type = PAR__WIRE_TYPE__MAX + 1;
  encode_fails(&m, 0, PAR__WIRE_E_UNKNOWN_TYPE);

  /* counts within their limits whose header would pass 64 KiB */
  static par__wire_block_t bigb[PAR__WIRE_MAX_BLOCKS];
  static par__wire_segment_t bigs[PAR__WIRE_MAX_SEGMENTS];
  for (uint32_t i = 0; i < PAR__WIRE_MAX_BLOCKS; i++)
    bigb[i] = (par__wire_block_t){(1ull << 63) + 2ull * i, (1ull << 63) + 2ull * i + 1};
  for (uint32_t i = 0; i < PAR__WIRE_MAX_SEGMENTS; i++)
    bigs[i] = (par__wire_segment_t){
        .map = 200, .first = INT64_MIN, .count = UINT64_MAX, .bytes = {1ull << 63, 1ull << 62}};
  m = (par__wire_msg_t){.type = PAR__WIRE_TASK};
  m.u.task = (par__wire_task_t){.instance = UINT64_MAX,
                                .task = UINT64_MAX,
                                .nblocks = PAR__WIRE_MAX_BLOCKS,
                                .blocks = bigb,
                                .nsegments = PAR__WIRE_MAX_SEGMENTS,
                                .segments = bigs};
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_range_t all;
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, UINT64_MAX, &all), PAR_OK);
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_ERR_INVALID);
  CHECK_EQ_INT(b.diag.reason, PAR__WIRE_E_TOO_BIG);
  CHECK_EQ_INT(b.hdr_len, 0);
  /* and the buffer still works */
  m = sample(PAR__WIRE_HEARTBEAT);
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_OK);
  CHECK_EQ_INT(b.diag.reason, PAR__WIRE_E_NONE);
  CHECK(b.hdr_len > 0);
  par__wire_buf_cleanup(&b);
}

/* ---- what the decoder refuses: syntax ------------------------------------- */

TEST(decode_empty_and_oversize) {
  expect("", 0, 0, MALFORMED, PAR__WIRE_E_TRUNCATED);
  expect(NULL, 0, 0, MALFORMED, PAR__WIRE_E_TRUNCATED);
  /* a header one byte over the limit is refused before it is read */
  char *big = calloc(1, PAR__WIRE_MAX_HEADER + 1);
  CHECK(big);
  expect(big, PAR__WIRE_MAX_HEADER + 1, 0, MALFORMED, PAR__WIRE_E_TOO_BIG);
  expect(big, SIZE_MAX, 0, MALFORMED, PAR__WIRE_E_TOO_BIG);
  /* exactly the limit is fine: a BYE padded with an unknown key */
  hdr_t h;
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 20);
  size_t used = h.sb.size + 3; /* and the str16 header */
  msgpack_pack_str(&h.pk, PAR__WIRE_MAX_HEADER - used);
  msgpack_pack_str_body(&h.pk, big, PAR__WIRE_MAX_HEADER - used);
  CHECK_EQ_INT(h.sb.size, PAR__WIRE_MAX_HEADER);
  expect_hdr(&h, 0, PAR_OK, PAR__WIRE_E_NONE);
  free(big);
}

TEST(decode_truncated) {
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    par__wire_buf_t b;
    encode_sample(t, &b);
    for (size_t n = 0; n < b.hdr_len; n++) {
      /* an exact-size copy, so that ASan sees a read past the end */
      char *p = malloc(n ? n : 1);
      CHECK(p);
      memcpy(p, b.hdr, n);
      par__wire_msg_t out;
      par__wire_diag_t diag;
      CHECK_EQ_INT(par__wire_decode(p, n, 100, &out, &diag), MALFORMED);
      CHECK(diag.reason == PAR__WIRE_E_TRUNCATED || diag.reason == PAR__WIRE_E_COUNT);
      CHECK_EQ_INT(out.type, 0);
      free(p);
    }
    par__wire_buf_cleanup(&b);
  }
  /* a str32 and a bin32 claiming 4 GiB */
  static const unsigned char s[] = {0x81, 0x14, 0xdb, 0xff, 0xff, 0xff, 0xff, 'a'};
  expect(s, sizeof s, 0, MALFORMED, PAR__WIRE_E_TRUNCATED);
  static const unsigned char bn[] = {0x81, 0x14, 0xc6, 0xff, 0xff, 0xff, 0xff, 'a'};
  expect(bn, sizeof bn, 0, MALFORMED, PAR__WIRE_E_TRUNCATED);
  static const unsigned char len[] = {0x81, 0x14, 0xc6, 0xff, 0xff};
  expect(len, sizeof len, 0, MALFORMED, PAR__WIRE_E_TRUNCATED);
  static const unsigned char u64[] = {0x81, 0x14, 0xcf, 0, 0, 0, 0, 0, 0, 0};
  expect(u64, sizeof u64, 0, MALFORMED, PAR__WIRE_E_TRUNCATED);
  check_no_leaks();
}

TEST(decode_trailing) {
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    par__wire_buf_t b;
    encode_sample(t, &b);
    char *p = malloc(b.hdr_len + 2);
    CHECK(p);
    memcpy(p, b.hdr, b.hdr_len);
    p[b.hdr_len] = 0x00;
    p[b.hdr_len + 1] = (char)0xc0;
    par__wire_diag_t d = expect(p, b.hdr_len + 1, 100, MALFORMED, PAR__WIRE_E_TRAILING);
    CHECK(strstr(d.text, "1 bytes after") != NULL);
    expect(p, b.hdr_len + 2, 100, MALFORMED, PAR__WIRE_E_TRAILING);
    /* a second whole map */
    char *two = malloc(2 * b.hdr_len);
    memcpy(two, b.hdr, b.hdr_len);
    memcpy(two + b.hdr_len, b.hdr, b.hdr_len);
    expect(two, 2 * b.hdr_len, 100, MALFORMED, PAR__WIRE_E_TRAILING);
    free(two);
    free(p);
    par__wire_buf_cleanup(&b);
  }
}

TEST(decode_c1) {
  static const unsigned char top[] = {0xc1};
  expect(top, 1, 0, MALFORMED, PAR__WIRE_E_SYNTAX);
  static const unsigned char val[] = {0x83, 0x00, 0x01, 0x01, 0x09, 0x02, 0xc1};
  expect(val, sizeof val, 0, MALFORMED, PAR__WIRE_E_SYNTAX);
  static const unsigned char key[] = {0x83, 0x00, 0x01, 0x01, 0x09, 0xc1, 0x01};
  expect(key, sizeof key, 0, MALFORMED, PAR__WIRE_E_SYNTAX);
  static const unsigned char nested[] = {0x83, 0x00, 0x01, 0x01, 0x0a, 0x14, 0x92, 0x01, 0xc1};
  expect(nested, sizeof nested, 0, MALFORMED, PAR__WIRE_E_SYNTAX);
}

TEST(decode_huge_counts) {
  /* array32 / map32 of 2^32 - 1 elements: refused before any allocation */
  static const unsigned char arr[] = {0xdd, 0xff, 0xff, 0xff, 0xff, 0x00};
  expect(arr, sizeof arr, 0, MALFORMED, PAR__WIRE_E_COUNT);
  static const unsigned char map[] = {0xdf, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01};
  expect(map, sizeof map, 0, MALFORMED, PAR__WIRE_E_COUNT);
  static const unsigned char inner[] = {0x83, 0x00, 0x01, 0x01, 0x0a, 0x14,
                                        0xdd, 0x7f, 0xff, 0xff, 0xff, 0x01};
  expect(inner, sizeof inner, 0, MALFORMED, PAR__WIRE_E_COUNT);
  static const unsigned char map16[] = {0xde, 0x00, 0x02, 0x00, 0x01, 0x01};
  expect(map16, sizeof map16, 0, MALFORMED, PAR__WIRE_E_COUNT);
  static const unsigned char fixarr[] = {0x9f, 0x00};
  expect(fixarr, sizeof fixarr, 0, MALFORMED, PAR__WIRE_E_COUNT);
  /* a TASK declaring 65535 block values in a short header */
  hdr_t h;
  hdr_begin(&h, 1, PAR__WIRE_TASK, 3);
  hdr_key(&h, 2);
  msgpack_pack_uint8(&h.pk, 1);
  hdr_key(&h, 3);
  msgpack_pack_uint8(&h.pk, 1);
  hdr_key(&h, 4);
  msgpack_pack_array(&h.pk, 65535);
  msgpack_pack_uint8(&h.pk, 0);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_COUNT);
}

static void pack_nested(hdr_t *h, unsigned levels) {
  for (unsigned i = 0; i < levels; i++)
    msgpack_pack_array(&h->pk, 1);
  msgpack_pack_nil(&h->pk);
}

TEST(decode_depth) {
  /* the top map is one level: MAX_DEPTH - 1 more are fine, MAX_DEPTH are not */
  hdr_t h;
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 25);
  pack_nested(&h, PAR__WIRE_MAX_DEPTH - 1);
  expect_hdr(&h, 0, PAR_OK, PAR__WIRE_E_NONE);
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 25);
  pack_nested(&h, PAR__WIRE_MAX_DEPTH);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_DEPTH);
  /* empty containers do not nest */
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 25);
  for (unsigned i = 0; i < PAR__WIRE_MAX_DEPTH - 1; i++)
    msgpack_pack_array(&h.pk, 1);
  msgpack_pack_array(&h.pk, 0);
  expect_hdr(&h, 0, PAR_OK, PAR__WIRE_E_NONE);
  /* deeper than msgpack-c's own stack (32) */
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 25);
  pack_nested(&h, 40);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_DEPTH);
}

/* ---- what the decoder refuses: the envelope ------------------------------- */

TEST(decode_not_a_map) {
  static const unsigned char arr[] = {0x92, 0x01, 0x09};
  expect(arr, sizeof arr, 0, MALFORMED, PAR__WIRE_E_TYPE);
  static const unsigned char num[] = {0x01};
  expect(num, sizeof num, 0, MALFORMED, PAR__WIRE_E_TYPE);
  static const unsigned char str[] = {0xa1, 'x'};
  expect(str, sizeof str, 0, MALFORMED, PAR__WIRE_E_TYPE);
  static const unsigned char empty[] = {0x80};
  par__wire_diag_t d = expect(empty, sizeof empty, 0, MALFORMED, PAR__WIRE_E_MISSING);
  CHECK_EQ_INT(d.key, 0);
}

TEST(decode_version) {
  hdr_t h;
  hdr_begin(&h, 2, PAR__WIRE_HELLO, 0);
  par__wire_diag_t d = expect_hdr(&h, 0, PAR__WIRE_ERR_VERSION, PAR__WIRE_E_VERSION);
  CHECK_EQ_INT(d.version, 2);
  CHECK_EQ_INT(d.key, 0);
  CHECK(strstr(d.text, "version 2") != NULL);
  hdr_begin(&h, 0, PAR__WIRE_HELLO, 0);
  d = expect_hdr(&h, 0, PAR__WIRE_ERR_VERSION, PAR__WIRE_E_VERSION);
  CHECK_EQ_INT(d.version, 0);
  hdr_begin(&h, UINT64_MAX, 0, 0);
  d = expect_hdr(&h, 0, PAR__WIRE_ERR_VERSION, PAR__WIRE_E_VERSION);
  CHECK(d.version == UINT64_MAX);
  /* a future header with string keys and other types: still a version error */
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 3);
  msgpack_pack_str_with_body(&h.pk, "kind", 4);
  msgpack_pack_double(&h.pk, 1.5);
  msgpack_pack_uint8(&h.pk, 0);
  msgpack_pack_uint8(&h.pk, 3);
  msgpack_pack_int8(&h.pk, -1);
  msgpack_pack_nil(&h.pk);
  d = expect_hdr(&h, 0, PAR__WIRE_ERR_VERSION, PAR__WIRE_E_VERSION);
  CHECK_EQ_INT(d.version, 3);
  /* a REFUSE from a peer of another version still shows its reason */
  hdr_begin(&h, 7, PAR__WIRE_REFUSE, 1);
  hdr_key(&h, 2);
  msgpack_pack_str_with_body(&h.pk, "version 1 is too old\n", 21);
  d = expect_hdr(&h, 0, PAR__WIRE_ERR_VERSION, PAR__WIRE_E_VERSION);
  CHECK_EQ_INT(d.version, 7);
  CHECK(strstr(d.text, "it refused: version 1 is too old?") != NULL);
  /* missing, or not an unsigned integer */
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 1);
  msgpack_pack_uint8(&h.pk, 1);
  msgpack_pack_uint8(&h.pk, PAR__WIRE_BYE);
  d = expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_MISSING);
  CHECK_EQ_INT(d.key, 0);
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 2);
  msgpack_pack_uint8(&h.pk, 0);
  msgpack_pack_str_with_body(&h.pk, "1", 1);
  msgpack_pack_uint8(&h.pk, 1);
  msgpack_pack_uint8(&h.pk, PAR__WIRE_BYE);
  d = expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_TYPE);
  CHECK_EQ_INT(d.key, 0);
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 2);
  msgpack_pack_uint8(&h.pk, 0);
  msgpack_pack_int8(&h.pk, -1);
  msgpack_pack_uint8(&h.pk, 1);
  msgpack_pack_uint8(&h.pk, PAR__WIRE_BYE);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_TYPE);
  /* the version given as a wider integer is the same version */
  static const unsigned char wide[] = {0x82, 0x00, 0xcf, 0, 0, 0, 0, 0, 0, 0, 1, 0x01, 0xd0, 0x0a};
  expect(wide, sizeof wide, 0, PAR_OK, PAR__WIRE_E_NONE);
}

TEST(decode_type) {
  hdr_t h;
  static const uint64_t bad[] = {0, PAR__WIRE_TYPE__MAX + 1, 255, UINT64_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    hdr_begin(&h, 1, bad[i], 0);
    par__wire_diag_t d = expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_UNKNOWN_TYPE);
    CHECK_EQ_INT(d.key, 1);
  }
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 1);
  msgpack_pack_uint8(&h.pk, 0);
  msgpack_pack_uint8(&h.pk, 1);
  par__wire_diag_t d = expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_MISSING);
  CHECK_EQ_INT(d.key, 1);
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 2);
  msgpack_pack_uint8(&h.pk, 0);
  msgpack_pack_uint8(&h.pk, 1);
  msgpack_pack_uint8(&h.pk, 1);
  msgpack_pack_true(&h.pk);
  d = expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_TYPE);
  CHECK_EQ_INT(d.key, 1);
}

TEST(decode_keys) {
  hdr_t h;
  /* a key that is not an unsigned integer */
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  msgpack_pack_str_with_body(&h.pk, "x", 1);
  msgpack_pack_nil(&h.pk);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_TYPE);
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  msgpack_pack_int8(&h.pk, -3);
  msgpack_pack_nil(&h.pk);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_TYPE);
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  msgpack_pack_array(&h.pk, 0);
  msgpack_pack_nil(&h.pk);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_TYPE);
  /* a key given twice: known, unknown below 32, the type itself */
  hdr_begin(&h, 1, PAR__WIRE_HEARTBEAT, 2);
  hdr_key(&h, 2);
  msgpack_pack_uint8(&h.pk, 1);
  hdr_key(&h, 2);
  msgpack_pack_uint8(&h.pk, 2);
  par__wire_diag_t d = expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_DUPLICATE);
  CHECK_EQ_INT(d.key, 2);
  hdr_begin(&h, 1, PAR__WIRE_BYE, 2);
  hdr_key(&h, 31);
  msgpack_pack_nil(&h.pk);
  hdr_key(&h, 31);
  msgpack_pack_nil(&h.pk);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_DUPLICATE);
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 1);
  msgpack_pack_uint8(&h.pk, PAR__WIRE_BYE);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_DUPLICATE);
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 0);
  msgpack_pack_uint8(&h.pk, 1);
  expect_hdr(&h, 0, MALFORMED, PAR__WIRE_E_DUPLICATE);
  /* unknown keys, of any value, are skipped; above 31 even twice */
  hdr_begin(&h, 1, PAR__WIRE_HEARTBEAT, 6);
  hdr_key(&h, 2);
  msgpack_pack_uint8(&h.pk, 5);
  hdr_key(&h, 3);
  msgpack_pack_map(&h.pk, 1);
  msgpack_pack_str_with_body(&h.pk, "k", 1);
  msgpack_pack_double(&h.pk, 2.5);
  hdr_key(&h, 1000);
  msgpack_pack_ext_with_body(&h.pk, "abc", 3, 7);
  hdr_key(&h, 1000);
  msgpack_pack_nil(&h.pk);
  msgpack_pack_uint64(&h.pk, UINT64_MAX);
  msgpack_pack_bin_with_body(&h.pk, "\0\1", 2);
  hdr_key(&h, 30);
  msgpack_pack_int64(&h.pk, INT64_MIN);
  par__wire_msg_t out;
  CHECK_EQ_INT(par__wire_decode(h.sb.data, h.sb.size, 0, &out, NULL), PAR_OK);
  CHECK_EQ_INT(out.type, PAR__WIRE_HEARTBEAT);
  CHECK_EQ_INT(out.u.heartbeat.seq, 5);
  par__wire_msg_free(&out);
  msgpack_sbuffer_destroy(&h.sb);
  /* keys in any order */
  hdr_init(&h);
  msgpack_pack_map(&h.pk, 3);
  hdr_key(&h, 2);
  msgpack_pack_uint8(&h.pk, 9);
  hdr_key(&h, 1);
  msgpack_pack_uint8(&h.pk, PAR__WIRE_HEARTBEAT);
  hdr_key(&h, 0);
  msgpack_pack_uint8(&h.pk, 1);
  expect_hdr(&h, 0, PAR_OK, PAR__WIRE_E_NONE);
  check_no_leaks();
}

/* ---- what the decoder refuses: each type's fields ------------------------- */

/* The keys each type requires (docs/protocol.md); others are optional. */
static int required(uint32_t type, uint64_t key) {
  if (key <= 1) return 1;
  switch (type) {
  case PAR__WIRE_HELLO:
    return key <= 7;
  case PAR__WIRE_WELCOME:
    return key <= 4;
  case PAR__WIRE_DATA:
    return key <= 6;
  case PAR__WIRE_LOOP:
    return key <= 7;
  case PAR__WIRE_TASK:
    return key <= 4;
  case PAR__WIRE_RESULT:
    return key <= 5;
  case PAR__WIRE_ERROR:
    return key <= 5;
  case PAR__WIRE_CALL:
    return key <= 5;
  case PAR__WIRE_RETURN:
    return key <= 5;
  default:
    return 1;
  }
}

/* Re-packs the sample header of `type` with pair `skip` left out, or with
 * its value replaced by `with` (when not NULL). */
static void repack(uint32_t type, uint32_t skip, const msgpack_object *with, hdr_t *h) {
  par__wire_buf_t b;
  encode_sample(type, &b);
  msgpack_unpacked u;
  msgpack_unpacked_init(&u);
  size_t off = 0;
  CHECK(msgpack_unpack_next(&u, b.hdr, b.hdr_len, &off) == MSGPACK_UNPACK_SUCCESS);
  const msgpack_object_map *map = &u.data.via.map;
  hdr_init(h);
  msgpack_pack_map(&h->pk, with ? map->size : map->size - 1);
  for (uint32_t i = 0; i < map->size; i++) {
    if (i == skip && !with) continue;
    msgpack_pack_object(&h->pk, map->ptr[i].key);
    msgpack_pack_object(&h->pk, i == skip ? *with : map->ptr[i].val);
  }
  msgpack_unpacked_destroy(&u);
  par__wire_buf_cleanup(&b);
}

static uint32_t sample_pairs(uint32_t type, uint64_t *keys) {
  par__wire_buf_t b;
  encode_sample(type, &b);
  msgpack_unpacked u;
  msgpack_unpacked_init(&u);
  size_t off = 0;
  CHECK(msgpack_unpack_next(&u, b.hdr, b.hdr_len, &off) == MSGPACK_UNPACK_SUCCESS);
  uint32_t n = u.data.via.map.size;
  for (uint32_t i = 0; i < n; i++)
    keys[i] = u.data.via.map.ptr[i].key.via.u64;
  msgpack_unpacked_destroy(&u);
  par__wire_buf_cleanup(&b);
  return n;
}

TEST(decode_missing_keys) {
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    uint64_t keys[16];
    uint32_t n = sample_pairs(t, keys);
    for (uint32_t i = 0; i < n; i++) {
      hdr_t h;
      repack(t, i, NULL, &h);
      if (t == PAR__WIRE_RESULT && keys[i] == 6) { /* nblocks 0 with 72 bytes of partials */
        expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_VALUE);
        continue;
      }
      if (!required(t, keys[i])) {
        expect_hdr(&h, 100, PAR_OK, PAR__WIRE_E_NONE);
        continue;
      }
      par__wire_diag_t d = expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_MISSING);
      CHECK_EQ_INT(d.key, keys[i]);
      CHECK(strstr(d.text, "missing") != NULL);
    }
  }
  check_no_leaks();
}

TEST(decode_wrong_types) {
  msgpack_object nil = {.type = MSGPACK_OBJECT_NIL};
  msgpack_object flt = {.type = MSGPACK_OBJECT_FLOAT64, .via.f64 = 1.0};
  msgpack_object neg = {.type = MSGPACK_OBJECT_NEGATIVE_INTEGER, .via.i64 = -1};
  msgpack_object str = {.type = MSGPACK_OBJECT_STR, .via.str = {.size = 1, .ptr = "1"}};
  msgpack_object bin = {.type = MSGPACK_OBJECT_BIN, .via.bin = {.size = 1, .ptr = "1"}};
  msgpack_object arr = {.type = MSGPACK_OBJECT_ARRAY, .via.array = {.size = 0, .ptr = NULL}};
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    uint64_t keys[16];
    uint32_t n = sample_pairs(t, keys);
    for (uint32_t i = 0; i < n; i++) {
      hdr_t h;
      /* nil and float are never right; key 0 wrong gives TYPE as well */
      repack(t, i, &nil, &h);
      par__wire_diag_t d = expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
      CHECK_EQ_INT(d.key, keys[i]);
      repack(t, i, &flt, &h);
      expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
      /* a byte string is right only for build_id and the addresses */
      int is_bin = (t == PAR__WIRE_HELLO && (keys[i] == 6 || keys[i] == 7)) ||
                   (t == PAR__WIRE_WELCOME && keys[i] == 2);
      if (!is_bin) {
        repack(t, i, &bin, &h);
        expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
      } else {
        repack(t, i, &str, &h);
        expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
      }
    }
  }
  /* integers where a list or range is wanted, and the reverse */
  hdr_t h;
  par__wire_msg_t m;
  (void)m;
  repack(PAR__WIRE_LOOP, 7, &neg, &h); /* env */
  expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
  repack(PAR__WIRE_LOOP, 8, &str, &h); /* maps */
  expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
  repack(PAR__WIRE_HEARTBEAT, 2, &neg, &h); /* seq: unsigned only */
  expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
  repack(PAR__WIRE_HEARTBEAT, 2, &arr, &h);
  expect_hdr(&h, 100, MALFORMED, PAR__WIRE_E_TYPE);
  /* negative where signed is allowed is fine */
  repack(PAR__WIRE_LOOP, 5, &neg, &h); /* lb */
  expect_hdr(&h, 100, PAR_OK, PAR__WIRE_E_NONE);
  repack(PAR__WIRE_RESULT, 4, &neg, &h); /* status */
  expect_hdr(&h, 100, PAR_OK, PAR__WIRE_E_NONE);
  check_no_leaks();
}

/* A header with one field: {0: 1, 1: type, key: <packed by fn>} plus the
 * sample's other fields. */
typedef void (*packer_fn)(msgpack_packer *pk);
static par__wire_diag_t with_field(uint32_t type, uint64_t key, packer_fn fn, size_t payload_len,
                                   par_status_t status, par__wire_reason_t reason) {
  hdr_t tmp;
  hdr_init(&tmp);
  fn(&tmp.pk);
  msgpack_unpacked u;
  msgpack_unpacked_init(&u);
  size_t off = 0;
  CHECK(msgpack_unpack_next(&u, tmp.sb.data, tmp.sb.size, &off) == MSGPACK_UNPACK_SUCCESS);
  uint64_t keys[16];
  uint32_t n = sample_pairs(type, keys), at = n;
  for (uint32_t i = 0; i < n; i++)
    if (keys[i] == key) at = i;
  CHECK(at < n);
  hdr_t h;
  repack(type, at, &u.data, &h);
  par__wire_diag_t d = expect_hdr(&h, payload_len, status, reason);
  msgpack_unpacked_destroy(&u);
  msgpack_sbuffer_destroy(&tmp.sb);
  if (status != PAR_OK && reason != PAR__WIRE_E_RANGE && !(type == PAR__WIRE_RESULT && key == 6))
    CHECK_EQ_INT(d.key, key);
  return d;
}

static void p_u32max1(msgpack_packer *pk) {
  msgpack_pack_uint64(pk, (uint64_t)UINT32_MAX + 1);
}
static void p_zero(msgpack_packer *pk) {
  msgpack_pack_uint8(pk, 0);
}
static void p_i64max1(msgpack_packer *pk) {
  msgpack_pack_uint64(pk, (uint64_t)INT64_MAX + 1);
}
static void p_i32max1(msgpack_packer *pk) {
  msgpack_pack_uint64(pk, (uint64_t)INT32_MAX + 1);
}
static void p_i32min1(msgpack_packer *pk) {
  msgpack_pack_int64(pk, (int64_t)INT32_MIN - 1);
}
static void p_token33(msgpack_packer *pk) {
  msgpack_pack_str_with_body(pk, TOKEN "0", 33);
}
static void p_token_upper(msgpack_packer *pk) {
  msgpack_pack_str_with_body(pk, "0123456789ABCDEF0123456789abcdef", 32);
}
static void p_token_nul(msgpack_packer *pk) {
  msgpack_pack_str_with_body(pk,
                             "0123456789abcdef\0"
                             "123456789abcdef",
                             32);
}
static void p_host_nul(msgpack_packer *pk) {
  msgpack_pack_str_with_body(pk, "a\0b", 3);
}
static void p_host256(msgpack_packer *pk) {
  static char s[256];
  memset(s, 'h', sizeof s);
  msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void p_bin_empty(msgpack_packer *pk) {
  msgpack_pack_bin_with_body(pk, "", 0);
}
static void p_bin65(msgpack_packer *pk) {
  static char s[65];
  msgpack_pack_bin_with_body(pk, s, sizeof s);
}
static void p_bin4097(msgpack_packer *pk) {
  static char s[4097];
  msgpack_pack_bin_with_body(pk, s, sizeof s);
}
static void p_maps257(msgpack_packer *pk) {
  msgpack_pack_array(pk, 257);
  for (int i = 0; i < 257; i++) {
    msgpack_pack_array(pk, 8);
    msgpack_pack_uint16(pk, (uint16_t)i);
    for (int j = 0; j < 7; j++)
      msgpack_pack_uint8(pk, 1);
  }
}
static void p_map_short(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_array(pk, 7);
  for (int j = 0; j < 7; j++)
    msgpack_pack_uint8(pk, 0);
}
static void p_map_long(msgpack_packer *pk) { /* 2 extra fields, skipped */
  msgpack_pack_array(pk, 1);
  msgpack_pack_array(pk, 10);
  msgpack_pack_uint8(pk, 0);
  msgpack_pack_uint8(pk, 3);
  for (int j = 0; j < 8; j++)
    msgpack_pack_uint8(pk, 1);
}
static void p_map_notarray(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_uint8(pk, 0);
}
static void p_map_kind_str(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_array(pk, 8);
  msgpack_pack_uint8(pk, 0);
  msgpack_pack_str_with_body(pk, "to", 2);
  for (int j = 0; j < 6; j++)
    msgpack_pack_uint8(pk, 1);
}
static void p_lasts_neg(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_int8(pk, -8);
}
static void p_retire257(msgpack_packer *pk) {
  msgpack_pack_array(pk, PAR__WIRE_MAX_RETIRE + 1);
  for (uint32_t j = 0; j <= PAR__WIRE_MAX_RETIRE; j++)
    msgpack_pack_uint16(pk, (uint16_t)(j + 100));
}
static void p_retire_self(msgpack_packer *pk) { /* the sample LOOP is instance 7 */
  msgpack_pack_array(pk, 1);
  msgpack_pack_uint8(pk, 7);
}
static void p_blocks_odd(msgpack_packer *pk) {
  msgpack_pack_array(pk, 3);
  for (int j = 0; j < 3; j++)
    msgpack_pack_uint8(pk, (uint8_t)j);
}
static void p_blocks_empty(msgpack_packer *pk) {
  msgpack_pack_array(pk, 0);
}
static void p_blocks_4098(msgpack_packer *pk) {
  msgpack_pack_array(pk, 2 * PAR__WIRE_MAX_BLOCKS + 2);
  for (uint32_t j = 0; j < 2 * PAR__WIRE_MAX_BLOCKS + 2; j++)
    msgpack_pack_uint16(pk, (uint16_t)j);
}
static void p_blocks_max(msgpack_packer *pk) {
  msgpack_pack_array(pk, 2 * PAR__WIRE_MAX_BLOCKS);
  for (uint32_t j = 0; j < 2 * PAR__WIRE_MAX_BLOCKS; j++)
    msgpack_pack_uint16(pk, (uint16_t)j);
}
static void p_range_off_max(msgpack_packer *pk) { /* off + len wraps */
  msgpack_pack_array(pk, 2);
  msgpack_pack_uint64(pk, UINT64_MAX);
  msgpack_pack_uint8(pk, 2);
}
static void p_range_len_max(msgpack_packer *pk) {
  msgpack_pack_array(pk, 2);
  msgpack_pack_uint8(pk, 1);
  msgpack_pack_uint64(pk, UINT64_MAX);
}
static void p_range_past(msgpack_packer *pk) {
  msgpack_pack_array(pk, 2);
  msgpack_pack_uint8(pk, 50);
  msgpack_pack_uint8(pk, 51);
}
static void p_range_end(msgpack_packer *pk) {
  msgpack_pack_array(pk, 2);
  msgpack_pack_uint8(pk, 100);
  msgpack_pack_uint8(pk, 0);
}
static void p_range_end1(msgpack_packer *pk) {
  msgpack_pack_array(pk, 2);
  msgpack_pack_uint8(pk, 101);
  msgpack_pack_uint8(pk, 0);
}
static void p_range_short(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_uint8(pk, 0);
}
static void p_range_long(msgpack_packer *pk) {
  msgpack_pack_array(pk, 3);
  msgpack_pack_uint8(pk, 1);
  msgpack_pack_uint8(pk, 2);
  msgpack_pack_str_with_body(pk, "later", 5);
}
static void p_segs_past(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_array(pk, 5);
  msgpack_pack_uint8(pk, 0);
  msgpack_pack_int8(pk, -1);
  msgpack_pack_uint8(pk, 1);
  msgpack_pack_uint64(pk, UINT64_MAX - 3);
  msgpack_pack_uint8(pk, 8);
}
static void p_segs_map256(msgpack_packer *pk) {
  msgpack_pack_array(pk, 1);
  msgpack_pack_array(pk, 5);
  msgpack_pack_uint16(pk, 256);
  for (int j = 0; j < 4; j++)
    msgpack_pack_uint8(pk, 0);
}
static void p_segs_1025(msgpack_packer *pk) {
  msgpack_pack_array(pk, PAR__WIRE_MAX_SEGMENTS + 1);
  for (uint32_t i = 0; i <= PAR__WIRE_MAX_SEGMENTS; i++) {
    msgpack_pack_array(pk, 5);
    for (int j = 0; j < 5; j++)
      msgpack_pack_uint8(pk, 0);
  }
}
static void p_signal256(msgpack_packer *pk) {
  msgpack_pack_uint16(pk, 256);
}
static void p_str4097(msgpack_packer *pk) {
  static char s[4097];
  memset(s, 's', sizeof s);
  msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void p_threads_max(msgpack_packer *pk) {
  msgpack_pack_uint16(pk, PAR__WIRE_MAX_THREADS);
}
static void p_threads_max1(msgpack_packer *pk) {
  msgpack_pack_uint32(pk, PAR__WIRE_MAX_THREADS + 1);
}
static void p_neg1(msgpack_packer *pk) {
  msgpack_pack_int8(pk, -1);
}
static void p_u64max(msgpack_packer *pk) {
  msgpack_pack_uint64(pk, UINT64_MAX);
}
static void p_nblocks_bad(msgpack_packer *pk) {
  msgpack_pack_uint8(pk, 7);
} /* 72 bytes of partials */

TEST(decode_values) {
  const par_status_t OK = PAR_OK;
  const par__wire_reason_t NONE = PAR__WIRE_E_NONE, VALUE = PAR__WIRE_E_VALUE,
                           LIMIT = PAR__WIRE_E_LIMIT, TYPE = PAR__WIRE_E_TYPE,
                           RANGE = PAR__WIRE_E_RANGE;
  with_field(PAR__WIRE_HELLO, 3, p_u32max1, 100, MALFORMED, VALUE); /* rank */
  with_field(PAR__WIRE_HELLO, 3, p_zero, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 4, p_i32max1, 100, MALFORMED, VALUE); /* pid */
  with_field(PAR__WIRE_HELLO, 2, p_token33, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_HELLO, 2, p_token_upper, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 2, p_token_nul, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 5, p_host_nul, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 5, p_host256, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_HELLO, 6, p_bin_empty, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 6, p_bin65, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_HELLO, 7, p_bin4097, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_HELLO, 8, p_zero, 100, MALFORMED, VALUE); /* threads */
  with_field(PAR__WIRE_HELLO, 8, p_threads_max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 8, p_u32max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_HELLO, 8, p_neg1, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_HELLO, 8, p_threads_max, 100, OK, NONE);
  with_field(PAR__WIRE_WELCOME, 2, p_bin_empty, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_WELCOME, 3, p_zero, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_WELCOME, 4, p_u32max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_WELCOME, 4, p_zero, 100, OK, NONE);
  with_field(PAR__WIRE_REFUSE, 2, p_str4097, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_LOOP, 5, p_i64max1, 100, MALFORMED, VALUE); /* lb */
  with_field(PAR__WIRE_LOOP, 7, p_range_off_max, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_LOOP, 7, p_range_len_max, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_LOOP, 7, p_range_past, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_LOOP, 7, p_range_end, 100, OK, NONE);
  with_field(PAR__WIRE_LOOP, 7, p_range_end1, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_LOOP, 7, p_range_short, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_LOOP, 7, p_range_long, 100, OK, NONE);
  with_field(PAR__WIRE_LOOP, 8, p_maps257, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_LOOP, 8, p_map_short, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_LOOP, 8, p_map_long, 100, OK, NONE);
  with_field(PAR__WIRE_LOOP, 8, p_map_notarray, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_LOOP, 8, p_map_kind_str, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_LOOP, 10, p_lasts_neg, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_LOOP, 11, p_lasts_neg, 100, MALFORMED, TYPE);
  with_field(PAR__WIRE_LOOP, 11, p_retire257, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_LOOP, 11, p_retire_self, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_LOOP, 11, p_blocks_empty, 100, OK, NONE);
  with_field(PAR__WIRE_DATA, 3, p_u32max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_DATA, 4, p_i64max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_DATA, 6, p_range_past, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_DATA, 7, p_neg1, 100, MALFORMED, TYPE); /* task */
  with_field(PAR__WIRE_DATA, 7, p_u64max, 100, OK, NONE);
  with_field(PAR__WIRE_DATA, 7, p_zero, 100, OK, NONE);
  with_field(PAR__WIRE_TASK, 3, p_zero, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_TASK, 4, p_blocks_odd, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_TASK, 4, p_blocks_empty, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_TASK, 4, p_blocks_4098, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_TASK, 4, p_blocks_max, 100, OK, NONE);
  with_field(PAR__WIRE_TASK, 5, p_segs_past, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_TASK, 5, p_segs_map256, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_TASK, 5, p_segs_1025, 100, MALFORMED, LIMIT);
  with_field(PAR__WIRE_TASK, 5, p_blocks_empty, 100, OK, NONE);
  with_field(PAR__WIRE_RESULT, 4, p_i32max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_RESULT, 4, p_i32min1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_RESULT, 6, p_nblocks_bad, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_RESULT, 6, p_u32max1, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_RESULT, 8, p_range_end1, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_RESULT, 9, p_segs_past, 100, MALFORMED, RANGE);
  with_field(PAR__WIRE_ERROR, 4, p_signal256, 100, MALFORMED, VALUE);
  with_field(PAR__WIRE_ERROR, 5, p_str4097, 100, MALFORMED, LIMIT);
  /* the same header against a smaller payload */
  with_field(PAR__WIRE_LOOP, 7, p_range_end, 99, MALFORMED, RANGE);
  check_no_leaks();
}

/* Optional keys of HELLO and DATA absent: threads 1, gpus 0, task 0 (a
 * version 1 peer that predates them is understood). */
TEST(decode_defaults) {
  hdr_t h;
  uint64_t keys[16];
  uint32_t n = sample_pairs(PAR__WIRE_HELLO, keys);
  CHECK_EQ_INT(keys[n - 2], 8);
  CHECK_EQ_INT(keys[n - 1], 9);
  repack(PAR__WIRE_HELLO, n - 2, NULL, &h); /* without threads */
  par__wire_msg_t m;
  CHECK_EQ_INT(par__wire_decode(h.sb.data, h.sb.size, 0, &m, NULL), PAR_OK);
  CHECK_EQ_INT(m.u.hello.threads, 1);
  CHECK_EQ_INT(m.u.hello.gpus, 2);
  CHECK_EQ_INT(m.u.hello.rank, 3);
  par__wire_msg_free(&m);
  msgpack_sbuffer_destroy(&h.sb);
  repack(PAR__WIRE_HELLO, n - 1, NULL, &h); /* without gpus */
  CHECK_EQ_INT(par__wire_decode(h.sb.data, h.sb.size, 0, &m, NULL), PAR_OK);
  CHECK_EQ_INT(m.u.hello.threads, 8);
  CHECK_EQ_INT(m.u.hello.gpus, 0);
  par__wire_msg_free(&m);
  msgpack_sbuffer_destroy(&h.sb);
  /* and with them: the sample's 8 and 2 */
  par__wire_buf_t b;
  encode_sample(PAR__WIRE_HELLO, &b);
  CHECK_EQ_INT(par__wire_decode(b.hdr, b.hdr_len, 0, &m, NULL), PAR_OK);
  CHECK_EQ_INT(m.u.hello.threads, 8);
  CHECK_EQ_INT(m.u.hello.gpus, 2);
  par__wire_msg_free(&m);
  par__wire_buf_cleanup(&b);

  n = sample_pairs(PAR__WIRE_DATA, keys);
  CHECK_EQ_INT(keys[n - 1], 7);
  /* a worker's DATA, then the same without key 7 */
  par__wire_range_t r;
  par__wire_buf_init(&b);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 100, &r), PAR_OK);
  par__wire_data_t back = {
      .instance = 7, .seg = {.map = 1, .count = 10, .bytes = {0, 80}}, .task = 42};
  CHECK_EQ_INT(par__wire_encode_data(&b, &back), PAR_OK);
  CHECK_EQ_INT(par__wire_decode(b.hdr, b.hdr_len, 100, &m, NULL), PAR_OK);
  CHECK_EQ_INT(m.type, PAR__WIRE_DATA);
  CHECK_EQ_INT(m.u.data.task, 42);
  par__wire_msg_free(&m);
  par__wire_buf_cleanup(&b);
  repack(PAR__WIRE_DATA, n - 1, NULL, &h);
  CHECK_EQ_INT(par__wire_decode(h.sb.data, h.sb.size, 100, &m, NULL), PAR_OK);
  CHECK_EQ_INT(m.u.data.task, 0);
  CHECK_EQ_INT(m.u.data.seg.count, 10);
  par__wire_msg_free(&m);
  msgpack_sbuffer_destroy(&h.sb);
  check_no_leaks();
}

/* Byte strings and strings are copies: the header may go at once. */
TEST(decode_owns_copies) {
  par__wire_buf_t b;
  encode_sample(PAR__WIRE_HELLO, &b);
  char *copy = malloc(b.hdr_len);
  memcpy(copy, b.hdr, b.hdr_len);
  par__wire_msg_t m;
  CHECK_EQ_INT(par__wire_decode(copy, b.hdr_len, 0, &m, NULL), PAR_OK);
  memset(copy, 0, b.hdr_len);
  free(copy);
  CHECK_STREQ(m.u.hello.token, TOKEN);
  CHECK_STREQ(m.u.hello.host, "node-b");
  CHECK(m.u.hello.build_id_len == sizeof build_id &&
        memcmp(m.u.hello.build_id, build_id, sizeof build_id) == 0);
  CHECK(memcmp(m.u.hello.address, ucp_addr, sizeof ucp_addr) == 0);
  par__wire_msg_free(&m);
  par__wire_msg_free(&m); /* zeroed: harmless */
  par__wire_msg_free(NULL);
  par__wire_buf_cleanup(&b);
  check_no_leaks();
}

/* ---- checks between messages ---------------------------------------------- */

/* Masked segments (a whole array's scattered changes): in RESULT segments
 * and DATA only; the checks of a span, of the mask's length and of its bits
 * against the bytes; scatter and gather. */
TEST(masked_segments) {
  par__wire_segment_t seg = {
      .map = 1, .first = 3, .count = 20, .bytes = {0, 5 * 8}, .mask = {40, 3}};
  par__wire_msg_t m = {.type = PAR__WIRE_RESULT};
  m.u.result = (par__wire_result_t){.instance = 7, .task = 1, .nsegments = 1, .segments = &seg};
  roundtrip(&m, 43);
  m = (par__wire_msg_t){.type = PAR__WIRE_DATA};
  m.u.data = (par__wire_data_t){.instance = 7, .seg = seg, .task = 2};
  roundtrip(&m, 43);
  m.u.data.task = 0; /* the driver's, after a loss */
  roundtrip(&m, 43);

  /* the mask past the payload; a mask in a TASK's segments */
  par__wire_buf_t b;
  par__wire_msg_t out;
  par__wire_diag_t d;
  m = (par__wire_msg_t){.type = PAR__WIRE_RESULT};
  m.u.result = (par__wire_result_t){.instance = 7, .task = 1, .nsegments = 1, .segments = &seg};
  par__wire_range_t r;
  par__wire_buf_init(&b);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 43, &r), PAR_OK);
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_OK);
  CHECK_EQ_INT(par__wire_decode(b.hdr, b.hdr_len, 42, &out, &d), MALFORMED);
  CHECK(strstr(d.text, "mask") != NULL);
  par__wire_buf_cleanup(&b);
  par__wire_block_t blk = {0, 1};
  m = (par__wire_msg_t){.type = PAR__WIRE_TASK};
  m.u.task = (par__wire_task_t){
      .instance = 7, .task = 1, .nblocks = 1, .blocks = &blk, .nsegments = 1, .segments = &seg};
  par__wire_buf_init(&b); /* refused when encoded, as when decoded: the same check */
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 43, &r), PAR_OK);
  CHECK(par__wire_encode(&b, &m) != PAR_OK);
  CHECK(strstr(b.diag.text, "allowed only in RESULT segments and DATA") != NULL);
  par__wire_buf_cleanup(&b);

  /* against the loop: map 1 is FROM [0,1000) x 8 */
  par__wire_msg_t lm = sample(PAR__WIRE_LOOP);
  const par__wire_loop_t *loop = &lm.u.loop;
  par__wire_data_t back = {.instance = 7, .seg = seg, .task = 1};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), PAR_OK);
  back.seg.mask.len = 2; /* 20 elements need 3 bytes */
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED);
  CHECK(strstr(d.text, "a mask of 2 bytes for 20 elements") != NULL);
  back.seg.mask.len = 3;
  back.seg.bytes.len = 21 * 8; /* more than the span */
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED);
  back.seg.bytes.len = 5 * 8 + 1; /* not whole elements */
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED);
  CHECK(strstr(d.text, "masked segment of map 1") != NULL);
  back.seg.bytes.len = 5 * 8;

  /* the bits: 5 set of 20, none past them */
  char pl[43] = {0};
  unsigned char *mask = (unsigned char *)pl + 40;
  mask[0] = 0x81;  /* elements 0 and 7 */
  mask[1] = 0x06;  /* 9 and 10 */
  mask[2] = 0x08;  /* 19 */
  for (int i = 0; i < 5; i++) memset(pl + 8 * i, 'a' + i, 8);
  CHECK_EQ_INT(par__wire_check_mask(&back.seg, 8, pl, &d), PAR_OK);
  mask[2] = 0x18; /* element 20: past count */
  CHECK_EQ_INT(par__wire_check_mask(&back.seg, 8, pl, &d), MALFORMED);
  CHECK(strstr(d.text, "bits past its 20 elements") != NULL);
  mask[2] = 0x00; /* 4 set, 5 elements of bytes */
  CHECK_EQ_INT(par__wire_check_mask(&back.seg, 8, pl, &d), MALFORMED);
  CHECK(strstr(d.text, "its mask has 4 elements, its bytes 5") != NULL);
  mask[2] = 0x08;
  par__wire_segment_t plain = {.map = 1, .count = 2, .bytes = {0, 16}};
  CHECK_EQ_INT(par__wire_check_mask(&plain, 8, pl, &d), PAR_OK);

  /* scatter and gather */
  char arr[20 * 8], packed[5 * 8];
  memset(arr, '.', sizeof arr);
  CHECK_EQ_INT((int)par__wire_mask_scatter(arr, mask, 20, 8, pl), 40);
  const int at[5] = {0, 7, 9, 10, 19};
  for (int i = 0, k = 0; i < 20; i++) {
    char want = k < 5 && at[k] == i ? (char)('a' + k++) : '.';
    CHECK(arr[8 * i] == want && arr[8 * i + 7] == want);
  }
  CHECK_EQ_INT((int)par__wire_mask_gather(packed, mask, 20, 8, arr), 40);
  CHECK(memcmp(packed, pl, 40) == 0);
  unsigned char none[3] = {0};
  CHECK_EQ_INT((int)par__wire_mask_gather(packed, none, 20, 8, arr), 0);
  /* no mask: every element (a plain segment) */
  char all[3 * 8];
  CHECK_EQ_INT((int)par__wire_mask_gather(all, NULL, 3, 8, arr + 7 * 8), 24);
  CHECK(memcmp(all, arr + 7 * 8, 24) == 0);
  memset(all, 'z', sizeof all);
  CHECK_EQ_INT((int)par__wire_mask_scatter(arr, NULL, 3, 8, all), 24);
  CHECK(arr[0] == 'z' && arr[23] == 'z' && arr[24] == '.');
  CHECK(par__wire_seg_mask(&plain, pl) == NULL);
  CHECK(par__wire_seg_mask(&back.seg, pl) == mask);

  /* longer masks (the word and byte steps): zero words, full bytes, runs
   * across them, a last partial byte; against a bit-by-bit reference */
  enum { NB = 1001 };
  static unsigned char lm2[(NB + 7) / 8];
  static int32_t src[NB], got[NB], want[NB], pk[NB];
  uint64_t seed = 12345;
  for (int round = 0; round < 50; round++) {
    memset(lm2, 0, sizeof lm2);
    for (int k = 0; k < NB;) { /* runs of random length, gaps of random length */
      seed = seed * 6364136223846793005u + 1442695040888963407u;
      int gap = (int)(seed >> 33) % (round % 3 == 0 ? 200 : 9), run = (int)(seed >> 45) % 70;
      for (k += gap; run-- > 0 && k < NB; k++) lm2[k / 8] |= (unsigned char)(1u << (k % 8));
    }
    int n = 0;
    for (int k = 0; k < NB; k++) {
      src[k] = k * 7 + round;
      got[k] = want[k] = -1;
      if ((lm2[k / 8] >> (k % 8)) & 1) pk[n] = src[k], want[k] = src[k], n++;
    }
    int32_t packed2[NB];
    CHECK_EQ_INT((int)par__wire_mask_gather(packed2, lm2, NB, 4, src), 4 * n);
    CHECK(memcmp(packed2, pk, 4 * (size_t)n) == 0);
    CHECK_EQ_INT((int)par__wire_mask_scatter(got, lm2, NB, 4, pk), 4 * n);
    CHECK(memcmp(got, want, sizeof got) == 0);
  }
  memset(lm2, 0xff, sizeof lm2);
  lm2[sizeof lm2 - 1] = 0x01; /* 1001 = 125 * 8 + 1 */
  CHECK_EQ_INT((int)par__wire_mask_gather(pk, lm2, NB, 4, src), 4 * NB);
  CHECK(memcmp(pk, src, sizeof src) == 0);
  check_no_leaks();
}

TEST(check_between_messages) {
  par__wire_msg_t lm = sample(PAR__WIRE_LOOP), tm = sample(PAR__WIRE_TASK),
                  rm = sample(PAR__WIRE_RESULT), dm = sample(PAR__WIRE_DATA);
  const par__wire_loop_t *loop = &lm.u.loop;
  par__wire_diag_t d;
  /* maps: 0 TO [0,1000)x8, 1 FROM [0,1000)x8, 2 TOFROM [-5,5)x24; niters 50;
   * reds 1x8 + 4x4 = 24 bytes per block; lasts 8 bytes */
  CHECK_EQ_INT(par__wire_check_task(loop, &tm.u.task, &d), PAR_OK);
  rm.u.result.segments = &sample_segs[1]; /* map 2, TOFROM */
  rm.u.result.partials.len = 72;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &rm.u.result, false, &d), PAR_OK);
  /* the driver sends the data of from items too (the worker finds what a
   * chunk wrote by comparing with it), but never of alloc ones */
  CHECK_EQ_INT(par__wire_check_data(loop, &dm.u.data, &d), PAR_OK); /* map 1, FROM */
  par__wire_map_t amaps[3];
  memcpy(amaps, sample_maps, sizeof amaps);
  amaps[1].kind = 0; /* ALLOC */
  par__wire_loop_t aloop = *loop;
  aloop.maps = amaps;
  CHECK_EQ_INT(par__wire_check_data(&aloop, &dm.u.data, &d), MALFORMED);
  CHECK(strstr(d.text, "not copied in (kind 0)") != NULL);
  dm.u.data.seg.map = 0;
  CHECK_EQ_INT(par__wire_check_data(loop, &dm.u.data, &d), PAR_OK);
  dm.u.data.instance = 8;
  CHECK_EQ_INT(par__wire_check_data(loop, &dm.u.data, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 2);
  /* a driver's DATA names no task */
  dm = sample(PAR__WIRE_DATA);
  dm.u.data.seg.map = 0;
  dm.u.data.task = 1;
  CHECK_EQ_INT(par__wire_check_data(loop, &dm.u.data, &d), MALFORMED);
  CHECK_EQ_INT(d.type, PAR__WIRE_DATA);
  CHECK_EQ_INT(d.key, 7);

  /* a worker's DATA: a task's output of a map copied out */
  par__wire_data_t back = {
      .instance = 7, .seg = {.map = 1, .first = 990, .count = 10, .bytes = {0, 80}}, .task = 1};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), PAR_OK);
  back.seg = (par__wire_segment_t){.map = 2, .first = -5, .count = 10, .bytes = {0, 240}};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, NULL), PAR_OK); /* TOFROM */
  back.task = UINT64_MAX;
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, NULL), PAR_OK);
  back.task = 0; /* names no task */
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 7);
  CHECK(strstr(d.text, "data task") != NULL);
  back.task = 1;
  back.instance = 6; /* another instance */
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 2);
  back.instance = 7;
  back.seg = (par__wire_segment_t){.map = 0, .first = 0, .count = 1, .bytes = {0, 8}};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED); /* map 0 is TO only */
  CHECK(strstr(d.text, "not copied out") != NULL);
  back.seg = (par__wire_segment_t){.map = 1, .first = 995, .count = 10, .bytes = {0, 80}};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED); /* past the map's end */
  back.seg = (par__wire_segment_t){.map = 1, .first = 0, .count = 10, .bytes = {0, 79}};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED); /* 10 x 8 bytes */
  back.seg = (par__wire_segment_t){.map = 3, .first = 0, .count = 0};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, &d), MALFORMED); /* 3 maps */
  /* and the driver's check refuses it (it names a task); an ALLOC map never comes back */
  back.seg = (par__wire_segment_t){.map = 2, .first = -5, .count = 1, .bytes = {0, 24}};
  CHECK_EQ_INT(par__wire_check_data_back(loop, &back, NULL), PAR_OK);
  CHECK_EQ_INT(par__wire_check_data(loop, &back, NULL), MALFORMED);
  back.seg = (par__wire_segment_t){.map = 1, .first = 0, .count = 1, .bytes = {0, 8}};
  CHECK_EQ_INT(par__wire_check_data_back(&aloop, &back, &d), MALFORMED);
  CHECK(strstr(d.text, "not copied out (kind 0)") != NULL);

  par__wire_segment_t s = {.map = 2, .first = -5, .count = 10, .bytes = {0, 240}};
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, &d), PAR_OK);
  s.count = 11, s.bytes.len = 264;
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, NULL), MALFORMED);
  s = (par__wire_segment_t){.map = 2, .first = -6, .count = 1, .bytes = {0, 24}};
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, NULL), MALFORMED);
  s = (par__wire_segment_t){.map = 2, .first = 0, .count = 1, .bytes = {0, 23}};
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, NULL), MALFORMED);
  s = (par__wire_segment_t){.map = 3, .first = 0, .count = 0};
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, NULL), MALFORMED);
  s = (par__wire_segment_t){.map = 0, .first = INT64_MAX, .count = UINT64_MAX, .bytes = {0, 0}};
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, NULL), MALFORMED);
  s = (par__wire_segment_t){.map = 0, .first = 0, .count = UINT64_MAX / 4, .bytes = {0, 0}};
  CHECK_EQ_INT(par__wire_check_segment(loop, &s, NULL), MALFORMED);

  /* a task past the loop's end; of another instance; a slice of an ALLOC map */
  par__wire_block_t past[1] = {{40, 51}};
  par__wire_task_t t = tm.u.task;
  t.blocks = past;
  t.nblocks = 1;
  CHECK_EQ_INT(par__wire_check_task(loop, &t, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 4);
  t = tm.u.task;
  t.instance = 6;
  CHECK_EQ_INT(par__wire_check_task(loop, &t, NULL), MALFORMED);
  t = tm.u.task;
  par__wire_segment_t from = {.map = 1, .first = 0, .count = 1, .bytes = {0, 8}};
  t.segments = &from;
  t.nsegments = 1;
  CHECK_EQ_INT(par__wire_check_task(loop, &t, NULL), PAR_OK); /* FROM: sent for comparing */
  CHECK_EQ_INT(par__wire_check_task(&aloop, &t, &d), MALFORMED);
  CHECK(strstr(d.text, "not copied in") != NULL);

  /* results */
  par__wire_result_t r = rm.u.result;
  r.task = 2;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, NULL), MALFORMED);
  r = rm.u.result;
  r.nblocks = 2;
  r.partials.len = 48;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 6);
  r = rm.u.result;
  r.partials.len = 69;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), MALFORMED);
  r = rm.u.result;
  r.has_last = false; /* the task ends at niters: last is owed */
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 8);
  r = rm.u.result;
  r.last.len = 4;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), MALFORMED);
  r = rm.u.result;
  r.segments = &from; /* FROM: fine for a result */
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), PAR_OK);
  r.segments = &sample_segs[0]; /* map 0 is TO only */
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), MALFORMED);
  CHECK(strstr(d.text, "not copied out") != NULL);
  /* a failed run carries nothing that is checked */
  r = rm.u.result;
  r.status = PAR_ERR_NO_MEMORY;
  r.nblocks = 0;
  r.has_last = false;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), PAR_OK);
  /* a task not at the end owes no last; a loop without reductions no partials */
  par__wire_block_t early[1] = {{0, 10}};
  t = tm.u.task;
  t.blocks = early;
  t.nblocks = 1;
  r = rm.u.result;
  r.nblocks = 1;
  r.partials.len = 24;
  r.has_last = false;
  CHECK_EQ_INT(par__wire_check_result(loop, &t, &r, false, &d), PAR_OK);
  /* combined partials (exact reductions): one block's bytes for the task's
   * blocks, only where the loop allows it */
  r = rm.u.result;
  r.combined = true;
  r.partials.len = 24; /* the sample task's 3 blocks, combined */
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, true, &d), PAR_OK);
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, false, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 10);
  CHECK(strstr(d.text, "not exact") != NULL);
  r.partials.len = 72; /* three blocks' worth, but marked combined */
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, true, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 7);
  r.combined = false;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, true, &d), PAR_OK);
  r.nblocks = 2; /* nblocks must still be the task's */
  r.partials.len = 24;
  r.combined = true;
  CHECK_EQ_INT(par__wire_check_result(loop, &tm.u.task, &r, true, &d), MALFORMED);
  CHECK_EQ_INT(d.key, 6);
  r = rm.u.result;
  r.nblocks = 1;
  r.partials.len = 24;
  r.has_last = false;
  par__wire_loop_t l2 = *loop;
  l2.nreds = 0;
  CHECK_EQ_INT(par__wire_check_result(&l2, &t, &r, false, &d), MALFORMED);
  r.nblocks = 0;
  r.partials.len = 0;
  CHECK_EQ_INT(par__wire_check_result(&l2, &t, &r, false, &d), PAR_OK);
}

/* ---- robustness ------------------------------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

/* Decodes p[0, n) over payload_len; on success the message re-encodes and
 * decodes to the same bytes; on failure the output is empty. */
static int decode_one(const unsigned char *p, size_t n, size_t payload_len) {
  par__wire_msg_t m;
  par__wire_diag_t d;
  par_status_t st = par__wire_decode(p, n, payload_len, &m, &d);
  if (st != PAR_OK) {
    CHECK(st == MALFORMED || st == PAR__WIRE_ERR_VERSION || st == PAR_ERR_NO_MEMORY);
    CHECK(d.reason != PAR__WIRE_E_NONE && d.reason < PAR__WIRE_E__COUNT);
    CHECK((st == PAR__WIRE_ERR_VERSION) == (d.reason == PAR__WIRE_E_VERSION));
    CHECK(memchr(d.text, '\0', sizeof d.text) != NULL && d.text[0] != '\0');
    CHECK(m.type == 0 && m.mem_ == NULL);
    return 0;
  }
  CHECK(m.type >= 1 && m.type <= PAR__WIRE_TYPE__MAX);
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  par__wire_range_t r;
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, payload_len, &r), PAR_OK);
  st = par__wire_encode(&b, &m);
  if (st != PAR_OK) fprintf(stderr, "re-encode: %s\n", b.diag.text);
  CHECK_EQ_INT(st, PAR_OK);
  par__wire_msg_t m2;
  CHECK_EQ_INT(par__wire_decode(b.hdr, b.hdr_len, payload_len, &m2, NULL), PAR_OK);
  CHECK(msg_eq(&m, &m2));
  par__wire_msg_free(&m2);
  par__wire_msg_free(&m);
  par__wire_buf_cleanup(&b);
  return 1;
}

TEST(robustness_200k) {
  enum { N = 200000 };
  par__wire_buf_t seeds[PAR__WIRE_TYPE__MAX];
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++)
    encode_sample(t, &seeds[t - 1]);
  static unsigned char buf[4096];
  int decoded = 0;
  for (int i = 0; i < N; i++) {
    size_t n;
    uint64_t how = rnd() % 8;
    if (how == 0) { /* random bytes, often starting like a header */
      n = rnd() % 64;
      for (size_t k = 0; k < n; k++)
        buf[k] = (unsigned char)rnd();
      if (n > 4 && rnd() % 2) memcpy(buf, "\x83\x00\x01\x01", 4);
    } else { /* a valid header with 1..8 mutations */
      const par__wire_buf_t *s = &seeds[rnd() % PAR__WIRE_TYPE__MAX];
      n = s->hdr_len;
      memcpy(buf, s->hdr, n);
      int nmut = 1 + (int)(rnd() % 8);
      for (int k = 0; k < nmut; k++) {
        uint64_t op = rnd() % 6;
        size_t at = n ? rnd() % n : 0;
        static const unsigned char interesting[] = {0x00, 0x01, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
                                                    0xc0, 0xc1, 0xc4, 0xcc, 0xcf, 0xd0, 0xd3, 0xd9,
                                                    0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff};
        if (op == 0 && n)
          buf[at] = (unsigned char)rnd();
        else if (op == 1 && n)
          buf[at] = interesting[rnd() % sizeof interesting];
        else if (op == 2 && n)
          buf[at] ^= (unsigned char)(1u << (rnd() % 8));
        else if (op == 3 && n)
          n = at;                                 /* truncate */
        else if (op == 4 && n + 1 < sizeof buf) { /* insert */
          memmove(buf + at + 1, buf + at, n - at);
          buf[at] = interesting[rnd() % sizeof interesting];
          n++;
        } else if (op == 5 && n) { /* delete */
          memmove(buf + at, buf + at + 1, n - at - 1);
          n--;
        }
      }
    }
    /* an exact-size copy so that ASan catches a read past the end */
    unsigned char *p = malloc(n ? n : 1);
    CHECK(p);
    memcpy(p, buf, n);
    size_t payload_len = rnd() % 4 == 0 ? rnd() % sizeof payload : 100;
    decoded += decode_one(p, n, payload_len);
    free(p);
  }
  for (uint32_t t = 0; t < PAR__WIRE_TYPE__MAX; t++)
    par__wire_buf_cleanup(&seeds[t]);
  printf("robustness: %d of %d inputs decoded\n", decoded, N);
  CHECK(decoded > 0);
  check_no_leaks();
}

/* ---- the fuzzer's seed corpus --------------------------------------------- */

/* A seed is 8 bytes of payload length (little-endian) then the header: the
 * input format of test/fuzz/fuzz_wire.c. */
static void write_seed(const char *dir, const char *name, uint64_t payload_len, const void *hdr,
                       size_t len) {
  /* each seed is what its name says */
  par__wire_msg_t m;
  par__wire_diag_t d;
  par_status_t st = par__wire_decode(hdr, len, payload_len, &m, &d);
  if (strncmp(name, "ok-", 3) == 0) CHECK_EQ_INT(st, PAR_OK);
  if (strncmp(name, "bad-", 4) == 0) CHECK(st != PAR_OK);
  printf("seed %-16s %s%s%s\n", name, par__wire_reason_name(d.reason), st ? ": " : "",
         st ? d.text : "");
  par__wire_msg_free(&m);
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  CHECK(f);
  unsigned char le[8];
  for (int i = 0; i < 8; i++)
    le[i] = (unsigned char)(payload_len >> (8 * i));
  CHECK(fwrite(le, 1, 8, f) == 8);
  CHECK(fwrite(hdr, 1, len, f) == len);
  CHECK(fclose(f) == 0);
}

TEST(write_seeds) {
  const char *dir = getenv("PAR_WIRE_SEED_DIR");
  if (!dir) return;
  if (mkdir(dir, 0777) != 0) CHECK(errno == EEXIST);
  for (uint32_t t = 1; t <= PAR__WIRE_TYPE__MAX; t++) {
    par__wire_buf_t b;
    encode_sample(t, &b);
    char name[64], *q = name;
    q += snprintf(name, sizeof name, "ok-");
    for (const char *s = par__wire_type_name(t); *s; s++)
      *q++ = (char)(*s - 'A' + 'a');
    *q = '\0';
    write_seed(dir, name, 100, b.hdr, b.hdr_len);
    par__wire_buf_cleanup(&b);
  }
  static const unsigned char c1[] = {0x83, 0x00, 0x01, 0x01, 0x09, 0x02, 0xc1};
  write_seed(dir, "bad-c1", 0, c1, sizeof c1);
  static const unsigned char huge[] = {0x83, 0x00, 0x01, 0x01, 0x0a, 0x14,
                                       0xdd, 0xff, 0xff, 0xff, 0xff, 0x01};
  write_seed(dir, "bad-huge-array", 0, huge, sizeof huge);
  static const unsigned char hugestr[] = {0x81, 0x14, 0xdb, 0xff, 0xff, 0xff, 0xff, 'a'};
  write_seed(dir, "bad-huge-str", 0, hugestr, sizeof hugestr);
  static const unsigned char v2[] = {0x82, 0x00, 0x02, 0x01, 0x01};
  write_seed(dir, "bad-version", 0, v2, sizeof v2);
  static const unsigned char trailing[] = {0x82, 0x00, 0x01, 0x01, 0x0a, 0x00};
  write_seed(dir, "bad-trailing", 0, trailing, sizeof trailing);
  static const unsigned char dup[] = {0x84, 0x00, 0x01, 0x01, 0x09, 0x02, 0x01, 0x02, 0x02};
  write_seed(dir, "bad-duplicate", 0, dup, sizeof dup);
  /* a TASK whose segment range wraps: off = 2^64 - 1, len = 2 */
  static const unsigned char wrap[] = {0x86, 0x00, 0x01, 0x01, 0x06, 0x02, 0x01, 0x03, 0x01, 0x04,
                                       0x92, 0x00, 0x01, 0x05, 0x91, 0x95, 0x00, 0x00, 0x01, 0xcf,
                                       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  write_seed(dir, "bad-range-wrap", 100, wrap, sizeof wrap);
  /* a LOOP missing its env */
  static const unsigned char noenv[] = {0x87, 0x00, 0x01, 0x01, 0x04, 0x02, 0x01, 0x03,
                                        0x02, 0x04, 0x0a, 0x05, 0x00, 0x06, 0x01};
  write_seed(dir, "bad-missing-env", 0, noenv, sizeof noenv);
  hdr_t h;
  hdr_begin(&h, 1, PAR__WIRE_BYE, 1);
  hdr_key(&h, 25);
  pack_nested(&h, PAR__WIRE_MAX_DEPTH + 1);
  write_seed(dir, "bad-depth", 0, h.sb.data, h.sb.size);
  msgpack_sbuffer_destroy(&h.sb);
  hdr_begin(&h, 1, PAR__WIRE_HEARTBEAT, 2);
  hdr_key(&h, 2);
  msgpack_pack_uint8(&h.pk, 3);
  hdr_key(&h, 40);
  msgpack_pack_ext_with_body(&h.pk, "xyz", 3, 1);
  write_seed(dir, "ok-unknown-key", 0, h.sb.data, h.sb.size);
  msgpack_sbuffer_destroy(&h.sb);
  /* HELLO with its threads (the sample's ok-hello has 8) at the limit, and
   * without (the default, 1) */
  par__wire_msg_t m = sample(PAR__WIRE_HELLO);
  m.u.hello.threads = PAR__WIRE_MAX_THREADS;
  par__wire_buf_t b;
  par__wire_buf_init(&b);
  CHECK_EQ_INT(par__wire_encode(&b, &m), PAR_OK);
  write_seed(dir, "ok-hello-threads", 0, b.hdr, b.hdr_len);
  uint64_t keys[16];
  uint32_t n = sample_pairs(PAR__WIRE_HELLO, keys);
  repack(PAR__WIRE_HELLO, n - 1, NULL, &h);
  write_seed(dir, "ok-hello-no-threads", 0, h.sb.data, h.sb.size);
  msgpack_sbuffer_destroy(&h.sb);
  /* a worker's DATA: task 5's output of map 1 */
  par__wire_buf_reset(&b);
  par__wire_range_t r;
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 80, &r), PAR_OK);
  par__wire_data_t back = {.instance = 1, .seg = {.map = 1, .count = 80, .bytes = r}, .task = 5};
  CHECK_EQ_INT(par__wire_encode_data(&b, &back), PAR_OK);
  write_seed(dir, "ok-data-back", 80, b.hdr, b.hdr_len);
  /* masked segments: a worker's DATA and a RESULT's (values, then mask) */
  par__wire_buf_reset(&b);
  par__wire_range_t vals, mask;
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 40, &vals), PAR_OK);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 3, &mask), PAR_OK);
  back.seg = (par__wire_segment_t){.map = 1, .first = 3, .count = 20, .bytes = vals, .mask = mask};
  CHECK_EQ_INT(par__wire_encode_data(&b, &back), PAR_OK);
  write_seed(dir, "ok-data-masked", 43, b.hdr, b.hdr_len);
  par__wire_buf_reset(&b);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 40, &vals), PAR_OK);
  CHECK_EQ_INT(par__wire_buf_add(&b, payload, 3, &mask), PAR_OK);
  par__wire_result_t res = {.instance = 1, .task = 5, .nsegments = 1, .segments = &back.seg};
  CHECK_EQ_INT(par__wire_encode_result(&b, &res), PAR_OK);
  write_seed(dir, "ok-result-masked", 43, b.hdr, b.hdr_len);
  par__wire_buf_cleanup(&b);
}

UNIT_MAIN()
