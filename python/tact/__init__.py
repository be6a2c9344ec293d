"""Tact scores replies to customer reviews, the same way as the ``tact`` CLI.

    >>> import tact
    >>> scorer = tact.Scorer()                      # the built-in rule packs
    >>> report = scorer.score("Colis abîmé", "Désolés !")
    >>> report["band"], report["score"]

``score()`` returns the CLI's JSON report line as a dict (same keys, same values);
``score_many()`` scores an iterable of request dicts on several threads, without the GIL, and
returns the reports in input order; ``score_jsonl()`` turns JSONL request lines into the CLI's
exact output lines. Errors (a broken pack, an unknown language, a malformed request) raise
``TactError``, a ``ValueError``, with the loader's or the scorer's message.

Spans (``begin``/``end``) count UTF-8 bytes of the reply, as in the CLI: slice
``reply.encode()[begin:end].decode()``; ``begin16``/``end16`` count UTF-16 code units.

``tact.partitions`` scores one partition of a dataset per call (JSONL or CSV), for Dask and
other cluster runners: see python/examples/dask_score.py.
"""

from ._tact import Scorer, TactError, __version__, read_pack_dir

__all__ = ["Scorer", "TactError", "read_pack_dir", "__version__"]
