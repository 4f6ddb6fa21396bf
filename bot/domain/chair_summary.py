"""Turnout summaries for a committee chair: totals of a unit, per sub-unit (or per polling area for a commune),
the lowest ones, and the turnout curves for the chart.

An area's "voted" is its latest figure at or before the slot (its closing figure once closed); an area that has
not reported yet counts 0, so the missing ones pull the turnout down and show among the lowest, which is where a
chair should look.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .problems import percent


@dataclass(frozen=True)
class AreaFigure:
    """One polling area at the summary's slot."""

    area_id: int
    group_id: int  # the sub-unit it belongs to (the area itself for a commune's summary)
    registered: int  # listed voters plus those added on the day
    voted: int | None  # latest figure at or before the slot; None if none yet
    reported: bool  # has a figure for the slot itself (or has closed)


@dataclass(frozen=True)
class GroupTotal:
    key: int
    name: str
    registered: int
    voted: int
    areas: int
    reported: int

    @property
    def missing(self) -> int:
        return self.areas - self.reported

    @property
    def turnout(self) -> Decimal | None:
        return percent(self.voted, self.registered)


@dataclass(frozen=True)
class Summary:
    total: GroupTotal
    groups: tuple[GroupTotal, ...]  # in the order of ``names``

    def lowest(self, n: int = 5) -> list[GroupTotal]:
        """The ``n`` groups with the lowest turnout (ties: more missing reports first, then name)."""
        ranked = sorted(
            (g for g in self.groups if g.areas),
            key=lambda g: (g.turnout if g.turnout is not None else Decimal(-1), -g.missing, g.name),
        )
        return ranked[:n]


def summarize(total_key: int, total_name: str, areas: Iterable[AreaFigure], names: Mapping[int, str]) -> Summary:
    """Totals for the unit and for each group in ``names`` (groups without areas are kept, with zeros)."""
    acc: dict[int, list[int]] = {key: [0, 0, 0, 0] for key in names}
    for area in areas:
        row = acc.setdefault(area.group_id, [0, 0, 0, 0])
        row[0] += area.registered
        row[1] += area.voted or 0
        row[2] += 1
        row[3] += 1 if area.reported else 0
    groups = tuple(GroupTotal(key, names.get(key, str(key)), *acc[key]) for key in acc)
    total = GroupTotal(
        total_key,
        total_name,
        sum(g.registered for g in groups),
        sum(g.voted for g in groups),
        sum(g.areas for g in groups),
        sum(g.reported for g in groups),
    )
    return Summary(total, groups)


def turnout_curves(
    series: Mapping[int, Sequence[tuple[datetime, int]]],
    group_of: Mapping[int, int],
    registered: Mapping[int, int],
    slots: Sequence[datetime],
) -> dict[int, list[Decimal | None]]:
    """Turnout (%) of each group at each slot: each area's latest figure at or before the slot, carried forward."""
    voted: dict[int, list[int]] = {}
    listed: dict[int, int] = {}
    for area_id, group in group_of.items():
        listed[group] = listed.get(group, 0) + registered.get(area_id, 0)
        row = voted.setdefault(group, [0] * len(slots))
        points = sorted(series.get(area_id, ()))
        index, last = 0, 0
        for i, slot in enumerate(slots):
            while index < len(points) and points[index][0] <= slot:
                last = points[index][1]
                index += 1
            row[i] += last
    return {group: [percent(v, listed[group]) for v in values] for group, values in voted.items()}
