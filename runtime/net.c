/* net.c: UCX transport between the driver and its workers (docs/distributed.md).
 * Being built; nothing is compiled here yet. */
typedef int par__net_placeholder_t;
