#!/bin/bash
# signal-job.sh PARRUN FAKE SIG: starts `PARRUN -n 2 FAKE --driver-hang` in
# the background, waits until its three processes run, sends SIG to parrun
# alone, and prints how many processes were running, parrun's status and how
# many processes of the job are left afterwards.
parrun=$1 fake=$2 sig=$3
# Job control: a background job of a script otherwise starts with SIGINT
# ignored, and parrun (rightly) leaves an ignored signal ignored.
set -m
tag="signal-job-$$-$RANDOM"
# Processes whose command line has `--tag $tag`, parrun itself left out
# (from /proc: pgrep may not be installed).
count() {
  local n=0 f pid
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}
    pid=${pid%/cmdline}
    [ "$pid" = "$parrun_pid" ] && continue
    tr '\0' ' ' <"$f" 2>/dev/null | grep -q -- "--tag $tag " && n=$((n + 1))
  done
  echo "$n"
}
"$parrun" -n 2 "$fake" --driver-hang --tag "$tag" >/dev/null 2>&1 &
parrun_pid=$!
for _ in $(seq 100); do
  [ "$(count)" -ge 3 ] && break
  sleep 0.1
done
echo "running: $(count)"
kill -"$sig" "$parrun_pid"
wait "$parrun_pid"
echo "rc=$?"
sleep 0.2
echo "left: $(count)"
