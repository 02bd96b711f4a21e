#!/usr/bin/env python3
"""Writes the generated inputs of the diag tests (inputs that cannot live in a
test file: binary bytes, CRLF line endings, 10000 clauses).

    python3 gen.py MODE OUT.c
"""
import random
import sys

LOOP = b"  for (int i = 0; i < n; i++) y[i] = i;\n"


def pragma_file(pragma, decls=b""):
    return (b"void f(double *y, int n) {\n" + decls + pragma + b"\n" + LOOP + b"}\n")


def main():
    mode, out = sys.argv[1], sys.argv[2]
    if mode == "binary":
        # Line 2 is `#pragma par distribute ` followed by 300 random bytes
        # (no NUL, CR or LF, so the pragma stays on one line).
        rng = random.Random(1234)
        junk = bytes(b for b in (rng.randrange(1, 256) for _ in range(400)) if b not in (10, 13))[:300]
        data = pragma_file(b"#pragma par distribute " + junk)
    elif mode == "binary-nul":
        # NUL and high bytes after a valid clause.
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n]) \x00\xff\xfe\x01 nowait")
    elif mode == "binary-clause":
        # High bytes inside a clause's parentheses.
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:\xc3\x28\xa0\xa1])")
    elif mode == "many-private":
        # 10000 valid private() clauses: compiles.
        decls = b"".join(b"  int t%d = 0;\n" % k for k in range(10000))
        clauses = b" ".join(b"private(t%d)" % k for k in range(10000))
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n]) " + clauses, decls)
    elif mode == "many-nowait":
        # 10000 nowait clauses: an error at the second one (line 2, col 51).
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n])" + b" nowait" * 10000)
    elif mode == "many-unknown":
        # 10000 different unknown clauses: an error at the first (line 2, col 44).
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n]) " +
                           b" ".join(b"bogus%d(%d)" % (k, k) for k in range(10000)))
    elif mode == "many-items":
        # One private() clause with 10000 items: compiles.
        decls = b"".join(b"  int t%d = 0;\n" % k for k in range(10000))
        items = b", ".join(b"t%d" % k for k in range(10000))
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n]) private(" + items + b")", decls)
    elif mode == "crlf-error":
        # CRLF line endings, unknown clause at line 2, col 44.
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n]) schedul(static)").replace(b"\n", b"\r\n")
    elif mode == "crlf-loop-error":
        # CRLF line endings, unmapped pointer at line 3, col 31.
        data = pragma_file(b"#pragma par distribute").replace(b"\n", b"\r\n")
    elif mode == "crlf-ok":
        data = pragma_file(b"#pragma par distribute map(tofrom: y[0:n])").replace(b"\n", b"\r\n")
    elif mode == "crlf-continued":
        # CRLF line endings and a line-continued pragma: unknown clause at
        # line 3, col 5.
        data = (b"void f(double *y, int n) {\r\n"
                b"#pragma par distribute map(tofrom: y[0:n]) \\\r\n"
                b"    schedul(static)\r\n" + LOOP.replace(b"\n", b"\r\n") + b"}\r\n")
    else:
        sys.exit("gen.py: unknown mode " + mode)
    with open(out, "wb") as f:
        f.write(data)


main()
