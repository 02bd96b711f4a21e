/* test_pragma.c: unit tests of the `#pragma par` clause parser (lib/Transform/pragma.c).
 *
 * Valid pragmas are checked field by field; every error is checked for its
 * message, its offset (written as a caret line under the input, the way clang
 * prints it) and its hint. The robustness tests feed ~200k random, token-soup
 * and mutated inputs, each in a buffer of exactly its length, so that a
 * sanitizer build (-DPAR_SANITIZE=address,undefined) catches any read past the
 * end; every result must be 0 or -1 with a well-formed error. Allocation
 * failures are injected at every allocation of a set of pragmas (glibc builds
 * without sanitizers, where malloc can be wrapped).
 */
#include "pragma.h"
#include "unit.h"

#include <stdint.h>

/* ---- helpers -----------------------------------------------------------------------------------
 */

static void parse_ok_at(int line, const char *text, parcc_pragma_t *p) {
  parcc_pragma_error_t e;
  if (parcc_pragma_parse(text, strlen(text), p, &e) != 0) {
    fprintf(stderr, "%s:%d: parse of \"%s\" failed at %u: %s (hint: %s)\n", __FILE__, line, text,
            e.off, e.message, e.hint);
    exit(1);
  }
}
#define PARSE_OK(text, p) parse_ok_at(__LINE__, text, p)

/* Parses text[0..len) (copied into a buffer of exactly that size) and checks
 * that it fails with `message` at the column of '^' in `caret`, and a hint
 * containing `hint` ("" = no hint, NULL = not checked). */
static void err_at(int line, const char *text, size_t len, const char *caret, const char *message,
                   const char *hint) {
  char *buf = malloc(len ? len : 1);
  memcpy(buf, text, len);
  parcc_pragma_t p;
  parcc_pragma_error_t e;
  int rc = parcc_pragma_parse(buf, len, &p, &e);
  free(buf);
  const char *c = strchr(caret, '^');
  unsigned want_off = c ? (unsigned)(c - caret) : 0;
  int ok = rc == -1 && strcmp(e.message, message) == 0 && e.off == want_off;
  if (ok && hint) ok = hint[0] ? strstr(e.hint, hint) != NULL : e.hint[0] == '\0';
  if (ok) ok = p.nclauses == 0 && p.clauses == NULL && p.directive == 0;
  if (!ok) {
    fprintf(stderr,
            "%s:%d: for \"%s\"\n  want -1 \"%s\" at %u hint ~\"%s\"\n  got  %d \"%s\" at %u hint "
            "\"%s\"\n",
            __FILE__, line, text, message, want_off, hint ? hint : "(any)", rc, rc ? e.message : "",
            rc ? e.off : 0, rc ? e.hint : "");
    if (rc == 0) parcc_pragma_free(&p);
    exit(1);
  }
}
#define ERR(text, caret, message, hint) err_at(__LINE__, text, strlen(text), caret, message, hint)
#define ERR_N(text, len, caret, message, hint) err_at(__LINE__, text, len, caret, message, hint)

static const parcc_clause_t *clause(const parcc_pragma_t *p, int i) {
  CHECK(i < p->nclauses);
  return &p->clauses[i];
}

/* ---- directives --------------------------------------------------------------------------------
 */

TEST(directives) {
  parcc_pragma_t p;
  PARSE_OK(" distribute", &p);
  CHECK_EQ_INT(p.directive, PARCC_DIR_DISTRIBUTE);
  CHECK_EQ_INT(p.directive_off, 1);
  CHECK_EQ_INT(p.nclauses, 0);
  parcc_pragma_free(&p);
  PARSE_OK("spawn", &p);
  CHECK_EQ_INT(p.directive, PARCC_DIR_SPAWN);
  CHECK_EQ_INT(p.directive_off, 0);
  parcc_pragma_free(&p);
  PARSE_OK("  /* c */ sync // done", &p);
  CHECK_EQ_INT(p.directive, PARCC_DIR_SYNC);
  CHECK_EQ_INT(p.directive_off, 10);
  parcc_pragma_free(&p);
  PARSE_OK("\tspawn\t\r\n", &p);
  CHECK_EQ_INT(p.directive, PARCC_DIR_SPAWN);
  parcc_pragma_free(&p);
}

/* ---- each clause -------------------------------------------------------------------------------
 */

TEST(map_kinds) {
  static const struct {
    const char *text;
    enum parcc_map_kind kind;
  } cases[] = {
      {" distribute map(to: a)", PARCC_MAP_TO},
      {" distribute map(from: a)", PARCC_MAP_FROM},
      {" distribute map(tofrom: a)", PARCC_MAP_TOFROM},
      {" distribute map(alloc: a)", PARCC_MAP_ALLOC},
      {" distribute map(a)", PARCC_MAP_TOFROM},
      {" distribute map(to:a)", PARCC_MAP_TO},
      {" distribute map( from :a )", PARCC_MAP_FROM},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    parcc_pragma_t p;
    PARSE_OK(cases[i].text, &p);
    CHECK_EQ_INT(p.nclauses, 1);
    CHECK_EQ_INT(p.clauses[0].kind, PARCC_CL_MAP);
    CHECK_EQ_INT(p.clauses[0].map_kind, cases[i].kind);
    CHECK_EQ_INT(p.clauses[0].nitems, 1);
    CHECK_STREQ(p.clauses[0].items[0].name, "a");
    CHECK_EQ_INT(p.clauses[0].items[0].ndims, 0);
    parcc_pragma_free(&p);
  }
  /* map(to) maps a variable named `to`, as in OpenMP */
  parcc_pragma_t p;
  PARSE_OK(" distribute map(to)", &p);
  CHECK_EQ_INT(p.clauses[0].map_kind, PARCC_MAP_TOFROM);
  CHECK_STREQ(p.clauses[0].items[0].name, "to");
  parcc_pragma_free(&p);
  PARSE_OK(" distribute map(to, from)", &p);
  CHECK_EQ_INT(p.clauses[0].map_kind, PARCC_MAP_TOFROM);
  CHECK_EQ_INT(p.clauses[0].nitems, 2);
  CHECK_STREQ(p.clauses[0].items[1].name, "from");
  parcc_pragma_free(&p);
}

TEST(map_example_from_spec) {
  const char *t = " distribute map(to: a[0:n], b[i*2:n/2][0:M]) reduction(+: s) "
                  "schedule(dynamic, 4) nowait";
  parcc_pragma_t p;
  PARSE_OK(t, &p);
  CHECK_EQ_INT(p.directive, PARCC_DIR_DISTRIBUTE);
  CHECK_EQ_INT(p.nclauses, 4);
  const parcc_clause_t *m = clause(&p, 0);
  CHECK_EQ_INT(m->kind, PARCC_CL_MAP);
  CHECK_EQ_INT(m->off, 12);
  CHECK_EQ_INT(m->end, (uint32_t)(strstr(t, ") red") - t + 1));
  CHECK_EQ_INT(m->map_kind, PARCC_MAP_TO);
  CHECK_EQ_INT(m->nitems, 2);
  CHECK_STREQ(m->items[0].name, "a");
  CHECK_EQ_INT(m->items[0].off, 20);
  CHECK_EQ_INT(m->items[0].ndims, 1);
  CHECK_STREQ(m->items[0].dims[0].lo.text, "0");
  CHECK_EQ_INT(m->items[0].dims[0].lo.off, 22);
  CHECK_STREQ(m->items[0].dims[0].len.text, "n");
  CHECK_EQ_INT(m->items[0].dims[0].len.off, 24);
  CHECK_EQ_INT(m->items[0].dims[0].is_index, 0);
  CHECK_STREQ(m->items[1].name, "b");
  CHECK_EQ_INT(m->items[1].ndims, 2);
  CHECK_STREQ(m->items[1].dims[0].lo.text, "i*2");
  CHECK_STREQ(m->items[1].dims[0].len.text, "n/2");
  CHECK_STREQ(m->items[1].dims[1].lo.text, "0");
  CHECK_STREQ(m->items[1].dims[1].len.text, "M");
  const parcc_clause_t *r = clause(&p, 1);
  CHECK_EQ_INT(r->kind, PARCC_CL_REDUCTION);
  CHECK_EQ_INT(r->red_op, PARCC_RED_ADD);
  CHECK_EQ_INT(r->nitems, 1);
  CHECK_STREQ(r->items[0].name, "s");
  const parcc_clause_t *s = clause(&p, 2);
  CHECK_EQ_INT(s->kind, PARCC_CL_SCHEDULE);
  CHECK_EQ_INT(s->sched, PARCC_SCHED_DYNAMIC);
  CHECK_STREQ(s->sched_chunk.text, "4");
  CHECK_EQ_INT(s->sched_chunk.off, (uint32_t)(strstr(t, "4)") - t));
  const parcc_clause_t *nw = clause(&p, 3);
  CHECK_EQ_INT(nw->kind, PARCC_CL_NOWAIT);
  CHECK_EQ_INT(nw->off, (uint32_t)(strstr(t, "nowait") - t));
  CHECK_EQ_INT(nw->end, (uint32_t)strlen(t));
  parcc_pragma_free(&p);
  CHECK_EQ_INT(p.nclauses, 0);
  CHECK(p.clauses == NULL);
}

TEST(sections) {
  parcc_pragma_t p;
  PARSE_OK(" distribute map(tofrom: a[:n], b[lo:], c[k], d[:], e[i][j:2][:m][x:y])", &p);
  const parcc_clause_t *m = clause(&p, 0);
  CHECK_EQ_INT(m->nitems, 5);
  const parcc_item_t *a = &m->items[0], *b = &m->items[1], *c = &m->items[2], *d = &m->items[3],
                     *e = &m->items[4];
  CHECK(a->dims[0].lo.text == NULL);
  CHECK_STREQ(a->dims[0].len.text, "n");
  CHECK_STREQ(b->dims[0].lo.text, "lo");
  CHECK(b->dims[0].len.text == NULL);
  CHECK_EQ_INT(b->dims[0].is_index, 0);
  CHECK_STREQ(c->dims[0].lo.text, "k");
  CHECK_STREQ(c->dims[0].len.text, "1");
  CHECK_EQ_INT(c->dims[0].is_index, 1);
  CHECK(d->dims[0].lo.text == NULL && d->dims[0].len.text == NULL);
  CHECK_EQ_INT(d->dims[0].is_index, 0);
  CHECK_EQ_INT(e->ndims, 4);
  CHECK_EQ_INT(e->dims[0].is_index, 1);
  CHECK_STREQ(e->dims[0].lo.text, "i");
  CHECK_STREQ(e->dims[1].lo.text, "j");
  CHECK_STREQ(e->dims[1].len.text, "2");
  CHECK(e->dims[2].lo.text == NULL);
  CHECK_STREQ(e->dims[2].len.text, "m");
  CHECK_STREQ(e->dims[3].lo.text, "x");
  CHECK_STREQ(e->dims[3].len.text, "y");
  parcc_pragma_free(&p);

  /* PARCC_MAX_DIMS dimensions are fine */
  PARSE_OK(" distribute map(to: a[0:1][1][2:][:3][4:5][6][7:8][9:10])", &p);
  CHECK_EQ_INT(clause(&p, 0)->items[0].ndims, PARCC_MAX_DIMS);
  CHECK_STREQ(clause(&p, 0)->items[0].dims[7].lo.text, "9");
  CHECK_STREQ(clause(&p, 0)->items[0].dims[7].len.text, "10");
  parcc_pragma_free(&p);
}

TEST(section_expressions) {
  static const struct {
    const char *text, *lo, *len;
  } cases[] = {
      {"a[n>0?1:0 : n]", "n>0?1:0", "n"},
      {"a[n > 0 ? 1 : 0:n]", "n > 0 ? 1 : 0", "n"},
      {"a[x ? (y ? 1 : 2) : 3 : n]", "x ? (y ? 1 : 2) : 3", "n"},
      {"a[x ? y ? 1 : 2 : 3 : n ? n : 1]", "x ? y ? 1 : 2 : 3", "n ? n : 1"},
      {"a[x ?: y : n]", "x ?: y", "n"},
      {"a[(int)f(x, y) : s->len]", "(int)f(x, y)", "s->len"},
      {"a[arr[i][j] : (n + 1) * 2]", "arr[i][j]", "(n + 1) * 2"},
      {"a[(int[]){1, 2}[0] : g(h(1), k[2])]", "(int[]){1, 2}[0]", "g(h(1), k[2])"},
      {"a[ s.x . y : sizeof(struct t) ]", "s.x . y", "sizeof(struct t)"},
      {"a[ i  /* c */ + 1 :\tn\n]", "i + 1", "n"},
      {"a[c == ':' ? 1 : 2 : strlen(\"a]:b\")]", "c == ':' ? 1 : 2", "strlen(\"a]:b\")"},
      {"a[-1:+2]", "-1", "+2"},
      {"a[0x10:1.5e+3f]", "0x10", "1.5e+3f"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[256];
    snprintf(text, sizeof text, " distribute map(to: %s)", cases[i].text);
    parcc_pragma_t p;
    PARSE_OK(text, &p);
    const parcc_dim_t *d = &clause(&p, 0)->items[0].dims[0];
    CHECK_EQ_INT(clause(&p, 0)->items[0].ndims, 1);
    CHECK_STREQ(d->lo.text, cases[i].lo);
    CHECK_STREQ(d->len.text, cases[i].len);
    CHECK_EQ_INT(text[d->lo.off], cases[i].lo[0]);
    parcc_pragma_free(&p);
  }
  /* a ?: inside an index (no section colon) */
  parcc_pragma_t p;
  PARSE_OK(" distribute map(to: a[c ? d : e])", &p);
  CHECK_EQ_INT(clause(&p, 0)->items[0].dims[0].is_index, 1);
  CHECK_STREQ(clause(&p, 0)->items[0].dims[0].lo.text, "c ? d : e");
  parcc_pragma_free(&p);
}

TEST(reduction_operators) {
  static const struct {
    const char *op;
    enum parcc_red_op val;
  } ops[] = {
      {"+", PARCC_RED_ADD},   {"*", PARCC_RED_MUL},   {"-", PARCC_RED_SUB},   {"&", PARCC_RED_BAND},
      {"|", PARCC_RED_BOR},   {"^", PARCC_RED_BXOR},  {"&&", PARCC_RED_LAND}, {"||", PARCC_RED_LOR},
      {"min", PARCC_RED_MIN}, {"max", PARCC_RED_MAX},
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    char text[128];
    snprintf(text, sizeof text, " distribute reduction(%s: s, hist[0:nbins])", ops[i].op);
    parcc_pragma_t p;
    PARSE_OK(text, &p);
    const parcc_clause_t *r = clause(&p, 0);
    CHECK_EQ_INT(r->kind, PARCC_CL_REDUCTION);
    CHECK_EQ_INT(r->red_op, ops[i].val);
    CHECK_EQ_INT(r->nitems, 2);
    CHECK_STREQ(r->items[0].name, "s");
    CHECK_STREQ(r->items[1].name, "hist");
    CHECK_STREQ(r->items[1].dims[0].len.text, "nbins");
    CHECK_STREQ(parcc_red_op_spelling(ops[i].val), ops[i].op);
    parcc_pragma_free(&p);
    snprintf(text, sizeof text, "distribute reduction(%s:s)", ops[i].op);
    PARSE_OK(text, &p);
    CHECK_EQ_INT(clause(&p, 0)->red_op, ops[i].val);
    parcc_pragma_free(&p);
  }
}

TEST(private_lists) {
  parcc_pragma_t p;
  PARSE_OK(" distribute private(t, u) firstprivate(k) lastprivate(last, buf[0:4])", &p);
  CHECK_EQ_INT(p.nclauses, 3);
  CHECK_EQ_INT(clause(&p, 0)->kind, PARCC_CL_PRIVATE);
  CHECK_EQ_INT(clause(&p, 0)->nitems, 2);
  CHECK_STREQ(clause(&p, 0)->items[1].name, "u");
  CHECK_EQ_INT(clause(&p, 1)->kind, PARCC_CL_FIRSTPRIVATE);
  CHECK_STREQ(clause(&p, 1)->items[0].name, "k");
  CHECK_EQ_INT(clause(&p, 2)->kind, PARCC_CL_LASTPRIVATE);
  CHECK_STREQ(clause(&p, 2)->items[1].name, "buf");
  CHECK_EQ_INT(clause(&p, 2)->items[1].ndims, 1);
  parcc_pragma_free(&p);
  /* repeated list clauses are allowed */
  PARSE_OK(" distribute private(a) private(b) map(to: x) map(from: y) reduction(+:s) "
           "reduction(max:m)",
           &p);
  CHECK_EQ_INT(p.nclauses, 6);
  parcc_pragma_free(&p);
  /* identifiers with $ and UTF-8 letters */
  PARSE_OK(" distribute private(a$b, \xc3\xa4, _x9)", &p);
  CHECK_STREQ(clause(&p, 0)->items[0].name, "a$b");
  CHECK_STREQ(clause(&p, 0)->items[1].name, "\xc3\xa4");
  CHECK_STREQ(clause(&p, 0)->items[2].name, "_x9");
  parcc_pragma_free(&p);
}

TEST(schedule) {
  static const struct {
    const char *text;
    enum parcc_schedule kind;
    const char *chunk;
  } cases[] = {
      {"schedule(static)", PARCC_SCHED_STATIC, NULL},
      {"schedule(dynamic)", PARCC_SCHED_DYNAMIC, NULL},
      {"schedule(guided)", PARCC_SCHED_GUIDED, NULL},
      {"schedule(static, 16)", PARCC_SCHED_STATIC, "16"},
      {"schedule(dynamic,n / 4)", PARCC_SCHED_DYNAMIC, "n / 4"},
      {"schedule( guided , f(a, b) )", PARCC_SCHED_GUIDED, "f(a, b)"},
      {"schedule(static, 0x10u)", PARCC_SCHED_STATIC, "0x10u"},
      {"schedule(static, n > 0 ? n : 1)", PARCC_SCHED_STATIC, "n > 0 ? n : 1"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[128];
    snprintf(text, sizeof text, "distribute %s", cases[i].text);
    parcc_pragma_t p;
    PARSE_OK(text, &p);
    const parcc_clause_t *s = clause(&p, 0);
    CHECK_EQ_INT(s->kind, PARCC_CL_SCHEDULE);
    CHECK_EQ_INT(s->sched, cases[i].kind);
    if (cases[i].chunk)
      CHECK_STREQ(s->sched_chunk.text, cases[i].chunk);
    else
      CHECK(s->sched_chunk.text == NULL);
    CHECK_EQ_INT(s->off, 11);
    CHECK_EQ_INT(s->end, (uint32_t)strlen(text));
    parcc_pragma_free(&p);
  }
}

TEST(device) {
  static const struct {
    const char *text;
    enum parcc_device dev;
  } cases[] = {
      {"distribute device(cpu)", PARCC_DEV_CPU},
      {"distribute device(gpu)", PARCC_DEV_GPU},
      {"distribute device( any )", PARCC_DEV_ANY},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    parcc_pragma_t p;
    PARSE_OK(cases[i].text, &p);
    CHECK_EQ_INT(clause(&p, 0)->kind, PARCC_CL_DEVICE);
    CHECK_EQ_INT(clause(&p, 0)->device, cases[i].dev);
    parcc_pragma_free(&p);
  }
}

TEST(retries_timeout_if) {
  static const struct {
    const char *text;
    enum parcc_clause_kind kind;
    const char *arg;
  } cases[] = {
      {"retries(3)", PARCC_CL_RETRIES, "3"},
      {"retries(0)", PARCC_CL_RETRIES, "0"},
      {"retries(2147483647)", PARCC_CL_RETRIES, "2147483647"},
      {"retries(n + 1)", PARCC_CL_RETRIES, "n + 1"},
      {"retries(-n)", PARCC_CL_RETRIES, "-n"},
      {"retries(010)", PARCC_CL_RETRIES, "010"},
      {"retries(0b11)", PARCC_CL_RETRIES, "0b11"},
      {"retries(5ull)", PARCC_CL_RETRIES, "5ull"},
      {"timeout(10)", PARCC_CL_TIMEOUT, "10"},
      {"timeout(1.5)", PARCC_CL_TIMEOUT, "1.5"},
      {"timeout(.25f)", PARCC_CL_TIMEOUT, ".25f"},
      {"timeout(1e3)", PARCC_CL_TIMEOUT, "1e3"},
      {"timeout(0x1p-2)", PARCC_CL_TIMEOUT, "0x1p-2"},
      {"timeout(+2)", PARCC_CL_TIMEOUT, "+2"},
      {"timeout(t * 2.0)", PARCC_CL_TIMEOUT, "t * 2.0"},
      {"if(n > 100)", PARCC_CL_IF, "n > 100"},
      {"if(a ? b : c)", PARCC_CL_IF, "a ? b : c"},
      {"if((a, b))", PARCC_CL_IF, "(a, b)"},
      {"if(0)", PARCC_CL_IF, "0"},
      {"if(-1)", PARCC_CL_IF, "-1"},
      {"if( f(x)[2] && p->ok )", PARCC_CL_IF, "f(x)[2] && p->ok"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[128];
    snprintf(text, sizeof text, " distribute %s", cases[i].text);
    parcc_pragma_t p;
    PARSE_OK(text, &p);
    const parcc_clause_t *c = clause(&p, 0);
    CHECK_EQ_INT(c->kind, cases[i].kind);
    CHECK_STREQ(c->arg.text, cases[i].arg);
    CHECK_EQ_INT(c->arg.off,
                 (uint32_t)(strchr(text, '(') - text + 1 + strspn(strchr(text, '(') + 1, " ")));
    CHECK_EQ_INT(c->end, (uint32_t)strlen(text));
    parcc_pragma_free(&p);
  }
}

TEST(cache) {
  static const struct {
    const char *text, *dir;
  } cases[] = {
      {"distribute cache", NULL},
      {"distribute cache nowait", NULL},
      {"distribute cache(\"dir\")", "dir"},
      {"distribute cache ( \"a/b c\" )", "a/b c"},
      {"distribute cache(\"a\" \"b\"/**/\"c\")", "abc"},
      {"distribute cache(\"t\\tx\\\\y\\\"z\\n\")", "t\tx\\y\"z\n"},
      {"distribute cache(\"\\x41\\101\\1012\\?\\'\")", "AAA2?'"},
      {"distribute cache(\"\\u00e9\\U0001F600\")", "\xc3\xa9\xf0\x9f\x98\x80"},
      {"distribute cache(\"\\u0041\\u20ac\\v\\a\\b\\f\\r\")", "A\xe2\x82\xac\v\a\b\f\r"},
      {"distribute cache(\"d\\\nir\")", "dir"},
      {"distribute cache(\"\xc3\xa4/\")", "\xc3\xa4/"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    parcc_pragma_t p;
    PARSE_OK(cases[i].text, &p);
    const parcc_clause_t *c = clause(&p, 0);
    CHECK_EQ_INT(c->kind, PARCC_CL_CACHE);
    if (cases[i].dir)
      CHECK_STREQ(c->cache_dir, cases[i].dir);
    else
      CHECK(c->cache_dir == NULL);
    parcc_pragma_free(&p);
  }
}

TEST(nowait_and_all_clauses) {
  parcc_pragma_t p;
  const char *t = "distribute map(to: a[0:n]) map(from: b[0:n]) reduction(max: m) private(t) "
                  "firstprivate(f) lastprivate(l) schedule(guided, 8) device(any) retries(4) "
                  "timeout(30) cache(\".c\") if(n > 1000) nowait";
  PARSE_OK(t, &p);
  static const enum parcc_clause_kind kinds[] = {
      PARCC_CL_MAP,          PARCC_CL_MAP,         PARCC_CL_REDUCTION, PARCC_CL_PRIVATE,
      PARCC_CL_FIRSTPRIVATE, PARCC_CL_LASTPRIVATE, PARCC_CL_SCHEDULE,  PARCC_CL_DEVICE,
      PARCC_CL_RETRIES,      PARCC_CL_TIMEOUT,     PARCC_CL_CACHE,     PARCC_CL_IF,
      PARCC_CL_NOWAIT};
  CHECK_EQ_INT(p.nclauses, 13);
  for (int i = 0; i < 13; i++) {
    CHECK_EQ_INT(p.clauses[i].kind, kinds[i]);
    const char *name = parcc_clause_name(kinds[i]);
    CHECK_EQ_INT(memcmp(t + p.clauses[i].off, name, strlen(name)), 0);
    CHECK(p.clauses[i].end > p.clauses[i].off);
    if (i + 1 < 13) CHECK_EQ_INT(t[p.clauses[i].end], ' ');
  }
  parcc_pragma_free(&p);
}

TEST(commas_between_clauses) {
  const char *with = "distribute map(to: a[0:n]), reduction(+: s),schedule(static) , nowait";
  const char *without = "distribute map(to: a[0:n]) reduction(+: s) schedule(static) nowait";
  const char *mixed = "distribute map(to: a[0:n]) reduction(+: s), schedule(static)nowait";
  const char *texts[] = {with, without, mixed};
  for (int i = 0; i < 3; i++) {
    parcc_pragma_t p;
    PARSE_OK(texts[i], &p);
    CHECK_EQ_INT(p.nclauses, 4);
    CHECK_EQ_INT(p.clauses[0].kind, PARCC_CL_MAP);
    CHECK_EQ_INT(p.clauses[1].kind, PARCC_CL_REDUCTION);
    CHECK_EQ_INT(p.clauses[2].kind, PARCC_CL_SCHEDULE);
    CHECK_EQ_INT(p.clauses[3].kind, PARCC_CL_NOWAIT);
    parcc_pragma_free(&p);
  }
}

TEST(blanks_comments_continuations) {
  /* as the caller may hand it over: continuations still in the text */
  const char *t = " distribute map(to: a[0:n],\\\n     b[0 : /* rows */ n][0:m]) \\\r\n"
                  "  reduction(+: s) // the sum\\\n   still comment\n";
  parcc_pragma_t p;
  PARSE_OK(t, &p);
  CHECK_EQ_INT(p.nclauses, 2);
  CHECK_EQ_INT(clause(&p, 0)->nitems, 2);
  CHECK_STREQ(clause(&p, 0)->items[1].dims[0].len.text, "n");
  CHECK_EQ_INT(clause(&p, 0)->items[1].dims[0].len.off, (uint32_t)(strstr(t, "n][") - t));
  CHECK_EQ_INT(clause(&p, 1)->red_op, PARCC_RED_ADD);
  parcc_pragma_free(&p);

  /* joined: continuations replaced by blanks */
  PARSE_OK("\tdistribute\f\vmap(to:a[0:n])  /**/nowait/**/", &p);
  CHECK_EQ_INT(p.nclauses, 2);
  parcc_pragma_free(&p);

  /* comments and splices inside expressions become one blank */
  PARSE_OK(" distribute if(n/*x*/>/**/0 &&\\\nok//\n)", &p);
  CHECK_STREQ(clause(&p, 0)->arg.text, "n > 0 && ok");
  parcc_pragma_free(&p);
  PARSE_OK(" distribute if(f(\"a\\\nb\") == '\\\r\nc')", &p);
  CHECK_STREQ(clause(&p, 0)->arg.text, "f(\"ab\") == 'c'");
  parcc_pragma_free(&p);
  PARSE_OK(" distribute if(a/b)", &p);
  CHECK_STREQ(clause(&p, 0)->arg.text, "a/b");
  parcc_pragma_free(&p);
}

TEST(input_not_nul_terminated) {
  const char *t = " distribute map(to: a[0:n]) nowait";
  size_t n = strlen(t);
  char *buf = malloc(n);
  memcpy(buf, t, n);
  parcc_pragma_t p;
  parcc_pragma_error_t e;
  CHECK_EQ_INT(parcc_pragma_parse(buf, n, &p, &e), 0);
  CHECK_EQ_INT(p.nclauses, 2);
  parcc_pragma_free(&p);
  /* only the first len bytes count */
  CHECK_EQ_INT(parcc_pragma_parse(buf, strlen(" distribute map(to: a[0:n])"), &p, &e), 0);
  CHECK_EQ_INT(p.nclauses, 1);
  parcc_pragma_free(&p);
  CHECK_EQ_INT(parcc_pragma_parse(buf, strlen(" distribute map(to: a[0:n]"), &p, &e), -1);
  CHECK_STREQ(e.message, "expected ')' to close 'map' clause");
  free(buf);
  /* NULL error pointer and NULL text with length 0 */
  CHECK_EQ_INT(parcc_pragma_parse(" sync", 5, &p, NULL), 0);
  parcc_pragma_free(&p);
  CHECK_EQ_INT(parcc_pragma_parse(" sync junk", 10, &p, NULL), -1);
  CHECK_EQ_INT(parcc_pragma_parse(NULL, 0, &p, &e), -1);
  CHECK_STREQ(e.message, "expected a directive after '#pragma par'");
  CHECK_EQ_INT(parcc_pragma_parse(NULL, 3, &p, &e), -1);
  CHECK_EQ_INT(parcc_pragma_parse("sync", 4, NULL, &e), -1);
  /* a length beyond what offsets can express is refused before reading */
  if (sizeof(size_t) > 4) {
    CHECK_EQ_INT(parcc_pragma_parse(" sync", (size_t)UINT32_MAX, &p, &e), -1);
    CHECK_STREQ(e.message, "pragma text is too long");
  }
  /* free is idempotent and accepts NULL */
  parcc_pragma_free(&p);
  parcc_pragma_free(NULL);
}

TEST(spelling_helpers) {
  CHECK_STREQ(parcc_clause_name(PARCC_CL_MAP), "map");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_REDUCTION), "reduction");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_PRIVATE), "private");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_FIRSTPRIVATE), "firstprivate");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_LASTPRIVATE), "lastprivate");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_SCHEDULE), "schedule");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_DEVICE), "device");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_RETRIES), "retries");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_TIMEOUT), "timeout");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_CACHE), "cache");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_IF), "if");
  CHECK_STREQ(parcc_clause_name(PARCC_CL_NOWAIT), "nowait");
  CHECK_STREQ(parcc_clause_name((enum parcc_clause_kind)0), "?");
  CHECK_STREQ(parcc_clause_name((enum parcc_clause_kind)99), "?");
  CHECK_STREQ(parcc_red_op_spelling(PARCC_RED_SUB), "-");
  CHECK_STREQ(parcc_red_op_spelling(PARCC_RED_LOR), "||");
  CHECK_STREQ(parcc_red_op_spelling((enum parcc_red_op)42), "?");
}

/* ---- errors ------------------------------------------------------------------------------------
 */

TEST(errors_directive) {
  ERR("", "^", "expected a directive after '#pragma par'", "'distribute', 'spawn' and 'sync'");
  ERR("   // nothing", "^", "expected a directive after '#pragma par'", "'spawn'");
  ERR(" (", " ^", "expected a directive after '#pragma par'", "'distribute'");
  ERR(" distrbute", " ^", "unknown directive 'distrbute'", "did you mean 'distribute'?");
  ERR(" Distribute", " ^", "unknown directive 'Distribute'", "did you mean 'distribute'?");
  ERR(" snyc", " ^", "unknown directive 'snyc'", "did you mean 'sync'?");
  ERR(" parallel for", " ^", "unknown directive 'parallel'", "did you mean 'distribute'?");
  ERR(" taskwait", " ^", "unknown directive 'taskwait'", "did you mean 'sync'?");
  ERR(" task", " ^", "unknown directive 'task'", "did you mean 'spawn'?");
  ERR(" frobnicate", " ^", "unknown directive 'frobnicate'",
      "the directives are 'distribute', 'spawn' and 'sync'");
  ERR(" sync nowait", "      ^", "'#pragma par sync' takes no clauses", "");
  ERR(" sync()", "     ^", "'#pragma par sync' takes no clauses", "");
  ERR(" spawn map(to: a)", "       ^", "'#pragma par spawn' takes no clauses",
      "'#pragma par distribute'");
}

TEST(errors_clause_names) {
  ERR(" distribute reduce(+: s)", "            ^",
      "unknown clause 'reduce' in '#pragma par distribute'", "did you mean 'reduction'?");
  ERR(" distribute reductoin(+: s)", "            ^",
      "unknown clause 'reductoin' in '#pragma par distribute'", "did you mean 'reduction'?");
  ERR(" distribute shedule(static)", "            ^",
      "unknown clause 'shedule' in '#pragma par distribute'", "did you mean 'schedule'?");
  ERR(" distribute frstprivate(a)", "            ^",
      "unknown clause 'frstprivate' in '#pragma par distribute'", "did you mean 'firstprivate'?");
  ERR(" distribute retry(2)", "            ^", "unknown clause 'retry' in '#pragma par distribute'",
      "did you mean 'retries'?");
  ERR(" distribute NOWAIT", "            ^", "unknown clause 'NOWAIT' in '#pragma par distribute'",
      "did you mean 'nowait'?");
  ERR(" distribute maps(to: a)", "            ^",
      "unknown clause 'maps' in '#pragma par distribute'", "did you mean 'map'?");
  ERR(" distribute xyzzy", "            ^", "unknown clause 'xyzzy' in '#pragma par distribute'",
      "the clauses are map, reduction, private");
  ERR(" distribute collapse(2)", "            ^",
      "unknown clause 'collapse' in '#pragma par distribute'", "OpenMP clause");
  ERR(" distribute shared(a)", "            ^",
      "unknown clause 'shared' in '#pragma par distribute'", "'map'");
  ERR(" distribute num_threads(4)", "            ^",
      "unknown clause 'num_threads' in '#pragma par distribute'", "PAR_WORKERS");
  ERR(" distribute nowait )", "                   ^", "unexpected ')' in '#pragma par distribute'",
      "the clauses are");
  ERR(" distribute nowait 42", "                   ^",
      "unexpected '42' in '#pragma par distribute'", NULL);
  ERR(" distribute \"x\"", "            ^", "unexpected '\"x\"' in '#pragma par distribute'", NULL);
  ERR(" distribute , nowait", "            ^", "unexpected ',' in '#pragma par distribute'", NULL);
  ERR(" distribute nowait,, if(x)", "                   ^",
      "unexpected ',' in '#pragma par distribute'", NULL);
  ERR(" distribute nowait,", "                   ^", "expected a clause after ','", "");
  ERR(" distribute nowait, // end", "                   ^", "expected a clause after ','", "");
  ERR(" distribute nowait()", "                  ^", "'nowait' clause takes no arguments", "");
}

TEST(errors_duplicates) {
  static const char *const once[] = {"schedule(static)", "device(gpu)", "retries(1)",
                                     "timeout(2)",       "cache",       "if(c)",
                                     "nowait",           "cache(\"d\")"};
  static const char *const names[] = {"schedule", "device", "retries", "timeout",
                                      "cache",    "if",     "nowait",  "cache"};
  for (size_t i = 0; i < sizeof once / sizeof once[0]; i++) {
    char text[128], caret[128], msg[128];
    snprintf(text, sizeof text, "distribute %s map(a) %s", once[i], once[i]);
    size_t at = strlen("distribute ") + strlen(once[i]) + strlen(" map(a) ");
    memset(caret, ' ', at);
    caret[at] = '^';
    caret[at + 1] = '\0';
    snprintf(msg, sizeof msg, "'#pragma par distribute' cannot contain more than one '%s' clause",
             names[i]);
    err_at(__LINE__, text, strlen(text), caret, msg, "remove one of them");
  }
}

TEST(errors_parens_and_lists) {
  ERR(" distribute map to: a)", "                ^", "expected '(' after 'map'", "");
  ERR(" distribute reduction", "                     ^", "expected '(' after 'reduction'", "");
  ERR(" distribute private a", "                    ^", "expected '(' after 'private'", "");
  ERR(" distribute schedule static", "                     ^", "expected '(' after 'schedule'", "");
  ERR(" distribute device[gpu]", "                  ^", "expected '(' after 'device'", "");
  ERR(" distribute if x", "               ^", "expected '(' after 'if'", "");
  ERR(" distribute private(a", "                     ^", "expected ')' to close 'private' clause",
      "");
  ERR(" distribute private(a   // x", "                     ^",
      "expected ')' to close 'private' clause", "");
  ERR(" distribute device(gpu", "                      ^", "expected ')' to close 'device' clause",
      "");
  ERR(" distribute device(gpu, cpu)", "                      ^",
      "expected ')' to close 'device' clause", "");
  ERR(" distribute schedule(static", "                           ^",
      "expected ')' to close 'schedule' clause", "");
  ERR(" distribute schedule(static, 4", "                              ^",
      "expected ')' to close 'schedule' clause", "");
  ERR(" distribute cache(\"d\"", "                     ^", "expected ')' to close 'cache' clause",
      "");
  ERR(" distribute if(x", "                ^", "expected ')' to close 'if' clause", "");
  ERR(" distribute if(a, b)", "                ^", "expected ')' to close 'if' clause", "");
  ERR(" distribute retries(1, 2)", "                     ^",
      "expected ')' to close 'retries' clause", "");
  ERR(" distribute private()", "                    ^", "empty list in 'private' clause",
      "name at least one variable");
  ERR(" distribute firstprivate( )", "                          ^",
      "empty list in 'firstprivate' clause", "name at least one variable");
  ERR(" distribute lastprivate()", "                        ^",
      "empty list in 'lastprivate' clause", "name at least one variable");
  ERR(" distribute map(to: )", "                    ^", "empty list in 'map' clause",
      "name at least one variable");
  ERR(" distribute map()", "                ^", "empty list in 'map' clause",
      "name at least one variable");
  ERR(" distribute reduction(+:)", "                        ^", "empty list in 'reduction' clause",
      "name at least one variable");
  ERR(" distribute private(a,)", "                      ^", "expected a variable name, found ')'",
      "array sections");
  ERR(" distribute private(,a)", "                    ^", "expected a variable name, found ','",
      NULL);
  ERR(" distribute map(to: *p)", "                    ^", "expected a variable name, found '*'",
      "list items are variables");
  ERR(" distribute map(to: (a))", "                    ^", "expected a variable name, found '('",
      NULL);
  ERR(" distribute map(to: 1)", "                    ^", "expected a variable name, found '1'",
      NULL);
  ERR(" distribute private(a", "                     ^", "expected ')' to close 'private' clause",
      NULL);
  ERR(" distribute private(a b)", "                      ^",
      "expected ',' or ')' in 'private' clause, found 'b'", "");
  ERR(" distribute private(f(x))", "                     ^",
      "expected ',' or ')' in 'private' clause, found '('", "");
  ERR(" distribute map(to: s.field)", "                     ^",
      "member access is not allowed in a 'map' clause", "list the whole variable 's'");
  ERR(" distribute reduction(+: p->x)", "                          ^",
      "member access is not allowed in a 'reduction' clause", "list the whole variable 'p'");
  ERR(" distribute map(to: a[0:n].x)", "                          ^",
      "member access is not allowed in a 'map' clause", "'a'");
}

TEST(errors_kinds_and_operators) {
  ERR(" distribute map(to a[0:n])", "                   ^", "expected ':' after map kind 'to'", "");
  ERR(" distribute map(tofrom b)", "                       ^",
      "expected ':' after map kind 'tofrom'", "");
  ERR(" distribute map(tu: a)", "                ^", "unknown map kind 'tu'", "did you mean 'to'?");
  ERR(" distribute map(form: a)", "                ^", "unknown map kind 'form'",
      "did you mean 'from'?");
  ERR(" distribute map(delete: a)", "                ^", "unknown map kind 'delete'",
      "the map kinds are 'to', 'from', 'tofrom' and 'alloc'");
  ERR(" distribute map(1: a)", "                ^", "unknown map kind '1'", "the map kinds are");
  ERR(" distribute map(: a)", "                ^", "expected a map kind before ':'",
      "the map kinds are");
  ERR(" distribute map(always, to: a)", "                ^",
      "map type modifier 'always' is not supported", NULL);
  ERR(" distribute reduction(+ s)", "                        ^",
      "expected ':' after reduction operator '+'", "");
  ERR(" distribute reduction(min s)", "                          ^",
      "expected ':' after reduction operator 'min'", "");
  ERR(" distribute reduction(sum: s)", "                      ^",
      "unknown reduction operator 'sum'",
      "the operators are +, *, -, &, |, ^, &&, ||, min and max");
  ERR(" distribute reduction(+=: s)", "                      ^", "unknown reduction operator '+='",
      "min and max");
  ERR(" distribute reduction(/: s)", "                      ^", "unknown reduction operator '/'",
      NULL);
  ERR(" distribute reduction(s)", "                      ^",
      "expected a reduction operator and ':' before 's'", "reduction(op: list)");
  ERR(" distribute reduction()", "                      ^",
      "expected a reduction operator and ':' before ')'", NULL);
  ERR(" distribute reduction(: s)", "                      ^",
      "expected a reduction operator before ':'", "the operators are");
  ERR(" distribute schedule(auto)", "                     ^", "unknown schedule kind 'auto'",
      "the schedule kinds are 'static', 'dynamic' and 'guided'");
  ERR(" distribute schedule(dynamc, 2)", "                     ^", "unknown schedule kind 'dynamc'",
      "did you mean 'dynamic'?");
  ERR(" distribute schedule(4)", "                     ^", "expected a schedule kind, found '4'",
      "the schedule kinds are");
  ERR(" distribute schedule()", "                     ^", "expected a schedule kind, found ')'",
      NULL);
  ERR(" distribute schedule(monotonic: dynamic)", "                     ^",
      "schedule modifier 'monotonic' is not supported", NULL);
  ERR(" distribute schedule(static 4)", "                            ^",
      "expected ',' or ')' after schedule kind 'static'", "");
  ERR(" distribute schedule(static, )", "                             ^",
      "expected a chunk size after ','", "");
  ERR(" distribute schedule(static, n : 2)", "                               ^",
      "unexpected ':' in 'schedule' clause", "");
  ERR(" distribute schedule(dynamic, 0)", "                              ^",
      "schedule chunk size must be a positive integer", "");
  ERR(" distribute schedule(dynamic, -4)", "                              ^",
      "schedule chunk size must be a positive integer", "");
  ERR(" distribute schedule(dynamic, 2.5)", "                              ^",
      "schedule chunk size must be a positive integer", "");
  ERR(" distribute device(tpu)", "                   ^", "unknown device kind 'tpu'",
      "did you mean 'cpu'?");
  ERR(" distribute device(gpus)", "                   ^", "unknown device kind 'gpus'",
      "did you mean 'gpu'?");
  ERR(" distribute device(fpga)", "                   ^", "unknown device kind 'fpga'",
      "the device kinds are 'cpu', 'gpu' and 'any'");
  ERR(" distribute device(0)", "                   ^", "expected a device kind, found '0'",
      "the device kinds are");
}

TEST(errors_expressions) {
  ERR(" distribute if()", "               ^", "expected an expression in 'if' clause", "");
  ERR(" distribute retries()", "                    ^",
      "expected an expression in 'retries' clause", "");
  ERR(" distribute timeout( /* none */ )", "                                ^",
      "expected an expression in 'timeout' clause", "");
  ERR(" distribute if(,)", "               ^", "expected an expression in 'if' clause", "");
  ERR(" distribute if(a : b)", "                 ^", "unexpected ':' in 'if' clause", "");
  ERR(" distribute if(f(x)", "                   ^", "expected ')' to close 'if' clause", "");
  ERR(" distribute if(f(x", "                  ^", "expected ')' before end of pragma", "");
  ERR(" distribute if(a[f(x]) )", "                    ^", "expected ')' before ']'", "");
  ERR(" distribute if({a)", "                 ^", "expected '}' before ')'", "");
  ERR(" distribute if(a ] b)", "                 ^", "expected ')' to close 'if' clause", "");
  ERR(" distribute retries(-1)", "                    ^",
      "retries count must be a non-negative integer", "");
  ERR(" distribute retries(1.5)", "                    ^",
      "retries count must be a non-negative integer", "");
  ERR(" distribute retries(1e3)", "                    ^",
      "retries count must be a non-negative integer", "");
  ERR(" distribute retries(99999999999)", "                    ^",
      "retries count must be at most 2147483647", "");
  ERR(" distribute retries(99999999999999999999999)", "                    ^",
      "number '99999999999999999999999' is out of range", "");
  ERR(" distribute retries(12abc)", "                    ^", "invalid number '12abc'", "");
  ERR(" distribute retries(0x)", "                    ^", "invalid number '0x'", "");
  ERR(" distribute retries(09)", "                    ^", "invalid number '09'", "");
  ERR(" distribute retries(1lul)", "                    ^", "invalid number '1lul'", "");
  ERR(" distribute retries(0b12)", "                    ^", "invalid number '0b12'", "");
  ERR(" distribute timeout(0)", "                    ^",
      "timeout must be a positive number of seconds", "");
  ERR(" distribute timeout(0.0)", "                    ^",
      "timeout must be a positive number of seconds", "");
  ERR(" distribute timeout(-2.5)", "                    ^",
      "timeout must be a positive number of seconds", "");
  ERR(" distribute timeout(1e-999)", "                    ^",
      "timeout must be a positive number of seconds", "");
  ERR(" distribute timeout(1e999)", "                    ^", "number '1e999' is out of range", "");
  ERR(" distribute timeout(1.5.2)", "                    ^", "invalid number '1.5.2'", "");
  ERR(" distribute timeout(0x1.8)", "                    ^", "invalid number '0x1.8'", "");
}

TEST(errors_sections) {
  ERR(" distribute map(to: a[])", "                     ^",
      "expected an index or array section in '[]'", "a[lo:len]");
  ERR(" distribute map(to: a[0:n:2])", "                         ^",
      "array section strides are not supported", "sections are [lo:len]");
  ERR(" distribute map(to: a[0:n)", "                         ^",
      "expected ']' to close array section", "");
  ERR(" distribute map(to: a[0, 1])", "                       ^",
      "expected ']' to close array section", "");
  ERR(" distribute map(to: a[0:n", "                         ^",
      "expected ']' to close array section", "");
  ERR(" distribute map(to: a[f(x]:n])", "                         ^", "expected ')' before ']'",
      "");
  ERR(" distribute map(to: a[0:n}", "                         ^",
      "expected ']' to close array section", "");
  ERR(" distribute map(to: a[0][1][2][3][4][5][6][7][8])",
      "                                    "
      "         ^",
      "too many array dimensions for 'a' (at most 8)", "");
  /* nesting deeper than the limit */
  char text[1200], caret[1200];
  strcpy(text, " distribute if(");
  size_t n = strlen(text);
  for (int i = 0; i < 300; i++)
    text[n++] = '(';
  text[n] = '\0';
  memset(caret, ' ', sizeof caret);
  caret[strlen(" distribute if(") + 256] = '^';
  caret[strlen(" distribute if(") + 257] = '\0';
  ERR(text, caret, "expression nested too deeply", "");
  /* a deep but allowed nesting is fine */
  strcpy(text, " distribute if(");
  n = strlen(text);
  for (int i = 0; i < 256; i++)
    text[n++] = '(';
  text[n++] = 'x';
  for (int i = 0; i < 256; i++)
    text[n++] = ')';
  text[n++] = ')';
  text[n] = '\0';
  parcc_pragma_t p;
  PARSE_OK(text, &p);
  parcc_pragma_free(&p);
}

TEST(errors_lexical) {
  ERR(" distribute @", "            ^", "invalid character '@' in pragma", "");
  ERR(" distribute if(a ` b)", "                 ^", "invalid character '`' in pragma", "");
  ERR(" distribute if(a \\ b)", "                 ^", "invalid character '\\' in pragma", "");
  ERR(" distribute \x01", "            ^", "invalid character '\\x01' in pragma", "");
  ERR(" distribute \x7f", "            ^", "invalid character '\\x7f' in pragma", "");
  ERR_N(" distribute\0nowait", 18, "           ^", "invalid character '\\x00' in pragma", "");
  ERR_N(" distribute cache(\"a\0b\")", 24, "                    ^",
        "invalid character '\\x00' in pragma", "");
  ERR_N(" distribute cache(\"a\\\0b\")", 25, "                     ^",
        "invalid character '\\x00' in pragma", "");
  ERR(" distribute /* x", "            ^", "unterminated /* comment", "");
  ERR(" distribute /*/", "            ^", "unterminated /* comment", "");
  ERR(" distribute cache(\"abc)", "                  ^", "missing terminating '\"' character", "");
  ERR(" distribute cache(\"abc\\\")", "                  ^", "missing terminating '\"' character",
      "");
  ERR(" distribute cache(\"ab\nc\")", "                  ^", "missing terminating '\"' character",
      "");
  ERR(" distribute if(c == 'a)", "                    ^", "missing terminating ' character", "");
  ERR(" distribute if(c == '')", "                    ^", "empty character constant", "");
  /* unknown letters: bytes >= 0x80 are identifier characters and get quoted */
  ERR(" distribute \xff\xfe", "            ^",
      "unknown clause '\\xff\\xfe' in '#pragma par distribute'", NULL);
  /* a very long word is cut in the message */
  char text[200];
  snprintf(text, sizeof text, " distribute %s", "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee");
  ERR(text, "            ^",
      "unknown clause 'aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd...' in '#pragma par distribute'",
      "the clauses are");
}

TEST(errors_cache) {
  ERR(" distribute cache(dir)", "                  ^",
      "expected a string literal in 'cache' clause", "cache(\"dir\")");
  ERR(" distribute cache()", "                  ^", "expected a string literal in 'cache' clause",
      NULL);
  ERR(" distribute cache(\"\")", "                  ^", "empty directory name in 'cache' clause",
      "");
  ERR(" distribute cache(\"a\\qb\")", "                    ^", "unknown escape sequence '\\q'", "");
  ERR(" distribute cache(\"a\\0\")", "                    ^", "null character in 'cache' directory",
      "");
  ERR(" distribute cache(\"\\x00\")", "                   ^", "null character in 'cache' directory",
      "");
  ERR(" distribute cache(\"\\u0000\")", "                   ^",
      "null character in 'cache' directory", "");
  ERR(" distribute cache(\"a\\x\")", "                    ^",
      "\\x used with no following hex digits", "");
  ERR(" distribute cache(\"\\x100\")", "                   ^", "hex escape sequence out of range",
      "");
  ERR(" distribute cache(\"\\777\")", "                   ^", "octal escape sequence out of range",
      "");
  ERR(" distribute cache(\"\\u12\")", "                   ^", "incomplete universal character name",
      "");
  ERR(" distribute cache(\"\\uD800\")", "                   ^", "invalid universal character", "");
  ERR(" distribute cache(\"\\U00110000\")", "                   ^", "invalid universal character",
      "");
}

/* ---- robustness --------------------------------------------------------------------------------
 */

static uint64_t rng_state;
static uint64_t rng(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
static size_t rnd(size_t n) {
  return n ? (size_t)(rng() % n) : 0;
}

static int well_formed_expr(const parcc_expr_t *e, size_t len) {
  if (!e->text) return 1;
  size_t n = strlen(e->text);
  return n > 0 && e->text[0] != ' ' && e->text[n - 1] != ' ' && e->off < len;
}

/* Parses buf[0..len) from an exact-size copy and checks the result's shape. */
static void check_input(const char *data, size_t len) {
  char *buf = malloc(len ? len : 1);
  memcpy(buf, data, len);
  parcc_pragma_t p;
  parcc_pragma_error_t e;
  int rc = parcc_pragma_parse(buf, len, &p, &e);
  if (rc == -1) {
    size_t n = strlen(e.message);
    CHECK(n > 0 && n < sizeof e.message);
    CHECK(e.message[n - 1] != '.');
    CHECK(!(e.message[0] >= 'A' && e.message[0] <= 'Z'));
    CHECK(e.off <= len);
    CHECK(p.clauses == NULL && p.nclauses == 0);
    free(buf);
    return;
  }
  CHECK_EQ_INT(rc, 0);
  CHECK(p.directive >= PARCC_DIR_DISTRIBUTE && p.directive <= PARCC_DIR_SYNC);
  CHECK(p.directive_off < len);
  if (p.directive != PARCC_DIR_DISTRIBUTE) CHECK_EQ_INT(p.nclauses, 0);
  for (int i = 0; i < p.nclauses; i++) {
    const parcc_clause_t *c = &p.clauses[i];
    CHECK(c->kind >= PARCC_CL_MAP && c->kind <= PARCC_CL_NOWAIT);
    CHECK(c->off < c->end && c->end <= len);
    CHECK(memcmp(buf + c->off, parcc_clause_name(c->kind), strlen(parcc_clause_name(c->kind))) ==
          0);
    int is_list = c->kind <= PARCC_CL_LASTPRIVATE;
    CHECK(is_list ? c->nitems > 0 : c->nitems == 0);
    for (int j = 0; j < c->nitems; j++) {
      const parcc_item_t *it = &c->items[j];
      CHECK(it->name && it->name[0] && it->off < len);
      CHECK(memcmp(buf + it->off, it->name, strlen(it->name)) == 0);
      CHECK(it->ndims >= 0 && it->ndims <= PARCC_MAX_DIMS);
      for (int k = 0; k < it->ndims; k++) {
        CHECK(well_formed_expr(&it->dims[k].lo, len));
        CHECK(well_formed_expr(&it->dims[k].len, len));
        if (it->dims[k].is_index) CHECK(it->dims[k].lo.text && it->dims[k].len.text);
      }
    }
    if (c->kind == PARCC_CL_RETRIES || c->kind == PARCC_CL_TIMEOUT || c->kind == PARCC_CL_IF)
      CHECK(c->arg.text != NULL);
    CHECK(well_formed_expr(&c->arg, len));
    CHECK(well_formed_expr(&c->sched_chunk, len));
    if (c->kind == PARCC_CL_SCHEDULE) CHECK(c->sched >= PARCC_SCHED_STATIC);
    if (c->cache_dir) CHECK(c->cache_dir[0] != '\0');
  }
  parcc_pragma_free(&p);
  free(buf);
}

static const char *const seeds[] = {
    " distribute map(to: a[0:n], b[i*2:n/2][0:M]) reduction(+: s) schedule(dynamic, 4) nowait",
    " distribute map(tofrom: c[0:ni][0:NJ]) private(t) firstprivate(k) lastprivate(l)",
    " distribute reduction(max: m) reduction(&&: ok) device(gpu) retries(3) timeout(2.5)",
    " distribute cache(\"dir\\n\\x41\") if(n > 100 ? a[n>0?1:0 : n] : 0) schedule(guided)",
    " distribute map(to: a[n>0?1:0 : n], b[:m], c[lo:], d[k]) , nowait",
    " spawn",
    " sync // c",
    " distribute /* c */ map(alloc: w[0:(int)f(x, y)]) \\\n device(any)",
};

static const char *const vocab[] = {"distribute",
                                    "spawn",
                                    "sync",
                                    "map",
                                    "reduction",
                                    "private",
                                    "firstprivate",
                                    "lastprivate",
                                    "schedule",
                                    "device",
                                    "retries",
                                    "timeout",
                                    "cache",
                                    "if",
                                    "nowait",
                                    "to",
                                    "from",
                                    "tofrom",
                                    "alloc",
                                    "static",
                                    "dynamic",
                                    "guided",
                                    "cpu",
                                    "gpu",
                                    "any",
                                    "min",
                                    "max",
                                    "a",
                                    "n",
                                    "s",
                                    "0",
                                    "1",
                                    "-1",
                                    "1.5",
                                    "0x1p3",
                                    "99999999999999999999",
                                    "(",
                                    ")",
                                    "[",
                                    "]",
                                    "{",
                                    "}",
                                    ":",
                                    ",",
                                    "?",
                                    "+",
                                    "-",
                                    "*",
                                    "&",
                                    "|",
                                    "^",
                                    "&&",
                                    "||",
                                    ".",
                                    "->",
                                    "\"d\"",
                                    "\"\\x41\"",
                                    "\"",
                                    "'",
                                    "'a'",
                                    "\\",
                                    "\\\n",
                                    "/*",
                                    "*/",
                                    "//",
                                    "\n",
                                    " ",
                                    " ",
                                    "\t",
                                    "@",
                                    "\xff",
                                    "\xc3\xa4",
                                    "\\u12",
                                    "e+",
                                    "..."};
#define NVOCAB (sizeof vocab / sizeof vocab[0])

TEST(robust_random_bytes) {
  rng_state = 1;
  char buf[256];
  for (int iter = 0; iter < 50000; iter++) {
    size_t len = rnd(sizeof buf);
    int mode = (int)rnd(3);
    for (size_t i = 0; i < len; i++) {
      if (mode == 0)
        buf[i] = (char)rnd(256);
      else if (mode == 1)
        buf[i] = (char)(0x20 + rnd(0x5f)); /* printable ASCII */
      else
        buf[i] = "()[]{}:?,\"'\\/* \nab0"[rnd(20)];
    }
    /* start half of them with a directive so the clause parser is reached */
    if (len > 12 && rnd(2)) memcpy(buf, " distribute ", 12);
    check_input(buf, len);
  }
}

TEST(robust_token_soup) {
  rng_state = 2;
  char buf[2048];
  for (int iter = 0; iter < 75000; iter++) {
    size_t len = 0;
    const char *head = rnd(8) ? " distribute " : vocab[rnd(NVOCAB)];
    memcpy(buf, head, strlen(head));
    len = strlen(head);
    size_t ntok = rnd(40);
    for (size_t t = 0; t < ntok; t++) {
      const char *w = vocab[rnd(NVOCAB)];
      size_t n = strlen(w);
      if (len + n + 1 >= sizeof buf) break;
      memcpy(buf + len, w, n);
      len += n;
      if (rnd(2)) buf[len++] = ' ';
    }
    check_input(buf, len);
  }
}

TEST(robust_mutations) {
  rng_state = 3;
  char buf[1024];
  for (int iter = 0; iter < 75000; iter++) {
    const char *s = seeds[rnd(sizeof seeds / sizeof seeds[0])];
    size_t len = strlen(s);
    memcpy(buf, s, len);
    int nmut = 1 + (int)rnd(4);
    for (int m = 0; m < nmut; m++) {
      size_t at = rnd(len + 1);
      switch (rnd(6)) {
      case 0: /* replace a byte */
        if (len) buf[rnd(len)] = (char)rnd(256);
        break;
      case 1: /* insert a byte */
        if (len + 1 < sizeof buf) {
          memmove(buf + at + 1, buf + at, len - at);
          buf[at] = (char)rnd(256);
          len++;
        }
        break;
      case 2: /* delete a run */
        if (at < len) {
          size_t n = 1 + rnd(len - at < 8 ? len - at : 8);
          memmove(buf + at, buf + at + n, len - at - n);
          len -= n;
        }
        break;
      case 3: /* truncate */
        len = at;
        break;
      case 4: { /* insert a vocabulary token */
        const char *w = vocab[rnd(NVOCAB)];
        size_t n = strlen(w);
        if (len + n < sizeof buf) {
          memmove(buf + at + n, buf + at, len - at);
          memcpy(buf + at, w, n);
          len += n;
        }
        break;
      }
      default: /* duplicate a slice */
        if (at < len) {
          size_t n = 1 + rnd(len - at);
          if (len + n < sizeof buf) {
            memmove(buf + at + n, buf + at, len - at);
            len += n;
          }
        }
        break;
      }
    }
    check_input(buf, len);
  }
}

/* The same input gives the same result: no state survives a parse. */
TEST(deterministic) {
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    parcc_pragma_t p1, p2;
    PARSE_OK(seeds[i], &p1);
    PARSE_OK(seeds[i], &p2);
    CHECK_EQ_INT(p1.nclauses, p2.nclauses);
    parcc_pragma_free(&p1);
    parcc_pragma_free(&p2);
  }
  parcc_pragma_error_t e1, e2;
  parcc_pragma_t p;
  CHECK_EQ_INT(parcc_pragma_parse(" distribute map(to: a[0:n)", 26, &p, &e1), -1);
  CHECK_EQ_INT(parcc_pragma_parse(" distribute map(to: a[0:n)", 26, &p, &e2), -1);
  CHECK_EQ_INT(memcmp(&e1, &e2, sizeof e1), 0);
}

/* ---- allocation failures -----------------------------------------------------------------------
 */

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||                         \
    __has_feature(thread_sanitizer)
#define UNIT_NO_MALLOC_WRAP 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || !defined(__GLIBC__)
#define UNIT_NO_MALLOC_WRAP 1
#endif

#ifndef UNIT_NO_MALLOC_WRAP
/* The executable's malloc, realloc and free take precedence over libc's
 * (glibc supports this); they forward to glibc's own, count live blocks, and
 * fail the n-th allocation once armed. */
extern void *__libc_malloc(size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
static long fail_countdown = -1; /* -1: disarmed */
static long live_blocks;
static int should_fail(void) {
  if (fail_countdown < 0) return 0;
  return fail_countdown-- == 0;
}
void *malloc(size_t n) {
  void *p = should_fail() ? NULL : __libc_malloc(n);
  if (p) live_blocks++;
  return p;
}
void *realloc(void *p, size_t n) {
  void *q = should_fail() ? NULL : __libc_realloc(p, n);
  if (q && !p) live_blocks++;
  if (!q && p && n == 0) live_blocks--;
  return q;
}
void free(void *p) {
  if (p) live_blocks--;
  __libc_free(p);
}

TEST(allocation_failures) {
  static const char *const texts[] = {
      " distribute map(to: a[0:n], b[i*2:n/2][0:M], c[k]) reduction(+: s) schedule(dynamic, 4) "
      "nowait",
      " distribute private(a, b, c, d, e, f, g, h, i) cache(\"some/dir\" \"x\") if(n > 1) "
      "retries(2) timeout(1.5)",
      " distribute map(q[0:1][0:2][0:3][0:4][0:5][0:6][0:7][0:8]) lastprivate(z) map(r) map(s) "
      "map(t) map(u) map(v)",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    int done = 0;
    for (long k = 0; !done; k++) {
      parcc_pragma_t p;
      parcc_pragma_error_t e;
      long before = live_blocks;
      fail_countdown = k;
      int rc = parcc_pragma_parse(texts[i], strlen(texts[i]), &p, &e);
      int failed_alloc = fail_countdown < 0;
      fail_countdown = -1;
      if (rc == 0) {
        CHECK(!failed_alloc);
        parcc_pragma_free(&p);
        done = 1;
      } else {
        CHECK(failed_alloc);
        CHECK_STREQ(e.message, "out of memory");
        CHECK(p.clauses == NULL && p.nclauses == 0);
      }
      CHECK_EQ_INT(live_blocks, before); /* nothing leaked */
      CHECK(k < 10000);
    }
  }
}
#endif

UNIT_MAIN()
