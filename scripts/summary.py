#!/usr/bin/env python3
"""Reads tact's JSONL reports on stdin and prints a readable table (used by scripts/demo)."""
import json
import sys

rows = 0
bands = {}
for line in sys.stdin:
    r = json.loads(line)
    rows += 1
    if "error" in r:
        print(f"{r.get('id', '?'):<8} error: {r['error']}")
        continue
    bands[r["band"]] = bands.get(r["band"], 0) + 1
    crit = " ".join(("+" if c["status"] == "met" else "~" if c["status"] == "partial" else
                     "x" if c["status"] == "violated" else "." if c["status"] == "skipped" else "-")
                    for c in r["criteria"])
    problems = [f["criterion"] for f in r["findings"] if "begin" in f]
    print(f"{str(r.get('id', '')):<8} {r['score']:>3} {r['band']:<9} [{crit}]  {', '.join(problems)}")
print()
print("criteria: thanks apology understanding solution private_channel greeting signature length")
print("          + met  ~ partial  - missing  x violated  . skipped")
print(f"{rows} replies: " + ", ".join(f"{n} {b}" for b, n in sorted(bands.items())))
