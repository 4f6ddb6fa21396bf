"""Problems found by the domain rules, and the percentage helper they share.

A ``Problem`` never carries final user text: ``message`` is an ``N_``-marked Vietnamese template and ``params``
fill its ``{placeholders}`` after translation. Numbers stay numbers and datetimes stay datetimes, so the caller
formats them in the user's language (``Translator.number``, ``Translator.percent``, ``Translator.time``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "confirm"]


@dataclass(frozen=True)
class Problem:
    """Something wrong (``error``) or unusual enough to ask for confirmation (``confirm``) in the user's input."""

    code: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict)
    field: str | None = None
    severity: Severity = "error"


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that block saving."""
    return [p for p in problems if p.severity == "error"]


def percent(part: int, whole: int, digits: int = 2) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded half up to ``digits`` decimals; None when ``whole`` is 0.

    Integer arithmetic keeps the rounding exact (1/8 -> 12.50, 1/800 -> 0.13), which float or a limited
    Decimal context could get wrong at the half.
    """
    if whole <= 0:
        return None
    if part < 0:
        raise ValueError("part must not be negative")
    scaled, remainder = divmod(part * 100 * 10**digits, whole)
    if 2 * remainder >= whole:
        scaled += 1
    return Decimal(scaled).scaleb(-digits)
