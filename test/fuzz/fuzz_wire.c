/* fuzz_wire.c: libFuzzer target for the wire format's decoder (runtime/wire.c).
 *
 * An input is 8 bytes of payload length (little-endian; shorter inputs mean
 * 0) followed by the header, which is handed over in a buffer of exactly its
 * size so that AddressSanitizer catches a read past the end. The seed corpus
 * corpus/wire/ is written by test_wire (PAR_WIRE_SEED_DIR=... test_wire
 * write_seeds). Besides not crashing or leaking, the decoder must keep its
 * contract, or the target aborts (a crash, with the input saved):
 *   - a refusal has a known status matching its reason, a diagnostic text,
 *     and an empty output;
 *   - msgpack-c agrees with the syntax scan: an input the scan passes never
 *     fails inside msgpack-c, and one it refuses as truncated, 0xc1 or
 *     trailing msgpack-c refuses too (as incomplete or a parse error, as a
 *     parse error, as a value with bytes after it);
 *   - a decoded message re-encodes (the encoder accepts what the decoder
 *     does), and that encoding decodes and re-encodes to the same bytes;
 *   - the checks between messages run on it without crashing (a DATA with
 *     a task as a worker's, par__wire_check_data_back).
 */
#include "wire.h"

#include <msgpack.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void require(int cond) {
  if (!cond) abort();
}

/* A loop and a task that decoded DATA, TASK and RESULT are checked against. */
static const par__wire_map_t maps[2] = {
    {.index = 0, .kind = 3, .lo = -4, .len = 1000, .elem_size = 8, .off_min = -1, .off_max = 1},
    {.index = 1, .kind = 2, .lo = 0, .len = 100, .elem_size = 1},
};
static const par__wire_red_t reds[1] = {{1, 8}};
static const uint64_t lasts[1] = {4};
static const par__wire_loop_t loop = {.instance = 1,
                                      .loop_id = 2,
                                      .niters = 100,
                                      .lb = 0,
                                      .step = 1,
                                      .nmaps = 2,
                                      .nreds = 1,
                                      .nlasts = 1,
                                      .maps = maps,
                                      .reds = reds,
                                      .lasts = lasts};
static const par__wire_block_t blocks[2] = {{0, 50}, {50, 100}};
static const par__wire_task_t task = {.instance = 1, .task = 1, .nblocks = 2, .blocks = blocks};

/* What msgpack-c makes of the header, for reasons the scan gives itself. */
static void cross_check(const uint8_t *hdr, size_t len, const par__wire_diag_t *d) {
  /* a refusal from msgpack-c's path means the scan let through what it refused
   * (texts quoting a peer's REFUSE may hold anything, but never start so) */
  require(strncmp(d->text, "header: msgpack", 15) != 0);
  if (d->reason != PAR__WIRE_E_TRUNCATED && d->reason != PAR__WIRE_E_SYNTAX &&
      d->reason != PAR__WIRE_E_TRAILING)
    return;
  /* the scan checked every count up to where it stopped: safe to hand over */
  msgpack_unpacked u;
  msgpack_unpacked_init(&u);
  size_t off = 0;
  msgpack_unpack_return ret = msgpack_unpack_next(&u, (const char *)hdr, len, &off);
  /* (msgpack-c calls an ext 32 of 2^32 - 1 bytes a parse error: its length
   * + 1 wraps; the scan calls it truncated. Neither accepts it.) */
  if (d->reason == PAR__WIRE_E_TRUNCATED)
    require(ret == MSGPACK_UNPACK_CONTINUE || ret == MSGPACK_UNPACK_PARSE_ERROR);
  if (d->reason == PAR__WIRE_E_SYNTAX) require(ret == MSGPACK_UNPACK_PARSE_ERROR);
  if (d->reason == PAR__WIRE_E_TRAILING) require(ret == MSGPACK_UNPACK_SUCCESS && off < len);
  msgpack_unpacked_destroy(&u);
}

static void check_refusal(par_status_t st, const par__wire_msg_t *m, const par__wire_diag_t *d) {
  require(st == PAR__WIRE_ERR_MALFORMED || st == PAR__WIRE_ERR_VERSION || st == PAR_ERR_NO_MEMORY);
  require(d->reason > PAR__WIRE_E_NONE && d->reason < PAR__WIRE_E__COUNT);
  require((st == PAR__WIRE_ERR_VERSION) == (d->reason == PAR__WIRE_E_VERSION));
  require((st == PAR_ERR_NO_MEMORY) == (d->reason == PAR__WIRE_E_NO_MEMORY));
  require(memchr(d->text, '\0', sizeof d->text) != NULL && d->text[0] != '\0');
  require(m->type == 0 && m->mem_ == NULL);
}

static void reencode(const par__wire_msg_t *m, size_t payload_len) {
  static const char dummy;
  par__wire_buf_t b, b2;
  par__wire_range_t r;
  par__wire_buf_init(&b);
  par__wire_buf_init(&b2);
  require(par__wire_buf_add(&b, &dummy, payload_len, &r) == PAR_OK); /* described, never read */
  require(par__wire_encode(&b, m) == PAR_OK);
  par__wire_msg_t m2;
  require(par__wire_decode(b.hdr, b.hdr_len, payload_len, &m2, NULL) == PAR_OK);
  require(par__wire_buf_add(&b2, &dummy, payload_len, &r) == PAR_OK);
  require(par__wire_encode(&b2, &m2) == PAR_OK);
  require(b.hdr_len == b2.hdr_len && memcmp(b.hdr, b2.hdr, b.hdr_len) == 0);
  par__wire_msg_free(&m2);
  par__wire_buf_cleanup(&b);
  par__wire_buf_cleanup(&b2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint64_t payload_len = 0;
  if (size >= 8) {
    for (int i = 0; i < 8; i++)
      payload_len |= (uint64_t)data[i] << (8 * i);
    data += 8;
    size -= 8;
  }
  uint8_t *hdr = malloc(size ? size : 1);
  if (!hdr) return 0;
  if (size) memcpy(hdr, data, size);

  par__wire_msg_t m;
  par__wire_diag_t d;
  par_status_t st = par__wire_decode(hdr, size, (size_t)payload_len, &m, &d);
  if (st != PAR_OK) {
    check_refusal(st, &m, &d);
    cross_check(hdr, size, &d);
  } else {
    require(d.reason == PAR__WIRE_E_NONE);
    require(m.type >= 1 && m.type <= PAR__WIRE_TYPE__MAX);
    reencode(&m, (size_t)payload_len);
    par_status_t c = PAR_OK;
    if (m.type == PAR__WIRE_DATA)
      c = m.u.data.task ? par__wire_check_data_back(&loop, &m.u.data, &d)
                        : par__wire_check_data(&loop, &m.u.data, &d);
    if (m.type == PAR__WIRE_TASK) c = par__wire_check_task(&loop, &m.u.task, &d);
    if (m.type == PAR__WIRE_RESULT) c = par__wire_check_result(&loop, &task, &m.u.result, (m.u.result.task & 1) != 0, &d);
    require(c == PAR_OK || c == PAR__WIRE_ERR_MALFORMED);
    par__wire_msg_free(&m);
  }
  free(hdr);
  return 0;
}
