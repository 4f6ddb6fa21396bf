"""Place-name lookups on the national data: the bot's PlaceIndex against a plain rapidfuzz ``extractOne`` scan.

Queries are built from real names of the data, four ways: exact, without diacritics (lower case), with one typo
(a letter dropped, doubled or swapped), and in Unicode NFD (what some keyboards send). A top-1 answer is right when
it is the queried name; for queries without diacritics any name that reads the same without them is right, since
the query cannot tell "Đông Hòa" from "Đồng Hòa". Both sides get the same queries and the same rule.
"""

from __future__ import annotations

import random
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.scenarios import plain


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def typo(name: str, rng: random.Random) -> str:
    """One keyboard slip in a word of at least four letters: drop, double or swap a letter."""
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long_words:
        return name
    i = rng.choice(long_words)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        w = w[:j] + w[j + 1 :]
    elif kind == "double":
        w = w[:j] + w[j] + w[j:]
    else:
        w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
    words[i] = w
    return " ".join(words)


@dataclass
class Query:
    text: str
    truth: str
    way: str  # exact, plain, typo, nfd

    def right(self, answer: str | None) -> bool:
        if answer is None:
            return False
        if self.way == "plain":
            return plain(answer) == plain(self.truth)
        return _nfc(answer) == _nfc(self.truth)


def make_queries(names: Sequence[str], n_targets: int, seed: int = 11) -> list[Query]:
    """``n_targets`` distinct names (numbered ones like "Tổ dân phố 5" left out: they say nothing), four ways each."""
    rng = random.Random(seed)
    pool = sorted({n for n in names if not any(ch.isdigit() for ch in n)})
    targets = rng.sample(pool, min(n_targets, len(pool)))
    out = []
    for t in targets:
        out.append(Query(t, t, "exact"))
        out.append(Query(plain(t), t, "plain"))
        out.append(Query(typo(t, rng), t, "typo"))
        out.append(Query(unicodedata.normalize("NFD", t), t, "nfd"))
    return out


@dataclass
class LookupResult:
    name: str
    queries: int
    seconds: float
    right: int
    by_way: dict[str, tuple[int, int]] = field(default_factory=dict)
    build_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.queries / self.seconds if self.seconds > 0 else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.queries if self.queries else 0.0


def _score(name: str, queries: Sequence[Query], answers: Sequence[str | None], seconds: float) -> LookupResult:
    by_way: dict[str, tuple[int, int]] = {}
    right = 0
    for q, a in zip(queries, answers, strict=True):
        ok = q.right(a)
        right += ok
        r, n = by_way.get(q.way, (0, 0))
        by_way[q.way] = (r + ok, n + 1)
    return LookupResult(name, len(queries), seconds, right, by_way)


def run_rapidfuzz(names: Sequence[str], queries: Sequence[Query]) -> LookupResult:
    """The baseline: ``process.extractOne`` (WRatio, default processing) over every name, no index."""
    from rapidfuzz import fuzz, process, utils

    choices = list(names)
    answers: list[str | None] = []
    started = time.perf_counter()
    for q in queries:
        hit = process.extractOne(q.text, choices, scorer=fuzz.WRatio, processor=utils.default_process)
        answers.append(hit[0] if hit else None)
    return _score("rapidfuzz.extractOne", queries, answers, time.perf_counter() - started)


def run_index(index: Any, queries: Sequence[Query], build_seconds: float = 0.0) -> LookupResult:
    answers: list[str | None] = []
    started = time.perf_counter()
    for q in queries:
        hits = index.search(q.text, limit=1)
        answers.append(hits[0].entry.name if hits else None)
    result = _score("PlaceIndex", queries, answers, time.perf_counter() - started)
    result.build_seconds = build_seconds
    return result
