"""Who is elected in a constituency (đơn vị bầu cử), under the election law.

- The result stands only if more than half of the listed voters voted; otherwise a repeat election (bầu cử lại)
  is needed. A repeat election's result stands whatever the turnout.
- A winner needs more than half of the valid ballots; if more qualify than seats, most votes win; a tie for the
  last seat goes to the older candidate. A tie age cannot settle (same or unknown birth date) is reported, not
  guessed.
- An additional election (bầu cử thêm) is needed for the National Assembly when fewer winners than seats, for a
  People's Council when fewer than two thirds of the seats are filled, i.e. ``3 × filled < 2 × seats``: "chưa đủ
  hai phần ba" means two thirds exactly is enough (3 seats: 2 winners suffice; 4 seats need 3; 5 seats need 4).
  There is no second additional election.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from .countsheet import NUMBER_FIELDS, CountSheetInput
from .problems import percent

ContestKind = Literal["na", "hdnd"]
RoundKind = Literal["first", "additional", "repeat"]
Needs = Literal["repeat", "additional"]


@dataclass(frozen=True)
class Candidate:
    """A candidate on the constituency's list."""

    key: str
    name: str
    date_of_birth: date | None


@dataclass(frozen=True)
class CandidateVotes:
    """A candidate and the votes they received in the whole constituency."""

    key: str
    name: str
    date_of_birth: date | None
    votes: int


@dataclass(frozen=True)
class ConstituencyInput:
    """The figures of one constituency, summed over its polling areas.

    ``round`` is "repeat" for a bầu cử lại (its result stands whatever the turnout) and "additional" for a bầu cử
    thêm (``seats`` then counts only the seats still open, and no further additional election follows).
    """

    kind: ContestKind
    seats: int
    registered: int
    voted: int
    valid: int
    candidates: Sequence[CandidateVotes]
    round: RoundKind = "first"


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's outcome; ``percent`` is of the valid ballots, 2 decimals half up."""

    key: str
    name: str
    date_of_birth: date | None
    votes: int
    percent: Decimal | None
    qualifies: bool
    elected: bool
    tied: bool


@dataclass(frozen=True)
class ConstituencyResult:
    """The outcome of a constituency.

    ``candidates`` are ranked by votes, then age (older first). ``valid`` says whether the result stands; when it
    does not, nobody qualifies or wins. ``tie_unresolved`` lists candidates tied for the last ``seats_pending``
    seats whom age cannot separate: the committee decides, so those seats count as filled for ``needs``.
    """

    turnout_percent: Decimal | None
    valid: bool
    candidates: tuple[CandidateResult, ...]
    qualifying: tuple[str, ...]
    winners: tuple[str, ...]
    tie_unresolved: tuple[str, ...]
    seats_pending: int
    seats_unfilled: int
    needs: Needs | None


def _rank_key(candidate: CandidateVotes) -> tuple[int, date, str]:
    return (-candidate.votes, candidate.date_of_birth or date.max, candidate.key)


def _pick_winners(
    qualifying: list[CandidateVotes], seats: int
) -> tuple[list[CandidateVotes], list[CandidateVotes], int]:
    """Winners, candidates in an unresolved tie, and the seats left to that tie."""
    if len(qualifying) <= seats:
        return qualifying, [], 0
    cutoff = qualifying[seats - 1].votes
    winners = [c for c in qualifying if c.votes > cutoff]
    tied = [c for c in qualifying if c.votes == cutoff]
    open_seats = seats - len(winners)
    if len(tied) == open_seats:
        return winners + tied, [], 0
    if any(c.date_of_birth is None for c in tied):
        # Without every birth date, nobody in the tie can be placed with certainty.
        return winners, tied, open_seats
    by_age = sorted(tied, key=lambda c: (c.date_of_birth, c.key))
    boundary = by_age[open_seats - 1].date_of_birth
    if by_age[open_seats].date_of_birth != boundary:
        return winners + by_age[:open_seats], [], 0
    older = [c for c in by_age if c.date_of_birth is not None and boundary is not None and c.date_of_birth < boundary]
    same_age = [c for c in by_age if c.date_of_birth == boundary]
    return winners + older, same_age, open_seats - len(older)


def _needs(kind: ContestKind, round_: RoundKind, seats: int, filled: int) -> Needs | None:
    if round_ == "additional":
        return None
    if kind == "na":
        short = filled < seats
    else:
        short = 3 * filled < 2 * seats
    return "additional" if short else None


def compute_result(data: ConstituencyInput) -> ConstituencyResult:
    """The winners of a constituency and whether a repeat or additional election is needed."""
    if data.seats < 1:
        raise ValueError("a constituency elects at least one deputy")
    if min(data.registered, data.voted, data.valid, *(c.votes for c in data.candidates)) < 0:
        raise ValueError("counts must not be negative")
    stands = data.round == "repeat" or 2 * data.voted > data.registered
    ranked = sorted(data.candidates, key=_rank_key)
    qualifying = [c for c in ranked if stands and 2 * c.votes > data.valid]
    winners, tied, pending = _pick_winners(qualifying, data.seats)
    winner_keys = {c.key for c in winners}
    tied_keys = {c.key for c in tied}
    qualifying_keys = {c.key for c in qualifying}
    filled = len(winners) + pending
    if stands:
        needs = _needs(data.kind, data.round, data.seats, filled)
    else:
        needs = "repeat"
    return ConstituencyResult(
        turnout_percent=percent(data.voted, data.registered),
        valid=stands,
        candidates=tuple(
            CandidateResult(
                key=c.key,
                name=c.name,
                date_of_birth=c.date_of_birth,
                votes=c.votes,
                percent=percent(c.votes, data.valid),
                qualifies=c.key in qualifying_keys,
                elected=c.key in winner_keys,
                tied=c.key in tied_keys,
            )
            for c in ranked
        ),
        qualifying=tuple(c.key for c in qualifying),
        winners=tuple(c.key for c in winners),
        tie_unresolved=tuple(c.key for c in tied),
        seats_pending=pending,
        seats_unfilled=data.seats - filled if stands else data.seats,
        needs=needs,
    )


def aggregate(sheets: Sequence[CountSheetInput]) -> CountSheetInput:
    """The constituency's totals: the finished count reports of its polling areas summed field by field."""
    if not sheets:
        raise ValueError("no count reports to add up")
    seats = {sheet.seats for sheet in sheets}
    if len(seats) != 1:
        raise ValueError("count reports of one constituency must have the same number of seats")
    totals: dict[str, int] = {}
    for name in NUMBER_FIELDS:
        values = [sheet.get(name) for sheet in sheets]
        if any(v is None for v in values):
            raise ValueError(f"a count report is missing {name}")
        totals[name] = sum(v for v in values if v is not None)
    keys = list(dict.fromkeys(key for sheet in sheets for key in sheet.votes))
    votes: dict[str, int | None] = {}
    for key in keys:
        values = [sheet.votes.get(key) for sheet in sheets]
        if any(v is None for v in values):
            raise ValueError(f"a count report is missing the votes of {key}")
        votes[key] = sum(v for v in values if v is not None)
    return CountSheetInput(
        total_voters=totals["total_voters"],
        voted=totals["voted"],
        ballots_issued=totals["ballots_issued"],
        ballots_received=totals["ballots_received"],
        valid=totals["valid"],
        invalid=totals["invalid"],
        votes=votes,
        seats=seats.pop(),
    )


def constituency_input(
    kind: ContestKind, sheet: CountSheetInput, candidates: Sequence[Candidate], round_: RoundKind = "first"
) -> ConstituencyInput:
    """The input of ``compute_result`` from an aggregated report: listed voters are the report's total voters."""
    if sheet.total_voters is None or sheet.voted is None or sheet.valid is None:
        raise ValueError("the count report is not finished")
    missing = [c.key for c in candidates if sheet.votes.get(c.key) is None]
    if missing:
        raise ValueError(f"no votes for {missing}")
    return ConstituencyInput(
        kind=kind,
        seats=sheet.seats,
        registered=sheet.total_voters,
        voted=sheet.voted,
        valid=sheet.valid,
        candidates=[CandidateVotes(c.key, c.name, c.date_of_birth, sheet.votes[c.key] or 0) for c in candidates],
        round=round_,
    )
