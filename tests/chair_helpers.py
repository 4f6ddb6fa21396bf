"""Set-up shared by the chair tests: the small election, chairs of every level, voters, crafted figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.runtime import Services
from db.models import (
    Alert,
    Announcement,
    CountSheet,
    CountSheetVote,
    Delivery,
    Incident,
    ReminderSubscription,
    TurnoutReport,
    User,
)
from tests.factories import NOW, SmallElection, grant, make_election, make_user

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
C1_CHAIR, C2_CHAIR, DISTRICT_CHAIR, PROVINCE_CHAIR = 501, 502, 601, 701


def local(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2021, 5, day, hour, minute, tzinfo=TZ)


@dataclass
class World:
    se: SmallElection

    @property
    def c1(self):  # type: ignore[no-untyped-def]
        return self.se.communes[0]

    @property
    def c2(self):  # type: ignore[no-untyped-def]
        return self.se.communes[1]


async def setup(services: Services, emulator=None, *, chair_lang: str = "vi") -> World:  # type: ignore[no-untyped-def]
    """The small election with a chair on every level (their chats known to the emulator)."""
    async with services.sessionmaker() as s, s.begin():
        se = await make_election(s)
        for uid in (C1_CHAIR, C2_CHAIR, DISTRICT_CHAIR, PROVINCE_CHAIR):
            await make_user(s, uid, language=chair_lang, name=f"Chủ tịch {uid}")
        await grant(s, C1_CHAIR, "chair", unit=se.communes[0])
        await grant(s, C2_CHAIR, "chair", unit=se.communes[1])
        await grant(s, DISTRICT_CHAIR, "chair", unit=se.district)
        await grant(s, PROVINCE_CHAIR, "chair", unit=se.province)
    if emulator is not None:
        for uid in (C1_CHAIR, C2_CHAIR, DISTRICT_CHAIR, PROVINCE_CHAIR):
            emulator.known_chat(uid, name=f"Chủ tịch {uid}", lang=chair_lang)
    return World(se)


async def subscribe(
    services: Services, world: World, user_id: int, area_index: int, emulator=None, lang: str = "vi"
) -> None:  # type: ignore[no-untyped-def]
    async with services.sessionmaker() as s, s.begin():
        if await s.get(User, user_id) is None:
            await make_user(s, user_id, language=lang, name=f"Cử tri {user_id}")
        s.add(
            ReminderSubscription(
                user_id=user_id,
                election_id=world.se.election.id,
                polling_area_id=world.se.areas[area_index].id,
                active=True,
                created_at=NOW,
            )
        )
    if emulator is not None:
        emulator.known_chat(user_id, name=f"Cử tri {user_id}", lang=lang)


async def report(services: Services, area_id: int, slot: datetime, voted: int, *, final: bool = False) -> None:
    async with services.sessionmaker() as s, s.begin():
        s.add(
            TurnoutReport(
                polling_area_id=area_id,
                slot_at=slot,
                voted=voted,
                reported_at=slot + timedelta(minutes=2),
                is_final=final,
            )
        )


async def incident(services: Services, world: World, area_index: int, now: datetime, description: str) -> int:
    """An incident as the team side records it: the Incident row and one alert per level."""
    area = world.se.areas[area_index]
    commune = world.c1 if area.commune_id == world.c1.id else world.c2
    async with services.sessionmaker() as s, s.begin():
        count = await s.scalar(select(func.count()).select_from(Incident)) or 0
        inc = Incident(
            ref=f"SC-{count + 1:04d}",
            polling_area_id=area.id,
            category="security",
            description=description,
            created_at=now,
        )
        s.add(inc)
        await s.flush()
        for unit in (commune, world.se.district, world.se.province):
            s.add(
                Alert(
                    dedupe_key=f"incident:{inc.id}:{unit.id}",
                    kind="incident",
                    unit_id=unit.id,
                    polling_area_id=area.id,
                    incident_id=inc.id,
                    level=0,
                    params={"category": "security"},
                    created_at=now,
                    due_at=now,
                )
            )
        return inc.id


async def sheet(
    services: Services,
    world: World,
    key: str,
    area_index: int,
    figures: tuple[int, int, int, int],
    votes: list[int],
    *,
    status: str = "locked",
    version: int = 1,
) -> None:
    """A count sheet of contest ``key`` in an area: (total voters, voted, valid, invalid) and votes by ballot order."""
    total, voted, valid, invalid = figures
    se = world.se
    async with services.sessionmaker() as s, s.begin():
        cs = CountSheet(
            polling_area_id=se.areas[area_index].id,
            contest_id=se.contests[key].id,
            constituency_id=se.constituencies[key].id,
            version=version,
            status=status,
            total_voters=total,
            voted=voted,
            ballots_issued=voted,
            ballots_received=voted,
            valid=valid,
            invalid=invalid,
            created_at=NOW,
            locked_at=NOW if status != "draft" else None,
        )
        s.add(cs)
        await s.flush()
        for cand, n in zip(se.candidates[key], votes, strict=True):
            s.add(CountSheetVote(sheet_id=cs.id, candidate_id=cand.id, votes=n))


async def rows(services: Services, model, *where):  # type: ignore[no-untyped-def]
    async with services.sessionmaker() as s:
        return list((await s.scalars(select(model).where(*where).order_by(model.id))).all())


__all__ = ["UTC", "Announcement", "Delivery"]
