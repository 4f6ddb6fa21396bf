"""Turnout check-ins of one polling area as a series (Telegram-free): which report is current, what comes before
and after a slot, and the check a late report needs against the later figures already sent.

The validation of one figure itself is ``bot.domain.turnout.validate_report``; this module only supplies what it
needs from the area's history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.i18n import N_

from .problems import Problem, percent


@dataclass(frozen=True)
class Report:
    """One stored check-in row."""

    id: int
    slot: datetime
    voted: int
    reported_at: datetime
    supersedes_id: int | None = None


def current_by_slot(reports: Iterable[Report]) -> dict[datetime, Report]:
    """The current figure of each slot: the newest row of that slot (corrections add rows, never overwrite)."""
    current: dict[datetime, Report] = {}
    for r in reports:
        best = current.get(r.slot)
        if best is None or (r.reported_at, r.id) > (best.reported_at, best.id):
            current[r.slot] = r
    return dict(sorted(current.items()))


def before(current: dict[datetime, Report], slot: datetime) -> Report | None:
    """The latest current report of an earlier slot."""
    earlier = [r for s, r in current.items() if s < slot]
    return earlier[-1] if earlier else None


def after(current: dict[datetime, Report], slot: datetime) -> Report | None:
    """The earliest current report of a later slot (a late report must not exceed it)."""
    later = [r for s, r in current.items() if s > slot]
    return later[0] if later else None


def check_against_later(value: int, later: Report | None) -> list[Problem]:
    """A late report for an earlier hour cannot exceed the cumulative figure already sent for a later hour."""
    if later is None or value <= later.voted:
        return []
    return [
        Problem(
            "above_later",
            N_(
                "Số người đã bỏ phiếu là số cộng dồn, nên số của mốc này ({value}) không thể lớn hơn số đã báo "
                "cáo cho mốc sau, lúc {later_slot} ({later}). Vui lòng kiểm tra lại."
            ),
            {"value": value, "later": later.voted, "later_slot": later.slot},
            field="value",
        )
    ]


def slot_token(slot: datetime) -> str:
    """A slot as a short callback argument: minutes since the epoch."""
    return str(int(slot.timestamp()) // 60)


def slot_from_token(token: str, slots: Sequence[datetime]) -> datetime | None:
    """The slot a token names, only if it is one of ``slots`` (never trusted otherwise)."""
    if not token.isdigit() or len(token) > 12:
        return None
    instant = datetime.fromtimestamp(int(token) * 60, tz=UTC)
    return next((s for s in slots if s == instant), None)


@dataclass(frozen=True)
class CurveRow:
    slot: datetime
    voted: int | None
    share: Decimal | None


def curve(
    slots: Sequence[datetime], current: dict[datetime, Report], registered: int, until: datetime
) -> list[CurveRow]:
    """The rows of the area's turnout table: every slot up to ``until``, with its figure (None: not reported)."""
    rows = []
    for slot in slots:
        if slot > until and slot not in current:
            continue
        report = current.get(slot)
        rows.append(
            CurveRow(slot, report.voted if report else None, percent(report.voted, registered) if report else None)
        )
    return rows


def local(slot: datetime, tz: str) -> datetime:
    return slot.astimezone(ZoneInfo(tz))
