"""A second opinion for the question matcher: two classifiers trained on a bank of paraphrases, averaged.

The keyword matcher (``matcher``) knows the phrases it was given; people keep finding new ones. The bank
(``bank/*.tsv``, one ``topic<TAB>message`` per line) holds thousands of questions written the way voters type —
with and without diacritics, abbreviations, typos, stories, English — by writers who saw the topics and their
answers but never the matcher's keywords, plus a ``_vague`` class of messages too vague to answer.

Both models read the same features: TF-IDF weights of the prepared text (folded, abbreviations expanded) —
words, word pairs, and character trigrams of each word (at a lower weight, so that typos still share most of their
features with the word meant). They make different mistakes, so their average is surer where they agree:

- multinomial naive Bayes: per feature and topic, the log-probability of the feature in the topic's examples;
- logistic regression, one topic against the rest: per feature and topic, a weight fitted to tell the topics apart.
  Its logits are multiplied by ``LOGISTIC_SCALE`` to come into the naive Bayes' range before the two are averaged.

The regression is fitted by scikit-learn (``SGDClassifier`` with the log loss and a fixed seed: the same bank
gives the same weights; a few seconds, once per process) in a child process, so that the bot itself never imports
scikit-learn or SciPy (about 95 MiB of memory per process for code used once); where no child process can be
started, the fit runs in the process. The bot keeps two weight matrices (one row of per-topic weights per feature)
and answers with two sparse dot products in well under a millisecond. The fitted weights are kept on disk (see
:func:`default_cache_dir`), named by a digest of the rows they were fitted on, so that the next process (another
bot process, a command, a test) builds the classifier in about half a second instead of refitting.

Measured with the whole router on the 1,200 answerable questions of the sealed batches heldout13-20, which no model
had seen, on the code of the session that wrote them (aa2e2dc): naive Bayes alone 1,116 right and 32 confidently
wrong, the regression alone 1,144 and 26, the average 1,141 and 24. On two new sealed batches (heldout21/22),
scored once before and once after the change, both before their failures were read: 271 of 300 right with 11
confidently wrong, then 279 with 11.

Its output is an :class:`Opinion`: the topics ranked, each with its gap to the best one. The gap between the
first and the second (``margin``) is what ``matcher`` uses to decide whether the classifier confirms, leads or
vetoes the keyword answer; the classifier never answers on its own.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.domain.knowledge._text import prepare

log = logging.getLogger(__name__)

BANK = Path(__file__).with_name("bank")
#: the project's root (on the child process's path)
_ROOT = Path(__file__).resolve().parents[3]
#: the class of messages too vague to answer
VAGUE = "_vague"
#: weight of a character trigram relative to a word
CHAR_WEIGHT = 0.3
#: the weight of a long message's whole text next to its question sentences (``focus``)
FOCUS_REST = 0.75
#: additive smoothing of the naive Bayes' per-topic feature weights
BAYES_SMOOTHING = 0.05
#: L2 regularisation of the logistic weights (``SGDClassifier(alpha=...)``) and passes over the bank
LOGISTIC_ALPHA = 1e-5
LOGISTIC_EPOCHS = 20
#: the logistic logits brought into the naive Bayes' range (chosen with the measurements above: 3 and 6 did worse)
LOGISTIC_SCALE = 4.0
#: weight files kept in the cache folder (checkouts with other banks may share it)
CACHE_KEEP = 5
#: bump when the fit changes in a way the rows and the constants above do not show (e.g. another estimator)
_FIT_VERSION = 1


def default_cache_dir() -> Path | None:
    """Where fitted weights are kept between processes: ``$MODEL_CACHE_DIR`` (empty: no cache), else
    ``$XDG_CACHE_HOME/baucu``, else ``~/.cache/baucu``."""
    chosen = os.environ.get("MODEL_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "baucu"


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
    """Topics ranked by the classifier, each with its log-probability gap to the best (0 for the best)."""

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


@dataclass(frozen=True)
class Rows:
    """The bank as a sparse matrix (CSR arrays: one row per example, one column per feature) with its labels."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_features: int
    labels: tuple[str, ...]


def fit_logistic(rows: Rows) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Fit the logistic weights: ``(weights, bias, topics)``, weights one row per feature, one column per topic.

    Runs in a child process (see the module's docstring): it is the only place that imports scikit-learn."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import SGDClassifier

    x = csr_matrix((rows.data, rows.indices, rows.indptr), shape=(len(rows.labels), rows.n_features))
    # one topic against the rest, the topics fitted side by side on the cores there are
    model = SGDClassifier(
        loss="log_loss", alpha=LOGISTIC_ALPHA, max_iter=LOGISTIC_EPOCHS, tol=None, random_state=0, n_jobs=-1
    )
    model.fit(x, np.array(rows.labels))
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one weight row for the second topic: the first one's logit is 0
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    weights = np.ascontiguousarray(coef.T, dtype=np.float32)
    return weights, intercept.astype(np.float32), tuple(str(c) for c in model.classes_)


def _fit_in_child(rows: Rows) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """``fit_logistic`` in a child process (``python -m bot.domain.knowledge._fit``), or here when that fails."""
    sent = io.BytesIO()
    np.savez(
        sent,
        indptr=rows.indptr,
        indices=rows.indices,
        data=rows.data,
        n_features=np.array(rows.n_features),
        labels=np.array(rows.labels),
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(_ROOT), os.environ.get("PYTHONPATH"))))}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot.domain.knowledge._fit"],
            input=sent.getvalue(),
            capture_output=True,
            env=env,
            check=True,
            timeout=300,
        )
        got = np.load(io.BytesIO(done.stdout), allow_pickle=False)
        return got["weights"], got["bias"], tuple(str(t) for t in got["topics"])
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", None) or b""
        log.warning("classifier: no child process (%s %s), fitting in this process", exc, detail[-500:].decode())
        return fit_logistic(rows)


def _fit_key(rows: Rows) -> str:
    """A digest of everything the fitted weights depend on: the rows, their labels and the fit's settings."""
    digest = hashlib.sha256()
    for part in (rows.indptr, rows.indices, rows.data):
        digest.update(np.ascontiguousarray(part).tobytes())
    digest.update("\n".join(rows.labels).encode())
    digest.update(repr((rows.n_features, LOGISTIC_ALPHA, LOGISTIC_EPOCHS, _FIT_VERSION)).encode())
    return digest.hexdigest()[:32]


def _fit_cached(rows: Rows, cache: Path | None) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """``_fit_in_child``, or the weights an earlier process fitted from the very same rows (``cache``).

    The file is named by :func:`_fit_key`, so a changed bank, feature or setting never reads stale weights; it is
    written to a temporary file and renamed, so processes starting together never read a half-written one. A file
    that cannot be read or written is only logged: the fit is then done (again) here."""
    path = cache / f"classifier-{_fit_key(rows)}.npz" if cache else None
    if path and path.exists():
        try:
            with np.load(path, allow_pickle=False) as got:
                weights, bias, topics = got["weights"], got["bias"], tuple(str(t) for t in got["topics"])
            if weights.shape == (rows.n_features, len(topics)) and bias.shape == (len(topics),):
                os.utime(path)  # recently used: kept by _prune
                return weights, bias, topics
            log.warning("classifier: %s does not fit the bank, fitting again", path)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            log.warning("classifier: cannot read %s (%s), fitting again", path, exc)
    weights, bias, topics = _fit_in_child(rows)
    if path:
        written: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
                written = Path(tmp.name)
                np.savez(tmp, weights=weights, bias=bias, topics=np.array(topics))
            os.replace(written, path)
            _prune(path.parent)
        except OSError as exc:
            log.warning("classifier: cannot keep the weights in %s (%s)", path.parent, exc)
            if written:
                written.unlink(missing_ok=True)
    return weights, bias, topics


def _prune(cache: Path) -> None:
    """Remove all but the ``CACHE_KEEP`` most recently used weight files (each bank edit leaves one behind)."""
    files = sorted(cache.glob("classifier-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[CACHE_KEEP:]:
        old.unlink(missing_ok=True)


class Classifier:
    def __init__(
        self, examples: Iterable[tuple[str, str]], *, in_child: bool = True, cache: Path | None = None
    ) -> None:
        """Build from ``(topic, message)`` pairs. ``in_child``: fit the regression in a child process (else here);
        ``cache``: a folder for the fitted weights (see :func:`_fit_cached`), for the child-process fit only."""
        labelled = [(topic, features(text)) for topic, text in examples]
        if len({t for t, _f in labelled}) < 2:
            raise ValueError("the classifier needs examples of two topics at least")
        df: Counter[str] = Counter(k for _t, f in labelled for k in f)
        n = len(labelled)
        self._idf = {k: math.log((1 + n) / (1 + v)) + 1.0 for k, v in df.items()}
        self._column = {k: i for i, k in enumerate(df)}
        indptr, indices, data = [0], [], []
        for _topic, found in labelled:
            for col, weight in self._vector(found):
                indices.append(col)
                data.append(weight)
            indptr.append(len(indices))
        rows = Rows(
            np.array(indptr, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(data, dtype=np.float64),
            len(self._column),
            tuple(t for t, _f in labelled),
        )
        if in_child:
            logistic, bias, self.topics = _fit_cached(rows, cache)
        else:
            logistic, bias, self.topics = fit_logistic(rows)
        #: per feature (row), per topic (column): the logistic weight; and the topics' biases (both scaled)
        self._logistic = logistic * np.float32(LOGISTIC_SCALE)
        self._bias = bias * np.float32(LOGISTIC_SCALE)
        #: per feature (row), per topic (column): the naive Bayes' log P(feature | topic)
        self._bayes = _naive_bayes(rows, self.topics)

    def _vector(self, found: Counter[str]) -> list[tuple[int, float]]:
        """Sublinear TF-IDF of the known features, L2-normalised."""
        vec = [
            (self._column[k], (1.0 + math.log(v) if v >= 1 else v) * self._idf[k])
            for k, v in found.items()
            if k in self._column
        ]
        norm = math.sqrt(sum(w * w for _c, w in vec)) or 1.0
        return [(c, w / norm) for c, w in vec]

    def _columns(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        vec = self._vector(features(text))
        if not vec:
            return None
        cols = np.fromiter((c for c, _w in vec), dtype=np.intp, count=len(vec))
        weights = np.fromiter((w for _c, w in vec), dtype=np.float32, count=len(vec))
        return cols, weights

    def opinion(self, text: str, *, focus: str | None = None, limit: int = 5) -> Opinion:
        """The ranked topics of ``text``; for a long message, ``focus`` (its question sentences) counts fully and the
        whole text at ``FOCUS_REST``, so that a long story does not drown the question in it."""
        whole = self._columns(text)
        if whole is None:
            return Opinion(())
        # as with the keywords: the question sentences count fully, the rest of a long message a little
        focused = self._columns(focus) if focus else None
        parts = [(whole, 1.0)] if focused is None else [(focused, 1.0), (whole, FOCUS_REST)]
        bayes = sum(share * (w @ self._bayes[c]) for (c, w), share in parts)
        logistic = sum(share * (w @ self._logistic[c] + self._bias) for (c, w), share in parts)
        scores = (bayes + logistic) / 2
        order = np.argsort(-scores)[:limit]
        best = float(scores[order[0]])
        return Opinion(tuple((self.topics[i], round(float(scores[i]) - best, 3)) for i in order))


def _naive_bayes(rows: Rows, topics: tuple[str, ...]) -> np.ndarray:
    """Per feature (row), per topic (column): log P(feature | topic), from the TF-IDF mass of the examples."""
    index = {t: i for i, t in enumerate(topics)}
    mass = np.zeros((rows.n_features, len(topics)), dtype=np.float64)
    label_of_entry = np.repeat(np.array([index[t] for t in rows.labels], dtype=np.intp), np.diff(rows.indptr))
    np.add.at(mass, (rows.indices, label_of_entry), rows.data)
    mass += BAYES_SMOOTHING
    return np.log(mass / mass.sum(axis=0, keepdims=True)).astype(np.float32)


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
    """The classifier trained on the project's bank (built once per process: about half a second with the weights
    kept by an earlier process, a few seconds without)."""
    return Classifier(load_bank(), cache=default_cache_dir())
