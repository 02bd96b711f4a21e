/* main.c: parcc, the cc-compatible driver of par.
 *
 * One cc command becomes:
 *   - when no C source has `#pragma par` (or only dependencies are asked for,
 *     -M/-MM): clang itself, exec'd with the user's words unchanged plus
 *     -D__PARCC__=1, -I<prefix>/include and, when linking, the runtime (the
 *     fast path);
 *   - otherwise, one clang command per source (a source with pragmas is
 *     rewritten by parcc_transform() into the temp dir and compiled from
 *     there, with -iquote <its own dir> so its quoted includes still resolve),
 *     then one link command for all objects, user objects and libraries, the
 *     runtime and its dependencies (the slow path).
 * Output names follow cc: `-c` writes <stem>.o in the current directory, the
 * link writes -o or a.out.
 */
#define _XOPEN_SOURCE 700
#include "args.h"
#include "depfile.h"
#include "run.h"
#include "util.h"

#include "transform.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Set by tools/parcc/CMakeLists.txt; these defaults only keep a bare
 * compile of this file working. */
#ifndef PARCC_VERSION
#define PARCC_VERSION "0.0.0"
#endif
#ifndef PARCC_CLANG
#define PARCC_CLANG "clang"
#endif
#ifndef PARCC_RUNTIME_LINK_FLAGS
#define PARCC_RUNTIME_LINK_FLAGS "-lpthread -lm"
#endif
#ifndef PARCC_LLVM_LIBDIR
#define PARCC_LLVM_LIBDIR ""
#endif
#ifndef PARCC_INSTALL_PREFIX
#define PARCC_INSTALL_PREFIX "/usr/local"
#endif
#ifndef PARCC_INSTALL_LIBDIR
#define PARCC_INSTALL_LIBDIR "lib"
#endif
#ifndef PARCC_INSTALL_INCLUDEDIR
#define PARCC_INSTALL_INCLUDEDIR "include"
#endif
#ifndef PARCC_DEFAULT_OFFLOAD_TARGETS
#define PARCC_DEFAULT_OFFLOAD_TARGETS ""
#endif
#ifndef PARCC_NVPTX_ARCH
#define PARCC_NVPTX_ARCH ""
#endif

typedef struct driver {
  drv_cmdline_t cl;
  const char *cc;           /* the clang to run: $PARCC_CC or PARCC_CLANG */
  const char *prefix;       /* the directory above parcc's bin/ */
  const char *include_flag; /* -I<prefix>/include */
  const char *runtime_lib;  /* <prefix>/lib/libparrt.a */
  const char *offload;      /* offload target triples, comma separated; "" for none */
  char *has_pragma;         /* per argument index: a C input with `#pragma par` */
  int offload_used;         /* some source of this invocation was compiled for offload */
} driver_t;

/* ---- where things are -------------------------------------------------- */

static const char *find_prefix(const char *argv0) {
  char *exe = realpath("/proc/self/exe", NULL);
  if (!exe && argv0 && strchr(argv0, '/'))
    exe = realpath(argv0, NULL);
  if (!exe)
    return PARCC_INSTALL_PREFIX;
  tool_keep(exe);
  return drv_path_dirname(drv_path_dirname(exe));
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void driver_init(driver_t *d, const char *argv0) {
  const char *cc = getenv("PARCC_CC");
  d->cc = cc && *cc ? cc : PARCC_CLANG;
  d->prefix = find_prefix(argv0);

  /* The build tree and the usual install have include/ and lib/; an install
   * with other GNUInstallDirs names has those. */
  const char *inc = tool_fmt("%s/include", d->prefix);
  const char *inc2 = tool_fmt("%s/%s", d->prefix, PARCC_INSTALL_INCLUDEDIR);
  d->include_flag = tool_fmt("-I%s", is_dir(inc) || !is_dir(inc2) ? inc : inc2);
  const char *lib = tool_fmt("%s/lib/libparrt.a", d->prefix);
  const char *lib2 = tool_fmt("%s/%s/libparrt.a", d->prefix, PARCC_INSTALL_LIBDIR);
  d->runtime_lib = is_file(lib) || !is_file(lib2) ? lib : lib2;

  if (d->cl.offload_targets)
    d->offload = d->cl.offload_targets;
  else if (getenv("PARCC_OFFLOAD_TARGETS"))
    d->offload = getenv("PARCC_OFFLOAD_TARGETS");
  else
    d->offload = PARCC_DEFAULT_OFFLOAD_TARGETS;
}

/* The link adds the runtime for a program; not for -c/-S/-E, nor for a
 * shared library or a relocatable object (those get it from the program). */
static int links_runtime(const drv_cmdline_t *cl) {
  return cl->mode == DRV_MODE_LINK && !cl->shared && !cl->relocatable && cl->ninputs > 0;
}

static void push_runtime(const driver_t *d, tool_argv_t *av) {
  /* The runtime's __wrap_main starts a process as a parrun worker or
   * driver before main (runtime/start.c). */
  tool_argv_push(av, "-Wl,--wrap=main");
  /* Names for the program's own functions in a worker's crash backtrace
   * (runtime/crash.c; backtrace_symbols reads the dynamic symbol table). */
  tool_argv_push(av, "-rdynamic");
  tool_argv_push(av, d->runtime_lib);
  const char *p = PARCC_RUNTIME_LINK_FLAGS;
  while (*p) {
    while (*p == ' ' || *p == '\t')
      p++;
    const char *start = p;
    while (*p && *p != ' ' && *p != '\t')
      p++;
    if (p > start)
      tool_argv_push(av, tool_xstrndup(start, (size_t)(p - start)));
  }
}

/* -fopenmp -fopenmp-targets=LIST, and for NVPTX the arch and device library
 * that clang 19 needs (../shared/MACHINE.md). */
static void push_offload(const driver_t *d, tool_argv_t *av, int linking) {
  tool_argv_push(av, "-fopenmp");
  if (*d->offload)
    tool_argv_push(av, tool_fmt("-fopenmp-targets=%s", d->offload));
  int nvptx = 0;
  for (const char *t = d->offload; *t;) {
    size_t n = strcspn(t, ",");
    if (n >= 6 && strncmp(t, "nvptx", 5) == 0) {
      nvptx = 1;
      if (!linking && PARCC_NVPTX_ARCH[0] != '\0') {
        tool_argv_push(av, tool_fmt("-Xopenmp-target=%.*s", (int)n, t));
        tool_argv_push(av, "-march=" PARCC_NVPTX_ARCH);
      }
    }
    t += n;
    if (*t == ',')
      t++;
  }
  int have_libdir = PARCC_LLVM_LIBDIR[0] != '\0';
  if (!linking && nvptx && have_libdir)
    tool_argv_push(av, "--libomptarget-nvptx-bc-path=" PARCC_LLVM_LIBDIR);
  if (linking && have_libdir)
    tool_argv_push(av, "-Wl,-rpath," PARCC_LLVM_LIBDIR);
}

/* ---- own options ------------------------------------------------------- */

static void print_help(const driver_t *d) {
  printf("Usage: parcc [options] file...\n"
         "\n"
         "parcc is a cc-compatible C compiler driver. It rewrites every `#pragma par`\n"
         "in each C source, compiles the result with clang and links the par runtime.\n"
         "A source without `#pragma par` is compiled by clang unchanged. All cc and\n"
         "clang options are accepted (-c -S -E -o -I -D -U -O -g -std= -W -l -L -M*\n"
         "-shared -fPIC -Wl, ...) and passed to clang.\n"
         "\n"
         "parcc options:\n"
         "  --emit-rewritten        print the rewritten source of the one C input\n"
         "                          (to -o FILE if given) and stop\n"
         "  --offload-targets=LIST  clang -fopenmp-targets triples for loops with\n"
         "                          device(gpu|any) (default: $PARCC_OFFLOAD_TARGETS)\n"
         "  --keep-temps            keep the temporary directory and print its path\n"
         "  -v                      print each command parcc runs (and pass -v to clang)\n"
         "  --version               print parcc's and clang's versions\n"
         "  --help                  print this help\n"
         "\n"
         "Environment:\n"
         "  PARCC_CC                the clang to run (now: %s)\n"
         "  PARCC_OFFLOAD_TARGETS   offload targets when --offload-targets is not given\n"
         "  TMPDIR                  where the temporary directory is made\n"
         "\n"
         "See parcc(1).\n",
         d->cc);
}

static int print_version(const driver_t *d) {
  printf("parcc (par) %s\n", PARCC_VERSION);
  fflush(stdout);
  const char *argv[] = {d->cc, "--version", NULL};
  return drv_run(argv, 0);
}

/* ---- transform --------------------------------------------------------- */

/* The parsing-relevant flags for the transform: ours, then the user's in
 * order, then the par headers (after the user's -I, as on the compile). */
static void transform_args(const driver_t *d, const drv_arg_t *input, tool_argv_t *av) {
  tool_argv_push(av, "-D__PARCC__=1");
  for (int i = 0; i < d->cl.nargs; i++) {
    const drv_arg_t *a = &d->cl.args[i];
    if (!a->parse)
      continue;
    for (int k = 0; k < a->nwords; k++)
      tool_argv_push(av, a->words[k]);
  }
  tool_argv_push(av, d->include_flag);
  if (input->lang)
    tool_argv_push2(av, "-x", input->lang);
}

/* Runs the transform on one input. 0: *out is set (out->text owned by the
 * caller); 1: errors were reported on stderr. */
static int transform_one(const driver_t *d, const drv_arg_t *input, parcc_transform_result_t *out) {
  tool_argv_t av = {0};
  transform_args(d, input, &av);
  parcc_transform_opts_t opts = {
    .clang_args = av.v,
    .nclang_args = av.n,
    .color = d->cl.color,
    .clang = d->cc,
  };
  memset(out, 0, sizeof *out);
  int rc = parcc_transform(input->value, &opts, stderr, out);
  tool_argv_cleanup(&av);
  if (rc == 0 && out->text)
    return 0;
  free(out->text);
  out->text = NULL;
  return 1;
}

static int emit_rewritten(driver_t *d) {
  const drv_arg_t *input = NULL;
  for (int i = 0; i < d->cl.nargs; i++) {
    const drv_arg_t *a = &d->cl.args[i];
    if (a->kind == DRV_ARG_INPUT && a->input != DRV_INPUT_LINKER) {
      if (input || a->input != DRV_INPUT_C) {
        tool_error("--emit-rewritten takes exactly one C source file");
        return 1;
      }
      input = a;
    }
  }
  if (!input) {
    tool_error("--emit-rewritten takes exactly one C source file");
    return 1;
  }

  size_t len;
  char *text = drv_read_file(input->value, &len);
  if (!text) {
    tool_error("no such file or directory: '%s'", input->value);
    return 1;
  }
  if (parcc_has_par_pragma(text, len)) {
    free(text);
    parcc_transform_result_t r;
    if (transform_one(d, input, &r) != 0)
      return 1;
    text = r.text;
    len = r.len;
  }

  int rc = 0;
  const char *out = d->cl.output;
  if (out && strcmp(out, "-") != 0) {
    if (drv_write_file(out, text, len) != 0) {
      tool_error("cannot write '%s': %s", out, strerror(errno));
      unlink(out);
      rc = 1;
    }
  } else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
    tool_error("cannot write the rewritten source: %s", strerror(errno));
    rc = 1;
  }
  free(text);
  return rc;
}

/* ---- fast path --------------------------------------------------------- */

static void fast_path(const driver_t *d) {
  tool_argv_t av = {0};
  int compiles = d->cl.ninputs > 0; /* `parcc -v`, `-print-*` alone: just clang */
  tool_argv_push(&av, d->cc);
  if (compiles)
    tool_argv_push(&av, "-D__PARCC__=1");
  for (int i = 0; i < d->cl.passthrough.n; i++)
    tool_argv_push(&av, d->cl.passthrough.v[i]);
  if (compiles)
    tool_argv_push(&av, d->include_flag);
  if (links_runtime(&d->cl)) {
    if (d->cl.lang_open)
      tool_argv_push2(&av, "-x", "none"); /* the runtime is not a source */
    push_runtime(d, &av);
    if (drv_links_offload_objects(&d->cl))
      push_offload(d, &av, 1);
  }
  drv_exec(av.v, d->cl.verbose);
  exit(1);
}

/* ---- slow path --------------------------------------------------------- */

/* The dependency file clang writes for `src` (clang's getDependencyFileName):
 * -MF, else the -o path with .d, else <stem>.d in the current directory. */
static const char *dep_path(const driver_t *d, const char *src) {
  if (d->cl.dep_file)
    return d->cl.dep_file;
  if (d->cl.output)
    return drv_path_replace_ext(d->cl.output, "d");
  return tool_fmt("%s.d", drv_path_stem(src));
}

/* What clang would have written for `src` in -c / -S mode; NULL otherwise. */
static const char *output_path(const driver_t *d, const char *src) {
  if (d->cl.output)
    return strcmp(d->cl.output, "-") == 0 ? NULL : d->cl.output;
  const char *stem = drv_path_stem(src);
  if (d->cl.mode == DRV_MODE_COMPILE)
    return tool_fmt("%s.%s", stem, d->cl.emit_llvm ? "bc" : "o");
  if (d->cl.mode == DRV_MODE_ASSEMBLE)
    return tool_fmt("%s.%s", stem, d->cl.emit_llvm ? "ll" : "s");
  return NULL;
}

/* clang removes its outputs when a compile fails; so does parcc when the
 * transform fails, so that no stale object is taken for a good one. */
static void remove_outputs(const driver_t *d, const char *src) {
  if (d->cl.mode == DRV_MODE_LINK)
    return;
  const char *out = output_path(d, src);
  if (out && is_file(out))
    unlink(out);
  if (d->cl.dep_md) {
    const char *dep = dep_path(d, src);
    if (is_file(dep))
      unlink(dep);
  }
}

typedef struct drv_job {
  const drv_arg_t *input;
  const char *path;   /* what clang compiles: the input, or its rewritten copy */
  int rewritten;
  int offload;
  const char *object; /* link mode: the temp object; else NULL */
  const char *depfile; /* link mode with -MD and no -MF: where the rule goes */
} drv_job_t;

static void build_compile(const driver_t *d, const drv_job_t *job, tool_argv_t *av) {
  int linking = d->cl.mode == DRV_MODE_LINK;
  tool_argv_push(av, d->cc);
  tool_argv_push(av, "-D__PARCC__=1");
  if (job->rewritten)
    tool_argv_push2(av, "-iquote", drv_path_dirname(job->input->value));
  for (int i = 0; i < d->cl.nargs; i++) {
    const drv_arg_t *a = &d->cl.args[i];
    if (a->kind == DRV_ARG_INPUT || a->kind == DRV_ARG_LANG)
      continue;
    if (linking && (a->kind == DRV_ARG_OUTPUT || a->kind == DRV_ARG_LINK))
      continue;
    for (int k = 0; k < a->nwords; k++)
      tool_argv_push(av, a->words[k]);
  }
  if (linking) {
    tool_argv_push(av, "-c");
    tool_argv_push2(av, "-o", job->object);
    if (job->depfile)
      tool_argv_push2(av, "-MF", job->depfile);
  }
  if (job->rewritten) {
    tool_argv_push(av, "-Wno-unknown-pragmas");
    /* Debug info and coverage name the user's file, not the temp copy, so
     * that the object does not depend on the temp dir's random name. */
    const char *orig = job->input->value;
    const char *base = drv_path_basename(orig);
    tool_argv_push(av,
                   tool_fmt("-ffile-prefix-map=%.*s=%.*s", (int)(strlen(job->path) - strlen(base)),
                            job->path, (int)(base - orig), orig));
  }
  if (job->offload)
    push_offload(d, av, 0);
  tool_argv_push(av, d->include_flag);
  if (job->input->lang)
    tool_argv_push2(av, "-x", job->input->lang);
  tool_argv_push(av, job->path);
}

static void build_link(const driver_t *d, const drv_job_t *jobs, int njobs, tool_argv_t *av) {
  tool_argv_push(av, d->cc);
  int j = 0;
  for (int i = 0; i < d->cl.nargs; i++) {
    const drv_arg_t *a = &d->cl.args[i];
    if (a->kind == DRV_ARG_LANG || a->kind == DRV_ARG_DEP || a->kind == DRV_ARG_MODE || a->nolink)
      continue;
    if (a->kind == DRV_ARG_INPUT && a->input != DRV_INPUT_LINKER) {
      while (j < njobs && jobs[j].input != a)
        j++;
      if (j < njobs)
        tool_argv_push(av, jobs[j].object);
      continue;
    }
    for (int k = 0; k < a->nwords; k++)
      tool_argv_push(av, a->words[k]);
  }
  if (links_runtime(&d->cl))
    push_runtime(d, av);
  if (d->offload_used || (links_runtime(&d->cl) && drv_links_offload_objects(&d->cl)))
    push_offload(d, av, 1);
}

/* Transforms (when it has pragmas) and compiles one source. Returns the exit
 * code of that step: 0, or nonzero after the error was reported. */
static int run_source(driver_t *d, drv_job_t *job, int seq) {
  const drv_arg_t *in = job->input;
  const char *sub = NULL;
  job->path = in->value;

  int idx = (int)(in - d->cl.args);
  if (d->has_pragma[idx]) {
    parcc_transform_result_t r;
    if (transform_one(d, in, &r) != 0) {
      remove_outputs(d, in->value);
      return 1;
    }
    if (r.npragmas > 0) {
      if (!(sub = drv_tmp_subdir(seq))) {
        free(r.text);
        return 1;
      }
      const char *copy = tool_fmt("%s/%s", sub, drv_path_basename(in->value));
      drv_tmp_track(copy);
      if (drv_write_file(copy, r.text, r.len) != 0) {
        tool_error("cannot write '%s': %s", copy, strerror(errno));
        free(r.text);
        return 1;
      }
      if (d->cl.verbose)
        fprintf(stderr, "parcc: rewrote '%s' (%d pragma%s) as '%s'\n", in->value, r.npragmas,
                r.npragmas == 1 ? "" : "s", copy);
      job->path = copy;
      job->rewritten = 1;
      job->offload = r.needs_offload && *d->offload;
    }
    free(r.text);
  }

  if (d->cl.mode == DRV_MODE_LINK) {
    if (!sub && !(sub = drv_tmp_subdir(seq)))
      return 1;
    const char *stem = in->input == DRV_INPUT_STDIN ? "stdin" : drv_path_stem(in->value);
    job->object = tool_fmt("%s/%s.o", sub, stem);
    drv_tmp_track(job->object);
    if (d->cl.dep_md && !d->cl.dep_file)
      job->depfile = dep_path(d, in->value);
  }

  tool_argv_t av = {0};
  build_compile(d, job, &av);
  int status = drv_run(av.v, d->cl.verbose);
  tool_argv_cleanup(&av);
  if (status == -1)
    exit(1); /* clang cannot be run: nothing else will work */
  if (WIFSIGNALED(status))
    drv_exit_like(status);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  if (code != 0)
    return code;

  if (job->rewritten && d->cl.dep_md) {
    const char *dep = job->depfile ? job->depfile : dep_path(d, in->value);
    if (drv_depfile_fix(dep, job->path, in->value) != 0)
      return 1;
  }
  if (job->offload)
    d->offload_used = 1;
  return 0;
}

static int slow_path(driver_t *d) {
  const drv_cmdline_t *cl = &d->cl;
  if (cl->mode != DRV_MODE_LINK && cl->output && cl->ncompile > 1) {
    tool_error("cannot specify -o when generating multiple output files");
    return 1;
  }
  drv_tmp_keep(cl->keep_temps);
  drv_signals_install();

  drv_job_t *jobs = tool_xmalloc((size_t)cl->ncompile * sizeof *jobs);
  memset(jobs, 0, (size_t)cl->ncompile * sizeof *jobs);
  int njobs = 0, failed = 0;
  for (int i = 0; i < cl->nargs; i++) {
    const drv_arg_t *a = &cl->args[i];
    if (a->kind != DRV_ARG_INPUT || a->input == DRV_INPUT_LINKER)
      continue;
    drv_job_t *job = &jobs[njobs];
    job->input = a;
    int code = run_source(d, job, njobs);
    njobs++;
    if (code != 0 && !failed)
      failed = code;
  }
  if (failed || cl->mode != DRV_MODE_LINK)
    return failed;

  tool_argv_t av = {0};
  build_link(d, jobs, njobs, &av);
  int status = drv_run(av.v, cl->verbose);
  tool_argv_cleanup(&av);
  drv_exit_like(status);
}

/* ---- main -------------------------------------------------------------- */

/* Reads each C input and notes whether it has `#pragma par`. Returns the
 * number that do. A file that cannot be read is left to clang to report. */
static int scan_sources(driver_t *d) {
  int n = 0;
  d->has_pragma = tool_xmalloc((size_t)d->cl.nargs + 1);
  memset(d->has_pragma, 0, (size_t)d->cl.nargs + 1);
  for (int i = 0; i < d->cl.nargs; i++) {
    const drv_arg_t *a = &d->cl.args[i];
    if (a->kind != DRV_ARG_INPUT || a->input != DRV_INPUT_C)
      continue;
    size_t len;
    char *text = drv_read_file(a->value, &len);
    if (!text)
      continue;
    if (parcc_has_par_pragma(text, len)) {
      d->has_pragma[i] = 1;
      n++;
    }
    free(text);
  }
  return n;
}

int main(int argc, char **argv) {
  driver_t d;
  memset(&d, 0, sizeof d);
  if (drv_args_parse(argc, argv, &d.cl) != 0)
    return 1;
  driver_init(&d, argv[0]);

  if (d.cl.show_help) {
    print_help(&d);
    return 0;
  }
  if (d.cl.show_version)
    drv_exit_like(print_version(&d));
  if (d.cl.emit_rewritten)
    return emit_rewritten(&d);
  if (d.cl.ninputs == 0) {
    if (d.cl.query)
      fast_path(&d); /* -v, -print-*, -dump*: clang answers */
    tool_error("no input files");
    return 1;
  }

  if (d.cl.mode == DRV_MODE_DEPS || scan_sources(&d) == 0)
    fast_path(&d);
  return slow_path(&d);
}
