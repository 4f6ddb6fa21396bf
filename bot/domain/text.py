"""Vietnamese text normalisation and small matching helpers (Telegram-free).

``normalize`` keeps diacritics in one canonical form; ``fold`` removes them. Both cut very long input first.
``prepare`` is the single entry point matchers use: it clips, normalises, folds and expands abbreviations once.

Tone placement: Vietnamese has two conventions for open syllables with the glides "oa", "oe", "uy"
("hòa/hoà", "hòe/hoè", "thủy/thuỷ"). We store the traditional form (tone on the first vowel: "hòa", "thủy"),
which is what most official documents and keyboards produce; the other form is converted to it.
Syllables with a final consonant ("hoàng", "thuyết") are written the same way in both conventions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

MAX_INPUT_CHARS = 1000

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

# Combining marks as they appear after NFD.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWEL_MODS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_VOWELS = frozenset("aeiouy")
# Longest first so "ngh" wins over "ng" and "n".
_INITIALS = (
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
)  # fmt: skip
_FINALS = frozenset(("", "c", "ch", "m", "n", "ng", "nh", "p", "t"))
# A syllable is at most 7 letters ("nghiêng"); anything longer is not a syllable, so skip the parse.
_MAX_SYLLABLE = 8


def _has_tone_char(word: str) -> bool:
    return any(ch in _TONED_CHARS for ch in word)


def _build_toned_chars() -> frozenset[str]:
    chars = set()
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        if any(m in _TONE_MARKS for m in unicodedata.normalize("NFD", ch)[1:]):
            chars.add(ch)
    return frozenset(chars)


_TONED_CHARS = _build_toned_chars()


@lru_cache(maxsize=65536)
def _canon_syllable(word: str) -> str:
    """Move the tone mark of one lower-case syllable to its canonical vowel; anything unparsable is returned as is."""
    if len(word) > _MAX_SYLLABLE or not _has_tone_char(word):
        return word
    bases: list[str] = []
    mods: list[str] = []
    tone = ""
    for ch in word:
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if not ("a" <= base <= "z" or base == "đ"):
            return word
        mod = ""
        for m in marks:
            if m in _TONE_MARKS:
                if tone:
                    return word  # two tone marks: not Vietnamese, leave it alone
                tone = m
            elif m in _VOWEL_MODS:
                mod += m
            else:
                return word
        bases.append(base)
        mods.append(mod)
    letters = "".join(bases)
    start = 0
    for ini in _INITIALS:
        if letters.startswith(ini):
            # "gi"/"qu" are consonants only when a vowel follows ("gì" has the vowel i, "già" has a).
            if ini in ("gi", "qu") and (len(letters) == 2 or letters[2] not in _VOWELS):
                if ini == "qu":
                    return word
                continue
            start = len(ini)
            break
    end = start
    while end < len(letters) and letters[end] in _VOWELS:
        end += 1
    if end == start or end - start > 3 or letters[end:] not in _FINALS:
        return word
    nucleus = range(start, end)
    modified = [i for i in nucleus if mods[i]]
    if len(nucleus) == 1:
        pos = start
    elif modified:
        pos = modified[-1]  # "ươ" -> ơ, "iê" -> ê, "ưu" -> ư
    elif letters[end:]:
        pos = end - 1  # closed syllable: "hoàng", "huỳnh"
    elif len(nucleus) == 3:
        pos = start + 1  # "hoài", "khuỷu", "ngoẹo"
    else:
        pos = start  # open two-vowel syllable, traditional style: "hòa", "thủy", "mùa", "núi"
    out = (b + m + (tone if i == pos else "") for i, (b, m) in enumerate(zip(bases, mods, strict=True)))
    return unicodedata.normalize("NFC", "".join(out))


def is_syllable(word: str) -> bool:
    """Whether a folded word is shaped like a Vietnamese syllable: initial consonant(s), one to three vowels, an
    allowed final ("yen", "cuu", "ngan" are; "gah", "phiu", "trj" are not, so they are likely typos)."""
    if not word.isascii() or not word.isalpha() or len(word) > _MAX_SYLLABLE:
        return False
    start = 0
    for ini in _INITIALS:
        if word.startswith(ini) and len(word) > len(ini):
            start = len(ini)
            break
    end = start
    while end < len(word) and word[end] in _VOWELS:
        end += 1
    if end == start or end - start > 3 or word[end:] not in _FINALS:
        return False
    return word[start:end] not in _BAD_NUCLEI


# vowel sequences that never form a Vietnamese nucleus
_BAD_NUCLEI = frozenset(("ae", "ea", "ei", "ou", "yi", "ii", "aa", "ee"))


def clip(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Cut ``text`` to a sane length before any matching."""
    return text[:limit]


_SENTENCE_END = re.compile(r"(?<=[.!?\n;])\s+")


def clip_message(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Cut a long message to ``limit`` characters without losing its question.

    Keeps the start (who is asking, where) and the end (where the question usually is); sentences in the cut-out
    middle that end in "?" are kept too, the last ones first, so a question in the middle of a long story survives.
    """
    if len(text) <= limit:
        return text
    head_len = limit * 3 // 10
    tail_len = limit - head_len
    head, middle, tail = text[:head_len], text[head_len:-tail_len], text[-tail_len:]
    questions = [s.strip() for s in _SENTENCE_END.split(middle) if "?" in s]
    kept: list[str] = []
    budget = tail_len // 2  # the end keeps at least half of its share
    for q in reversed(questions):
        if budget <= 0:
            break
        q = q[-budget:]
        kept.insert(0, q)
        budget -= len(q) + 1
    if kept:
        tail = text[-(tail_len - sum(len(q) + 1 for q in kept) - 1) :]
    return "\n".join([head, *kept, tail])


def words_as_typed(text: str) -> list[str]:
    """The words of ``text`` split as ``normalize`` splits them, case and tone placement as typed (NFC)."""
    text = unicodedata.normalize("NFC", clip(text)).replace("ð", "đ").replace("Ð", "Đ")
    return _NON_WORD.sub(" ", text).split()


def normalize(text: str) -> str:
    """NFC, lower case, canonical tone placement, punctuation/emoji to spaces, spaces collapsed (diacritics kept).
    A message typed in Telex with the Vietnamese keyboard off ("baauf cuwr mays giowf") is decoded to its words
    without diacritics ("bau cu may gio")."""
    # Icelandic eth looks like Đ and is what some keyboards produce for it.
    text = unicodedata.normalize("NFC", clip(text)).lower().replace("ð", "đ")
    words = _NON_WORD.sub(" ", text).split()
    if text.isascii():
        words = untelex(words)
    return " ".join(_dialect([_g_for_ng(_canon_syllable(w)) for w in words]))


# Telex, the common Vietnamese input method: a letter doubled or followed by "w" for the vowel marks, a key after the
# word for the tone. With the keyboard switched off, the keys stay in the text.
_TELEX_TONES = frozenset("sfrxj")
#: the vowel keys, without the marks they add (the matchers compare words without diacritics anyway)
_TELEX_VOWELS = (
    ("uow", "uo"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("aw", "a"),
    ("ow", "o"),
    ("uw", "u"),
    ("w", "u"),
)
#: English words that Telex would also decode ("is" -> "í", "how" -> "hơ"): a message with one is not Telex
_ENGLISH_WORDS = frozenset(
    "the is are am was this that these how what where when who why which can could do does did i you he she it we "
    "they my your to of in on at for and or not if vote voting voter election".split()
)


@lru_cache(maxsize=16384)
def _untelex_word(word: str) -> str | None:
    """The syllable, without diacritics, that a lower-case ASCII word typed in Telex stands for ("baauf" -> "bau",
    "ddc" -> "dc"), or None when the word is not one (a plain syllable such as "bau", a word that decodes to no
    syllable). Without diacritics: a Telex word is often typed loosely ("mays" for "mấy"), as words typed without
    any are."""
    if not word.isalpha() or is_syllable(word):
        return None
    keys = word[:-1] if len(word) > 1 and word[-1] in _TELEX_TONES else word
    plain = keys[1:] if keys.startswith("dd") else keys
    for typed, vowel in _TELEX_VOWELS:
        plain = plain.replace(typed, vowel)
    if plain == word:
        return None
    # "ddc" -> "dc": an abbreviation typed in Telex still counts
    return plain if is_syllable(plain) or (plain in ABBREVIATIONS and keys == word) else None


def untelex(words: list[str]) -> list[str]:
    """Lower-case ASCII words decoded from Telex when they read as a message typed that way: at least two words
    decode, at least half of them, and no common English word is among them ("is this how it works" stays)."""
    decoded = [_untelex_word(w) for w in words]
    hits = sum(d is not None for d in decoded)
    if hits < 2 or 2 * hits < len(words) or any(w in _ENGLISH_WORDS for w in words):
        return words
    return [d if d is not None else w for w, d in zip(words, decoded, strict=True)]


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        if stripped != ch:
            table[code] = stripped
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_FOLD_TABLE = _build_fold_table()


def _strip_marks(text: str) -> str:
    text = text.translate(_FOLD_TABLE)
    if text.isascii():
        return text
    # Rare: marks outside the Latin tables (Greek, Cyrillic, stray combining marks).
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def fold(text: str) -> str:
    """``normalize`` without diacritics: "Đồng Lạc" -> "dong lac"."""
    return _strip_marks(normalize(text))


def tokens(text: str) -> list[str]:
    """Folded words of ``text`` (no abbreviation expansion)."""
    return fold(text).split()


# Abbreviations as voters type them, keyed by the folded form. Ambiguous ones are left out on purpose:
# "bn" (bạn / bao nhiêu), "dk"/"đk" (được / đăng ký / điều kiện), "sn", "a"/"e" (also "à", "ạ", "é").
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "dbqh": "đại biểu quốc hội",
    "qh": "quốc hội",
    "mttq": "mặt trận tổ quốc",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "kv": "khu vực bỏ phiếu",
    "kvbp": "khu vực bỏ phiếu",
    "tbc": "tổ bầu cử",
    "bbc": "ban bầu cử",
    "ubbc": "ủy ban bầu cử",
    "hdbc": "hội đồng bầu cử",
    "hdbcqg": "hội đồng bầu cử quốc gia",
    "dvbc": "đơn vị bầu cử",
    "tdp": "tổ dân phố",
    "tt": "thị trấn",
    "tp": "thành phố",
    "tphcm": "thành phố hồ chí minh",
    "dc": "được",
    "ko": "không",
    "k": "không",
    "kh": "không",
    "khg": "không",
    "hok": "không",
    "hk": "không",
    "j": "gì",
    "bnh": "bao nhiêu",
    "nhiu": "nhiêu",  # "bao nhiu": a dropped vowel
    "ntn": "như thế nào",
    "cx": "cũng",
    "vs": "với",
    "ng": "người",
    "nhg": "những",
    "mk": "mình",
    "mik": "mình",
    "sdt": "số điện thoại",
    "tui": "tôi",  # Southern
}

# Generic words that voters glue to a number: "kv3", "so3", "tdp5", "thon2".
_NUMBERED_PREFIXES = frozenset(("kv", "kvbp", "so", "to", "tdp", "thon", "khu", "xom", "ap", "ban", "khom"))
_LETTERS_DIGITS = re.compile(r"([a-z]+)(\d+)")


def _split_numbered(token: str) -> list[str] | None:
    m = _LETTERS_DIGITS.fullmatch(token)
    if m and (m.group(1) in _NUMBERED_PREFIXES or m.group(1) in ABBREVIATIONS):
        return [m.group(1), m.group(2)]
    return None


# Central and Southern words for common question words, keyed by the word typed with its diacritics (typed without
# them they are other words: "hong" is also "hỏng", "mo" "mở"). Some only after the words given: "mô" is "đâu" in
# "ở mô", "chi" is "gì" in "làm chi" or at the end ("mang chi"), not in "chi tiết".
#: where a dialect word must stand to be read so: after one of the words given (None: anywhere), and
#: ``END_TOO`` (or else at the end of the question: "mang theo chi rứa") or ``END_ALSO`` (and at the end: "bầu được
#: hôn", never "có hôn nhân")
END_TOO, END_ALSO = "or at the end", "and at the end"
DIALECT: dict[str, tuple[tuple[str, frozenset[str] | None, str | None], ...]] = {
    "hông": (("không", None, None),),
    "hổng": (("không", None, None),),
    "hôn": (("không", frozenset(("được", "đc", "có", "phải", "đúng", "rồi", "nữa", "bầu")), END_ALSO),),
    "dzậy": (("vậy", None, None),),
    "zậy": (("vậy", None, None),),
    "dzị": (("vậy", None, None),),
    "rứa": (("thế", None, None),),
    "hỉ": (("nhỉ", None, None),),  # Central "nhỉ" (not the greeting "hi" once folded)
    "răng": (("sao", None, None),),
    "mô": (
        ("đâu", frozenset(("ở", "chỗ", "nơi", "đi", "về", "tới", "đến", "bầu", "phiếu")), None),
        ("nào", frozenset(("ngày", "hôm", "bữa", "lúc", "khi", "giờ", "người", "cái", "số")), None),
    ),
    "ni": (("này", frozenset(("năm", "đợt", "lần", "chỗ", "cái", "bữa", "hôm", "như")), None),),
    "tê": (("kia", frozenset(("bên", "chỗ", "cái", "người")), None),),
    "chi": (("gì", frozenset(("làm", "cần", "mang", "đem", "giấy", "hỏi")), END_TOO),),
}
#: the end of a question: the last word, or the particles that close it ("cần chi hè")
_DIALECT_END = frozenset(("rứa", "hè", "hỉ", "nờ", "ạ", "à", "hả", "không", "hông", "vậy", "dzậy", "nhỉ"))


def _dialect(words: Sequence[str]) -> list[str]:
    """``words`` (normalised: lower case, no punctuation) with the dialect's question words spelled as meant."""
    out = list(words)
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        at_end = i > 0 and (i == len(words) - 1 or words[i + 1] in _DIALECT_END)
        for plain, after, end in DIALECT.get(word, ()):
            placed = after is None or before in after
            if (placed and at_end) if end == END_ALSO else (placed or (end == END_TOO and at_end)):
                out[i] = plain
                break
    return out


_VIETNAMESE_INITIALS = ("tr", "ch", "kh", "nh", "ng", "ph", "th", "gi", "qu", "đ")


def _g_for_ng(word: str) -> str:
    """A final "g" typed for "ng" ("chồg", "trog", "khôg"): the syllable meant. Only for words with diacritics or a
    Vietnamese initial, so that English words ("big", "dog") stay."""
    plain = _strip_marks(word)
    if (
        len(plain) < 3
        or not plain.endswith("g")
        or plain[-2] not in _VOWELS
        or is_syllable(plain)
        or not is_syllable(plain[:-1] + "ng")
        or (plain == word and not word.startswith(_VIETNAMESE_INITIALS))
    ):
        return word
    return word[:-1] + "ng"


def _expand_pairs(words: Iterable[str]) -> list[tuple[str, str]]:
    """(folded, accented) token pairs with abbreviations expanded; ``words`` are normalised words."""
    out: list[tuple[str, str]] = []
    for word in words:
        folded = _strip_marks(word)
        parts = _split_numbered(folded)
        pieces = [(p, p) for p in parts] if parts else [(folded, word)]
        for f, accented in pieces:
            expansion = ABBREVIATIONS.get(f)
            # "đc" and "dc" both mean "được"; a word typed with other diacritics ("kể") is a real word.
            if expansion is not None and (accented == f or accented.replace("đ", "d") == f):
                out.extend(zip(_strip_marks(expansion).split(), expansion.split(), strict=True))
            else:
                out.append((f, accented))
    return out


def expand_abbreviations(words: str | Sequence[str]) -> list[str]:
    """Folded tokens with common abbreviations expanded: "ubnd xa" -> ["uy", "ban", "nhan", "dan", "xa"]."""
    if isinstance(words, str):
        words = normalize(words).split()
    else:
        words = [w for word in words for w in normalize(word).split()]
    return [f for f, _ in _expand_pairs(words)]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One message, prepared once for every matcher."""

    original: str  # clipped input as typed
    normalized: str  # canonical lower case with diacritics
    folded: str  # without diacritics
    tokens: tuple[str, ...]  # folded, abbreviations expanded
    accented: tuple[str, ...]  # same length as ``tokens``: the word with its diacritics (expansions accented too)

    @property
    def text(self) -> str:
        """Expanded folded tokens joined by spaces."""
        return " ".join(self.tokens)


def prepare(text: str) -> Prepared:
    """Clip, normalise, fold and expand abbreviations: the single entry point for matchers."""
    original = clip(text)
    normalized = normalize(original)
    pairs = _expand_pairs(normalized.split())
    return Prepared(
        original=original,
        normalized=normalized,
        folded=_strip_marks(normalized),
        tokens=tuple(f for f, _ in pairs),
        accented=tuple(a for _, a in pairs),
    )


def similar(a: str, b: str) -> float:
    """Typo-tolerant similarity 0..100 of two strings after folding; word order does not matter."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    return max(fuzz.ratio(fa, fb), fuzz.token_sort_ratio(fa, fb))


def contains_phrase(prepared: Prepared, phrase: str) -> bool:
    """Whether the folded ``phrase`` occurs in ``prepared`` on word boundaries (abbreviations count either way)."""
    raw = fold(phrase)
    if not raw:
        return False
    expanded = " ".join(expand_abbreviations(phrase))
    return f" {raw} " in f" {prepared.folded} " or f" {expanded} " in f" {prepared.text} "
