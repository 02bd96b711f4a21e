#!/usr/bin/env python3
"""manopts.py HELP_TEXT MANPAGE: checks that a man page and a tool's --help
agree on the options.

Every option that HELP_TEXT (the output of `tool --help`) lists at the start
of an indented line (`  --trace FILE`, `  -v, --verbose`) must be described
in MANPAGE (roff source) by a `.TP` item, or a `.B`/`.BR`/`.BI` line right
after `.TP`; and every option a `.TP` item of the man page's OPTIONS section
names must be in HELP_TEXT. Prints one line per difference and exits 1 if
there is any; prints "options agree: N" otherwise.
"""
import re
import sys

OPT = re.compile(r"(?<![\w-])(--?[a-z][a-z0-9-]*)")


def help_options(text):
    opts = set()
    for line in text.splitlines():
        # Items are indented 2 to 4 spaces; their descriptions' continuation
        # lines far more.
        m = re.match(r"^ {2,4}(-[-a-z0-9]+)(?:, (-[-a-z0-9]+))?", line)
        if m:
            opts.update(o for o in m.groups() if o)
    return opts


def man_options(roff):
    """Options named by the item lines (the line after .TP) of OPTIONS."""
    text = roff.replace("\\-", "-")
    text = re.sub(r"\\f[BIRP]", "", text)
    lines = text.splitlines()
    opts, in_options = set(), False
    for i, line in enumerate(lines):
        if line.startswith(".SH"):
            in_options = line.strip() == ".SH OPTIONS"
        if in_options and line.startswith(".TP") and i + 1 < len(lines):
            item = lines[i + 1]
            if item.startswith("."):
                item = item.split(None, 1)[1] if " " in item else ""
            # Only the option words of the item line, not its argument.
            for word in re.split(r'[ ,"]+', item):
                m = OPT.fullmatch(word.split("=")[0])
                if m:
                    opts.add(m.group(1))
    return opts


def main():
    help_text = open(sys.argv[1]).read()
    roff = open(sys.argv[2]).read()
    in_help, in_man = help_options(help_text), man_options(roff)
    bad = 0
    for o in sorted(in_help - in_man):
        print("%s: option %s is in --help but has no item in OPTIONS" % (sys.argv[2], o))
        bad = 1
    for o in sorted(in_man - in_help):
        print("%s: option %s is in OPTIONS but not in --help" % (sys.argv[2], o))
        bad = 1
    if not bad:
        print("options agree: %d" % len(in_help))
    sys.exit(bad)


main()
