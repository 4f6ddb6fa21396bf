"""Election-day hour slots: the instants a polling team reports its cumulative turnout "as of".

Voting runs 07:00–19:00 local time by default; the Tổ bầu cử may open from 05:00 and close until 21:00. The
first slot is the first full hour after opening (08:00 for a 07:00 opening), then every hour; the last slot is
the closing time, whose figure is the final one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import N_

from .problems import Problem

DEFAULT_OPENING = time(7, 0)
DEFAULT_CLOSING = time(19, 0)
EARLIEST_OPENING = time(5, 0)
LATEST_CLOSING = time(21, 0)
HOUR = timedelta(hours=1)
# Teams often count a few minutes before the hour and send at once; such a report belongs to the coming slot.
DEFAULT_GRACE = timedelta(minutes=10)


def voting_window(day: date, start: time, end: time, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The aware opening and closing instants of voting on ``day``."""
    opens = datetime.combine(day, start, tzinfo=tz)
    closes = datetime.combine(day, end, tzinfo=tz)
    if closes <= opens:
        raise ValueError("voting must close after it opens")
    return opens, closes


def check_hours(start: time, end: time) -> list[Problem]:
    """Problems with voting hours: not before 05:00, not after 21:00, closing after opening."""
    problems: list[Problem] = []
    if start < EARLIEST_OPENING:
        problems.append(
            Problem(
                "opens_too_early",
                N_("Giờ bắt đầu bỏ phiếu ({start}) quá sớm: theo luật, Tổ bầu cử không được bắt đầu trước {earliest}."),
                {"start": start, "earliest": EARLIEST_OPENING},
                field="start",
            )
        )
    if end > LATEST_CLOSING:
        problems.append(
            Problem(
                "closes_too_late",
                N_("Giờ kết thúc bỏ phiếu ({end}) quá muộn: theo luật, việc bỏ phiếu không được kéo dài sau {latest}."),
                {"end": end, "latest": LATEST_CLOSING},
                field="end",
            )
        )
    if end <= start:
        problems.append(
            Problem(
                "closes_before_opens",
                N_("Giờ kết thúc bỏ phiếu ({end}) phải sau giờ bắt đầu ({start})."),
                {"start": start, "end": end},
                field="end",
            )
        )
    return problems


def slots_for(day: date, start: time, end: time, tz: ZoneInfo, every: timedelta = HOUR) -> list[datetime]:
    """The report slots of ``day``: every ``every`` (aligned on local midnight) after opening, then the closing time.

    Slots are computed on the local wall clock (Vietnam has no daylight saving time), so 06:30–19:00 gives
    07:00, 08:00, …, 19:00 and 07:00–19:30 gives 08:00, …, 19:00, 19:30.
    """
    if every <= timedelta(0):
        raise ValueError("every must be positive")
    opens, closes = voting_window(day, start, end, tz)
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    slot = midnight + ((opens - midnight) // every + 1) * every
    slots: list[datetime] = []
    while slot < closes:
        slots.append(slot)
        slot += every
    slots.append(closes)
    return slots


def current_slot(now: datetime, slots: Sequence[datetime]) -> datetime | None:
    """The latest slot at or before ``now``; None before the first slot."""
    index = bisect_right(slots, now)
    return slots[index - 1] if index else None


def slot_for_report(now: datetime, slots: Sequence[datetime], grace: timedelta = DEFAULT_GRACE) -> datetime | None:
    """The slot a report arriving at ``now`` is for: the latest slot at or before ``now + grace``.

    So with a 10-minute grace a report at 08:52 is for 08:00, one at 08:55 is already for 09:00, and one at 09:40
    is still for 09:00. The grace never reaches the closing slot: voters may still come until the box closes, so
    only a report at or after closing is the final figure. None means the report came too early for any slot.
    """
    slot = current_slot(now + grace, slots)
    if slot is not None and slot == slots[-1] and now < slot:
        return current_slot(now, slots)
    return slot


def is_voting_open(now: datetime, opens: datetime, closes: datetime) -> bool:
    """Whether voting is under way at ``now``; the box is closed at the closing instant itself."""
    return opens <= now < closes
