"""Shared helpers: the CLI binary of the same build (TACT_CLI), the repository, the corpus.

CTest (python/CMakeLists.txt) sets TACT_CLI, TACT_SOURCE_DIR, TACT_CORPUS_DIR and PYTHONPATH;
to run by hand from the repository root after `cmake --workflow --preset python`:

    PYTHONPATH=build/python/python TACT_CLI=build/python/native/tact \\
        python3 -m pytest python/tests
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(os.environ.get("TACT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
CORPUS_DIR = Path(os.environ.get("TACT_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
SAMPLE = REPO / "native" / "sample" / "reviews.jsonl"

# The corpus files of (review, reply) pairs, read as they are.
PAIR_FILES = (
    "fr_showroomprive_trustpilot.jsonl",
    "fr_showroomprive_2025_trustpilot.jsonl",
    "en_twcs_customer_support.jsonl",
)
# Politeness requests without a review: the text is scored as a reply.
POLITENESS_FILE = "en_politeness_wikipedia.jsonl"


def pytest_configure(config):
    """Under CTest, the package under test is the build tree's, not an installed copy."""
    import tact

    build = os.environ.get("TACT_BUILD_DIR")
    if build and not Path(tact.__file__).resolve().is_relative_to(Path(build).resolve()):
        raise pytest.UsageError(f"testing {tact.__file__}, not the build in {build}")


def cli_path():
    cli = os.environ.get("TACT_CLI") or str(REPO / "build" / "python" / "native" / "tact")
    if not os.access(cli, os.X_OK):
        pytest.fail(f"the tact CLI is needed to compare with: {cli} (set TACT_CLI)")
    return cli


def run_cli(data, *args, check_rc=(0, 1)):
    """`tact score ARGS` on `data` (bytes, or lines of str) via stdin; returns stdout lines."""
    if not isinstance(data, bytes):
        data = "".join(line + "\n" for line in data).encode("utf-8")
    proc = subprocess.run(
        [cli_path(), "score", *args], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.returncode in check_rc, proc.stderr.decode(errors="replace")
    return proc.stdout.decode("utf-8").split("\n")[:-1]


def corpus_requests(limit=None):
    """(name, request lines) for each shared-corpus file present; skips loudly when none is."""
    if not CORPUS_DIR.is_dir():
        sys.stderr.write(f"\nSKIPPED: shared corpus absent ({CORPUS_DIR})\n")
        pytest.skip(f"shared corpus absent ({CORPUS_DIR}): corpus parity NOT checked")
    out = []
    for name in PAIR_FILES:
        path = CORPUS_DIR / name
        if path.is_file():
            out.append((name, path.read_text(encoding="utf-8").splitlines()[:limit]))
    path = CORPUS_DIR / POLITENESS_FILE
    if path.is_file():
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
            row = json.loads(line)
            lines.append(
                json.dumps({"id": row["id"], "lang": row["lang"], "reply": row["text"]},
                           ensure_ascii=False))
        out.append((POLITENESS_FILE, lines))
    if not out:
        pytest.skip(f"no known file in the shared corpus ({CORPUS_DIR}): parity NOT checked")
    return out


def score_kwargs(row):
    """The keyword arguments of Scorer.score() for a request dict."""
    return {k: row.get(k) for k in ("lang", "author", "rating", "business", "id")}


def first_difference(expected, actual):
    """A readable message for the first row where two lists of reports differ."""
    if len(expected) != len(actual):
        return f"{len(actual)} rows, expected {len(expected)}"
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            return f"row {i}:\n  CLI:    {e}\n  Python: {a}"
    return "no difference"
