"""A small but complete election for tests: 1 province, 1 district, 2 communes, 4 polling areas, 4 contests.

Built straight through the ORM so that feature tests do not depend on the demo data's details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

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
    RoleAssignment,
    User,
)

NOW = datetime(2021, 5, 22, 23, 0, tzinfo=UTC)


@dataclass
class SmallElection:
    election: Election
    province: AdminUnit
    district: AdminUnit
    communes: list[AdminUnit]
    areas: list[PollingArea]
    contests: dict[str, Contest]  # "na", "province", "district", "commune:<code>"
    constituencies: dict[str, Constituency] = field(default_factory=dict)
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)


async def _unit(
    session: AsyncSession, code: str, name: str, kind: str, level: int, parent: AdminUnit | None
) -> AdminUnit:
    unit = AdminUnit(code=code, name=name, kind=kind, level=level, parent_id=parent.id if parent else None, path="/")
    session.add(unit)
    await session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    return unit


PEOPLE = [
    ("Nguyễn Văn An", "nam", date(1970, 3, 2)),
    ("Hoàng Thị Bình", "nu", date(1980, 7, 15)),
    ("Lường Văn Cường", "nam", date(1975, 1, 20)),
    ("Ma Thị Dung", "nu", date(1985, 11, 5)),
    ("Triệu Văn Én", "nam", date(1968, 9, 9)),
    ("Nông Thị Giang", "nu", date(1990, 2, 28)),
    ("Lý Văn Hải", "nam", date(1972, 6, 1)),
]


async def _constituency(
    session: AsyncSession,
    se: SmallElection,
    key: str,
    contest: Contest,
    number: int,
    seats: int,
    n_candidates: int,
    owner: AdminUnit,
    covers: list[AdminUnit],
) -> Constituency:
    c = Constituency(
        election_id=se.election.id,
        contest_id=contest.id,
        code=f"{key}-{number}",
        number=number,
        name=f"Đơn vị bầu cử số {number}",
        seats=seats,
        unit_id=owner.id,
    )
    session.add(c)
    await session.flush()
    for unit in covers:
        session.add(ConstituencyUnit(constituency_id=c.id, unit_id=unit.id))
    se.constituencies[key] = c
    se.candidates[key] = []
    for i in range(n_candidates):
        name, gender, dob = PEOPLE[i % len(PEOPLE)]
        cand = Candidate(
            election_id=se.election.id,
            constituency_id=c.id,
            code=f"{key}-{number}-{i + 1}",
            ballot_order=i + 1,
            full_name=name,
            gender=gender,
            date_of_birth=dob,
            ethnicity="Tày",
            religion="Không",
            hometown="Chợ Đồn, Bắc Kạn",
            residence="Chợ Đồn, Bắc Kạn",
            education="12/12; Đại học",
            occupation="Cán bộ",
            workplace="UBND huyện",
            party_member=i % 2 == 0,
            incumbent=i == 0,
            biography="Tiểu sử minh họa.",
            programme="1. Chương trình minh họa.",
        )
        session.add(cand)
        se.candidates[key].append(cand)
    await session.flush()
    return c


async def make_election(session: AsyncSession, *, edition: str = "2015", demo: bool = True) -> SmallElection:
    """Create the small election (flushes, does not commit)."""
    election = Election(
        code="TEST2021",
        name="Bầu cử thử nghiệm 2021",
        name_en="Test election 2021",
        election_date=date(2021, 5, 23),
        voting_start=time(7, 0),
        voting_end=time(19, 0),
        law_edition=edition,
        is_demo=demo,
        notice="Dữ liệu minh họa." if demo else None,
    )
    session.add(election)
    await session.flush()
    province = await _unit(session, "P1", "Bắc Kạn", "tinh", 1, None)
    district = await _unit(session, "D1", "Chợ Đồn", "huyen", 2, province)
    c1 = await _unit(session, "C1", "Đồng Lạc", "xa", 3, district)
    c2 = await _unit(session, "C2", "Bằng Lũng", "thi_tran", 3, district)
    contests = {
        "na": Contest(
            election_id=election.id,
            code="QH",
            kind="na",
            level="national",
            unit_id=None,
            name="Quốc hội",
            ballot_order=1,
        ),
        "province": Contest(
            election_id=election.id,
            code="HDND-T",
            kind="hdnd",
            level="province",
            unit_id=province.id,
            name="HĐND tỉnh Bắc Kạn",
            ballot_order=2,
        ),
        "district": Contest(
            election_id=election.id,
            code="HDND-H",
            kind="hdnd",
            level="district",
            unit_id=district.id,
            name="HĐND huyện Chợ Đồn",
            ballot_order=3,
        ),
        "commune:C1": Contest(
            election_id=election.id,
            code="HDND-X-C1",
            kind="hdnd",
            level="commune",
            unit_id=c1.id,
            name="HĐND xã Đồng Lạc",
            ballot_order=4,
        ),
        "commune:C2": Contest(
            election_id=election.id,
            code="HDND-X-C2",
            kind="hdnd",
            level="commune",
            unit_id=c2.id,
            name="HĐND thị trấn Bằng Lũng",
            ballot_order=4,
        ),
    }
    session.add_all(contests.values())
    await session.flush()
    se = SmallElection(election, province, district, [c1, c2], [], contests)
    await _constituency(session, se, "na", contests["na"], 1, 3, 5, province, [district])
    await _constituency(session, se, "province", contests["province"], 7, 2, 4, province, [c1, c2])
    await _constituency(session, se, "district", contests["district"], 1, 2, 4, district, [c1, c2])
    await _constituency(session, se, "commune:C1", contests["commune:C1"], 1, 3, 5, c1, [c1])
    await _constituency(session, se, "commune:C2", contests["commune:C2"], 1, 3, 5, c2, [c2])
    specs = [
        (c1, "C1-01", 1, "Nhà văn hóa thôn Nà Tiềm", 22.20, 105.60, 400, ["Nà Tiềm", "Bản Tàn"]),
        (c1, "C1-02", 2, "Nhà văn hóa thôn Khuổi Tặc", 22.22, 105.62, 300, ["Khuổi Tặc"]),
        (c2, "C2-01", 1, "Hội trường tổ 1, thị trấn Bằng Lũng", 22.15, 105.59, 900, ["Tổ 1", "Tổ 2"]),
        (c2, "C2-02", 2, "Trường tiểu học Bằng Lũng", 22.16, 105.58, 1000, ["Tổ 3", "Tổ 4"]),
    ]
    for commune, code, number, address, lat, lon, voters, hamlets in specs:
        area = PollingArea(
            election_id=election.id,
            code=code,
            number=number,
            name=f"Khu vực bỏ phiếu số {number}",
            commune_id=commune.id,
            address=address,
            latitude=lat,
            longitude=lon,
            registered_voters=voters,
        )
        session.add(area)
        await session.flush()
        for h in hamlets:
            session.add(Hamlet(polling_area_id=area.id, name=h))
        commune_key = f"commune:{commune.code}"
        for key in ("na", "province", "district", commune_key):
            session.add(
                AreaConstituency(
                    polling_area_id=area.id, contest_id=contests[key].id, constituency_id=se.constituencies[key].id
                )
            )
        se.areas.append(area)
    await session.flush()
    return se


async def make_user(session: AsyncSession, user_id: int, *, language: str = "vi", name: str = "Test") -> User:
    user = User(id=user_id, chat_id=user_id, first_name=name, language=language, created_at=NOW, last_seen_at=NOW)
    session.add(user)
    await session.flush()
    return user


async def grant(
    session: AsyncSession, user_id: int, role: str, *, area: PollingArea | None = None, unit: AdminUnit | None = None
) -> RoleAssignment:
    """Give a user a role directly (tests; real users join with an invitation code)."""
    if await session.get(User, user_id) is None:
        await make_user(session, user_id)
    ra = RoleAssignment(
        user_id=user_id,
        role=role,
        polling_area_id=area.id if area else None,
        unit_id=unit.id if unit else None,
        created_at=NOW,
    )
    session.add(ra)
    await session.flush()
    return ra
