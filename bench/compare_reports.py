#!/usr/bin/env python3
"""Compares the reports of two tact binaries on the sample and the shared corpora.

  bench/compare_reports.py --old /path/to/old/tact [--new build/native/native/tact] [--show 5]

Prints, per input file, how many report lines differ, and what changed over all of them:
score/band moves, criterion status changes (criterion: old -> new, count) and findings that
appeared or disappeared (by rule id). An empty diff prints "identical" for every file. Used to
show that a refactoring changes no byte, or to list each intended change of a pack or check.
Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def inputs(corpus_dir):
    files = [os.path.join(REPO, "native", "sample", "reviews.jsonl")]
    for name in ("fr_showroomprive_trustpilot.jsonl", "fr_showroomprive_2025_trustpilot.jsonl",
                 "en_twcs_customer_support.jsonl"):
        path = os.path.join(corpus_dir, name)
        if os.path.exists(path):
            files.append(path)
        else:
            print(f"SKIPPED (absent): {name}", file=sys.stderr)
    return files


def run(binary, path, extra):
    out = subprocess.run([binary, "score", path, *extra], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{binary} failed on {path}: {out.stderr}")
    return out.stdout.splitlines()


def describe(old, new, changes):
    o, n = json.loads(old), json.loads(new)
    if "error" in o or "error" in n:
        changes["error line"] += 1
        return
    if o.get("band") != n.get("band"):
        changes[f"band {o.get('band')} -> {n.get('band')}"] += 1
    elif o.get("score") != n.get("score"):
        changes["score only"] += 1
    oc = {c["id"]: c["status"] for c in o.get("criteria", [])}
    for c in n.get("criteria", []):
        if oc.get(c["id"]) != c["status"]:
            changes[f"{c['id']}: {oc.get(c['id'])} -> {c['status']}"] += 1
    of = collections.Counter(f["rule"] for f in o.get("findings", []))
    nf = collections.Counter(f["rule"] for f in n.get("findings", []))
    for rule in set(of) | set(nf):
        if nf[rule] > of[rule]:
            changes[f"+ {rule}"] += nf[rule] - of[rule]
        elif of[rule] > nf[rule]:
            changes[f"- {rule}"] += of[rule] - nf[rule]
    for key in set(o) | set(n):
        if key not in ("score", "band", "criteria", "findings") and o.get(key) != n.get(key):
            changes[f"field {key}"] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", default=os.path.join(REPO, "build", "native", "native", "tact"))
    ap.add_argument("--corpus-dir", default=os.environ.get(
        "TACT_CORPUS_DIR", os.path.join(REPO, "..", "shared", "corpus")))
    ap.add_argument("--show", type=int, default=0, help="print the first N differing ids per file")
    ap.add_argument("--new-args", default="", help="extra arguments for the new binary")
    args = ap.parse_args()
    changes = collections.Counter()
    total = 0
    for path in inputs(args.corpus_dir):
        old = run(args.old, path, [])
        new = run(args.new, path, args.new_args.split())
        if len(old) != len(new):
            sys.exit(f"{path}: {len(old)} lines before, {len(new)} after")
        differing = [(a, b) for a, b in zip(old, new) if a != b]
        total += len(differing)
        name = os.path.basename(path)
        print(f"{name}: {'identical' if not differing else f'{len(differing)} of {len(old)} lines differ'}")
        for a, b in differing:
            describe(a, b, changes)
        for a, _ in differing[: args.show]:
            print("   ", json.loads(a).get("id"))
    for what, count in sorted(changes.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:5d}  {what}")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
