"""Election-day hour slots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.slots import (
    DEFAULT_GRACE,
    check_hours,
    current_slot,
    is_voting_open,
    slot_for_report,
    slots_for,
    voting_window,
)
from tests.domain_asserts import assert_all_format

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2021, 5, 23)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2021, 5, 23, hour, minute, second, tzinfo=VN)


def hours(slots: list[datetime]) -> list[str]:
    return [s.strftime("%H:%M") for s in slots]


SLOTS = slots_for(DAY, time(7), time(19), VN)


def test_default_day_has_twelve_slots_from_eight_to_closing() -> None:
    assert hours(SLOTS) == [f"{h:02d}:00" for h in range(8, 20)]
    assert all(s.tzinfo is VN for s in SLOTS)
    assert SLOTS[-1] == at(19)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (time(5), time(21), [f"{h:02d}:00" for h in range(6, 22)]),
        (time(6, 30), time(19), [f"{h:02d}:00" for h in range(7, 20)]),
        (time(7), time(19, 30), [*(f"{h:02d}:00" for h in range(8, 20)), "19:30"]),
        (time(7), time(7, 30), ["07:30"]),
        (time(7), time(8), ["08:00"]),
        (time(7, 59), time(9), ["08:00", "09:00"]),
    ],
)
def test_slots_for_other_hours(start: time, end: time, expected: list[str]) -> None:
    assert hours(slots_for(DAY, start, end, VN)) == expected


def test_slots_every_two_hours_still_end_at_closing() -> None:
    assert hours(slots_for(DAY, time(7), time(19), VN, timedelta(hours=2))) == [
        "08:00",
        "10:00",
        "12:00",
        "14:00",
        "16:00",
        "18:00",
        "19:00",
    ]


def test_slots_every_half_hour() -> None:
    slots = slots_for(DAY, time(7), time(9), VN, timedelta(minutes=30))
    assert hours(slots) == ["07:30", "08:00", "08:30", "09:00"]


@pytest.mark.parametrize("every", [timedelta(0), timedelta(hours=-1)])
def test_slots_refuse_non_positive_step(every: timedelta) -> None:
    with pytest.raises(ValueError):
        slots_for(DAY, time(7), time(19), VN, every)


@pytest.mark.parametrize(("start", "end"), [(time(19), time(7)), (time(7), time(7))])
def test_slots_refuse_closing_before_opening(start: time, end: time) -> None:
    with pytest.raises(ValueError):
        slots_for(DAY, start, end, VN)


def test_voting_window_is_aware() -> None:
    assert voting_window(DAY, time(7), time(19), VN) == (at(7), at(19))
    assert voting_window(DAY, time(7), time(19), VN)[0].utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(7, 59, 59), None),
        (at(8), at(8)),
        (at(8, 59), at(8)),
        (at(12, 30), at(12)),
        (at(19), at(19)),
        (at(23), at(19)),
        (at(6), None),
    ],
)
def test_current_slot(now: datetime, expected: datetime | None) -> None:
    assert current_slot(now, SLOTS) == expected


def test_current_slot_compares_instants_across_zones() -> None:
    assert current_slot(datetime(2021, 5, 23, 2, 0, tzinfo=UTC), SLOTS) == at(9)  # 09:00 in Vietnam


def test_current_slot_without_slots() -> None:
    assert current_slot(at(12), []) is None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(7, 49, 59), None),
        (at(7, 50), at(8)),
        (at(8, 49), at(8)),
        (at(8, 50), at(9)),
        (at(9, 40), at(9)),
        (at(18, 55), at(18)),  # the grace never makes an early figure the final one
        (at(18, 59, 59), at(18)),
        (at(19), at(19)),
        (at(20, 30), at(19)),
    ],
)
def test_slot_for_report_with_default_grace(now: datetime, expected: datetime | None) -> None:
    assert DEFAULT_GRACE == timedelta(minutes=10)
    assert slot_for_report(now, SLOTS) == expected


def test_slot_for_report_without_grace() -> None:
    assert slot_for_report(at(8, 59), SLOTS, timedelta(0)) == at(8)
    assert slot_for_report(at(7, 59), SLOTS, timedelta(0)) is None


def test_slot_for_report_single_slot_day() -> None:
    slots = slots_for(DAY, time(7), time(8), VN)
    assert slot_for_report(at(7, 55), slots) is None
    assert slot_for_report(at(8, 5), slots) == at(8)


@pytest.mark.parametrize(
    ("now", "expected"),
    [(at(6, 59), False), (at(7), True), (at(18, 59, 59), True), (at(19), False), (at(21), False)],
)
def test_is_voting_open(now: datetime, expected: bool) -> None:
    assert is_voting_open(now, at(7), at(19)) is expected


@pytest.mark.parametrize(
    ("start", "end", "codes"),
    [
        (time(7), time(19), []),
        (time(5), time(21), []),
        (time(4, 59), time(19), ["opens_too_early"]),
        (time(7), time(21, 1), ["closes_too_late"]),
        (time(19), time(7), ["closes_before_opens"]),
        (time(4), time(22), ["opens_too_early", "closes_too_late"]),
    ],
)
def test_check_hours(start: time, end: time, codes: list[str]) -> None:
    problems = check_hours(start, end)
    assert [p.code for p in problems] == codes
    assert all(p.severity == "error" for p in problems)
    assert_all_format(problems)
