"""The Python reports equal the CLI's JSON lines, row by row, on native/sample/reviews.jsonl."""

import json
import types

import tact
from conftest import SAMPLE, first_difference, run_cli, score_kwargs


def test_sample_row_by_row():
    scorer = tact.Scorer()
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 20
    rows = [json.loads(line) for line in lines]
    cli_lines = run_cli(lines, "--threads", "2", check_rc=(0,))
    expected = [json.loads(line) for line in cli_lines]

    single = [scorer.score(r.get("review"), r["reply"], **score_kwargs(r)) for r in rows]
    assert single == expected, first_difference(expected, single)
    many = scorer.score_many(rows, threads=2)
    assert many == expected, first_difference(expected, many)
    # score_many builds plain requests' dicts from the Report itself (its fast path): with the
    # CLI's key order too, so that json.dumps gives the CLI's line back, byte for byte; and
    # _verify checks each against ToJson in-process.
    dumped = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in many]
    assert dumped == cli_lines, first_difference(cli_lines, dumped)
    assert scorer.score_many(rows, threads=2, _verify=True) == expected
    # Other mappings go the CLI's way (request line, ScoreJson, report line): same reports.
    proxies = [types.MappingProxyType(r) for r in rows]
    assert scorer.score_many(proxies, threads=2) == expected
    # The raw-line API gives the CLI's bytes, and the dicts are what json.loads makes of them.
    assert scorer.score_jsonl("".join(l + "\n" for l in lines)).split("\n")[:-1] == cli_lines
    # The sample covers what the comparison must see: both languages, spans, several bands.
    assert {r["lang"] for r in expected} == {"fr", "en"}
    assert any("begin" in f for r in expected for f in r["findings"])
    assert len({r["band"] for r in expected}) >= 2
