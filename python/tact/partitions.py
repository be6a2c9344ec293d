"""Scoring one partition of a dataset per call: the worker side of a cluster job.

These functions are what a Dask task (or a multiprocessing pool, or any runner that hands a
process one chunk of a dataset at a time) calls; see python/examples/dask_score.py for the whole
recipe. Each process compiles its Scorer once, on first use, and keeps it for later
partitions with the same packs. Output is always the CLI's: one report line per input row, in
input order, exactly the bytes that ``tact score`` writes for the same requests.

Custom packs travel as their sources, ``tuple(tact.read_pack_dir(dir))``, read once by the
driver, so that workers need no shared file system.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import time
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ._tact import Scorer

PackSources = Tuple[Tuple[str, str], ...]

# The request fields of a CSV row; other columns are ignored (the CLI ignores other keys).
CSV_FIELDS = ("id", "review", "reply", "lang", "author", "rating", "business")


@functools.lru_cache(maxsize=8)
def scorer_for(packs: Optional[PackSources] = None, with_builtin: bool = True) -> Scorer:
    """The Scorer of this process for these packs (None: the built-in ones), compiled once."""
    if packs is None:
        return Scorer()
    return Scorer.from_pack_sources(packs, with_builtin=with_builtin)


def score_jsonl_lines(
    lines: Iterable[str],
    *,
    packs: Optional[PackSources] = None,
    with_builtin: bool = True,
    lang: Optional[str] = None,
    threads: int = 1,
) -> List[str]:
    """Report lines (without their newline) for JSONL request lines (with or without theirs):
    ``tact score`` on them. A malformed line gets the CLI's {"line": N, "error": ...} with N
    counted from the partition's first line. Lines decoded with errors="surrogateescape" get
    their original bytes back, so invalid UTF-8 is repaired and flagged as the CLI does."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    data = text.encode("utf-8", "surrogateescape")
    out = scorer_for(packs, with_builtin).score_jsonl(data, threads=threads, lang=lang)
    return out.decode("utf-8").split("\n")[:-1]


def _csv_value(field: str, value: str) -> Any:
    if field == "rating":
        for kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                pass
        return value  # the core rejects it: "rating" must be a number from 1 to 5
    if field == "business" and value.lstrip().startswith("["):
        return json.loads(value)  # a JSON list of names
    return value


def csv_requests(data: Union[bytes, str]) -> List[str]:
    """JSONL request lines for the rows of a CSV file with a header row. Columns named like the
    request fields (id, review, reply, lang, author, rating, business) are read, empty cells are
    absent, rating is a number, and a business cell that is a JSON list is a list of names."""
    text = data.decode("utf-8", "surrogateescape") if isinstance(data, bytes) else data
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f for f in CSV_FIELDS if f in (reader.fieldnames or ())]
    lines = []
    for row in reader:
        request: Dict[str, Any] = {}
        for field in fields:
            value = row.get(field)
            if value is None or value == "":
                continue
            request[field] = _csv_value(field, value)
        lines.append(json.dumps(request, ensure_ascii=False))
    return lines


def score_csv(
    data: Union[bytes, str],
    *,
    packs: Optional[PackSources] = None,
    with_builtin: bool = True,
    lang: Optional[str] = None,
    threads: int = 1,
) -> List[str]:
    """Report lines for the rows of one CSV file (see csv_requests), in row order."""
    return score_jsonl_lines(
        csv_requests(data), packs=packs, with_builtin=with_builtin, lang=lang, threads=threads
    )


def score_to_file(
    rows: Union[Sequence[str], bytes, str],
    path: str,
    *,
    fmt: str = "jsonl",
    packs: Optional[PackSources] = None,
    with_builtin: bool = True,
    lang: Optional[str] = None,
    threads: int = 1,
) -> Dict[str, Any]:
    """Scores one partition (JSONL lines, or a CSV file's bytes with fmt="csv") and writes its
    report lines to `path` (a local path or an fsspec URL), one per row, in order. Returns
    {"path", "rows", "rejected", "load_seconds" (compiling the packs, on a worker's first
    task), "score_seconds", "score_cpu_seconds" (the worker process's CPU time meanwhile),
    "write_seconds", "pid"} for the driver's summary."""
    t0 = time.perf_counter()
    scorer_for(packs, with_builtin)  # compiled on this worker's first task, then cached
    t_load = time.perf_counter()
    cpu = time.process_time()
    if fmt == "csv":
        out = score_csv(rows, packs=packs, with_builtin=with_builtin, lang=lang, threads=threads)
    elif fmt == "jsonl":
        out = score_jsonl_lines(
            rows, packs=packs, with_builtin=with_builtin, lang=lang, threads=threads
        )
    else:
        raise ValueError(f"fmt must be 'jsonl' or 'csv', not {fmt!r}")
    t1 = time.perf_counter()
    score_cpu = time.process_time() - cpu
    import fsspec  # a dependency of dask; imported here so that tact itself does not need it

    with fsspec.open(path, "wb") as f:
        f.write("".join(line + "\n" for line in out).encode("utf-8"))
    t2 = time.perf_counter()
    rejected = sum(1 for line in out if line.startswith('{"line":'))
    return {
        "path": path,
        "rows": len(out),
        "rejected": rejected,
        "load_seconds": t_load - t0,
        "score_seconds": t1 - t_load,
        "score_cpu_seconds": score_cpu,
        "write_seconds": t2 - t1,
        "pid": os.getpid(),
    }
