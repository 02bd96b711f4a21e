#!/usr/bin/env bash
# impostor.sh MODE WORD...: a parrun launcher (--launcher 'bash impostor.sh
# MODE {cmd}') that starts the worker it is given (`env VAR=... program
# args`); for rank 1 it first runs, to its end, an impostor that the
# driver must refuse (the driver waits for the real rank 1 meanwhile):
#   token    the same program with a wrong PAR_TOKEN
#   binary   another program ($IMPOSTOR_PROGRAM) with the job's variables
#   garbage  par-rawclient ($RAWCLIENT) sending malformed first messages
#   hello    par-rawclient sending a well-formed hello with a wrong token
# The impostor's output goes to stderr, then `impostor: exit N`.
set -u
mode=$1
shift
rank= driver= prog_index=
words=("$@")
for i in "${!words[@]}"; do
  w=${words[$i]}
  case $w in
  PAR_RANK=*) rank=${w#PAR_RANK=} ;;
  PAR_DRIVER=*) driver=${w#PAR_DRIVER=} ;;
  env | *=*) ;;
  *) [ -z "$prog_index" ] && prog_index=$i ;;
  esac
done
if [ "$rank" = 1 ]; then
  fake=("${words[@]}")
  case $mode in
  token)
    for i in "${!fake[@]}"; do
      case ${fake[$i]} in PAR_TOKEN=*) fake[$i]=PAR_TOKEN=0123456789abcdef0123456789abcdef ;; esac
    done
    "${fake[@]}" >&2 ;;
  binary)
    fake[$prog_index]=$IMPOSTOR_PROGRAM
    "${fake[@]}" >&2 ;;
  garbage) "$RAWCLIENT" "$driver" garbage >&2 ;;
  hello) "$RAWCLIENT" "$driver" hello-token >&2 ;;
  esac
  echo "impostor: exit $?" >&2
fi
exec "$@"
