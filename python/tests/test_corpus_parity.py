"""The Python reports equal the CLI's JSON lines, row by row, on every shared-corpus file
(../shared/corpus next to the repository, or $TACT_CORPUS_DIR). Skipped, loudly, without it."""

import json

import pytest

import tact
from conftest import corpus_requests, first_difference, run_cli, score_kwargs


@pytest.fixture(scope="module")
def corpus():
    return corpus_requests()


def test_score_many_equals_the_cli_on_the_shared_corpus(corpus):
    scorer = tact.Scorer()
    total = 0
    for name, lines in corpus:
        rows = [json.loads(line) for line in lines]
        cli_lines = run_cli(lines, "--threads", "2")
        expected = [json.loads(line) for line in cli_lines]
        actual = scorer.score_many(rows, threads=2)
        assert actual == expected, f"{name}: {first_difference(expected, actual)}"
        dumped = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in actual]
        assert dumped == cli_lines, f"{name}: {first_difference(cli_lines, dumped)}"
        # Each fast-path dict equals the one parsed from ToJson, in-process.
        scorer.score_many(rows, threads=2, _verify=True)
        total += len(rows)
    assert total >= 3000


def test_score_equals_the_cli_on_every_tenth_corpus_row(corpus):
    scorer = tact.Scorer()
    for name, lines in corpus:
        lines = lines[::10]
        rows = [json.loads(line) for line in lines]
        expected = [json.loads(line) for line in run_cli(lines)]
        actual = [scorer.score(r.get("review"), r["reply"], **score_kwargs(r)) for r in rows]
        assert actual == expected, f"{name}: {first_difference(expected, actual)}"
