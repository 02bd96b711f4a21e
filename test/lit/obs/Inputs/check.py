#!/usr/bin/env python3
"""Checks for the observability tests (test/lit/obs). Each subcommand exits 1
with a message when what it checks is not so, and prints one summary line
for FileCheck otherwise.

  check.py trace FILE.json       the trace parses; prints, per process that
                                 has chunk events, its name and how many
                                 tracks hold them; the loops' names and
                                 locations; the chunk count of each loop
  check.py stats FILE            sums the per worker chunk counts of each
                                 loop in a --stats table and checks they
                                 equal the table's chunks column
  check.py dom FILE.html         counts what the report's DOM (as Chromium
                                 dumped it, or the file itself) holds
  check.py png FILE.png          the file is a non-empty PNG image
"""
import json
import re
import sys
from collections import defaultdict
from html.parser import HTMLParser


def fail(msg):
    print("check.py: " + msg, file=sys.stderr)
    sys.exit(1)


def trace(path):
    with open(path) as f:
        data = json.load(f)
    events = data["traceEvents"]
    pname = {}
    tname = {}
    for e in events:
        if e["ph"] == "M" and e["name"] == "process_name":
            pname[e["pid"]] = e["args"]["name"]
        if e["ph"] == "M" and e["name"] == "thread_name":
            tname[(e["pid"], e["tid"])] = e["args"]["name"]
    tracks = defaultdict(set)
    loops = defaultdict(int)
    for e in events:
        if e["ph"] != "X":
            continue
        for key in ("ts", "dur", "pid", "tid", "name", "cat", "args"):
            if key not in e:
                fail("event without %s: %r" % (key, e))
        if (e["pid"], e["tid"]) not in tname:
            fail("event on an unnamed track: %r" % e)
        if e["cat"] in ("chunk", "task"):
            tracks[e["pid"]].add(e["tid"])
        if e["cat"] == "chunk":
            if not re.fullmatch(r"[\w.-]+:\d+", e["args"]["loc"]):
                fail("chunk without file:line: %r" % e)
            loops["%s at %s" % (e["name"], e["args"]["loc"])] += e["args"]["blocks"]
    for pid in sorted(tracks):
        print("process %s: %d tracks" % (pname.get(pid, "?"), len(tracks[pid])))
    for name in sorted(loops):
        print("loop %s: %d chunks" % (name, loops[name]))


def stats(path):
    rows = {}
    last = None
    with open(path) as f:
        for line in f:
            m = re.match(r"(loop|fn)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s", line)
            if m:
                last = m.group(2)
                rows[last] = int(m.group(5))
                continue
            m = re.match(r"\s+per worker: (.*)", line)
            if m and last:
                units = sum(int(x) for x in re.findall(r" (\d+) (?:chunks|calls) ", m.group(1) + " "))
                if units != rows[last]:
                    fail("%s: per worker %d, table %d" % (last, units, rows[last]))
                print("%s: %d chunks, %d workers" % (last, units, m.group(1).count(";") + 1))
    if not rows:
        fail("no table in " + path)


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = defaultdict(int)
        self.rows = defaultdict(list)
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        for c in cls:
            self.count["%s.%s" % (tag, c)] += 1
        if tag == "g" and "row" in cls:
            self.rows[a.get("data-kind")].append(a.get("data-name"))
        for key in ("src", "href"):
            if key in a:
                self.external.append("%s=%s" % (key, a[key]))
        if tag == "link" or (tag == "script" and "src" in a):
            self.external.append(tag)

    def handle_endtag(self, tag):
        pass


def dom(path):
    d = Dom()
    with open(path) as f:
        d.feed(f.read())
    if d.external:
        fail("the report loads something: %s" % ", ".join(d.external))
    print("tasks %d spans %d" % (d.count["rect.task"], d.count["rect.span"]))
    for kind in sorted(k for k in d.rows if k):
        names = sorted(set(re.sub(r" \d+$", "", n) if kind != "thread" else n for n in d.rows[kind]))
        print("rows %s: %s" % (kind, ", ".join(names)))
    for table in ("utilisation", "slowest", "bytes", "loops"):
        if 'id="%s"' % table not in open(path).read():
            fail("no table#" + table)
    print("tables ok")


def png(path):
    with open(path, "rb") as f:
        head = f.read(8)
        rest = f.read()
    if head != b"\x89PNG\r\n\x1a\n" or not rest:
        fail("%s is not a non-empty PNG" % path)
    print("png ok")


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    {"trace": trace, "stats": stats, "dom": dom, "png": png}[cmd](path)


if __name__ == "__main__":
    main()
