"""Turnout check-ins: reading the number, validating a report, anomalies on the curves."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.domain.problems import Problem, errors
from bot.domain.turnout import (
    MAX_COUNT,
    Anomaly,
    AnomalyParams,
    ReportParams,
    detect_anomalies,
    expected_pace,
    jump_threshold,
    parse_count,
    turnout_percent,
    validate_report,
)
from tests.domain_asserts import assert_all_format, assert_formats

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OPENS = datetime(2021, 5, 23, 7, tzinfo=VN)
CLOSES = datetime(2021, 5, 23, 19, tzinfo=VN)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2021, 5, 23, hour, minute, tzinfo=VN)


# --- parse_count ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("350", 350),
        ("0", 0),
        ("0350", 350),
        ("+350", 350),
        ("1.234", 1234),
        ("1,234", 1234),
        ("12.345", 12345),
        ("1.000", 1000),
        (" 350 người", 350),
        ("350 nguoi", 350),
        ("350 ng", 350),
        ("350 cử tri", 350),
        ("350 CỬ TRI", 350),
        ("350 cu tri", 350),
        ("350 phiếu", 350),
        ("350 lượt", 350),
        ("350.", 350),
        ("350 người.", 350),
        ("350 ngu\u031bo\u0300i", 350),  # NFD input
        ("３５０", 350),  # full-width digits
        ("350 350", 350),  # the same number twice is still one number
        (str(MAX_COUNT), MAX_COUNT),
    ],
)
def test_parse_count_accepts(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "count_empty"),
        ("   ", "count_empty"),
        ("35,5", "count_decimal"),
        ("350.0", "count_decimal"),
        ("0,500", "count_decimal"),
        ("1.234,5", "count_decimal"),
        ("1,234.5", "count_decimal"),
        ("1.2345", "count_decimal"),
        ("1.23.456", "count_format"),
        ("1.234.56", "count_format"),
        ("-5", "count_negative"),
        ("- 5", "count_negative"),
        ("−350", "count_negative"),
        ("350 400", "count_several"),
        ("1 234", "count_several"),
        ("9h: 350", "count_several"),
        ("ba trăm", "count_words"),
        ("khoảng 350", "count_words"),
        ("350 người rồi", "count_words"),
        ("?", "count_words"),
        ("35%", "count_percent"),
        ("100001", "count_too_large"),
        ("350.000", "count_too_large"),
        ("9" * 40, "count_too_large"),
    ],
)
def test_parse_count_refuses(text: str, code: str) -> None:
    result = parse_count(text)
    assert isinstance(result, Problem)
    assert result.code == code
    assert result.severity == "error"
    assert result.field == "value"
    assert_formats(result.message, result.params)


def test_parse_count_several_names_the_numbers() -> None:
    result = parse_count("350 400 350")
    assert isinstance(result, Problem)
    assert dict(result.params) == {"first": 350, "second": 400}


def test_parse_count_too_large_names_value_and_limit() -> None:
    result = parse_count("123456")
    assert isinstance(result, Problem)
    assert dict(result.params) == {"value": 123456, "maximum": MAX_COUNT}
    assert parse_count("5000", maximum=4000) == Problem(
        "count_too_large", result.message, {"value": 5000, "maximum": 4000}, field="value"
    )


# --- percentages and pace --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("voted", "registered", "expected"),
    [
        (2, 3, "66.67"),
        (1, 3, "33.33"),
        (1, 8, "12.50"),
        (1, 800, "0.13"),  # 0.125 rounds half up
        (1, 1600, "0.06"),  # 0.0625
        (3, 1600, "0.19"),  # 0.1875
        (19999, 20000, "100.00"),  # 99.995
        (999, 1000, "99.90"),
        (0, 5, "0.00"),
        (231238, 231762, "99.77"),
        (5, 5, "100.00"),
    ],
)
def test_turnout_percent_rounds_half_up(voted: int, registered: int, expected: str) -> None:
    value = turnout_percent(voted, registered)
    assert value == Decimal(expected)
    assert str(value) == expected


def test_turnout_percent_without_listed_voters() -> None:
    assert turnout_percent(0, 0) is None


def test_expected_pace_falls_back_to_listed_voters_over_hours() -> None:
    assert expected_pace([], registered=1200, opens=OPENS, closes=CLOSES) == 100.0
    assert expected_pace([(OPENS, 0)], registered=1200, opens=OPENS, closes=CLOSES) == 100.0


def test_expected_pace_is_the_average_since_opening_up_to_the_latest_report() -> None:
    history = [(at(9), 500), (at(8), 300)]
    assert expected_pace(history, registered=1000, opens=OPENS, closes=CLOSES) == 250.0


def test_expected_pace_short_day_divides_by_at_least_one_hour() -> None:
    assert expected_pace([], registered=90, opens=OPENS, closes=at(7, 30)) == 90.0


@pytest.mark.parametrize(
    ("expected", "registered", "threshold"),
    [(83.0, 1000, 249.0), (100.0, 1000, 300.0), (10.0, 1000, 230.0), (0.0, 100, 50.0), (0.0, 0, 30.0)],
)
def test_jump_threshold(expected: float, registered: int, threshold: float) -> None:
    assert jump_threshold(expected, registered, factor=3.0, floor_percent=20, floor_voters=30) == threshold


# --- validate_report ---------------------------------------------------------------------------------------------


def report(value: int, **overrides: object) -> list[Problem]:
    args: dict[str, object] = {
        "registered": 1000,
        "previous": None,
        "previous_slot": None,
        "slot": at(8),
        "pace_per_hour": 1000 / 12,
        "voting_start": OPENS,
    }
    args.update(overrides)
    problems = validate_report(value, **args)  # type: ignore[arg-type]
    assert_all_format(problems)
    return problems


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def test_plain_report_has_no_problem() -> None:
    assert report(200) == []


def test_report_equal_to_previous_is_fine() -> None:
    assert report(400, previous=400, previous_slot=at(8), slot=at(9)) == []


def test_report_equal_to_registered_is_fine() -> None:
    assert report(1000, previous=990, previous_slot=at(18), slot=at(19), final=True) == []


def test_above_registered() -> None:
    problems = report(1001, previous=990, previous_slot=at(18), slot=at(19))
    assert codes(problems) == ["above_registered"]
    problem = problems[0]
    assert problem.severity == "error"
    assert problem.field == "value"
    assert dict(problem.params) == {"value": 1001, "registered": 1000}
    assert "cập nhật tổng số cử tri" in problem.message


def test_below_previous_with_time() -> None:
    problems = report(350, previous=400, previous_slot=at(9), slot=at(10))
    assert codes(problems) == ["below_previous"]
    assert dict(problems[0].params) == {"value": 350, "previous": 400, "previous_slot": at(9)}
    assert "{previous_slot}" in problems[0].message
    assert "cộng dồn" in problems[0].message


def test_below_previous_without_time() -> None:
    problems = report(350, previous=400, slot=at(10))
    assert codes(problems) == ["below_previous"]
    assert "{previous_slot}" not in problems[0].message


def test_both_errors_and_no_questions() -> None:
    problems = report(1500, previous=2000, previous_slot=at(9), slot=at(10), final=True)
    assert codes(problems) == ["above_registered", "below_previous"]
    assert errors(problems) == problems


def test_negative_value_is_refused() -> None:
    assert codes(report(-1)) == ["count_negative"]


def test_first_report_jump_uses_the_fallback_pace() -> None:
    # Pace 1000/12 ≈ 83.33 per hour; first report: threshold max(6 × 83.33, 20% × 1000 + 30) = 500.
    assert report(500) == []
    problems = report(501)
    assert codes(problems) == ["jump"]
    assert problems[0].severity == "confirm"
    assert dict(problems[0].params) == {"value": 501, "previous": 0, "increase": 501, "expected": 83}
    assert "{previous}" not in problems[0].message


def test_jump_after_a_previous_report_uses_the_interval() -> None:
    # 100 per hour over 1 hour: threshold max(300, 230) = 300.
    kwargs = {"previous": 400, "previous_slot": at(9), "slot": at(10), "pace_per_hour": 100.0}
    assert report(700, **kwargs) == []
    problems = report(701, **kwargs)
    assert codes(problems) == ["jump"]
    assert dict(problems[0].params) == {"value": 701, "previous": 400, "increase": 301, "expected": 100}
    assert "{previous}" in problems[0].message


def test_jump_over_a_missed_slot_expects_two_hours() -> None:
    kwargs = {"previous": 100, "previous_slot": at(8), "slot": at(10), "pace_per_hour": 100.0}
    assert report(700, **kwargs) == []  # 600 = 3 × 200
    assert codes(report(701, **kwargs)) == ["jump"]


def test_jump_floor_protects_small_areas() -> None:
    # 100 voters, 2 hours at 5 per hour: 3 × 10 = 30 < floor 20 + 30 = 50.
    kwargs = {"registered": 100, "previous": 10, "previous_slot": at(9), "slot": at(11), "pace_per_hour": 5.0}
    assert report(60, **kwargs) == []
    assert codes(report(61, **kwargs)) == ["jump"]


def test_jump_thresholds_are_parameters() -> None:
    params = ReportParams(first_jump_factor=2.0, jump_floor_percent=0, jump_floor_voters=0)
    assert report(200, pace_per_hour=100.0, params=params) == []
    assert codes(report(201, pace_per_hour=100.0, params=params)) == ["jump"]
    params = ReportParams(jump_factor=1.5, jump_floor_percent=0, jump_floor_voters=0)
    kwargs = {"previous": 100, "previous_slot": at(8), "slot": at(9), "pace_per_hour": 100.0, "params": params}
    assert report(250, **kwargs) == []
    assert codes(report(251, **kwargs)) == ["jump"]


def test_no_pace_no_jump_question() -> None:
    assert report(900, pace_per_hour=None) == []


def test_confirmed_report_drops_questions_but_keeps_errors() -> None:
    assert report(900, confirmed=True) == []
    assert codes(report(1001, confirmed=True)) == ["above_registered"]


def test_final_figure_much_lower_than_usual() -> None:
    kwargs = {"previous": 880, "previous_slot": at(18), "slot": at(19), "final": True}
    assert report(900, **kwargs) == []
    problems = report(899, **kwargs)
    assert codes(problems) == ["final_low"]
    assert problems[0].severity == "confirm"
    assert dict(problems[0].params) == {
        "value": 899,
        "registered": 1000,
        "turnout_percent": Decimal("89.90"),
        "usual_percent": Decimal(90),
    }
    assert report(899, **{**kwargs, "final": False}) == []
    assert report(899, confirmed=True, **kwargs) == []


def test_jump_and_final_low_together() -> None:
    problems = report(500, previous=100, previous_slot=at(18), slot=at(19), pace_per_hour=10.0, final=True)
    assert codes(problems) == ["jump", "final_low"]


# --- detect_anomalies ---------------------------------------------------------------------------------------------


def detect(
    series: dict[str, list[tuple[datetime, int]]],
    now: datetime,
    registered: dict[str, int] | None = None,
    neighbours: dict[str, list[str]] | None = None,
    params: AnomalyParams | None = None,
) -> list[Anomaly]:
    found = detect_anomalies(
        series,
        now_slot=now,
        registered=registered if registered is not None else dict.fromkeys(series, 1000),
        neighbours=neighbours,
        opens=OPENS,
        closes=CLOSES,
        params=params or AnomalyParams(),
    )
    assert_all_format(found)
    return found


def kinds(found: list[Anomaly]) -> list[tuple[str, str, int]]:
    return [(a.kind, a.area, a.slot.hour) for a in found]


def test_smooth_curve_has_no_anomaly() -> None:
    series = {"A": [(at(8), 200), (at(9), 420), (at(10), 600), (at(11), 700)]}
    assert detect(series, at(11)) == []


def test_anomaly_decrease() -> None:
    found = detect({"A": [(at(8), 300), (at(9), 280), (at(10), 290)]}, at(10))
    assert kinds(found) == [("decrease", "A", 9)]
    assert dict(found[0].params) == {"slot": at(9), "value": 280, "previous_slot": at(8), "previous": 300}


def test_decrease_after_a_typo_is_reported_once() -> None:
    found = detect({"A": [(at(8), 300), (at(9), 3000), (at(10), 320), (at(11), 330)]}, at(11))
    assert kinds(found) == [("above_registered", "A", 9), ("jump", "A", 9), ("decrease", "A", 10)]


def test_anomaly_above_registered() -> None:
    found = detect({"A": [(at(8), 300), (at(9), 1001)]}, at(9), params=AnomalyParams(jump_factor=10))
    assert kinds(found) == [("above_registered", "A", 9)]
    assert dict(found[0].params) == {"slot": at(9), "value": 1001, "registered": 1000}


def test_jump_uses_the_area_own_pace() -> None:
    # 100 by 08:00 → 100 per hour; threshold max(300, 230) = 300.
    assert detect({"A": [(at(8), 100), (at(9), 400)]}, at(9)) == []
    found = detect({"A": [(at(8), 100), (at(9), 401)]}, at(9))
    assert kinds(found) == [("jump", "A", 9)]
    assert dict(found[0].params) == {
        "slot": at(9),
        "previous_slot": at(8),
        "value": 401,
        "previous": 100,
        "increase": 301,
        "expected": 100,
    }


def test_first_report_jump_is_measured_from_opening() -> None:
    assert detect({"A": [(at(8), 500)]}, at(8)) == []
    found = detect({"A": [(at(8), 501)]}, at(8))
    assert kinds(found) == [("jump", "A", 8)]
    assert found[0].params["previous_slot"] == OPENS
    assert found[0].params["expected"] == 83


def test_flat_over_two_slots() -> None:
    series = {"A": [(at(8), 200), (at(9), 300), (at(10), 300), (at(11), 300)]}
    found = detect(series, at(11))
    assert kinds(found) == [("flat", "A", 11)]
    assert dict(found[0].params) == {"slot": at(11), "since": at(9), "value": 300, "turnout_percent": Decimal("30.00")}


def test_one_slot_without_change_is_not_flat() -> None:
    assert detect({"A": [(at(8), 200), (at(9), 300), (at(10), 300)]}, at(10)) == []


def test_flat_run_that_ended_is_not_reported() -> None:
    assert detect({"A": [(at(8), 300), (at(9), 300), (at(10), 300), (at(11), 400)]}, at(11)) == []


def test_flat_near_full_turnout_is_normal() -> None:
    series = {"A": [(at(14), 950), (at(15), 950), (at(16), 950)]}
    assert detect(series, at(16)) == []
    series = {"A": [(at(14), 949), (at(15), 949), (at(16), 949)]}
    assert kinds(detect(series, at(16))) == [("flat", "A", 16)]


def test_flat_is_not_reported_once_voting_closed() -> None:
    series = {"A": [(at(17), 800), (at(18), 800), (at(19), 800)]}
    assert detect(series, at(19)) == []


def test_flat_threshold_is_a_parameter() -> None:
    series = {"A": [(at(8), 200), (at(9), 300), (at(10), 300)]}
    assert kinds(detect(series, at(10), params=AnomalyParams(flat_slots=1))) == [("flat", "A", 10)]


def test_points_after_now_slot_are_ignored() -> None:
    series = {"A": [(at(8), 200), (at(9), 300), (at(10), 100)]}
    assert detect(series, at(9)) == []


def test_area_without_registered_count_gets_only_decrease() -> None:
    series = {"A": [(at(8), 900), (at(9), 800), (at(10), 800), (at(11), 800)]}
    assert kinds(detect(series, at(11), registered={})) == [("decrease", "A", 9)]


COMMUNE = {"A": ["A", "B", "C", "D"], "B": ["A", "C", "D"], "C": ["A", "B", "D"], "D": ["A", "B", "C"]}


def commune(a: int, b: int = 600, c: int = 620, d: int = 640) -> dict[str, list[tuple[datetime, int]]]:
    return {
        "A": [(at(9), a // 2), (at(10), a)],
        "B": [(at(9), b // 2), (at(10), b)],
        "C": [(at(9), c // 2), (at(10), c)],
        "D": [(at(9), d // 2), (at(10), d)],
    }


def test_below_neighbours() -> None:
    found = detect(commune(480), at(10), neighbours=COMMUNE)
    assert kinds(found) == [("below_neighbours", "A", 10)]
    assert dict(found[0].params) == {
        "slot": at(10),
        "turnout_percent": Decimal("48.00"),
        "median_percent": Decimal("62.00"),
        "neighbours": 3,
    }


@pytest.mark.parametrize(("a", "flagged"), [(520, False), (519, True)])
def test_below_neighbours_needs_more_than_the_points_gap(a: int, flagged: bool) -> None:
    found = detect(commune(a), at(10), neighbours=COMMUNE)
    assert kinds(found) == ([("below_neighbours", "A", 10)] if flagged else [])


@pytest.mark.parametrize(("a", "flagged"), [(690, False), (679, True)])
def test_below_neighbours_needs_to_be_under_the_ratio(a: int, flagged: bool) -> None:
    # Median 80%: 69% is 11 points under but 86% of the median; 67.9% is under 85% (68%).
    found = detect(commune(a, 780, 800, 820), at(10), neighbours=COMMUNE)
    assert kinds(found) == ([("below_neighbours", "A", 10)] if flagged else [])


def test_below_neighbours_even_count_uses_the_middle_two() -> None:
    neighbours = {"A": ["B", "C"]}
    series = commune(400, 600, 620)
    found = detect({k: series[k] for k in "ABC"}, at(10), neighbours=neighbours)
    assert [a.params["median_percent"] for a in found] == [Decimal("61.00")]


def test_below_neighbours_needs_two_neighbours_with_data() -> None:
    series = commune(100)
    series["C"] = series["C"][:1]  # no 10:00 report
    series["D"] = []
    assert detect(series, at(10), neighbours=COMMUNE) == []


def test_below_neighbours_skips_neighbours_without_registered_count() -> None:
    registered = {"A": 1000, "B": 1000}
    assert detect(commune(100), at(10), registered=registered, neighbours=COMMUNE) == []


def test_below_neighbours_needs_own_report_at_the_slot() -> None:
    series = commune(100)
    series["A"] = series["A"][:1]
    assert detect(series, at(10), neighbours=COMMUNE) == []


def test_below_neighbours_without_neighbour_map() -> None:
    assert detect(commune(100), at(10)) == []


def test_order_is_by_slot_then_area_then_kind() -> None:
    series = {
        "B": [(at(8), 100), (at(9), 1001)],
        "A": [(at(8), 300), (at(9), 250), (at(10), 250), (at(11), 250)],
        "C": [(at(8), 600)],
    }
    found = detect(series, at(11), registered={"A": 1000, "B": 1000, "C": 1000})
    assert kinds(found) == [
        ("jump", "C", 8),
        ("decrease", "A", 9),
        ("above_registered", "B", 9),
        ("jump", "B", 9),
        ("flat", "A", 11),
    ]
    assert detect(dict(reversed(series.items())), at(11), registered={"A": 1000, "B": 1000, "C": 1000}) == found
