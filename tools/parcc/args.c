/* args.c: sorts cc's command line into a drv_cmdline_t.
 *
 * The option table lists what parcc must understand to split one cc command
 * into clang commands: which options take a value (so that the value is not
 * taken for an input file), which belong to the link step only, and which
 * affect how the source parses (those also go to the transform). Everything
 * else is kept in order and given to clang unchanged.
 */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
  F_SEP = 1,   /* the exact name takes the next word as its value (`-o FILE`) */
  F_JOIN = 2,  /* a longer word starting with the name carries the value (`-oFILE`) */
  F_PARSE = 4, /* affects parsing: also given to the transform */
  F_NEXT = 8,  /* the joined form also takes the next word (`-Xopenmp-target=T ARG`) */
  F_NOLINK = 16, /* preprocessor or assembler only: left out of the link command */
};

typedef struct opt_spec {
  const char *name;
  enum drv_arg_kind kind;
  unsigned flags;
} opt_spec_t;

/* Options that take a value, flags that parcc must recognise by exact name,
 * and the joined prefixes. Names ending in '=' are joined-only. */
static const opt_spec_t k_opts[] = {
  /* output and phases */
  {"-o", DRV_ARG_OUTPUT, F_SEP | F_JOIN},
  {"--output", DRV_ARG_OUTPUT, F_SEP},
  {"--output=", DRV_ARG_OUTPUT, F_JOIN},
  {"-x", DRV_ARG_LANG, F_SEP | F_JOIN},
  {"--language", DRV_ARG_LANG, F_SEP},
  {"--language=", DRV_ARG_LANG, F_JOIN},
  {"-c", DRV_ARG_MODE, 0},
  {"--compile", DRV_ARG_MODE, 0},
  {"-S", DRV_ARG_MODE, 0},
  {"--assemble", DRV_ARG_MODE, 0},
  {"-E", DRV_ARG_MODE, 0},
  {"--preprocess", DRV_ARG_MODE, 0},
  {"-M", DRV_ARG_MODE, 0},
  {"-MM", DRV_ARG_MODE, 0},
  {"--dependencies", DRV_ARG_MODE, 0},
  {"--user-dependencies", DRV_ARG_MODE, 0},
  {"-fsyntax-only", DRV_ARG_MODE, 0},
  /* dependency files */
  {"-MD", DRV_ARG_DEP, 0},
  {"-MMD", DRV_ARG_DEP, 0},
  {"-MP", DRV_ARG_DEP, 0},
  {"-MG", DRV_ARG_DEP, 0},
  {"-MV", DRV_ARG_DEP, 0},
  {"-MF", DRV_ARG_DEP, F_SEP | F_JOIN},
  {"-MT", DRV_ARG_DEP, F_SEP | F_JOIN},
  {"-MQ", DRV_ARG_DEP, F_SEP | F_JOIN},
  {"-MJ", DRV_ARG_DEP, F_SEP | F_JOIN},
  /* preprocessor: these change how the source parses */
  {"-I", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"--include-directory", DRV_ARG_OTHER, F_SEP | F_PARSE | F_NOLINK},
  {"--include-directory=", DRV_ARG_OTHER, F_JOIN | F_PARSE | F_NOLINK},
  {"-D", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"--define-macro", DRV_ARG_OTHER, F_SEP | F_PARSE | F_NOLINK},
  {"--define-macro=", DRV_ARG_OTHER, F_JOIN | F_PARSE | F_NOLINK},
  {"-U", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"--undefine-macro", DRV_ARG_OTHER, F_SEP | F_PARSE | F_NOLINK},
  {"--undefine-macro=", DRV_ARG_OTHER, F_JOIN | F_PARSE | F_NOLINK},
  {"-include", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"--include", DRV_ARG_OTHER, F_SEP | F_PARSE | F_NOLINK},
  {"-imacros", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-isystem", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-isystem-after", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-iquote", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-idirafter", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-iprefix", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-iwithprefix", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-iwithprefixbefore", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-isysroot", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE},
  {"-iframework", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"-ivfsoverlay", DRV_ARG_OTHER, F_SEP | F_JOIN | F_PARSE | F_NOLINK},
  {"--sysroot", DRV_ARG_OTHER, F_SEP | F_PARSE},
  {"--sysroot=", DRV_ARG_OTHER, F_JOIN | F_PARSE},
  {"-target", DRV_ARG_OTHER, F_SEP | F_PARSE},
  {"--target=", DRV_ARG_OTHER, F_JOIN | F_PARSE},
  {"-std=", DRV_ARG_OTHER, F_JOIN | F_PARSE},
  {"--std=", DRV_ARG_OTHER, F_JOIN | F_PARSE},
  {"--std", DRV_ARG_OTHER, F_SEP | F_PARSE},
  {"-ansi", DRV_ARG_OTHER, F_PARSE},
  {"-undef", DRV_ARG_OTHER, F_PARSE | F_NOLINK},
  {"-nostdinc", DRV_ARG_OTHER, F_PARSE | F_NOLINK},
  {"-nostdlibinc", DRV_ARG_OTHER, F_PARSE | F_NOLINK},
  {"-nobuiltininc", DRV_ARG_OTHER, F_PARSE | F_NOLINK},
  {"-trigraphs", DRV_ARG_OTHER, F_PARSE | F_NOLINK},
  {"-Wp,", DRV_ARG_OTHER, F_JOIN | F_PARSE | F_NOLINK},
  /* link only */
  {"-l", DRV_ARG_LINK, F_SEP | F_JOIN},
  {"-L", DRV_ARG_LINK, F_SEP | F_JOIN},
  {"--library-directory", DRV_ARG_LINK, F_SEP},
  {"--library-directory=", DRV_ARG_LINK, F_JOIN},
  {"-Wl,", DRV_ARG_LINK, F_JOIN},
  {"-Xlinker", DRV_ARG_LINK, F_SEP},
  {"--for-linker", DRV_ARG_LINK, F_SEP},
  {"--for-linker=", DRV_ARG_LINK, F_JOIN},
  {"-u", DRV_ARG_LINK, F_SEP | F_JOIN},
  {"-z", DRV_ARG_LINK, F_SEP},
  {"-T", DRV_ARG_LINK, F_SEP | F_JOIN},
  {"-e", DRV_ARG_LINK, F_SEP},
  {"-rdynamic", DRV_ARG_LINK, 0},
  {"-shared", DRV_ARG_LINK, 0},
  {"--shared", DRV_ARG_LINK, 0},
  {"-static", DRV_ARG_LINK, 0},
  {"--static", DRV_ARG_LINK, 0},
  {"-static-pie", DRV_ARG_LINK, 0},
  {"-static-libgcc", DRV_ARG_LINK, 0},
  {"-shared-libgcc", DRV_ARG_LINK, 0},
  {"-pie", DRV_ARG_LINK, 0},
  {"-no-pie", DRV_ARG_LINK, 0},
  {"-nostdlib", DRV_ARG_LINK, 0},
  {"-nostartfiles", DRV_ARG_LINK, 0},
  {"-nodefaultlibs", DRV_ARG_LINK, 0},
  {"-nolibc", DRV_ARG_LINK, 0},
  {"-s", DRV_ARG_LINK, 0},
  {"-r", DRV_ARG_LINK, 0},
  {"-fuse-ld=", DRV_ARG_LINK, F_JOIN},
  {"--ld-path=", DRV_ARG_LINK, F_JOIN},
  {"-rtlib=", DRV_ARG_LINK, F_JOIN},
  {"--rtlib=", DRV_ARG_LINK, F_JOIN},
  {"-unwindlib=", DRV_ARG_LINK, F_JOIN},
  {"--unwindlib=", DRV_ARG_LINK, F_JOIN},
  /* others that take a value, so the value is not mistaken for an input */
  {"-Xclang", DRV_ARG_OTHER, F_SEP},
  {"-Xassembler", DRV_ARG_OTHER, F_SEP | F_NOLINK},
  {"-Wa,", DRV_ARG_OTHER, F_JOIN | F_NOLINK},
  {"-Xpreprocessor", DRV_ARG_OTHER, F_SEP | F_NOLINK},
  {"-Xopenmp-target", DRV_ARG_OTHER, F_SEP},
  {"-Xopenmp-target=", DRV_ARG_OTHER, F_JOIN | F_NEXT},
  {"-Xarch_", DRV_ARG_OTHER, F_JOIN | F_NEXT},
  {"-Xcuda-fatbinary", DRV_ARG_OTHER, F_SEP},
  {"-Xcuda-ptxas", DRV_ARG_OTHER, F_SEP},
  {"-Xarch_device", DRV_ARG_OTHER, F_SEP},
  {"-Xarch_host", DRV_ARG_OTHER, F_SEP},
  {"-Xflang", DRV_ARG_OTHER, F_SEP},
  {"-mllvm", DRV_ARG_OTHER, F_SEP},
  {"-arch", DRV_ARG_OTHER, F_SEP},
  {"-A", DRV_ARG_OTHER, F_SEP | F_JOIN},
  {"-B", DRV_ARG_OTHER, F_SEP | F_JOIN},
  {"-F", DRV_ARG_OTHER, F_SEP | F_JOIN},
  {"-framework", DRV_ARG_OTHER, F_SEP},
  {"-filelist", DRV_ARG_OTHER, F_SEP},
  {"-serialize-diagnostics", DRV_ARG_OTHER, F_SEP},
  {"-dependency-file", DRV_ARG_OTHER, F_SEP},
  {"-dependency-dot", DRV_ARG_OTHER, F_SEP},
  {"-gcc-toolchain", DRV_ARG_OTHER, F_SEP},
  {"--param", DRV_ARG_OTHER, F_SEP},
  {"-rpath", DRV_ARG_OTHER, F_SEP},
  {"-ftrapv-handler", DRV_ARG_OTHER, F_SEP},
  {"-install_name", DRV_ARG_OTHER, F_SEP},
  {"-init", DRV_ARG_OTHER, F_SEP},
  {"-exported_symbols_list", DRV_ARG_OTHER, F_SEP},
  {"-include-pch", DRV_ARG_OTHER, F_SEP | F_PARSE | F_NOLINK},
  {"--config", DRV_ARG_OTHER, F_SEP},
};

#define NOPTS (sizeof k_opts / sizeof k_opts[0])

/* Extensions clang compiles (see clang's types::lookupTypeForExtension); any
 * other file operand is given to the linker. `.c` is handled apart. */
static const char *const k_source_exts[] = {
  "i", "h", "s", "S", "sx", "cc", "cp", "cpp", "cxx", "c++", "C", "CC", "CPP", "CXX", "ii",
  "hh", "hpp", "hxx", "H", "m", "mm", "M", "mi", "mii", "ll", "bc", "cu", "cuh", "hip",
  "cl", "cppm", "ixx", "f", "F", "for", "f90", "F90", "f95", "F95", "ifs",
};

static int is_source_ext(const char *path) {
  const char *base = drv_path_basename(path);
  const char *dot = strrchr(base, '.');
  if (!dot || dot == base)
    return 0;
  for (size_t i = 0; i < sizeof k_source_exts / sizeof k_source_exts[0]; i++)
    if (strcmp(dot + 1, k_source_exts[i]) == 0)
      return 1;
  return 0;
}

int drv_args_is_query(const char *w) {
  return strcmp(w, "-v") == 0 || strcmp(w, "-###") == 0 || strcmp(w, "-help") == 0 ||
         strcmp(w, "--help-hidden") == 0 || drv_starts_with(w, "-print-") ||
         drv_starts_with(w, "--print-") || drv_starts_with(w, "-dump");
}

/* ---- response files ---------------------------------------------------- */

/* The command line after expanding @files: each word and whether it came from
 * a response file (top < 0) or is argv[top]. */
typedef struct words {
  const char **w;
  int *top;
  int n, cap;
} words_t;

static void words_push(words_t *ws, const char *w, int top) {
  if (ws->n == ws->cap) {
    int cap = ws->cap ? 2 * ws->cap : 64;
    ws->w = tool_keep(realloc(ws->w, (size_t)cap * sizeof *ws->w));
    ws->top = tool_keep(realloc(ws->top, (size_t)cap * sizeof *ws->top));
    if (!ws->w || !ws->top)
      tool_oom();
    ws->cap = cap;
  }
  ws->w[ws->n] = w;
  ws->top[ws->n] = top;
  ws->n++;
}

static void expand_word(words_t *ws, const char *w, int top, int depth);

/* GNU tokenization (llvm::cl::TokenizeGNUCommandLine): words split on
 * whitespace; backslash escapes the next character; '...' is literal; "..."
 * allows backslash escapes. */
static void expand_response_text(words_t *ws, const char *s, int depth) {
  size_t cap = strlen(s) + 1;
  char *tok = malloc(cap);
  if (!tok)
    tool_oom();
  size_t n = 0;
  int in_word = 0;
  for (const char *p = s;; p++) {
    char c = *p;
    if (c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (in_word)
        expand_word(ws, tool_xstrndup(tok, n), -1, depth + 1);
      n = 0;
      in_word = 0;
      if (c == '\0')
        break;
      continue;
    }
    in_word = 1;
    if (c == '\\' && p[1]) {
      tok[n++] = *++p;
    } else if (c == '\'' || c == '"') {
      char q = c;
      for (p++; *p && *p != q; p++) {
        if (q == '"' && *p == '\\' && p[1])
          p++;
        tok[n++] = *p;
      }
      if (!*p)
        p--; /* unterminated quote: end of text */
    } else {
      tok[n++] = c;
    }
  }
  free(tok);
}

static void expand_word(words_t *ws, const char *w, int top, int depth) {
  if (w[0] == '@' && w[1] && depth < 20) {
    size_t len;
    char *text = drv_read_file(w + 1, &len);
    if (text) {
      expand_response_text(ws, text, depth);
      free(text);
      return;
    }
    /* unreadable: kept as a word; clang reports it */
  }
  words_push(ws, w, top);
}

/* ---- classification ---------------------------------------------------- */

static const opt_spec_t *find_exact(const char *w) {
  for (size_t i = 0; i < NOPTS; i++)
    if (strcmp(k_opts[i].name, w) == 0)
      return &k_opts[i];
  return NULL;
}

/* The longest joined-form name that `w` starts with (and is longer than). */
static const opt_spec_t *find_joined(const char *w) {
  const opt_spec_t *best = NULL;
  size_t best_len = 0;
  for (size_t i = 0; i < NOPTS; i++) {
    if (!(k_opts[i].flags & F_JOIN))
      continue;
    size_t len = strlen(k_opts[i].name);
    if (len > best_len && strlen(w) > len && strncmp(w, k_opts[i].name, len) == 0) {
      best = &k_opts[i];
      best_len = len;
    }
  }
  return best;
}

/* Flags recognised by prefix only, after the table. */
static void classify_generic(const char *w, drv_arg_t *arg) {
  arg->kind = DRV_ARG_OTHER;
  /* Warning flags go to the transform too: when the user's code does not
   * compile, it shows clang's messages with the user's warnings, as cc would. */
  if (drv_starts_with(w, "-f") || drv_starts_with(w, "-m") || drv_starts_with(w, "-O") ||
      (drv_starts_with(w, "-W") && !drv_starts_with(w, "-Wl,") && !drv_starts_with(w, "-Wa,")) ||
      strcmp(w, "-w") == 0 || drv_starts_with(w, "-pedantic"))
    arg->parse = 1;
}

static void missing_value(const char *name) {
  tool_error("argument to '%s' is missing (expected 1 value)", name);
}

static void set_color(drv_cmdline_t *out, const char *w) {
  if (strcmp(w, "-fcolor-diagnostics") == 0 || strcmp(w, "-fdiagnostics-color") == 0 ||
      strcmp(w, "-fdiagnostics-color=always") == 0)
    out->color = 1;
  else if (strcmp(w, "-fno-color-diagnostics") == 0 || strcmp(w, "-fno-diagnostics-color") == 0 ||
           strcmp(w, "-fdiagnostics-color=never") == 0)
    out->color = 0;
  else if (strcmp(w, "-fdiagnostics-color=auto") == 0)
    out->color = -1;
}

static void set_mode(drv_cmdline_t *out, const char *w, int *c, int *S, int *E, int *M, int *syn) {
  if (!strcmp(w, "-c") || !strcmp(w, "--compile"))
    *c = 1;
  else if (!strcmp(w, "-S") || !strcmp(w, "--assemble"))
    *S = 1;
  else if (!strcmp(w, "-E") || !strcmp(w, "--preprocess"))
    *E = 1;
  else if (!strcmp(w, "-fsyntax-only"))
    *syn = 1;
  else
    *M = 1;
  (void)out;
}

static int color_auto(void) {
  const char *term = getenv("TERM");
  return isatty(STDERR_FILENO) && term && strcmp(term, "dumb") != 0;
}

int drv_args_parse(int argc, char **argv, drv_cmdline_t *out) {
  memset(out, 0, sizeof *out);
  out->color = -1;

  words_t ws = {0};
  for (int i = 1; i < argc; i++)
    expand_word(&ws, argv[i], i, 0);

  /* argv indices parcc consumes itself, and whether any came from a @file */
  char *dropped = tool_xmalloc((size_t)argc + 1);
  memset(dropped, 0, (size_t)argc + 1);
  int own_in_rsp = 0;

  out->args = tool_xmalloc(((size_t)ws.n + 1) * sizeof *out->args);
  const char *lang = NULL;
  int c = 0, S = 0, E = 0, M = 0, syn = 0;

  for (int i = 0; i < ws.n; i++) {
    const char *w = ws.w[i];
    int own = 1;
    if (!strcmp(w, "--emit-rewritten"))
      out->emit_rewritten = 1;
    else if (!strcmp(w, "--keep-temps"))
      out->keep_temps = 1;
    else if (!strcmp(w, "--version"))
      out->show_version = 1;
    else if (!strcmp(w, "--help"))
      out->show_help = 1;
    else if (drv_starts_with(w, "--offload-targets="))
      out->offload_targets = w + strlen("--offload-targets=");
    else if (!strcmp(w, "--offload-targets")) {
      if (i + 1 >= ws.n) {
        missing_value(w);
        return 1;
      }
      out->offload_targets = ws.w[i + 1];
      if (ws.top[i] >= 0)
        dropped[ws.top[i]] = 1;
      if (ws.top[i + 1] >= 0)
        dropped[ws.top[i + 1]] = 1;
      else
        own_in_rsp = 1;
      i++;
    } else
      own = 0;
    if (own) {
      if (ws.top[i] >= 0)
        dropped[ws.top[i]] = 1;
      else
        own_in_rsp = 1;
      continue;
    }

    drv_arg_t *arg = &out->args[out->nargs];
    memset(arg, 0, sizeof *arg);
    arg->nwords = 1;
    arg->words[0] = w;

    if (w[0] != '-' || w[1] == '\0') {
      arg->kind = DRV_ARG_INPUT;
      arg->value = w;
      arg->lang = lang;
      if (!strcmp(w, "-"))
        arg->input = DRV_INPUT_STDIN;
      else if (lang)
        arg->input = strcmp(lang, "c") == 0 ? DRV_INPUT_C : DRV_INPUT_SOURCE;
      else if (drv_has_suffix(w, ".c") && strlen(drv_path_basename(w)) > 2)
        arg->input = DRV_INPUT_C;
      else
        arg->input = is_source_ext(w) ? DRV_INPUT_SOURCE : DRV_INPUT_LINKER;
      out->ninputs++;
      if (arg->input != DRV_INPUT_LINKER)
        out->ncompile++;
      out->nargs++;
      continue;
    }

    const opt_spec_t *spec = find_exact(w);
    if (spec && (spec->flags & F_SEP)) {
      if (i + 1 >= ws.n) {
        missing_value(w);
        return 1;
      }
      arg->nwords = 2;
      arg->words[1] = ws.w[++i];
      arg->value = arg->words[1];
    } else if (!spec && (spec = find_joined(w)) != NULL) {
      arg->value = w + strlen(spec->name);
      if (spec->flags & F_NEXT) {
        if (i + 1 >= ws.n) {
          missing_value(spec->name);
          return 1;
        }
        arg->nwords = 2;
        arg->words[1] = ws.w[++i];
      }
    }
    if (spec) {
      arg->kind = spec->kind;
      arg->parse = (spec->flags & F_PARSE) != 0;
      arg->nolink = (spec->flags & F_NOLINK) != 0;
    } else {
      classify_generic(w, arg);
    }

    switch (arg->kind) {
    case DRV_ARG_OUTPUT:
      out->output = arg->value;
      break;
    case DRV_ARG_LANG:
      lang = strcmp(arg->value, "none") == 0 ? NULL : arg->value;
      break;
    case DRV_ARG_MODE:
      set_mode(out, w, &c, &S, &E, &M, &syn);
      break;
    case DRV_ARG_DEP:
      if (!strcmp(w, "-MD") || !strcmp(w, "-MMD"))
        out->dep_md = 1;
      else if (drv_starts_with(w, "-MF"))
        out->dep_file = arg->value;
      break;
    case DRV_ARG_LINK:
      if (!strcmp(w, "-shared") || !strcmp(w, "--shared"))
        out->shared = 1;
      else if (!strcmp(w, "-r"))
        out->relocatable = 1;
      break;
    default:
      break;
    }
    if (!strcmp(w, "-emit-llvm"))
      out->emit_llvm = 1;
    if (!strcmp(w, "-v"))
      out->verbose = 1;
    if (drv_args_is_query(w))
      out->query = 1;
    if (drv_starts_with(w, "-f"))
      set_color(out, w);
    out->nargs++;
  }

  if (M)
    out->mode = DRV_MODE_DEPS;
  else if (E)
    out->mode = DRV_MODE_PREPROCESS;
  else if (syn)
    out->mode = DRV_MODE_SYNTAX;
  else if (S)
    out->mode = DRV_MODE_ASSEMBLE;
  else if (c)
    out->mode = DRV_MODE_COMPILE;
  else
    out->mode = DRV_MODE_LINK;
  out->lang_open = lang != NULL;
  if (out->color < 0)
    out->color = color_auto();

  /* The fast path's words: argv as given (response files unexpanded), less
   * parcc's own options; the expanded words when a @file held one of those. */
  if (own_in_rsp) {
    for (int i = 0; i < out->nargs; i++)
      for (int k = 0; k < out->args[i].nwords; k++)
        tool_argv_push(&out->passthrough, out->args[i].words[k]);
  } else {
    for (int i = 1; i < argc; i++)
      if (!dropped[i])
        tool_argv_push(&out->passthrough, argv[i]);
  }
  if (out->passthrough.v)
    tool_keep(out->passthrough.v);
  return 0;
}
