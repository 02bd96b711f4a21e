// Random binary bytes in a pragma: an error at the pragma (line 2), exit 1,
// no crash, no hang, no object.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: python3 %S/Inputs/gen.py binary %t.d/bin.c
// RUN: bash -c '%parcc -c %t.d/bin.c -o %t.d/bin.o; echo "rc=$?"' 2>&1 | FileCheck %s
// RUN: not test -e %t.d/bin.o
// CHECK: bin.c:2:24: error:
// CHECK: rc=1
//
// NUL and bytes >= 0x80 after a valid clause: the error is at the first bad
// byte.
// RUN: python3 %S/Inputs/gen.py binary-nul %t.d/nul.c
// RUN: bash -c '%parcc -c %t.d/nul.c -o %t.d/nul.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=NUL %s
// RUN: not test -e %t.d/nul.o
// NUL: nul.c:2:44: error: invalid character '{{.*}}' in pragma
// NUL: rc=1
//
// Bytes that are not UTF-8 inside a clause's parentheses.
// RUN: python3 %S/Inputs/gen.py binary-clause %t.d/utf.c
// RUN: bash -c '%parcc -c %t.d/utf.c -o %t.d/utf.o; echo "rc=$?"' 2>&1 | FileCheck --check-prefix=UTF %s
// RUN: not test -e %t.d/utf.o
// UTF: utf.c:2:{{[0-9]+}}: error:
// UTF: rc=1
