/* args.h: parcc's command line, classified.
 *
 * parcc takes cc's command line. Each argument (one argv word, or two for the
 * separate form `-o FILE`) is sorted into a kind that says which of the
 * driver's commands it belongs to: the per-source compile commands, the link
 * command, and the transform (parsing-relevant flags). Arguments parcc does not
 * know are kept, in order, for clang, which diagnoses them. Response files
 * (`@file`) are expanded here, with GNU quoting as clang does.
 */
#ifndef PARCC_ARGS_H
#define PARCC_ARGS_H

#include "util.h"

/* The last phase the invocation runs, as clang decides it. */
enum drv_mode {
  DRV_MODE_LINK = 0,   /* no -c/-S/-E: compile and link */
  DRV_MODE_COMPILE,    /* -c */
  DRV_MODE_ASSEMBLE,   /* -S */
  DRV_MODE_SYNTAX,     /* -fsyntax-only */
  DRV_MODE_PREPROCESS, /* -E */
  DRV_MODE_DEPS,       /* -M or -MM: dependencies only, no transform */
};

enum drv_arg_kind {
  DRV_ARG_INPUT,  /* a file operand (or "-"): see drv_input_kind */
  DRV_ARG_OUTPUT, /* -o FILE */
  DRV_ARG_LANG,   /* -x LANG */
  DRV_ARG_MODE,   /* -c -S -E -M -MM -fsyntax-only */
  DRV_ARG_DEP,    /* -MD -MMD -MF -MT -MQ -MP -MG -MV -MJ */
  DRV_ARG_LINK,   /* meaningful only when linking: -l -L -Wl, -Xlinker -shared ... */
  DRV_ARG_OTHER,  /* any other flag: given to every clang command */
};

enum drv_input_kind {
  DRV_INPUT_C,      /* C source: read and, if it has `#pragma par`, transformed */
  DRV_INPUT_SOURCE, /* other source clang compiles (.i .s .S .cc ...): passed through */
  DRV_INPUT_STDIN,  /* "-": passed through, never transformed */
  DRV_INPUT_LINKER, /* object, archive, shared library, anything else */
};

typedef struct drv_arg {
  enum drv_arg_kind kind;
  int parse;             /* also given to the transform (-I -D -U -std= -include -f* -m* ...) */
  int nolink;            /* preprocessor/assembler only (-I -D -include -Wa, ...): not on a link command */
  int nwords;            /* 1 (`-Ifoo`) or 2 (`-I foo`) */
  const char *words[2];  /* borrowed: argv or kept strings */
  const char *value;     /* the option's value (INPUT: the file; OUTPUT: the file; LANG: the language) */
  /* DRV_ARG_INPUT only */
  enum drv_input_kind input;
  const char *lang;      /* the `-x` language in effect for this input, NULL when none */
} drv_arg_t;

typedef struct drv_cmdline {
  drv_arg_t *args;     /* owned (kept), in command-line order, parcc's own options removed */
  int nargs;
  enum drv_mode mode;
  const char *output;    /* last -o, or NULL */
  const char *dep_file;  /* last -MF, or NULL */
  int ninputs;           /* all file operands */
  int ncompile;          /* inputs clang compiles (C, SOURCE, STDIN) */
  int dep_md;            /* -MD or -MMD given */
  int shared;            /* -shared */
  int relocatable;       /* -r */
  int emit_llvm;         /* -emit-llvm */
  int verbose;           /* -v */
  int query;             /* -v -### -print-* -dump*: fine without inputs */
  int lang_open;         /* the last -x is not `none`: later words would be taken as that language */
  int color;             /* diagnostics in color (clang's rule: -f[no-]color-diagnostics, else a tty) */

  /* parcc's own options */
  int emit_rewritten;    /* --emit-rewritten */
  int keep_temps;        /* --keep-temps */
  int show_version;      /* --version */
  int show_help;         /* --help */
  const char *offload_targets; /* --offload-targets=LIST, or NULL */

  /* The words to give clang unchanged on the fast path: the original argv
   * (response files unexpanded) less parcc's own options. Owned. */
  tool_argv_t passthrough;
} drv_cmdline_t;

/* Classifies argv[1..argc-1] into *out. Returns 0, or 1 after printing a usage
 * error (`parcc: error: ...`). */
int drv_args_parse(int argc, char **argv, drv_cmdline_t *out);

/* True for a word that is a query clang answers without input files. */
int drv_args_is_query(const char *word);

#endif /* PARCC_ARGS_H */
