"""Telegram-free parts of the chair capability: digests, summaries, scheduling times, exports, results."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.domain.chair_digest import AlertItem, ChairRecipient, plan_digests
from bot.domain.chair_export import CHECKINS, INCIDENTS, SHEETS, VOTES, make_sheets, write_csv, write_xlsx
from bot.domain.chair_results import Figures, check_figures, from_figures, from_sheets
from bot.domain.chair_schedule import parse_when
from bot.domain.chair_summary import AreaFigure, summarize, turnout_curves
from bot.domain.countsheet import CountSheetInput
from bot.domain.problems import Problem
from bot.domain.results import Candidate

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2021, 5, 23, 10, 5, tzinfo=TZ)


# --- digests --------------------------------------------------------------------------------------------------------


def _alert(i: int, unit: int) -> AlertItem:
    return AlertItem(i, "incident", unit, 0, 1, "KV 1", "C1-01", "Đồng Lạc", None, NOW)


def test_one_digest_per_chair_with_all_their_alerts() -> None:
    commune, district = ChairRecipient(10, 10, "vi"), ChairRecipient(20, 20, "en")
    alerts = [_alert(1, 3), _alert(2, 2), _alert(3, 3), _alert(4, 2), _alert(5, 99)]
    plan = plan_digests(alerts, [(3, commune), (2, district)])
    by_user = {d.recipient.user_id: [a.id for a in d.alerts] for d in plan.digests}
    assert by_user == {10: [1, 3], 20: [2, 4]}
    # the alert of a unit without a chair is marked dispatched too: nobody can be told
    assert sorted(plan.dispatched) == [1, 2, 3, 4, 5]
    keys = {d.key for d in plan.digests}
    assert keys == {"digest:10:1-3", "digest:20:2-4"}


def test_a_chair_of_two_units_gets_one_digest() -> None:
    chair = ChairRecipient(10, 10, "vi")
    plan = plan_digests([_alert(1, 3), _alert(2, 4)], [(3, chair), (4, chair)])
    assert len(plan.digests) == 1 and [a.id for a in plan.digests[0].alerts] == [1, 2]


def test_digest_limit_leaves_the_rest_for_the_next_tick() -> None:
    a, b = ChairRecipient(10, 10, "vi"), ChairRecipient(11, 11, "vi")
    alerts = [_alert(i, 3) for i in range(1, 8)]
    plan = plan_digests(alerts, [(3, a), (3, b)], limit=5)
    assert [len(d.alerts) for d in plan.digests] == [5, 5]
    assert list(plan.dispatched) == [1, 2, 3, 4, 5]


# --- summaries ------------------------------------------------------------------------------------------------------


def test_summary_totals_lowest_and_missing() -> None:
    areas = [
        AreaFigure(1, 100, 400, 200, True),
        AreaFigure(2, 100, 300, 150, False),
        AreaFigure(3, 200, 900, 810, True),
        AreaFigure(4, 200, 1000, None, False),
        AreaFigure(5, 300, 500, 490, True),
    ]
    s = summarize(1, "huyện X", areas, {100: "A", 200: "B", 300: "C", 400: "D"})
    assert (s.total.registered, s.total.voted, s.total.areas, s.total.reported) == (3100, 1650, 5, 3)
    assert s.total.turnout == Decimal("53.23")
    by_key = {g.key: g for g in s.groups}
    assert by_key[100].turnout == Decimal("50.00") and by_key[100].missing == 1
    assert by_key[200].turnout == Decimal("42.63")
    assert by_key[400].areas == 0 and by_key[400].turnout is None
    assert [g.name for g in s.lowest(2)] == ["B", "A"]
    assert [g.name for g in s.lowest()] == ["B", "A", "C"]  # groups without areas are not ranked


def test_turnout_curves_carry_the_latest_figure_forward() -> None:
    s8, s9, s10 = (datetime(2021, 5, 23, h, tzinfo=TZ) for h in (8, 9, 10))
    series = {1: [(s8, 100), (s10, 300)], 2: [(s9, 50)]}
    curves = turnout_curves(series, {1: 7, 2: 7, 3: 8}, {1: 400, 2: 100, 3: 200}, [s8, s9, s10])
    assert curves[7] == [Decimal("20.00"), Decimal("30.00"), Decimal("70.00")]
    assert curves[8] == [Decimal("0.00")] * 3


# --- scheduling times --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:30", datetime(2021, 5, 23, 18, 30, tzinfo=TZ)),
        ("18h30", datetime(2021, 5, 23, 18, 30, tzinfo=TZ)),
        ("18h", datetime(2021, 5, 23, 18, 0, tzinfo=TZ)),
        ("23/5 18:30", datetime(2021, 5, 23, 18, 30, tzinfo=TZ)),
        ("18:30 24/5", datetime(2021, 5, 24, 18, 30, tzinfo=TZ)),
        ("lúc 7:05 ngày 24/5/2021", datetime(2021, 5, 24, 7, 5, tzinfo=TZ)),
        ("24/05/21 07:00", datetime(2021, 5, 24, 7, 0, tzinfo=TZ)),
    ],
)
def test_parse_when(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, TZ) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "when_empty"),
        ("chiều nay", "when_format"),
        ("25:00", "when_format"),
        ("31/2 10:00", "when_format"),
        ("09:00", "when_past"),
        ("10:05", "when_past"),
        ("23/5/2020 18:00", "when_past"),
        ("1/12 10:00", "when_far"),
    ],
)
def test_parse_when_problems(text: str, code: str) -> None:
    got = parse_when(text, NOW, TZ)
    assert isinstance(got, Problem) and got.code == code


def test_parse_when_works_in_utc_now() -> None:
    assert parse_when("10:06", NOW.astimezone(UTC), TZ) == NOW + timedelta(minutes=1)


# --- exports ----------------------------------------------------------------------------------------------------------


def test_export_sheets_xlsx_and_csv() -> None:
    from openpyxl import load_workbook

    at = datetime(2021, 5, 23, 9, 0)
    rows = {
        CHECKINS: [("Đồng Lạc", "C1-01", "KV 1", at, 120, 400, 30.0, at, "Không", "Có", "Lan")],
        INCIDENTS: [],
        SHEETS: [("Đồng Lạc", "C1-01", "KV 1", "QH", "ĐV 1", 1, "Đã khóa", 400, 390, 390, 390, 380, 10, at)],
        VOTES: [("Đồng Lạc", "C1-01", "ĐV 1", 1, "Đã khóa", "na-1-1", "Nguyễn Văn An", 300)],
    }
    sheets = make_sheets(rows, lambda s: s)
    wb = load_workbook(io.BytesIO(write_xlsx(sheets)))
    assert wb.sheetnames == ["Báo cáo cử tri", "Sự cố", "Biên bản kiểm phiếu", "Số phiếu bầu"]
    ws = wb["Báo cáo cử tri"]
    assert ws.cell(1, 1).value == "Xã/phường/thị trấn" and ws.cell(2, 5).value == 120
    assert ws.cell(2, 4).value == at
    assert wb["Sự cố"].max_row == 1
    text = write_csv(sheets[3]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][-2:] == ["Nguyễn Văn An", "300"]
    with pytest.raises(ValueError, match="columns"):
        make_sheets({CHECKINS: [("too", "short")]}, lambda s: s)


# --- results ----------------------------------------------------------------------------------------------------------

CANDS = [
    Candidate("a", "An", date(1970, 1, 1)),
    Candidate("b", "Bình", date(1980, 1, 1)),
    Candidate("c", "Cường", date(1975, 1, 1)),
    Candidate("d", "Dung", date(1985, 1, 1)),
]


def _sheet(total: int, voted: int, valid: int, invalid: int, votes: dict[str, int], seats: int = 2) -> CountSheetInput:
    return CountSheetInput(
        total_voters=total,
        voted=voted,
        ballots_issued=voted,
        ballots_received=voted,
        valid=valid,
        invalid=invalid,
        votes=votes,
        seats=seats,
    )


def test_results_from_sheets_percentages_and_winners() -> None:
    sheets = [
        _sheet(400, 390, 380, 10, {"a": 300, "b": 200, "c": 150, "d": 50}),
        _sheet(300, 299, 299, 0, {"a": 200, "b": 160, "c": 200, "d": 10}),
    ]
    data = from_sheets("hdnd", 2, sheets, CANDS, areas_total=3)
    assert data is not None
    assert (data["registered"], data["voted"], data["valid"], data["invalid"]) == (700, 689, 679, 10)
    assert data["turnout_percent"] == "98.43"
    assert data["complete"] is False and data["areas_in"] == 2
    by_key = {c["key"]: c for c in data["candidates"]}
    assert by_key["a"]["votes"] == 500 and by_key["a"]["percent"] == "73.64"
    assert by_key["b"]["percent"] == "53.02"  # 360/679 = 53.019...
    assert by_key["c"]["percent"] == "51.55"  # 350/679 = 51.546...
    assert data["winners"] == ["a", "b"] and data["needs"] is None and data["stands"] is True
    assert [c["key"] for c in data["candidates"]] == ["a", "b", "c", "d"]


def test_results_half_up_rounding() -> None:
    # 1/8 = 12.5 %, 1/800 = 0.125 % -> 0.13
    data = from_figures("na", 1, Figures(1000, 800, 800, 0, {"a": 100, "b": 1, "c": 699}), CANDS[:3])
    by_key = {c["key"]: c for c in data["candidates"]}
    assert by_key["a"]["percent"] == "12.50" and by_key["b"]["percent"] == "0.13"
    assert data["winners"] == ["c"]


def test_results_tie_for_the_last_seat_goes_to_the_older() -> None:
    data = from_figures("hdnd", 2, Figures(1000, 900, 900, 0, {"a": 800, "b": 600, "c": 600, "d": 10}), CANDS)
    assert data["winners"] == ["a", "c"]  # Cường (1975) is older than Bình (1980)
    assert data["tie_unresolved"] == []


def test_results_unresolved_tie_same_birth_date() -> None:
    twins = [
        Candidate("a", "An", date(1970, 1, 1)),
        Candidate("b", "Bình", date(1980, 1, 1)),
        Candidate("c", "Cường", date(1980, 1, 1)),
    ]
    data = from_figures("hdnd", 2, Figures(1000, 900, 900, 0, {"a": 800, "b": 600, "c": 600}), twins)
    assert data["winners"] == ["a"] and sorted(data["tie_unresolved"]) == ["b", "c"] and data["seats_pending"] == 1


def test_results_repeat_when_turnout_not_over_half() -> None:
    data = from_figures("na", 2, Figures(1000, 500, 480, 20, {"a": 400, "b": 300, "c": 100}), CANDS[:3])
    assert data["stands"] is False and data["needs"] == "repeat" and data["winners"] == []
    assert data["turnout_percent"] == "50.00"


def test_results_additional_election() -> None:
    # NA, 2 seats, only one passes half of valid ballots
    data = from_figures("na", 2, Figures(1000, 900, 900, 0, {"a": 800, "b": 400, "c": 300}), CANDS[:3])
    assert data["winners"] == ["a"] and data["needs"] == "additional" and data["seats_unfilled"] == 1
    # HĐND, 3 seats, 2 winners is two thirds: enough
    data = from_figures("hdnd", 3, Figures(1000, 900, 900, 0, {"a": 800, "b": 700, "c": 300, "d": 200}), CANDS)
    assert data["needs"] is None


def test_check_imported_figures() -> None:
    good = Figures(1000, 900, 880, 20, {"a": 800, "b": 50})
    assert check_figures(good, 1, ["a", "b"]) == []
    bad = Figures(1000, 1100, 1000, 200, {"a": 1200, "x": 1})
    problems = " | ".join(check_figures(bad, 1, ["a", "b"]))
    for expected in (
        "more than registered",
        "valid + invalid",
        "no votes for candidate(s) b",
        "x are not",
        "more votes than valid",
    ):
        assert expected in problems


def test_cli_parser_has_the_chair_commands() -> None:
    from bot.cli import build_parser
    from bot.cli_chair import cmd_export, cmd_results

    args = build_parser().parse_args(["export", "--unit", "C1", "--format", "csv", "--out", "x"])
    assert (args.func, args.unit, args.format, args.out, args.lang) == (cmd_export, "C1", "csv", "x", "vi")
    args = build_parser().parse_args(["results", "import", "ketqua.xlsx"])
    assert (args.func, args.path) == (cmd_results, "ketqua.xlsx")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--format", "pdf"])
