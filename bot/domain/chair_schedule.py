"""When a chair's scheduled announcement goes out: reading "18:30", "23/5 18:30" or "23/5/2021 18:30".

Times are read on the election's wall clock (``tz``) and must lie in the future of ``now`` (the clock service's
instant); a time that has already passed today is refused rather than silently moved to tomorrow.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import N_

from .problems import Problem

_TIME = re.compile(r"^(\d{1,2})\s*(?::|h|g|giờ|gio)\s*(\d{2})?$|^(\d{1,2})\s*(?:h|g|giờ|gio)$")
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
# a scheduled announcement further ahead than this is almost certainly a typing slip
MAX_AHEAD = timedelta(days=60)


def _problem(code: str, message: str, **params: object) -> Problem:
    return Problem(code, message, params, field="when")


def _read_time(token: str) -> time | None:
    match = _TIME.match(token)
    if not match:
        return None
    hour = int(match.group(1) or match.group(3))
    minute = int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _read_date(token: str, today: date) -> date | None:
    match = _DATE.match(token)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    year = today.year
    if match.group(3):
        year = int(match.group(3))
        if year < 100:
            year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime | Problem:
    """The aware instant a chair typed, or a Problem saying what to type."""
    cleaned = unicodedata.normalize("NFC", text).strip().lower()
    cleaned = re.sub(r"\s*(?:lúc|luc|ngày|ngay|,)\s*", " ", cleaned).strip()
    usage = N_("Không đọc được thời điểm này. Vui lòng gõ giờ và phút, ví dụ: 18:30, hoặc kèm ngày: 23/5 18:30.")
    if not cleaned:
        return _problem("when_empty", usage)
    tokens = cleaned.split()
    local_now = now.astimezone(tz)
    day: date | None = None
    clock: time | None = None
    if len(tokens) == 1:
        clock = _read_time(tokens[0])
        day = local_now.date()
    elif len(tokens) == 2:
        first_time, second_time = _read_time(tokens[0]), _read_time(tokens[1])
        if second_time is not None:
            clock, day = second_time, _read_date(tokens[0], local_now.date())
        elif first_time is not None:
            clock, day = first_time, _read_date(tokens[1], local_now.date())
    if clock is None or day is None:
        return _problem("when_format", usage)
    instant = datetime.combine(day, clock, tzinfo=tz)
    if instant <= now:
        return _problem(
            "when_past",
            N_("Thời điểm {when} đã qua. Vui lòng chọn một thời điểm sau bây giờ ({now})."),
            when=instant,
            now=now,
        )
    if instant - now > MAX_AHEAD:
        return _problem(
            "when_far",
            N_("Thời điểm {when} quá xa so với hôm nay. Vui lòng kiểm tra lại ngày tháng."),
            when=instant,
        )
    return instant
