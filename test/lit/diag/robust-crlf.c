// CRLF line endings: errors are at the same line and column as with LF, and
// a valid file compiles.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: python3 %S/Inputs/gen.py crlf-error %t.d/err.c
// RUN: bash -c '%parcc -c %t.d/err.c -o %t.d/err.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=ERR %s
// RUN: not test -e %t.d/err.o
// ERR: err.c:2:44: error: unknown clause 'schedul' in '#pragma par distribute'
// ERR: err.c:2:44: note: did you mean 'schedule'?
// ERR: rc=1
//
// RUN: python3 %S/Inputs/gen.py crlf-loop-error %t.d/loop.c
// RUN: bash -c '%parcc -c %t.d/loop.c -o %t.d/loop.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=LOOP %s
// RUN: not test -e %t.d/loop.o
// LOOP: loop.c:3:31: error: pointer 'y' is used in the loop but not mapped
// LOOP: rc=1
//
// RUN: python3 %S/Inputs/gen.py crlf-continued %t.d/cont.c
// RUN: bash -c '%parcc -c %t.d/cont.c -o %t.d/cont.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=CONT %s
// RUN: not test -e %t.d/cont.o
// CONT: cont.c:3:5: error: unknown clause 'schedul' in '#pragma par distribute'
// CONT: rc=1
//
// RUN: python3 %S/Inputs/gen.py crlf-ok %t.d/ok.c
// RUN: bash -c '%parcc -c %t.d/ok.c -o %t.d/ok.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=OK %s --implicit-check-not=error --implicit-check-not=warning
// RUN: test -s %t.d/ok.o
// OK: rc=0
