// cache: a run killed halfway, run again, computes only the blocks the first
// run did not store; a corrupt or truncated entry is recomputed, never used.
// Every executed iteration appends its number to $CACHE_LOG, so the count of
// lines is the work really done; schedule(static, 10) makes 100 blocks of 10.
// RUN: %parcc -O1 %s -o %t && %serialcc -O1 %s -o %t.ser
// The expected output: a run that computes everything (the last line, the
// sum's bits, is par's block fold; the first matches the serial program).
// RUN: rm -rf %t.cache %t.log %t.fresh
// RUN: env PAR_CACHE_DIR=%t.fresh %t >%t.expected
// RUN: bash -c 'diff <(%t.ser | head -n 1) <(head -n 1 %t.expected)'
//
// Killed at iteration 503, one worker (blocks in order): blocks 0..49 stored.
// RUN: env PAR_WORKERS=1 PAR_CACHE_DIR=%t.cache CACHE_LOG=%t.log CACHE_ABORT_AT=503 not --crash %t
// RUN: wc -l <%t.log | FileCheck %s --check-prefix=RUN1
// RUN: find %t.cache -type f -name '[0-9]*' | count 50
// RUN1: {{^}}503{{$}}
//
// Run again (two workers): the 50 missing blocks, 500 iterations, same output.
// RUN: rm %t.log
// RUN: env PAR_WORKERS=2 PAR_LOG=info PAR_CACHE_DIR=%t.cache CACHE_LOG=%t.log %t >%t.out 2>%t.err
// RUN: FileCheck %s --check-prefix=RUN2 <%t.err
// RUN: wc -l <%t.log | FileCheck %s --check-prefix=LINES500
// RUN: diff %t.expected %t.out
// RUN2: cache: loop 'main:[[#LOOP:]]': 100 chunks, 50 from cache, 50 computed, 50 stored ({{.*}}.cache/L{{[0-9a-f]+}})
// LINES500: {{^}}500{{$}}
//
// Once more: nothing computed.
// RUN: rm %t.log
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache CACHE_LOG=%t.log %t >%t.out 2>%t.err
// RUN: FileCheck %s --check-prefix=RUN3 <%t.err
// RUN: not test -e %t.log
// RUN: diff %t.expected %t.out
// RUN3: cache: loop 'main:{{[0-9]+}}': 100 chunks, 100 from cache, 0 computed, 0 stored
//
// One entry with a flipped payload byte, one truncated: both recomputed.
// RUN: bash -c 'f=$(ls %t.cache/L*/0-10-*) && printf X | dd of=$f bs=1 seek=100 conv=notrunc status=none'
// RUN: bash -c 'truncate -s 50 %t.cache/L*/990-1000-*'
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache CACHE_LOG=%t.log %t >%t.out 2>%t.err
// RUN: FileCheck %s --check-prefix=BAD <%t.err
// RUN: wc -l <%t.log | FileCheck %s --check-prefix=LINES20
// RUN: diff %t.expected %t.out
// BAD-DAG: warn: cache: ignoring {{.*}}/0-10-{{[0-9a-f]+}} (checksum mismatch): recomputing it
// BAD-DAG: warn: cache: ignoring {{.*}}/990-1000-{{[0-9a-f]+}} (50 bytes, expected {{[0-9]+}} (truncated?)): recomputing it
// BAD: cache: loop 'main:{{[0-9]+}}': 100 chunks, 98 from cache, 2 computed, 2 stored
// LINES20: {{^}}20{{$}}
//
// ... and are good again afterwards.
// RUN: rm %t.log
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.cache CACHE_LOG=%t.log %t 2>&1 >%t.out | FileCheck %s --check-prefix=RUN3
// RUN: diff %t.expected %t.out
//
// cache("dir") names the directory; other inputs are other entries.
// RUN: rm -rf %t.cache2 && mkdir %t.cache2 && cd %t.cache2
// RUN: env PAR_LOG=info %t 2>&1 >/dev/null | FileCheck %s --check-prefix=NEW
// RUN: env PAR_LOG=info %t 7 2>&1 >/dev/null | FileCheck %s --check-prefix=NEW
// RUN: env PAR_LOG=info %t 7 2>&1 >/dev/null | FileCheck %s --check-prefix=RUN3
// RUN: env PAR_LOG=info %t 2>&1 >/dev/null | FileCheck %s --check-prefix=RUN3
//
// Under parrun the driver looks the blocks up before it hands out tasks and
// stores each task's blocks when its result is in: killed halfway (a worker
// aborts at iteration 503), run again, only what was not stored is computed.
// RUN: rm -rf %t.pcache %t.log %t.log2
// RUN: env PAR_CACHE_DIR=%t.pcache CACHE_LOG=%t.log CACHE_ABORT_AT=503 not %parrun -n 2 %t >/dev/null 2>&1
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.pcache CACHE_LOG=%t.log2 %parrun -n 2 %t >%t.out 2>%t.err
// RUN: diff %t.expected %t.out
// RUN: bash -c 's=$(cat %t.err | sed -n "s/.*100 chunks, \([0-9]*\) from cache, \([0-9]*\) computed.*/\1 \2/p"); set -- $s; echo "from cache $1, computed $2"; test $(($1 + $2)) -eq 100 && test $2 -ge 1 && test $(wc -l <%t.log2) -eq $((10 * $2))'
// RUN: env PAR_LOG=info PAR_CACHE_DIR=%t.pcache %parrun -n 3 %t 2>&1 >%t.out | FileCheck %s --check-prefix=RUN3
// RUN: diff %t.expected %t.out
// NEW: cache: loop 'main:{{[0-9]+}}': 100 chunks, 0 from cache, 100 computed, 100 stored (.par-cache/L{{[0-9a-f]+}})
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void note(int i) {
  const char *log = getenv("CACHE_LOG"), *at = getenv("CACHE_ABORT_AT");
  if (at && i == atoi(at)) abort();
  if (!log) return;
  int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) return;
  dprintf(fd, "%d\n", i);
  close(fd);
}

int main(int argc, char **argv) {
  int n = 1000;
  double scale = argc > 1 ? atof(argv[1]) : 0.5;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
  for (int i = 0; i < n; i++) b[i] = i % 7;
  double sum = 0;
  int last = -1;
#pragma par distribute map(to : b[0:n]) map(from : a[0:n]) reduction(+ : sum) lastprivate(last) schedule(static, 10) cache
  for (int i = 0; i < n; i++) {
    note(i);
    a[i] = b[i] * scale + 1.0 / (i + 1);
    sum += a[i];
    last = i * 3;
  }
  double check = 0;
  for (int i = 0; i < n; i++) check += a[i] * (i % 13);
  printf("sum %.6f check %.17g last %d\n", sum, check, last);
  printf("bits %a\n", sum);
  free(a);
  free(b);
  return 0;
}
