"""The bundled demo dataset (Chợ Đồn, Bắc Kạn, 23/5/2021) loads through the ordinary import and matches DOMAIN.md."""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from db.importer import DEMO_DIR, run_demo
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
)
from db.session import create_engine
from tests.dbutil import fresh_database_url
from tests.test_import import import_file, read_folder, snapshot, table_counts, write_xlsx

COMMUNES = {
    "Bằng Lũng",
    "Bằng Lãng",
    "Phương Viên",
    "Bằng Phúc",
    "Đồng Thắng",
    "Đại Sảo",
    "Yên Mỹ",
    "Yên Phong",
    "Lương Bằng",
    "Nghĩa Tá",
    "Bình Trung",
    "Ngọc Phái",
    "Tân Lập",
    "Quảng Bạch",
    "Đồng Lạc",
    "Nam Cường",
    "Xuân Lạc",
    "Yên Thượng",
    "Yên Thịnh",
    "Bản Thi",
}
DISTRICT_SEATS = {
    1: ({"Bằng Lũng", "Bằng Lãng"}, 5),
    2: ({"Phương Viên", "Bằng Phúc", "Đồng Thắng"}, 5),
    3: ({"Đại Sảo", "Yên Mỹ", "Yên Phong"}, 4),
    4: ({"Lương Bằng", "Nghĩa Tá", "Bình Trung"}, 5),
    5: ({"Ngọc Phái", "Tân Lập", "Quảng Bạch"}, 4),
    6: ({"Đồng Lạc", "Nam Cường", "Xuân Lạc"}, 5),
    7: ({"Yên Thượng", "Yên Thịnh", "Bản Thi"}, 3),
}


@pytest.fixture
async def demo_url(database_url: str) -> str:
    """The configured database with the demo loaded through the import code."""
    assert await run_demo(database_url) == 0
    return database_url


def _min_candidates(kind: str, seats: int) -> int:
    if kind == "na":
        return seats + 2
    return seats + (3 if seats >= 4 else 2 if seats == 3 else 1)


async def test_demo_matches_the_domain_facts(demo_url: str) -> None:
    engine = create_engine(demo_url)
    try:
        async with engine.connect() as conn:
            units = {u.id: u for u in (await conn.execute(select(AdminUnit))).all()}
            election = (await conn.execute(select(Election))).one()
            contests = {c.id: c for c in (await conn.execute(select(Contest))).all()}
            cons = {c.id: c for c in (await conn.execute(select(Constituency))).all()}
            cons_units = (await conn.execute(select(ConstituencyUnit))).all()
            areas = {a.id: a for a in (await conn.execute(select(PollingArea))).all()}
            hamlets = (await conn.execute(select(Hamlet))).all()
            links = (await conn.execute(select(AreaConstituency))).all()
            candidates = (await conn.execute(select(Candidate))).all()
    finally:
        await engine.dispose()

    # administrative structure
    by_code = {u.code: u for u in units.values()}
    province, district = by_code["BK"], by_code["BK-CD"]
    assert (province.name, province.kind, province.level, province.path) == ("Bắc Kạn", "tinh", 1, f"/{province.id}/")
    assert (district.name, district.kind, district.level) == ("Chợ Đồn", "huyen", 2)
    assert district.path == f"/{province.id}/{district.id}/"
    communes = [u for u in units.values() if u.parent_id == district.id]
    assert len(communes) == 20 and {u.name for u in communes} == COMMUNES
    assert Counter(u.kind for u in communes) == {"xa": 19, "thi_tran": 1}
    assert all(u.level == 3 and u.path == f"{district.path}{u.id}/" for u in communes)
    name_of = {u.id: u.name for u in units.values()}

    # the election
    assert election.name == (
        "Bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 – 2026"
    )
    assert election.election_date == date(2021, 5, 23) and election.election_date.weekday() == 6
    assert (election.voting_start.hour, election.voting_end.hour) == (7, 19)
    assert election.law_edition == "2015" and election.is_demo
    assert "minh họa" in election.notice and "hư cấu" in election.notice

    # contests: QH, tỉnh, huyện and one council per commune
    assert Counter(c.level for c in contests.values()) == {"national": 1, "province": 1, "district": 1, "commune": 20}
    level_of_contest = {cid: c.level for cid, c in contests.items()}
    seats_by: dict[str, dict[int, int]] = defaultdict(dict)
    for c in cons.values():
        seats_by[level_of_contest[c.contest_id]][c.number] = c.seats
    assert seats_by["national"] == {1: 3, 2: 3}
    assert seats_by["province"] == {7: 4, 8: 4}
    assert seats_by["district"] == {n: s for n, (_, s) in DISTRICT_SEATS.items()}
    assert sum(seats_by["district"].values()) == 31
    units_of: dict[int, set[str]] = defaultdict(set)
    for cu in cons_units:
        units_of[cu.constituency_id].add(name_of[cu.unit_id])
    for c in cons.values():
        if level_of_contest[c.contest_id] == "district":
            assert units_of[c.id] == DISTRICT_SEATS[c.number][0]
    province_units = [units_of[c.id] for c in cons.values() if level_of_contest[c.contest_id] == "province"]
    assert sorted(len(u) for u in province_units) == [9, 11] and set().union(*province_units) == COMMUNES

    # candidates: per the law, and exactly 7 in each provincial constituency
    per_cons = Counter(c.constituency_id for c in candidates)
    for c in cons.values():
        kind = contests[c.contest_id].kind
        assert per_cons[c.id] >= _min_candidates(kind, c.seats), c.code
        assert (kind == "na" and c.seats <= 3) or (kind == "hdnd" and c.seats <= 5)
        orders = sorted(x.ballot_order for x in candidates if x.constituency_id == c.id)
        assert orders == list(range(1, len(orders) + 1))
        if level_of_contest[c.contest_id] == "province":
            assert per_cons[c.id] == 7
    for cand in candidates:
        age = (date(2021, 5, 23) - cand.date_of_birth).days / 365.25
        assert age >= 21 and cand.full_name and cand.biography and cand.programme.startswith("1. ")
        assert cand.ethnicity in {"Tày", "Kinh", "Dao", "Nùng", "Mông", "Hoa"} and cand.religion == "Không"
        assert cand.gender in {"nam", "nu"}
        assert (cand.party_joined is not None) == cand.party_member

    # polling areas: each votes in exactly 4 contests, one per level, in constituencies covering its commune
    per_commune = Counter(a.commune_id for a in areas.values())
    assert len(per_commune) == 20
    assert all(3 <= n <= 9 for uid, n in per_commune.items() if name_of[uid] != "Bằng Lũng")
    assert per_commune[by_code["BK-CD-BANGLUNG"].id] >= 9
    for a in areas.values():
        assert 150 <= a.registered_voters <= 1500
        assert 22.05 <= a.latitude <= 22.35 and 105.45 <= a.longitude <= 105.75
        assert a.name == f"Khu vực bỏ phiếu số {a.number}" and a.address
    area_links: dict[int, list[AreaConstituency]] = defaultdict(list)
    for link in links:
        area_links[link.polling_area_id].append(link)
    assert set(area_links) == set(areas)
    for area_id, mine in area_links.items():
        assert sorted(level_of_contest[x.contest_id] for x in mine) == ["commune", "district", "national", "province"]
        assert all(cons[x.constituency_id].contest_id == x.contest_id for x in mine)
        commune = areas[area_id].commune_id
        for x in mine:
            unit = contests[x.contest_id].unit_id
            assert unit is None or f"/{unit}/" in units[commune].path
    hamlets_per_area = Counter(h.polling_area_id for h in hamlets)
    assert set(hamlets_per_area) == set(areas)


async def test_demo_counts_and_reimport_changes_nothing(demo_url: str) -> None:
    counts = await table_counts(demo_url)
    assert counts["admin_units"] == 29  # Bắc Kạn, its 8 district-level units, 20 communes of Chợ Đồn
    assert counts["elections"] == 1 and counts["contests"] == 23
    assert counts["polling_areas"] == 115 and counts["area_constituencies"] == 4 * 115
    before = await snapshot(demo_url, "BC2021")
    report = await import_file(demo_url, DEMO_DIR)
    assert report.ok and report.changed == 0
    assert await table_counts(demo_url) == counts
    assert await snapshot(demo_url, "BC2021") == before


async def test_demo_as_xlsx_equals_csv(tmp_path: Path) -> None:
    xlsx = write_xlsx(read_folder(DEMO_DIR), tmp_path / "demo.xlsx")
    async with fresh_database_url("sqlite", tmp_path) as a, fresh_database_url("sqlite", tmp_path) as b:
        assert await run_demo(a) == 0
        report = await import_file(b, xlsx)
        assert report.ok, report.lines()
        assert await snapshot(a, "BC2021") == await snapshot(b, "BC2021")


def test_generator_reproduces_the_committed_csv(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("demo_generate", DEMO_DIR / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for file in sorted(DEMO_DIR.glob("*.csv")):
        assert (tmp_path / file.name).read_bytes() == file.read_bytes(), file.name
