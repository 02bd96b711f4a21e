#!/bin/sh
# check-lines.sh FILE LETTER WORKERS LINES: checks the output of fake-par
# --lines LINES run by `parrun -n WORKERS`: every line that is not the
# driver's must be a whole line `<LETTER><rank> <i> <100 zeros>`, each rank's
# lines must come in order 0..LINES-1, and all of them must be there. Prints
# "ok: N lines from W workers" or what is wrong (and exits 1).
file=$1 letter=$2 workers=$3 lines=$4
awk -v L="$letter" -v W="$workers" -v N="$lines" '
  BEGIN { zeros = sprintf("%0100d", 0) }
  /^driver: / { next }
  {
    if (substr($0, 1, 1) != L || NF != 3 || $3 != zeros) {
      printf "broken line %d: %s\n", NR, substr($0, 1, 80); bad = 1; next
    }
    r = substr($1, 2) + 0
    if (r < 1 || r > W || $2 != next_i[r] + 0) {
      printf "out of order at line %d: %s %s (expected %d)\n", NR, $1, $2, next_i[r]; bad = 1
    }
    next_i[r] = $2 + 1; total++
  }
  END {
    for (r = 1; r <= W; r++) if (next_i[r] != N) { printf "rank %d printed %d lines\n", r, next_i[r]; bad = 1 }
    if (bad) exit 1
    printf "ok: %d lines from %d workers\n", total, W
  }' "$file"
