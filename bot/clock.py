"""The one clock service: every "now" in the bot comes from here, so tests move time instead of sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current instant (timezone-aware, UTC)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class AdjustableClock:
    """A clock that can be set and moved forward; frozen, or running from the instant it was set.

    ``baucu chat --clock`` and the tests use it frozen; without ``--clock`` it runs from the real time and
    ``{"clock": ...}`` jumps it forward.
    """

    def __init__(self, start: datetime | None = None, *, frozen: bool = True) -> None:
        self._frozen = frozen
        self._base = _aware(start) if start is not None else datetime.now(UTC)
        self._mono = time.monotonic()

    def now(self) -> datetime:
        if self._frozen:
            return self._base
        return self._base + timedelta(seconds=time.monotonic() - self._mono)

    def set(self, instant: datetime) -> None:
        """Move the clock to ``instant``; it never goes backwards."""
        instant = _aware(instant)
        if instant < self.now():
            raise ValueError("the clock only moves forward")
        self._base = instant
        self._mono = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        self.set(self.now() + delta)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("clock instants must carry a time zone")
    return value.astimezone(UTC)
