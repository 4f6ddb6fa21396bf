"""When voter reminders fall due (Telegram-free).

Reminders: at ``evening`` local time on each of ``days_before`` days before election day (kinds ``d3``, ``d1``…)
and at ``morning`` local time on the day (kind ``day``).

Rule for late reminders: a reminder is sent only while ``now`` is within ``GRACE`` after its time. If the bot was
down for longer, that reminder is skipped (a "3 days left" message arriving the day before confuses voters);
the next one still goes out. Each reminder has a dedupe key, so it is sent at most once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

GRACE = timedelta(hours=3)


@dataclass(frozen=True)
class ReminderSlot:
    kind: str  # "d3", "d1", "day"
    days_before: int
    due_at: datetime


def parse_hhmm(value: str) -> time:
    hh, mm = value.strip().split(":")
    return time(int(hh), int(mm))


def schedule(
    election_day: date, days_before: list[int], morning: time, evening: time, tz: ZoneInfo
) -> list[ReminderSlot]:
    slots = [
        ReminderSlot(f"d{d}", d, datetime.combine(election_day - timedelta(days=d), evening, tzinfo=tz))
        for d in sorted({d for d in days_before if d > 0}, reverse=True)
    ]
    slots.append(ReminderSlot("day", 0, datetime.combine(election_day, morning, tzinfo=tz)))
    return slots


def due_slots(slots: list[ReminderSlot], now: datetime, grace: timedelta = GRACE) -> list[ReminderSlot]:
    """Slots whose time has come and has not passed by more than ``grace``."""
    return [s for s in slots if s.due_at <= now < s.due_at + grace]
