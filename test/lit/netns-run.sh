#!/usr/bin/env bash
# netns-run.sh PARRUN NWORKERS PROGRAM [ARGS...]: runs PROGRAM under parrun
# across two "hosts": network namespaces this script makes (A: 10.200.0.1,
# B: 10.200.0.2, joined by a veth pair) and deletes on every exit. The
# driver runs in A and listens on 10.200.0.1; NWORKERS workers run in B
# (--launcher 'ip netns exec {host} {cmd}'), with UCX_TLS=tcp so that UCX
# really crosses the veth pair (namespaces do not separate shared memory).
# The program's stdout and stderr and parrun's exit status are passed on.
# Needs root and `ip netns` (lit feature `netns`).
set -u
parrun=$1 n=$2
shift 2
id=$$$RANDOM
a=pa$id b=pb$id va=va$id vb=vb$id
cleanup() {
  ip netns delete "$a" 2>/dev/null
  ip netns delete "$b" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if ! { ip netns add "$a" && ip netns add "$b" &&
  ip link add "$va" type veth peer name "$vb" &&
  ip link set "$va" netns "$a" && ip link set "$vb" netns "$b" &&
  ip -n "$a" link set "$va" name parnet && ip -n "$b" link set "$vb" name parnet &&
  ip -n "$a" addr add 10.200.0.1/24 dev parnet && ip -n "$b" addr add 10.200.0.2/24 dev parnet &&
  ip -n "$a" link set lo up && ip -n "$b" link set lo up &&
  ip -n "$a" link set parnet up && ip -n "$b" link set parnet up; }; then
  echo "netns-run: cannot make the namespaces" >&2
  exit 125
fi
# The links come up asynchronously: wait (bounded) until both ends say UP.
for i in $(seq 100); do
  ip -n "$a" link show parnet 2>/dev/null | grep -q 'state UP' &&
    ip -n "$b" link show parnet 2>/dev/null | grep -q 'state UP' && break
  sleep 0.05
done
# UCX_NET_DEVICES: only the pair (both ends are named parnet once in their
# namespaces). Both namespaces have `lo`, and UCX, seeing one machine, could
# pick loopback lanes between them, which lead nowhere.
ip netns exec "$a" env UCX_TLS=tcp UCX_NET_DEVICES=parnet PAR_REMOTE_MIN_US=0 "$parrun" --launcher 'ip netns exec {host} {cmd}' \
  --hosts "$b:$n" --address 10.200.0.1 --connect-timeout 30 "$@"
