#!/usr/bin/env python3
"""Evaluates Tact on the shared corpora, for a human to read.

Scores each review/reply pair of the shared French and English corpora with `tact score`, then
prints, per criterion, its status distribution, per rule how often it fires, and a seeded random
sample of examples per rule with the span in context. On the Wikipedia politeness corpus it
scores each request as a reply (lang en, no review) and reports how well Tact's courtesy signals
separate `polite` from `impolite` requests (ROC AUC, accuracy at the best threshold).

Python 3 standard library only. Paths default to the repository layout: the binary in
build/native/native/tact and the corpus in ../shared/corpus, both relative to the repository
root. Run from anywhere:

  bench/eval.py                       # everything
  bench/eval.py --only fr --examples 20
  bench/eval.py --packs core/packs    # score with the packs as edited, without rebuilding
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PAIR_FILES = {
    "fr": "fr_showroomprive_trustpilot.jsonl",
    "en": "en_twcs_customer_support.jsonl",
}
POLITENESS_FILE = "en_politeness_wikipedia.jsonl"

CRITERIA = ["thanks", "apology", "understanding", "solution", "private_channel", "greeting",
            "signature", "length"]
STATUSES = ["met", "partial", "missing", "violated", "skipped"]

# Courtesy signal for the politeness corpus, from criteria and findings only (no review, so
# understanding/solution-style review-aware signals are absent). One point for each courtesy
# criterion met, minus one per finding of a rudeness violation.
COURTESY_CRITERIA = ["thanks", "apology", "greeting"]
RUDENESS = ["argue", "blame", "insult", "mockery", "minimizing", "policy_wall", "shouting",
            "conditional_apology", "apology_but"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_tact(tact, requests, packs, threads):
    cmd = [tact, "score", "-"]
    if packs:
        cmd += ["--packs", packs]
    if threads:
        cmd += ["--threads", str(threads)]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    proc = subprocess.run(cmd, input=data.encode("utf-8"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1):
        sys.exit("tact failed (%d): %s" % (proc.returncode, proc.stderr.decode(errors="replace")))
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line]
    if len(out) != len(requests):
        sys.exit("tact wrote %d lines for %d requests" % (len(out), len(requests)))
    return out


def pair_request(row):
    req = {"id": row["id"], "reply": row["reply"]}
    if row.get("review"):
        req["review"] = row["review"]
    if row.get("lang") in ("fr", "en"):
        req["lang"] = row["lang"]
    if isinstance(row.get("rating"), int):
        req["rating"] = row["rating"]
    return req


def span_in_context(text, begin, end, width=70):
    """The span of UTF-8 byte offsets [begin, end) marked «» with `width` characters around."""
    raw = text.encode("utf-8")
    before = raw[:begin].decode("utf-8", errors="replace")
    span = raw[begin:end].decode("utf-8", errors="replace")
    after = raw[end:].decode("utf-8", errors="replace")
    left = ("…" + before[-width:]) if len(before) > width else before
    right = (after[:width] + "…") if len(after) > width else after
    return (left + "«" + span + "»" + right).replace("\n", " ")


def print_table(title, header, rows):
    print("\n### " + title + "\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def evaluate_pairs(lang, path, args):
    rows = read_jsonl(path)
    reports = run_tact(args.tact, [pair_request(r) for r in rows], args.packs, args.threads)
    by_id = {r["id"]: r for r in rows}
    n = len(rows)
    print("\n## %s: %s (%d rows)" % (lang, os.path.basename(path), n))

    status = {c: collections.Counter() for c in CRITERIA}
    scores = []
    bands = collections.Counter()
    for rep in reports:
        scores.append(rep["score"])
        bands[rep["band"]] += 1
        for c in rep["criteria"]:
            status[c["id"]][c["status"]] += 1
    print("\nmean score %.1f; bands: %s" % (
        sum(scores) / n, ", ".join("%s %d" % (b, bands[b])
                                   for b in ("rework", "fair", "good", "excellent"))))
    print_table("Criterion status (rows)", ["criterion"] + STATUSES,
                [[c] + [status[c][s] for s in STATUSES] for c in CRITERIA])

    fired = collections.defaultdict(list)  # rule -> [(report id, finding)]
    for rep in reports:
        for f in rep["findings"]:
            fired[f["rule"]].append((rep["id"], f))
    table = []
    for rule in sorted(fired, key=lambda r: (fired[r][0][1]["criterion"], r)):
        hits = fired[rule]
        f0 = hits[0][1]
        rows_hit = len({i for i, _ in hits})
        table.append([rule, f0["criterion"], f0["severity"], rows_hit,
                      "%.1f%%" % (100.0 * rows_hit / n), len(hits)])
    print_table("Findings per rule", ["rule", "criterion", "severity", "rows", "% rows",
                                      "findings"], table)

    per_criterion = collections.Counter()
    for rep in reports:
        for crit in {f["criterion"] for f in rep["findings"]}:
            per_criterion[crit] += 1
    print_table("Rows with a finding, per criterion/violation", ["criterion", "rows", "% rows"],
                [[c, k, "%.1f%%" % (100.0 * k / n)] for c, k in sorted(per_criterion.items())])

    if args.examples <= 0:
        return
    print("\n### Examples (%d per rule, seed %d)" % (args.examples, args.seed))
    for rule in sorted(fired):
        hits = fired[rule]
        rng = random.Random("%d:%s" % (args.seed, rule))
        sample = hits if len(hits) <= args.examples else rng.sample(hits, args.examples)
        sample.sort(key=lambda h: h[0])
        print("\n#### %s (%d)\n" % (rule, len(hits)))
        for rid, f in sample:
            if "begin" in f:
                text = by_id[rid].get(f["field"], "")
                print("- `%s` [%s] %s" % (rid, f["field"],
                                         span_in_context(text, f["begin"], f["end"])))
            else:
                print("- `%s` (no span) %s" % (rid, f["message"][:160]))


def roc_auc(pos, neg):
    """Mann-Whitney AUC: P(score(pos) > score(neg)) + 0.5 P(equal)."""
    if not pos or not neg:
        return float("nan")
    values = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum = 0.0
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j][0] == values[i][0]:
            j += 1
        avg_rank = (i + 1 + j) / 2.0  # ranks i+1 .. j
        rank_sum += avg_rank * sum(1 for k in range(i, j) if values[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def best_accuracy(pos, neg):
    """Best accuracy of `value >= t → polite` over every threshold t, and that t."""
    best = (max(len(pos), len(neg)) / float(len(pos) + len(neg)), None)
    for t in sorted(set(pos) | set(neg)):
        correct = sum(1 for v in pos if v >= t) + sum(1 for v in neg if v < t)
        acc = correct / float(len(pos) + len(neg))
        if acc > best[0]:
            best = (acc, t)
    return best


def courtesy(rep):
    status = {c["id"]: c["status"] for c in rep["criteria"]}
    value = sum(1 for c in COURTESY_CRITERIA if status.get(c) == "met")
    value -= sum(1 for f in rep["findings"] if f["criterion"] in RUDENESS)
    return value


def evaluate_politeness(path, args):
    rows = read_jsonl(path)
    reqs = [{"id": r["id"], "reply": r["text"], "lang": "en"} for r in rows]
    reports = run_tact(args.tact, reqs, args.packs, args.threads)
    labels = [r["quartile_label"] for r in rows]
    counts = collections.Counter(labels)
    print("\n## politeness: %s (%d rows: %s)" % (
        os.path.basename(path), len(rows),
        ", ".join("%s %d" % (k, counts[k]) for k in ("polite", "middle", "impolite"))))

    signals = {
        "score (0-100)": [rep["score"] for rep in reports],
        "courtesy (thanks+apology+greeting met − rudeness findings)": [
            courtesy(rep) for rep in reports],
        "thanks met": [1 if courtesy_status(rep, "thanks") else 0 for rep in reports],
        "rudeness findings (negated)": [
            -sum(1 for f in rep["findings"] if f["criterion"] in RUDENESS) for rep in reports],
    }
    table = []
    for name, values in signals.items():
        pos = [v for v, l in zip(values, labels) if l == "polite"]
        neg = [v for v, l in zip(values, labels) if l == "impolite"]
        acc, thr = best_accuracy(pos, neg)
        table.append([name, "%.3f" % roc_auc(pos, neg), "%.3f" % acc,
                      "≥ %s" % thr if thr is not None else "(majority)",
                      "%.2f / %.2f" % (sum(pos) / len(pos), sum(neg) / len(neg))])
    print_table("polite vs impolite (middle excluded)",
                ["signal", "ROC AUC", "best accuracy", "threshold (→ polite)",
                 "mean polite / impolite"], table)

    fired = collections.defaultdict(collections.Counter)
    for rep, label in zip(reports, labels):
        for crit in {f["criterion"] for f in rep["findings"] if "begin" in f}:
            fired[crit][label] += 1
    print_table("Rows with a spanned finding, per criterion and label",
                ["criterion", "polite", "middle", "impolite"],
                [[c, k["polite"], k["middle"], k["impolite"]] for c, k in sorted(fired.items())])

    if args.examples <= 0:
        return
    print("\n### Rudeness findings on `polite` requests (%d, seed %d)" % (args.examples,
                                                                           args.seed))
    hits = [(rep["id"], f, row["text"]) for rep, row in zip(reports, rows)
            if row["quartile_label"] == "polite" for f in rep["findings"]
            if f["criterion"] in RUDENESS and "begin" in f]
    rng = random.Random("%d:politeness" % args.seed)
    for rid, f, text in sorted(hits if len(hits) <= args.examples
                               else rng.sample(hits, args.examples), key=lambda h: h[0]):
        print("- `%s` %s %s" % (rid, f["rule"], span_in_context(text, f["begin"], f["end"])))


def courtesy_status(rep, criterion):
    return any(c["id"] == criterion and c["status"] == "met" for c in rep["criteria"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tact", default=os.path.join(REPO, "build/native/native/tact"))
    parser.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus"))
    parser.add_argument("--packs", help="custom pack directory passed to tact score --packs")
    parser.add_argument("--only", choices=["fr", "en", "politeness"], action="append")
    parser.add_argument("--examples", type=int, default=10, help="examples per rule (0: none)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not os.access(args.tact, os.X_OK):
        sys.exit("no tact binary at %s (build: cmake --workflow --preset native)" % args.tact)
    only = args.only or ["fr", "en", "politeness"]
    print("# Tact evaluation on the shared corpus")
    for lang in ("fr", "en"):
        if lang in only:
            path = os.path.join(args.corpus, PAIR_FILES[lang])
            if not os.path.exists(path):
                print("\n(skipped %s: %s not found)" % (lang, path))
                continue
            evaluate_pairs(lang, path, args)
    if "politeness" in only:
        path = os.path.join(args.corpus, POLITENESS_FILE)
        if os.path.exists(path):
            evaluate_politeness(path, args)
        else:
            print("\n(skipped politeness: %s not found)" % path)


if __name__ == "__main__":
    main()
