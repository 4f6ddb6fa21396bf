"""``baucu synth`` at a tiny scale: the invariants of the generated election."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from bot.runtime import Services
from bot.synth import Generator, SynthConfig, allocate, synthesize
from db.models import (
    AdminUnit,
    AreaConstituency,
    Candidate,
    Constituency,
    ConstituencyUnit,
    Contest,
    Election,
    Hamlet,
    PollingArea,
    TurnoutReport,
)

SMALL = SynthConfig(provinces=2, communes=10, areas=40, seed=7, day_of_checkins=True, election_code="SYN")


def test_allocate_keeps_total_and_minimum() -> None:
    parts = allocate(100, [5, 1, 1, 0], 2)
    assert sum(parts) == 100 and min(parts) >= 2 and parts[0] > parts[1]
    with pytest.raises(ValueError):
        allocate(3, [1, 1], 2)


def test_same_seed_same_data() -> None:
    base = dict.fromkeys(("elections", "admin_units", "polling_areas", "hamlets", "contests", "constituencies",
                          "candidates", "turnout_reports"), 0)  # fmt: skip
    a, b = Generator(SMALL, base), Generator(SMALL, base)
    a.build()
    b.build()
    assert a.rows == b.rows
    c = Generator(SynthConfig(**{**SMALL.__dict__, "seed": 8}), base)
    c.build()
    assert c.rows["hamlets"] != a.rows["hamlets"]


@pytest.mark.parametrize("edition", ["2025", "2015"])
async def test_synth_invariants(services: Services, edition: str) -> None:
    cfg = SynthConfig(**{**SMALL.__dict__, "edition": edition})
    result = await synthesize(services.engine, cfg, progress=False)
    async with services.sessionmaker() as s:
        election = await s.scalar(select(Election).where(Election.code == "SYN"))
        assert election is not None and election.id == result.election_id and election.law_edition == edition
        units = list(await s.scalars(select(AdminUnit)))
        areas = list(await s.scalars(select(PollingArea).where(PollingArea.election_id == election.id)))
        contests = list(await s.scalars(select(Contest).where(Contest.election_id == election.id)))
        constituencies = {c.id: c for c in await s.scalars(select(Constituency))}
        links = list(await s.scalars(select(AreaConstituency)))
        candidates = Counter(await s.scalars(select(Candidate.constituency_id)))
        covered = defaultdict(set)
        for cu in await s.scalars(select(ConstituencyUnit)):
            covered[cu.constituency_id].add(cu.unit_id)
        hamlets = Counter(await s.scalars(select(Hamlet.polling_area_id)))
        reports = await s.scalar(select(func.count()).select_from(TurnoutReport))
        finals = list(await s.scalars(select(TurnoutReport).where(TurnoutReport.is_final.is_(True))))

    # units: codes unique, paths are the parent's path plus the own id, levels as the edition says
    assert len({u.code for u in units}) == len(units)
    by_id = {u.id: u for u in units}
    for u in units:
        parent_path = by_id[u.parent_id].path if u.parent_id else "/"
        assert u.path == f"{parent_path}{u.id}/"
    levels = Counter(u.level for u in units)
    assert levels[1] == 2
    assert (levels[2] if edition == "2025" else levels[3]) == 10
    assert (edition == "2015") == (levels[3] > 0)
    assert len(areas) == 40 and len({a.code for a in areas}) == 40
    communes = {u.id for u in units if u.kind in ("xa", "phuong", "dac_khu")}
    assert {a.commune_id for a in areas} == communes  # every commune has an area
    # every area votes in exactly one constituency per contest, of that contest, covering the area's commune
    per_area = defaultdict(list)
    for link in links:
        per_area[link.polling_area_id].append(link.contest_id)
        k = constituencies[link.constituency_id]
        assert k.contest_id == link.contest_id
    commune_of = {a.id: a.commune_id for a in areas}
    for link in links:
        assert commune_of[link.polling_area_id] in covered[link.constituency_id]
    ballots = 3 if edition == "2025" else 4
    for a in areas:
        mine = per_area[a.id]
        assert len(mine) == len(set(mine)) == ballots
        assert {c.level for c in contests if c.id in mine} == (
            {"national", "province", "commune"}
            if edition == "2025"
            else {"national", "province", "district", "commune"}
        )
    # candidates exceed seats by at least two (the election law); codes unique
    assert constituencies and all(candidates[k.id] >= k.seats + 2 for k in constituencies.values())
    assert len({k.code for k in constituencies.values()}) == len(constituencies)
    # plausible voters and names
    registered = sum(a.registered_voters for a in areas)
    assert all(300 <= a.registered_voters <= 4000 for a in areas)
    assert 300 * 40 <= registered <= 4000 * 40 and registered == result.registered_voters
    assert all(3 <= hamlets[a.id] <= 6 for a in areas)
    assert all(8.0 <= a.latitude <= 23.5 and 102.0 <= a.longitude <= 110.0 for a in areas)  # type: ignore[operator]
    # a full day of check-ins: 12 hourly slots per area, final figure within the register
    assert reports == 40 * 12 and len(finals) == 40
    assert all(0.9 * commune_voters <= f.voted <= commune_voters for f in finals
               for commune_voters in [next(a.registered_voters for a in areas if a.id == f.polling_area_id)])  # fmt: skip


async def test_synth_twice_needs_another_code(services: Services) -> None:
    await synthesize(services.engine, SynthConfig(provinces=1, communes=2, areas=4, election_code="A"), progress=False)
    with pytest.raises(ValueError, match="already exists"):
        await synthesize(
            services.engine, SynthConfig(provinces=1, communes=2, areas=4, election_code="A"), progress=False
        )
    # a second synthetic election next to the first: ids continue, unit codes do not clash
    await synthesize(services.engine, SynthConfig(provinces=1, communes=2, areas=4, election_code="B"), progress=False)
    async with services.sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(Election)) == 2
        assert await s.scalar(select(func.count()).select_from(PollingArea)) == 8


async def test_checkins_in_parts_equal_the_whole_day(services: Services) -> None:
    from bot.synth import add_checkins

    cfg = SynthConfig(provinces=1, communes=2, areas=6, election_code="P", day_of_checkins=True, checkins_until=9)
    result = await synthesize(services.engine, cfg, progress=False)
    assert result.counts["turnout_reports"] == 6 * 2
    assert await add_checkins(services.engine, result.election_id, cfg.seed, range(10, 20)) == 6 * 10
    whole = Generator(SynthConfig(**{**cfg.__dict__, "checkins_until": 19}), dict.fromkeys(("elections", "admin_units",
                      "polling_areas", "hamlets", "contests", "constituencies", "candidates", "turnout_reports"), 0))  # fmt: skip
    whole.build()
    async with services.sessionmaker() as s:
        stored = {(r.polling_area_id, r.slot_at, r.voted) for r in await s.scalars(select(TurnoutReport))}
    assert stored == {(r["polling_area_id"], r["slot_at"], r["voted"]) for r in whole.rows["turnout_reports"]}


def test_synth_command(database_url: str) -> None:
    from tests.test_cli import run

    env = {"DATABASE_URL": database_url}
    result = run(
        ["synth", "--provinces", "1", "--communes", "2", "--areas", "5", "--quiet", "--day-of-checkins"], env=env
    )
    assert result.returncode == 0, result.stderr
    assert "5 polling_areas" in result.stdout and "60 turnout_reports" in result.stdout
    again = run(["synth", "--provinces", "1", "--communes", "2", "--areas", "5", "--quiet"], env=env)
    assert again.returncode == 2 and "already exists" in again.stderr and "Traceback" not in again.stderr
    bad = run(["synth", "--communes", "1", "--areas", "5"], env=env)
    assert bad.returncode == 2 and "--communes must be at least --provinces" in bad.stderr
