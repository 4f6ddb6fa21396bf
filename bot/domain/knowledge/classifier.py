"""A second opinion for the question matcher: a naive Bayes classifier trained on a bank of paraphrases.

The keyword matcher (``matcher``) knows the phrases it was given; people keep finding new ones. The bank
(``bank/*.tsv``, one ``topic<TAB>message`` per line) holds thousands of questions written the way voters type —
with and without diacritics, abbreviations, typos, stories, English — by writers who saw the topics and their
answers but never the matcher's keywords, plus a ``_vague`` class of messages too vague to answer.

The model is multinomial naive Bayes over TF-IDF weighted features of the prepared text (folded, abbreviations
expanded): words, word pairs, and character trigrams of each word (at a lower weight, so that typos still share
most of their features with the word meant). It is small (one row of per-topic log-probabilities per feature),
built in about a second when first needed, and answers in well under a millisecond.

Its output is an :class:`Opinion`: the topics ranked, each with its log-likelihood gap to the best one. The gap
between the first and the second (``margin``) is what ``matcher`` uses to decide whether the classifier confirms,
leads or vetoes the keyword answer; the classifier never answers on its own.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.domain.knowledge._text import prepare

BANK = Path(__file__).with_name("bank")
#: the class of messages too vague to answer
VAGUE = "_vague"
#: weight of a character trigram relative to a word
CHAR_WEIGHT = 0.3
#: additive smoothing of the per-topic feature weights
ALPHA = 0.05


def features(text: str) -> Counter[str]:
    """The raw feature counts of a message: words, adjacent word pairs, character trigrams of each word."""
    tokens = prepare(text)
    found: Counter[str] = Counter()
    for tok in tokens:
        found["w " + tok] += 1
        padded = f"<{tok}>"
        for i in range(len(padded) - 2):
            found["c " + padded[i : i + 3]] += CHAR_WEIGHT
    for a, b in itertools.pairwise(tokens):
        found[f"b {a} {b}"] += 1
    return found


@dataclass(frozen=True)
class Opinion:
    """Topics ranked by the classifier, each with its log-likelihood gap to the best (0 for the best)."""

    ranking: tuple[tuple[str, float], ...]

    @property
    def top(self) -> str | None:
        return self.ranking[0][0] if self.ranking else None

    @property
    def margin(self) -> float:
        """How far ahead the best topic is of the second (0 when there is no opinion)."""
        return -self.ranking[1][1] if len(self.ranking) > 1 else 0.0

    def gap(self, topic: str) -> float:
        """How far ``topic`` is behind the best one (infinite when it is not ranked)."""
        return next((-g for t, g in self.ranking if t == topic), math.inf)


class Classifier:
    def __init__(self, examples: Iterable[tuple[str, str]]) -> None:
        labelled = [(topic, features(text)) for topic, text in examples]
        if not labelled:
            raise ValueError("the classifier needs examples")
        self.topics: tuple[str, ...] = tuple(sorted({t for t, _f in labelled}))
        index = {t: i for i, t in enumerate(self.topics)}
        df: Counter[str] = Counter(k for _t, f in labelled for k in f)
        n = len(labelled)
        self._idf = {k: math.log((1 + n) / (1 + v)) + 1.0 for k, v in df.items()}
        self._column = {k: i for i, k in enumerate(df)}
        mass = np.zeros((len(self._column), len(self.topics)), dtype=np.float64)
        for topic, found in labelled:
            for col, weight in self._vector(found):
                mass[col, index[topic]] += weight
        mass += ALPHA
        #: per feature (row), per topic (column): log P(feature | topic)
        self._weights = np.log(mass / mass.sum(axis=0, keepdims=True)).astype(np.float32)

    def _vector(self, found: Counter[str]) -> list[tuple[int, float]]:
        """Sublinear TF-IDF of the known features, L2-normalised."""
        vec = [
            (self._column[k], (1.0 + math.log(v) if v >= 1 else v) * self._idf[k])
            for k, v in found.items()
            if k in self._column
        ]
        norm = math.sqrt(sum(w * w for _c, w in vec)) or 1.0
        return [(c, w / norm) for c, w in vec]

    def _scores(self, text: str) -> np.ndarray | None:
        vec = self._vector(features(text))
        if not vec:
            return None
        cols = np.fromiter((c for c, _w in vec), dtype=np.intp, count=len(vec))
        weights = np.fromiter((w for _c, w in vec), dtype=np.float32, count=len(vec))
        return weights @ self._weights[cols]

    def opinion(self, text: str, *, focus: str | None = None, limit: int = 5) -> Opinion:
        """The ranked topics of ``text``; for a long message, ``focus`` (its question sentences) counts again, so
        that a long story does not drown the question in it."""
        scores = self._scores(text)
        extra = self._scores(focus) if focus else None
        if scores is None:
            return Opinion(())
        if extra is not None:
            scores = scores + extra
        order = np.argsort(-scores)[:limit]
        best = float(scores[order[0]])
        return Opinion(tuple((self.topics[i], round(float(scores[i]) - best, 3)) for i in order))


def load_bank(directory: Path = BANK) -> list[tuple[str, str]]:
    """``(topic, message)`` pairs of every ``*.tsv`` file of the bank."""
    examples = []
    for path in sorted(directory.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            topic, sep, text = line.partition("\t")
            if not sep or not text.strip():
                raise ValueError(f"{path.name}:{number}: expected topic<TAB>message")
            examples.append((topic.strip(), text.strip()))
    return examples


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    """The classifier trained on the project's bank (built once per process)."""
    return Classifier(load_bank())
