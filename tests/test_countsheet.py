"""Count report (biên bản kết quả kiểm phiếu) arithmetic."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from bot.domain.countsheet import (
    NUMBER_FIELDS,
    CandidateRef,
    CountSheetInput,
    candidate_of,
    check_field,
    check_sheet,
    entry_order,
    summary,
    vote_field,
)
from bot.domain.problems import Problem
from tests.domain_asserts import assert_all_format

CANDIDATES = [
    CandidateRef("c", 3, "Lê Văn C"),
    CandidateRef("a", 1, "Nguyễn Thị A"),
    CandidateRef("b", 2, "Trần Văn B"),
]
GOOD = CountSheetInput(
    total_voters=500,
    voted=480,
    ballots_issued=480,
    ballots_received=480,
    valid=470,
    invalid=10,
    votes={"a": 400, "b": 300, "c": 200},
    seats=2,
)


def check(sheet: CountSheetInput, **kwargs: object) -> list[Problem]:
    problems = check_sheet(sheet, candidates=CANDIDATES, **kwargs)  # type: ignore[arg-type]
    assert_all_format(problems)
    return problems


def codes(problems: list[Problem]) -> list[tuple[str, str | None, str]]:
    return [(p.code, p.field, p.severity) for p in problems]


def test_entry_order_follows_the_printed_report() -> None:
    assert entry_order(CANDIDATES) == [
        "total_voters",
        "voted",
        "ballots_issued",
        "ballots_received",
        "valid",
        "invalid",
        "votes:a",
        "votes:b",
        "votes:c",
    ]
    assert entry_order([]) == list(NUMBER_FIELDS)


def test_vote_field_names() -> None:
    assert vote_field("k1") == "votes:k1"
    assert candidate_of("votes:k1") == "k1"
    assert candidate_of("valid") is None


def test_get_and_with_value() -> None:
    assert GOOD.get("valid") == 470
    assert GOOD.get("votes:b") == 300
    assert GOOD.get("votes:zzz") is None
    assert GOOD.with_value("votes:b", 1).votes == {"a": 400, "b": 1, "c": 200}
    assert GOOD.with_value("invalid", None).invalid is None
    assert GOOD.votes["b"] == 300  # unchanged: the sheet is immutable
    with pytest.raises(KeyError):
        GOOD.get("seats")
    with pytest.raises(KeyError):
        GOOD.with_value("nonsense", 1)


def test_good_sheet_has_no_problem() -> None:
    assert check(GOOD, registered=500, checkin_final=480) == []


def test_empty_sheet_lists_every_missing_figure_in_entry_order() -> None:
    problems = check(CountSheetInput(seats=2))
    assert [(p.code, p.field) for p in problems] == [
        ("missing", "total_voters"),
        ("missing", "voted"),
        ("missing", "ballots_issued"),
        ("missing", "ballots_received"),
        ("missing", "valid"),
        ("missing", "invalid"),
        ("missing_votes", "votes:a"),
        ("missing_votes", "votes:b"),
        ("missing_votes", "votes:c"),
    ]
    assert dict(problems[6].params) == {"name": "Nguyễn Thị A", "ballot_order": 1}
    assert len({p.message for p in problems[:6]}) == 6


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"voted": 501},
            [
                ("voted_gt_total", "voted", "error"),
                ("received_lt_voted", "ballots_received", "confirm"),
                ("issued_lt_voted", "ballots_issued", "confirm"),
            ],
        ),
        (
            {"ballots_received": 481, "valid": 471},
            [("received_gt_issued", "ballots_received", "error"), ("received_gt_voted", "ballots_received", "confirm")],
        ),
        ({"invalid": 11}, [("valid_invalid_ne_received", "invalid", "error")]),
        ({"votes": {"a": 471, "b": 300, "c": 100}}, [("candidate_gt_valid", "votes:a", "error")]),
        ({"votes": {"a": 470, "b": 470, "c": 1}}, [("votes_sum_gt_max", None, "error")]),
        ({"votes": {"a": 400, "b": 60, "c": 9}}, [("votes_sum_lt_valid", None, "error")]),
        ({"ballots_received": 470, "valid": 460}, [("received_lt_voted", "ballots_received", "confirm")]),
        (
            {"ballots_issued": 479, "ballots_received": 479, "valid": 469},
            [("issued_lt_voted", "ballots_issued", "confirm"), ("received_lt_voted", "ballots_received", "confirm")],
        ),
    ],
)
def test_rules(changes: dict[str, object], expected: list[tuple[str, str | None, str]]) -> None:
    sheet = replace(GOOD, **changes)  # type: ignore[arg-type]
    problems = check(sheet)
    # errors first, then questions in the order of the report
    assert sorted(codes(problems), key=lambda c: c[2] == "confirm") == codes(problems)
    assert sorted(codes(problems)) == sorted(expected)


def test_rule_params() -> None:
    by_code = {
        p.code: dict(p.params)
        for sheet in [
            replace(GOOD, voted=501),
            replace(GOOD, ballots_received=490, ballots_issued=485),
            replace(GOOD, invalid=11),
            replace(GOOD, votes={"a": 471, "b": 300, "c": 100}),
            replace(GOOD, votes={"a": 470, "b": 470, "c": 1}),
            replace(GOOD, votes={"a": 400, "b": 60, "c": 9}),
        ]
        for p in check(sheet, registered=499, checkin_final=479)
    }
    assert by_code["voted_gt_total"] == {"voted": 501, "total_voters": 500}
    assert by_code["received_gt_issued"] == {"ballots_received": 490, "ballots_issued": 485}
    assert by_code["valid_invalid_ne_received"] == {
        "valid": 470,
        "invalid": 11,
        "counted": 481,
        "ballots_received": 480,
    }
    assert by_code["candidate_gt_valid"] == {"name": "Nguyễn Thị A", "ballot_order": 1, "votes": 471, "valid": 470}
    assert by_code["votes_sum_gt_max"] == {"total_votes": 941, "maximum": 940, "valid": 470, "seats": 2}
    assert by_code["votes_sum_lt_valid"] == {"total_votes": 469, "valid": 470}
    assert by_code["total_ne_registered"] == {"total_voters": 500, "registered": 499}
    assert by_code["voted_ne_checkin"] == {"voted": 480, "checkin_final": 479}
    assert by_code["received_gt_voted"] == {"ballots_received": 490, "voted": 480}


@pytest.mark.parametrize(
    ("votes", "ok"),
    [
        ({"a": 470, "b": 470, "c": 0}, True),  # exactly valid × seats
        ({"a": 470, "b": 0, "c": 0}, True),  # exactly valid: one name kept on every ballot
        ({"a": 470, "b": 469, "c": 2}, False),
        ({"a": 469, "b": 0, "c": 0}, False),
    ],
)
def test_votes_sum_bounds_are_inclusive(votes: dict[str, int], ok: bool) -> None:
    assert (check(replace(GOOD, votes=votes)) == []) is ok


def test_candidate_equal_to_valid_is_fine() -> None:
    assert check(replace(GOOD, votes={"a": 470, "b": 100, "c": 0})) == []


def test_equalities_are_fine() -> None:
    sheet = replace(GOOD, total_voters=480, ballots_issued=480)
    assert check(sheet, registered=480, checkin_final=480) == []


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"registered": 520}, [("total_ne_registered", "total_voters", "confirm")]),
        ({"registered": 480}, [("total_ne_registered", "total_voters", "confirm")]),
        ({"checkin_final": 478}, [("voted_ne_checkin", "voted", "confirm")]),
        ({"checkin_final": 481}, [("voted_ne_checkin", "voted", "confirm")]),
    ],
)
def test_consistency_with_other_data_asks_to_confirm(
    kwargs: dict[str, int], expected: list[tuple[str, str | None, str]]
) -> None:
    assert codes(check(GOOD, **kwargs)) == expected


@pytest.mark.parametrize("bad", [-1, 1.5, "12", True, Decimal("3")])
def test_each_number_is_a_non_negative_whole_number(bad: object) -> None:
    problems = check(replace(GOOD, voted=bad))  # type: ignore[arg-type]
    assert codes(problems) == [("negative" if bad == -1 else "not_whole_number", "voted", "error")]


def test_bad_candidate_number() -> None:
    problems = check(replace(GOOD, votes={"a": -3, "b": 300, "c": 200}))
    assert [(p.code, p.field) for p in problems] == [("negative", "votes:a")]


def test_missing_figures_do_not_take_part_in_rules() -> None:
    sheet = replace(GOOD, ballots_received=None, votes={"a": 400})
    problems = check(sheet, registered=500, checkin_final=480)
    assert [(p.code, p.field) for p in problems] == [
        ("missing", "ballots_received"),
        ("missing_votes", "votes:b"),
        ("missing_votes", "votes:c"),
    ]


def test_unknown_candidate_votes_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check(replace(GOOD, votes={**GOOD.votes, "zzz": 1}))


def test_seats_must_be_positive() -> None:
    with pytest.raises(ValueError):
        check(replace(GOOD, seats=0))


# --- check_field: the guided entry ----------------------------------------------------------------------------------


def field_check(name: str, value: int, sheet: CountSheetInput, **kwargs: object) -> list[Problem]:
    problems = check_field(name, value, sheet, candidates=CANDIDATES, **kwargs)  # type: ignore[arg-type]
    assert_all_format(problems)
    assert all(p.field == name for p in problems)
    return problems


def field_codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.code, p.severity) for p in problems]


def partial(*names: str) -> CountSheetInput:
    """GOOD with only ``names`` typed."""
    sheet = CountSheetInput(seats=2)
    for name in names:
        sheet = sheet.with_value(name, GOOD.get(name))
    return sheet


def test_first_field_alone_has_nothing_to_compare() -> None:
    assert field_check("total_voters", 500, partial()) == []
    assert field_check("invalid", 10_000, partial()) == []


def test_total_voters_against_registered_asks_at_once() -> None:
    assert field_codes(field_check("total_voters", 501, partial(), registered=500)) == [
        ("total_ne_registered", "confirm")
    ]


def test_voted_above_total_is_said_at_once() -> None:
    problems = field_check("voted", 501, partial("total_voters"))
    assert field_codes(problems) == [("voted_gt_total", "error")]
    assert dict(problems[0].params) == {"voted": 501, "total_voters": 500}


def test_voted_against_checkin() -> None:
    assert field_codes(field_check("voted", 470, partial("total_voters"), checkin_final=480)) == [
        ("voted_ne_checkin", "confirm")
    ]


def test_received_above_issued_is_said_at_once() -> None:
    problems = field_check("ballots_received", 481, partial("total_voters", "voted", "ballots_issued"))
    assert field_codes(problems) == [("received_gt_issued", "error"), ("received_gt_voted", "confirm")]


def test_received_below_voted_asks_to_confirm() -> None:
    problems = field_check("ballots_received", 479, partial("total_voters", "voted", "ballots_issued"))
    assert field_codes(problems) == [("received_lt_voted", "confirm")]


def test_valid_above_received_before_invalid_is_typed() -> None:
    typed = partial("total_voters", "voted", "ballots_issued", "ballots_received")
    assert field_check("valid", 480, typed) == []
    problems = field_check("valid", 481, typed)
    assert field_codes(problems) == [("valid_gt_received", "error")]
    assert dict(problems[0].params) == {"valid": 481, "ballots_received": 480}


def test_invalid_above_received_when_valid_is_not_typed() -> None:
    problems = field_check("invalid", 481, partial("ballots_received"))
    assert field_codes(problems) == [("invalid_gt_received", "error")]


def test_invalid_completes_the_sum() -> None:
    typed = partial(*NUMBER_FIELDS[:5])
    assert field_check("invalid", 10, typed) == []
    assert field_codes(field_check("invalid", 9, typed)) == [("valid_invalid_ne_received", "error")]


def test_correcting_an_earlier_field_reports_against_later_ones() -> None:
    problems = field_check("ballots_received", 470, GOOD)
    assert field_codes(problems) == [("valid_invalid_ne_received", "error"), ("received_lt_voted", "confirm")]


def test_candidate_above_valid() -> None:
    problems = field_check("votes:a", 471, partial(*NUMBER_FIELDS))
    assert field_codes(problems) == [("candidate_gt_valid", "error")]
    assert problems[0].params["name"] == "Nguyễn Thị A"


def test_partial_vote_sum_already_too_big() -> None:
    typed = partial(*NUMBER_FIELDS).with_value("votes:a", 470)
    assert field_check("votes:b", 470, typed) == []
    assert field_codes(field_check("votes:b", 470, typed.with_value("votes:c", 1))) == [("votes_sum_gt_max", "error")]


def test_vote_sum_too_small_only_when_all_candidates_are_typed() -> None:
    typed = partial(*NUMBER_FIELDS).with_value("votes:a", 100)
    assert field_check("votes:b", 100, typed) == []
    assert field_codes(field_check("votes:c", 100, typed.with_value("votes:b", 100))) == [
        ("votes_sum_lt_valid", "error")
    ]


def test_field_check_of_a_negative_value() -> None:
    assert field_codes(field_check("voted", -1, partial("total_voters"))) == [("negative", "error")]


def test_field_check_unknown_candidate() -> None:
    with pytest.raises(ValueError):
        check_field("votes:zzz", 1, GOOD, candidates=CANDIDATES)
    with pytest.raises(KeyError):
        check_field("seats", 1, GOOD, candidates=CANDIDATES)


def test_every_code_is_reachable_and_formats() -> None:
    seen: set[str] = set()
    sheets = [
        CountSheetInput(seats=1),
        replace(GOOD, voted=501),
        replace(GOOD, ballots_received=490, ballots_issued=485),
        replace(GOOD, invalid=11),
        replace(GOOD, invalid=None, valid=481),
        replace(GOOD, valid=None, invalid=481),
        replace(GOOD, votes={"a": 471, "b": 300, "c": 100}),
        replace(GOOD, votes={"a": 470, "b": 470, "c": 1}),
        replace(GOOD, votes={"a": 1, "b": 1, "c": 1}),
        replace(GOOD, voted=-1),
        replace(GOOD, voted=1.5),  # type: ignore[arg-type]
        replace(GOOD, ballots_issued=470, ballots_received=470, valid=460),
    ]
    for sheet in sheets:
        seen |= {p.code for p in check(sheet, registered=1, checkin_final=1)}
    assert seen == {
        "missing",
        "missing_votes",
        "not_whole_number",
        "negative",
        "voted_gt_total",
        "received_gt_issued",
        "valid_invalid_ne_received",
        "valid_gt_received",
        "invalid_gt_received",
        "candidate_gt_valid",
        "votes_sum_gt_max",
        "votes_sum_lt_valid",
        "total_ne_registered",
        "voted_ne_checkin",
        "issued_lt_voted",
        "received_lt_voted",
        "received_gt_voted",
    }


# --- summary --------------------------------------------------------------------------------------------------------


def test_summary_of_a_full_sheet() -> None:
    result = summary(GOOD, CANDIDATES)
    assert result.turnout_percent == Decimal("96.00")
    assert result.valid_percent == Decimal("97.92")  # 470/480 = 97.9166…
    assert result.invalid_percent == Decimal("2.08")  # 10/480 = 2.0833…
    assert result.total_votes == 900
    assert result.candidate_percent == {"a": Decimal("85.11"), "b": Decimal("63.83"), "c": Decimal("42.55")}
    assert list(result.candidate_percent) == ["a", "b", "c"]


def test_summary_rounds_half_up() -> None:
    sheet = CountSheetInput(
        total_voters=8, voted=1, ballots_received=800, valid=799, invalid=1, votes={"x": 1}, seats=1
    )
    result = summary(sheet)
    assert result.turnout_percent == Decimal("12.50")
    assert result.invalid_percent == Decimal("0.13")  # 0.125
    assert result.valid_percent == Decimal("99.88")  # 99.875
    assert result.candidate_percent == {"x": Decimal("0.13")}  # 1/799 = 0.1251…


def test_summary_of_a_partial_or_empty_sheet() -> None:
    result = summary(CountSheetInput(total_voters=0, voted=0, valid=0, votes={"a": 0, "b": None}, seats=1))
    assert result.turnout_percent is None
    assert result.valid_percent is None
    assert result.invalid_percent is None
    assert result.total_votes is None
    assert result.candidate_percent == {"a": None, "b": None}
