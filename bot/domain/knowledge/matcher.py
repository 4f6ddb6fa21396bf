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
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.domain.knowledge._text import ABBREVIATIONS, expand_tokens, fold_split, prepare, prepare_phrase
from bot.domain.knowledge.classifier import VAGUE, Opinion, classifier
from bot.domain.knowledge.topics import STORY_FACTS, TOPICS, Topic
from bot.domain.search import without_kind_words
from bot.domain.text import clip_message, fold, is_syllable, normalize, words_as_typed

#: minimum score to answer with confidence, and the margin over the runner-up
CONFIDENT_SCORE = 2.5
CONFIDENT_MARGIN = 1.0
#: safety precedence threshold
SAFETY_SCORE = 4.0
#: above this a content (info/data) topic is "clearly present": small talk/off-topic are damped
CONTENT_PRESENT = 2.5
#: the classifier's second opinion (margins between its scores, see ``classifier`` and ``_second_opinion``): it confirms
#: an unsure keyword answer, leads with a topic the keywords found lower down, or vetoes a confident answer
AGREE_MARGIN = 1.0
AGREE_SCORE = 1.0
LEAD_MARGIN = 3.0
VETO_MARGIN = 2.0
VETO_GAP = 3.0
#: a topic no keyword found: the classifier's topic is answered only with this margin, else offered as buttons
ALONE_MARGIN = 6.0
#: ... and on a message of at least this many words (see ``_second_opinion``)
ALONE_WORDS = 3
#: a clear reading of the classifier for the router (a vague message, or another question than a place's)
CLEAR_MARGIN = 2.0
#: the score shown for a topic only the classifier found (below every keyword threshold)
CLASSIFIER_ONLY_SCORE = 0.5
LONG_TEXT = 150
#: what a fact of a long story that decides a rule (a sentence served, a foreign nationality) adds to that rule,
#: wherever in the story it is told
STORY_FACT_SCORE = 3.0
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
    #: the classifier's view of the message (the router asks it whether a place named in a story is the question)
    opinion: Opinion = field(default_factory=lambda: Opinion(()))

    @property
    def topic_id(self) -> str | None:
        return self.best.id if self.best else None

    @property
    def clearly_vague(self) -> bool:
        """The classifier clearly reads the message as too vague to answer."""
        return self.opinion.top == VAGUE and self.opinion.margin >= CLEAR_MARGIN

    def clearly_asks_other_than(self, topic_id: str, margin: float = CLEAR_MARGIN) -> bool:
        """The classifier reads the message as another rules or data question than ``topic_id``, by at least
        ``margin`` (clearly, by default; ``margin=0``: it merely leans that way)."""
        return asks_other_than(self.opinion, topic_id, margin)


def asks_other_than(opinion: Opinion | None, topic_id: str, margin: float = CLEAR_MARGIN) -> bool:
    """``opinion`` reads another rules or data question than ``topic_id``, by at least ``margin``."""
    from bot.domain.knowledge.topics import BY_ID

    if opinion is None:
        return False
    top = opinion.top
    return top in BY_ID and top != topic_id and BY_ID[top].kind in ("info", "data") and opinion.margin >= margin


def _name_variants(name: str) -> list[list[str]]:
    """A place name as typed in full and without its kind words ("xã Bản Thi", "Bản Thi")."""
    tokens = prepare(name)
    bare = without_kind_words(tokens)
    return [tokens] + ([bare] if len(bare) >= 2 and bare != tokens else [])


def _without(tokens: list[str], names: list[list[str]]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        hit = next((len(n) for n in names if n and tokens[i : i + len(n)] == n), 0)
        if hit:
            i += hit
        else:
            out.append(tokens[i])
            i += 1
    return out


def opinion_without(text: str, names: list[str]) -> Opinion:
    """The classifier's reading of ``text`` with the places ``names`` taken out. The classifier learnt place names
    from where-to-vote examples; in a story set in a place ("bố tôi ở thôn Khuổi Hẻo … có cách nào cho ông bầu"),
    the name is no evidence of the question."""
    variants = sorted((v for n in names for v in _name_variants(n)), key=len, reverse=True)
    text = _clip(text)

    def strip(part: str) -> str:
        return " ".join(_without(prepare(part), variants))

    focus = _focus(text) if len(text) > LONG_TEXT else None
    return classifier().opinion(strip(text), focus=strip(" ".join(focus)) if focus else None)


# --------------------------------------------------------------------------------------------- compiled data


@dataclass(frozen=True)
class _Compiled:
    topic: Topic
    #: (alternatives, weight); an alternative is a tuple of parts, a part is (folded phrase, accent guard)
    keywords: tuple[tuple[tuple[tuple[tuple[str, _Guard], ...], ...], float], ...]
    examples: tuple[str, ...]
    #: per keyword, every phrase of its alternatives: a keyword none of whose phrases is in the text cannot match,
    #: and checking that with one set operation spares the full test for nearly all keywords of nearly all topics
    phrases: tuple[frozenset[str], ...] = ()


class _Strict(tuple[str | None, ...]):
    """A guard that insists on every accented word of a safety keyword, known homograph or not: a refusal fired by
    a word the user did not type ("cầm thẻ đi bầu cho tiện" is no "cho tiền") is a confidently wrong answer."""


#: per word of a keyword phrase: the accented form to insist on when the user typed diacritics, or None
_Guard = tuple[str | None, ...] | None


def _has_marks(word: str) -> bool:
    return fold(word) != word


def _accented_words(phrase: str) -> list[str] | None:
    """The accented words of a keyword phrase, aligned with its prepared tokens (None if they do not align)."""
    words = normalize(phrase).split()
    return words if len(words) == len(prepare_phrase(phrase).split()) else None


def _compile_keyword(spec: str) -> tuple[tuple[tuple[str, tuple[str, ...] | None], ...], ...]:
    alts = []
    for alt in spec.split("|"):
        parts = []
        for x in alt.split("+"):
            folded = prepare_phrase(x)
            if folded:
                acc = _accented_words(x)
                parts.append((folded, tuple(acc) if acc else None))
        if parts:
            alts.append(tuple(parts))
    return tuple(alts)


#: everyday words that fold onto a keyword's word but mean something else ("hông" is the southern "không", not
#: "hỏng"; "cho tiện" is no "cho tiền"): typed with their diacritics, they match no keyword written otherwise
_OTHER_MEANINGS = ("hông", "tiện", "trấn", "tiềm", "lái")


@lru_cache(maxsize=1)
def _accent_vocab() -> tuple[frozenset[str], frozenset[str]]:
    """Accented words of the keywords and examples, and the folded words that stand for two or more of them
    ("xa": xa/xã, "muon": muốn/muộn, "mat": mất/mật): only those need the diacritics the user typed."""
    forms: dict[str, set[str]] = {}
    for word in _OTHER_MEANINGS:
        forms.setdefault(fold(word), set()).add(word)
    for topic in TOPICS:
        texts = [alt for spec, _w in topic.keywords for alt in re.split(r"[|+]", spec)] + list(topic.examples)
        for text in texts:
            for word in normalize(text).split():
                if word.isalpha():
                    forms.setdefault(fold(word), set()).add(word)
    accented = frozenset(w for ws in forms.values() for w in ws)
    colliding = frozenset(f for f, ws in forms.items() if len(ws) >= 2)
    return accented, colliding


def _guarded(spec: tuple[str, tuple[str, ...] | None], strict: bool = False) -> tuple[str, _Guard]:
    folded, acc = spec
    if acc is None:
        return folded, None
    if strict:
        # a safety keyword's words as written, marked or not: "mua" (buy) typed "mưa" (rain) is another word
        return folded, _Strict(acc)
    if not any(_has_marks(a) for a in acc):
        return folded, None
    _accented, colliding = _accent_vocab()
    guard = tuple(a if fold(a) in colliding else None for a in acc)
    return folded, (guard if any(g is not None for g in guard) else None)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[_Compiled, ...], frozenset[str], dict[str, str]]:
    """Topics with prepared keywords; the vocabulary; joined word pairs ("baucu" -> "bau cu")."""
    compiled = []
    vocab: set[str] = set()
    joined: dict[str, str] = {}
    for topic in TOPICS:
        kws = tuple(
            (
                tuple(
                    tuple(_guarded(p, topic.precedence and weight > 0) for p in alt) for alt in _compile_keyword(spec)
                ),
                weight,
            )
            for spec, weight in topic.keywords
        )
        exs = tuple(" ".join(prepare(e)) for e in topic.examples)
        phrases = tuple(frozenset(p for parts in alts for p, _g in parts) for alts, _w in kws)
        compiled.append(_Compiled(topic, kws, exs, phrases))
        for alts, _w in kws:
            for parts in alts:
                for part, _g in parts:
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


@lru_cache(maxsize=1)
def _context_pairs() -> frozenset[str]:
    """Adjacent word pairs of the keyword phrases and the example questions (context for short-word typos)."""
    compiled, _v, _j = _compiled()
    pairs = set(_pairs())
    for c in compiled:
        for ex in c.examples:
            pairs.update(f"{a} {b}" for a, b in itertools.pairwise(ex.split()))
    return frozenset(pairs)


_REPEATS = re.compile(r"(\w)\1+")
#: English words one letter off a keyword word that must stay as typed ("were" is no "where")
_ENGLISH = frozenset({"were", "wear", "here", "there", "then", "than", "them", "they", "their", "some", "same", "come"})


@lru_cache(maxsize=4096)
def _correct(token: str) -> str:
    """The vocabulary word closest to an unknown ``token`` (small typos), or the token itself."""
    _c, vocab, joined = _compiled()
    if token in vocab or not token.isalpha() or len(token) < 3 or token in _ENGLISH:
        return token
    if token in joined and not is_syllable(token):
        return joined[token]  # "kiemphieu"; but a syllable is a word ("thuỷ" is no "thú y" typed without its space)
    collapsed = _REPEATS.sub(r"\1", token)
    if collapsed in vocab:
        return collapsed
    if "j" in token and token.replace("j", "i") in vocab:
        return token.replace("j", "i")  # chat spelling: "ngườj", "đj" (j for i)
    if len(token) < 4 or (len(token) == 4 and is_syllable(token)):
        return token  # one letter off a 4-letter word is a quarter of it: a well-formed syllable is a real word
    found = process.extractOne(token, vocab, scorer=fuzz.ratio, score_cutoff=88.0 if len(token) == 4 else 82.0)
    return str(found[0]) if found is not None else token


@lru_cache(maxsize=4096)
def _neighbours(token: str) -> tuple[str, ...]:
    """Vocabulary words one edit away from a short unknown ``token``."""
    _c, vocab, _j = _compiled()
    found = process.extract(token, vocab, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return tuple(str(w) for w, _d, _i in found if len(w) >= 2)


def _in_context(tokens: list[str]) -> list[str]:
    """Correct short unknown words (2 to 4 letters that are no Vietnamese syllable: "gah", "trj") by their neighbours: a vocabulary word one
    edit away that forms a keyword word pair with the word before or after it ("gah phieu" -> "gach phieu").
    Fuzzy ratios cannot do this for short words (one letter is a third of the word); the context can."""
    _c, vocab, _j = _compiled()
    pairs = _context_pairs()
    out = list(tokens)
    for i, tok in enumerate(tokens):
        if tok in vocab or not 2 <= len(tok) <= 4 or tok in ABBREVIATIONS or is_syllable(tok) or not tok.isalpha():
            continue  # a well-formed syllable is a real word (often a name: "Yên", "Ngần"), not a typo
        if not any(ch in "aeiouyjw" for ch in tok):
            continue  # no vowel: an abbreviation ("TN", "HN" for places), not a typo of a word
        prev = out[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        fits = {w for w in _neighbours(tok) if f"{prev} {w}" in pairs or f"{w} {nxt}" in pairs}
        if len(fits) == 1:
            out[i] = fits.pop()
    return out


def _accents(text: str, n: int) -> list[str | None]:
    """The words of ``text`` as typed (diacritics kept), aligned with its ``n`` folded words, else all None."""
    words = _DIGIT_ALPHA.sub(" ", normalize(text)).split()
    return list(words) if len(words) == n else [None] * n


_DIGIT_ALPHA = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")


def _capitalised(text: str, n: int) -> list[bool]:
    """For each of the ``n`` folded words of ``text``: whether it was typed with a capital (all False if unaligned)."""
    words = _DIGIT_ALPHA.sub(" ", " ".join(words_as_typed(text))).split()
    return [w[:1].isupper() for w in words] if len(words) == n else [False] * n


def _tokens_accented(text: str) -> tuple[list[str], list[str | None]]:
    """Folded, expanded, corrected tokens and, aligned with them, each word as typed (None where it changed)."""
    tokens, accents, _units = _tokens_units(text)
    return tokens, accents


def _tokens_units(text: str) -> tuple[list[str], list[str | None], frozenset[tuple[int, int]]]:
    """``_tokens_accented`` and the token spans of the abbreviations spelled out ("mttq" -> "mat tran to quoc")."""
    pairs = _pairs()
    folded = fold_split(text).split()
    typed = _accents(text, len(folded))
    caps = _capitalised(text, len(folded))
    toks: list[str] = []
    accs: list[str | None] = []
    units: set[tuple[int, int]] = set()
    for k, (raw, acc) in enumerate(zip(folded, typed, strict=True)):
        expanded = expand_tokens(
            [raw], prev=toks[-1] if toks else None, nxt=folded[k + 1] if k + 1 < len(folded) else None
        )
        if len(expanded) != 1:
            units.add((len(toks), len(toks) + len(expanded)))
            toks.extend(expanded)
            accs.extend([None] * len(expanded))
            continue
        tok = expanded[0]
        if toks and _REPEATS.search(tok):
            collapsed = _REPEATS.sub(r"\1", tok)
            if f"{toks[-1]} {collapsed}" in pairs and f"{toks[-1]} {tok}" not in pairs:
                toks.append(collapsed)
                accs.append(None)
                continue
        # a capitalised word typed with diacritics is a name ("Hoàng Thị Thuý"), no typo of a keyword's word ("hoãn",
        # "thú y")
        named = caps[k] and acc is not None and _has_marks(acc) and is_syllable(tok)
        corrected = [tok] if named else _correct(tok).split()
        toks.extend(corrected)
        # a word typed with diacritics keeps them when read as a typo of a keyword's word: a safety keyword then
        # sees what was typed ("tiếng" read as "tien" is still no "tiền")
        kept = corrected == [raw] or (len(corrected) == 1 and acc is not None and _has_marks(acc))
        accs.extend([acc] if kept else [None] * len(corrected))
    fixed = _in_context(toks)
    accs = [a if t == f else None for a, t, f in zip(accs, toks, fixed, strict=True)]
    return fixed, accs, frozenset(units)


def _tokens(text: str) -> list[str]:
    return _tokens_accented(text)[0]


#: punctuation that ends a clause (not inside a number: "99,60%", "23/5")
_BREAK = re.compile(r"[,;:.!?…]+(?=\s|$)|[()\[\]\n]|\s[-–]\s")


class Prepared(NamedTuple):
    """A message ready for scoring: tokens, the words as typed, clause breaks, abbreviations spelled out."""

    tokens: list[str]
    accents: list[str | None]
    #: token positions where a clause begins after punctuation
    breaks: frozenset[int]
    #: token spans (start, end) of an abbreviation spelled out: a phrase takes all of one or none of it
    units: frozenset[tuple[int, int]] = frozenset()


def _tokens_broken(text: str) -> Prepared:
    """``_tokens_accented`` and the token positions where a clause begins after punctuation: a keyword phrase does
    not run across one ("ai quyết định chỗ đặt khu vực bỏ phiếu, xã hay huyện" has no "phiếu xã"); nor into half of
    an abbreviation spelled out ("qua mttq" has no "qua mặt", deceive)."""
    pieces = [p for p in _BREAK.split(text) if p.strip()] or [text]
    toks: list[str] = []
    accs: list[str | None] = []
    breaks: set[int] = set()
    units: set[tuple[int, int]] = set()
    for piece in pieces:
        t, a, u = _tokens_units(piece)
        if t and toks:
            breaks.add(len(toks))
        units.update((s + len(toks), e + len(toks)) for s, e in u)
        toks.extend(t)
        accs.extend(a)
    return Prepared(toks, accs, frozenset(breaks), frozenset(units))


def _unbroken(
    tokens: list[str], part: str, breaks: frozenset[int], units: frozenset[tuple[int, int]] = frozenset()
) -> bool:
    """Whether a phrase occurs somewhere within one clause, taking every abbreviation it touches whole."""
    return any(
        not any(start < b < end for b in breaks)
        and not any((start < s < end < e) or (s < start < e < end) for s, e in units)
        for start, end in _spans(tokens, part)
    )


# --------------------------------------------------------------------------------------------- scoring


def _accent_ok(tokens: list[str], accents: list[str | None], part: str, guard: _Guard) -> bool:
    """Whether a keyword phrase found in the folded text is also what the user typed: where the user put
    diacritics on a word that has several accented meanings, they must be the keyword's ("xã" is not "xa")."""
    if guard is None or not any(accents):
        return True
    accented, _colliding = _accent_vocab()
    strict = isinstance(guard, _Strict)
    words = part.split()
    n = len(words)
    for i in range(len(tokens) - n + 1):
        if tokens[i : i + n] != words:
            continue
        if all(
            g is None or a is None or a == g or not _has_marks(a) or (a not in accented and not strict)
            for g, a in zip(guard, accents[i : i + n], strict=True)
        ):
            return True
    return False


def _spans(tokens: list[str], part: str) -> list[tuple[int, int]]:
    words = part.split()
    n = len(words)
    return [(i, i + n) for i in range(len(tokens) - n + 1) if tokens[i : i + n] == words]


def _not_crossing(tokens: list[str], part: str, taken: list[tuple[int, int]]) -> bool:
    """Whether a phrase occurs somewhere without cutting through a longer phrase another topic matched (longest
    match wins): in "hội đồng bầu cử quốc gia làm gì", "gia làm" (giả làm, impersonate) would cut "hội đồng bầu cử
    quốc gia". Used for safety topics, which override every other answer and so need the stricter reading."""
    for start, end in _spans(tokens, part):
        # crossing by exactly one syllable: the safety phrase borrowed half of a compound word ("quốc gia");
        # sharing a whole word ("sửa biên bản" / "biên bản kiểm phiếu") is a chain, not a cut
        if not any(
            min(end, e) - max(start, s) == 1
            and not (s <= start and end <= e)
            and e - s > end - start
            and all(is_syllable(t) for t in tokens[max(s, start - 1) : min(e, end + 1)])  # Vietnamese words only
            for s, e in taken
        ):
            return True
    return False


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return max((len(p.split()) for c in _compiled()[0] for ps in c.phrases for p in ps), default=1)


def _ngrams(tokens: list[str], longest: int) -> set[str]:
    """Every run of up to ``longest`` consecutive tokens, joined by spaces: a phrase occurs as whole words in the
    text exactly when it is one of these."""
    return {" ".join(tokens[i : i + n]) for n in range(1, longest + 1) for i in range(len(tokens) - n + 1)}


def _score_all(
    tokens: list[str],
    edition: str,
    accents: list[str | None] | None = None,
    breaks: frozenset[int] = frozenset(),
    units: frozenset[tuple[int, int]] = frozenset(),
) -> dict[str, float]:
    compiled, _v, _j = _compiled()
    present = _ngrams(tokens, _longest_phrase())
    padded = " " + " ".join(tokens) + " "
    text = " ".join(tokens)
    accs = accents if accents is not None else [None] * len(tokens)
    scores: dict[str, float] = {}
    taken: list[tuple[int, int]] = []  # spans of the longer phrases matched by ordinary topics
    for c in sorted(compiled, key=lambda c: c.topic.precedence):
        if c.topic.variants and c.topic.variant(edition) is None and all(v.year is None for v in c.topic.variants):
            continue
        score = 0.0
        strict = c.topic.precedence
        for (alts, weight), phrases in zip(c.keywords, c.phrases, strict=True):
            if phrases.isdisjoint(present):
                continue
            if any(
                all(
                    f" {p} " in padded
                    and (" " not in p or not (breaks or units) or _unbroken(tokens, p, breaks, units))
                    and _accent_ok(tokens, accs, p, g)
                    and (not strict or weight <= 0 or _not_crossing(tokens, p, taken))
                    for p, g in parts
                )
                for parts in alts
            ):
                score += weight
                if not strict and weight > 0:
                    for parts in alts:
                        for p, _g in parts:
                            if " " in p:
                                taken.extend(_spans(tokens, p))
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
        # an off-topic subject named more strongly than any election question ("mai đá bóng mấy giờ": football 3.0,
        # "mấy giờ" 2.5) stays: the question words belong to that subject
        scores = {
            tid: (s * 0.4 if (BY_ID[tid].kind in _SOFT_KINDS or tid in _SOFT_IDS) and _damped(tid, s, content) else s)
            for tid, s in scores.items()
        }
    return scores


def _damped(topic_id: str, score: float, content: float) -> bool:
    return topic_id != "off_topic" or content >= score


_SENTENCE = re.compile(r"(?<=[.!?\n;])\s+|\n+")
_CLAUSE = re.compile(r"(?<=[,:])\s+|\s+-\s+")
_QUESTION_WORDS = re.compile(
    r"\b(khong|gi|sao|nao|bao gio|bao nhieu|may|o dau|the nao|nhu the nao|co duoc|duoc khong|chua|a|nhi|vay"
    r"|khong biet|chua biet|cho hoi|muon hoi|hoi|giup|lam sao|ra sao"
    r"|how|what|when|where|who|which|can|do|does|is|are|should|help)\b"
)


def _with_edition(
    prepared: Prepared, edition: str
) -> tuple[list[str], str, list[str | None], frozenset[int], frozenset[tuple[int, int]]]:
    return prepared.tokens, edition, prepared.accents, prepared.breaks, prepared.units


def _focus(text: str) -> list[str] | None:
    """For a long rambling message: its last question-like sentence with the one before it, else None.
    A message typed as one long sentence is cut into its clauses (commas) instead."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if len(sentences) < 2:
        sentences = [s.strip() for s in _CLAUSE.split(text) if s.strip()]
    if len(sentences) < 2:
        return None
    questions = [s for s in sentences if "?" in s]
    if not questions:
        questions = [s for s in sentences if _QUESTION_WORDS.search(" ".join(prepare(s)))]
    if not questions:
        return None
    last = sentences.index(questions[-1])
    # the sentence before gives context; a short closing question ("ai chỉ giúp với") needs more of it
    start = last - 1
    while start > 0 and last - start < 3 and sum(len(s.split()) for s in sentences[start : last + 1]) < 10:
        start -= 1
    return sentences[max(0, start) : last + 1]


def _clip(text: str) -> str:
    """Cut very long input before matching, keeping its start, its end and the questions in between."""
    return clip_message(text, MAX_CHARS)


def _rank(scores: dict[str, float]) -> list[tuple[str, float]]:
    order = {t.id: i for i, t in enumerate(TOPICS)}
    return sorted(((tid, s) for tid, s in scores.items() if s > 0), key=lambda x: (-x[1], order[x[0]]))


def _cut(prepared: Prepared, names: list[list[str]]) -> Prepared:
    """The tokens without the ``names`` in them; where a name was, a clause break (no phrase runs across it)."""
    tokens, accents, breaks, units = prepared
    if not names:
        return prepared
    toks: list[str] = []
    accs: list[str | None] = []
    cuts: set[int] = set()
    moved: dict[int, int] = {}  # old position -> new position, for the kept tokens
    i = 0
    while i < len(tokens):
        if i in breaks and toks:
            cuts.add(len(toks))
        hit = next((len(n) for n in names if n and tokens[i : i + len(n)] == n), 0)
        if hit:
            if toks:
                cuts.add(len(toks))
            i += hit
            continue
        moved[i] = len(toks)
        toks.append(tokens[i])
        accs.append(accents[i])
        i += 1
    kept = frozenset((moved[s], moved[e - 1] + 1) for s, e in units if all(k in moved for k in range(s, e)))
    return Prepared(toks, accs, frozenset(c for c in cuts if 0 < c < len(toks)), kept)


def match(question: str, *, edition: str, limit: int = 3, names: tuple[str, ...] = ()) -> MatchResult:
    """The topic a question asks about; ``confident`` False means: offer ``alternatives`` as buttons.

    ``names``: people named in the message (found by the caller): their words are no keywords ("ông Triệu Xuân
    Bình" is no "triệu" of money, "Hà Thanh Hoa" no "hòa phiếu"); the classifier still reads them (that a person is
    named is evidence of a question about candidates)."""
    from bot.domain.knowledge.topics import BY_ID

    text = _clip(question or "")
    variants = sorted((v for n in names for v in _name_variants(n)), key=len, reverse=True)
    tokens, accents, breaks, units = _cut(_tokens_broken(text), variants)
    if not tokens:
        return MatchResult(best=None, alternatives=[], confident=False)
    whole = _score_all(tokens, edition, accents, breaks, units)

    # safety first, on the whole message
    safety = [(tid, s) for tid, s in whole.items() if BY_ID[tid].precedence and s >= SAFETY_SCORE]
    if safety:
        tid, s = max(safety, key=lambda x: x[1])
        ranked = _rank(whole)
        alts = [TopicMatch(BY_ID[tid], s)] + [TopicMatch(BY_ID[t], v) for t, v in ranked if t != tid]
        return MatchResult(best=alts[0], alternatives=alts[:limit], confident=True)

    scores = whole
    focus = _focus(text) if len(text) > LONG_TEXT else None
    if focus:
        # each sentence on its own: a phrase must not run across a sentence boundary
        parts = [_score_all(*_with_edition(_cut(_tokens_broken(f), variants), edition)) for f in focus]
        focused = {tid: sum(p.get(tid, 0.0) for p in parts) for tid in whole}
        # the question sentences count fully, the rest of the message a little; but a fact that decides a rule
        # ("chồng tôi hưởng án treo … không thấy thẻ của chồng tôi. Vậy có được đi bầu không?") counts wherever it is
        scores = {tid: focused.get(tid, 0.0) + 0.5 * whole.get(tid, 0.0) for tid in whole}
        for tid in _story_facts_in(tokens, accents):
            scores[tid] = scores.get(tid, 0.0) + STORY_FACT_SCORE
    opinion = classifier().opinion(text, focus=" ".join(focus) if focus else None)
    ranked = _rank(_adjust(scores))
    if not ranked:
        ranked, sure = _opinion_alone(opinion, len(tokens))
        if not ranked:
            return MatchResult(best=None, alternatives=[], confident=False, opinion=opinion)
        alone = [TopicMatch(BY_ID[tid], s) for tid, s in ranked[:limit]]
        slots = extract_slots(alone[0].topic, text) if alone[0].kind == "data" else {}
        return MatchResult(best=alone[0], alternatives=alone, confident=sure, slots=slots, opinion=opinion)
    # a safety question that ties the best content topic gets the safe answer ("nên gạch ông X không":
    # how to mark 3.0, recommendation 3.0): a neutral refusal is never a wrong fact, a content answer would be
    top = ranked[0][1]
    tied = [(tid, s) for tid, s in ranked if BY_ID[tid].precedence and s >= CONFIDENT_SCORE and s >= top - 1e-9]
    safe = bool(tied) and not BY_ID[ranked[0][0]].precedence
    if safe:
        ranked = [tied[0]] + [(tid, s) for tid, s in ranked if tid != tied[0][0]]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confident = safe or (ranked[0][1] >= CONFIDENT_SCORE and ranked[0][1] - second >= CONFIDENT_MARGIN)
    if not safe:
        ranked, confident = _second_opinion(ranked, confident, opinion, len(tokens))
    if focus and confident and not safe:
        ranked, confident = _story_check(ranked, opinion, classifier().opinion(text))
    matches = [TopicMatch(BY_ID[tid], round(s, 3)) for tid, s in ranked[:limit]]
    best = matches[0]
    if confident and not safe and best.kind in ("info", "data") and all(t in _CONTENTLESS for t in tokens):
        confident = False  # "ở đâu vậy cháu", "chỗ nào vậy ad": where of what? (offered, not answered)
    slots = extract_slots(best.topic, text) if best.kind == "data" else {}
    return MatchResult(best=best, alternatives=matches, confident=confident, slots=slots, opinion=opinion)


#: words that name nothing asked about (where, which, pronouns, particles): a message of only these ("ở đâu vậy",
#: "cái đó thì sao") is too vague to answer, however sure the classifier is of a question shaped so
_CONTENTLESS = frozenset(
    (
        "o dau nao cho noi gi sao the vay thi la co duoc khong ko roi con cai do nay kia ay day di ha a ah nhi nhe "
        "tinh nua khac "
        "nha ne chu oi z v vs toi minh em anh chi chau bac co chu ong ba ban ad admin bot ho no chung ta "
        "where what which is it that this there"
    ).split()
)


@lru_cache(maxsize=1)
def _story_facts() -> dict[str, tuple[tuple[tuple[str, tuple[str, ...] | None], ...], ...]]:
    return {tid: _compile_keyword(spec) for tid, spec in STORY_FACTS.items()}


def _story_facts_in(tokens: list[str], accents: list[str | None]) -> list[str]:
    """The topics whose deciding facts (``topics.STORY_FACTS``) the message tells, as typed ("đi tu", to become a
    monk, is no "đi tù")."""
    padded = " " + " ".join(tokens) + " "
    return [
        tid
        for tid, alts in _story_facts().items()
        if any(all(f" {p} " in padded and _accent_ok(tokens, accents, p, g) for p, g in parts) for parts in alts)
    ]


def _second_opinion(
    ranked: list[tuple[str, float]], confident: bool, opinion: Opinion, n_words: int = ALONE_WORDS
) -> tuple[list[tuple[str, float]], bool]:
    """The keyword ranking and its confidence, checked against the classifier's opinion.

    - both name the same topic: an unsure keyword answer becomes sure when the classifier is sure enough;
    - the classifier is very sure of a topic the keywords also found (lower down): that topic leads; one they did
      not find leads too, sure only with the margin the classifier needs to answer alone;
    - the keywords are sure but the classifier is very sure of another topic and ranks theirs far behind: unsure,
      and the classifier's topic joins the buttons (a wrong answer becomes a choice) — or leads, when the keywords
      found it too and the classifier is sure enough to answer alone.

    On a message of fewer than ``ALONE_WORDS`` words the classifier's margin says little (a word or two fill the
    whole feature vector): there it makes nothing sure that the keywords leave unsure.
    """
    best, score = ranked[0]
    top, margin = opinion.top, opinion.margin
    if top is None or top == VAGUE:
        return ranked, confident
    if n_words < ALONE_WORDS:
        return (_lead(ranked, top, score) if top in dict(ranked) and not confident else ranked), confident
    # three words with no keyword of weight ("bn z": "bao nhiêu vậy") ask nothing yet, however sure the classifier
    weak_short = n_words <= ALONE_WORDS and score < AGREE_SCORE
    if top == best:
        sure = (margin >= LEAD_MARGIN and not weak_short) or (margin >= AGREE_MARGIN and score >= AGREE_SCORE)
        return ranked, confident or sure
    found = any(t == top for t, _s in ranked)  # the keywords found the classifier's topic too (lower down)
    if confident:
        if margin >= VETO_MARGIN and opinion.gap(best) >= VETO_GAP:
            # overruled: a choice, or the classifier's topic when it is sure enough to answer alone and the keywords
            # found it too ("thuê nhà ở Bằng Lũng … có được bầu ở đây": temporary residence, not "not on the list")
            return _lead(ranked, top, score), found and margin >= ALONE_MARGIN
        return ranked, confident
    if margin >= LEAD_MARGIN:
        return _lead(ranked, top, score), not weak_short and (found or margin >= ALONE_MARGIN)
    if margin >= AGREE_MARGIN and score < CONFIDENT_SCORE:
        # weak keywords, a leaning classifier: its topic leads the buttons (never sure from this)
        return _lead(ranked, top, score), False
    return ranked, False


def _story_check(
    ranked: list[tuple[str, float]], opinion: Opinion, story: Opinion
) -> tuple[list[tuple[str, float]], bool]:
    """A long message answered sure from its question sentences, checked against the classifier's reading of the
    whole story: when the story clearly reads another question and the focused reading does not clearly back the
    answer (it barely leans to it, or leans elsewhere while the keywords found the story's topic too), the two
    disagree and neither is sure ("đi xuất khẩu lao động về nước … danh sách không có tên tôi. Có được bổ sung không?": the voter
    list, or the rule for citizens back from abroad): both are offered."""
    best, score = ranked[0]
    other = story.top
    if other is None or other in (VAGUE, best) or story.margin < LEAD_MARGIN:
        return ranked, True
    # sure of its reading: it holds if that is the answer, or if the keywords never saw the story's topic at all
    # (a repeated "nhà tôi ở xa trung tâm" is no question about temporary residence)
    if opinion.margin >= AGREE_MARGIN and (opinion.top == best or other not in dict(ranked)):
        return ranked, True
    return [ranked[0], (other, score)] + [(t, s) for t, s in ranked[1:] if t != other], False


def _opinion_alone(opinion: Opinion, n_words: int) -> tuple[list[tuple[str, float]], bool]:
    """When no keyword fired at all: the classifier's topics, sure only with a very clear margin and words enough
    to be sure of ("bao nhiêu", "được không" alone ask nothing yet, however sure the classifier)."""
    if opinion.top in (None, VAGUE):
        return [], False
    ranked = [(t, CLASSIFIER_ONLY_SCORE) for t, gap in opinion.ranking if t != VAGUE and -gap < LEAD_MARGIN]
    return ranked, opinion.margin >= ALONE_MARGIN and n_words >= ALONE_WORDS


def _lead(ranked: list[tuple[str, float]], topic: str, score: float) -> list[tuple[str, float]]:
    """``ranked`` with ``topic`` first (at the best keyword score, so that the scores stay ordered)."""
    return [(topic, score)] + [(t, s) for t, s in ranked if t != topic]


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
