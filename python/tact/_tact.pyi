"""Type stubs for tact._tact, the extension module (re-exported by ``tact``)."""

import os
from typing import Any, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union, overload

__version__: str

class TactError(ValueError):
    """A rule pack, pack directory, language or request that Tact cannot use. The message is
    the loader's or the scorer's, as the CLI prints it, e.g.
    ``mypacks/fr/argue.json:14:9: /rules/3/phrases/2: empty phrase``."""

class Criterion(TypedDict):
    id: str  # "thanks", "apology", ...
    weight: int
    status: Literal["met", "partial", "missing", "violated", "skipped"]

class _FindingBase(TypedDict):
    rule: str  # "<lang>.<criterion>.<name>"
    criterion: str
    severity: Literal["hint", "warning", "problem"]
    field: Literal["reply"]
    message: str

class Finding(_FindingBase, total=False):
    begin: int  # UTF-8 bytes of the reply; absent for a missing criterion
    end: int
    begin16: int  # UTF-16 code units
    end16: int
    suggestion: str

class _ReviewInfoBase(TypedDict):
    topics: List[str]
    refusal: bool

class ReviewInfo(_ReviewInfoBase, total=False):
    polarity: Literal["negative", "mixed", "positive", "neutral"]

class _ReportBase(TypedDict):
    score: int  # 0-100
    band: Literal["rework", "fair", "good", "excellent"]
    lang: str
    criteria: List[Criterion]
    findings: List[Finding]
    review: ReviewInfo
    flags: List[Literal["truncated", "invalid_utf8", "lang_guessed", "lang_unsupported"]]

class Report(_ReportBase, total=False):
    id: Union[str, int]
    agent: str  # the first name (or initials) signing the reply; absent when unsigned

class ErrorReport(TypedDict, total=False):
    """score_many(..., errors="include"): the CLI's error object for a rejected item."""

    id: Union[str, int]
    error: str

Request = Mapping[str, Any]
"""A request: the CLI's input line as a dict. Only "reply" is required; "review", "id" (str or
int), "lang" ("auto" or a loaded language), "author", "rating" (1-5) and "business" (str or list
of str) are read; None values count as absent and other keys are ignored."""

PackSource = Tuple[str, Union[str, bytes]]
"""(name used in error messages, the pack file's JSON text)."""

def read_pack_dir(path: Union[str, bytes, os.PathLike[str]]) -> List[Tuple[str, str]]:
    """Every *.json file under `path` (recursively), sorted by path, as (path, text) pairs: what
    ``tact score --packs DIR`` loads. Raises TactError when `path` is not a directory."""

class Scorer:
    """Compiled rule packs. Immutable: one Scorer may score on many threads at once. Picklable
    (custom packs travel as their sources and are compiled again on the other side)."""

    def __init__(self) -> None:
        """The rule packs built into the module (the CLI's defaults)."""
    @staticmethod
    def from_packs(
        path: Union[str, bytes, os.PathLike[str]], *, with_builtin: bool = True
    ) -> Scorer:
        """``tact score --packs DIR`` (``--no-builtin`` when with_builtin is False): a pack for
        the same language and criterion, or a lexicon of the same name, replaces the built-in
        one; the others extend them. Raises TactError with the loader's message."""
    @staticmethod
    def from_pack_sources(
        sources: Iterable[PackSource], *, with_builtin: bool = True
    ) -> Scorer:
        """As from_packs, from (name, json) pairs already in memory (see read_pack_dir)."""
    @property
    def languages(self) -> List[str]:
        """The codes of the loaded languages, sorted: ["en", "fr"]."""
    def score(
        self,
        review: Optional[str],
        reply: str,
        *,
        lang: Optional[str] = None,
        author: Optional[str] = None,
        rating: Optional[int] = None,
        business: Union[str, Sequence[str], None] = None,
        id: Union[str, int, None] = None,
    ) -> Report:
        """Scores one reply; the report equals the CLI's JSON line for the same request.
        Raises TactError for an unknown lang or an invalid field (a rating outside 1-5...)."""
    @overload
    def score_many(
        self,
        items: Iterable[Request],
        *,
        threads: Optional[int] = None,
        lang: Optional[str] = None,
        errors: Literal["raise"] = "raise",
    ) -> List[Report]: ...
    @overload
    def score_many(
        self,
        items: Iterable[Request],
        *,
        threads: Optional[int] = None,
        lang: Optional[str] = None,
        errors: Literal["include"],
    ) -> List[Union[Report, ErrorReport]]: ...
    def score_many(
        self,
        items: Iterable[Request],
        *,
        threads: Optional[int] = None,
        lang: Optional[str] = None,
        errors: Literal["raise", "include"] = "raise",
    ) -> List[Any]:
        """Scores request dicts on `threads` threads (default: all cores) without holding the
        GIL, while the calling thread reads requests and builds reports; reports come back in
        input order. `lang` applies to items without "lang" (the
        CLI's --lang). errors="raise": the first rejected item raises TactError("item N: ...");
        errors="include": it gets the CLI's error object {"id"?, "error"} in its place."""
    @overload
    def score_jsonl(self, data: bytes, *, threads: int = 1, lang: Optional[str] = None) -> bytes: ...
    @overload
    def score_jsonl(self, data: str, *, threads: int = 1, lang: Optional[str] = None) -> str: ...
    def score_jsonl(
        self, data: Union[str, bytes], *, threads: int = 1, lang: Optional[str] = None
    ) -> Union[str, bytes]:
        """``tact score`` on JSONL text: one output line per input line, in order, the CLI's
        exact bytes (a malformed line gets {"line": N, "error": ...}, N counted in `data`)."""
    def __getstate__(self) -> Tuple[List[Tuple[str, bytes]], bool]: ...
    def __setstate__(self, state: Tuple[List[Tuple[str, bytes]], bool]) -> None: ...
