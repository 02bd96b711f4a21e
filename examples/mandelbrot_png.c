/* mandelbrot_png.c: a colour picture of the Mandelbrot set, written as PNG.
 *
 *   parcc -O2 mandelbrot_png.c -o mandelbrot_png -lm
 *   ./mandelbrot_png [out.png [max_iterations]]      (default mandelbrot.png, 1000)
 *
 * The distributed loop computes one row of pixels per iteration, with
 * schedule(dynamic) because rows through the set take much longer than rows
 * outside it. Pixels go to a fixed-size global array (mapped whole, each row
 * written by one iteration); the total number of iterations is a reduction.
 * The driver then writes the file itself: the PNG encoder below is plain C
 * with no library, using zlib's "stored" (uncompressed) deflate blocks, so
 * the file is larger than a compressed one but needs nothing to build. It is
 * valid PNG that any viewer opens.
 *
 * Sizes are PolyBench-style macros: -DWIDTH=... -DHEIGHT=... Every pixel is
 * computed by the same code from the same numbers, so the file is the same
 * bytes in a serial build and at any worker count; the program prints the
 * file's size and the CRC-32 of its pixels, which the tests compare.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef WIDTH
#define WIDTH 800
#endif
#ifndef HEIGHT
#define HEIGHT 600
#endif

static const double xmin = -2.2, xmax = 0.8, ymin = -1.125, ymax = 1.125;
static unsigned char img[HEIGHT][WIDTH][3]; /* RGB, 8 bits per channel */

/* Iterations of z = z^2 + c before |z| > 2, at most maxiter. */
static int escape(double cx, double cy, int maxiter) {
  double x = 0.0, y = 0.0;
  int k = 0;
  while (k < maxiter && x * x + y * y <= 4.0) {
    double t = x * x - y * y + cx;
    y = 2.0 * x * y + cy;
    x = t;
    k++;
  }
  return k;
}

/* A smooth palette: black inside the set; outside, dark blue far from it
 * through light blue to yellow and white at its edge, by the escape count on
 * a log scale. */
static void colour(int k, int maxiter, unsigned char rgb[3]) {
  if (k >= maxiter) {
    rgb[0] = rgb[1] = rgb[2] = 0;
    return;
  }
  double t = log(k + 1.0) / log(maxiter + 1.0), u = 1.0 - t;
  double r = 9.0 * u * t * t * t, g = 15.0 * u * u * t * t, b = 8.5 * u * u * u * t;
  rgb[0] = (unsigned char)(255.0 * fmin(1.0, r + t * t));
  rgb[1] = (unsigned char)(255.0 * fmin(1.0, g + 0.5 * t * t));
  rgb[2] = (unsigned char)(255.0 * fmin(1.0, b + 0.2 * t));
}

/* ---- A minimal PNG writer: 8-bit RGB, no filtering, stored deflate. ---- */

static uint32_t crc_table[256];

static void crc_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}

/* CRC-32 (PNG, zlib, gzip) of len bytes, continuing from crc (0 to start). */
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t len) {
  crc = ~crc;
  for (size_t i = 0; i < len; i++)
    crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void put32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* Writes one chunk: length, type, data, CRC of type and data. */
static int write_chunk(FILE *f, const char type[4], const unsigned char *data, uint32_t len) {
  unsigned char head[8], tail[4];
  put32(head, len);
  for (int i = 0; i < 4; i++)
    head[4 + i] = (unsigned char)type[i];
  uint32_t crc = crc32_update(crc32_update(0, head + 4, 4), data, len);
  put32(tail, crc);
  return fwrite(head, 1, 8, f) == 8 && (len == 0 || fwrite(data, 1, len, f) == len) &&
         fwrite(tail, 1, 4, f) == 4;
}

/* Writes img as a PNG file. Returns the file size in bytes, or -1. */
static long write_png(const char *path) {
  /* The raw image data: each row is a filter byte (0: none) and the pixels. */
  const size_t row = 1 + 3 * (size_t)WIDTH, raw = row * HEIGHT;
  const size_t nblocks = (raw + 65534) / 65535;
  /* zlib stream: 2-byte header, stored blocks (5-byte header + data),
   * Adler-32 of the raw data. */
  const size_t zlen = 2 + 5 * nblocks + raw + 4;
  if (zlen > 0x7fffffff) return -1; /* one IDAT chunk holds at most 2^31-1 bytes */
  unsigned char *z = malloc(zlen);
  if (!z) return -1;
  size_t o = 0;
  z[o++] = 0x78;         /* deflate, 32 KiB window */
  z[o++] = 0x01;         /* no dictionary, fastest; (0x78 << 8 | 0x01) % 31 == 0 */
  uint32_t a = 1, b = 0; /* Adler-32 */
  size_t done = 0;       /* raw bytes emitted so far */
  for (size_t blk = 0; blk < nblocks; blk++) {
    size_t len = raw - done < 65535 ? raw - done : 65535;
    z[o++] = blk + 1 == nblocks; /* BFINAL on the last block, BTYPE 00 (stored) */
    z[o++] = (unsigned char)(len & 0xff);
    z[o++] = (unsigned char)(len >> 8);
    z[o++] = (unsigned char)(~len & 0xff);
    z[o++] = (unsigned char)((~len >> 8) & 0xff);
    for (size_t i = 0; i < len; i++, done++) {
      size_t y = done / row, x = done % row;
      unsigned char v = x == 0 ? 0 : img[y][(x - 1) / 3][(x - 1) % 3];
      z[o++] = v;
      a = (a + v) % 65521;
      b = (b + a) % 65521;
    }
  }
  put32(z + o, b << 16 | a);
  o += 4;

  unsigned char ihdr[13];
  put32(ihdr, WIDTH);
  put32(ihdr + 4, HEIGHT);
  ihdr[8] = 8;  /* bits per channel */
  ihdr[9] = 2;  /* colour type: RGB */
  ihdr[10] = 0; /* compression: deflate */
  ihdr[11] = 0; /* filter method 0 */
  ihdr[12] = 0; /* no interlace */
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  long size = -1;
  FILE *f = fopen(path, "wb");
  if (f) {
    int ok = fwrite(sig, 1, 8, f) == 8 && write_chunk(f, "IHDR", ihdr, 13) &&
             write_chunk(f, "IDAT", z, (uint32_t)zlen) && write_chunk(f, "IEND", NULL, 0);
    if (fclose(f) == 0 && ok) size = (long)(8 + (12 + 13) + (12 + zlen) + 12);
  }
  free(z);
  return size;
}

int main(int argc, char **argv) {
  const char *out = argc > 1 ? argv[1] : "mandelbrot.png";
  int maxiter = argc > 2 ? atoi(argv[2]) : 1000;
  if (maxiter <= 0) {
    fprintf(stderr, "usage: mandelbrot_png [out.png [max_iterations > 0]]\n");
    return 1;
  }
  long long total = 0;

#pragma par distribute schedule(dynamic) reduction(+ : total)
  for (int py = 0; py < HEIGHT; py++) {
    double cy = ymax - (py + 0.5) * (ymax - ymin) / HEIGHT; /* row 0 at the top */
    for (int px = 0; px < WIDTH; px++) {
      double cx = xmin + (px + 0.5) * (xmax - xmin) / WIDTH;
      int k = escape(cx, cy, maxiter);
      colour(k, maxiter, img[py][px]);
      total += k;
    }
  }

  crc_init();
  long size = write_png(out);
  if (size < 0) {
    perror(out);
    return 1;
  }
  printf("%d x %d pixels, at most %d iterations each\n", WIDTH, HEIGHT, maxiter);
  printf("total iterations: %lld\n", total);
  printf("wrote %s: %ld bytes, pixel CRC-32 %08x\n", out, size,
         (unsigned)crc32_update(0, &img[0][0][0], sizeof img));
  return 0;
}
