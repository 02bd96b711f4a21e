#!/bin/bash
# slurm-cluster.sh: a real single-node Slurm cluster for one test (needs root
# and the Debian packages slurmctld, slurmd, slurm-client, munge).
#
#   slurm-cluster.sh start DIR        start a cluster whose files all live in DIR
#   slurm-cluster.sh stop DIR         stop it and remove DIR (safe to repeat)
#   slurm-cluster.sh run DIR CMD...   start, run CMD with SLURM_CONF set, stop
#                                     (always, on any exit), exit with CMD's status
#
# start writes DIR/slurm.conf (cluster `par`, one node `localhost` with
# max(nproc, 4) CPUs, partition `debug`), with its own pair of TCP ports, and
# StateSaveLocation, SlurmdSpoolDir, pid and log files under DIR; starts munged
# if none answers (munged is shared by every cluster and left running), then
# slurmctld and `slurmd -N localhost`, and waits (at most
# SLURM_CLUSTER_TIMEOUT s, default 30) until sinfo shows the node idle. On
# failure it prints the daemons' logs, stops what it started and exits 1. Use
# the cluster with SLURM_CONF=DIR/slurm.conf (printed by start on stdout).
#
# Several clusters may run at once: each has its own DIR and ports. Every
# daemon of a cluster (and each slurmstepd, which inherits slurmd's
# environment) carries PARTEST_SLURM_CLUSTER=DIR in its environment; stop
# cancels the cluster's jobs, ends its daemons by their pid files, then kills
# anything still carrying that mark, so nothing outlives the test.
# PAR_SLURM_KEEP=1 keeps DIR (the logs) after stop.
set -u
export PATH=$PATH:/usr/sbin:/usr/bin:/sbin:/bin

die() {
  echo "slurm-cluster: $*" >&2
  exit 1
}

[ $# -ge 2 ] || die "usage: slurm-cluster.sh start|stop DIR | run DIR CMD..."
cmd=$1
dir=$2
shift 2
case $dir in
  /*) ;;
  *) dir=$PWD/$dir ;;
esac
conf=$dir/slurm.conf
timeout_s=${SLURM_CLUSTER_TIMEOUT:-30}

# A port of 0.0.0.0 that nobody has bound (checked by binding it).
port_free() {
  python3 - "$1" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket()
s.bind(("0.0.0.0", int(sys.argv[1])))
EOF
}

# Two consecutive free ports below the ephemeral range, starting at a place
# derived from our pid, so that clusters started at once rarely try the same.
pick_ports() {
  local i p
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + (($$ + i * 97) % 6000) * 2))
    if port_free "$p" && port_free "$((p + 1))"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# Runs a daemon with stdin from /dev/null, stdout and stderr to the file $1,
# and no other file descriptor of ours: a daemon must not keep a lock or
# the test's pipes open.
daemon() {
  local out=$1
  shift
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    exec "$@" </dev/null >"$out" 2>&1
  )
}

munge_ok() {
  munge -n </dev/null >/dev/null 2>&1
}

start_munged() {
  munge_ok && return 0
  install -d -o munge -g munge /run/munge /var/lib/munge /var/log/munge || return 1
  # Two clusters starting at once: one starts munged, the other waits for it.
  # A munged that is still shutting down holds its socket's lock, and a new one
  # fails to start: try again every second, for 10 s.
  (
    flock -w 20 9 || exit 1
    for ((i = 0; i < 100; i++)); do
      munge_ok && exit 0
      if ((i % 10 == 0)); then
        daemon "$dir/munged.out" runuser -u munge -- /usr/sbin/munged
      fi
      sleep 0.1
    done
    cat "$dir/munged.out" >&2
    exit 1
  ) 9>/run/munge/par-test-start.lock
}

show_logs() {
  local f
  for f in "$dir"/slurmctld.out "$dir"/slurmctld.log "$dir"/slurmd.out "$dir"/slurmd.log; do
    echo "--- $f (last 40 lines):" >&2
    tail -n 40 "$f" >&2 2>/dev/null
  done
  echo "--- sinfo:" >&2
  SLURM_CONF=$conf timeout 5 sinfo -N -l >&2 2>&1
}

# Pids of processes that carry this cluster's mark in their environment.
marked_pids() {
  local f pid
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}
    pid=${pid%/environ}
    [ "$pid" = "$$" ] && continue
    grep -qxzF "PARTEST_SLURM_CLUSTER=$dir" "$f" 2>/dev/null && echo "$pid"
  done
}

pid_of() {
  [ -s "$dir/$1.pid" ] && cat "$dir/$1.pid"
}

alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null
}

do_stop() {
  [ -d "$dir" ] || return 0
  local pid ctld slurmd i left
  ctld=$(pid_of slurmctld)
  slurmd=$(pid_of slurmd)
  # Cancel the jobs first, so that slurmstepd ends the tasks itself.
  if alive "$ctld" && [ -f "$conf" ]; then
    SLURM_CONF=$conf timeout 5 scancel --quiet --full --user=root >/dev/null 2>&1
    for ((i = 0; i < 50; i++)); do
      [ -z "$(SLURM_CONF=$conf timeout 5 squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  for pid in $slurmd $ctld; do
    alive "$pid" && kill -TERM "$pid" 2>/dev/null
  done
  for ((i = 0; i < 100; i++)); do
    alive "$slurmd" || alive "$ctld" || break
    sleep 0.1
  done
  # Whatever is left (a daemon that did not stop, a slurmstepd, a pid file
  # not written yet): killed by its mark.
  for ((i = 0; i < 3; i++)); do
    left=$(marked_pids)
    [ -z "$left" ] && break
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null
    sleep 0.2
  done
  if [ "${PAR_SLURM_KEEP:-}" = 1 ]; then
    echo "slurm-cluster: kept $dir" >&2
  else
    rm -rf "$dir"
  fi
}

do_start() {
  local cpus port i state
  [ "$(id -u)" -eq 0 ] || die "needs root"
  for p in /usr/sbin/slurmctld /usr/sbin/slurmd /usr/sbin/munged; do
    [ -x "$p" ] || die "$p is missing (apt-get install -y slurmctld slurmd slurm-client munge)"
  done
  command -v srun >/dev/null || die "srun is missing (apt-get install -y slurm-client)"
  [ -e /etc/munge/munge.key ] || die "/etc/munge/munge.key is missing (reinstall munge, or run mungekey as user munge)"
  [ -e "$dir" ] && do_stop
  mkdir -p "$dir/state" "$dir/spool" || die "cannot make $dir"
  cpus=$(nproc)
  [ "$cpus" -ge 4 ] || cpus=4
  port=$(pick_ports) || die "no free pair of ports"
  cat >"$conf" <<EOF
# Written by slurm-cluster.sh for one test; removed by its stop.
ClusterName=par
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
MailProg=/bin/true
AccountingStorageType=accounting_storage/none
# The node may claim more CPUs than the machine has (tests ask for -n 3).
SlurmdParameters=config_overrides
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
PlugStackConfig=$dir/plugstack.conf
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
MinJobAge=2
NodeName=localhost CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$dir/plugstack.conf"
  if ! start_munged; then
    echo "slurm-cluster: munged does not start" >&2
    exit 1
  fi
  export PARTEST_SLURM_CLUSTER=$dir
  if ! SLURM_CONF=$conf daemon "$dir/slurmctld.out" /usr/sbin/slurmctld -i ||
    ! SLURM_CONF=$conf daemon "$dir/slurmd.out" /usr/sbin/slurmd -N localhost; then
    echo "slurm-cluster: a daemon did not start" >&2
    show_logs
    do_stop
    exit 1
  fi
  unset PARTEST_SLURM_CLUSTER
  state=
  for ((i = 0; i < timeout_s * 10; i++)); do
    state=$(SLURM_CONF=$conf timeout 5 sinfo -h -n localhost -o %T 2>/dev/null)
    [ "$state" = idle ] && break
    sleep 0.1
  done
  if [ "$state" != idle ]; then
    echo "slurm-cluster: node localhost is not idle after ${timeout_s} s (state: '${state:-none}')" >&2
    show_logs
    do_stop
    exit 1
  fi
  echo "SLURM_CONF=$conf"
}

case $cmd in
  start) do_start ;;
  stop) do_stop ;;
  run)
    [ $# -ge 1 ] || die "run needs a command"
    trap do_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    do_start >/dev/null || exit 1
    SLURM_CONF=$conf "$@"
    exit $?
    ;;
  *) die "unknown command '$cmd'" ;;
esac
