"""Fast fuzzy search of Vietnamese place names (hamlets, communes, districts, provinces, polling areas).

Design, in short:

* Names are folded and stripped of generic prefix words ("thôn", "xã", "khu vực bỏ phiếu số"). Entries with the same
  kind and the same accented core name form one *group*, so the national list (many "Thôn 1", "Đông Hòa") is scored
  once per group, not once per entry.
* Candidates come from inverted indexes over core-name token bigrams (selective even at national scale), single-token
  names, and, only when nothing good was found, single tokens. Query tokens with one typo reach the right vocabulary
  token through a delete-one neighbourhood (SymSpell style) over the small token vocabulary.
* Scoring aligns the name against the query tokens (a name can sit anywhere in a sentence), then adds bonuses:
  diacritics typed the same way, enclosing units named elsewhere in the query (context), a fitting generic prefix.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from bot.domain.text import fold, is_syllable, normalize, prepare

KINDS = ("hamlet", "commune", "district", "province", "area")

# Generic words in front of a name, per kind (folded). A phrase in _AMBIGUOUS is also a real name part ("Bản Thi",
# "Làng Mới"), so it is stripped from a name only when two or more words, or a number, remain.
_PREFIXES: dict[str, tuple[str, ...]] = {
    "hamlet": (
        "to dan pho", "khu pho", "tieu khu", "thon", "ban", "buon", "lang", "ap", "xom", "khom", "soc", "to",
        "khu", "khoi", "plei", "bon", "cum", "so",
    ),
    "commune": ("thi tran", "dac khu", "xa", "phuong"),
    "district": ("thi xa", "thanh pho", "huyen", "quan"),
    "province": ("thanh pho", "tinh"),
    "area": ("khu vuc bo phieu", "khu vuc", "diem bo phieu", "so"),
}  # fmt: skip
_AMBIGUOUS = frozenset(("ban", "lang", "to", "khu", "khoi", "bon", "cum", "soc", "plei"))
_PREFIX_KINDS: dict[str, frozenset[str]] = {}
for _kind, _phrases in _PREFIXES.items():
    for _phrase in _phrases:
        _PREFIX_KINDS[_phrase] = _PREFIX_KINDS.get(_phrase, frozenset()) | {_kind}
_CONTEXT_PREFIXES = tuple(sorted({p for k in ("commune", "district", "province") for p in _PREFIXES[k]}, key=len))
_MAX_PREFIX_WORDS = max(len(p.split()) for p in _PREFIX_KINDS)

# Score parts; the maximum adds up to 100.
_BASE = 85.0
_DIA_MATCH, _DIA_MISMATCH = 3.0, 5.0
_CTX_LEVEL = (6.0, 2.0, 1.0)  # commune, district, province (most specific first)
_CTX_MAX = 9.0
_PREFIX_FIT, _PREFIX_CLASH = 2.0, 3.0
_FULL_NAME = 1.0  # the whole display name was typed: its own prefix ("Thôn" in "Thôn Đông Hòa"), or it has none
_TYPO = 6.0  # per word with one typo, so one typo in a name still reads as a confident answer and two do not
_TYPO_SHORT = 7.5  # a typo in a 3-letter word often makes another real word
_DOMINATED = 10.0  # a match inside a longer, about as good match ("Nà Tiềm" inside "Nà Tiềm Trên")
_DOMINANCE_SLACK = 8.0  # the longer match may cost about one typo more and still win
_USED_AS_CONTEXT = 8.0  # "xã Đại Sảo" in "thôn Nà Tiềm xã Đại Sảo" names where the hamlet is, not the answer
_BARE_NUMBER = (
    15.0  # "đơn vị 7" in a sentence is no "khu vực bỏ phiếu số 7": a number names a place only after its word
)
MIN_SCORE = 40.0
CONFIDENT_SCORE = 75.0
CONFIDENT_MARGIN = 5.0

_LARGE_GROUP = 32  # groups bigger than this get a per-context lookup instead of a scan
_UNIGRAM_CAP = 3000  # in the fallback, skip tokens in more groups than this (they say nothing) ...
_UNIGRAM_SHARE = 20  # ... or in more than 1/20 of all groups: among people's names "thị", "văn", "nguyễn"
_UNIGRAM_FLOOR = 200  # (but never below this, so small indexes behave as before)
_MAX_CANDIDATES = 6000
_MAX_VARIANTS = 12


@dataclass(frozen=True)
class PlaceEntry:
    """One searchable place; ``context`` names the enclosing units, most specific first."""

    key: str
    name: str
    kind: str
    context: tuple[str, ...] = ()
    weight: float = 1.0
    #: found only when typed exactly, after its kind word ("huyện Ba Bể") or alone: the units of the province that
    #: have no polling area loaded, whose names in a sentence are more often other words ("đi chợ mới về")
    strict: bool = False


@dataclass(frozen=True)
class PlaceMatch:
    """A scored hit; ``exact`` means every word of the name matched exactly after folding."""

    entry: PlaceEntry
    score: float
    exact: bool


@dataclass(frozen=True)
class Resolution:
    """The outcome of a lookup: ``confident`` only when one answer clearly wins (never present a guess as fact)."""

    best: PlaceMatch | None
    candidates: list[PlaceMatch] = field(default_factory=list)
    confident: bool = False


def _num(token: str) -> str:
    # "03" and "3" are the same polling area number.
    return (token.lstrip("0") or "0") if token.isdigit() else token


def _strip_prefix(words: list[str], phrases: Iterable[str]) -> list[str]:
    """Remove generic prefix phrases from the front of ``words`` while a name remains."""
    ordered = sorted(phrases, key=lambda p: -len(p.split()))
    for round_ in range(3):
        for phrase in ordered:
            # After one generic prefix only a number word may follow ("tổ dân phố số 5"): in "Xã Phương Viên"
            # the second word is part of the name, not the prefix "phường".
            if round_ and phrase != "so":
                continue
            pw = phrase.split()
            if words[: len(pw)] != pw:
                continue
            rest = words[len(pw) :]
            numeric = len(rest) == 1 and rest[0].isdigit()
            if not rest or (phrase == "so" and not rest[0].isdigit()):
                continue
            if phrase in _AMBIGUOUS and len(rest) < 2 and not numeric:
                continue
            words = rest
            break
        else:
            break
    return words


def without_kind_words(words: list[str]) -> list[str]:
    """A place name's folded words without the generic words in front, as the index reads them ("xa ban thi" →
    "ban thi", "thi tran bang lung" → "bang lung"); a name that is nothing but such words stays whole."""
    return _strip_prefix(words, _PREFIX_KINDS)


def _context_core(name: str) -> list[str]:
    """An enclosing unit's name without its generic word ("Xã Đồng Lạc" -> "dong lac"), but "Phương Viên" stays
    whole: its first word only looks like "phường", and "viên" alone would match every "ứng viên"."""
    words = fold(name).split()
    core = _strip_prefix(words, _CONTEXT_PREFIXES)
    return core if len(core) >= 2 or (core and core[0].isdigit()) else words


def _inside(span: tuple[int, int], outer: Iterable[tuple[int, int]]) -> bool:
    return any(lo <= span[0] and span[1] <= hi for lo, hi in outer)


#: initial consonants often written for one another (Northern pronunciation); "l"/"n" left out: too many names
#: differ only there ("Nà Làng", "Là Nàng")
_SOUND_ALIKE = (("tr", "ch"), ("ch", "tr"), ("s", "x"), ("x", "s"), ("gi", "d"), ("d", "gi"), ("r", "d"), ("d", "r"))
#: the two tones most often confused in writing (hỏi and ngã: "Bằng Lảng" for Bằng Lãng)
_HOI_NGA = str.maketrans("ảẳẩẻểỉỏổởủửỷ", "ãẵẫẽễĩõỗỡũữỹ")


def _sound_alike(tok: str) -> list[str]:
    return [b + tok[len(a) :] for a, b in _SOUND_ALIKE if tok.startswith(a) and len(tok) > len(a)]


def _marks(word: str) -> str:
    """The letters of a word that carry diacritics ("vằng" → "ằ")."""
    return "".join(ch for ch in word if not ch.isascii())


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


@dataclass(slots=True)
class _Scored:
    gid: int
    raw: float
    exact: bool
    span: tuple[int, int]


class PlaceIndex:
    """In-memory index of place names; build once, query many times (read-only, thread-safe for reads)."""

    def __init__(self, entries: Iterable[PlaceEntry]) -> None:
        self._entries: list[PlaceEntry] = []
        self._entry_ctx: list[int] = []
        self._g_core: list[tuple[str, ...]] = []
        self._g_accent: list[tuple[str, ...]] = []
        self._g_kind: list[str] = []
        self._g_prefix: list[tuple[str, ...]] = []
        self._g_entries: list[list[int]] = []
        self._ctx_names: dict[str, list[tuple[int, int]]] = {}
        name_cache: dict[tuple[str, str], int] = {}
        group_ids: dict[tuple[str, tuple[str, ...], tuple[str, ...]], int] = {}
        raw_ctx: dict[tuple[str, ...], int] = {}
        folded_ctx: dict[tuple[str, ...], int] = {}

        for eid, entry in enumerate(entries):
            self._entries.append(entry)
            gid = name_cache.get((entry.kind, entry.name))
            if gid is None:
                accent = [_num(w) for w in normalize(entry.name).split()]
                folded = [_num(w) for w in fold(entry.name).split()]
                core_f = _strip_prefix(folded, _PREFIXES.get(entry.kind, ()))
                cut = len(folded) - len(core_f)
                core_a = tuple(accent[cut:])
                gkey = (entry.kind, tuple(folded[:cut]), core_a)
                gid = group_ids.get(gkey)
                if gid is None:
                    gid = group_ids[gkey] = len(self._g_core)
                    self._g_core.append(tuple(core_f))
                    self._g_accent.append(core_a)
                    self._g_kind.append(entry.kind)
                    self._g_prefix.append(gkey[1])
                    self._g_entries.append([])
                name_cache[(entry.kind, entry.name)] = gid
            self._g_entries[gid].append(eid)
            cid = raw_ctx.get(entry.context)
            if cid is None:
                names = tuple(" ".join(_context_core(c)) for c in entry.context)
                cid = folded_ctx.get(names)
                if cid is None:
                    cid = folded_ctx[names] = len(folded_ctx)
                    for level, name in enumerate(names):
                        if name:
                            self._ctx_names.setdefault(name, []).append((cid, level))
                raw_ctx[entry.context] = cid
            self._entry_ctx.append(cid)
        self._ctx_max_words = max((len(n.split()) for n in self._ctx_names), default=0)
        # A word shared by a large share of the names tells nothing about which one is meant, and scanning its
        # groups cost ~3 ms per question on the 4,000 candidates of the quick benchmark (~14 ms for a sentence of
        # common name syllables), tens of ms at national scale, on the event loop, for every free-text question.
        self._unigram_cap = min(_UNIGRAM_CAP, max(_UNIGRAM_FLOOR, len(self._g_core) // _UNIGRAM_SHARE))

        # Deterministic order inside a group: heavier first, then by key.
        self._g_ctx: dict[int, dict[int, list[int]]] = {}
        for gid, members in enumerate(self._g_entries):
            if len(members) > 1:
                members.sort(key=lambda e: (-self._entries[e].weight, self._entries[e].key, e))
            if len(members) > _LARGE_GROUP:
                by_ctx: dict[int, list[int]] = {}
                for e in members:
                    by_ctx.setdefault(self._entry_ctx[e], []).append(e)
                self._g_ctx[gid] = by_ctx

        self._bigrams: dict[str, list[int]] = {}
        self._unigrams: dict[str, list[int]] = {}
        self._singles: dict[str, list[int]] = {}
        for gid, core in enumerate(self._g_core):
            if len(core) == 1:
                self._singles.setdefault(core[0], []).append(gid)
            for tok in dict.fromkeys(core):
                self._unigrams.setdefault(tok, []).append(gid)
            for pair in dict.fromkeys(f"{a} {b}" for a, b in itertools.pairwise(core)):
                self._bigrams.setdefault(pair, []).append(gid)
        self._delete_map: dict[str, list[str]] = {}
        for tok in self._unigrams:
            if len(tok) >= 3 and tok.isalpha():
                for d in _deletes(tok):
                    self._delete_map.setdefault(d, []).append(tok)
        self._variant_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    # -- query side -------------------------------------------------------------------------------------------

    def _variants(self, tok: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary tokens ``tok`` may stand for, with a similarity (1.0 exact, less for one typo)."""
        cached = self._variant_cache.get(tok)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if tok in self._unigrams:
            found[tok] = 1.0
        # Short words are often real words ("na", "ba"), so a 2-letter token gets typo variants only when unknown.
        if tok.isalpha() and (len(tok) >= 3 or (len(tok) == 2 and not found)):
            near: set[str] = set(self._delete_map.get(tok, ()))
            for d in _deletes(tok):
                if d in self._unigrams and len(d) >= 3:
                    near.add(d)
                near.update(self._delete_map.get(d, ()))
            near.discard(tok)
            for cand in near:
                if len(cand) >= 3 and OSA.distance(tok, cand, score_cutoff=1) <= 1:
                    # The similarity only orders variants; the score charges a flat cost per typo.
                    found[cand] = 1.0 - 1.0 / (2 * max(len(tok), len(cand)))
            # initials that sound alike in the North ("Bình Chung" for Bình Trung, "Xuân" typed "Suân"): one typo
            for cand in _sound_alike(tok):
                if cand in self._unigrams and cand not in found:
                    found[cand] = 1.0 - 1.0 / (2 * max(len(tok), len(cand)))
        result = tuple(sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:_MAX_VARIANTS])
        if len(self._variant_cache) > 200_000:
            self._variant_cache.clear()  # bound memory under adversarial queries
        self._variant_cache[tok] = result
        return result

    def _query_tokens(self, query: str) -> tuple[list[str], list[str]]:
        """Folded and accented query tokens; numbers without leading zeros, glued words split ("natiem")."""
        prep = prepare(query)
        folded: list[str] = []
        accented: list[str] = []
        for tok, acc in zip(prep.tokens, prep.accented, strict=True):
            tok = _num(tok)
            if "j" in tok and len(tok) >= 2 and tok.replace("j", "i") in self._unigrams:
                tok, acc = tok.replace("j", "i"), acc.replace("j", "i")  # chat spelling ("Bản Thj"); no name has a j
            if len(tok) >= 4 and tok.isalpha() and not self._variants(tok):
                splits = [
                    (tok[:k], tok[k:])
                    for k in range(1, len(tok))
                    if tok[:k] in self._unigrams and tok[k:] in self._unigrams
                ]
                if splits:
                    a, b = max(splits, key=lambda ab: (min(len(ab[0]), len(ab[1])), ab))
                    folded += [a, b]
                    accented += [a, b]
                    continue
            folded.append(tok)
            accented.append(acc if not tok.isdigit() else tok)
        return _english_words(folded, accented)

    def _context_hits(self, q: list[str]) -> dict[int, list[tuple[int, int, int]]]:
        """The enclosing units named in the query, by position; a name with one typo in one of its longer words
        counts too ("thôn Nà Hin xã Bình Trunng": the Nà Hin of Bình Trung)."""
        hits: dict[int, list[tuple[int, int, int]]] = {}
        for n in range(1, self._ctx_max_words + 1):
            for i in range(len(q) - n + 1):
                gram = q[i : i + n]
                found = self._ctx_names.get(" ".join(gram), ())
                if not found and n > 1:
                    found = tuple(
                        hit
                        for j, tok in enumerate(gram)
                        for v in (
                            [v for v, _sim in self._variants(tok) if v != tok] if len(tok) >= 4 else _sound_alike(tok)
                        )
                        for hit in self._ctx_names.get(" ".join([*gram[:j], v, *gram[j + 1 :]]), ())
                    )
                for cid, level in dict.fromkeys(found):
                    hits.setdefault(cid, []).append((i, i + n - 1, level))
        return hits

    def _prefix_kinds(self, q: list[str]) -> list[frozenset[str]]:
        """For each position, the kinds whose generic prefix ends right before it."""
        out: list[frozenset[str]] = []
        for i in range(len(q) + 1):
            kinds: frozenset[str] = frozenset()
            for n in range(1, min(_MAX_PREFIX_WORDS, i) + 1):
                kinds |= _PREFIX_KINDS.get(" ".join(q[i - n : i]), frozenset())
            if i >= 2 and q[i - 1] == "so":
                # "số" after a kind's word belongs to that kind: "khu vực bỏ phiếu số 6" is no "Tổ 6", "tổ số 6"
                # no polling area
                before: frozenset[str] = frozenset()
                for n in range(1, min(_MAX_PREFIX_WORDS, i - 1) + 1):
                    before |= _PREFIX_KINDS.get(" ".join(q[i - 1 - n : i - 1]), frozenset())
                kinds = before or kinds
            out.append(kinds)
        return out

    def _score(
        self,
        gid: int,
        start: int,
        q: list[str],
        acc: list[str],
        variants: list[dict[str, float]],
        prefix_kinds: list[frozenset[str]],
        typed_marks: bool,
    ) -> _Scored | None:
        core = self._g_core[gid]
        accent = self._g_accent[gid]
        total = 0.0
        plus = minus = 0
        typo_cost = 0.0
        exact = True
        other_marks = False
        first = last = -1
        for k, c in enumerate(core):
            qi = start + k
            if not 0 <= qi < len(q):
                exact = False
                continue
            t = q[qi]
            if t == c:
                sim = 1.0
                if typed_marks:  # reward agreement, punish disagreement
                    if acc[qi] == accent[k]:
                        plus += 1
                    elif acc[qi].translate(_HOI_NGA) != accent[k].translate(_HOI_NGA):
                        minus += 1
                        other_marks = other_marks or acc[qi] != t  # this word typed with other diacritics
                    # else hỏi for ngã or the reverse: a spelling slip, neither agreement nor another word
            else:
                exact = False
                sim = variants[qi].get(c, 0.0)
                if sim:
                    typo_cost += _TYPO if len(c) > 3 else _TYPO_SHORT
                    sim = 1.0
                    if typed_marks and acc[qi] != t:
                        # a word read through a typo keeps the diacritics typed: "Vằng" is Vằn more than Làng
                        if _marks(acc[qi]) == _marks(accent[k]):
                            plus += 1
                        else:
                            minus += 1
                elif len(t) >= 3 and len(c) >= 3 and t.isalpha():
                    # Two typos in one word: partial credit, enough to rank but never to be confident.
                    r = OSA.normalized_similarity(t, c)
                    sim = r - 0.25 if r > 0.5 else 0.0
            if sim:
                total += sim
                if first < 0:
                    first = qi
                last = qi
        if first < 0:
            return None
        if typed_marks and typo_cost and not plus:
            # read through a typo, and no word typed with the name's own diacritics: the voter typed other words
            # ("chỗ tôi bầu thì …" is no "Bản Thi")
            return None
        n = len(core)
        raw = _BASE * total / n + (_DIA_MATCH * plus - _DIA_MISMATCH * minus) / n - typo_cost
        before = prefix_kinds[first]
        if before:
            raw += _PREFIX_FIT if self._g_kind[gid] in before else -_PREFIX_CLASH
        if len(q) > 1 and all(c.isdigit() for c in core) and self._g_kind[gid] not in before:
            raw -= _BARE_NUMBER
        own = self._g_prefix[gid]
        if (not own and not before) or (own and first >= len(own) and tuple(q[first - len(own) : first]) == own):
            raw += _FULL_NAME
        # a word typed with other diacritics than the name's is no exact hit ("bàn tán" is not "Bản Tàn")
        return _Scored(gid, raw, exact and not other_marks, (first, last))

    @staticmethod
    def _ctx_bonus(hits: list[tuple[int, int, int]], span: tuple[int, int]) -> tuple[float, list[tuple[int, int]]]:
        best: dict[int, float] = {}
        spans: list[tuple[int, int]] = []
        for lo, hi, level in hits:
            if hi < span[0] or lo > span[1]:  # words used for the name itself do not count as context
                best[level] = _CTX_LEVEL[min(level, len(_CTX_LEVEL) - 1)]
                spans.append((lo, hi))
        return min(_CTX_MAX, sum(best.values())), spans

    def search(self, query: str, limit: int = 5, kinds: Collection[str] | None = None) -> list[PlaceMatch]:
        """Best matches for ``query`` (a name or a sentence containing one), best first, at most ``limit``."""
        if limit <= 0:
            return []
        q, acc = self._query_tokens(query)
        if not q:
            return []
        kind_ok = None if kinds is None else frozenset(kinds)
        var_lists = [self._variants(t) for t in q]
        variants = [dict(v) for v in var_lists]
        prefix_kinds = self._prefix_kinds(q)
        # Diacritics say something only if the voter types them at all ("Hoa Tín" then means not "Hòa Tín").
        typed_marks = any(a != t for a, t in zip(acc, q, strict=True))
        scored: dict[tuple[int, int], _Scored | None] = {}

        def consider(gid: int, start: int) -> None:
            if (gid, start) in scored or (kind_ok is not None and self._g_kind[gid] not in kind_ok):
                return
            scored[(gid, start)] = self._score(gid, start, q, acc, variants, prefix_kinds, typed_marks)

        for i in range(len(q) - 1):
            for a, _ in var_lists[i]:
                for b, _ in var_lists[i + 1]:
                    for gid in self._bigrams.get(f"{a} {b}", ()):
                        core = self._g_core[gid]
                        j = next(j for j in range(len(core) - 1) if core[j] == a and core[j + 1] == b)
                        consider(gid, i - j)
        for i, vs in enumerate(var_lists):
            for a, _ in vs:
                for gid in self._singles.get(a, ()):
                    consider(gid, i)

        good = [s for s in scored.values() if s is not None]
        if not any(s.raw >= 0.75 * _BASE for s in good):
            # Nothing covers a whole name: look for names sharing a single (informative) word with the query.
            order = sorted(range(len(q)), key=lambda i: (len(self._unigrams.get(q[i], ())), i))
            for i in order:
                # One word of a name, read through a typo, is too weak a clue when the word typed is a word itself (a
                # word of the names, or any well-formed syllable: "danh sách ứng cử viên" is not "Đinh", "Hùng"...)
                word = q[i] in self._unigrams or is_syllable(q[i])
                for a, sim in var_lists[i]:
                    if sim < 1.0 and (len(a) < 4 or word):
                        continue
                    gids = self._unigrams.get(a, ())
                    if len(gids) > self._unigram_cap:
                        continue
                    for gid in gids:
                        core = self._g_core[gid]
                        for j, c in enumerate(core):
                            if c == a:
                                consider(gid, i - j)
                if len(scored) > _MAX_CANDIDATES:
                    break
            good = [s for s in scored.values() if s is not None]

        # Keep the best alignment per group, then demote matches strictly inside a longer, about as good one.
        per_group: dict[int, _Scored] = {}
        for s in good:
            cur = per_group.get(s.gid)
            if cur is None or (s.raw, -s.span[0]) > (cur.raw, -cur.span[0]):
                per_group[s.gid] = s
        span_best: dict[tuple[int, int], float] = {}
        for s in per_group.values():
            span_best[s.span] = max(span_best.get(s.span, -1.0), s.raw)
        dominated = [
            s
            for s in per_group.values()
            if any(
                lo <= s.span[0] and s.span[1] <= hi and (lo, hi) != s.span and best + _DOMINANCE_SLACK >= s.raw
                for (lo, hi), best in span_best.items()
            )
        ]
        for s in dominated:
            s.raw -= _DOMINATED

        ctx_hits = self._context_hits(q)
        hit_spans = {(lo, hi) for hits in ctx_hits.values() for lo, hi, _ in hits}
        # Everything scoring below the (limit+1)-th certain result can be skipped; "certain" excludes groups
        # that the used-as-context rule might still demote.
        floor = MIN_SCORE
        certain = 0
        for s in sorted(per_group.values(), key=lambda s: -s.raw):
            if s.raw < floor:
                break
            if not _inside(s.span, hit_spans):
                certain += len(self._g_entries[s.gid])
                if certain > limit:
                    floor = s.raw
                    break
        # context span -> (total, name span) of the strong matches that used it as context
        used_spans: dict[tuple[int, int], dict[tuple[int, int], float]] = {}
        # (raw, weight, key, entry id, exact, name span, context spans used)
        results: list[tuple[float, float, str, int, bool, tuple[int, int], tuple[tuple[int, int], ...]]] = []
        for s in per_group.values():
            if s.raw + _CTX_MAX < floor:
                continue
            members = self._g_entries[s.gid]
            by_ctx = self._g_ctx.get(s.gid)
            pool = members if by_ctx is None else [e for cid in ctx_hits for e in by_ctx.get(cid, ())]
            boosted: set[int] = set()
            # Only a strong name match may claim other words of the query as its context.
            strong = s.raw >= 0.75 * _BASE
            # a strict entry only typed exactly, after its kind word or alone
            plain = s.exact and (
                self._g_kind[s.gid] in prefix_kinds[s.span[0]] or len(q) <= len(self._g_core[s.gid]) + 1
            )
            for e in pool:
                if self._entries[e].strict and not plain:
                    continue
                hits = ctx_hits.get(self._entry_ctx[e])
                bonus = 0.0
                spans: list[tuple[int, int]] = []
                if hits:
                    bonus, spans = self._ctx_bonus(hits, s.span)
                    if strong:
                        for span in spans:
                            users = used_spans.setdefault(span, {})
                            users[s.span] = max(users.get(s.span, 0.0), s.raw + bonus)
                if (bonus or by_ctx is None) and s.raw + bonus >= floor:
                    entry = self._entries[e]
                    results.append((s.raw + bonus, entry.weight, entry.key, e, s.exact, s.span, tuple(spans)))
                    boosted.add(e)
            if by_ctx is not None and s.raw >= floor:
                added = 0
                for e in members:
                    if added > limit:
                        break
                    if e not in boosted and (plain or not self._entries[e].strict):
                        entry = self._entries[e]
                        results.append((s.raw, entry.weight, entry.key, e, s.exact, s.span, ()))
                        added += 1
        if used_spans:
            # Demote a match whose words an about as good match used as context ("xã Đại Sảo" after "thôn Nà
            # Tiềm"), unless it used that match's words in turn: two such readings stay and the caller asks. The
            # user may have one typo more ("bản đămm xã Bằng Lãng"): the commune typed to say where the hamlet is
            # still is not the answer, so it goes below the hamlet by a clear margin.
            def demoted(r: tuple) -> float | None:
                users = [
                    total
                    for (lo, hi), found in used_spans.items()
                    if lo <= r[5][0] and r[5][1] <= hi
                    for user, total in found.items()
                    if total + _DOMINANCE_SLACK >= r[0] and not _inside(user, r[6])
                ]
                if not users:
                    return None
                return min(r[0] - _USED_AS_CONTEXT, max(users) - CONFIDENT_MARGIN - 1.0)

            results = [r if (d := demoted(r)) is None else (d, *r[1:]) for r in results]
        results = [r for r in results if r[0] >= MIN_SCORE]
        results.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
        return [
            PlaceMatch(self._entries[e], round(max(0.0, min(100.0, raw)), 2), exact)
            for raw, _, _, e, exact, _, _ in results[:limit]
        ]

    def resolve(self, query: str, limit: int = 5, kinds: Collection[str] | None = None) -> Resolution:
        """Search and decide whether one match clearly wins (high score and a clear margin, or the only exact one)."""
        matches = self.search(query, limit=max(limit, 2), kinds=kinds)
        if not matches:
            return Resolution(best=None, candidates=[], confident=False)
        best = matches[0]
        # names of the same place do not compete ("thôn Nà Cà … thôn Nà Hon": two hamlets of one polling area)
        others = [m for m in matches[1:] if m.entry.key != best.entry.key]
        second = others[0] if others else None
        confident = best.score >= CONFIDENT_SCORE and (
            second is None
            or best.score - second.score >= CONFIDENT_MARGIN
            or (best.exact and not any(m.exact for m in others) and best.score > second.score)
        )
        if not confident and second is not None:
            third = others[1] if len(others) > 1 else None
            outer = _namesake_outer(best, second)
            if outer is not None and (third is None or best.score - third.score >= CONFIDENT_MARGIN):
                # a city named after its province ("Bắc Kạn"): its own word typed ("thành phố", "tỉnh") decides,
                # else the larger unit is meant
                best = best if best.score > second.score else outer
                confident = best.score >= CONFIDENT_SCORE
        return Resolution(best=best, candidates=matches[:limit], confident=confident)


_UNIT_KINDS = frozenset(("commune", "district", "province"))


def _namesake_outer(a: PlaceMatch, b: PlaceMatch) -> PlaceMatch | None:
    """Of two units with the same name, one inside the other, the outer one (else None)."""
    if a.entry.kind not in _UNIT_KINDS or b.entry.kind not in _UNIT_KINDS:
        return None
    core = _context_core(a.entry.name)
    if core != _context_core(b.entry.name):
        return None
    if any(_context_core(c) == core for c in b.entry.context):
        return a
    if any(_context_core(c) == core for c in a.entry.context):
        return b
    return None


#: English words for a kind of place that name it in Vietnamese ("street group 4" is "Tổ 4", "polling area no. 1"
#: is "khu vực bỏ phiếu số 1")
_ENGLISH_KIND_WORDS: dict[tuple[str, ...], str] = {
    ("street", "group"): "tổ",
    ("residential", "group"): "tổ",
    ("polling", "area"): "khu vực bỏ phiếu",
    ("polling", "station"): "khu vực bỏ phiếu",
}
_ENGLISH_NUMBER_WORDS = frozenset(("no", "number", "nr"))


def _english_words(folded: list[str], accented: list[str]) -> tuple[list[str], list[str]]:
    out_f: list[str] = []
    out_a: list[str] = []
    i = 0
    while i < len(folded):
        swap = _ENGLISH_KIND_WORDS.get(tuple(folded[i : i + 2]))
        if swap is not None:
            out_f += fold(swap).split()
            out_a += swap.split()
            i += 2
            continue
        if folded[i] in _ENGLISH_NUMBER_WORDS and i + 1 < len(folded) and folded[i + 1].isdigit():
            out_f.append("so")  # "no. 1": "số 1"
            out_a.append("số")
            i += 1
            continue
        out_f.append(folded[i])
        out_a.append(accented[i])
        i += 1
    return out_f, out_a
