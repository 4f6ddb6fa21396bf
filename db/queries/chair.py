"""Queries for committee chairs: jurisdiction, turnout figures, alerts, exports, announcements and results.

Every query that reads election-day data takes the ``path`` of a unit and reads only that unit and the units
below it (``AdminUnit.path`` prefix). Session first, never commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import (
    AdminUnit,
    Alert,
    AreaClosure,
    AreaConstituency,
    Candidate,
    Constituency,
    ConstituencyResult,
    Contest,
    CountSheet,
    CountSheetVote,
    Delivery,
    Incident,
    PollingArea,
    ReminderSubscription,
    RoleAssignment,
    TurnoutReport,
    User,
    VoterListAddition,
)
from db.queries.elections import constituencies_with
from db.queries.scope import areas_under, units_under

# --- jurisdiction -----------------------------------------------------------------------------------------------


async def chair_units(session: AsyncSession, user_id: int) -> list[AdminUnit]:
    """The units this user chairs (active chair roles), highest level first."""
    rows = await session.scalars(
        select(AdminUnit)
        .join(RoleAssignment, RoleAssignment.unit_id == AdminUnit.id)
        .where(
            RoleAssignment.user_id == user_id,
            RoleAssignment.role == "chair",
            RoleAssignment.revoked_at.is_(None),
        )
        .order_by(AdminUnit.level, AdminUnit.id)
    )
    return list(dict.fromkeys(rows))


def covers(units: Iterable[AdminUnit], path: str | None) -> bool:
    """True if ``path`` (of a unit) is one of ``units`` or lies below one of them."""
    return path is not None and any(path.startswith(u.path) for u in units)


async def unit_path(session: AsyncSession, unit_id: int) -> str | None:
    return await session.scalar(select(AdminUnit.path).where(AdminUnit.id == unit_id))


async def area_commune(session: AsyncSession, area_id: int) -> tuple[PollingArea, AdminUnit] | None:
    row = (
        await session.execute(
            select(PollingArea, AdminUnit)
            .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
            .where(PollingArea.id == area_id)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def child_units(session: AsyncSession, unit_id: int) -> list[AdminUnit]:
    return list(await session.scalars(select(AdminUnit).where(AdminUnit.parent_id == unit_id).order_by(AdminUnit.name)))


# --- turnout ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaRow:
    id: int
    code: str
    number: int
    name: str
    commune_id: int
    commune_name: str
    commune_path: str
    registered: int  # listed voters plus those added on the day


def _additions() -> Any:
    return (
        select(VoterListAddition.polling_area_id.label("area_id"), func.sum(VoterListAddition.added).label("added"))
        .group_by(VoterListAddition.polling_area_id)
        .subquery()
    )


async def areas_in(session: AsyncSession, path: str, election_id: int | None = None) -> list[AreaRow]:
    """The polling areas under a unit with their effective number of listed voters."""
    added = _additions()
    query = (
        select(
            PollingArea.id,
            PollingArea.code,
            PollingArea.number,
            PollingArea.name,
            AdminUnit.id,
            AdminUnit.name,
            AdminUnit.path,
            PollingArea.registered_voters + func.coalesce(added.c.added, 0),
        )
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .outerjoin(added, added.c.area_id == PollingArea.id)
        .where(AdminUnit.path.startswith(path, autoescape=True))
        .order_by(AdminUnit.name, PollingArea.number, PollingArea.id)
    )
    if election_id is not None:
        query = query.where(PollingArea.election_id == election_id)
    return [AreaRow(*row) for row in await session.execute(query)]


async def latest_figures(session: AsyncSession, path: str, slot: datetime) -> dict[int, int]:
    """Each area's latest figure at or before ``slot`` (latest slot, then the latest correction)."""
    rank = (
        func.row_number()
        .over(
            partition_by=TurnoutReport.polling_area_id,
            order_by=(TurnoutReport.slot_at.desc(), TurnoutReport.id.desc()),
        )
        .label("rank")
    )
    sub = (
        select(TurnoutReport.polling_area_id.label("area_id"), TurnoutReport.voted.label("voted"), rank)
        .where(TurnoutReport.polling_area_id.in_(areas_under(path)), TurnoutReport.slot_at <= slot)
        .subquery()
    )
    rows = await session.execute(select(sub.c.area_id, sub.c.voted).where(sub.c.rank == 1))
    return {int(a): int(v) for a, v in rows}


async def reported_at(session: AsyncSession, path: str, slot: datetime) -> set[int]:
    rows = await session.scalars(
        select(TurnoutReport.polling_area_id)
        .where(TurnoutReport.polling_area_id.in_(areas_under(path)), TurnoutReport.slot_at == slot)
        .distinct()
    )
    return set(rows)


async def closures(session: AsyncSession, path: str) -> dict[int, int]:
    """Closed areas and their final figure (the latest closure of each)."""
    rows = await session.execute(
        select(AreaClosure.polling_area_id, AreaClosure.final_voted)
        .where(AreaClosure.polling_area_id.in_(areas_under(path)))
        .order_by(AreaClosure.id)
    )
    return {int(a): int(v) for a, v in rows}


async def current_series(session: AsyncSession, area_ids: Any, upto: datetime) -> dict[int, list[tuple[datetime, int]]]:
    """The current figure of every (area, slot) up to ``upto``: the report with the highest id."""
    rank = (
        func.row_number()
        .over(
            partition_by=(TurnoutReport.polling_area_id, TurnoutReport.slot_at),
            order_by=TurnoutReport.id.desc(),
        )
        .label("rank")
    )
    sub = (
        select(
            TurnoutReport.polling_area_id.label("area_id"),
            TurnoutReport.slot_at.label("slot_at"),
            TurnoutReport.voted.label("voted"),
            rank,
        )
        .where(TurnoutReport.polling_area_id.in_(area_ids), TurnoutReport.slot_at <= upto)
        .subquery()
    )
    slot_col = sub.c.slot_at
    rows = await session.execute(
        select(sub.c.area_id, slot_col, sub.c.voted).where(sub.c.rank == 1).order_by(sub.c.area_id, slot_col)
    )
    series: dict[int, list[tuple[datetime, int]]] = {}
    for area_id, slot, voted in rows:
        series.setdefault(int(area_id), []).append((_aware(slot), int(voted)))
    return series


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)


# --- alerts -------------------------------------------------------------------------------------------------------


async def missing_checkins(
    session: AsyncSession, election_id: int, slot: datetime
) -> list[tuple[int, int, int | None]]:
    """(area_id, commune_id, commune's parent_id) of the areas with no figure for ``slot`` and not closed."""
    has_report = exists().where(TurnoutReport.polling_area_id == PollingArea.id, TurnoutReport.slot_at == slot)
    closed = exists().where(AreaClosure.polling_area_id == PollingArea.id)
    rows = await session.execute(
        select(PollingArea.id, PollingArea.commune_id, AdminUnit.parent_id)
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .where(PollingArea.election_id == election_id, ~has_report, ~closed)
        .order_by(PollingArea.id)
    )
    return [(int(a), int(c), int(p) if p is not None else None) for a, c, p in rows]


async def communes_with_reports_since(session: AsyncSession, election_id: int, after_id: int) -> tuple[set[int], int]:
    """Communes with a turnout report whose id is above ``after_id``, and the highest report id now."""
    top = await session.scalar(select(func.max(TurnoutReport.id))) or 0
    if top <= after_id:
        return set(), after_id
    rows = await session.scalars(
        select(PollingArea.commune_id)
        .join(TurnoutReport, TurnoutReport.polling_area_id == PollingArea.id)
        .where(TurnoutReport.id > after_id, TurnoutReport.id <= top, PollingArea.election_id == election_id)
        .distinct()
    )
    return set(rows), int(top)


async def areas_of_communes(session: AsyncSession, commune_ids: Iterable[int]) -> list[tuple[int, int, int]]:
    """(area_id, commune_id, effective registered) of the areas of these communes."""
    added = _additions()
    rows = await session.execute(
        select(PollingArea.id, PollingArea.commune_id, PollingArea.registered_voters + func.coalesce(added.c.added, 0))
        .outerjoin(added, added.c.area_id == PollingArea.id)
        .where(PollingArea.commune_id.in_(list(commune_ids)))
    )
    return [(int(a), int(c), int(r)) for a, c, r in rows]


@dataclass(frozen=True)
class AlertRow:
    alert: Alert
    area_code: str
    area_name: str
    commune_name: str
    incident_ref: str | None
    incident_category: str | None
    incident_description: str | None


async def due_alerts(session: AsyncSession, now: datetime, limit: int = 2000) -> list[AlertRow]:
    commune = aliased(AdminUnit)
    rows = await session.execute(
        select(
            Alert,
            PollingArea.code,
            PollingArea.name,
            commune.name,
            Incident.ref,
            Incident.category,
            Incident.description,
        )
        .outerjoin(PollingArea, PollingArea.id == Alert.polling_area_id)
        .outerjoin(commune, commune.id == PollingArea.commune_id)
        .outerjoin(Incident, Incident.id == Alert.incident_id)
        .where(Alert.dispatched_at.is_(None), Alert.due_at <= now)
        .order_by(Alert.id)
        .limit(limit)
    )
    return [
        AlertRow(a, code or "", name or "", cname or "", ref, cat, desc)
        for a, code, name, cname, ref, cat, desc in rows
    ]


async def chair_recipients(session: AsyncSession, unit_ids: Iterable[int]) -> list[tuple[int, int, int, str]]:
    """(unit_id, user_id, chat_id, language) of the active chairs of these units who have not blocked the bot."""
    rows = await session.execute(
        select(RoleAssignment.unit_id, User.id, User.chat_id, User.language)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.role == "chair",
            RoleAssignment.revoked_at.is_(None),
            RoleAssignment.unit_id.in_(list(unit_ids)),
            User.is_blocked.is_(False),
        )
        .order_by(RoleAssignment.unit_id, User.id)
    )
    return [(int(u), int(i), int(c), str(lang)) for u, i, c, lang in rows]


# --- announcements ------------------------------------------------------------------------------------------------


async def voter_recipients(session: AsyncSession, election_id: int | None, area_ids: Any) -> list[tuple[int, int, str]]:
    """(user_id, chat_id, language) of the voters with an active subscription in these areas."""
    query = (
        select(User.id, User.chat_id, User.language)
        .join(ReminderSubscription, ReminderSubscription.user_id == User.id)
        .where(ReminderSubscription.active.is_(True), ReminderSubscription.polling_area_id.in_(area_ids))
        .distinct()
        .order_by(User.id)
    )
    if election_id is not None:
        query = query.where(ReminderSubscription.election_id == election_id)
    return [(int(i), int(c), str(lang)) for i, c, lang in await session.execute(query)]


async def team_recipients(session: AsyncSession, path: str) -> list[tuple[int, int, str]]:
    """(user_id, chat_id, language) of the active polling-team members of the areas under a unit."""
    rows = await session.execute(
        select(User.id, User.chat_id, User.language)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(
            RoleAssignment.role == "team",
            RoleAssignment.revoked_at.is_(None),
            RoleAssignment.polling_area_id.in_(areas_under(path)),
        )
        .distinct()
        .order_by(User.id)
    )
    return [(int(i), int(c), str(lang)) for i, c, lang in rows]


async def delivery_counts(session: AsyncSession, kind: str, ref_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Per reference id (an announcement), how many of its deliveries are in each status."""
    if not ref_ids:
        return {}
    rows = await session.execute(
        select(Delivery.ref_id, Delivery.status, func.count())
        .where(Delivery.kind == kind, Delivery.ref_id.in_(list(ref_ids)))
        .group_by(Delivery.ref_id, Delivery.status)
    )
    counts: dict[int, dict[str, int]] = {}
    for ref, status, n in rows:
        counts.setdefault(int(ref), {})[str(status)] = int(n)
    return counts


# --- results ------------------------------------------------------------------------------------------------------


async def constituencies_owned(
    session: AsyncSession, election_id: int, path: str
) -> list[tuple[Constituency, Contest]]:
    """The constituencies whose owning unit lies in the unit with ``path`` (or is it)."""
    return await constituencies_with(session, election_id, Constituency.unit_id.in_(units_under(path)))


async def constituency_areas(session: AsyncSession, constituency_id: int) -> list[int]:
    return list(
        await session.scalars(
            select(AreaConstituency.polling_area_id)
            .where(AreaConstituency.constituency_id == constituency_id)
            .order_by(AreaConstituency.polling_area_id)
        )
    )


async def locked_sheets(session: AsyncSession, constituency_id: int) -> list[tuple[CountSheet, dict[int, int]]]:
    """The current count sheet of each area of the constituency (locked, highest version) and its votes."""
    latest = (
        select(CountSheet.polling_area_id, CountSheet.contest_id, func.max(CountSheet.version).label("version"))
        .where(CountSheet.constituency_id == constituency_id, CountSheet.status == "locked")
        .group_by(CountSheet.polling_area_id, CountSheet.contest_id)
        .subquery()
    )
    sheets = list(
        await session.scalars(
            select(CountSheet)
            .join(
                latest,
                and_(
                    latest.c.polling_area_id == CountSheet.polling_area_id,
                    latest.c.contest_id == CountSheet.contest_id,
                    latest.c.version == CountSheet.version,
                ),
            )
            .where(CountSheet.constituency_id == constituency_id, CountSheet.status == "locked")
            .order_by(CountSheet.polling_area_id)
        )
    )
    votes: dict[int, dict[int, int]] = {s.id: {} for s in sheets}
    if sheets:
        for sheet_id, cand, n in await session.execute(
            select(CountSheetVote.sheet_id, CountSheetVote.candidate_id, CountSheetVote.votes).where(
                CountSheetVote.sheet_id.in_(list(votes))
            )
        ):
            votes[int(sheet_id)][int(cand)] = int(n)
    return [(s, votes[s.id]) for s in sheets]


async def candidates_of(session: AsyncSession, constituency_id: int) -> list[Candidate]:
    return list(
        await session.scalars(
            select(Candidate).where(Candidate.constituency_id == constituency_id).order_by(Candidate.ballot_order)
        )
    )


async def latest_result(
    session: AsyncSession, constituency_id: int, status: str | None = None
) -> ConstituencyResult | None:
    query = select(ConstituencyResult).where(ConstituencyResult.constituency_id == constituency_id)
    if status is not None:
        query = query.where(ConstituencyResult.status == status)
    return await session.scalar(query.order_by(ConstituencyResult.version.desc()).limit(1))


async def next_result_version(session: AsyncSession, constituency_id: int) -> int:
    top = await session.scalar(
        select(func.max(ConstituencyResult.version)).where(ConstituencyResult.constituency_id == constituency_id)
    )
    return int(top or 0) + 1


async def published_for_area(
    session: AsyncSession, area_id: int
) -> list[tuple[Constituency, Contest, ConstituencyResult]]:
    """The published results of the constituencies a polling area votes in, by ballot order."""
    return await _published(
        session,
        Constituency.id.in_(
            select(AreaConstituency.constituency_id).where(AreaConstituency.polling_area_id == area_id)
        ),
    )


async def published_for_constituencies(
    session: AsyncSession, constituency_ids: list[int]
) -> list[tuple[Constituency, Contest, ConstituencyResult]]:
    """The published results of these constituencies (each its latest version), by ballot order."""
    return await _published(session, Constituency.id.in_(constituency_ids))


async def _published(session: AsyncSession, which: Any) -> list[tuple[Constituency, Contest, ConstituencyResult]]:
    rows = await session.execute(
        select(Constituency, Contest, ConstituencyResult)
        .join(Contest, Contest.id == Constituency.contest_id)
        .join(ConstituencyResult, ConstituencyResult.constituency_id == Constituency.id)
        .where(which, ConstituencyResult.status == "published")
        .order_by(Contest.ballot_order, Contest.id, Constituency.number, ConstituencyResult.version.desc())
    )
    seen: set[int] = set()
    found = []
    for constituency, contest, result in rows:
        if constituency.id not in seen:
            seen.add(constituency.id)
            found.append((constituency, contest, result))
    return found


# --- exports ------------------------------------------------------------------------------------------------------


async def export_checkins(session: AsyncSession, path: str) -> list[tuple[Any, ...]]:
    """(commune, area code, area name, slot, voted, registered, reported_at, is_final, report id, reporter name)."""
    rows = await session.execute(
        select(
            AdminUnit.name,
            PollingArea.code,
            PollingArea.name,
            TurnoutReport.slot_at,
            TurnoutReport.voted,
            PollingArea.registered_voters,
            TurnoutReport.reported_at,
            TurnoutReport.is_final,
            TurnoutReport.id,
            TurnoutReport.polling_area_id,
            User.first_name,
        )
        .join(PollingArea, PollingArea.id == TurnoutReport.polling_area_id)
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .outerjoin(User, User.id == TurnoutReport.reporter_id)
        .where(AdminUnit.path.startswith(path, autoescape=True))
        .order_by(AdminUnit.name, PollingArea.number, TurnoutReport.slot_at, TurnoutReport.id)
    )
    return [tuple(r) for r in rows]


async def export_incidents(session: AsyncSession, path: str) -> list[tuple[Any, ...]]:
    rows = await session.execute(
        select(
            Incident.ref,
            AdminUnit.name,
            PollingArea.code,
            PollingArea.name,
            Incident.category,
            Incident.description,
            Incident.status,
            Incident.created_at,
            Incident.resolved_at,
        )
        .join(PollingArea, PollingArea.id == Incident.polling_area_id)
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .where(AdminUnit.path.startswith(path, autoescape=True))
        .order_by(Incident.created_at, Incident.id)
    )
    return [tuple(r) for r in rows]


async def export_sheets(session: AsyncSession, path: str) -> list[tuple[Any, ...]]:
    rows = await session.execute(
        select(
            AdminUnit.name,
            PollingArea.code,
            PollingArea.name,
            Contest.name,
            Constituency.name,
            CountSheet.version,
            CountSheet.status,
            CountSheet.total_voters,
            CountSheet.voted,
            CountSheet.ballots_issued,
            CountSheet.ballots_received,
            CountSheet.valid,
            CountSheet.invalid,
            CountSheet.locked_at,
            CountSheet.id,
            Contest.ballot_order,
        )
        .join(PollingArea, PollingArea.id == CountSheet.polling_area_id)
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .join(Contest, Contest.id == CountSheet.contest_id)
        .join(Constituency, Constituency.id == CountSheet.constituency_id)
        .where(AdminUnit.path.startswith(path, autoescape=True))
        .order_by(AdminUnit.name, PollingArea.number, Contest.ballot_order, Contest.id, CountSheet.version)
    )
    return [tuple(r) for r in rows]


async def export_votes(session: AsyncSession, path: str) -> list[tuple[Any, ...]]:
    rows = await session.execute(
        select(
            AdminUnit.name,
            PollingArea.code,
            Constituency.name,
            CountSheet.version,
            CountSheet.status,
            Candidate.code,
            Candidate.full_name,
            CountSheetVote.votes,
        )
        .join(CountSheet, CountSheet.id == CountSheetVote.sheet_id)
        .join(Candidate, Candidate.id == CountSheetVote.candidate_id)
        .join(PollingArea, PollingArea.id == CountSheet.polling_area_id)
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .join(Constituency, Constituency.id == CountSheet.constituency_id)
        .where(AdminUnit.path.startswith(path, autoescape=True))
        .order_by(AdminUnit.name, PollingArea.number, Constituency.id, CountSheet.version, Candidate.ballot_order)
    )
    return [tuple(r) for r in rows]


async def sheet_progress(session: AsyncSession, constituency_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Per constituency: (areas with a locked count sheet, areas in total)."""
    if not constituency_ids:
        return {}
    ids = list(constituency_ids)
    totals = dict(
        (
            await session.execute(
                select(AreaConstituency.constituency_id, func.count())
                .where(AreaConstituency.constituency_id.in_(ids))
                .group_by(AreaConstituency.constituency_id)
            )
        ).all()
    )
    locked = dict(
        (
            await session.execute(
                select(CountSheet.constituency_id, func.count(func.distinct(CountSheet.polling_area_id)))
                .where(CountSheet.constituency_id.in_(ids), CountSheet.status == "locked")
                .group_by(CountSheet.constituency_id)
            )
        ).all()
    )
    return {i: (int(locked.get(i, 0)), int(totals.get(i, 0))) for i in ids}


async def published_ids(session: AsyncSession, constituency_ids: Sequence[int]) -> set[int]:
    if not constituency_ids:
        return set()
    rows = await session.scalars(
        select(ConstituencyResult.constituency_id).where(
            ConstituencyResult.constituency_id.in_(list(constituency_ids)), ConstituencyResult.status == "published"
        )
    )
    return set(rows)
