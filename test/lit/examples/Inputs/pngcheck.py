#!/usr/bin/env python3
"""pngcheck.py FILE [X,Y ...]: checks that FILE is a valid 8-bit RGB PNG as
examples/mandelbrot_png.c writes it, with nothing but Python's zlib.

Checks the signature, that every chunk's CRC-32 is right, that IHDR comes
first and IEND last, and that the IDAT data inflates (zlib checks its
Adler-32) to exactly height rows of 1 + 3*width bytes, each with filter
type 0. Prints the size, the CRC-32 and SHA-256 of the pixels and the RGB value of
each pixel X,Y given; exits 1 with a message on the first problem.
"""
import hashlib
import struct
import sys
import zlib


def fail(msg):
    print("pngcheck: %s: %s" % (sys.argv[1], msg))
    sys.exit(1)


def main():
    data = open(sys.argv[1], "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG signature")
    pos, chunks = 8, []
    while pos < len(data):
        if pos + 12 > len(data):
            fail("truncated chunk at byte %d" % pos)
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if len(body) != length or zlib.crc32(ctype + body) != crc:
            fail("bad CRC or length in chunk %r" % ctype)
        chunks.append((ctype, body))
        pos += 12 + length
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        fail("IHDR must come first and IEND last")
    width, height, depth, ctype, comp, filt, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if (depth, ctype, comp, filt, interlace) != (8, 2, 0, 0, 0):
        fail("not 8-bit RGB, non-interlaced")
    raw = zlib.decompress(b"".join(b for t, b in chunks if t == b"IDAT"))
    row = 1 + 3 * width
    if len(raw) != row * height:
        fail("inflated to %d bytes, expected %d" % (len(raw), row * height))
    if any(raw[y * row] != 0 for y in range(height)):
        fail("a row has a filter type other than 0")
    pixels = b"".join(raw[y * row + 1 : (y + 1) * row] for y in range(height))
    print("png %d x %d, %d bytes, pixel CRC-32 %08x, sha256 %s"
          % (width, height, len(data), zlib.crc32(pixels), hashlib.sha256(pixels).hexdigest()))
    for arg in sys.argv[2:]:
        x, y = (int(v) for v in arg.split(","))
        o = 3 * (y * width + x)
        print("pixel %d,%d = %d %d %d" % (x, y, pixels[o], pixels[o + 1], pixels[o + 2]))


main()
