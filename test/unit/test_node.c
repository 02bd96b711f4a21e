/* test_node.c: what a process under parrun knows about its job
 * (runtime/node.h): the job variables, the build id, the token check. Each
 * test runs in its own process, so each can set its own environment before
 * the configuration is first loaded. */
#define _GNU_SOURCE 1
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/node.h"
#include "unit.h"

void par__node_sha256(const void *data, size_t len, unsigned char out[32]);

static void hex(const unsigned char *p, size_t n, char *out) {
  for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", p[i]);
}

static const char *k_token = "0123456789abcdef0123456789abcdef";

static void worker_env(const char *rank, const char *driver) {
  setenv("PAR_ROLE", "worker", 1);
  setenv("PAR_RANK", rank, 1);
  setenv("PAR_NWORKERS", "3", 1);
  setenv("PAR_TOKEN", k_token, 1);
  setenv("PAR_DRIVER", driver, 1);
  setenv("PAR_HOST", "nodeb", 1);
}

TEST(sha256_fips_examples) {
  unsigned char d[32];
  char h[65];
  par__node_sha256("", 0, d);
  hex(d, 32, h);
  CHECK_STREQ(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  par__node_sha256("abc", 3, d);
  hex(d, 32, h);
  CHECK_STREQ(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  par__node_sha256(two, strlen(two), d);
  hex(d, 32, h);
  CHECK_STREQ(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  static char million[1000000];
  memset(million, 'a', sizeof million);
  par__node_sha256(million, sizeof million, d);
  hex(d, 32, h);
  CHECK_STREQ(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(build_id_is_stable) {
  size_t n1, n2;
  const unsigned char *a = par__node_build_id(&n1);
  const unsigned char *b = par__node_build_id(&n2);
  CHECK(a != NULL);
  CHECK(n1 >= 16 && n1 <= 64);
  CHECK(a == b && n1 == n2);
}

TEST(token_equal) {
  CHECK(par__node_token_equal(k_token, k_token));
  CHECK(!par__node_token_equal(k_token, "0123456789abcdef0123456789abcdee"));
  CHECK(!par__node_token_equal(k_token, "0123456789abcdef"));
  CHECK(!par__node_token_equal("", k_token));
}

TEST(worker_variables) {
  worker_env("2", "10.200.0.1:4711");
  setenv("PAR_WORKERS", "3", 1);
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.role, PAR__ROLE_WORKER);
  CHECK_EQ_INT(n.rank, 2);
  CHECK_EQ_INT(n.nworkers, 3);
  CHECK_STREQ(n.driver, "10.200.0.1");
  CHECK_EQ_INT(n.driver_port, 4711);
  CHECK_STREQ(n.host, "nodeb");
  CHECK_STREQ(n.token, k_token);
  CHECK_EQ_INT(n.threads, 3);
  CHECK_EQ_INT(n.control_fd, -1);
}

TEST(worker_ipv6_driver_and_threads_per_host) {
  worker_env("3", "[fe80::1]:99");
  setenv("PAR_LOCAL_WORKERS", "100000", 1); /* more workers than CPUs: 1 thread */
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_STREQ(n.driver, "fe80::1");
  CHECK_EQ_INT(n.driver_port, 99);
  CHECK_EQ_INT(n.threads, 1);
}

TEST(slurm_cpus_per_task) {
  worker_env("1", "h:1");
  setenv("SLURM_CPUS_PER_TASK", "5", 1);
  setenv("PAR_LOCAL_WORKERS", "1", 1);
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.threads, 5);
}

TEST(poll_window) {
  worker_env("1", "h:1");
  unsetenv("PAR_POLL_US");
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK(n.poll_ns == (uint64_t)PAR__NODE_POLL_US_DEFAULT * 1000u);
  setenv("PAR_POLL_US", "0", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK(n.poll_ns == 0);
  setenv("PAR_POLL_US", "25", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK(n.poll_ns == 25000);
  setenv("PAR_POLL_US", "-3", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_POLL_US") != NULL);
  unsetenv("PAR_POLL_US");
}

TEST(inflight) {
  worker_env("1", "h:1");
  unsetenv("PAR_INFLIGHT");
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.inflight, 0); /* unset: the driver's defaults */
  setenv("PAR_INFLIGHT", "64", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.inflight, 64);
  const char *bad[] = {"0", "65", "-1", "2x"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    setenv("PAR_INFLIGHT", bad[i], 1);
    CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
    CHECK(strstr(err, "must be a number of tasks from 1 to 64") != NULL);
  }
  unsetenv("PAR_INFLIGHT");
}

/* PAR_LOCAL_RANK r of PAR_LOCAL_WORKERS w: the r-th of w consecutive
 * slices of the CPUs the process may use. The test's own affinity is put
 * back afterwards. */
TEST(binding) {
  cpu_set_t all, now;
  CHECK(sched_getaffinity(0, sizeof all, &all) == 0);
  int ncpu = CPU_COUNT(&all);
  worker_env("1", "h:1");
  unsetenv("PAR_WORKERS");
  unsetenv("SLURM_CPUS_PER_TASK");
  par__node_t n;
  char err[256] = "";

  setenv("PAR_BIND", "cores", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_BIND='cores' must be cpus or none") != NULL);
  unsetenv("PAR_BIND");

  setenv("PAR_LOCAL_WORKERS", "2", 1);
  setenv("PAR_LOCAL_RANK", "2", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_LOCAL_RANK=2 is not below PAR_LOCAL_WORKERS=2") != NULL);

  setenv("PAR_BIND", "none", 1);
  setenv("PAR_LOCAL_RANK", "1", 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.bound, 0);
  unsetenv("PAR_BIND");

  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK(sched_getaffinity(0, sizeof now, &now) == 0);
  if (ncpu >= 2) {
    /* the second half of the CPUs, in order */
    CHECK_EQ_INT((int)n.bound, ncpu - ncpu / 2);
    CHECK_EQ_INT(CPU_COUNT(&now), ncpu - ncpu / 2);
    CHECK_EQ_INT((int)n.threads, ncpu / 2 ? ncpu / 2 : 1);
    for (int c = 0, k = 0; c < CPU_SETSIZE; c++) {
      if (!CPU_ISSET(c, &all)) continue;
      CHECK_EQ_INT(CPU_ISSET(c, &now) ? 1 : 0, k >= ncpu / 2 ? 1 : 0);
      k++;
    }
  } else {
    CHECK_EQ_INT(n.bound, 0); /* more workers than CPUs */
  }
  CHECK(sched_setaffinity(0, sizeof all, &all) == 0);

  /* more workers than CPUs: none binds */
  char many[32];
  snprintf(many, sizeof many, "%d", ncpu + 1);
  setenv("PAR_LOCAL_WORKERS", many, 1);
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.bound, 0);
  CHECK(sched_getaffinity(0, sizeof now, &now) == 0);
  CHECK(CPU_EQUAL(&now, &all));
  unsetenv("PAR_LOCAL_RANK");
  unsetenv("PAR_LOCAL_WORKERS");
}

TEST(bad_driver_address) {
  worker_env("1", "nohostport");
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_DRIVER") != NULL);
}

TEST(bad_token) {
  worker_env("1", "h:1");
  setenv("PAR_TOKEN", "xyz", 1);
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_TOKEN") != NULL);
}

TEST(rank_out_of_range) {
  worker_env("4", "h:1");
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_RANK=4") != NULL);
}

TEST(driver_variables) {
  setenv("PAR_ROLE", "driver", 1);
  setenv("PAR_RANK", "0", 1);
  setenv("PAR_NWORKERS", "2", 1);
  setenv("PAR_TOKEN", k_token, 1);
  setenv("PAR_LISTEN", "127.0.0.1", 1);
  par__node_t n;
  char err[256] = "";
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_OK);
  CHECK_EQ_INT(n.role, PAR__ROLE_DRIVER);
  CHECK_STREQ(n.listen, "127.0.0.1");
  CHECK_EQ_INT(n.listen_port, 0);
  setenv("PAR_CONTROL_FD", "987", 1); /* not open */
  CHECK_EQ_INT(par__node_load(&n, err, sizeof err), PAR_ERR_CONFIG);
  CHECK(strstr(err, "PAR_CONTROL_FD") != NULL);
}

TEST(signal_names) {
  char buf[32];
  CHECK_STREQ(par__node_signal_name(9, buf, sizeof buf), "SIGKILL");
  CHECK_STREQ(par__node_signal_name(11, buf, sizeof buf), "SIGSEGV");
}

UNIT_MAIN()
