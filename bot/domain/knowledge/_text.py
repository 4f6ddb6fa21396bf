"""Private text preparation for the question matcher, built on ``bot.domain.text.fold``.

Folding removes diacritics, so NFD input and old/new tone placement ("hoà"/"hòa", "thuỷ"/"thủy") come out equal.
On top of that: digits split from letters ("7h" -> "7 h"), chat abbreviations expanded ("ko" -> "khong",
"hdnd" -> "hoi dong nhan dan"), English plurals reduced ("ballots" -> "ballot"; Vietnamese syllables never end
in "s", so this is safe for both languages).
"""

from __future__ import annotations

import re

from bot.domain.text import fold

# folded token -> folded expansion
ABBREVIATIONS: dict[str, str] = {
    # negation / common chat words
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "khg": "khong",
    "kg": "khong",
    "hok": "khong",
    "hk": "khong",
    "hem": "khong",
    "dc": "duoc",
    "dk": "duoc",
    "dduoc": "duoc",
    "j": "gi",
    "ji": "gi",
    "bn": "bao nhieu",
    "bnh": "bao nhieu",
    "bnhieu": "bao nhieu",
    "baonhieu": "bao nhieu",
    "nhiu": "nhieu",  # "bao nhiu": a dropped vowel, common enough to spell out
    "nheu": "nhieu",  # "bao nhêu"
    "z": "vay",  # "sao z", "phát z" (teen code)
    "ntn": "nhu the nao",
    "bh": "bao gio",
    "bjo": "bao gio",
    "ng": "nguoi",
    "nhg": "nhung",
    "mk": "minh",
    "mik": "minh",
    "mh": "minh",
    "tui": "toi",  # Southern
    "t": "toi",
    "r": "roi",
    "vs": "voi",
    "cx": "cung",
    "cg": "cung",
    "ms": "moi",
    "trc": "truoc",
    "bik": "biet",
    "bit": "biet",
    "bjk": "biet",
    "lm": "lam",
    "nc": "nuoc",
    "kq": "ket qua",
    "ds": "danh sach",
    "dsach": "danh sach",
    "niemyet": "niem yet",
    "pk": "phai khong",
    "hnay": "hom nay",
    "hum": "hom",
    "cn": "chu nhat",
    "h": "gio",
    "g": "gio",
    "sv": "sinh vien",
    "xkld": "xuat khau lao dong",
    "nvqs": "nghia vu quan su",
    # election vocabulary
    "bc": "bau cu",
    "baucu": "bau cu",
    "bophieu": "bo phieu",
    "kv": "khu vuc bo phieu",
    "kvbp": "khu vuc bo phieu",
    "tbc": "to bau cu",
    "bbc": "ban bau cu",
    "ubbc": "uy ban bau cu",
    "hdbc": "hoi dong bau cu quoc gia",
    "hdbcqg": "hoi dong bau cu quoc gia",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "dbhdnd": "dai bieu hoi dong nhan dan",
    "dbqh": "dai bieu quoc hoi",
    "qh": "quoc hoi",
    "db": "dai bieu",
    "dvbc": "don vi bau cu",
    "dv": "don vi",
    "ucv": "ung cu vien",
    "uv": "ung vien",
    "mttq": "mat tran to quoc",
    "tt": "thi tran",
    "tp": "thanh pho",
    "cccd": "can cuoc cong dan",
    "cmnd": "chung minh nhan dan",
    "cmt": "chung minh nhan dan",
    "hcm": "ho chi minh",
    "hn": "ha noi",
    "tq": "trung quoc",
    "ad": "admin",  # "chúc ad mạnh khoẻ": the page's admin, no typo of "ai"
}

_DIGIT_ALPHA = re.compile(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")


#: English words ending in "s" that are no plurals (Vietnamese syllables never end in "s"): "this" is not "thi"
_NOT_PLURAL = frozenset({"does", "news", "always", "perhaps", "whereas", "was", "has", "its", "yes", "lens"})


def _singular(token: str) -> str:
    if len(token) >= 5 and token.endswith("ies"):
        return token[:-3] + "y"
    if (
        len(token) >= 4
        and token.endswith("s")
        and not token.endswith(("ss", "us", "is"))  # "address", "status", "this", "basis"
        and token not in _NOT_PLURAL
        and token.isalpha()
    ):
        return token[:-1]
    return token


def fold_split(text: str) -> str:
    """Fold (``bot.domain.text.fold``) and split digits from letters; no abbreviation expansion."""
    return _DIGIT_ALPHA.sub(" ", fold(text))


#: after a number, a unit of money, not the chat abbreviation ("100k" is 100 nghìn, not "100 không")
_AFTER_NUMBER = {"k": "nghin", "tr": "trieu"}


#: after a word, what an abbreviation means there ("giấy cn" is a certificate, "cn" alone is Sunday)
_AFTER_WORD = {("giay", "cn"): "chung nhan", ("giay", "cnh"): "chung nhan"}

#: a word autocorrected between two others ("ứng của viên", "ứng cứu viên": "ứng cử viên")
_BETWEEN_WORDS = {("ung", "cua", "vien"): "cu", ("ung", "cuu", "vien"): "cu"}

#: "bn" is "bạn" (you), not "bao nhiêu", when it is called ("bn ơi") or asked ("bn cho mình hỏi", "cảm ơn bn")
_BN_YOU_BEFORE = frozenset({"oi", "cho", "giup", "biet"})
_BN_YOU_AFTER = frozenset({"on", "chao", "nho"})


def expand_tokens(tokens: list[str], prev: str | None = None, nxt: str | None = None) -> list[str]:
    """Abbreviations spelled out (``prev``/``nxt``: the tokens around these, for "100k" and "bn ơi")."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        before = out[-1] if out else prev
        if tok in _AFTER_NUMBER and before is not None and before.isdigit():
            out.append(_AFTER_NUMBER[tok])
            continue
        if (before, tok) in _AFTER_WORD:
            out.extend(_AFTER_WORD[before, tok].split())
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else nxt
        if (before, tok, after) in _BETWEEN_WORDS:
            out.append(_BETWEEN_WORDS[before, tok, after])
            continue
        if tok == "bn":
            if after in _BN_YOU_BEFORE or before in _BN_YOU_AFTER:
                out.append("ban")
                continue
        exp = ABBREVIATIONS.get(tok)
        if exp is not None:
            out.extend(exp.split())
        else:
            out.append(_singular(tok))
    return out


def prepare(text: str) -> list[str]:
    """Folded, expanded tokens of ``text``."""
    return expand_tokens(fold_split(text).split())


def prepare_phrase(phrase: str) -> str:
    """A keyword phrase in the same form as prepared input (tokens joined by single spaces)."""
    return " ".join(prepare(phrase))
