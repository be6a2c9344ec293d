#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the team's own test data: case-file
replies (tests/cases), the sample (native/sample), small rule packs (core/packs, tests/packs_*).
Deterministic; run from the repository root after the case files change. The image seeds are
written by the tact_fuzz_seeds tool (fuzz/make_seeds.cc). Never seed from ../shared/corpus here:
scripts/fuzz adds lines from it at run time, outside the repository."""
import hashlib
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def cases(lang):
    for f in sorted((ROOT / "tests" / "cases" / lang).glob("*.json")):
        yield f.stem, json.loads(f.read_text(encoding="utf-8"))


def main():
    for target in ("score", "author", "jsonl", "packs", "packs_builtin"):
        shutil.rmtree(OUT / target, ignore_errors=True)

    # score: review \0 reply \0 author \0 lang \0 rating (one byte) — one case per criterion in
    # French, every other criterion in English.
    authors = set()
    for lang, step in (("fr", 1), ("en", 2)):
        for i, (_, items) in enumerate(cases(lang)):
            for c in items:
                if c.get("author"):
                    authors.add(c["author"])
            if i % step:
                continue
            c = items[0]
            rating = bytes([c.get("rating") or 0]).decode("latin-1")
            write("score", "\0".join([c.get("review", ""), c["reply"], c.get("author", ""),
                                      c.get("lang", lang), rating]))

    # author: the case files' display names and a few shapes the analysis must survive.
    authors |= {"Sophie M.", "JM GARCIA", "M. Dupuis", "diabolo", "Client", "Jean-Claude",
                "Virgi Nie", "Mme Lefèvre-Dupont", "KELLY & THE GIRLS", "bob_42", "Anne-Sophie B",
                "Dr. O'Neil", "É.", "😀 Zoé 😀", "a\u0301ngel", "J. P.", "St\ufffdphane"}
    for a in sorted(authors)[:40]:
        write("author", a)
    write("author", b"St\xe9phane \xff")

    # jsonl: the sample's lines, a few case lines, and lines the CLI must reject or repair.
    sample = (ROOT / "native" / "sample" / "reviews.jsonl").read_text(encoding="utf-8")
    lines = [l for l in sample.splitlines() if l.strip()]
    for l in lines[:16]:
        write("jsonl", l + "\n")
    for i, (_, items) in enumerate(cases("fr")):
        if i % 4 == 0:
            c = items[0]
            write("jsonl", json.dumps({"id": i, "review": c.get("review", ""), "reply": c["reply"],
                                       "author": c.get("author", ""), "lang": "fr",
                                       "business": ["Boutique Zen", "zen.fr"]},
                                      ensure_ascii=False) + "\n")
    write("jsonl", "\ufeff" + lines[0] + "\r\n" + lines[1] + "\r\n\r\n{\"reply\": 3}\n" + lines[2])
    write("jsonl", '{"id": 7, "reply": "Merci \\ud83d !", "rating": 4.5}\n{"reply": null}\n[1]\n')
    write("jsonl", b'{"id": "x", "reply": "caf\xc3 \xff\xfe", "review": "\\u0000"}\n   \n\t\n')

    # packs: small packs of every kind (French: alone, the built-in rubric needs French), a
    # custom language, and broken packs.
    packs = ["rubric.json"] + [f"fr/{n}.json" for n in (
        "thanks", "greeting", "signature", "shouting", "generic", "wrong_name", "apology_but",
        "greetings", "negation", "titles", "nicknames", "solution_verbes", "channel_intro")]
    for p in packs:
        write("packs", (ROOT / "core" / "packs" / p).read_bytes())
    for f in sorted((ROOT / "tests" / "packs_broken").glob("*.json"))[:8]:
        write("packs", f.read_bytes())
    for f in sorted((ROOT / "tests" / "packs_third_language" / "de").glob("*.json"))[:4]:
        write("packs", f.read_bytes())

    # packs_builtin (slow: each input compiles every built-in pack): a few small packs that
    # replace, extend or refer to built-in ones.
    for p in ("fr/negation.json", "fr/apology_cues.json", "en/titles.json", "fr/greeting.json"):
        write("packs_builtin", (ROOT / "core" / "packs" / p).read_bytes())
    write("packs_builtin", """{"lang": "fr", "criterion": "argue", "rules": [
  {"id": "fr.argue.custom", "phrases": ["vous @negation avez pas lu"], "message": "m",
   "examples": {"match": ["[vous n avez pas lu]"]}}]}""")
    write("packs_builtin", """{"lang": "en", "lexicon": "apology_cues",
  "entries": ["sorry", "apologi(es|ze)"]}""")
    write("packs_builtin", """{"lang": "de", "criterion": "thanks", "rules": [
  {"id": "de.thanks.danke", "phrases": ["danke|vielen dank"], "message": "m",
   "examples": {"match": ["[Danke]."]}}]}""")


if __name__ == "__main__":
    main()
