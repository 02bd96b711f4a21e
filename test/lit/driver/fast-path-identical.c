// A file without `#pragma par` takes the fast path: parcc runs clang on it
// unchanged, so the object, the assembly and the preprocessed text are
// byte-for-byte what clang makes (the added -D__PARCC__=1 and -I<prefix>/include
// leave no trace in them), and the program runs the same.
// %parcc adds the sanitizer flags of a PAR_SANITIZE build, %clang does not.
// UNSUPPORTED: sanitize
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %parcc -c %s -o %t/parcc.o
// RUN: %clang -c %s -o %t/clang.o
// RUN: cmp %t/parcc.o %t/clang.o
// RUN: %parcc -O2 -g -c %s -o %t/parcc-O2.o
// RUN: %clang -O2 -g -c %s -o %t/clang-O2.o
// RUN: cmp %t/parcc-O2.o %t/clang-O2.o
// RUN: llvm-nm %t/parcc-O2.o | FileCheck %s --check-prefix=NM
// RUN: %parcc -S -O1 %s -o %t/parcc.s
// RUN: %clang -S -O1 %s -o %t/clang.s
// RUN: cmp %t/parcc.s %t/clang.s
// RUN: %parcc -E %s -o %t/parcc.i
// RUN: %clang -E %s -o %t/clang.i
// RUN: cmp %t/parcc.i %t/clang.i
// RUN: %parcc -O2 %s -o %t/app
// RUN: %t/app 7 | FileCheck %s --check-prefix=OUT
//
// NM: T main
// NM: T square
// OUT: 49 square(7)

#include <stdio.h>
#include <stdlib.h>

int square(int x) { return x * x; }

int main(int argc, char **argv) {
  int x = argc > 1 ? atoi(argv[1]) : 3;
  printf("%d square(%d)\n", square(x), x);
  return 0;
}
