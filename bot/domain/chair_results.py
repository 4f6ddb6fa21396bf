"""A constituency's result as the committee reviews, publishes and announces it (a JSON-ready dict).

Built from the current locked count sheets of its polling areas (``from_sheets``) or from official figures
imported from a file (``from_figures``); either way the winners come from ``results.compute_result``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .countsheet import CountSheetInput
from .results import (
    Candidate,
    CandidateVotes,
    ConstituencyInput,
    ContestKind,
    aggregate,
    compute_result,
    constituency_input,
)


@dataclass(frozen=True)
class Figures:
    """A constituency's totals."""

    registered: int
    voted: int
    valid: int
    invalid: int
    votes: Mapping[str, int]


def _data(
    kind: ContestKind,
    seats: int,
    figures: Figures,
    candidates: Sequence[Candidate],
    *,
    source: str,
    areas_total: int,
    areas_in: int,
) -> dict[str, Any]:
    data = ConstituencyInput(
        kind=kind,
        seats=seats,
        registered=figures.registered,
        voted=figures.voted,
        valid=figures.valid,
        candidates=[CandidateVotes(c.key, c.name, c.date_of_birth, figures.votes.get(c.key, 0)) for c in candidates],
    )
    result = compute_result(data)
    return {
        "source": source,
        "kind": kind,
        "seats": seats,
        "registered": figures.registered,
        "voted": figures.voted,
        "valid": figures.valid,
        "invalid": figures.invalid,
        "areas_total": areas_total,
        "areas_in": areas_in,
        "complete": areas_in >= areas_total,
        "turnout_percent": _dec(result.turnout_percent),
        "stands": result.valid,
        "needs": result.needs,
        "seats_unfilled": result.seats_unfilled,
        "seats_pending": result.seats_pending,
        "tie_unresolved": list(result.tie_unresolved),
        "winners": list(result.winners),
        "candidates": [
            {
                "key": c.key,
                "name": c.name,
                "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else None,
                "votes": c.votes,
                "percent": _dec(c.percent),
                "qualifies": c.qualifies,
                "elected": c.elected,
                "tied": c.tied,
            }
            for c in result.candidates
        ],
    }


def _dec(value: object) -> str | None:
    return None if value is None else str(value)


def from_sheets(
    kind: ContestKind,
    seats: int,
    sheets: Sequence[CountSheetInput],
    candidates: Sequence[Candidate],
    *,
    areas_total: int,
) -> dict[str, Any] | None:
    """The result over the locked sheets given (None without any); ``complete`` says whether every area is in."""
    if not sheets:
        return None
    total = aggregate(sheets)
    data = constituency_input(kind, total, candidates)
    figures = Figures(
        registered=data.registered,
        voted=data.voted,
        valid=data.valid,
        invalid=total.invalid or 0,
        votes={c.key: c.votes for c in data.candidates},
    )
    return _data(kind, seats, figures, candidates, source="count_sheets", areas_total=areas_total, areas_in=len(sheets))


def from_figures(kind: ContestKind, seats: int, figures: Figures, candidates: Sequence[Candidate]) -> dict[str, Any]:
    """The result over officially published figures (imported from a file)."""
    return _data(kind, seats, figures, candidates, source="import", areas_total=0, areas_in=0)


def check_figures(figures: Figures, seats: int, candidate_keys: Sequence[str]) -> list[str]:
    """Plain-English problems with imported figures (for the command line); empty when they are consistent."""
    problems: list[str] = []
    if min(figures.registered, figures.voted, figures.valid, figures.invalid, *figures.votes.values(), 0) < 0:
        problems.append("counts must not be negative")
    if figures.voted > figures.registered:
        problems.append(f"voted ({figures.voted}) is more than registered ({figures.registered})")
    if figures.valid + figures.invalid > figures.voted:
        problems.append(f"valid + invalid ({figures.valid + figures.invalid}) is more than voted ({figures.voted})")
    missing = [k for k in candidate_keys if k not in figures.votes]
    if missing:
        problems.append(f"no votes for candidate(s) {', '.join(missing)}")
    unknown = [k for k in figures.votes if k not in candidate_keys]
    if unknown:
        problems.append(f"candidate(s) {', '.join(unknown)} are not on this constituency's list")
    over = [k for k, v in figures.votes.items() if v > figures.valid]
    if over:
        problems.append(f"candidate(s) {', '.join(over)} have more votes than valid ballots")
    if sum(figures.votes.values()) > figures.valid * seats:
        problems.append(f"the votes add up to more than valid ballots × seats ({figures.valid * seats})")
    return problems


def birth(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
