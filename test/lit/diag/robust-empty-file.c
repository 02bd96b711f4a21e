// An empty file compiles as cc would compile it: exit 0, an object written,
// nothing printed.
// RUN: rm -rf %t.d && mkdir -p %t.d
// RUN: touch %t.d/empty.c
// RUN: bash -c '%parcc -c %t.d/empty.c -o %t.d/empty.o; echo "rc=$?"' 2>&1 | FileCheck %s --implicit-check-not=error --implicit-check-not=warning
// RUN: test -s %t.d/empty.o
// CHECK: rc=0
