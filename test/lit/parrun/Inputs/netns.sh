#!/bin/bash
# netns.sh PARRUN FAKE: two network namespaces as two hosts. Host A
# (10.200.0.1) runs parrun and the driver; host B (10.200.0.2) runs two
# workers through the template launcher `ip netns exec {host} {cmd}`. The
# driver listens on 10.200.0.1 only, which B reaches over the veth pair alone.
# The namespaces are deleted on every exit. Prints parrun's sorted stdout,
# its stderr and its status.
set -u
parrun=$1 fake=$2
a=parns_a$$ b=parns_b$$ va=veth_a$$ vb=veth_b$$
out=$(mktemp) err=$(mktemp)
cleanup() {
  ip netns delete "$a" 2>/dev/null
  ip netns delete "$b" 2>/dev/null
  rm -f "$out" "$err"
}
trap cleanup EXIT
set -e
ip netns add "$a"
ip netns add "$b"
ip link add "$va" type veth peer name "$vb"
ip link set "$va" netns "$a"
ip link set "$vb" netns "$b"
ip -n "$a" addr add 10.200.0.1/24 dev "$va"
ip -n "$b" addr add 10.200.0.2/24 dev "$vb"
for ns in "$a" "$b"; do ip -n "$ns" link set lo up; done
ip -n "$a" link set "$va" up
ip -n "$b" link set "$vb" up
set +e
ip netns exec "$a" "$parrun" --launcher 'ip netns exec {host} {cmd}' --hosts "$b:2" \
  --address 10.200.0.1 --connect-timeout 20 "$fake" --print-env >"$out" 2>"$err"
rc=$?
sed "s/$b/HOST_B/g" "$out" | sort
sed "s/$b/HOST_B/g" "$err"
echo "rc=$rc"
