#!/usr/bin/env python3
"""sends.py TRACE PREFIX: compares, in a parrun --trace file, the messages
the driver sent for the loop whose name starts with PREFIX ("send" events)
with the results that came back ("result" events), and prints
`sends == results`, `sends > results` or `sends < results` (and `no
results` when none came)."""
import json
import sys

with open(sys.argv[1]) as f:
    doc = json.load(f)
events = doc["traceEvents"] if isinstance(doc, dict) else doc


def count(kind):
    return sum(1 for e in events
               if e.get("ph") == "X" and e.get("name", "").startswith(kind + " " + sys.argv[2]))


sends, results = count("send"), count("result")
if results == 0:
    print("no results")
else:
    print("sends", "==" if sends == results else ">" if sends > results else "<", "results")
