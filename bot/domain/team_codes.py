"""Invitation codes for polling teams and committee chairs (Telegram-free).

A code is 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown grouped as ``K7QF-M2XP-9A``
and accepted in any case, with or without dashes or spaces. Only ``hash_code`` of it is stored. Wrong codes are
slowed down by ``wait_after_failures`` over the failures recorded in the database.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
GROUPS = (4, 4, 2)
DEFAULT_EXPIRY = timedelta(days=14)
MAX_EXPIRY = timedelta(days=120)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)

_SEPARATORS = re.compile(r"[\s\-_.]+")
_DURATION = re.compile(r"^\s*(\d{1,5})\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def new_code() -> str:
    """A fresh random code (``secrets``), without separators."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``K7QFM2XP9A`` -> ``K7QF-M2XP-9A``."""
    parts, start = [], 0
    for size in GROUPS:
        parts.append(code[start : start + size])
        start += size
    return "-".join(p for p in parts if p)


def normalize_code(text: str) -> str | None:
    """The canonical code typed by a user, or None if it cannot be a code (wrong length or characters)."""
    cleaned = _SEPARATORS.sub("", text[:64]).upper()
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def hash_code(code: str, pepper: str = "") -> str:
    """SHA-256 (hex) of the canonical code, with an optional secret pepper from the settings."""
    return hashlib.sha256(f"{pepper}:{code}".encode()).hexdigest()


def parse_duration(text: str) -> timedelta:
    """``90m``, ``36h``, ``7d``, ``2w`` -> timedelta; ValueError with a readable message otherwise."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError(f"cannot read the duration {text!r}; use e.g. 90m, 36h, 7d or 2w")
    value = int(match.group(1)) * _UNITS[match.group(2).lower()]
    if value <= timedelta(0):
        raise ValueError("the duration must be longer than zero")
    if value > MAX_EXPIRY:
        raise ValueError(f"the duration {text!r} is longer than the maximum of {MAX_EXPIRY.days} days")
    return value


def wait_after_failures(
    failures: Sequence[datetime],
    now: datetime,
    *,
    limit: int = MAX_FAILURES,
    window: timedelta = FAILURE_WINDOW,
) -> int:
    """Whole minutes the user must wait before trying another code (0: may try now).

    After ``limit`` wrong codes within ``window``, the next try is allowed once the oldest of those leaves it.
    """
    recent = sorted(at for at in failures if now - window < at <= now)
    if len(recent) < limit:
        return 0
    free_at = recent[-limit] + window
    return max(1, math.ceil((free_at - now) / timedelta(minutes=1)))
