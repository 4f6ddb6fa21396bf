"""Vietnamese text normalisation (Telegram-free).

``normalize`` keeps diacritics in one canonical form; ``fold`` removes them. Both cut very long input first.
"""

from __future__ import annotations

import re
import unicodedata

MAX_INPUT_CHARS = 1000

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def clip(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Cut ``text`` to a sane length before any matching."""
    return text[:limit]


def normalize(text: str) -> str:
    """NFC, lower case, punctuation and emoji to spaces, spaces collapsed (diacritics kept)."""
    text = unicodedata.normalize("NFC", clip(text)).lower()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def fold(text: str) -> str:
    """``normalize`` without diacritics: "Đồng Lạc" -> "dong lac"."""
    text = normalize(text).replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
