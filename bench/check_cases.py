#!/usr/bin/env python3
"""Runs the shared case files (tests/cases/<lang>/*.json) through the tact CLI, with the same
semantics as the native and wasm harnesses, for pack authors who edit packs without rebuilding:

  bench/check_cases.py --packs core/packs                 # every case file
  bench/check_cases.py --packs core/packs tests/cases/fr/blame.json

Checks per case: expect.criteria statuses; expect.polarity and expect.band; expect.findings as
the exact list of violation findings (every warning or problem must be listed; each listed rule
must be reported on exactly its `text`, found in the reply); expect.no_findings (rule or
criterion ids that must not appear). Prints each failure and exits 1 if any. Python 3 standard
library only.
"""
import argparse, glob, json, os, subprocess, sys, tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--packs", help="score with these packs instead of the built-in ones")
    ap.add_argument("--tact", default=os.path.join(REPO, "build", "native", "native", "tact"))
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(REPO, "tests", "cases", "*", "*.json")))
    rubric = json.load(open(os.path.join(args.packs or os.path.join(REPO, "core", "packs"), "rubric.json")))
    violations = {v["id"] for v in rubric["violations"]}
    cases = []
    for f in files:
        for c in json.load(open(f)):
            cases.append((os.path.relpath(f, REPO), c))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        for _, c in cases:
            req = {k: c[k] for k in ("review", "reply", "author", "lang", "rating", "business") if k in c}
            tmp.write(json.dumps(req, ensure_ascii=False) + "\n")
    cmd = [args.tact, "score", tmp.name] + (["--packs", args.packs] if args.packs else [])
    out = subprocess.run(cmd, capture_output=True, text=True)
    os.unlink(tmp.name)
    reports = [json.loads(l) for l in out.stdout.splitlines()]
    if len(reports) != len(cases):
        sys.exit(f"tact returned {len(reports)} lines for {len(cases)} cases: {out.stderr}")
    failures = 0
    for (f, c), r in zip(cases, reports):
        errs = []
        exp = c.get("expect", {})
        status = {x["id"]: x["status"] for x in r.get("criteria", [])}
        for k, v in exp.get("criteria", {}).items():
            if status.get(k) != v:
                errs.append(f"criterion {k}: expected {v}, got {status.get(k)}")
        if "polarity" in exp and r.get("review", {}).get("polarity") != exp["polarity"]:
            errs.append(f"polarity: expected {exp['polarity']}, got {r.get('review', {}).get('polarity')}")
        if "band" in exp and r.get("band") != exp["band"]:
            errs.append(f"band: expected {exp['band']}, got {r.get('band')} ({r.get('score')})")
        reply = c["reply"].encode()
        if "findings" in exp:
            listed = [x["rule"] for x in exp["findings"]]
            for fd in r.get("findings", []):
                if fd["criterion"] in violations and fd["severity"] != "hint" and fd["rule"] not in listed:
                    errs.append(f"unexpected {fd['rule']} on '{reply[fd['begin']:fd['end']].decode(errors='replace')}'")
            for x in exp["findings"]:
                t = x["text"].encode()
                b = reply.find(t)
                if b < 0:
                    errs.append(f"'{x['text']}' is not in the reply")
                elif not any(fd["rule"] == x["rule"] and fd.get("begin") == b and fd.get("end") == b + len(t)
                             for fd in r.get("findings", [])):
                    got = [(fd["rule"], reply[fd["begin"]:fd["end"]].decode(errors="replace"))
                           for fd in r.get("findings", []) if "begin" in fd and fd["criterion"] in violations]
                    errs.append(f"expected {x['rule']} on '{x['text']}', got {got}")
        for i in exp.get("no_findings", []):
            for fd in r.get("findings", []):
                if fd["rule"] == i or fd["criterion"] == i:
                    errs.append(f"unexpected {fd['rule']} ({fd['message'][:60]})")
        if errs:
            failures += 1
            print(f"{f}: {c.get('name')}")
            for e in errs:
                print("   ", e)
    print(f"{len(cases) - failures} of {len(cases)} cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
