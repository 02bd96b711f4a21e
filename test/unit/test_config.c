/* test_config.c: the PAR_* table, its errors and warnings, logging, status. */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define __PARCC__ 1
#include "par.h"
#include "par/abi.h"
#include "runtime/config.h"
#include "runtime/log.h"
#include "runtime/status.h"
#include "unit.h"
#include "child.h"


static void count_chunk(const parrt_chunk_t *c) {
  long *n = c->maps[0];
  __atomic_fetch_add(n, (long)(c->k1 - c->k0), __ATOMIC_RELAXED);
}

/* The first use of the runtime: a parallel loop. */
static void run_a_loop(FILE *out) {
  long n = 0;
  parrt_map_t map = {.base = &n};
  parrt_loop_desc_t desc = {.struct_size = sizeof desc, .abi_version = PARRT_ABI_VERSION,
                            .name = "count", .chunk = count_chunk, .nmaps = 1};
  parrt_loop_args_t args = {.struct_size = sizeof args, .niters = 1000, .step = 1, .maps = &map,
                            .retries = -1};
  parrt_loop_run(&desc, &args, NULL);
  fprintf(out, "%ld %d %d\n", n, par_num_workers(), par_rank());
}

static const char *host_prefix(void) {
  static char buf[128];
  char host[64] = "";
  gethostname(host, sizeof host - 1);
  char *dot = strchr(host, '.');
  if (dot) *dot = '\0';
  snprintf(buf, sizeof buf, "par[0@%s] ", host);
  return buf;
}

static int count_substr(const char *s, const char *sub) {
  int n = 0;
  for (const char *p = s; (p = strstr(p, sub)); p += strlen(sub)) n++;
  return n;
}

/* ---- the table, loaded from a given environment ------------------------- */

TEST(defaults) {
  char *env[] = {"HOME=/root", NULL};
  par__config_t cfg;
  char err[256] = "";
  CHECK_EQ_INT(par__config_load(&cfg, env, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(cfg.workers, sysconf(_SC_NPROCESSORS_ONLN));
  CHECK(!cfg.workers_set);
  CHECK_EQ_INT(cfg.log_level, PAR__LOG_WARN);
  CHECK(!cfg.progress);
  CHECK(cfg.trace == NULL);
  CHECK_STREQ(cfg.cache_dir, ".par-cache");
  CHECK_EQ_INT(cfg.role, PAR__ROLE_STANDALONE);
  CHECK_EQ_INT(cfg.rank, 0);
  par__config_cleanup(&cfg);
}

TEST(values) {
  char *env[] = {"PAR_WORKERS=3",    "PAR_LOG=debug", "PAR_PROGRESS=yes", "PAR_TRACE=t.json",
                 "PAR_CACHE_DIR=/c", "PAR_ROLE=worker", "PAR_RANK=4",     "PAR_WORKERSX=9",
                 NULL};
  par__config_t cfg;
  char err[256] = "";
  CHECK_EQ_INT(par__config_load(&cfg, env, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(cfg.workers, 3);
  CHECK(cfg.workers_set);
  CHECK_EQ_INT(cfg.log_level, PAR__LOG_DEBUG);
  CHECK(cfg.progress);
  CHECK_STREQ(cfg.trace, "t.json");
  CHECK_STREQ(cfg.cache_dir, "/c");
  CHECK_EQ_INT(cfg.role, PAR__ROLE_WORKER);
  CHECK_EQ_INT(cfg.rank, 4);
  par__config_cleanup(&cfg);
  /* An empty value counts as unset. */
  char *empty[] = {"PAR_WORKERS=", "PAR_LOG=", NULL};
  CHECK_EQ_INT(par__config_load(&cfg, empty, err, sizeof err), PAR_OK);
  CHECK(!cfg.workers_set);
  CHECK_EQ_INT(cfg.log_level, PAR__LOG_WARN);
  par__config_cleanup(&cfg);
}

TEST(invalid_values_name_the_variable) {
  static const char *const bad[] = {
      "PAR_WORKERS=abc", "PAR_WORKERS=0", "PAR_WORKERS=-2",    "PAR_WORKERS=3x",
      "PAR_WORKERS= 3",  "PAR_WORKERS=99999", "PAR_LOG=verbose", "PAR_PROGRESS=maybe",
      "PAR_ROLE=boss",   "PAR_RANK=-1",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char *env[] = {(char *)bad[i], NULL};
    par__config_t cfg;
    char err[256] = "";
    CHECK_EQ_INT(par__config_load(&cfg, env, err, sizeof err), PAR_ERR_CONFIG);
    char want[64];
    snprintf(want, sizeof want, "invalid value %s: expected ", bad[i]);
    if (strncmp(err, want, strlen(want)) != 0) fprintf(stderr, "message: %s\n", err);
    CHECK(strncmp(err, want, strlen(want)) == 0);
  }
}

TEST(suggestions) {
  CHECK_STREQ(par__config_suggest("PAR_WORKRS"), "PAR_WORKERS");
  CHECK_STREQ(par__config_suggest("PAR_WORKER"), "PAR_WORKERS");
  CHECK_STREQ(par__config_suggest("PAR_workers"), "PAR_WORKERS");
  CHECK_STREQ(par__config_suggest("PAR_LGO"), "PAR_LOG");
  CHECK_STREQ(par__config_suggest("PAR_CACHEDIR"), "PAR_CACHE_DIR");
  CHECK(par__config_suggest("PAR_SOMETHING_ELSE") == NULL);
  CHECK_EQ_INT(par__config_edit_distance("kitten", "sitting"), 3);
  CHECK_EQ_INT(par__config_edit_distance("", "abc"), 3);
  CHECK_EQ_INT(par__config_edit_distance("PAR_LOG", "PAR_LOG"), 0);
  CHECK(par__config_known("PAR_RANK"));
  CHECK(!par__config_known("PAR_RANKS"));
}

static void print_config(FILE *out) { par__config_print(out, NULL); }

TEST(print_config_lists_every_variable) {
  static const char *const env[] = {"PAR_WORKERS=5", "PAR_TRACE=run.json", NULL};
  child_t c;
  child_run_env(env, print_config, &c);
  CHECK_EQ_INT(c.status, 0);
  static const char *const names[] = {"PAR_WORKERS", "PAR_LOG",  "PAR_PROGRESS", "PAR_TRACE",
                                      "PAR_CACHE_DIR", "PAR_ROLE", "PAR_RANK"};
  for (size_t i = 0; i < 7; i++) {
    char line[64];
    snprintf(line, sizeof line, "\n%s ", names[i]);
    CHECK(strstr(c.out, line) != NULL);
  }
  CHECK(strstr(c.out, "PAR_WORKERS    5 ") != NULL);
  CHECK(strstr(c.out, "run.json") != NULL);
  CHECK(strstr(c.out, ".par-cache") != NULL);
}

/* ---- the process configuration ------------------------------------------ */

TEST(invalid_workers_exit_2) {
  static const char *const cases[][2] = {{"PAR_WORKERS=abc", NULL}, {"PAR_WORKERS=0", NULL}};
  for (int i = 0; i < 2; i++) {
    child_t c;
    child_run_env(cases[i], run_a_loop, &c);
    CHECK_EQ_INT(c.status, 2);
    CHECK_STREQ(c.out, ""); /* the loop never ran */
    char want[256];
    snprintf(want, sizeof want, "%serror: invalid value %s: expected a whole number of threads from 1 to 4096\n",
             host_prefix(), cases[i][0]);
    CHECK_STREQ(c.err, want);
  }
}

TEST(unknown_variable_warns_once_with_suggestion) {
  static const char *const env[] = {"PAR_WORKRS=3", "PAR_WORKERS=2", NULL};
  child_t c;
  child_run_env(env, run_a_loop, &c);
  CHECK_EQ_INT(c.status, 0);
  CHECK_STREQ(c.out, "1000 2 0\n");
  char want[256];
  snprintf(want, sizeof want, "%swarn: unknown environment variable PAR_WORKRS (did you mean PAR_WORKERS?)\n",
           host_prefix());
  CHECK_STREQ(c.err, want);
  /* PAR_LOG=error silences it. */
  static const char *const quiet[] = {"PAR_WORKRS=3", "PAR_LOG=error", NULL};
  child_run_env(quiet, run_a_loop, &c);
  CHECK_EQ_INT(c.status, 0);
  CHECK_STREQ(c.err, "");
  /* Far from every name: no suggestion, still one warning. */
  static const char *const far[] = {"PAR_FROBNICATE=1", NULL};
  child_run_env(far, run_a_loop, &c);
  CHECK_EQ_INT(c.status, 0);
  CHECK_EQ_INT(count_substr(c.err, "unknown environment variable PAR_FROBNICATE"), 1);
  CHECK(strstr(c.err, "did you mean") == NULL);
}

TEST(workers_and_rank) {
  static const char *const env[] = {"PAR_WORKERS=3", NULL};
  child_t c;
  child_run_env(env, run_a_loop, &c);
  CHECK_EQ_INT(c.status, 0);
  CHECK_STREQ(c.out, "1000 3 0\n");
  static const char *const worker[] = {"PAR_WORKERS=1", "PAR_ROLE=worker", "PAR_RANK=5", NULL};
  child_run_env(worker, run_a_loop, &c);
  CHECK_EQ_INT(c.status, 0);
  CHECK_STREQ(c.out, "1000 1 5\n");
  /* Without PAR_ROLE the program is standalone: rank 0 whatever PAR_RANK says. */
  static const char *const alone[] = {"PAR_WORKERS=1", "PAR_RANK=5", NULL};
  child_run_env(alone, run_a_loop, &c);
  CHECK_STREQ(c.out, "1000 1 0\n");
}

static void log_lines(FILE *out) {
  (void)out;
  par__log(PAR__LOG_DEBUG, "d %d", 1);
  par__log(PAR__LOG_INFO, "i %s", "two");
  par__log(PAR__LOG_WARN, "w");
  par__log(PAR__LOG_ERROR, "e");
}

TEST(log_format_and_levels) {
  static const char *const debug[] = {"PAR_LOG=debug", NULL};
  child_t c;
  child_run_env(debug, log_lines, &c);
  char want[512];
  const char *p = host_prefix();
  snprintf(want, sizeof want, "%sdebug: d 1\n%sinfo: i two\n%swarn: w\n%serror: e\n", p, p, p, p);
  CHECK_STREQ(c.err, want);
  child_run_env(NULL, log_lines, &c); /* default: warn */
  snprintf(want, sizeof want, "%swarn: w\n%serror: e\n", p, p);
  CHECK_STREQ(c.err, want);
  static const char *const worker[] = {"PAR_LOG=error", "PAR_ROLE=worker", "PAR_RANK=12", NULL};
  child_run_env(worker, log_lines, &c);
  CHECK(strncmp(c.err, "par[12@", 7) == 0);
  CHECK(strstr(c.err, "] error: e\n") != NULL);
  CHECK(strstr(c.err, "warn") == NULL);
}

TEST(status_table) {
  CHECK_STREQ(par__status_name(PAR_OK), "PAR_OK");
  CHECK_STREQ(par__status_message(PAR_OK), "success");
  CHECK_STREQ(par__status_name(PAR_ERR_CONFIG), "PAR_ERR_CONFIG");
  CHECK_STREQ(par__status_message(PAR_ERR_NO_MEMORY), "out of memory");
  CHECK_STREQ(par__status_name((par_status_t)-999), "PAR_ERR_UNKNOWN");
  CHECK(PAR_ERR_DUPLICATE < 0 && PAR_ERR_ABI < 0);
}

UNIT_MAIN()
