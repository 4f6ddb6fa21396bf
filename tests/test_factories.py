"""The test election factory builds a consistent election on the configured database."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.runtime import Services
from db.models import AreaConstituency, Candidate, PollingArea
from db.queries.scope import areas_under, chairs_for_units, team_members, unit_contains, unit_covers_area
from tests.factories import grant, make_election


async def test_small_election_and_scope(services: Services) -> None:
    async with services.sessionmaker() as s, s.begin():
        se = await make_election(s)
        await grant(s, 501, "chair", unit=se.district)
        await grant(s, 502, "team", area=se.areas[0])
    async with services.sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(PollingArea)) == 4
        assert await s.scalar(select(func.count()).select_from(AreaConstituency)) == 16
        assert await s.scalar(select(func.count()).select_from(Candidate)) == 23
        in_c1 = set(await s.scalars(areas_under(se.communes[0].path)))
        assert in_c1 == {se.areas[0].id, se.areas[1].id}
        assert len(set(await s.scalars(areas_under(se.province.path)))) == 4
        assert await unit_covers_area(s, se.district.id, se.areas[3].id)
        assert not await unit_covers_area(s, se.communes[0].id, se.areas[3].id)
        assert await unit_contains(s, se.province.id, se.communes[1].id)
        assert not await unit_contains(s, se.communes[1].id, se.province.id)
        assert await chairs_for_units(s, [se.district.id]) == [(se.district.id, 501, 501)]
        assert await team_members(s, [se.areas[0].id]) == [(se.areas[0].id, 502, 502)]
