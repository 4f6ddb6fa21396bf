"""Callback data: small, typed, and validated when it comes back (never trusted).

Format: ``action`` or ``action:arg:arg`` with ASCII action names and integer or short-token arguments,
at most 64 bytes as Telegram requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
_ACTION = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")


class BadCallback(ValueError):
    """The button data is malformed or forged."""


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...] = ()

    def int(self, index: int, *, minimum: int = 0, maximum: int = 2**53) -> int:
        """Argument ``index`` as a bounded integer, or ``BadCallback``."""
        try:
            raw = self.args[index]
        except IndexError as exc:
            raise BadCallback(f"missing argument {index}") from exc
        if not raw.isdigit() or len(raw) > 16:
            raise BadCallback(f"argument {index} is not a number")
        value = int(raw)
        if not minimum <= value <= maximum:
            raise BadCallback(f"argument {index} out of range")
        return value

    def token(self, index: int, allowed: frozenset[str] | set[str] | None = None) -> str:
        try:
            raw = self.args[index]
        except IndexError as exc:
            raise BadCallback(f"missing argument {index}") from exc
        if allowed is not None and raw not in allowed:
            raise BadCallback(f"argument {index} not allowed")
        return raw

    def expect(self, count: int) -> Callback:
        if len(self.args) != count:
            raise BadCallback(f"expected {count} arguments")
        return self


def encode(action: str, *args: object) -> str:
    """``encode("area", 12)`` -> ``"area:12"``."""
    if not _ACTION.match(action):
        raise ValueError(f"bad action {action!r}")
    parts = [action]
    for arg in args:
        text = str(int(arg)) if isinstance(arg, bool) else str(arg)
        if not _TOKEN.match(text):
            raise ValueError(f"bad callback argument {text!r}")
        parts.append(text)
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def decode(data: str | None) -> Callback:
    """Parse callback data, or raise ``BadCallback``."""
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        raise BadCallback("empty or too long")
    action, *args = data.split(":")
    if not _ACTION.match(action) or not all(_TOKEN.match(a) for a in args):
        raise BadCallback("malformed")
    return Callback(action, tuple(args))


def pattern(*actions: str) -> re.Pattern[str]:
    """A ``CallbackQueryHandler`` pattern for these actions."""
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in actions) + r")(?::|$)")
