"""Winners of a constituency under the election law."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.countsheet import CountSheetInput
from bot.domain.results import (
    Candidate,
    CandidateVotes,
    ConstituencyInput,
    ConstituencyResult,
    ContestKind,
    RoundKind,
    aggregate,
    compute_result,
    constituency_input,
)


def cand(key: str, votes: int, born: date | None = date(1970, 1, 1)) -> CandidateVotes:
    return CandidateVotes(key, f"Ứng cử viên {key.upper()}", born, votes)


def result(
    candidates: list[CandidateVotes],
    *,
    seats: int = 2,
    registered: int = 1000,
    voted: int = 990,
    valid: int = 980,
    kind: ContestKind = "hdnd",
    round_: RoundKind = "first",
) -> ConstituencyResult:
    return compute_result(ConstituencyInput(kind, seats, registered, voted, valid, candidates, round_))


def test_plain_result() -> None:
    r = result([cand("a", 700), cand("b", 900), cand("c", 300), cand("d", 500)])
    assert r.valid is True
    assert r.turnout_percent == Decimal("99.00")
    assert r.qualifying == ("b", "a", "d")
    assert r.winners == ("b", "a")
    assert r.needs is None
    assert r.tie_unresolved == ()
    assert r.seats_pending == 0
    assert r.seats_unfilled == 0
    assert [(c.key, c.votes, c.percent, c.qualifies, c.elected, c.tied) for c in r.candidates] == [
        ("b", 900, Decimal("91.84"), True, True, False),
        ("a", 700, Decimal("71.43"), True, True, False),
        ("d", 500, Decimal("51.02"), True, False, False),
        ("c", 300, Decimal("30.61"), False, False, False),
    ]


@pytest.mark.parametrize(("voted", "stands"), [(500, False), (501, True), (0, False), (1000, True)])
def test_turnout_must_be_more_than_half(voted: int, stands: bool) -> None:
    r = result([cand("a", voted), cand("b", voted)], registered=1000, voted=voted, valid=voted)
    assert r.valid is stands
    assert r.needs == (None if stands else "repeat")


def test_exactly_half_turnout_is_a_repeat_election_and_nobody_wins() -> None:
    r = result([cand("a", 500), cand("b", 400), cand("c", 300)], registered=1000, voted=500, valid=500)
    assert r.turnout_percent == Decimal("50.00")
    assert r.valid is False
    assert r.needs == "repeat"
    assert r.qualifying == ()
    assert r.winners == ()
    assert r.seats_unfilled == 2
    assert [c.percent for c in r.candidates] == [Decimal("100.00"), Decimal("80.00"), Decimal("60.00")]
    assert not any(c.qualifies or c.elected for c in r.candidates)


def test_odd_registered_half_turnout() -> None:
    assert result([cand("a", 50)], seats=1, registered=101, voted=50, valid=50).needs == "repeat"
    assert result([cand("a", 51)], seats=1, registered=101, voted=51, valid=51).needs is None


def test_repeat_election_stands_whatever_the_turnout() -> None:
    r = result([cand("a", 300), cand("b", 200)], seats=1, voted=400, valid=400, round_="repeat")
    assert r.valid is True
    assert r.turnout_percent == Decimal("40.00")
    assert r.winners == ("a",)
    assert r.needs is None


def test_repeat_election_may_still_need_an_additional_one() -> None:
    r = result([cand("a", 100), cand("b", 100)], seats=1, voted=400, valid=400, kind="na", round_="repeat")
    assert r.winners == ()
    assert r.needs == "additional"


@pytest.mark.parametrize(("votes", "qualifies"), [(490, False), (491, True), (980, True), (0, False)])
def test_more_than_half_of_valid_ballots(votes: int, qualifies: bool) -> None:
    r = result([cand("a", votes), cand("b", 980)], seats=2, valid=980)
    assert ("a" in r.qualifying) is qualifies
    assert ("a" in r.winners) is qualifies


def test_exactly_half_with_odd_valid() -> None:
    r = result([cand("a", 490), cand("b", 491)], seats=2, valid=981)
    assert r.qualifying == ("b",)
    assert [c.percent for c in r.candidates] == [Decimal("50.05"), Decimal("49.95")]


def test_all_invalid_ballots() -> None:
    r = result([cand("a", 0), cand("b", 0), cand("c", 0)], voted=990, valid=0, kind="na")
    assert r.valid is True
    assert r.qualifying == ()
    assert r.winners == ()
    assert [c.percent for c in r.candidates] == [None, None, None]
    assert r.needs == "additional"
    assert r.seats_unfilled == 2


def test_zero_listed_voters() -> None:
    r = result([cand("a", 0)], seats=1, registered=0, voted=0, valid=0)
    assert r.turnout_percent is None
    assert r.valid is False
    assert r.needs == "repeat"


def test_most_votes_win_when_more_qualify_than_seats() -> None:
    r = result([cand("a", 600), cand("b", 800), cand("c", 700)], seats=2)
    assert r.winners == ("b", "c")


def test_tie_for_the_last_seat_goes_to_the_older() -> None:
    r = result(
        [cand("a", 900), cand("b", 700, date(1980, 5, 1)), cand("c", 700, date(1975, 12, 31))],
        seats=2,
    )
    assert r.winners == ("a", "c")
    assert r.tie_unresolved == ()
    assert [c.key for c in r.candidates] == ["a", "c", "b"]
    assert r.needs is None


def test_older_by_one_day() -> None:
    r = result([cand("b", 700, date(1975, 1, 2)), cand("c", 700, date(1975, 1, 1))], seats=1)
    assert r.winners == ("c",)


def test_tie_within_seats_needs_no_age() -> None:
    r = result([cand("a", 700, None), cand("b", 700, None), cand("c", 600)], seats=2)
    assert r.winners == ("a", "b")
    assert r.tie_unresolved == ()


def test_same_birth_date_tie_is_not_guessed() -> None:
    born = date(1970, 3, 3)
    r = result([cand("a", 900), cand("b", 700, born), cand("c", 700, born)], seats=2, kind="na")
    assert r.winners == ("a",)
    assert r.tie_unresolved == ("b", "c")
    assert r.seats_pending == 1
    assert r.seats_unfilled == 0
    assert r.needs is None  # the pending seat will be filled by one of the tied candidates
    assert [(c.key, c.elected, c.tied) for c in r.candidates] == [
        ("a", True, False),
        ("b", False, True),
        ("c", False, True),
    ]


def test_unknown_birth_date_tie_is_not_guessed() -> None:
    r = result([cand("a", 900), cand("b", 700, None), cand("c", 700, date(1960, 1, 1))], seats=2)
    assert r.winners == ("a",)
    assert r.tie_unresolved == ("c", "b")
    assert r.seats_pending == 1


def test_three_tied_for_two_seats_older_wins_then_same_age() -> None:
    r = result(
        [
            cand("a", 800, date(1990, 1, 1)),
            cand("b", 800, date(1960, 1, 1)),
            cand("c", 800, date(1990, 1, 1)),
            cand("d", 900),
        ],
        seats=3,
    )
    assert r.winners == ("d", "b")
    assert r.tie_unresolved == ("a", "c")
    assert r.seats_pending == 1


def test_three_tied_for_two_seats_resolved_by_age() -> None:
    r = result(
        [cand("a", 800, date(1990, 1, 1)), cand("b", 800, date(1960, 1, 1)), cand("c", 800, date(1970, 1, 1))],
        seats=2,
    )
    assert r.winners == ("b", "c")
    assert r.tie_unresolved == ()


def test_tie_below_the_last_seat_is_irrelevant() -> None:
    born = date(1970, 3, 3)
    r = result([cand("a", 900), cand("b", 800), cand("c", 700, born), cand("d", 700, born)], seats=2)
    assert r.winners == ("a", "b")
    assert r.tie_unresolved == ()


def test_tie_among_non_qualifying_is_irrelevant() -> None:
    r = result([cand("a", 900), cand("b", 100, None), cand("c", 100, None)], seats=2, kind="na")
    assert r.winners == ("a",)
    assert r.tie_unresolved == ()
    assert r.needs == "additional"


@pytest.mark.parametrize(
    ("kind", "seats", "winners", "needs"),
    [
        ("na", 1, 0, "additional"),
        ("na", 1, 1, None),
        ("na", 2, 1, "additional"),
        ("na", 2, 2, None),
        ("na", 3, 2, "additional"),
        ("na", 3, 3, None),
        ("hdnd", 1, 0, "additional"),
        ("hdnd", 1, 1, None),
        ("hdnd", 2, 1, "additional"),  # 1 < 4/3
        ("hdnd", 2, 2, None),
        ("hdnd", 3, 1, "additional"),
        ("hdnd", 3, 2, None),  # exactly two thirds is enough
        ("hdnd", 4, 2, "additional"),  # 2 < 8/3
        ("hdnd", 4, 3, None),
        ("hdnd", 5, 3, "additional"),  # 3 < 10/3
        ("hdnd", 5, 4, None),
        ("hdnd", 5, 5, None),
        ("na", 4, 3, "additional"),
        ("na", 5, 4, "additional"),
    ],
)
def test_additional_election_thresholds(kind: ContestKind, seats: int, winners: int, needs: str | None) -> None:
    candidates = [cand(f"w{i}", 900) for i in range(winners)] + [cand(f"l{i}", 100) for i in range(seats + 2)]
    r = result(candidates, seats=seats, kind=kind)
    assert len(r.winners) == winners
    assert r.needs == needs
    assert r.seats_unfilled == seats - winners


def test_no_second_additional_election() -> None:
    r = result([cand("a", 100), cand("b", 100)], seats=2, kind="na", round_="additional")
    assert r.winners == ()
    assert r.needs is None
    assert r.seats_unfilled == 2


def test_additional_round_still_needs_more_than_half_turnout() -> None:
    r = result([cand("a", 400)], seats=1, voted=500, valid=500, round_="additional")
    assert r.needs == "repeat"


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(2, 3, "66.67"), (1, 8, "12.50"), (1, 800, "0.13"), (7, 800, "0.88"), (1, 3, "33.33"), (1, 1, "100.00")],
)
def test_percentages_round_half_up(part: int, whole: int, expected: str) -> None:
    r = result([cand("a", part)], seats=1, registered=whole, voted=part, valid=whole)
    assert str(r.candidates[0].percent) == expected
    assert str(r.turnout_percent) == expected


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        result([cand("a", 1)], seats=0)
    with pytest.raises(ValueError):
        result([cand("a", -1)])
    with pytest.raises(ValueError):
        result([], voted=-1)


def test_no_candidates() -> None:
    r = result([], seats=1, kind="na")
    assert r.winners == ()
    assert r.needs == "additional"


# --- aggregate ------------------------------------------------------------------------------------------------------


def sheet(
    total: int, voted: int, valid: int, invalid: int, votes: dict[str, int | None], seats: int = 2
) -> CountSheetInput:
    return CountSheetInput(
        total_voters=total,
        voted=voted,
        ballots_issued=voted,
        ballots_received=valid + invalid,
        valid=valid,
        invalid=invalid,
        votes=votes,
        seats=seats,
    )


def test_aggregate_sums_every_field() -> None:
    total = aggregate([sheet(500, 480, 470, 10, {"a": 400, "b": 300}), sheet(300, 290, 288, 2, {"b": 250, "a": 100})])
    assert total == CountSheetInput(
        total_voters=800,
        voted=770,
        ballots_issued=770,
        ballots_received=770,
        valid=758,
        invalid=12,
        votes={"a": 500, "b": 550},
        seats=2,
    )


def test_aggregate_then_compute() -> None:
    total = aggregate(
        [
            sheet(500, 480, 470, 10, {"a": 400, "b": 300, "c": 50}),
            sheet(300, 290, 288, 2, {"a": 100, "b": 250, "c": 30}),
        ]
    )
    people = [Candidate("a", "A", date(1970, 1, 1)), Candidate("b", "B", date(1980, 1, 1)), Candidate("c", "C", None)]
    data = constituency_input("hdnd", total, people)
    assert data == ConstituencyInput(
        "hdnd",
        2,
        800,
        770,
        758,
        [
            CandidateVotes("a", "A", date(1970, 1, 1), 500),
            CandidateVotes("b", "B", date(1980, 1, 1), 550),
            CandidateVotes("c", "C", None, 80),
        ],
    )
    r = compute_result(data)
    assert r.winners == ("b", "a")
    assert r.turnout_percent == Decimal("96.25")


@pytest.mark.parametrize(
    "sheets",
    [
        [],
        [sheet(1, 1, 1, 0, {"a": 1}, seats=1), sheet(1, 1, 1, 0, {"a": 1}, seats=2)],
        [sheet(1, 1, 1, 0, {"a": 1}), sheet(1, 1, 1, 0, {"a": None})],
        [sheet(1, 1, 1, 0, {"a": 1}), sheet(1, 1, 1, 0, {"b": 1})],
        [CountSheetInput(total_voters=1, seats=2)],
    ],
)
def test_aggregate_refuses_incomplete_reports(sheets: list[CountSheetInput]) -> None:
    with pytest.raises(ValueError):
        aggregate(sheets)


def test_constituency_input_refuses_missing_figures() -> None:
    with pytest.raises(ValueError):
        constituency_input("na", CountSheetInput(seats=1), [])
    with pytest.raises(ValueError):
        constituency_input("na", sheet(1, 1, 1, 0, {}), [Candidate("a", "A", None)])
