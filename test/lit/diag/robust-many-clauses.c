// Pragmas with 10000 clauses are handled quickly, without a crash: 10000
// valid private() clauses (or one with 10000 items) compile; 10000 nowait
// clauses are an error at the second; 10000 unknown clauses an error at the
// first.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: python3 %S/Inputs/gen.py many-private %t.d/private.c
// RUN: bash -c '%parcc -c %t.d/private.c -o %t.d/private.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=OK %s --implicit-check-not=error
// RUN: test -s %t.d/private.o
// RUN: python3 %S/Inputs/gen.py many-items %t.d/items.c
// RUN: bash -c '%parcc -c %t.d/items.c -o %t.d/items.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=OK %s --implicit-check-not=error
// RUN: test -s %t.d/items.o
// OK: rc=0
//
// RUN: python3 %S/Inputs/gen.py many-nowait %t.d/nowait.c
// RUN: bash -c '%parcc -c %t.d/nowait.c -o %t.d/nowait.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=NOWAIT %s
// RUN: not test -e %t.d/nowait.o
// NOWAIT: nowait.c:2:51: error: '#pragma par distribute' cannot contain more than one 'nowait' clause
// NOWAIT: rc=1
//
// RUN: python3 %S/Inputs/gen.py many-unknown %t.d/unknown.c
// RUN: bash -c '%parcc -c %t.d/unknown.c -o %t.d/unknown.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=UNKNOWN %s
// RUN: not test -e %t.d/unknown.o
// UNKNOWN: unknown.c:2:44: error: unknown clause 'bogus0' in '#pragma par distribute'
// UNKNOWN: rc=1
