"""Look-ups for the voter assistant: places, polling areas, ballots, candidates, counts, reminders.

Functions take the session first and never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, String, and_, cast, exists, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import (
    AdminUnit,
    AreaConstituency,
    Candidate,
    Constituency,
    ConstituencyUnit,
    Contest,
    Delivery,
    Election,
    Hamlet,
    PollingArea,
    ReminderSubscription,
    User,
)
from db.queries.elections import constituencies_with

# --- places --------------------------------------------------------------------------------------------------


async def data_version(session: AsyncSession, election_id: int) -> tuple[int, ...]:
    """A cheap fingerprint of the place data: changes when an import adds, removes or renames rows."""
    areas = (
        await session.execute(
            select(func.count(PollingArea.id), func.coalesce(func.max(PollingArea.id), 0)).where(
                PollingArea.election_id == election_id
            )
        )
    ).one()
    hamlets = (
        await session.execute(
            select(func.count(Hamlet.id), func.coalesce(func.max(Hamlet.id), 0))
            .join(PollingArea, PollingArea.id == Hamlet.polling_area_id)
            .where(PollingArea.election_id == election_id)
        )
    ).one()
    units = (await session.execute(select(func.count(AdminUnit.id), func.coalesce(func.max(AdminUnit.id), 0)))).one()
    cands = (
        await session.execute(
            select(func.count(Candidate.id), func.coalesce(func.max(Candidate.id), 0)).where(
                Candidate.election_id == election_id
            )
        )
    ).one()
    return (*map(int, areas), *map(int, hamlets), *map(int, units), *map(int, cands))


async def all_units(session: AsyncSession) -> list[AdminUnit]:
    return list((await session.scalars(select(AdminUnit).order_by(AdminUnit.level, AdminUnit.name))).all())


async def areas_of_election(session: AsyncSession, election_id: int) -> list[PollingArea]:
    return list(
        (
            await session.scalars(
                select(PollingArea)
                .where(PollingArea.election_id == election_id)
                .order_by(PollingArea.commune_id, PollingArea.number, PollingArea.id)
            )
        ).all()
    )


async def hamlets_of_election(session: AsyncSession, election_id: int) -> list[tuple[int, int, str]]:
    """(hamlet id, polling area id, hamlet name)."""
    rows = await session.execute(
        select(Hamlet.id, Hamlet.polling_area_id, Hamlet.name)
        .join(PollingArea, PollingArea.id == Hamlet.polling_area_id)
        .where(PollingArea.election_id == election_id)
        .order_by(Hamlet.id)
    )
    return [(int(a), int(b), str(c)) for a, b, c in rows]


async def candidate_names(session: AsyncSession, election_id: int) -> list[tuple[int, str, int]]:
    """(candidate id, full name, constituency id) of every candidate of the election."""
    rows = await session.execute(
        select(Candidate.id, Candidate.full_name, Candidate.constituency_id)
        .where(Candidate.election_id == election_id)
        .order_by(Candidate.constituency_id, Candidate.ballot_order)
    )
    return [(int(a), str(b), int(c)) for a, b, c in rows]


async def unit_with_ancestors(session: AsyncSession, unit_id: int) -> list[AdminUnit]:
    """The unit and its ancestors, most specific first."""
    unit = await session.get(AdminUnit, unit_id)
    if unit is None:
        return []
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    units = {u.id: u for u in (await session.scalars(select(AdminUnit).where(AdminUnit.id.in_(ids)))).all()}
    return [units[i] for i in reversed(ids) if i in units]


async def child_units_with_areas(session: AsyncSession, election_id: int, parent_id: int | None) -> list[AdminUnit]:
    """Units directly below ``parent_id`` (or the top units) that contain polling areas of the election."""
    communes = select(PollingArea.commune_id).where(PollingArea.election_id == election_id).distinct()
    paths = select(AdminUnit.path).where(AdminUnit.id.in_(communes))
    units = (
        await session.scalars(
            select(AdminUnit)
            .where(AdminUnit.parent_id == parent_id if parent_id is not None else AdminUnit.parent_id.is_(None))
            .order_by(AdminUnit.name, AdminUnit.id)
        )
    ).all()
    area_paths = [str(p) for p in (await session.scalars(paths)).all()]
    return [u for u in units if any(p.startswith(u.path) for p in area_paths)]


async def areas_of_commune(session: AsyncSession, election_id: int, commune_id: int) -> list[PollingArea]:
    return list(
        (
            await session.scalars(
                select(PollingArea)
                .where(PollingArea.election_id == election_id, PollingArea.commune_id == commune_id)
                .order_by(PollingArea.number, PollingArea.id)
            )
        ).all()
    )


async def election_area(session: AsyncSession, election_id: int, area_id: int) -> PollingArea | None:
    """The polling area if it belongs to the election (button ids are never trusted)."""
    area = await session.get(PollingArea, area_id)
    return area if area is not None and area.election_id == election_id else None


async def hamlet_names(session: AsyncSession, area_id: int) -> list[str]:
    """The hamlets (thôn, tổ dân phố) that vote in one polling area, in the order they were loaded."""
    rows = await session.scalars(select(Hamlet.name).where(Hamlet.polling_area_id == area_id).order_by(Hamlet.id))
    return [str(n) for n in rows]


async def areas_with_coordinates(session: AsyncSession, election_id: int) -> list[tuple[int, float, float]]:
    rows = await session.execute(
        select(PollingArea.id, PollingArea.latitude, PollingArea.longitude).where(
            PollingArea.election_id == election_id,
            PollingArea.latitude.is_not(None),
            PollingArea.longitude.is_not(None),
        )
    )
    return [(int(i), float(a), float(b)) for i, a, b in rows]


# --- ballots and candidates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ballot:
    """One ballot a voter of an area receives: the contest, its constituency, seats and candidates."""

    contest: Contest
    constituency: Constituency
    candidates: int


async def area_ballots(session: AsyncSession, area_id: int) -> list[Ballot]:
    """The ballots of a polling area in ballot order (QH, tỉnh, huyện, xã)."""
    count = (
        select(func.count(Candidate.id))
        .where(Candidate.constituency_id == Constituency.id)
        .correlate(Constituency)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Contest, Constituency, count)
        .join(AreaConstituency, AreaConstituency.contest_id == Contest.id)
        .join(Constituency, Constituency.id == AreaConstituency.constituency_id)
        .where(AreaConstituency.polling_area_id == area_id)
        .order_by(Contest.ballot_order, Contest.id)
    )
    return [Ballot(c, k, int(n)) for c, k, n in rows]


async def election_constituency(
    session: AsyncSession, election_id: int, constituency_id: int
) -> tuple[Constituency, Contest] | None:
    row = (
        await session.execute(
            select(Constituency, Contest)
            .join(Contest, Contest.id == Constituency.contest_id)
            .where(Constituency.id == constituency_id, Constituency.election_id == election_id)
        )
    ).first()
    return (row[0], row[1]) if row else None


async def candidates_of(session: AsyncSession, constituency_id: int) -> list[Candidate]:
    """Candidates in ballot order (the only order the bot ever uses)."""
    return list(
        (
            await session.scalars(
                select(Candidate)
                .where(Candidate.constituency_id == constituency_id)
                .order_by(Candidate.ballot_order, Candidate.id)
            )
        ).all()
    )


async def election_candidate(session: AsyncSession, election_id: int, candidate_id: int) -> Candidate | None:
    cand = await session.get(Candidate, candidate_id)
    return cand if cand is not None and cand.election_id == election_id else None


async def constituencies_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, tuple[Constituency, Contest]]:
    if not ids:
        return {}
    rows = await session.execute(
        select(Constituency, Contest)
        .join(Contest, Contest.id == Constituency.contest_id)
        .where(Constituency.id.in_(list(ids)))
    )
    return {k.id: (k, c) for k, c in rows}


async def constituency_units(session: AsyncSession, constituency_id: int) -> list[AdminUnit]:
    return list(
        (
            await session.scalars(
                select(AdminUnit)
                .join(ConstituencyUnit, ConstituencyUnit.unit_id == AdminUnit.id)
                .where(ConstituencyUnit.constituency_id == constituency_id)
                .order_by(AdminUnit.level, AdminUnit.name)
            )
        ).all()
    )


@dataclass(frozen=True)
class ConstituencyVoters:
    polling_areas: int
    voters: int
    #: units the constituency covers with no polling area loaded: the figures are those of the rest only
    missing: list[AdminUnit]


async def constituency_voters(session: AsyncSession, election_id: int, constituency_id: int) -> ConstituencyVoters:
    """The polling areas that vote in a constituency and the voters on their lists."""
    areas, voters = (
        await session.execute(
            select(func.count(PollingArea.id), func.coalesce(func.sum(PollingArea.registered_voters), 0))
            .join(AreaConstituency, AreaConstituency.polling_area_id == PollingArea.id)
            .where(AreaConstituency.constituency_id == constituency_id, PollingArea.election_id == election_id)
        )
    ).one()
    missing = []
    for unit in await constituency_units(session, constituency_id):
        loaded = await session.scalar(
            select(PollingArea.id)
            .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
            .where(PollingArea.election_id == election_id, AdminUnit.path.startswith(unit.path, autoescape=True))
            .limit(1)
        )
        if loaded is None:
            missing.append(unit)
    return ConstituencyVoters(int(areas), int(voters), missing)


async def constituency_hamlets(session: AsyncSession, constituency_id: int) -> list[str]:
    """The hamlets (thôn, tổ dân phố) of the polling areas that vote in a constituency, by area then name."""
    rows = await session.execute(
        select(Hamlet.name)
        .join(PollingArea, PollingArea.id == Hamlet.polling_area_id)
        .join(AreaConstituency, AreaConstituency.polling_area_id == PollingArea.id)
        .where(AreaConstituency.constituency_id == constituency_id)
        .order_by(PollingArea.number, Hamlet.id)
    )
    seen: dict[str, None] = {}
    for (name,) in rows:
        seen.setdefault(str(name), None)
    return list(seen)


async def constituencies_numbered(
    session: AsyncSession, election_id: int, number: int
) -> list[tuple[Constituency, Contest]]:
    return await constituencies_with(session, election_id, Constituency.number == number)


async def constituencies_of_level(
    session: AsyncSession, election_id: int, level: str
) -> list[tuple[Constituency, Contest]]:
    """The constituencies of every contest at one level (national, province, district, commune)."""
    return await constituencies_with(session, election_id, Contest.level == level)


async def constituencies_for_areas(
    session: AsyncSession, election_id: int, unit_path: str
) -> list[tuple[Contest, Constituency]]:
    """Per contest, the constituencies that the polling areas in the unit (or below) vote in."""
    unit_ids = select(AdminUnit.id).where(AdminUnit.path.startswith(unit_path, autoescape=True))
    return await _contest_pairs(
        session,
        select(Contest, Constituency)
        .join(AreaConstituency, AreaConstituency.contest_id == Contest.id)
        .join(Constituency, Constituency.id == AreaConstituency.constituency_id)
        .join(PollingArea, PollingArea.id == AreaConstituency.polling_area_id)
        .where(PollingArea.election_id == election_id, PollingArea.commune_id.in_(unit_ids)),
    )


async def _contest_pairs(session: AsyncSession, query: Select) -> list[tuple[Contest, Constituency]]:
    rows = await session.execute(query.distinct().order_by(Contest.ballot_order, Contest.id, Constituency.number))
    return [(c, k) for c, k in rows]


async def constituencies_covering(
    session: AsyncSession, election_id: int, unit: AdminUnit
) -> list[tuple[Contest, Constituency]]:
    """Per contest, the constituencies whose list of units names the unit or one of its ancestors (for a unit
    without polling areas loaded: a district of the province whose National Assembly constituency is known)."""
    ancestors = [int(x) for x in unit.path.strip("/").split("/") if x]
    return await _contest_pairs(
        session,
        select(Contest, Constituency)
        .join(Constituency, Constituency.contest_id == Contest.id)
        .join(ConstituencyUnit, ConstituencyUnit.constituency_id == Constituency.id)
        .where(Constituency.election_id == election_id, ConstituencyUnit.unit_id.in_(ancestors)),
    )


@dataclass(frozen=True)
class ContestCount:
    contest: Contest
    constituencies: int
    seats: int
    candidates: int


@dataclass(frozen=True)
class UnitCounts:
    contests: list[ContestCount]
    polling_areas: int
    voters: int
    #: the largest units inside the unit (or the unit itself) that have no polling area of the election loaded:
    #: the figures then cover only part of the unit (the demo loads Chợ Đồn's areas only, not the rest of the
    #: province)
    missing: tuple[AdminUnit, ...] = ()


async def unit_counts(session: AsyncSession, election_id: int, unit: AdminUnit | None) -> UnitCounts:
    """Per contest: constituencies lying in the unit or covering it, their seats and candidates; areas, voters.

    A constituency counts for the unit when it covers a unit inside it, or the unit itself or one of its
    ancestors (a National Assembly constituency covering the whole province counts for each of its districts).
    """
    cu = aliased(AdminUnit)
    query = select(ConstituencyUnit.constituency_id).join(cu, cu.id == ConstituencyUnit.unit_id)
    area_query = select(func.count(PollingArea.id), func.coalesce(func.sum(PollingArea.registered_voters), 0)).where(
        PollingArea.election_id == election_id
    )
    if unit is not None:
        ancestors = [int(x) for x in unit.path.strip("/").split("/") if x]
        query = query.where(cu.path.startswith(unit.path, autoescape=True) | cu.id.in_(ancestors))
        area_query = area_query.where(
            PollingArea.commune_id.in_(
                select(AdminUnit.id).where(AdminUnit.path.startswith(unit.path, autoescape=True))
            )
        )
    cand_count = (
        select(func.count(Candidate.id))
        .where(Candidate.constituency_id == Constituency.id)
        .correlate(Constituency)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Contest, Constituency.id, Constituency.seats, cand_count)
        .join(Contest, Contest.id == Constituency.contest_id)
        .where(Constituency.election_id == election_id, Constituency.id.in_(query))
        .order_by(Contest.ballot_order, Contest.id)
    )
    per: dict[int, list] = {}
    contests: dict[int, Contest] = {}
    for contest, _cid, seats, cands in rows:
        contests[contest.id] = contest
        acc = per.setdefault(contest.id, [0, 0, 0])
        acc[0] += 1
        acc[1] += int(seats)
        acc[2] += int(cands)
    areas, voters = (await session.execute(area_query)).one()
    return UnitCounts(
        [ContestCount(contests[i], *per[i]) for i in per],
        int(areas),
        int(voters),
        await _without_areas(session, election_id, unit) if unit is not None else (),
    )


async def _without_areas(session: AsyncSession, election_id: int, unit: AdminUnit) -> tuple[AdminUnit, ...]:
    inside = list(
        await session.scalars(
            select(AdminUnit).where(AdminUnit.path.startswith(unit.path, autoescape=True)).order_by(AdminUnit.name)
        )
    )
    used = await session.scalars(
        select(AdminUnit.path)
        .join(PollingArea, PollingArea.commune_id == AdminUnit.id)
        .where(PollingArea.election_id == election_id, AdminUnit.path.startswith(unit.path, autoescape=True))
        .distinct()
    )
    covered = {int(x) for path in used for x in path.strip("/").split("/") if x}  # the units with areas
    return tuple(u for u in inside if u.id not in covered and (u.id == unit.id or u.parent_id in covered))


# --- users and reminders -------------------------------------------------------------------------------------


async def subscription(session: AsyncSession, user_id: int, election_id: int) -> ReminderSubscription | None:
    return await session.scalar(
        select(ReminderSubscription).where(
            ReminderSubscription.user_id == user_id, ReminderSubscription.election_id == election_id
        )
    )


async def subscribe(
    session: AsyncSession, user_id: int, election_id: int, area_id: int, now: datetime
) -> tuple[ReminderSubscription, bool]:
    """Create or reactivate the user's subscription; returns it and whether it was already active."""
    sub = await subscription(session, user_id, election_id)
    if sub is None:
        sub = ReminderSubscription(
            user_id=user_id, election_id=election_id, polling_area_id=area_id, active=True, created_at=now
        )
        session.add(sub)
        await session.flush()
        return sub, False
    was_active = sub.active
    sub.polling_area_id = area_id
    if not was_active:
        sub.active = True
        sub.created_at = now  # reminders due before this moment are not sent
        sub.cancelled_at = None
    return sub, was_active


async def unsubscribe(session: AsyncSession, user_id: int, election_id: int, now: datetime) -> bool:
    """Cancel the subscription and any of its reminders not yet sent; False if there was none active."""
    sub = await subscription(session, user_id, election_id)
    if sub is None or not sub.active:
        return False
    sub.active = False
    sub.cancelled_at = now
    await session.execute(
        update(Delivery)
        .where(
            Delivery.kind == "reminder",
            Delivery.ref_id == sub.id,
            Delivery.status == "pending",
        )
        .values(status="cancelled", last_error="unsubscribed")
    )
    return True


async def move_subscription(session: AsyncSession, user_id: int, election_id: int, area_id: int) -> None:
    await session.execute(
        update(ReminderSubscription)
        .where(ReminderSubscription.user_id == user_id, ReminderSubscription.election_id == election_id)
        .values(polling_area_id=area_id)
    )


@dataclass(frozen=True)
class DueReminder:
    subscription_id: int
    user_id: int
    chat_id: int
    language: str
    area: PollingArea
    commune: AdminUnit


def reminder_key(subscription_id: int, kind: str) -> str:
    return f"reminder:{subscription_id}:{kind}"


async def due_reminders(
    session: AsyncSession, election_id: int, kind: str, due_at: datetime, limit: int = 5000
) -> list[DueReminder]:
    """Active subscriptions (made before ``due_at``) whose reminder ``kind`` is not in the outbox yet.

    One indexed query: the NOT EXISTS on ``deliveries.dedupe_key`` (unique) keeps it cheap at national scale.
    """
    key = literal("reminder:") + cast(ReminderSubscription.id, String) + literal(f":{kind}")
    sent = exists().where(Delivery.dedupe_key == key)
    rows = await session.execute(
        select(ReminderSubscription.id, User.id, User.chat_id, User.language, PollingArea, AdminUnit)
        .join(User, User.id == ReminderSubscription.user_id)
        .join(PollingArea, PollingArea.id == ReminderSubscription.polling_area_id)
        .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
        .where(
            and_(
                ReminderSubscription.election_id == election_id,
                ReminderSubscription.active.is_(True),
                ReminderSubscription.created_at <= due_at,
                User.is_blocked.is_(False),
                ~sent,
            )
        )
        .order_by(ReminderSubscription.id)
        .limit(limit)
    )
    return [DueReminder(int(s), int(u), int(c), str(lang), a, cm) for s, u, c, lang, a, cm in rows]


async def active_elections(session: AsyncSession) -> list[Election]:
    return list((await session.scalars(select(Election).where(Election.is_active.is_(True)))).all())
