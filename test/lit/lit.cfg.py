# -*- Python -*-
# lit configuration for par's end-to-end tests (test/lit).
#
# The build writes build/test/lit/lit.site.cfg.py (from lit.site.cfg.py.in)
# with the paths of one build tree and loads this file from it. Run the tests
# with `cmake --build build --target check-lit`, or directly:
#
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test/lit
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -v test/lit/run/foo.c
#
# The second form (a path in the source tree) finds the build tree through
# `--param build=DIR`, else $PAR_BUILD_DIR, else <source>/build.
#
# Substitutions (see docs/testing.md):
#   %parcc        build/bin/parcc, plus the sanitizer flags of a PAR_SANITIZE build
#   %serialcc     clang-19 -Wno-unknown-pragmas -I include/ (the same file built
#                 serially, pragmas ignored), plus the same sanitizer flags
#   %parrun       build/bin/parrun
#   %clang        clang-19
#   %run-compare  test/lit/run-compare.sh PAR SERIAL [ARGS...]: runs SERIAL once
#                 and PAR at PAR_WORKERS=1,2,3 and under `parrun -n 1..4`, and
#                 diffs their stdout
#   %examples     the examples/ directory of the source tree
#   %rawclient    build/test/tools/par-rawclient, a hostile peer (test/tools)
#   %par_build    the build tree (for `cmake --install`)
#   %chromium     headless Chromium with a new empty profile in %t.chromium,
#                 no network of its own (add --dump-dom or --screenshot=F, and
#                 a file:// URL)
# Features: `sanitize` (any PAR_SANITIZE), and `asan`, `ubsan`, `tsan`;
# `chromium` when /usr/bin/chromium (Debian: chromium) is there, for the
# report test (scripts/install-deps installs it).

import os
import shlex
import shutil

import lit.formats
import lit.util


def _load_site_config():
    """Run from the source tree: find a build tree and load its site config,
    which loads this file again with the build's attributes set."""
    here = os.path.dirname(os.path.abspath(__file__))
    source_root = os.path.dirname(os.path.dirname(here))
    build = lit_config.params.get("build") or os.environ.get("PAR_BUILD_DIR")
    if not build:
        build = os.path.join(source_root, "build")
    site = os.path.join(os.path.abspath(build), "test", "lit", "lit.site.cfg.py")
    if not os.path.exists(site):
        lit_config.fatal(
            "no build tree at %s: configure one with `cmake -S . -B build -G Ninja` "
            "or pass --param build=DIR" % build
        )
    lit_config.load_config(config, site)


def _sanitizer_flags(sanitize):
    if not sanitize:
        return []
    return [
        "-fsanitize=" + sanitize,
        "-fno-omit-frame-pointer",
        "-fno-sanitize-recover=all",
    ]


_netns_probed = None


def _netns_works():
    """Root, and `ip netns add` works (not in every container). Probed once."""
    global _netns_probed
    if _netns_probed is None:
        import subprocess

        _netns_probed = False
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            name = "parprobe%d" % os.getpid()
            try:
                made = subprocess.run(["ip", "netns", "add", name], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, timeout=20).returncode == 0
            except (OSError, subprocess.SubprocessError):
                made = False
            if made:
                subprocess.run(["ip", "netns", "delete", name], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=20)
            _netns_probed = made
    return _netns_probed


def _configure():
    config.name = "par"
    config.test_format = lit.formats.ShTest(execute_external=False)
    config.suffixes = [".c", ".test"]
    config.excludes = [
        "netns-run.sh",
        "Inputs",
        "CMakeLists.txt",
        "README.md",
        "lit.cfg.py",
        "lit.site.cfg.py",
        "lit.site.cfg.py.in",
        "run-compare.sh",
    ]
    config.test_source_root = os.path.dirname(os.path.abspath(__file__))
    config.test_exec_root = os.path.join(config.par_binary_root, "test", "lit")

    # A test that hangs fails after PAR_LIT_TIMEOUT seconds (default 300).
    # lit needs psutil for that (Debian: python3-psutil); without it there is
    # no per-test limit, but run-compare.sh still limits each run.
    try:
        import psutil  # noqa: F401

        if not lit_config.maxIndividualTestTime:
            lit_config.maxIndividualTestTime = int(os.environ.get("PAR_LIT_TIMEOUT", "300"))
    except ImportError:
        pass

    # FileCheck, not, count, split-file come from LLVM 19; parcc and parrun
    # from the build tree (so a test may also call them by name).
    env = config.environment
    env["PATH"] = os.pathsep.join(
        [config.llvm_tools_dir, config.par_tools_dir, env.get("PATH", "")]
    )

    # par's own variables and UCX's pass through; OpenMP's too (offload tests).
    for name, value in os.environ.items():
        if name.startswith(("PAR_", "PARCC_", "UCX_", "OMP_", "LIBOMPTARGET_", "RUN_COMPARE_")):
            env[name] = value
    for name in ("HOME", "USER", "CUDA_VISIBLE_DEVICES"):
        if name in os.environ:
            env[name] = os.environ[name]

    # Sanitizer reports stop the program with a non-zero status, so a report
    # fails the test. Options given by the caller are kept and come last.
    defaults = {
        "ASAN_OPTIONS": "halt_on_error=1:abort_on_error=0:detect_leaks=1",
        "UBSAN_OPTIONS": "halt_on_error=1:print_stacktrace=1",
        "TSAN_OPTIONS": "halt_on_error=1:second_deadlock_stack=1",
    }
    for name, value in defaults.items():
        given = os.environ.get(name)
        env[name] = value + (":" + given if given else "")
    symbolizer = os.path.join(config.llvm_tools_dir, "llvm-symbolizer")
    if os.path.exists(symbolizer):
        for name in ("ASAN", "UBSAN", "TSAN", "LSAN"):
            env.setdefault(name + "_SYMBOLIZER_PATH", symbolizer)

    # Features.
    sanitize = config.par_sanitize.strip()
    sanitizers = [s.strip() for s in sanitize.split(",") if s.strip()]
    if sanitizers:
        config.available_features.add("sanitize")
    for name, feature in (("address", "asan"), ("undefined", "ubsan"), ("thread", "tsan")):
        if name in sanitizers:
            config.available_features.add(feature)
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if chromium:
        config.available_features.add("chromium")

    # Substitutions. Longer names that share a prefix with another must come
    # first; lit applies them in order.
    san = _sanitizer_flags(sanitize)
    include_dir = os.path.join(config.par_source_root, "include")
    parcc = [os.path.join(config.par_tools_dir, "parcc")] + san
    serialcc = [config.clang, "-Wno-unknown-pragmas", "-I", include_dir] + san
    # run-compare.sh also runs every run test under `parrun -n 1..4`.
    run_compare = [
        "env",
        "RUN_COMPARE_PARRUN=" + os.path.join(config.par_tools_dir, "parrun"),
        "RUN_COMPARE_NETNS="
        + (os.path.join(config.test_source_root, "netns-run.sh") if _netns_works() else ""),
        "bash",
        os.path.join(config.test_source_root, "run-compare.sh"),
    ]
    subst = config.substitutions
    subst.append(("%parcc", " ".join(shlex.quote(a) for a in parcc)))
    subst.append(("%parrun", shlex.quote(os.path.join(config.par_tools_dir, "parrun"))))
    subst.append(("%serialcc", " ".join(shlex.quote(a) for a in serialcc)))
    subst.append(("%run-compare", " ".join(shlex.quote(a) for a in run_compare)))
    subst.append(("%examples", shlex.quote(os.path.join(config.par_source_root, "examples"))))
    subst.append(("%clang", shlex.quote(config.clang)))
    subst.append(("%par_build", shlex.quote(config.par_binary_root)))
    chromium_cmd = [
        chromium or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900",
    ]
    subst.append(
        ("%chromium", " ".join(shlex.quote(a) for a in chromium_cmd) + " --user-data-dir=%t.chromium")
    )
    subst.append(
        ("%rawclient", shlex.quote(os.path.join(config.par_binary_root, "test", "tools", "par-rawclient")))
    )


if not hasattr(config, "par_binary_root"):
    _load_site_config()
else:
    _configure()
