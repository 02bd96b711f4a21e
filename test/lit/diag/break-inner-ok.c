// `break` inside an inner for/while/do loop or a switch, `continue`, and a
// `goto` to a label inside the body do not leave the distributed loop: they
// compile.
// RUN: rm -f %t.o
// RUN: %parcc -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test -s %t.o

void f(double *y, int n) {
#pragma par distribute map(tofrom: y[0:n])
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < 10; j++) {
      if (j == i)
        break;
      y[i] += j;
    }
    while (1) {
      break;
    }
    do {
      if (y[i] > 3)
        break;
      y[i] += 1;
    } while (y[i] < 5);
    switch (i % 3) {
    case 0:
      y[i] = 0;
      break;
    default:
      break;
    }
    if (y[i] < 0)
      continue;
    if (y[i] > 100)
      goto skip;
    y[i] *= 2;
  skip:;
  }
}
