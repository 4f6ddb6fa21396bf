"""Match a voter's free-text question to a knowledge topic or a data intent.

Deterministic, dictionary-based scoring:

1. the text is clipped, folded (diacritics, NFD and tone placement vanish), digits are split from letters and chat
   abbreviations expanded; unknown words are corrected to the nearest word of the topic vocabulary (rapidfuzz);
2. every topic adds the weights of its keywords present in the text, plus a small bonus for resemblance to its
   example questions;
3. safety topics with ``precedence`` (fraud, recommendation, prompt injection) win whenever they fire; small talk
   and off-topic only win when no content topic is clearly present;
4. the answer is ``confident`` only with a clear score and a clear margin over the runner-up; otherwise the caller
   shows the alternatives as buttons.

Long messages: cut to their first 300 and last 700 characters, then the last question-like sentence (with the
sentence before it) counts fully and the whole message at half weight.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from bot.domain.knowledge._text import expand_tokens, fold_split, prepare, prepare_phrase
from bot.domain.knowledge.topics import TOPICS, Topic
from bot.domain.text import clip, normalize

#: minimum score to answer with confidence, and the margin over the runner-up
CONFIDENT_SCORE = 2.5
CONFIDENT_MARGIN = 1.0
#: safety precedence threshold
SAFETY_SCORE = 4.0
#: above this a content (info/data) topic is "clearly present": small talk/off-topic are damped
CONTENT_PRESENT = 2.5
LONG_TEXT = 180
MAX_CHARS = 1000

_SOFT_KINDS = {"meta"}
_SOFT_IDS = {"insult", "off_topic"}


@dataclass(frozen=True)
class TopicMatch:
    topic: Topic
    score: float

    @property
    def id(self) -> str:
        return self.topic.id

    @property
    def kind(self) -> str:
        return self.topic.kind


@dataclass
class MatchResult:
    best: TopicMatch | None
    alternatives: list[TopicMatch]
    confident: bool
    slots: dict[str, Any] = field(default_factory=dict)

    @property
    def topic_id(self) -> str | None:
        return self.best.id if self.best else None


# --------------------------------------------------------------------------------------------- compiled data


@dataclass(frozen=True)
class _Compiled:
    topic: Topic
    keywords: tuple[tuple[tuple[tuple[str, ...], ...], float], ...]
    examples: tuple[str, ...]


def _compile_keyword(spec: str) -> tuple[tuple[str, ...], ...]:
    alts = []
    for alt in spec.split("|"):
        parts = tuple(p for p in (prepare_phrase(x) for x in alt.split("+")) if p)
        if parts:
            alts.append(parts)
    return tuple(alts)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[_Compiled, ...], frozenset[str], dict[str, str]]:
    """Topics with prepared keywords; the vocabulary; joined word pairs ("baucu" -> "bau cu")."""
    compiled = []
    vocab: set[str] = set()
    joined: dict[str, str] = {}
    for topic in TOPICS:
        kws = tuple((_compile_keyword(spec), weight) for spec, weight in topic.keywords)
        exs = tuple(" ".join(prepare(e)) for e in topic.examples)
        compiled.append(_Compiled(topic, kws, exs))
        for alts, _w in kws:
            for parts in alts:
                for part in parts:
                    toks = part.split()
                    vocab.update(toks)
                    for a, b in itertools.pairwise(toks):
                        joined[a + b] = f"{a} {b}"
        for ex in exs:
            vocab.update(ex.split())
    vocab = {v for v in vocab if not v.isdigit()}
    return tuple(compiled), frozenset(vocab), joined


@lru_cache(maxsize=1)
def _pairs() -> frozenset[str]:
    """Adjacent word pairs of the keyword phrases (context for collapsing "cuu" -> "cu" after "bau")."""
    return frozenset(" ".join(pair.split()) for pair in _compiled()[2].values())


_REPEATS = re.compile(r"(\w)\1+")


@lru_cache(maxsize=4096)
def _correct(token: str) -> str:
    """The vocabulary word closest to an unknown ``token`` (small typos), or the token itself."""
    _c, vocab, joined = _compiled()
    if token in vocab or not token.isalpha() or len(token) < 3:
        return token
    if token in joined:
        return joined[token]
    collapsed = _REPEATS.sub(r"\1", token)
    if collapsed in vocab:
        return collapsed
    if len(token) < 4:
        return token
    found = process.extractOne(token, vocab, scorer=fuzz.ratio, score_cutoff=88.0 if len(token) == 4 else 82.0)
    return str(found[0]) if found is not None else token


def _tokens(text: str) -> list[str]:
    pairs = _pairs()
    out: list[str] = []
    for tok in prepare(text):
        if out and _REPEATS.search(tok):
            collapsed = _REPEATS.sub(r"\1", tok)
            if f"{out[-1]} {collapsed}" in pairs and f"{out[-1]} {tok}" not in pairs:
                out.append(collapsed)
                continue
        out.extend(_correct(tok).split())
    return out


# --------------------------------------------------------------------------------------------- scoring


def _score_all(tokens: list[str], edition: str) -> dict[str, float]:
    compiled, _v, _j = _compiled()
    padded = " " + " ".join(tokens) + " "
    text = " ".join(tokens)
    scores: dict[str, float] = {}
    for c in compiled:
        if c.topic.variants and c.topic.variant(edition) is None and all(v.year is None for v in c.topic.variants):
            continue
        score = 0.0
        for alts, weight in c.keywords:
            if any(all(f" {p} " in padded for p in parts) for parts in alts):
                score += weight
        if c.examples and len(tokens) >= 2 and score > 0:
            sim = max(fuzz.token_sort_ratio(text, ex) for ex in c.examples)
            score += max(0.0, sim - 60.0) / 40.0 * 1.5
        scores[c.topic.id] = score
    return scores


def _adjust(scores: dict[str, float]) -> dict[str, float]:
    from bot.domain.knowledge.topics import BY_ID

    content = max(
        (s for tid, s in scores.items() if BY_ID[tid].kind in ("info", "data")),
        default=0.0,
    )
    if content >= CONTENT_PRESENT:
        scores = {
            tid: (s * 0.4 if (BY_ID[tid].kind in _SOFT_KINDS or tid in _SOFT_IDS) else s) for tid, s in scores.items()
        }
    return scores


_SENTENCE = re.compile(r"(?<=[.!?\n;])\s+|\n+")
_QUESTION_WORDS = re.compile(
    r"\b(khong|gi|sao|nao|bao gio|bao nhieu|may|o dau|the nao|nhu the nao|co duoc|duoc khong|chua|a|nhi|vay"
    r"|how|what|when|where|who|which|can|do|does|is|are|should)\b"
)


def _focus(text: str) -> str | None:
    """For a long rambling message: its question-like sentences (the last two), else None."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if len(sentences) < 2:
        return None
    questions = [s for s in sentences if "?" in s]
    if not questions:
        questions = [s for s in sentences if _QUESTION_WORDS.search(" ".join(prepare(s)))]
    if not questions:
        return None
    last = sentences.index(questions[-1])
    context = sentences[last - 1 : last] if last > 0 else []
    return " ".join([*context, questions[-1]])


def _clip(text: str) -> str:
    """Cut very long input before matching, keeping its start and its end (where the question usually is)."""
    if len(text) <= MAX_CHARS:
        return text
    head = MAX_CHARS * 3 // 10
    return clip(text, head) + "\n" + text[-(MAX_CHARS - head) :]


def _rank(scores: dict[str, float]) -> list[tuple[str, float]]:
    order = {t.id: i for i, t in enumerate(TOPICS)}
    return sorted(((tid, s) for tid, s in scores.items() if s > 0), key=lambda x: (-x[1], order[x[0]]))


def match(question: str, *, edition: str, limit: int = 3) -> MatchResult:
    """The topic a question asks about; ``confident`` False means: offer ``alternatives`` as buttons."""
    from bot.domain.knowledge.topics import BY_ID

    text = _clip(question or "")
    tokens = _tokens(text)
    if not tokens:
        return MatchResult(best=None, alternatives=[], confident=False)
    whole = _score_all(tokens, edition)

    # safety first, on the whole message
    safety = [(tid, s) for tid, s in whole.items() if BY_ID[tid].precedence and s >= SAFETY_SCORE]
    if safety:
        tid, s = max(safety, key=lambda x: x[1])
        ranked = _rank(whole)
        alts = [TopicMatch(BY_ID[tid], s)] + [TopicMatch(BY_ID[t], v) for t, v in ranked if t != tid]
        return MatchResult(best=alts[0], alternatives=alts[:limit], confident=True)

    scores = whole
    if len(text) > LONG_TEXT:
        focus = _focus(text)
        if focus:
            focused = _score_all(_tokens(focus), edition)
            # the question sentences count fully, the rest of the message a little
            scores = {tid: focused.get(tid, 0.0) + 0.5 * whole.get(tid, 0.0) for tid in whole}
    ranked = _rank(_adjust(scores))
    if not ranked:
        return MatchResult(best=None, alternatives=[], confident=False)
    matches = [TopicMatch(BY_ID[tid], round(s, 3)) for tid, s in ranked[:limit]]
    best = matches[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confident = best.score >= CONFIDENT_SCORE and best.score - second >= CONFIDENT_MARGIN
    slots = extract_slots(best.topic, text) if best.kind == "data" else {}
    return MatchResult(best=best, alternatives=matches, confident=confident, slots=slots)


# --------------------------------------------------------------------------------------------- slots

_NUMBER = re.compile(
    r"\b(?:don vi bau cu|don vi|dvbc|dv|constituency|district|unit|so|no|number)\s*(?:so\s*)?(?:no\s*)?#?\s*(\d{1,3})\b"
)
_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tinh", re.compile(r"hoi dong nhan dan (?:cap )?(?:tinh|thanh pho)\b|provincial|province council|hdnd tinh")),
    ("huyen", re.compile(r"hoi dong nhan dan (?:cap )?(?:huyen|quan|thi xa)\b|district council")),
    ("xa", re.compile(r"hoi dong nhan dan (?:cap )?(?:xa|phuong|thi tran|dac khu)\b|commune council|ward council")),
    ("qh", re.compile(r"quoc hoi|national assembly|\bna\b")),
)
_WHAT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("constituencies", re.compile(r"don vi bau cu|constituenc")),
    ("polling_areas", re.compile(r"khu vuc bo phieu|polling (?:area|station|place)|diem bo phieu")),
    ("polling_teams", re.compile(r"to bau cu|polling team")),
    ("candidates", re.compile(r"ung cu vien|nguoi ung cu|ung vien|candidate")),
    ("seats", re.compile(r"\bghe\b|dai bieu|seat|deput")),
    ("voters", re.compile(r"cu tri|voter")),
)
_PLACE_MARKERS = ("xa", "phuong", "thi tran", "dac khu", "huyen", "quan", "tinh", "thanh pho")
_PLACE_STOP = {
    "thuoc", "trong", "o", "la", "thi", "co", "cua", "in", "is", "belong", "bau", "khong", "vay", "a", "nhe",
    "minh", "toi", "em", "anh", "chi", "gom", "duoc", "which", "what", "the", "bao", "may",
}  # fmt: skip


def _level(expanded: str) -> str | None:
    for level, pattern in _LEVELS:
        if pattern.search(expanded):
            return level
    return None


def _place(text: str) -> str | None:
    """A place name after "xã/phường/..." (diacritics kept as typed), e.g. "Đồng Lạc"."""
    shown = normalize(text).split()
    folded = fold_split(text).split()
    if len(shown) != len(folded):
        shown = folded
    for i in range(len(folded)):
        for marker in _PLACE_MARKERS:
            mtoks = marker.split()
            if folded[i : i + len(mtoks)] == mtoks:
                j = i + len(mtoks)
                name: list[str] = []
                while j < len(folded) and len(name) < 4 and folded[j] not in _PLACE_STOP:
                    if folded[j] == "don" and folded[j + 1 : j + 2] == ["vi"]:
                        break
                    if name and folded[j] == "nam" and folded[j + 1 : j + 2] in (["o"], ["trong"], ["thuoc"]):
                        break
                    name.append(shown[j])
                    j += 1
                if name and not (len(name) == 1 and name[0] in ("nao", "nay", "do", "minh", "toi")):
                    return " ".join(w.capitalize() for w in name)
    m = re.search(r"\bis ([a-z ]+?) (?:commune|ward|town|district)\b", " ".join(folded))
    if m:
        return m.group(1).title()
    return None


def extract_slots(topic: Topic, text: str) -> dict[str, Any]:
    """Cheap slots for a data intent: constituency ``number``, contest ``level``, count ``what``, ``place``."""
    folded = " ".join(fold_split(text).split())
    expanded = " ".join(expand_tokens(folded.split()))
    slots: dict[str, Any] = {}
    if "number" in topic.slots:
        m = _NUMBER.search(expanded)
        if m:
            slots["number"] = int(m.group(1))
    if "level" in topic.slots:
        level = _level(expanded)
        if level:
            slots["level"] = level
    if "what" in topic.slots:
        for what, pattern in _WHAT:
            if pattern.search(expanded):
                slots["what"] = what
                break
    if "place" in topic.slots:
        place = _place(text)
        if place:
            slots["place"] = place
    return slots
