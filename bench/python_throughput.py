#!/usr/bin/env python3
"""Throughput of the Python package against the CLI, on the same rows, in the same run.

    cmake --workflow --preset python          # the module and its CLI (build/python)
    /usr/bin/python3 bench/python_throughput.py [--rows N] [--append]

Rows: the shared corpus's review/reply pairs (../shared/corpus), repeated to --rows (the sample
without the corpus). Measured, best of --repeat, alternating so that load on a shared machine
hits every variant alike, each run in a process of its own:
  - `tact score --threads 2` and `--threads 1`, file in, /dev/null out, less the CLI's start
    (process and packs, timed on empty input);
  - Scorer.score_many(dicts, threads=2) and threads=1: request dicts in, report dicts out
    (rows read and Scorer() built before the clock starts);
  - Scorer.score_jsonl(bytes, threads=2): the CLI's own code and bytes, in-process;
  - Scorer.score() in a loop, on 1,000 rows;
  - python/examples/dask_score.py --local-workers 2 on the rows cut into 8 JSONL partitions:
    run time (cluster already up), and where it goes;
  - with --instructions N: instructions per pair under valgrind, which load does not change.
--append adds the table to bench/RESULTS.md with the machine, date and commit.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "python"
sys.path.insert(0, str(BUILD / "python"))

import tact  # noqa: E402  (the build tree's package)

PAIR_FILES = ("fr_showroomprive_trustpilot.jsonl", "fr_showroomprive_2025_trustpilot.jsonl",
              "en_twcs_customer_support.jsonl")


def load_rows(corpus_dir, count):
    lines = []
    for name in PAIR_FILES:
        path = corpus_dir / name
        if path.is_file():
            lines += path.read_text(encoding="utf-8").splitlines()
    source = "shared corpus pairs (%d distinct)" % len(lines)
    if not lines:
        lines = (REPO / "native" / "sample" / "reviews.jsonl").read_text("utf-8").splitlines()
        source = "native/sample/reviews.jsonl (%d distinct; shared corpus absent)" % len(lines)
    out = (lines * (count // len(lines) + 1))[:count]
    return out, source


def cpu_seconds():
    """CPU time of this process and its finished children (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat, variants):
    """({name: best wall seconds}, {name: best CPU seconds}), running the variants in turn
    `repeat` times. A variant that returns {"seconds", "cpu"} timed itself."""
    best = {}
    best_cpu = {}
    for _ in range(repeat):
        for name, run in variants:
            cpu = cpu_seconds()
            start = time.perf_counter()
            timed = run()
            seconds = time.perf_counter() - start
            cpu = cpu_seconds() - cpu
            if timed:
                seconds, cpu = timed["seconds"], timed["cpu"]
            best[name] = min(best.get(name, seconds), seconds)
            best_cpu[name] = min(best_cpu.get(name, cpu), cpu)
    return best, best_cpu


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                mem = "%.0f GiB" % (int(line.split()[1]) / 1024 / 1024)
                break
    except OSError:
        pass
    debian = "?"
    try:
        debian = "Debian " + open("/etc/debian_version", encoding="utf-8").read().strip()
    except OSError:
        pass
    nice = os.getpriority(os.PRIO_PROCESS, 0)
    return (f"{os.cpu_count()} vCPU ({cpu}), {mem}, {debian}, Python "
            f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f} at start"
            + (f", run at nice {nice}" if nice else ""))


def commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=REPO, capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def run_dask(lines, workdir):
    data = workdir / "data"
    data.mkdir()
    parts = 8
    size = len(lines) // parts + 1
    for i in range(parts):
        chunk = lines[i * size:(i + 1) * size]
        (data / f"part-{i:02d}.jsonl").write_text("".join(l + "\n" for l in chunk), "utf-8")
    summary = workdir / "summary.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BUILD / "python"),
                                                      env.get("PYTHONPATH")]))
    start = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "python" / "examples" / "dask_score.py"),
                    "--local-workers", "2", "--out", str(workdir / "out"),
                    "--summary", str(summary), str(data / "part-*.jsonl")],
                   check=True, env=env, capture_output=True)
    total = time.perf_counter() - start
    out = json.loads(summary.read_text())
    out["total_seconds"] = total
    return out


def callgrind_instructions(cmd, env=None, stdin=None):
    """Instructions executed by `cmd` under valgrind's callgrind: a count that machine load does
    not change, unlike time."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out",
                               *cmd], env=env, stdin=stdin, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=True)
    for line in proc.stderr.splitlines():
        if "refs:" in line:
            return int(line.split("refs:")[1].replace(",", ""))
    raise RuntimeError("no instruction count from callgrind")


def instructions_per_pair(cli, lines, workdir):
    """(CLI, score_many, score_jsonl) instructions per pair on one thread, start-up and loading
    subtracted (each measured on empty work too)."""
    infile = workdir / "cg.jsonl"
    infile.write_text("".join(l + "\n" for l in lines), "utf-8")
    empty = workdir / "empty.jsonl"
    empty.write_text("")
    env = dict(os.environ, PYTHONPATH=str(BUILD / "python"))
    script = ("import json, sys, tact\n"
              "rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]\n"
              "data = open(sys.argv[1], 'rb').read()\n"
              "s = tact.Scorer()\n"
              "if sys.argv[2] == 'many': s.score_many(rows, threads=1)\n"
              "if sys.argv[2] == 'jsonl': s.score_jsonl(data, threads=1)\n")
    py = [sys.executable, "-c", script, str(infile)]
    base = callgrind_instructions(py + ["none"], env)
    n = len(lines)
    cli_cost = (callgrind_instructions([cli, "score", "--threads", "1", str(infile)]) -
                callgrind_instructions([cli, "score", "--threads", "1", str(empty)])) / n
    many = (callgrind_instructions(py + ["many"], env) - base) / n
    jsonl = (callgrind_instructions(py + ["jsonl"], env) - base) / n
    return cli_cost, many, jsonl


def child(variant, infile):
    """One timed run of a Python variant, in a process of its own as each CLI run is (on a
    shared machine the scheduler treats a long-lived process and a fresh one differently):
    prints {"seconds", "cpu"}, loading excluded, as the CLI's start is subtracted."""
    data = Path(infile).read_bytes()
    rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    scorer = tact.Scorer()
    cpu = time.process_time()
    start = time.perf_counter()
    if variant.startswith("many"):
        scorer.score_many(rows, threads=int(variant[4:]))
    elif variant.startswith("jsonl"):
        scorer.score_jsonl(data, threads=int(variant[5:]))
    elif variant == "score1":
        for r in rows:
            scorer.score(r.get("review"), r["reply"], lang=r.get("lang"), author=r.get("author"),
                         rating=r.get("rating"), business=r.get("business"), id=r.get("id"))
    else:
        raise SystemExit(f"unknown variant {variant}")
    print(json.dumps({"seconds": time.perf_counter() - start,
                      "cpu": time.process_time() - cpu}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=13000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--cli", help="the CLI to compare with (default: build/native's, or "
                        "build/python's)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="also count instructions per pair (valgrind) on the first N rows")
    parser.add_argument("--append", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument("--commit", help="the commit to name in RESULTS.md (default: git's)")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    machine_line = machine()
    lines, source = load_rows(Path(args.corpus), args.rows)
    rows = [json.loads(line) for line in lines]
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    n = len(rows)
    mb = len(data) / 1e6
    cli = args.cli or next(
        (str(p) for p in (REPO / "build" / "native" / "native" / "tact",
                          BUILD / "native" / "tact") if p.is_file()), None)
    if cli is None:
        sys.exit("python_throughput: no tact CLI; build the native or python preset first")
    scorer = tact.Scorer()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        infile = tmp / "in.jsonl"
        infile.write_bytes(data)

        empty = tmp / "empty.jsonl"
        empty.write_bytes(b"")
        single_file = tmp / "single.jsonl"
        single_file.write_bytes("".join(l + "\n" for l in lines[:1000]).encode("utf-8"))

        def run_cli(threads, path=infile):
            with open(os.devnull, "wb") as null:
                subprocess.run([cli, "score", "--threads", str(threads), str(path)],
                               stdout=null, check=True)

        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BUILD / "python"),
                                                          env.get("PYTHONPATH")]))

        def run_child(variant, path=infile):
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child",
                                  variant, str(path)], env=env, check=True,
                                 capture_output=True, text=True).stdout
            return json.loads(out)

        # Same results first: the comparison is between equal outputs.
        cli_out = subprocess.run([cli, "score", str(infile)], capture_output=True,
                                 check=True).stdout
        assert scorer.score_jsonl(data, threads=2) == cli_out, "score_jsonl differs from the CLI"
        assert scorer.score_many(rows[:500]) == [json.loads(l) for l in
                                                 cli_out.decode().split("\n")[:500]]
        # The CLI's start (process, packs) is timed on empty input and taken off its runs, as
        # the Python runs exclude the interpreter's start and Scorer().
        start_cost, start_cpu = best_of(args.repeat, [("cli0", lambda: run_cli(1, empty))])
        variants = [
            ("cli2", lambda: run_cli(2)),
            ("many2", lambda: run_child("many2")),
            ("cli1", lambda: run_cli(1)),
            ("many1", lambda: run_child("many1")),
            ("jsonl2", lambda: run_child("jsonl2")),
        ]
        best, best_cpu = best_of(args.repeat, variants)
        for key in ("cli2", "cli1"):
            best[key] -= start_cost["cli0"]
            best_cpu[key] -= start_cpu["cli0"]
        single = run_child("score1", single_file)
        best["score1"] = single["seconds"] * n / 1000
        best_cpu["score1"] = single["cpu"] * n / 1000
        dask = None if args.no_dask else run_dask(lines, tmp)
        counts = (instructions_per_pair(cli, lines[:args.instructions], tmp)
                  if args.instructions else None)

    def row(label, key, threads):
        seconds = best[key]
        return (f"| {label} | {threads} | {seconds:.3f} s | {n / seconds:,.0f} | "
                f"{100 * best['cli2'] / seconds:.0f} % | {1e6 * best_cpu[key] / n:.1f} µs |")

    cli_name = os.path.relpath(cli, REPO)
    table = [
        f"Rows: {n:,} ({mb:.2f} MB of JSONL) from {source}. CLI: `{cli_name}`. "
        f"Best of {args.repeat}, variants alternated, each run in a process of its own; the "
        f"CLI's start ({1000 * start_cost['cli0']:.0f} ms: process, packs) is taken off its "
        f"times, as the Python runs exclude the interpreter's start and `Scorer()`. CPU per "
        f"pair: user + system time of all threads, best run.",
        "",
        "| what | threads | time | pairs/s | vs CLI on 2 threads | CPU per pair |",
        "|---|---|---|---|---|---|",
        row("`tact score` (file → /dev/null)", "cli2", 2),
        row("`Scorer.score_many` (dicts → dicts)", "many2", 2),
        row("`Scorer.score_jsonl` (bytes → CLI bytes)", "jsonl2", 2),
        row("`tact score`", "cli1", 1),
        row("`Scorer.score_many`", "many1", 1),
        row("`Scorer.score` in a loop (1,000 calls, scaled)", "score1", 1),
    ]
    if dask:
        busy = dask["worker_busy_seconds"]
        run = dask["run_seconds"]
        table.append(
            f"| Dask: `dask_score.py --local-workers 2`, {dask['partitions']} JSONL partitions "
            f"| 2 workers × 1 | {run:.3f} s | {dask['rows'] / run:,.0f} | "
            f"{100 * best['cli2'] / run:.0f} % | |")
        table += [
            "",
            f"Where the Dask run's {run:.3f} s go: inside the tasks, compiling the packs "
            f"{dask['load_seconds']:.3f} s (once per worker process), scoring "
            f"{dask['score_seconds']:.3f} s of wall time but {dask['score_cpu_seconds']:.3f} s "
            f"of CPU (the CLI on 1 thread: {best['cli1']:.3f} s; the rest of the wall time is "
            f"the two workers waiting for a core), writing {dask['write_seconds']:.3f} s: "
            f"{busy:.3f} s over 2 "
            f"workers, ~{busy / 2:.3f} s of wall time. The other ~{max(run - busy / 2, 0):.3f} s "
            f"is Dask's: scheduling, reading the partitions into Python lines "
            f"(`read_text`), moving them to the worker that scores them, and uneven partition "
            f"ends. Starting the cluster (2 worker processes) and connecting took "
            f"{dask['connect_seconds']:.2f} s more; the whole command {dask['total_seconds']:.2f} "
            f"s (interpreter start and imports included).",
        ]
    if counts:
        cli_cost, many, jsonl = counts
        table += [
            "",
            f"Instructions per pair on one thread (valgrind callgrind, first "
            f"{args.instructions:,} rows, process start and pack loading subtracted; unlike "
            f"times, load on the machine does not change them): `tact score` {cli_cost:,.0f}, "
            f"`score_many` {many:,.0f} ({100 * cli_cost / many:.0f} % of the CLI's pairs per "
            f"instruction), `score_jsonl` {jsonl:,.0f}.",
        ]
    text = "\n".join(table)
    print(machine_line)
    print(text)
    if args.append:
        date = datetime.date.today().isoformat()
        section = (f"\n## Python package and Dask (issue 14) — {date}, commit "
                   f"{args.commit or commit()}\n\n"
                   f"Machine: {machine_line}. `bench/python_throughput.py`.\n\n{text}\n")
        with open(REPO / "bench" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(section)
        print("appended to bench/RESULTS.md")


if __name__ == "__main__":
    main()
