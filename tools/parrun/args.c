/* args.c: parrun's options, host lists and hostfiles (see args.h). */
#define _GNU_SOURCE 1
#include "args.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the options ---------------------------------------------------------- */

enum opt_id {
  OPT_N,
  OPT_HOSTS,
  OPT_HOSTFILE,
  OPT_LAUNCHER,
  OPT_ADDRESS,
  OPT_TIMEOUT,
  OPT_CONNECT_TIMEOUT,
  OPT_PROGRESS,
  OPT_TRACE,
  OPT_STATS,
  OPT_REPORT,
  OPT_GPUS_PER_WORKER,
  OPT_VERBOSE,
  OPT_PRINT_CONFIG,
  OPT_HELP,
  OPT_VERSION,
};

typedef struct opt_spec {
  const char *name; /* "-n", "--hosts" */
  enum opt_id id;
  int has_value;
} opt_spec_t;

static const opt_spec_t k_opts[] = {
    {"-n", OPT_N, 1},
    {"--hosts", OPT_HOSTS, 1},
    {"--hostfile", OPT_HOSTFILE, 1},
    {"--launcher", OPT_LAUNCHER, 1},
    {"--address", OPT_ADDRESS, 1},
    {"--timeout", OPT_TIMEOUT, 1},
    {"--connect-timeout", OPT_CONNECT_TIMEOUT, 1},
    {"--progress", OPT_PROGRESS, 0},
    {"--trace", OPT_TRACE, 1},
    {"--stats", OPT_STATS, 0},
    {"--report", OPT_REPORT, 1},
    {"--gpus-per-worker", OPT_GPUS_PER_WORKER, 1},
    {"-v", OPT_VERBOSE, 0},
    {"--verbose", OPT_VERBOSE, 0},
    {"--print-config", OPT_PRINT_CONFIG, 0},
    {"-h", OPT_HELP, 0},
    {"--help", OPT_HELP, 0},
    {"--version", OPT_VERSION, 0},
};
#define NOPTS (sizeof k_opts / sizeof k_opts[0])

static size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 63 || lb > 63)
    return (size_t)-1;
  size_t row[64];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[lb];
}

const char *prun_args_suggest(const char *word) {
  char name[64];
  size_t n = strcspn(word, "=");
  if (n >= sizeof name)
    return NULL;
  memcpy(name, word, n);
  name[n] = '\0';
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i < NOPTS; i++) {
    if (k_opts[i].name[1] != '-')
      continue; /* single-letter options are not typos of anything */
    size_t d = edit_distance(name, k_opts[i].name);
    if (d < best_d) {
      best_d = d;
      best = k_opts[i].name;
    }
  }
  size_t limit = n / 3 < 2 ? 2 : n / 3;
  return best_d <= limit ? best : NULL;
}

/* The option `word` is (with its value when attached: `--hosts=a`, `-n4`),
 * or NULL. */
static const opt_spec_t *find_opt(const char *word, const char **attached) {
  *attached = NULL;
  for (size_t i = 0; i < NOPTS; i++) {
    const opt_spec_t *o = &k_opts[i];
    size_t n = strlen(o->name);
    if (strncmp(word, o->name, n) != 0)
      continue;
    if (word[n] == '\0')
      return o;
    if (!o->has_value)
      continue;
    if (o->name[1] == '-' && word[n] == '=') {
      *attached = word + n + 1;
      return o;
    }
    if (o->name[1] != '-' && n == 2) { /* -n4 */
      *attached = word + n;
      return o;
    }
  }
  return NULL;
}

static int usage_error_unknown(const char *word) {
  const char *hint = prun_args_suggest(word);
  if (hint)
    tool_error("unknown option '%s' (did you mean '%s'?)", word, hint);
  else
    tool_error("unknown option '%s' (see parrun --help)", word);
  return 1;
}

static int set_launcher(prun_opts_t *o, const char *v) {
  o->launcher_text = v;
  if (strcmp(v, "local") == 0)
    o->launcher = PRUN_LAUNCHER_LOCAL;
  else if (strcmp(v, "ssh") == 0)
    o->launcher = PRUN_LAUNCHER_SSH;
  else if (strcmp(v, "slurm") == 0 || strcmp(v, "srun") == 0)
    o->launcher = PRUN_LAUNCHER_SLURM;
  else if (strstr(v, "{cmd}"))
    o->launcher = PRUN_LAUNCHER_TEMPLATE;
  else {
    tool_error("invalid launcher '%s': expected local, ssh, slurm or a template with {cmd} "
               "(and usually {host}), such as 'ssh {host} {cmd}'",
               v);
    return 1;
  }
  return 0;
}

static int apply(prun_opts_t *o, const opt_spec_t *spec, const char *v) {
  switch (spec->id) {
  case OPT_N:
    if (prun_parse_long(v, 1, PRUN_MAX_WORKERS, &o->nworkers) != 0) {
      tool_error("invalid number of workers '%s' for -n: expected 1 to %d", v, PRUN_MAX_WORKERS);
      return 1;
    }
    return 0;
  case OPT_HOSTS:
    o->hosts_list = v;
    return 0;
  case OPT_HOSTFILE:
    o->hostfile = v;
    return 0;
  case OPT_LAUNCHER:
    return set_launcher(o, v);
  case OPT_ADDRESS:
    if (!*v || strchr(v, ' ')) {
      tool_error("invalid address '%s' for --address: expected a host or address, "
                 "optionally with :port",
                 v);
      return 1;
    }
    o->address = v;
    return 0;
  case OPT_TIMEOUT:
    if (prun_parse_seconds(v, &o->timeout_ms) != 0) {
      tool_error("invalid time '%s' for --timeout: expected seconds, more than 0", v);
      return 1;
    }
    return 0;
  case OPT_CONNECT_TIMEOUT:
    if (prun_parse_long(v, 1, 24L * 3600, &o->connect_timeout_s) != 0) {
      tool_error("invalid time '%s' for --connect-timeout: expected whole seconds, 1 or more", v);
      return 1;
    }
    return 0;
  case OPT_PROGRESS:
    o->progress = 1;
    return 0;
  case OPT_TRACE:
    if (!*v) {
      tool_error("--trace needs a file name");
      return 1;
    }
    o->trace = v;
    return 0;
  case OPT_STATS:
    o->stats = 1;
    return 0;
  case OPT_REPORT:
    if (!*v) {
      tool_error("--report needs a file name");
      return 1;
    }
    o->report = v;
    return 0;
  case OPT_GPUS_PER_WORKER:
    if (prun_parse_long(v, 1, 1024, &o->gpus_per_worker) != 0) {
      tool_error("invalid count '%s' for --gpus-per-worker: expected a whole number from 1 to 1024", v);
      return 1;
    }
    return 0;
  case OPT_VERBOSE:
    o->verbose = 1;
    return 0;
  case OPT_PRINT_CONFIG:
    o->print_config = 1;
    return 0;
  case OPT_HELP:
    o->show_help = 1;
    return 0;
  case OPT_VERSION:
    o->show_version = 1;
    return 0;
  }
  return 0;
}

int prun_args_parse(int argc, char **argv, prun_opts_t *out) {
  memset(out, 0, sizeof *out);
  static char *no_args[] = {NULL};
  out->program_args = no_args;
  int i = 1;
  for (; i < argc; i++) {
    const char *w = argv[i];
    if (strcmp(w, "--") == 0) {
      i++;
      break;
    }
    if (w[0] != '-' || w[1] == '\0')
      break; /* the program */
    const char *attached;
    const opt_spec_t *spec = find_opt(w, &attached);
    if (!spec)
      return usage_error_unknown(w);
    const char *value = NULL;
    if (spec->has_value) {
      if (attached) {
        value = attached;
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        tool_error("argument to '%s' is missing (expected 1 value)", spec->name);
        return 1;
      }
    }
    if (apply(out, spec, value) != 0)
      return 1;
  }
  if (i < argc) {
    out->program = argv[i];
    out->program_args = argv + i + 1;
  }
  return 0;
}

/* ---- hosts ---------------------------------------------------------------- */

/* Appends `slots` copies of host[0..len). */
static int push_slots(tool_argv_t *hosts, const char *host, size_t len, long slots,
                      const char *what) {
  if (hosts->n + slots > PRUN_MAX_WORKERS) {
    tool_error("%s: too many slots (at most %d workers)", what, PRUN_MAX_WORKERS);
    return 1;
  }
  const char *h = tool_xstrndup(host, len);
  for (long k = 0; k < slots; k++)
    tool_argv_push(hosts, h);
  return 0;
}

static int host_char_ok(char c) {
  return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == '@';
}

/* One `host` or `host:N` item of length len. */
static int parse_item(const char *item, size_t len, const char *what, tool_argv_t *hosts) {
  const char *colon = memchr(item, ':', len);
  size_t hlen = colon ? (size_t)(colon - item) : len;
  long slots = 1;
  if (hlen == 0) {
    tool_error("%s: empty host name in '%.*s'", what, (int)len, item);
    return 1;
  }
  for (size_t k = 0; k < hlen; k++) {
    if (!host_char_ok(item[k])) {
      tool_error("%s: invalid host name '%.*s'", what, (int)hlen, item);
      return 1;
    }
  }
  if (colon) {
    char num[16];
    size_t nlen = len - hlen - 1;
    if (nlen == 0 || nlen >= sizeof num) {
      tool_error("%s: invalid slot count in '%.*s': expected host:N with N from 1 to %d", what,
                 (int)len, item, PRUN_MAX_WORKERS);
      return 1;
    }
    memcpy(num, colon + 1, nlen);
    num[nlen] = '\0';
    if (prun_parse_long(num, 1, PRUN_MAX_WORKERS, &slots) != 0) {
      tool_error("%s: invalid slot count in '%.*s': expected host:N with N from 1 to %d", what,
                 (int)len, item, PRUN_MAX_WORKERS);
      return 1;
    }
  }
  return push_slots(hosts, item, hlen, slots, what);
}

int prun_hosts_parse_list(const char *list, const char *what, tool_argv_t *hosts) {
  const char *p = list;
  if (!*p) {
    tool_error("%s: empty host list", what);
    return 1;
  }
  for (;;) {
    size_t len = strcspn(p, ",");
    if (len == 0) {
      tool_error("%s: empty host name in '%s'", what, list);
      return 1;
    }
    if (parse_item(p, len, what, hosts) != 0)
      return 1;
    if (p[len] == '\0')
      return 0;
    p += len + 1;
  }
}

/* One hostfile line, comment removed, with its words split on blanks. */
static int parse_hostfile_line(char *line, const char *where, tool_argv_t *hosts) {
  char *save = NULL;
  char *host = strtok_r(line, " \t\r", &save);
  if (!host)
    return 0;
  long slots = 0;
  for (char *w = strtok_r(NULL, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
    long v;
    if (strncmp(w, "slots=", 6) == 0 && prun_parse_long(w + 6, 1, PRUN_MAX_WORKERS, &v) == 0) {
      slots = v;
      continue;
    }
    if (strncmp(w, "max_slots=", 10) == 0 && prun_parse_long(w + 10, 1, 1L << 30, &v) == 0)
      continue;
    tool_error("%s: unexpected '%s' (expected `host`, `host slots=N` or `host:N`)", where, w);
    return 1;
  }
  if (slots && strchr(host, ':')) {
    tool_error("%s: '%s' gives slots twice (host:N and slots=N)", where, host);
    return 1;
  }
  if (!slots)
    return parse_item(host, strlen(host), where, hosts);
  char *item = tool_fmt("%s:%ld", host, slots);
  return parse_item(item, strlen(item), where, hosts);
}

int prun_hosts_parse_file(const char *path, tool_argv_t *hosts) {
  FILE *f = fopen(path, "r");
  if (!f) {
    tool_error("cannot read hostfile '%s': %s", path, strerror(errno));
    return 1;
  }
  char *line = NULL;
  size_t cap = 0;
  int lineno = 0, rc = 0, before = hosts->n;
  while (getline(&line, &cap, f) >= 0) {
    lineno++;
    line[strcspn(line, "#\n")] = '\0';
    if (parse_hostfile_line(line, tool_fmt("%s:%d", path, lineno), hosts) != 0) {
      rc = 1;
      break;
    }
  }
  free(line);
  fclose(f);
  if (rc == 0 && hosts->n == before) {
    tool_error("hostfile '%s' names no hosts", path);
    rc = 1;
  }
  return rc;
}

/* ---- resolving ------------------------------------------------------------ */

static int env_count(const char *name, long *out) {
  const char *v = getenv(name);
  return v && *v && prun_parse_long(v, 1, PRUN_MAX_WORKERS, out) == 0;
}

int prun_args_resolve(prun_opts_t *o, const char *local_host) {
  const char *job = getenv("SLURM_JOB_ID");
  o->in_slurm = job && *job;

  if (!o->connect_timeout_s) {
    const char *v = getenv("PAR_CONNECT_TIMEOUT");
    o->connect_timeout_s = PRUN_CONNECT_TIMEOUT_DEFAULT;
    if (v && *v && prun_parse_long(v, 1, 24L * 3600, &o->connect_timeout_s) != 0) {
      tool_error("invalid PAR_CONNECT_TIMEOUT=%s: expected whole seconds, 1 or more", v);
      return 1;
    }
  }
  if (o->hosts_list && o->hostfile) {
    tool_error("--hosts and --hostfile cannot be used together");
    return 1;
  }

  tool_argv_t slots = {0};
  int rc = 1;
  if (o->hosts_list && prun_hosts_parse_list(o->hosts_list, "--hosts", &slots) != 0)
    goto out;
  if (o->hostfile && prun_hosts_parse_file(o->hostfile, &slots) != 0)
    goto out;
  o->remote_hosts = slots.n > 0;

  if (o->launcher == PRUN_LAUNCHER_DEFAULT) {
    if (o->remote_hosts)
      o->launcher = PRUN_LAUNCHER_SSH;
    else if (o->in_slurm)
      o->launcher = PRUN_LAUNCHER_SLURM;
    else
      o->launcher = PRUN_LAUNCHER_LOCAL;
  }
  if (o->launcher == PRUN_LAUNCHER_SSH && !o->remote_hosts) {
    tool_error("--launcher ssh needs --hosts or --hostfile");
    goto out;
  }
  if (o->launcher == PRUN_LAUNCHER_SLURM && o->remote_hosts) {
    tool_error("--launcher slurm places workers itself: give -n N, not --hosts or --hostfile");
    goto out;
  }

  /* How many workers. */
  if (o->remote_hosts) {
    if (o->nworkers > slots.n) {
      tool_error("-n %ld asks for more workers than the %d slot%s of %s", o->nworkers, slots.n,
                 slots.n == 1 ? "" : "s", o->hostfile ? "the hostfile" : "--hosts");
      goto out;
    }
    if (!o->nworkers)
      o->nworkers = slots.n;
  } else if (!o->nworkers) {
    long n = 0;
    if (o->launcher == PRUN_LAUNCHER_SLURM &&
        (env_count("SLURM_NTASKS", &n) || env_count("SLURM_NPROCS", &n))) {
      o->nworkers = n;
    } else {
      tool_error("how many workers? give -n N, --hosts or --hostfile (see parrun --help)");
      goto out;
    }
  }

  o->worker_host = tool_xmalloc(((size_t)o->nworkers + 1) * sizeof *o->worker_host);
  o->worker_host[0] = local_host;
  for (long r = 1; r <= o->nworkers; r++) {
    if (o->remote_hosts)
      o->worker_host[r] = slots.v[r - 1];
    else if (o->launcher == PRUN_LAUNCHER_SLURM)
      o->worker_host[r] = "(srun)";
    else
      o->worker_host[r] = local_host;
  }
  rc = 0;
out:
  tool_argv_cleanup(&slots);
  return rc;
}
