#!/usr/bin/env python3
"""Scores a partitioned JSONL or CSV dataset with Tact on a Dask cluster.

    python3 python/examples/dask_score.py --scheduler tcp://HOST:8786 --out OUT 'data/part-*.jsonl'
    python3 python/examples/dask_score.py --local-workers 2 --out OUT data/*.csv

Each input partition (a JSONL file, or a block of one with --blocksize; a CSV file) becomes
OUT/part-NNNNN.jsonl: one report line per input row, in input order, the bytes `tact score`
writes for the same rows. Concatenated in order, the parts equal `tact score` on the
concatenated input (a malformed line's {"line": N, ...} counts N within its partition).

The workers need the `tact` package (python/install on each machine, or the same PYTHONPATH) and
read the inputs and write OUT themselves (a shared file system, or fsspec URLs such as s3://).
Custom packs (--packs) are read here, once, and sent to the workers with the tasks. Each worker
process compiles its Scorer once and scores one partition per task on one thread (GIL released),
so run workers with --nthreads equal to their cores.

CSV: a header row; the columns id, review, reply, lang, author, rating, business are the
request's fields (other columns are ignored, empty cells are absent, a business cell may be a
JSON list). A CSV file is one partition (quoted cells may hold newlines).
"""

import argparse
import glob
import json
import os
import sys
import time

import dask
import dask.bag as db
from dask.bytes import read_bytes
from distributed import Client, LocalCluster

import tact
from tact.partitions import score_to_file


def expand(inputs):
    paths = []
    for pattern in inputs:
        if "://" in pattern:
            paths.append(pattern)  # fsspec expands remote globs itself
            continue
        matches = sorted(glob.glob(pattern))
        if not matches:
            sys.exit(f"dask_score: no input matches {pattern}")
        paths.extend(matches)
    return paths


def build_tasks(paths, out, fmt, blocksize, options):
    """One delayed score_to_file call per partition, in input order."""
    tasks = []
    if fmt == "jsonl":
        # Partitions split at line ends; errors="surrogateescape" keeps invalid bytes as they
        # are, for the scorer to repair and flag as the CLI does.
        bag = db.read_text(paths, blocksize=blocksize, encoding="utf-8",
                           errors="surrogateescape")
        parts = bag.to_delayed()
    else:
        _, blocks = read_bytes(paths, blocksize=None, sample=False)  # one block per file
        parts = [block for file_blocks in blocks for block in file_blocks]
    for i, part in enumerate(parts):
        path = f"{out.rstrip('/')}/part-{i:05d}.jsonl"
        tasks.append(dask.delayed(score_to_file, pure=False)(part, path, fmt=fmt, **options))
    return tasks


def worker_info(_=None):
    return {"pid": os.getpid()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSONL or CSV files or globs (or fsspec URLs)")
    parser.add_argument("--out", required=True, help="output directory (or fsspec URL)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running scheduler, tcp://HOST:PORT")
    where.add_argument("--scheduler-file", help="the scheduler's --scheduler-file")
    where.add_argument("--local-workers", type=int,
                       help="start a LocalCluster of N worker processes (1 thread each)")
    parser.add_argument("--format", choices=["auto", "jsonl", "csv"], default="auto")
    parser.add_argument("--blocksize", default=None,
                        help="JSONL: split files into partitions of about this size (64MiB)")
    parser.add_argument("--packs", help="custom rule packs directory (tact score --packs)")
    parser.add_argument("--no-builtin", action="store_true", help="with --packs: only those")
    parser.add_argument("--lang", help="language for rows without one (tact score --lang)")
    parser.add_argument("--summary", help="write the per-partition statistics here (JSON)")
    args = parser.parse_args(argv)

    paths = expand(args.inputs)
    fmt = args.format
    if fmt == "auto":
        fmt = "csv" if all(p.lower().endswith(".csv") for p in paths) else "jsonl"
    packs = tuple(tact.read_pack_dir(args.packs)) if args.packs else None
    if args.no_builtin and packs is None:
        sys.exit("dask_score: --no-builtin needs --packs DIR")
    # Check the packs and the language here, before any task runs.
    scorer = (tact.Scorer.from_pack_sources(packs, with_builtin=not args.no_builtin)
              if packs else tact.Scorer())
    if args.lang not in (None, "auto") and args.lang not in scorer.languages:
        sys.exit(f"dask_score: --lang needs one of auto, {', '.join(scorer.languages)}")
    options = {"packs": packs, "with_builtin": not args.no_builtin, "lang": args.lang}

    if "://" not in args.out:
        os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()
    cluster = None
    if args.local_workers:
        cluster = LocalCluster(n_workers=args.local_workers, threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    elif args.scheduler_file:
        client = Client(scheduler_file=args.scheduler_file)
    else:
        client = Client(args.scheduler)
    try:
        workers = client.run(worker_info)
        t1 = time.perf_counter()
        stats = dask.compute(*build_tasks(paths, args.out, fmt, args.blocksize, options))
        t2 = time.perf_counter()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    rows = sum(s["rows"] for s in stats)
    rejected = sum(s["rejected"] for s in stats)
    busy = sum(s["load_seconds"] + s["score_seconds"] + s["write_seconds"] for s in stats)
    summary = {
        "partitions": len(stats),
        "rows": rows,
        "rejected": rejected,
        "workers": len(workers),
        "worker_pids": sorted(w["pid"] for w in workers.values()),
        "task_pids": sorted({s["pid"] for s in stats}),
        "connect_seconds": t1 - t0,
        "run_seconds": t2 - t1,
        "pairs_per_second": rows / (t2 - t1) if t2 > t1 else 0.0,
        "worker_busy_seconds": busy,
        "load_seconds": sum(s["load_seconds"] for s in stats),
        "score_seconds": sum(s["score_seconds"] for s in stats),
        "score_cpu_seconds": sum(s["score_cpu_seconds"] for s in stats),
        "write_seconds": sum(s["write_seconds"] for s in stats),
        "parts": list(stats),
    }
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
    print(f"dask_score: {rows} rows ({rejected} rejected) in {len(stats)} partitions on "
          f"{len(workers)} workers: {t2 - t1:.2f} s, {summary['pairs_per_second']:.0f} pairs/s "
          f"(workers busy {busy:.2f} s; connecting {t1 - t0:.2f} s)", file=sys.stderr)
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
