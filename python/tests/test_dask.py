"""The Dask recipe (python/examples/dask_score.py) on a real cluster: a scheduler and 2 workers,
each its own process on 127.0.0.1. The output, concatenated in partition order, equals the
single-process CLI's output for the same rows, line for line; and the Spark/Hadoop pipe recipe
of the README is the CLI command it names."""

import csv
import json
import os
import re
import shlex
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from conftest import CORPUS_DIR, PAIR_FILES, REPO, SAMPLE, cli_path, run_cli

EXAMPLE = REPO / "python" / "examples" / "dask_score.py"
ROWS = 3000
FIELDS = ("id", "lang", "rating", "author", "business", "review", "reply")


@pytest.fixture(scope="module")
def rows():
    """A few thousand requests: the shared corpus pairs, or the sample repeated without it."""
    lines = []
    for name in PAIR_FILES:
        path = CORPUS_DIR / name
        if path.is_file():
            lines += path.read_text(encoding="utf-8").splitlines()
    if len(lines) < ROWS:
        warnings.warn(f"shared corpus absent ({CORPUS_DIR}): the Dask test scores the sample "
                      "repeated instead")
        sample = SAMPLE.read_text(encoding="utf-8").splitlines()
        lines = (sample * (ROWS // len(sample) + 1))
    return [json.loads(line) for line in lines[:ROWS]]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """dask-scheduler and two dask-workers (1 thread, no nanny: the task runs in the process
    started here), on 127.0.0.1 with random ports."""
    work = tmp_path_factory.mktemp("dask")
    scheduler_file = work / "scheduler.json"
    python = sys.executable
    procs = []
    logs = []

    def start(args, name):
        log = open(work / f"{name}.log", "wb")
        logs.append(log)
        procs.append(subprocess.Popen([python, "-m", *args], stdout=log, stderr=subprocess.STDOUT,
                                      cwd=work))
        return procs[-1]

    try:
        start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
               "--no-dashboard", "--scheduler-file", str(scheduler_file)], "scheduler")
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            assert procs[0].poll() is None, (work / "scheduler.log").read_text()
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        workers = [
            start(["distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file),
                   "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                   "--name", f"w{i}", "--local-directory", str(work / f"w{i}")], f"worker{i}")
            for i in range(2)
        ]
        from distributed import Client

        with Client(scheduler_file=str(scheduler_file), timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        yield {"scheduler_file": scheduler_file, "worker_pids": {w.pid for w in workers},
               "scheduler_pid": procs[0].pid}
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in logs:
            log.close()


def run_example(cluster, tmp_path, inputs, *args):
    out = tmp_path / "out"
    summary = tmp_path / "summary.json"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), "--scheduler-file", str(cluster["scheduler_file"]),
         "--out", str(out), "--summary", str(summary), *args, *map(str, inputs)],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    parts = sorted(out.glob("part-*.jsonl"))
    lines = []
    for part in parts:
        lines += part.read_text(encoding="utf-8").split("\n")[:-1]
    return lines, json.loads(summary.read_text()), parts


def check_ran_on_the_workers(summary, cluster, rows):
    assert summary["rows"] == rows and summary["rejected"] == 0
    assert set(summary["worker_pids"]) == cluster["worker_pids"]
    task_pids = set(summary["task_pids"])
    # Scored in the worker processes, not here nor in the scheduler, and on both of them.
    assert task_pids == cluster["worker_pids"], summary


def split(items, sizes):
    out, start = [], 0
    for size in sizes:
        out.append(items[start:start + size])
        start += size
    out.append(items[start:])
    return out


def test_jsonl_partitions_equal_the_cli(cluster, rows, tmp_path):
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    expected = run_cli(lines, "--threads", "1", check_rc=(0,))
    data = tmp_path / "data"
    data.mkdir()
    # Uneven partitions, one of them empty; read in name order.
    chunks = split(lines, [700, 1, 0, 1200, 450])
    for i, chunk in enumerate(chunks):
        (data / f"reviews-{i:02d}.jsonl").write_text("".join(l + "\n" for l in chunk), "utf-8")
    actual, summary, parts = run_example(cluster, tmp_path, [data / "reviews-*.jsonl"])
    assert len(parts) == len(chunks) == summary["partitions"]
    for part, chunk in zip(parts, chunks):
        assert len(part.read_text(encoding="utf-8").split("\n")[:-1]) == len(chunk), part
    assert len(actual) == len(expected)
    for i, (e, a) in enumerate(zip(expected, actual)):
        assert a == e, f"row {i} differs"
    check_ran_on_the_workers(summary, cluster, len(rows))


def test_jsonl_blocks_with_custom_packs_equal_the_cli(cluster, rows, tmp_path):
    packs = tmp_path / "packs" / "fr"
    packs.mkdir(parents=True)
    (packs / "thanks.json").write_text(json.dumps({
        "lang": "fr", "criterion": "thanks",
        "rules": [{"id": "fr.thanks.gracias", "phrases": ["gracias"], "message": "Merci.",
                   "examples": {"match": ["[Gracias] !"]}}]}), "utf-8")
    lines = [json.dumps(r, ensure_ascii=False) for r in rows[:1500]]
    args = ["--packs", str(packs.parent), "--lang", "fr"]
    expected = run_cli(lines, *args, check_rc=(0,))
    assert expected != run_cli(lines, "--lang", "fr")  # the custom pack changes reports
    data = tmp_path / "all.jsonl"
    data.write_text("".join(l + "\n" for l in lines), "utf-8")
    # One file cut into ~100 KB partitions at line ends.
    actual, summary, parts = run_example(cluster, tmp_path, [data], "--blocksize", "100000",
                                         *args)
    assert len(parts) >= 4
    assert actual == expected
    assert summary["rows"] == len(lines)


def test_csv_partitions_equal_the_cli(cluster, rows, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    chunks = split(rows, [1000, 900])
    requests = []
    for i, chunk in enumerate(chunks):
        with open(data / f"part-{i}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=["note", *FIELDS])
            writer.writeheader()
            for row in chunk:
                cells = {k: row.get(k) for k in FIELDS}
                if isinstance(cells["business"], list):
                    cells["business"] = json.dumps(cells["business"])
                writer.writerow({"note": "ignored, a, b", **{k: "" if v is None else v
                                                            for k, v in cells.items()}})
                requests.append(json.dumps(
                    {k: row[k] for k in FIELDS if row.get(k) not in (None, "")},
                    ensure_ascii=False))
    expected = run_cli(requests, check_rc=(0,))
    actual, summary, parts = run_example(cluster, tmp_path, [data / "part-*.csv"])
    assert len(parts) == 3
    assert actual == expected
    assert summary["rows"] == len(rows)


def test_readme_pipe_recipe_is_the_cli_filter(rows):
    """Spark's rdd.pipe() and Hadoop Streaming feed each partition's lines to the command's
    stdin and read one line back per line: the README's command, run the same way."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python and Dask"):]
    match = re.search(r'\.pipe\("([^"]+)"\)', section)
    assert match, "the README's Spark pipe() recipe"
    command = shlex.split(match.group(1))
    assert command[0] == "tact"
    lines = [json.dumps(r, ensure_ascii=False) for r in rows[:400]]
    expected = run_cli(lines)
    actual = []
    for chunk in split(lines, [150, 150]):  # three "partitions", one process each
        proc = subprocess.run([cli_path(), *command[1:]], capture_output=True, check=True,
                              input="".join(l + "\n" for l in chunk).encode("utf-8"))
        actual += proc.stdout.decode("utf-8").split("\n")[:-1]
    assert actual == expected
