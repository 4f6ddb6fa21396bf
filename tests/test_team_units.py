"""Telegram-free helpers of the polling-team feature: codes, durations, slowdown, check-in series, incidents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.slots import slots_for
from bot.domain.team_checkin import (
    Report,
    after,
    before,
    check_against_later,
    current_by_slot,
    curve,
    slot_from_token,
    slot_token,
)
from bot.domain.team_codes import (
    ALPHABET,
    CODE_LENGTH,
    format_code,
    hash_code,
    new_code,
    normalize_code,
    parse_duration,
    wait_after_failures,
)
from bot.domain.team_incidents import CATEGORIES, clean_description, incident_ref

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2021, 5, 23, 8, 0, tzinfo=TZ)


def test_new_codes_are_random_unambiguous_and_grouped() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set("01OIL") & set(ALPHABET)
    assert format_code("K7QFM2XP9A") == "K7QF-M2XP-9A"


@pytest.mark.parametrize("typed", ["K7QF-M2XP-9A", "k7qf-m2xp-9a", "K7QF M2XP 9A", " k7qfm2xp9a ", "K7QF_M2XP.9A"])
def test_codes_are_accepted_in_any_case_with_or_without_separators(typed: str) -> None:
    assert normalize_code(typed) == "K7QFM2XP9A"


@pytest.mark.parametrize("typed", ["", "K7QF-M2XP", "K7QF-M2XP-9A-X", "K0QF-M2XP-9A", "KIQF-M2XP-9A", "Ё7QF-M2XP-9A"])
def test_malformed_codes_are_rejected(typed: str) -> None:
    assert normalize_code(typed) is None


def test_hash_is_sha256_hex_and_depends_on_pepper() -> None:
    h = hash_code("K7QFM2XP9A")
    assert len(h) == 64 and int(h, 16) >= 0
    assert h == hash_code("K7QFM2XP9A")
    assert h != hash_code("K7QFM2XP9B")
    assert h != hash_code("K7QFM2XP9A", pepper="secret")
    assert "K7QFM2XP9A" not in h


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90m", timedelta(minutes=90)),
        ("36h", timedelta(hours=36)),
        ("7d", timedelta(days=7)),
        ("2W", timedelta(weeks=2)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "7", "d7", "0h", "1y", "-3d", "3.5d", "999d"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_wrong_codes_slow_down_after_five_in_fifteen_minutes() -> None:
    now = datetime(2021, 5, 20, 10, 0, tzinfo=UTC)
    four = [now - timedelta(minutes=m) for m in (1, 2, 3, 4)]
    assert wait_after_failures(four, now) == 0
    five = [*four, now - timedelta(minutes=10)]
    # the oldest of the five leaves the window at 10:05
    assert wait_after_failures(five, now) == 5
    assert wait_after_failures(five, now + timedelta(minutes=4, seconds=30)) == 1
    assert wait_after_failures(five, now + timedelta(minutes=5)) == 0
    old = [now - timedelta(minutes=20 + m) for m in range(10)]
    assert wait_after_failures(old, now) == 0


def test_current_figure_of_a_slot_is_its_newest_row() -> None:
    nine = T0 + timedelta(hours=1)
    rows = [
        Report(1, T0, 100, T0),
        Report(2, nine, 200, nine),
        Report(3, nine, 210, nine + timedelta(minutes=5), supersedes_id=2),
    ]
    current = current_by_slot(rows)
    assert [r.id for r in current.values()] == [1, 3]
    assert before(current, nine) == rows[0] and after(current, T0) == rows[2]
    assert before(current, T0) is None and after(current, nine) is None
    assert check_against_later(210, rows[2]) == []
    problems = check_against_later(211, rows[2])
    assert [p.code for p in problems] == ["above_later"] and problems[0].params["later"] == 210


def test_slot_tokens_only_name_real_slots() -> None:
    slots = slots_for(T0.date(), T0.replace(hour=7).timetz(), T0.replace(hour=19).timetz(), TZ)
    assert slot_from_token(slot_token(slots[3]), slots) == slots[3]
    assert slot_from_token(slot_token(slots[3] + timedelta(minutes=1)), slots) is None
    assert slot_from_token("abc", slots) is None


def test_curve_rows_until_now() -> None:
    slots = slots_for(T0.date(), T0.replace(hour=7).timetz(), T0.replace(hour=19).timetz(), TZ)
    current = current_by_slot([Report(1, slots[0], 100, slots[0]), Report(2, slots[2], 250, slots[2])])
    rows = curve(slots, current, 400, slots[2] + timedelta(minutes=5))
    assert [(r.voted, str(r.share) if r.share else None) for r in rows] == [
        (100, "25.00"),
        (None, None),
        (250, "62.50"),
    ]


def test_incident_refs_and_descriptions() -> None:
    assert incident_ref(1) == "SC-0001" and incident_ref(12345) == "SC-12345"
    assert set(CATEGORIES) == {"security", "ballots", "equipment", "complaint", "weather", "health", "other"}
    assert clean_description("  a  ") is None
    assert clean_description("Mất   điện") == "Mất điện"
    assert len(clean_description("x" * 5000) or "") == 2000
