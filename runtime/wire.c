/* wire.c: msgpack messages (docs/protocol.md). Being built; nothing is
 * compiled here yet. */
typedef int par__wire_placeholder_t;
