#!/usr/bin/env python3
"""Labelled evaluation of Tact: precision, recall and F1 per label against the development set.

Loads every labelled row (our own pairs in bench/devset/{fr,en}_{a,b,c}.jsonl, set `dev`,
bench/devset/corpus_labels.jsonl joined by id to the text of the shared corpora, set
`corpus`, and bench/devset/corpus_polarity.jsonl, polarity labels only for unrated tweets of
the shared corpora, set `polarity`), scores them all with one `tact score` run, and prints, per group (set × language ×
split):

  - per criterion: P, R, F1, support (label true/false against Tact's status == met; null
    labels are left out of F1 and counted on an "applicability" line instead);
  - per violation: P, R, F1, support (prediction: any finding whose criterion is the id);
  - review polarity accuracy and 3×3 confusion (n/a while reports carry no review.polarity);
  - band agreement: exact, within one band, 4×4 confusion;
  - "below target" next to a label with >= 15 positives and F1 < 0.90, or with F1 < 0.80;

then the worst disagreements per split (band distance, then number of label mismatches).
The format of the labelled rows is in bench/devset/README.md. Python 3 standard library only.

Usage (from anywhere; paths default to the repository layout):

  bench/eval_dev.py                          # all sets, both languages, tune and heldout apart
  bench/eval_dev.py --split tune --lang fr   # only French tune rows
  bench/eval_dev.py --set dev --worst 40
  bench/eval_dev.py --packs core/packs       # the packs as edited, without rebuilding
  bench/eval_dev.py --markdown               # GitHub tables to paste into bench/EVAL.md
  bench/eval_dev.py --json before.json        # machine-readable metrics
  bench/eval_dev.py --compare before.json     # ... then a before/after F1 table

The corpus is read from ../shared/corpus next to the repository, or --corpus-dir, or the
environment variable TACT_CORPUS_DIR. The binary is build/native/native/tact, or --tact.
"""

import argparse
import collections
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVSET = os.path.join(REPO, "bench", "devset")
DEV_FILES = ["fr_%s.jsonl" % s for s in "abcdefghijkl"] + ["en_%s.jsonl" % s for s in "abcdefghijkl"]
CORPUS_LABELS = "corpus_labels.jsonl"
CORPUS_POLARITY = "corpus_polarity.jsonl"  # polarity only: unrated tweets

CRITERIA = ["thanks", "apology", "understanding", "solution", "private_channel", "greeting",
            "signature", "length"]
VIOLATIONS = ["conditional_apology", "apology_but", "argue", "blame", "insult", "mockery",
              "minimizing", "policy_wall", "overpromise", "shouting", "pii", "wrong_name",
              "ignores_refusal", "generic"]
POLARITIES = ["negative", "mixed", "positive"]
BANDS = ["rework", "fair", "good", "excellent"]
SETS = ["dev", "corpus", "polarity"]
LANGS = ["fr", "en"]
SPLITS = ["tune", "heldout"]

TARGET_SUPPORT = 15   # labels with at least this many positives must reach TARGET_F1
TARGET_F1 = 0.90
FLOOR_F1 = 0.80       # every label must reach this
TEXT_WIDTH = 300      # characters of review / reply shown per disagreement


def warn(msg):
    print("eval_dev: " + msg, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Loading


def read_jsonl(path):
    """Rows of a JSONL file; lines that do not parse (a file being written) are skipped."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as e:
                warn("%s:%d: skipped, not JSON (%s)" % (os.path.relpath(path), n, e))
                continue
            if isinstance(row, dict):
                rows.append(row)
    return rows


def split_from_id(row_id):
    """The README rule: heldout when the digits ending the id are a multiple of 3."""
    m = re.search(r"(\d+)$", str(row_id))
    if not m:
        return None
    return "heldout" if int(m.group(1)) % 3 == 0 else "tune"


def row_split(row):
    split = row.get("split")
    by_id = split_from_id(row.get("id"))
    if split in SPLITS:
        if by_id and by_id != split:
            warn("%s: split %s, but its id number says %s" % (row.get("id"), split, by_id))
        return split
    if by_id:
        return by_id
    warn("%s: no split and no number in the id; skipped" % row.get("id"))
    return None


def clean_rating(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and 1 <= value <= 5 else None


def make_item(set_name, row, text, lang, split):
    labels = row.get("labels") if isinstance(row.get("labels"), dict) else {}
    return {
        "set": set_name, "id": row.get("id"), "lang": lang, "split": split,
        "review": text.get("review"), "reply": text.get("reply"),
        "author": text.get("author"), "rating": clean_rating(text.get("rating")),
        "labels": labels, "note": row.get("note") or "",
    }


def load_dev(devset):
    items = []
    for name in DEV_FILES:
        path = os.path.join(devset, name)
        if not os.path.exists(path):
            warn("%s missing; skipped" % os.path.relpath(path))
            continue
        for row in read_jsonl(path):
            lang = row.get("lang") or name[:2]
            split = row_split(row)
            if not isinstance(row.get("reply"), str) or lang not in LANGS or split is None:
                if split is not None:
                    warn("%s: no reply or unknown lang %r; skipped" % (row.get("id"), lang))
                continue
            items.append(make_item("dev", row, row, lang, split))
    return items


def load_corpus(devset, corpus_dir, labels_file=CORPUS_LABELS, set_name="corpus"):
    path = os.path.join(devset, labels_file)
    if not os.path.exists(path):
        warn("%s missing; no corpus rows" % os.path.relpath(path))
        return []
    labels = read_jsonl(path)
    wanted = {str(r.get("id")) for r in labels}
    files = sorted(glob.glob(os.path.join(corpus_dir, "*.jsonl")))
    if not files:
        warn("no corpus files in %s; no corpus rows" % corpus_dir)
        return []
    texts = {}  # (file name, id) -> corpus row, for the labelled ids only
    for cpath in files:
        for row in read_jsonl(cpath):
            rid = str(row.get("id"))
            if rid in wanted and isinstance(row.get("reply"), str):
                texts.setdefault((os.path.basename(cpath), rid), row)
    by_id = collections.defaultdict(list)
    for (name, rid), row in texts.items():
        by_id[rid].append(row)
    items = []
    missing = []
    for row in labels:
        rid = str(row.get("id"))
        # a label row may name its corpus file ("corpus"); otherwise the id must be unique
        text = texts.get((row.get("corpus"), rid))
        if text is None and by_id.get(rid):
            text = by_id[rid][0]
            if len(by_id[rid]) > 1:
                warn("corpus id %s is in %d files and its label names none; the first is used"
                     % (rid, len(by_id[rid])))
        if text is None:
            missing.append(rid)
            continue
        lang = row.get("lang") or text.get("lang")
        split = row_split(row)
        if lang not in LANGS or split is None:
            if split is not None:
                warn("%s: unknown lang %r; skipped" % (rid, lang))
            continue
        items.append(make_item(set_name, row, text, lang, split))
    if missing:
        warn("%d corpus label ids not found in %s (e.g. %s)" % (
            len(missing), corpus_dir, ", ".join(missing[:5])))
    return items


def request_of(item):
    req = {"id": item["id"], "reply": item["reply"], "lang": item["lang"]}
    for key in ("review", "author"):
        if isinstance(item[key], str):
            req[key] = item[key]
    if item["rating"] is not None:
        req["rating"] = item["rating"]
    return req


# ---------------------------------------------------------------------------------------------
# Running Tact


def run_tact(tact, packs, items):
    """Scores every item with one `tact score FILE` run; sets item["report"] (or item["error"])."""
    fd, tmp = tempfile.mkstemp(prefix="tact-eval-dev-", suffix=".jsonl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(request_of(item), ensure_ascii=False) + "\n")
        cmd = [tact, "score", tmp]
        if packs:
            cmd += ["--packs", packs]
        start = time.time()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        elapsed = time.time() - start
    finally:
        os.unlink(tmp)
    if proc.returncode not in (0, 1):
        sys.exit("tact failed (exit %d): %s" % (proc.returncode,
                                                 proc.stderr.decode("utf-8", "replace").strip()))
    lines = [l for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    if len(lines) != len(items):
        sys.exit("tact wrote %d lines for %d requests" % (len(lines), len(items)))
    for item, line in zip(items, lines):
        out = json.loads(line)
        if "error" in out and "criteria" not in out:
            item["error"] = str(out.get("error"))
        elif str(out.get("id")) != str(item["id"]):
            sys.exit("tact output out of order: %r for request %r" % (out.get("id"), item["id"]))
        else:
            item["report"] = out
    return elapsed


# ---------------------------------------------------------------------------------------------
# Per-row comparison


def predictions(report):
    status = {c.get("id"): c.get("status") for c in report.get("criteria", [])}
    fired = {f.get("criterion") for f in report.get("findings", [])}
    review = report.get("review") if isinstance(report.get("review"), dict) else {}
    polarity = review.get("polarity")
    # The labels have three polarities: a message with no complaint and no praise (Tact's
    # "neutral", unrated only) was labelled "positive", not a complaint.
    return status, fired, "positive" if polarity == "neutral" else polarity


def band_index(band):
    return BANDS.index(band) if band in BANDS else None


def compare_row(item):
    """Fills item["mismatches"] (strings) and item["band_dist"] from labels and report."""
    labels, report = item["labels"], item["report"]
    status, fired, polarity = predictions(report)
    mism = []
    crit = labels.get("criteria") if isinstance(labels.get("criteria"), dict) else {}
    for c in CRITERIA:
        lab = crit.get(c)
        if isinstance(lab, bool) and lab != (status.get(c) == "met"):
            mism.append("%s: label %s, tact %s (%s)" % (
                c, str(lab).lower(), str(not lab).lower(), status.get(c, "absent")))
    viol = labels.get("violations") if isinstance(labels.get("violations"), dict) else {}
    for v in VIOLATIONS:
        lab = viol.get(v)
        if isinstance(lab, bool) and lab != (v in fired):
            mism.append("%s: label %s, tact %s" % (v, str(lab).lower(), str(not lab).lower()))
    lab_pol = labels.get("polarity")
    if lab_pol in POLARITIES and polarity is not None and polarity != lab_pol:
        mism.append("polarity: label %s, tact %s" % (lab_pol, polarity))
    item["mismatches"] = mism
    li, pi = band_index(labels.get("band")), band_index(report.get("band"))
    item["band_dist"] = abs(li - pi) if li is not None and pi is not None else 0


# ---------------------------------------------------------------------------------------------
# Metrics


def prf(tp, fp, fn):
    """Precision, recall, F1 (None when undefined). F1 = 2TP / (2TP + FP + FN), which is the
    harmonic mean of P and R when both exist, 0 when there are errors but no true positive, and
    undefined only when there is nothing positive on either side."""
    p = tp / float(tp + fp) if tp + fp else None
    r = tp / float(tp + fn) if tp + fn else None
    f1 = 2.0 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return p, r, f1


def below_target(m):
    f1 = m["f1"]
    if f1 is None:
        return False
    return (m["support"] >= TARGET_SUPPORT and f1 < TARGET_F1) or f1 < FLOOR_F1


def binary_metrics(pairs):
    tp = sum(1 for l, p in pairs if l and p)
    fp = sum(1 for l, p in pairs if not l and p)
    fn = sum(1 for l, p in pairs if l and not p)
    tn = sum(1 for l, p in pairs if not l and not p)
    p, r, f1 = prf(tp, fp, fn)
    m = {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "p": p, "r": r, "f1": f1,
         "support": tp + fn, "n": len(pairs)}
    m["below_target"] = below_target(m)
    return m


def macro(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def group_metrics(items):
    out = {"n": len(items), "criteria": {}, "violations": {}}
    for c in CRITERIA:
        pairs, null, null_skipped, nonnull_skipped = [], 0, 0, 0
        for it in items:
            crit = it["labels"].get("criteria")
            if not isinstance(crit, dict) or c not in crit:
                continue
            lab = crit[c]
            status = predictions(it["report"])[0].get(c)
            if lab is None:
                null += 1
                null_skipped += status == "skipped"
            elif isinstance(lab, bool):
                pairs.append((lab, status == "met"))
                nonnull_skipped += status == "skipped"
        m = binary_metrics(pairs)
        m.update(null=null, null_skipped=null_skipped, nonnull_skipped=nonnull_skipped)
        out["criteria"][c] = m
    for v in VIOLATIONS:
        pairs = []
        for it in items:
            viol = it["labels"].get("violations")
            if isinstance(viol, dict) and isinstance(viol.get(v), bool):
                pairs.append((viol[v], v in predictions(it["report"])[1]))
        out["violations"][v] = binary_metrics(pairs)

    pol_pairs = [(it["labels"].get("polarity"), predictions(it["report"])[2]) for it in items]
    pol_pairs = [(l, p) for l, p in pol_pairs if l in POLARITIES]
    if any(p is not None for _, p in pol_pairs):
        conf = {l: collections.Counter(p if p in POLARITIES else "other" for ll, p in pol_pairs
                                       if ll == l) for l in POLARITIES}
        right = sum(1 for l, p in pol_pairs if l == p)
        out["polarity"] = {"n": len(pol_pairs), "correct": right,
                           "accuracy": right / float(len(pol_pairs)),
                           "confusion": {l: dict(conf[l]) for l in POLARITIES}}
    else:
        out["polarity"] = None

    band_pairs = [(band_index(it["labels"].get("band")), band_index(it["report"].get("band")))
                  for it in items]
    band_pairs = [(l, p) for l, p in band_pairs if l is not None and p is not None]
    if band_pairs:
        exact = sum(1 for l, p in band_pairs if l == p)
        near = sum(1 for l, p in band_pairs if abs(l - p) <= 1)
        conf = {BANDS[l]: dict(collections.Counter(BANDS[p] for ll, p in band_pairs if ll == l))
                for l in range(len(BANDS))}
        out["band"] = {"n": len(band_pairs), "exact": exact, "within_one": near,
                       "exact_pct": 100.0 * exact / len(band_pairs),
                       "within_one_pct": 100.0 * near / len(band_pairs), "confusion": conf}
    else:
        out["band"] = None
    out["macro_f1_criteria"] = macro(out["criteria"][c]["f1"] for c in CRITERIA)
    out["macro_f1_violations"] = macro(out["violations"][v]["f1"] for v in VIOLATIONS)
    out["below_target"] = [k for k in CRITERIA if out["criteria"][k]["below_target"]] + [
        k for k in VIOLATIONS if out["violations"][k]["below_target"]]
    return out


# ---------------------------------------------------------------------------------------------
# Output


class Out:
    """Plain text (aligned columns) or GitHub markdown, with no runs of blank lines."""

    def __init__(self, markdown):
        self.md = markdown
        self.blank = True  # the last line written was blank (or nothing was written yet)

    def line(self, text=""):
        if text == "" and self.blank:
            return
        print(text)
        self.blank = text == ""

    def heading(self, level, text):
        self.line()
        if self.md:
            self.line("#" * level + " " + text)
            self.line()
        else:
            mark = "==" if level <= 2 else "--"
            self.line("%s %s %s" % (mark, text, mark))

    def table(self, header, rows, text_last=False):
        """text_last: the last column is text (left-aligned), not a number."""
        rows = [[str(c) for c in r] for r in rows]
        left = {0, len(header) - 1} if text_last else {0}
        if self.md:
            self.line()
            self.line("| " + " | ".join(header) + " |")
            self.line("|" + "|".join("---" if i in left else "--:" for i in range(len(header))) + "|")
            for r in rows:
                self.line("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
            self.line()
            return
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
        fmt = lambda cells: "  ".join(
            (c.ljust(widths[i]) if i in left else c.rjust(widths[i])) for i, c in enumerate(cells))
        self.line(fmt(header).rstrip())
        for r in rows:
            self.line(fmt(r).rstrip())


def f3(x):
    return "n/a" if x is None else "%.3f" % x


def pct(x):
    return "n/a" if x is None else "%.1f%%" % x


def label_rows(metrics, names, md):
    rows = []
    for k in names:
        m = metrics[k]
        flag = ("**below target**" if md else "below target") if m["below_target"] else ""
        rows.append([k, f3(m["p"]), f3(m["r"]), f3(m["f1"]), m["support"], m["n"],
                     m["tp"], m["fp"], m["fn"], flag])
    return rows


LABEL_HEADER = ["P", "R", "F1", "support", "n", "TP", "FP", "FN", ""]


def print_group(out, title, g):
    out.heading(3, "%s (%d rows)" % (title, g["n"]))
    labelled = any(g["criteria"][c]["n"] for c in CRITERIA) or any(
        g["violations"][v]["n"] for v in VIOLATIONS)
    if labelled:
        print_label_tables(out, g)
    print_polarity_and_band(out, g)


def print_label_tables(out, g):
    out.table(["criterion"] + LABEL_HEADER, label_rows(g["criteria"], CRITERIA, out.md), True)
    appl = ["%s %d/%d null skipped, %d non-null skipped" % (
        c, g["criteria"][c]["null_skipped"], g["criteria"][c]["null"],
        g["criteria"][c]["nonnull_skipped"])
        for c in CRITERIA if g["criteria"][c]["null"] or g["criteria"][c]["nonnull_skipped"]]
    out.line(("applicability: " + "; ".join(appl)) if appl
             else "applicability: no null labels, nothing skipped")
    out.line()
    out.table(["violation"] + LABEL_HEADER, label_rows(g["violations"], VIOLATIONS, out.md),
              True)
    out.line()


def print_polarity_and_band(out, g):
    pol = g["polarity"]
    if pol is None:
        out.line("polarity: n/a (reports carry no review.polarity)")
        out.line()
    else:
        out.line("polarity: accuracy %.1f%% (%d/%d)" % (100 * pol["accuracy"], pol["correct"],
                                                       pol["n"]))
        out.line()
        cols = POLARITIES + (["other"] if any("other" in pol["confusion"][l]
                                              for l in POLARITIES) else [])
        out.table(["label \\ tact"] + cols,
                  [[l] + [pol["confusion"][l].get(p, 0) for p in cols] for l in POLARITIES])
        out.line()
    band = g["band"]
    if band is None:
        out.line("band: n/a (no band labels)")
    else:
        out.line("band: exact %.1f%% (%d/%d), within one band %.1f%% (%d/%d)" % (
            band["exact_pct"], band["exact"], band["n"], band["within_one_pct"],
            band["within_one"], band["n"]))
        out.line()
        out.table(["label \\ tact"] + BANDS,
                  [[l] + [band["confusion"][l].get(p, 0) for p in BANDS] for l in BANDS])
    out.line()


def shorten(text, width=TEXT_WIDTH):
    if text is None:
        return "(none)"
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def print_worst(out, title, items, n):
    bad = [it for it in items if it["band_dist"] or it["mismatches"]]
    bad.sort(key=lambda it: (-it["band_dist"], -len(it["mismatches"]), str(it["id"])))
    out.heading(3, "%s: %d worst of %d disagreeing rows" % (title, min(n, len(bad)), len(bad)))
    for it in bad[:n]:
        rep = it["report"]
        head = "%s [%s %s] band: label %s, tact %s (score %s)" % (
            it["id"], it["set"], it["lang"], it["labels"].get("band"), rep.get("band"),
            rep.get("score"))
        if out.md:
            out.line("- **%s**" % head)
            out.line("  - review: %s" % shorten(it["review"]))
            out.line("  - reply: %s" % shorten(it["reply"]))
            for m in it["mismatches"]:
                out.line("  - %s" % m)
            if it["note"]:
                out.line("  - note: %s" % it["note"])
        else:
            out.line()
            out.line(head)
            out.line("  review: %s" % shorten(it["review"]))
            out.line("  reply:  %s" % shorten(it["reply"]))
            for m in it["mismatches"]:
                out.line("  - %s" % m)
            if it["note"]:
                out.line("  note: %s" % it["note"])
    out.line()


def git_commit():
    try:
        proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        return proc.stdout.decode().strip() or "unknown"
    except OSError:
        return "unknown"


def shown_path(path):
    """A path for the report: relative to the repository when inside it, never absolute."""
    full = os.path.abspath(path)
    if full == REPO or full.startswith(REPO + os.sep):
        return os.path.relpath(full, REPO)
    return os.path.basename(full) if os.path.isabs(path) else path


def counts_line(items):
    c = collections.Counter((it["set"], it["lang"], it["split"]) for it in items)
    parts = []
    for s in SETS:
        for l in LANGS:
            t, h = c[(s, l, "tune")], c[(s, l, "heldout")]
            if t or h:
                parts.append("%s %s %d (tune %d, heldout %d)" % (s, l, t + h, t, h))
    return "; ".join(parts) if parts else "no rows"


def brief_list(names, most=4):
    if not names:
        return "-"
    if len(names) <= most:
        return ", ".join(names)
    return "%d: %s, …" % (len(names), ", ".join(names[:most - 1]))


def group_key(s, l, sp):
    return "%s/%s/%s" % (s, l, sp)


# ---------------------------------------------------------------------------------------------
# Comparison


def delta(old, new):
    if old is None or new is None:
        return ""
    d = new - old
    return "0" if abs(d) < 5e-4 else "%+.3f" % d


def print_compare(out, old, new):
    out.heading(2, "Before / after")
    om = old.get("meta", {})
    out.line("before: %s, commit %s, packs %s; after: %s, commit %s, packs %s" % (
        om.get("date", "?"), om.get("commit", "?"), om.get("packs") or "built-in",
        new["meta"]["date"], new["meta"]["commit"], new["meta"]["packs"] or "built-in"))
    ogroups = old.get("groups", {})
    for key, g in new["groups"].items():
        o = ogroups.get(key)
        out.heading(3, "%s (%d rows; before %s)" % (key, g["n"], o["n"] if o else "n/a"))
        rows = []
        for kind, names in (("criteria", CRITERIA), ("violations", VIOLATIONS)):
            for k in names:
                m = g[kind][k]
                om_ = (o or {}).get(kind, {}).get(k) or {}
                before, after = om_.get("f1"), m["f1"]
                if before is None and after is None and not m["support"]:
                    continue
                rows.append([k, m["support"], f3(before), f3(after), delta(before, after),
                             "below target" if m["below_target"] else ""])
        for name, path, scale in (("macro F1 criteria", ("macro_f1_criteria",), 1),
                                  ("macro F1 violations", ("macro_f1_violations",), 1),
                                  ("band exact", ("band", "exact_pct"), 0.01),
                                  ("band within one", ("band", "within_one_pct"), 0.01),
                                  ("polarity accuracy", ("polarity", "accuracy"), 1)):
            def get(d):
                for p in path:
                    d = d.get(p) if isinstance(d, dict) else None
                return None if d is None else d * scale
            rows.append([name, "", f3(get(o or {})), f3(get(g)), delta(get(o or {}), get(g)), ""])
        out.table(["label", "support", "F1 before", "F1 after", "Δ", ""], rows, True)
        out.line()
    orows = old.get("rows") or {}
    fixed = broken = lab_fixed = lab_new = 0
    for rid, r in new["rows"].items():
        o = orows.get(rid)
        if not o:
            continue
        ob, nb = o.get("band_dist", 0) == 0, r["band_dist"] == 0
        fixed += nb and not ob
        broken += ob and not nb
        om_, nm = set(o.get("mismatched", [])), set(r["mismatched"])
        lab_fixed += len(om_ - nm)
        lab_new += len(nm - om_)
    if orows:
        out.line("rows: band now right on %d rows, now wrong on %d; label mismatches fixed %d, "
                 "new %d" % (fixed, broken, lab_fixed, lab_new))


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__[__doc__.index("Usage"):])
    parser.add_argument("--tact", default=os.path.join(REPO, "build/native/native/tact"),
                        help="tact binary (default build/native/native/tact)")
    parser.add_argument("--packs", help="custom pack directory, passed to tact score --packs")
    parser.add_argument("--corpus-dir", default=os.environ.get(
        "TACT_CORPUS_DIR", os.path.join(REPO, "..", "shared", "corpus")),
        help="shared corpus (default $TACT_CORPUS_DIR or ../shared/corpus)")
    parser.add_argument("--devset", default=DEVSET, metavar="DIR",
                        help="labelled rows (default bench/devset)")
    parser.add_argument("--split", choices=["tune", "heldout", "all"], default="all")
    parser.add_argument("--lang", choices=LANGS)
    parser.add_argument("--set", choices=SETS, dest="set_name")
    parser.add_argument("--worst", type=int, default=20, metavar="N",
                        help="worst disagreements shown per split (0: none)")
    parser.add_argument("--markdown", action="store_true", help="GitHub markdown tables")
    parser.add_argument("--json", metavar="OUT", help="write the metrics as JSON to OUT")
    parser.add_argument("--compare", metavar="OLD.json",
                        help="print a before/after F1 table against an earlier --json")
    args = parser.parse_args()

    if not os.access(args.tact, os.X_OK):
        sys.exit("no tact binary at %s (build: cmake --workflow --preset native)" % args.tact)
    old = None
    if args.compare:
        with open(args.compare, encoding="utf-8") as f:
            old = json.load(f)

    started = time.time()
    items = (load_dev(args.devset) + load_corpus(args.devset, args.corpus_dir) +
             load_corpus(args.devset, args.corpus_dir, CORPUS_POLARITY, "polarity"))
    splits = SPLITS if args.split == "all" else [args.split]
    langs = [args.lang] if args.lang else LANGS
    sets = [args.set_name] if args.set_name else SETS
    items = [it for it in items
             if it["split"] in splits and it["lang"] in langs and it["set"] in sets]
    seen = collections.Counter(str(it["id"]) for it in items)
    dups = [k for k, n in seen.items() if n > 1]
    if dups:
        warn("%d ids appear more than once (e.g. %s)" % (len(dups), ", ".join(dups[:5])))
    if not items:
        sys.exit("no labelled rows to evaluate")

    tact_seconds = run_tact(args.tact, args.packs, items)
    errors = [it for it in items if "error" in it]
    items = [it for it in items if "report" in it]
    for it in items:
        compare_row(it)

    meta = {
        "date": datetime.date.today().isoformat(), "commit": git_commit(),
        "tact": shown_path(args.tact), "packs": args.packs and shown_path(args.packs),
        "split": args.split, "lang": args.lang, "set": args.set_name,
        "rows": len(items), "rejected": len(errors), "counts": counts_line(items),
    }
    groups = collections.OrderedDict()
    by_group = collections.defaultdict(list)
    for it in items:
        by_group[group_key(it["set"], it["lang"], it["split"])].append(it)
    for sp in splits:
        for s in sets:
            for l in langs:
                key = group_key(s, l, sp)
                if by_group.get(key):
                    groups[key] = group_metrics(by_group[key])

    out = Out(args.markdown)
    title = "Tact labelled evaluation"
    header = "%s, commit %s, %s%s; %d rows: %s" % (
        meta["date"], meta["commit"], meta["tact"],
        " --packs " + meta["packs"] if meta["packs"] else "", len(items), meta["counts"])
    if args.markdown:
        out.line("## " + title + "\n")
        out.line("Run: " + header + ".")
    else:
        out.line("# " + title)
        out.line(header)
    if errors:
        out.line("rejected by tact (%d): %s" % (len(errors), "; ".join(
            "%s: %s" % (it["id"], it["error"]) for it in errors[:10])))

    out.heading(2, "Summary")
    out.table(["group", "rows", "band exact", "band ±1", "polarity", "macro F1 crit.",
               "macro F1 viol.", "below target"],
              [[k, g["n"], pct(g["band"] and g["band"]["exact_pct"]),
                pct(g["band"] and g["band"]["within_one_pct"]),
                pct(g["polarity"] and 100 * g["polarity"]["accuracy"]),
                f3(g["macro_f1_criteria"]), f3(g["macro_f1_violations"]),
                brief_list(g["below_target"])] for k, g in groups.items()], True)

    for sp in splits:
        out.heading(2, "Split: %s" % sp)
        keys = [k for k in groups if k.endswith("/" + sp)]
        if not keys:
            out.line("no %s rows" % sp)
            continue
        for key in keys:
            print_group(out, key, groups[key])
        if args.worst > 0:
            print_worst(out, "Worst disagreements, %s" % sp,
                        [it for it in items if it["split"] == sp], args.worst)

    result = {"meta": meta, "groups": groups,
              "rows": {str(it["id"]): {
                  "set": it["set"], "lang": it["lang"], "split": it["split"],
                  "band_label": it["labels"].get("band"), "band_tact": it["report"].get("band"),
                  "band_dist": it["band_dist"],
                  "mismatched": [m.split(":")[0] for m in it["mismatches"]]} for it in items}}
    if old is not None:
        print_compare(out, old, result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print("\n(%d rows, tact %.1f s, total %.1f s)" % (len(items), tact_seconds,
                                                      time.time() - started), file=sys.stderr)


if __name__ == "__main__":
    main()
