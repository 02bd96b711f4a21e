#!/usr/bin/env bash
# netns-cut.sh PARRUN PROGRAM [ARGS...]: runs PROGRAM under parrun across
# three "hosts", network namespaces this script makes and deletes on every
# exit: A (the driver, 10.200.0.1 on a bridge), B (worker 1, 10.200.0.2) and
# C (worker 2, 10.200.0.3), each joined to A's bridge by a veth pair. Every
# namespace calls its interface parnet, so a program in C can cut its host
# off with `ip link set parnet down`. UCX_TLS=tcp: namespaces do not
# separate shared memory; UCX_NET_DEVICES=parnet: every namespace also has a
# `lo`, which UCX could pick, leading nowhere. Passes on the program's
# stdout, stderr and parrun's status. Needs root and `ip netns`.
set -u
parrun=$1
shift
id=$$$RANDOM
a=pca$id b=pcb$id c=pcc$id
cleanup() {
  ip netns delete "$a" 2>/dev/null
  ip netns delete "$b" 2>/dev/null
  ip netns delete "$c" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if ! { ip netns add "$a" && ip netns add "$b" && ip netns add "$c" &&
  ip -n "$a" link add parnet type bridge &&
  ip link add vab$id type veth peer name vba$id &&
  ip link add vac$id type veth peer name vca$id &&
  ip link set vab$id netns "$a" && ip link set vac$id netns "$a" &&
  ip link set vba$id netns "$b" && ip link set vca$id netns "$c" &&
  ip -n "$a" link set vab$id master parnet && ip -n "$a" link set vac$id master parnet &&
  ip -n "$b" link set vba$id name parnet && ip -n "$c" link set vca$id name parnet &&
  ip -n "$a" addr add 10.200.0.1/24 dev parnet &&
  ip -n "$b" addr add 10.200.0.2/24 dev parnet && ip -n "$c" addr add 10.200.0.3/24 dev parnet &&
  ip -n "$a" link set lo up && ip -n "$b" link set lo up && ip -n "$c" link set lo up &&
  ip -n "$a" link set vab$id up && ip -n "$a" link set vac$id up && ip -n "$a" link set parnet up &&
  ip -n "$b" link set parnet up && ip -n "$c" link set parnet up; }; then
  echo "netns-cut: cannot make the namespaces" >&2
  exit 125
fi
for i in $(seq 100); do
  ip -n "$a" link show parnet 2>/dev/null | grep -q 'state UP' &&
    ip -n "$c" link show parnet 2>/dev/null | grep -q 'state UP' &&
    ip -n "$b" link show parnet 2>/dev/null | grep -q 'state UP' && break
  sleep 0.05
done
ip netns exec "$a" env UCX_TLS=tcp UCX_NET_DEVICES=parnet PAR_REMOTE_MIN_US=0 "$parrun" --launcher 'ip netns exec {host} {cmd}' \
  --hosts "$b:1,$c:1" --address 10.200.0.1 --connect-timeout 30 "$@"
