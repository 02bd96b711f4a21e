/* unit.h: a small test harness for par's C unit tests.
 *
 * A test file defines tests with TEST(name) { ... } and ends with UNIT_MAIN().
 * Each test runs in its own child process with a time limit (UNIT_TIMEOUT
 * seconds, default 30), so a crash or a hang fails that test only. The
 * program prints one line per test and exits non-zero if any failed.
 * `./test_x name` runs only the named test (in-process, for a debugger).
 */
#ifndef PAR_UNIT_H
#define PAR_UNIT_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct unit_test {
  const char *name;
  void (*fn)(void);
} unit_test_t;

#define UNIT_MAX_TESTS 512
extern unit_test_t unit_tests[UNIT_MAX_TESTS];
extern int unit_ntests;

#define TEST(name)                                                                                 \
  static void test_##name(void);                                                                   \
  __attribute__((constructor)) static void unit_register_##name(void) {                            \
    if (unit_ntests < UNIT_MAX_TESTS) unit_tests[unit_ntests++] = (unit_test_t){#name, test_##name}; \
  }                                                                                                \
  static void test_##name(void)

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
  do {                                                                                             \
    long long unit_a_ = (long long)(a), unit_b_ = (long long)(b);                                  \
    if (unit_a_ != unit_b_) {                                                                      \
      fprintf(stderr, "%s:%d: check failed: %s == %s (%lld vs %lld)\n", __FILE__, __LINE__, #a,    \
              #b, unit_a_, unit_b_);                                                               \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

#define CHECK_STREQ(a, b)                                                                          \
  do {                                                                                             \
    const char *unit_a_ = (a), *unit_b_ = (b);                                                     \
    if (!unit_a_ || !unit_b_ || strcmp(unit_a_, unit_b_) != 0) {                                   \
      fprintf(stderr, "%s:%d: check failed: %s == %s (\"%s\" vs \"%s\")\n", __FILE__, __LINE__,   \
              #a, #b, unit_a_ ? unit_a_ : "(null)", unit_b_ ? unit_b_ : "(null)");                 \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

#define UNIT_MAIN()                                                                                \
  unit_test_t unit_tests[UNIT_MAX_TESTS];                                                          \
  int unit_ntests;                                                                                 \
  int main(int argc, char **argv) { return unit_run(argc, argv); }

static inline int unit_run(int argc, char **argv) {
  int failed = 0, ran = 0;
  const char *t = getenv("UNIT_TIMEOUT");
  unsigned timeout = t ? (unsigned)atoi(t) : 30;
  for (int i = 0; i < unit_ntests; i++) {
    if (argc > 1) {
      if (strcmp(argv[1], unit_tests[i].name) != 0) continue;
      unit_tests[i].fn();
      printf("PASS %s\n", unit_tests[i].name);
      return 0;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      alarm(timeout);
      unit_tests[i].fn();
      fflush(stdout);
      _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    ran++;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
      printf("PASS %s\n", unit_tests[i].name);
    } else {
      failed++;
      if (WIFSIGNALED(st))
        printf("FAIL %s (signal %d%s)\n", unit_tests[i].name, WTERMSIG(st),
               WTERMSIG(st) == SIGALRM ? ", timeout" : "");
      else
        printf("FAIL %s (exit %d)\n", unit_tests[i].name, WEXITSTATUS(st));
    }
  }
  if (argc > 1) {
    fprintf(stderr, "no test named %s\n", argv[1]);
    return 2;
  }
  printf("%d tests, %d failed\n", ran, failed);
  return failed ? 1 : 0;
}

#endif /* PAR_UNIT_H */
