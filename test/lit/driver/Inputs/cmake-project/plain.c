/* no pragma: parcc's fast path compiles it as cc would */
#include <stdio.h>
int main(void) {
  puts("plain");
  return 0;
}
