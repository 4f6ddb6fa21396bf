"""Polling teams: invitations, roles, check-ins, closures, incidents, count sheets. Session first, never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import (
    AdminUnit,
    Alert,
    AreaClosure,
    AreaConstituency,
    Candidate,
    Constituency,
    Contest,
    CountSheet,
    CountSheetVote,
    Delivery,
    Election,
    Incident,
    Invitation,
    JoinAttempt,
    PollingArea,
    RoleAssignment,
    TurnoutReport,
    User,
    VoterListAddition,
)

# --- invitations and roles ---------------------------------------------------------------------------------------


async def find_area(session: AsyncSession, election_id: int, code: str) -> PollingArea | None:
    return await session.scalar(
        select(PollingArea).where(PollingArea.election_id == election_id, func.upper(PollingArea.code) == code.upper())
    )


async def find_unit(session: AsyncSession, code: str) -> AdminUnit | None:
    return await session.scalar(select(AdminUnit).where(func.upper(AdminUnit.code) == code.upper()))


async def invitation_by_hash(session: AsyncSession, code_hash: str) -> Invitation | None:
    return await session.scalar(select(Invitation).where(Invitation.code_hash == code_hash))


async def claim_invitation(session: AsyncSession, invitation_id: int, user_id: int, now: datetime) -> bool:
    """Mark the invitation used by ``user_id``; False if someone else used it first (or it expired meanwhile).

    The conditions are in the UPDATE itself, so two users racing for one code cannot both win.
    """
    result = await session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.used_at.is_(None), Invitation.expires_at > now)
        .values(used_at=now, used_by=user_id)
        .execution_options(synchronize_session=False)
    )
    return (result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def recent_join_failures(session: AsyncSession, user_id: int, since: datetime) -> list[datetime]:
    return list(
        await session.scalars(
            select(JoinAttempt.at)
            .where(JoinAttempt.user_id == user_id, JoinAttempt.at > since)
            .order_by(JoinAttempt.at)
        )
    )


async def holds_role(
    session: AsyncSession, user_id: int, role: str, *, area_id: int | None, unit_id: int | None
) -> RoleAssignment | None:
    return await session.scalar(
        select(RoleAssignment).where(
            RoleAssignment.user_id == user_id,
            RoleAssignment.role == role,
            RoleAssignment.revoked_at.is_(None),
            RoleAssignment.polling_area_id.is_(None) if area_id is None else RoleAssignment.polling_area_id == area_id,
            RoleAssignment.unit_id.is_(None) if unit_id is None else RoleAssignment.unit_id == unit_id,
        )
    )


async def member_rows(
    session: AsyncSession, *, area_ids: Sequence[int] | None = None, unit_ids: Sequence[int] | None = None
) -> list[tuple[RoleAssignment, User, PollingArea | None, AdminUnit | None]]:
    """Active role assignments with their user, area and unit (filters: these areas or these units)."""
    query = (
        select(RoleAssignment, User, PollingArea, AdminUnit)
        .join(User, User.id == RoleAssignment.user_id)
        .outerjoin(PollingArea, PollingArea.id == RoleAssignment.polling_area_id)
        .outerjoin(AdminUnit, AdminUnit.id == RoleAssignment.unit_id)
        .where(RoleAssignment.revoked_at.is_(None))
        .order_by(RoleAssignment.role, PollingArea.code, AdminUnit.code, RoleAssignment.id)
    )
    if area_ids is not None or unit_ids is not None:
        conditions = []
        if area_ids is not None:
            conditions.append(RoleAssignment.polling_area_id.in_(list(area_ids)))
        if unit_ids is not None:
            conditions.append(RoleAssignment.unit_id.in_(list(unit_ids)))
        query = query.where(or_(*conditions))
    return [tuple(row) for row in (await session.execute(query)).all()]  # type: ignore[misc]


# --- areas, elections ------------------------------------------------------------------------------------------


async def area_with_election(session: AsyncSession, area_id: int) -> tuple[PollingArea, Election] | None:
    row = (
        await session.execute(
            select(PollingArea, Election)
            .join(Election, Election.id == PollingArea.election_id)
            .where(PollingArea.id == area_id)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def area_day(session: AsyncSession, area_id: int) -> tuple[PollingArea, Election, int, AreaClosure | None] | None:
    """An area with its election, the voters added to its list on the day and its closure in force, in one query
    (what every check-in loads: ``area_with_election``, ``voter_additions`` and ``latest_closure`` together)."""
    added = (
        select(func.coalesce(func.sum(VoterListAddition.added), 0))
        .where(VoterListAddition.polling_area_id == PollingArea.id)
        .correlate(PollingArea)
        .scalar_subquery()
    )
    newest = aliased(AreaClosure)
    closure_id = (
        select(newest.id)
        .where(newest.polling_area_id == PollingArea.id)
        .order_by(newest.closed_at.desc(), newest.id.desc())
        .limit(1)
        .correlate(PollingArea)
        .scalar_subquery()
    )
    row = (
        await session.execute(
            select(PollingArea, Election, added, AreaClosure)
            .join(Election, Election.id == PollingArea.election_id)
            .outerjoin(AreaClosure, AreaClosure.id == closure_id)
            .where(PollingArea.id == area_id)
        )
    ).first()
    return (row[0], row[1], int(row[2] or 0), row[3]) if row else None


async def areas_by_id(session: AsyncSession, area_ids: Sequence[int]) -> dict[int, PollingArea]:
    rows = await session.scalars(select(PollingArea).where(PollingArea.id.in_(list(area_ids))))
    return {a.id: a for a in rows}


async def voter_additions(session: AsyncSession, area_id: int) -> int:
    """Voters added to the area's list on the day (sum of the additions)."""
    total = await session.scalar(
        select(func.coalesce(func.sum(VoterListAddition.added), 0)).where(VoterListAddition.polling_area_id == area_id)
    )
    return int(total or 0)


# --- check-ins ---------------------------------------------------------------------------------------------------


async def area_reports(session: AsyncSession, area_id: int) -> list[TurnoutReport]:
    """Every check-in row of an area, oldest first (the current figure of a slot is its newest row)."""
    return list(
        await session.scalars(
            select(TurnoutReport)
            .where(TurnoutReport.polling_area_id == area_id)
            .order_by(TurnoutReport.slot_at, TurnoutReport.reported_at, TurnoutReport.id)
        )
    )


def current_turnout_query() -> Select[tuple[TurnoutReport]]:
    """SELECT of the current check-in rows: for each (area, slot) the newest row (corrections add rows).

    Narrow it as needed, e.g. ``current_turnout_query().where(TurnoutReport.polling_area_id.in_(ids))``.
    """
    later = aliased(TurnoutReport)
    return select(TurnoutReport).where(
        ~exists().where(
            later.polling_area_id == TurnoutReport.polling_area_id,
            later.slot_at == TurnoutReport.slot_at,
            or_(
                later.reported_at > TurnoutReport.reported_at,
                and_(later.reported_at == TurnoutReport.reported_at, later.id > TurnoutReport.id),
            ),
        )
    )


async def latest_closure(session: AsyncSession, area_id: int) -> AreaClosure | None:
    """The area's closure in force (a corrected final figure adds a newer row)."""
    return await session.scalar(
        select(AreaClosure)
        .where(AreaClosure.polling_area_id == area_id)
        .order_by(AreaClosure.closed_at.desc(), AreaClosure.id.desc())
        .limit(1)
    )


async def members_to_prompt(
    session: AsyncSession, election_id: int, slot: datetime, *, final: bool
) -> list[tuple[int, str, int, int, str]]:
    """(area_id, area label, user_id, chat_id, language) of active team members whose area has no report for
    ``slot`` (for the closing slot: whose area is not closed). One query for all areas."""
    missing = ~exists().where(TurnoutReport.polling_area_id == PollingArea.id, TurnoutReport.slot_at == slot)
    if final:
        missing = and_(missing, ~exists().where(AreaClosure.polling_area_id == PollingArea.id))
    rows = await session.execute(
        select(PollingArea.id, PollingArea.name, PollingArea.code, User.id, User.chat_id, User.language)
        .join(RoleAssignment, RoleAssignment.polling_area_id == PollingArea.id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            PollingArea.election_id == election_id,
            RoleAssignment.role == "team",
            RoleAssignment.revoked_at.is_(None),
            User.is_blocked.is_(False),
            missing,
        )
        .order_by(PollingArea.id, User.id)
    )
    return [(int(a), f"{name} ({code})", int(u), int(c), str(lang)) for a, name, code, u, c, lang in rows]


async def members_to_prompt_sheets(
    session: AsyncSession, election_id: int
) -> list[tuple[int, str, int, int, str, int | None]]:
    """(area_id, area label, user_id, chat_id, language, closed_by) of team members of closed areas with a contest whose count
    sheet is not locked yet. One query for all areas."""
    contests = select(func.count()).where(AreaConstituency.polling_area_id == PollingArea.id).scalar_subquery()
    locked = (
        select(func.count(func.distinct(CountSheet.contest_id)))
        .where(CountSheet.polling_area_id == PollingArea.id, CountSheet.status.in_(["locked", "superseded"]))
        .scalar_subquery()
    )
    closed_by = (
        select(AreaClosure.closed_by)
        .where(AreaClosure.polling_area_id == PollingArea.id)
        .order_by(AreaClosure.id)
        .limit(1)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(PollingArea.id, PollingArea.name, PollingArea.code, User.id, User.chat_id, User.language, closed_by)
        .join(RoleAssignment, RoleAssignment.polling_area_id == PollingArea.id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            PollingArea.election_id == election_id,
            RoleAssignment.role == "team",
            RoleAssignment.revoked_at.is_(None),
            User.is_blocked.is_(False),
            exists().where(AreaClosure.polling_area_id == PollingArea.id),
            locked < contests,
        )
        .order_by(PollingArea.id, User.id)
    )
    return [(int(a), f"{name} ({code})", int(u), int(c), str(lang), cb) for a, name, code, u, c, lang, cb in rows]


async def deliveries_created(session: AsyncSession, keys: Sequence[str]) -> dict[str, datetime]:
    """dedupe_key -> created_at of the outbox rows that exist among ``keys``."""
    if not keys:
        return {}
    rows = await session.execute(
        select(Delivery.dedupe_key, Delivery.created_at).where(Delivery.dedupe_key.in_(list(keys)))
    )
    return {str(k): c for k, c in rows}


# --- incidents ---------------------------------------------------------------------------------------------------


async def open_incidents(session: AsyncSession, area_ids: Sequence[int]) -> list[Incident]:
    return list(
        await session.scalars(
            select(Incident)
            .where(Incident.polling_area_id.in_(list(area_ids)), Incident.status == "open")
            .order_by(Incident.id)
        )
    )


async def incident_alerts(session: AsyncSession, incident_id: int) -> list[Alert]:
    return list(await session.scalars(select(Alert).where(Alert.incident_id == incident_id).order_by(Alert.unit_id)))


# --- count sheets ------------------------------------------------------------------------------------------------


async def area_contests(session: AsyncSession, area_id: int) -> list[tuple[Contest, Constituency]]:
    """The contests on the area's ballots, in ballot order, with the constituency the area votes in."""
    rows = await session.execute(
        select(Contest, Constituency)
        .join(AreaConstituency, AreaConstituency.contest_id == Contest.id)
        .join(Constituency, Constituency.id == AreaConstituency.constituency_id)
        .where(AreaConstituency.polling_area_id == area_id)
        .order_by(Contest.ballot_order, Contest.id)
    )
    return [(c, k) for c, k in rows]


async def constituency_candidates(session: AsyncSession, constituency_id: int) -> list[Candidate]:
    return list(
        await session.scalars(
            select(Candidate)
            .where(Candidate.constituency_id == constituency_id)
            .order_by(Candidate.ballot_order, Candidate.id)
        )
    )


async def latest_sheets(session: AsyncSession, area_id: int) -> dict[int, CountSheet]:
    """contest_id -> the newest version of its count sheet in the area (draft, locked)."""
    rows = await session.scalars(
        select(CountSheet).where(CountSheet.polling_area_id == area_id).order_by(CountSheet.version, CountSheet.id)
    )
    return {s.contest_id: s for s in rows}


async def locked_sheet(session: AsyncSession, area_id: int, contest_id: int) -> CountSheet | None:
    """The count sheet in force: the locked version (at most one; older versions are "superseded")."""
    return await session.scalar(
        select(CountSheet)
        .where(
            CountSheet.polling_area_id == area_id,
            CountSheet.contest_id == contest_id,
            CountSheet.status == "locked",
        )
        .order_by(CountSheet.version.desc())
        .limit(1)
    )


async def sheet_votes(session: AsyncSession, sheet_id: int) -> dict[int, int]:
    rows = await session.execute(
        select(CountSheetVote.candidate_id, CountSheetVote.votes).where(CountSheetVote.sheet_id == sheet_id)
    )
    return {int(c): int(v) for c, v in rows}


async def set_sheet_vote(session: AsyncSession, sheet_id: int, candidate_id: int, votes: int) -> None:
    row = await session.get(CountSheetVote, (sheet_id, candidate_id))
    if row is None:
        session.add(CountSheetVote(sheet_id=sheet_id, candidate_id=candidate_id, votes=votes))
    else:
        row.votes = votes
    await session.flush()
