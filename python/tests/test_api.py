"""The Python API: values, errors, threads and the GIL, pickling, stubs; each checked against
the CLI where the CLI has an answer."""

import ast
import json
import os
import pickle
import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import pytest

import tact
from tact import _tact, partitions
from conftest import REPO, SAMPLE, cli_path, run_cli, score_kwargs

BANDS = {"rework", "fair", "good", "excellent"}


@pytest.fixture(scope="module")
def scorer():
    return tact.Scorer()


@pytest.fixture(scope="module")
def sample_rows():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def cli_report(request, *args):
    return json.loads(run_cli([json.dumps(request, ensure_ascii=False)], *args)[0])


def test_readme_one_liner_runs_in_a_fresh_interpreter():
    # The "done when" command, in a new process with the package found on PYTHONPATH.
    code = "import tact; print(tact.Scorer().score('Colis abîmé', 'Désolés !')['band'])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    band = out.stdout.strip()
    assert band in BANDS
    assert band == cli_report({"review": "Colis abîmé", "reply": "Désolés !"})["band"]


def test_version_and_languages(scorer):
    version = subprocess.run([cli_path(), "--version"], capture_output=True, text=True).stdout
    assert version.strip() == f"tact {tact.__version__}"
    assert scorer.languages == ["en", "fr"]


def test_score_with_every_option_equals_the_cli(scorer):
    request = {
        "id": "x-1",
        "review": "Livraison en retard de deux semaines, et personne au téléphone.",
        "reply": "Bonjour Sophie, merci pour votre retour. Appelez-nous au 01 23 45 67 89 "
        "ou écrivez à contact@exemple.fr. Camille",
        "lang": "fr",
        "author": "Sophie M.",
        "rating": 2,
        "business": ["Exemple", "exemple.fr", "01 23 45 67 89"],
    }
    report = scorer.score(request["review"], request["reply"], **score_kwargs(request))
    assert report == cli_report(request)
    assert report["id"] == "x-1" and report["lang"] == "fr"
    assert [c["id"] for c in report["criteria"]][:2] == ["thanks", "apology"]
    assert sum(c["weight"] for c in report["criteria"]) == 100
    # Each option reaches the scorer: the CLI's report without it differs in the same way.
    for option in ("author", "business", "rating", "lang"):
        partial = {k: v for k, v in request.items() if k != option}
        assert scorer.score(partial["review"], partial["reply"],
                            **score_kwargs(partial)) == cli_report(partial)


def test_spans_are_utf8_bytes_and_utf16_units(scorer):
    reply = "Bonjour, désolés 😀 si vous avez été déçu, mais c'est votre faute."
    report = scorer.score("Colis abîmé", reply, lang="fr")
    spanned = [f for f in report["findings"] if "begin" in f]
    assert spanned, report
    encoded = reply.encode("utf-8")
    utf16 = reply.encode("utf-16-le")
    for f in spanned:
        by_bytes = encoded[f["begin"]:f["end"]].decode("utf-8")
        by_units = utf16[2 * f["begin16"]:2 * f["end16"]].decode("utf-16-le")
        assert by_bytes == by_units and by_bytes


def test_invalid_unicode_is_repaired_and_flagged_as_the_cli_does(scorer):
    # A str holding surrogate escapes (a file read with errors="surrogateescape") gets its
    # bytes back: the CLI's report for the raw bytes.
    raw = b'{"reply": "Merci \xff pour votre retour", "lang": "fr"}\n'
    line = raw.decode("utf-8", "surrogateescape")
    assert partitions.score_jsonl_lines([line]) == run_cli(raw)
    assert "invalid_utf8" in json.loads(run_cli(raw)[0])["flags"]
    report = scorer.score(None, "Merci \udcff pour votre retour", lang="fr")
    assert "invalid_utf8" in report["flags"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"lang": "xx"}, "unknown language 'xx' (loaded: auto, en, fr)"),
        ({"rating": 9}, '"rating" must be a number from 1 to 5'),
        ({"rating": "5"}, '"rating" must be a number from 1 to 5'),
        ({"author": 3}, '"author" must be a string'),
        ({"business": ["ok", 2]}, '"business" must be a string or a list of strings'),
    ],
)
def test_request_errors_raise_the_cli_message(scorer, kwargs, message):
    with pytest.raises(tact.TactError) as error:
        scorer.score("avis", "Merci pour votre avis.", **kwargs)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)
    cli = cli_report({"review": "avis", "reply": "Merci pour votre avis.", **kwargs})
    assert cli == {"line": 1, "error": message}


def test_reply_must_be_given(scorer):
    with pytest.raises(TypeError):
        scorer.score("avis", None)
    with pytest.raises(tact.TactError, match='"reply" must be a string'):
        scorer.score("avis", 42)


def test_default_lang_is_checked_like_the_cli_option(scorer):
    with pytest.raises(tact.TactError, match=r"^lang must be one of auto, en, fr, not 'xx'$"):
        scorer.score_many([{"reply": "Thanks"}], lang="xx")
    proc = subprocess.run([cli_path(), "score", "--lang", "xx"], input=b"", capture_output=True)
    assert proc.returncode == 2 and b"one of auto, en, fr, not 'xx'" in proc.stderr


CUSTOM_THANKS = {
    "lang": "fr",
    "criterion": "thanks",
    "rules": [
        {
            "id": "fr.thanks.gracias",
            "phrases": ["gracias amigo"],
            "message": "Merci, en espagnol.",
            "examples": {"match": ["[Gracias amigo] pour votre avis."]},
        }
    ],
}


@pytest.fixture()
def pack_dir(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "thanks.json").write_text(json.dumps(CUSTOM_THANKS), encoding="utf-8")
    return tmp_path


def thanks_status(report):
    return next(c["status"] for c in report["criteria"] if c["id"] == "thanks")


def test_custom_packs_replace_the_builtin_pack_as_in_the_cli(scorer, pack_dir, sample_rows):
    custom = tact.Scorer.from_packs(pack_dir)
    request = {"review": "Colis abîmé.", "reply": "Gracias amigo pour votre avis.", "lang": "fr"}
    assert thanks_status(custom.score(request["review"], request["reply"], lang="fr")) == "met"
    assert thanks_status(scorer.score(request["review"], request["reply"], lang="fr")) == "missing"
    assert custom.score_many([request]) == [cli_report(request, "--packs", str(pack_dir))]
    # The French built-in "merci pour" rule is replaced, not extended.
    merci = custom.score(None, "Merci pour votre retour.", lang="fr")
    assert thanks_status(merci) == "missing"
    lines = [json.dumps(r, ensure_ascii=False) for r in sample_rows]
    assert custom.score_many(sample_rows) == [
        json.loads(l) for l in run_cli(lines, "--packs", str(pack_dir))
    ]
    # read_pack_dir + from_pack_sources is the same scorer (what a Dask driver ships).
    sources = tact.read_pack_dir(pack_dir)
    assert [Path(name).name for name, _ in sources] == ["thanks.json"]
    assert tact.Scorer.from_pack_sources(sources).score_many(sample_rows) == custom.score_many(
        sample_rows)


def test_custom_packs_alone(pack_dir):
    alone = tact.Scorer.from_packs(str(pack_dir), with_builtin=False)
    assert alone.languages == ["fr"]
    request = {"reply": "Gracias amigo pour votre avis.", "lang": "fr"}
    cli = cli_report(request, "--packs", str(pack_dir), "--no-builtin")
    assert alone.score(None, request["reply"], lang="fr") == cli


def test_broken_pack_dir_raises_the_loader_message(pack_dir):
    (pack_dir / "fr" / "broken.json").write_text('{"lang": "fr",\n  "rules": [}', "utf-8")
    proc = subprocess.run([cli_path(), "score", "--packs", str(pack_dir)], input="",
                          capture_output=True, text=True)
    assert proc.returncode == 2
    cli_message = proc.stderr.strip().removeprefix("tact: ")
    assert cli_message.startswith(str(pack_dir / "fr" / "broken.json") + ":2:")
    with pytest.raises(tact.TactError) as error:
        tact.Scorer.from_packs(pack_dir)
    assert str(error.value) == cli_message


def test_missing_pack_dir_raises_the_cli_message(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(tact.TactError) as error:
        tact.Scorer.from_packs(missing)
    assert str(error.value) == f"{missing}: not a directory"
    proc = subprocess.run([cli_path(), "score", "--packs", str(missing)], input="",
                          capture_output=True, text=True)
    assert proc.stderr.splitlines()[0] == f"tact: {missing}: not a directory"


def test_score_many_order_threads_and_iterables(scorer, sample_rows):
    rows = sample_rows * 40  # more than the in-flight window: slots are reused
    one_by_one = [scorer.score(r.get("review"), r["reply"], **score_kwargs(r)) for r in sample_rows]
    for threads in (1, 2, 3):
        out = scorer.score_many(iter(rows), threads=threads)
        assert out == one_by_one * 40
    assert [r["id"] for r in scorer.score_many(rows[:5])] == [r["id"] for r in rows[:5]]
    assert scorer.score_many([]) == []
    assert scorer.score_many([types.MappingProxyType(rows[0])]) == one_by_one[:1]
    assert scorer.score_many(r for r in ()) == []
    # Reports are independent objects: changing one changes no other.
    a, b = scorer.score_many(sample_rows[:1] * 2)
    a["criteria"][0]["status"] = "changed"
    assert b["criteria"][0]["status"] != "changed"


def test_score_many_default_lang_applies_to_items_without_one(scorer):
    rows = [{"reply": "Merci pour votre retour, Camille"}, {"reply": "Thanks!", "lang": "en"}]
    lines = [json.dumps(r) for r in rows]
    expected = [json.loads(l) for l in run_cli(lines, "--lang", "fr")]
    assert scorer.score_many(rows, lang="fr") == expected
    assert [r["lang"] for r in expected] == ["fr", "en"]


def test_score_many_errors(scorer):
    rows = [{"reply": "Merci"}, {"id": "b", "reply": "x", "rating": 7}, {"review": "no reply"}]
    with pytest.raises(tact.TactError, match=r'^item 1: "rating" must be a number from 1 to 5$'):
        scorer.score_many(rows)
    out = scorer.score_many(rows, errors="include")
    cli = [json.loads(l) for l in run_cli([json.dumps(r) for r in rows])]
    assert out[0] == cli[0]
    # The CLI names the line too; otherwise the same error objects.
    assert out[1] == {"id": "b", "error": '"rating" must be a number from 1 to 5'}
    assert cli[1] == {"line": 2, **out[1]}
    assert out[2] == {"error": 'missing "reply"'} and cli[2] == {"line": 3, **out[2]}
    with pytest.raises(TypeError, match="items must be dicts"):
        scorer.score_many([{"reply": "a"}, "not a dict"])
    with pytest.raises(TypeError, match="not JSON serializable"):
        scorer.score_many([{"reply": "a", "business": {1, 2}}])
    with pytest.raises(ValueError, match="threads"):
        scorer.score_many(rows, threads=0)
    with pytest.raises(ValueError, match="errors"):
        scorer.score_many(rows, errors="ignore")

    def failing():
        yield {"reply": "a"}
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError, match="source failed"):
        scorer.score_many(failing(), threads=2)


@pytest.mark.parametrize(
    "request_",
    [
        {"reply": "Merci pour votre retour", "rating": 4.0},  # a float rating, as JSON 4.0
        {"reply": "Merci", "rating": 4.7},
        {"reply": "Merci", "rating": True},  # JSON true: not a number
        {"reply": "Merci", "id": 2**70},  # past int64
        {"reply": "Merci", "id": 1.5},
        {"reply": "Merci", "id": -3},
        {"reply": "Merci", "id": ""},
        {"reply": "Merci", "lang": ""},  # empty: the default language
        {"reply": "Merci", "business": ("a", "b")},
        {"reply": "Merci", "business": []},
        {"reply": "Merci Karim", "author": "Karim B.", "review": None, "lang": "fr"},
        {"reply": "", "review": ""},
        {"reply": "Thanks for your patience " * 20000, "lang": "en"},  # cut and flagged
    ],
)
def test_score_many_edge_requests_equal_the_cli(scorer, request_):
    line = json.dumps(request_, ensure_ascii=False)
    expected = [json.loads(l) for l in run_cli([line])]
    assert scorer.score_many([request_], errors="include", _verify=True) == [
        {k: v for k, v in e.items() if k != "line"} for e in expected]
    if "error" not in expected[0]:
        r = request_
        assert scorer.score(r.get("review"), r["reply"], **score_kwargs(r)) == expected[0]


def test_scoring_leaves_no_utf8_copy_on_the_callers_strings(scorer):
    # PyUnicode_AsUTF8 would cache a UTF-8 copy on each non-ASCII str for as long as it lives
    # (sys.getsizeof counts it): big datasets kept in memory would double.
    reply = "".join(["Désolés pour le colis abîmé, nous vous rappelons. "] * 50)
    review = "Colis abîmé " + "é" * 3000
    before = sys.getsizeof(reply), sys.getsizeof(review)
    scorer.score_many([{"review": review, "reply": reply, "author": "Zoé"}])
    scorer.score_many([types.MappingProxyType({"review": review, "reply": reply})])
    scorer.score(review, reply)
    scorer.score_jsonl(json.dumps({"review": review, "reply": reply}, ensure_ascii=False))
    assert (sys.getsizeof(reply), sys.getsizeof(review)) == before


def test_score_many_ignores_other_keys_as_the_cli_does(scorer):
    rows = [{"reply": "Merci", "source": "x", "extra": [1, {"a": None}], "rating": None}]
    assert scorer.score_many(rows) == [json.loads(run_cli([json.dumps(rows[0])])[0])]


def test_score_jsonl_is_the_cli_byte_for_byte(scorer):
    data = SAMPLE.read_bytes() + b'\n{"reply": 1}\r\n{"id": 7, "reply": "Merci \xc3\xa0 vous"}\r\nnot json\n'
    expected = subprocess.run([cli_path(), "score", "--threads", "2"], input=data,
                              capture_output=True).stdout
    assert scorer.score_jsonl(data, threads=2) == expected
    assert scorer.score_jsonl(data.decode("utf-8"), threads=1) == expected.decode("utf-8")
    expected_en = subprocess.run([cli_path(), "score", "--lang", "en"], input=data,
                                 capture_output=True).stdout
    assert scorer.score_jsonl(data, lang="en") == expected_en
    assert scorer.score_jsonl(b"") == b""


def test_pickle_round_trip(scorer, pack_dir, sample_rows):
    copy = pickle.loads(pickle.dumps(scorer))
    assert copy.score_many(sample_rows) == scorer.score_many(sample_rows)
    custom = tact.Scorer.from_packs(pack_dir, with_builtin=False)
    custom_copy = pickle.loads(pickle.dumps(custom))
    assert custom_copy.languages == ["fr"]
    reply = "Gracias amigo pour votre avis."
    assert custom_copy.score(None, reply, lang="fr") == custom.score(None, reply, lang="fr")


def longest_stall(work):
    """Runs `work` in a thread; returns (its duration, the longest time this thread could not
    run Python meanwhile)."""
    done = threading.Event()
    result = {}

    def run():
        start = time.perf_counter()
        work()
        result["seconds"] = time.perf_counter() - start
        done.set()

    thread = threading.Thread(target=run)
    last = time.perf_counter()
    stall = 0.0
    thread.start()
    while not done.is_set():
        now = time.perf_counter()
        stall = max(stall, now - last)
        last = now
    thread.join()
    return result["seconds"], stall


def test_scoring_releases_the_gil(scorer, sample_rows):
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        # Enough work (a few tenths of a second each) that one scheduling hiccup of a loaded
        # machine (20-30 ms) cannot pass for a held GIL.
        rows = sample_rows * 300
        data = "".join(json.dumps(r) + "\n" for r in rows)
        long_reply = "Bonjour, merci pour votre retour. " * 7000  # ~240 KB, one long call
        for work in (lambda: scorer.score_many(rows, threads=1),
                     lambda: scorer.score_jsonl(data),
                     lambda: scorer.score("Colis abîmé", long_reply, lang="fr")):
            seconds, stall = longest_stall(work)
            # Holding the GIL through the C++ call would stall this thread for all of it.
            assert seconds > 0.005, "too little work to tell"
            assert stall < seconds * 0.5, (seconds, stall)
    finally:
        sys.setswitchinterval(old)


def test_one_scorer_on_many_python_threads(scorer, sample_rows):
    expected = [scorer.score(r.get("review"), r["reply"], **score_kwargs(r)) for r in sample_rows]
    results = [None] * 4
    errors = []

    def run(i):
        try:
            results[i] = [scorer.score(r.get("review"), r["reply"], **score_kwargs(r))
                          for r in sample_rows * 3]
        except Exception as e:  # noqa: BLE001 -- reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == expected * 3 for r in results)


@pytest.mark.parametrize(
    "line",
    [
        '{"a":"x\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u00e9\\u20ac\\ud83d\\ude00","b":[1,-2,0,3.5,-1e-3,2E+2]}',
        '{"big":123456789012345678901234567890,"neg":-9223372036854775808,"t":true,"f":false,'
        '"n":null,"e":{},"l":[],"nested":[[{"k":["v"]}]]}',
        '{"lone":"\\ud800 kept by json.loads"}',
        '{"raw":"café 😀 \u2028 done","dup":1,"dup":2}',
        ' [ 1 , "two" , { "three" : 3 } ] ',
    ],
)
def test_report_parser_equals_json_loads(line):
    assert _tact._loads_reports([line]) == [json.loads(line)]
    assert type(_tact._loads_reports([line])[0]) is type(json.loads(line))


def test_request_encoder_equals_json_dumps():
    item = {"reply": 'a"b\\c\n\t\x01é😀', "review": "", "id": 12345678901234567890,
            "rating": 4.5, "business": ("x", "y"), "lang": None, "other": object()}
    encoded = json.loads(_tact._request_json(item))
    assert encoded == {"reply": item["reply"], "review": "", "id": item["id"], "rating": 4.5,
                       "business": ["x", "y"]}


def test_type_stubs_cover_the_module():
    stub = ast.parse((Path(tact.__file__).parent / "_tact.pyi").read_text(encoding="utf-8"))
    names = {n.name for n in stub.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    names |= {t.id for n in stub.body if isinstance(n, ast.AnnAssign) for t in [n.target]}
    public = {n for n in dir(_tact) if not n.startswith("_")} | {"__version__"}
    assert public <= names, public - names
    scorer_stub = next(n for n in stub.body if isinstance(n, ast.ClassDef) and n.name == "Scorer")
    methods = {n.name for n in scorer_stub.body if isinstance(n, ast.FunctionDef)}
    public_methods = {n for n in dir(tact.Scorer) if not n.startswith("_")}
    assert public_methods <= methods, public_methods - methods
    for name in tact.__all__:
        assert hasattr(tact, name)
    assert (Path(tact.__file__).parent / "py.typed").is_file()
    assert REPO.joinpath("python", "tact", "_tact.pyi").is_file()


def test_cmake_install_gives_an_importable_package(tmp_path):
    """The install rules python/install uses: the whole package lands in the prefix and imports
    and scores there, in a fresh interpreter that does not see the build tree."""
    build = os.environ.get("TACT_BUILD_DIR")
    if not build:
        pytest.skip("TACT_BUILD_DIR not set (run by CTest)")
    subprocess.run(["cmake", "--install", build, "--component", "tact_python",
                    "--prefix", str(tmp_path)], check=True, capture_output=True)
    site = tmp_path / "site-packages"
    assert sorted(p.name for p in (site / "tact").iterdir() if not p.name.endswith(".so")) == [
        "__init__.py", "_tact.pyi", "partitions.py", "py.typed"]
    code = ("import tact, tact.partitions; print(tact.__file__); "
            "print(tact.Scorer().score('Colis abîmé', 'Désolés !')['band'])")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env=env).stdout.split("\n")
    assert out[0].startswith(str(site))
    assert out[1] in BANDS
