/* status.h: the one status type of the runtime.
 *
 * par_status_t is 0 for success and negative for errors. Each code's enum
 * name and message come from the single table below, so the three never
 * drift apart. Codes from other libraries (UCX, msgpack, errno) are
 * translated where they are first seen and nowhere else.
 */
#ifndef PAR_RUNTIME_STATUS_H
#define PAR_RUNTIME_STATUS_H

/* X(name, value, message) */
#define PAR__STATUS_TABLE(X)                                                                       \
  X(PAR_OK, 0, "success")                                                                          \
  X(PAR_ERR_NO_MEMORY, -1, "out of memory")                                                        \
  X(PAR_ERR_INVALID, -2, "invalid argument")                                                       \
  X(PAR_ERR_CONFIG, -3, "invalid configuration")                                                   \
  X(PAR_ERR_ABI, -4, "ABI version or structure size mismatch")                                     \
  X(PAR_ERR_DUPLICATE, -5, "duplicate identifier")                                                 \
  X(PAR_ERR_NOT_FOUND, -6, "not found")                                                            \
  X(PAR_ERR_SYSTEM, -7, "system call failed")                                                      \
  X(PAR_ERR_NET, -8, "network transport error")                                                    \
  X(PAR_ERR_PEER_LOST, -9, "connection to peer lost")                                              \
  X(PAR_ERR_CANCELED, -10, "operation canceled")                                                   \
  X(PAR_ERR_PROTOCOL, -11, "peer violated the protocol")                                           \
  X(PAR_ERR_VERSION, -12, "protocol version mismatch")

typedef enum par_status {
#define PAR__STATUS_ENUM(name, value, msg) name = value,
  PAR__STATUS_TABLE(PAR__STATUS_ENUM)
#undef PAR__STATUS_ENUM
} par_status_t;

/* "PAR_ERR_NO_MEMORY"; "PAR_ERR_UNKNOWN" for a value not in the table.
 * The string is static. */
const char *par__status_name(par_status_t status);

/* "out of memory"; "unknown status" for a value not in the table. */
const char *par__status_message(par_status_t status);

#endif /* PAR_RUNTIME_STATUS_H */
