"""``baucu synth``: a synthetic election at national scale, written straight into the database (for benchmarks).

Default shape (after the 2025 reform): 34 provinces, ~3,300 communes/wards/special zones, ~72,000 polling areas
with 3–6 hamlets each (~320,000 names), ~70 million registered voters, 184 National Assembly constituencies,
10–20 provincial council constituencies per province and 3–6 commune council constituencies per commune, each
with its candidates. Province names are the real 34; everything below them is invented from Vietnamese syllables,
so names repeat across provinces as they do in reality. The same seed always gives the same data.

Rows are built in memory and inserted with SQLAlchemy Core ``insert()`` in chunks (executemany), with explicit ids
taken above the tables' current maxima, so the synthetic election can sit next to the demo. On PostgreSQL the id
sequences are moved past the new rows afterwards.
"""

from __future__ import annotations

import math
import random
import sys
import time as _time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

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

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# The 34 provinces and centrally-run cities after the 2025 merger: (name, is a city, rough centre, relative size
# by number of communes, mountainous north, central highlands).
PROVINCES: list[tuple[str, bool, float, float, int, str]] = [
    ("Hà Nội", True, 21.03, 105.85, 126, "delta"),
    ("Huế", True, 16.46, 107.59, 40, "coast"),
    ("Lai Châu", False, 22.39, 103.46, 38, "north"),
    ("Điện Biên", False, 21.39, 103.02, 45, "north"),
    ("Sơn La", False, 21.33, 103.91, 75, "north"),
    ("Lạng Sơn", False, 21.85, 106.76, 65, "north"),
    ("Quảng Ninh", False, 21.01, 107.29, 54, "coast"),
    ("Thanh Hóa", False, 19.81, 105.78, 166, "delta"),
    ("Nghệ An", False, 18.67, 105.68, 130, "coast"),
    ("Hà Tĩnh", False, 18.34, 105.91, 69, "coast"),
    ("Cao Bằng", False, 22.67, 106.26, 56, "north"),
    ("Tuyên Quang", False, 21.82, 105.21, 124, "north"),
    ("Lào Cai", False, 22.49, 103.97, 99, "north"),
    ("Thái Nguyên", False, 21.59, 105.85, 92, "north"),
    ("Phú Thọ", False, 21.32, 105.40, 148, "delta"),
    ("Bắc Ninh", False, 21.19, 106.08, 99, "delta"),
    ("Hưng Yên", False, 20.65, 106.05, 104, "delta"),
    ("Hải Phòng", True, 20.86, 106.68, 114, "delta"),
    ("Ninh Bình", False, 20.25, 105.97, 129, "delta"),
    ("Quảng Trị", False, 17.47, 106.60, 78, "coast"),
    ("Đà Nẵng", True, 16.05, 108.20, 94, "coast"),
    ("Quảng Ngãi", False, 15.12, 108.80, 96, "coast"),
    ("Gia Lai", False, 13.98, 108.00, 135, "highland"),
    ("Khánh Hòa", False, 12.24, 109.19, 65, "coast"),
    ("Lâm Đồng", False, 11.94, 108.44, 124, "highland"),
    ("Đắk Lắk", False, 12.67, 108.04, 102, "highland"),
    ("Hồ Chí Minh", True, 10.78, 106.70, 168, "south"),
    ("Đồng Nai", False, 10.95, 106.82, 95, "south"),
    ("Tây Ninh", False, 11.31, 106.10, 96, "south"),
    ("Cần Thơ", True, 10.03, 105.78, 103, "south"),
    ("Vĩnh Long", False, 10.25, 105.97, 124, "south"),
    ("Đồng Tháp", False, 10.46, 105.64, 102, "south"),
    ("Cà Mau", False, 9.18, 105.15, 64, "south"),
    ("An Giang", False, 10.52, 105.13, 102, "south"),
]
# Vietnam's bounding box (mainland; islands aside)
LAT_RANGE = (8.4, 23.4)
LON_RANGE = (102.1, 109.5)

KINH = (
    "An Bình Hòa Phú Tân Long Thành Hưng Phước Thạnh Đông Tây Nam Bắc Trung Thượng Hạ Yên Vĩnh Quang Minh Đức "
    "Thịnh Lợi Mỹ Hải Sơn Lâm Hà Giang Thủy Xuân Thu Hạnh Phúc Lộc Thọ Khánh Tiến Thắng Lạc Hồng Ngọc Kim "
    "Cẩm Văn Hiệp Hội Nghĩa Tín Nhân Trí Dũng Cường Hoàng Kỳ Lập Định Tường Quý Điền Châu Đồng Cát Bảo Liên "
    "Hoa Mai Đào Trà Tùng Quế Lan Hiền Lương Thái Khương Thuận Thiện Nhơn Hậu Tiên Vân Quảng Diễn Chánh Thới "
    "Lai Kiến Xương Gia Kiều Cầu Chợ Bến Hiếu Trường Toàn Đạo Đoài Lĩnh Ninh Tuy Hợp Phong Đại Tiền Hậu"
).split()
TAY_HEAD = "Nà Bản Khuổi Pác Phiêng Cốc Lũng Nặm Pò Khau Mường Phìn Sìn Tà Nậm Chiềng Thôm Co Hua".split()
TAY_TAIL = (
    "Phặc Tặc Tiềm Pài Lầu Cháng Lồm Thử Đẩy Mò Hon Vài Chang Nưa Slam Ngòa Tẩu Luông Hin Phai Chả Lẹng Noọc "
    "Rịa Pẻn Pùng Tổng Luộc Mạ Vạn Làn Cọn Khương Chải Ngài Sán Hồ Xí Lay Tè Nhé Pồ Sang Cuông Tấu"
).split()
HIGHLAND_HEAD = "Ea Ia Đắk Chư Krông Buôn Plei Kon".split()
HIGHLAND_TAIL = "Kar Grai Mil Sê Pơng Drăng Knốp H'leo Păh Rông Tiêng Mơ Nông Bông Hdrăng Ba Sup Đrăng Glar".split()

FAMILY = [
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.0), ("Huỳnh", 2.0), ("Phan", 4.5),
    ("Vũ", 2.5), ("Võ", 1.5), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0),
    ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.8), ("Lương", 0.6), ("Đoàn", 0.6), ("Hà", 0.8), ("Lò", 0.4),
    ("Lường", 0.3), ("Ma", 0.3), ("Nông", 0.4), ("Triệu", 0.3), ("Sầm", 0.1), ("Vi", 0.2), ("Giàng", 0.2),
    ("Sùng", 0.2), ("Thào", 0.2), ("Y", 0.1), ("H'", 0.1),
]  # fmt: skip
MIDDLE_M = "Văn Văn Văn Hữu Đức Minh Quốc Công Thanh Xuân Ngọc Đình Trọng Quang Tuấn Anh".split()
MIDDLE_F = "Thị Thị Thị Ngọc Thu Thanh Kim Minh Hồng Bích Thúy Diệu Phương Mai".split()
GIVEN_M = (
    "An Bình Cường Dũng Hải Hùng Khoa Long Nam Phong Quân Sơn Thắng Tuấn Việt Hiếu Hòa Trung Kiên Tùng Đạt "
    "Thành Huy Khánh Lâm Lộc Nghĩa Phúc Quang Tài Thịnh Toàn Vinh Đông Hưng"
).split()
GIVEN_F = (
    "Anh Chi Dung Giang Hà Hạnh Hoa Hương Lan Linh Mai Ngọc Nhung Phương Thảo Trang Vân Yến Hằng Hiền Huyền "
    "Loan Nga Oanh Quyên Tâm Thủy Trinh Uyên Xuân"
).split()
ETHNIC = [("Kinh", 85.0), ("Tày", 2.0), ("Thái", 2.0), ("Mường", 1.5), ("Khmer", 1.3), ("Mông", 1.3), ("Nùng", 1.1),
          ("Dao", 0.9), ("Gia Rai", 0.5), ("Ê Đê", 0.4), ("Hoa", 0.8)]  # fmt: skip
OCCUPATIONS = [
    ("Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân {u}"),
    ("Phó Bí thư Đảng ủy", "Đảng ủy {u}"),
    ("Giáo viên", "Trường Trung học cơ sở {u}"),
    ("Bác sĩ", "Trạm Y tế {u}"),
    ("Nông dân", "{u}"),
    ("Kỹ sư nông nghiệp", "Hợp tác xã {u}"),
    ("Chủ tịch Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ {u}"),
    ("Bí thư Đoàn Thanh niên", "Đoàn Thanh niên {u}"),
    ("Trưởng Công an", "Công an {u}"),
    ("Giám đốc doanh nghiệp", "Công ty TNHH {u}"),
    ("Chủ tịch Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc Việt Nam {u}"),
]
EDUCATION = ["12/12; Đại học", "12/12; Thạc sĩ", "12/12; Cao đẳng", "12/12; Đại học; Cao cấp lý luận chính trị",
             "12/12; Tiến sĩ", "9/12; Trung cấp"]  # fmt: skip
# cumulative share of the final turnout by each hourly slot 08:00 … 18:00 (19:00 is the final figure)
CURVE = {8: 0.18, 9: 0.38, 10: 0.55, 11: 0.70, 12: 0.80, 13: 0.86, 14: 0.90, 15: 0.935, 16: 0.958, 17: 0.975, 18: 0.988}


@dataclass
class SynthConfig:
    provinces: int = 34
    communes: int = 3300
    areas: int = 72000
    seed: int = 1
    election_date: date = date(2026, 3, 15)
    edition: str = "2025"  # "2025": tỉnh → xã, 3 ballots; "2015": tỉnh → huyện → xã, 4 ballots
    election_code: str = "SYNTH2026"
    na_constituencies: int | None = None  # default: 184, scaled down with the number of areas
    day_of_checkins: bool = False
    checkins_until: int = 19  # last hourly slot written with --day-of-checkins (8 … 19)
    chunk: int = 5000

    def check(self) -> None:
        if not 1 <= self.provinces <= len(PROVINCES):
            raise ValueError(f"--provinces must be between 1 and {len(PROVINCES)}")
        if self.communes < self.provinces:
            raise ValueError("--communes must be at least --provinces (every province needs a commune)")
        if self.areas < self.communes:
            raise ValueError("--areas must be at least --communes (every commune needs a polling area)")
        if self.edition not in ("2015", "2025"):
            raise ValueError("--edition must be 2015 or 2025")
        if not 1 <= len(self.election_code) <= 12 or not self.election_code.replace("-", "").isalnum():
            raise ValueError("--election-code must be 1–12 letters, digits or dashes")


@dataclass
class SynthResult:
    election_id: int
    counts: dict[str, int] = field(default_factory=dict)
    registered_voters: int = 0
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0


# --- helpers ---------------------------------------------------------------------------------------------------


def allocate(total: int, weights: Sequence[float], minimum: int = 1) -> list[int]:
    """Split ``total`` into integer parts proportional to ``weights``, each at least ``minimum`` (largest remainder)."""
    n = len(weights)
    if total < minimum * n:
        raise ValueError("total too small for the minimum")
    free = total - minimum * n
    wsum = sum(weights) or 1.0
    raw = [free * w / wsum for w in weights]
    parts = [math.floor(x) for x in raw]
    rest = free - sum(parts)
    order = sorted(range(n), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return [p + minimum for p in parts]


def split_even(items: Sequence[Any], k: int) -> list[list[Any]]:
    """``k`` contiguous, non-empty, nearly equal chunks (k ≤ len(items))."""
    sizes = allocate(len(items), [1.0] * k, 1)
    out, start = [], 0
    for s in sizes:
        out.append(list(items[start : start + s]))
        start += s
    return out


def _weighted(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([n for n, _ in table], weights=[w for _, w in table])[0]


def _kinh(rng: random.Random) -> str:
    a, b = rng.sample(KINH, 2)
    return f"{a} {b}"


def place_core(rng: random.Random, region: str) -> str:
    """A commune or hamlet name without its generic prefix."""
    roll = rng.random()
    if region == "north" and roll < 0.35:
        return f"{rng.choice(TAY_HEAD)} {rng.choice(TAY_TAIL)}"
    if region == "highland" and roll < 0.25:
        return f"{rng.choice(HIGHLAND_HEAD)} {rng.choice(HIGHLAND_TAIL)}"
    return _kinh(rng)


def person(rng: random.Random) -> tuple[str, str]:
    """(full name, gender) with Vietnamese naming patterns."""
    gender = "nu" if rng.random() < 0.42 else "nam"
    family = _weighted(rng, FAMILY)
    if family == "H'":
        return f"H'{rng.choice(GIVEN_F)} {rng.choice(['Niê', 'Mlô', 'Êban', 'Byă'])}", "nu"
    if family == "Y":
        return f"Y {rng.choice(GIVEN_M)} {rng.choice(['Niê', 'Ksor', 'Mlô', 'Byă'])}", "nam"
    middle = rng.choice(MIDDLE_F if gender == "nu" else MIDDLE_M)
    given = rng.choice(GIVEN_F if gender == "nu" else GIVEN_M)
    if rng.random() < 0.2:
        middle = f"{middle} {rng.choice(['Minh', 'Thanh', 'Ngọc', 'Hoài', 'Quốc', 'Thu'])}"
    return f"{family} {middle} {given}", gender


# --- the generator -----------------------------------------------------------------------------------------------


class _Ids:
    def __init__(self, start: dict[str, int]) -> None:
        self.next = dict(start)

    def take(self, table: str) -> int:
        self.next[table] += 1
        return self.next[table]


@dataclass
class _Commune:
    id: int
    code: str
    name: str
    kind: str
    path: str
    province_index: int
    lat: float
    lon: float
    district_id: int | None = None
    areas: list[int] = field(default_factory=list)


class Generator:
    """Builds the rows of every table (dicts for Core inserts); ids start above ``id_base``."""

    def __init__(self, cfg: SynthConfig, id_base: dict[str, int]) -> None:
        cfg.check()
        self.cfg = cfg
        self.rng = random.Random(cfg.seed)
        self.ids = _Ids(id_base)
        self.rows: dict[str, list[dict[str, Any]]] = {
            t: []
            for t in (
                "elections",
                "admin_units",
                "contests",
                "constituencies",
                "constituency_units",
                "polling_areas",
                "hamlets",
                "area_constituencies",
                "candidates",
                "turnout_reports",
            )
        }
        self.area_voters: dict[int, int] = {}
        self.communes: list[_Commune] = []
        self.province_ids: list[int] = []
        self.province_paths: list[str] = []
        self.candidate_count = 0

    # units and areas -----------------------------------------------------------------------------------------

    def _unit(self, code: str, name: str, kind: str, level: int, parent: tuple[int, str] | None) -> tuple[int, str]:
        uid = self.ids.take("admin_units")
        path = f"{parent[1] if parent else '/'}{uid}/"
        self.rows["admin_units"].append(
            {
                "id": uid,
                "code": code,
                "name": name,
                "kind": kind,
                "level": level,
                "parent_id": parent[0] if parent else None,
                "path": path,
            }
        )
        return uid, path

    def build(self) -> SynthResult:
        cfg, rng = self.cfg, self.rng
        election_id = self.ids.take("elections")
        self.election_id = election_id
        self.rows["elections"].append(
            {
                "id": election_id,
                "code": cfg.election_code,
                "name": "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân các cấp (dữ liệu tổng hợp)",
                "name_en": "Election of National Assembly and People's Council deputies (synthetic data)",
                "election_date": cfg.election_date,
                "voting_start": time(7, 0),
                "voting_end": time(19, 0),
                "law_edition": cfg.edition,
                "timezone": "Asia/Ho_Chi_Minh",
                "is_demo": True,
                "notice": "Dữ liệu tổng hợp để đo hiệu năng: mọi địa danh dưới cấp tỉnh, khu vực và người ứng cử "
                "đều là giả định.",
                "is_active": True,
            }
        )
        provinces = PROVINCES[: cfg.provinces]
        per_province = allocate(cfg.communes, [p[4] for p in provinces], 1)
        prefix = cfg.election_code
        for p_index, ((pname, city, lat, lon, _, region), n_communes) in enumerate(
            zip(provinces, per_province, strict=True)
        ):
            pcode = f"{prefix}-P{p_index + 1:02d}"
            province = self._unit(pcode, pname, "thanh_pho_tw" if city else "tinh", 1, None)
            self.province_ids.append(province[0])
            self.province_paths.append(province[1])
            districts: list[tuple[int, str]] = []
            if cfg.edition == "2015":
                n_districts = max(1, round(n_communes / 11))
                for d in range(n_districts):
                    dname = _kinh(rng)
                    kind = "quan" if city and rng.random() < 0.5 else "huyen"
                    label = "Quận" if kind == "quan" else "Huyện"
                    districts.append(self._unit(f"{pcode}-H{d + 1:02d}", f"{label} {dname}", kind, 2, province))
            seen: set[str] = set()
            for c in range(n_communes):
                while True:
                    core = place_core(rng, region)
                    if core not in seen:
                        seen.add(core)
                        break
                roll = rng.random()
                if roll < (0.45 if city else 0.15):
                    kind, label = "phuong", "Phường"
                elif roll > 0.997:
                    kind, label = "dac_khu", "Đặc khu"
                else:
                    kind, label = "xa", "Xã"
                parent = districts[c * len(districts) // n_communes] if districts else province
                code = f"{pcode}-X{c + 1:03d}"
                cid, cpath = self._unit(code, f"{label} {core}", kind, 3 if districts else 2, parent)
                clat = min(max(rng.gauss(lat, 0.35), LAT_RANGE[0]), LAT_RANGE[1])
                clon = min(max(rng.gauss(lon, 0.35), LON_RANGE[0]), LON_RANGE[1])
                self.communes.append(
                    _Commune(
                        cid, code, f"{label} {core}", kind, cpath, p_index, clat, clon, parent[0] if districts else None
                    )
                )
        self._areas()
        self._contests(districts_by_id=self.edition_districts())
        if cfg.day_of_checkins:
            self._checkins()
        counts = {t: len(r) for t, r in self.rows.items()}
        return SynthResult(election_id, counts, sum(self.area_voters.values()))

    def edition_districts(self) -> dict[int, list[_Commune]]:
        out: dict[int, list[_Commune]] = {}
        for c in self.communes:
            if c.district_id is not None:
                out.setdefault(c.district_id, []).append(c)
        return out

    def _areas(self) -> None:
        cfg, rng = self.cfg, self.rng
        weights = [(1.6 if c.kind == "phuong" else 1.0) * rng.uniform(0.6, 1.4) for c in self.communes]
        per_commune = allocate(cfg.areas, weights, 1)
        for commune, n_areas in zip(self.communes, per_commune, strict=True):
            urban = commune.kind == "phuong"
            used_hamlets: set[str] = set()
            numbered = 0
            for number in range(1, n_areas + 1):
                aid = self.ids.take("polling_areas")
                commune.areas.append(aid)
                voters = int(min(max(rng.lognormvariate(math.log(900), 0.45), 300), 4000))
                self.area_voters[aid] = voters
                hamlets: list[str] = []
                for _ in range(rng.randint(3, 6)):
                    for _attempt in range(20):
                        roll = rng.random()
                        if urban and roll < 0.75:
                            numbered += 1
                            name = f"Tổ dân phố {numbered}"
                        elif roll < 0.12:
                            numbered += 1
                            name = f"{rng.choice(('Thôn', 'Xóm', 'Ấp', 'Khu phố'))} {numbered}"
                        else:
                            core = place_core(rng, PROVINCES[commune.province_index][5])
                            head = core.split()[0]
                            if head in TAY_HEAD or head in HIGHLAND_HEAD:
                                name = (
                                    core
                                    if rng.random() < 0.5
                                    else f"{'Buôn' if head in HIGHLAND_HEAD else 'Bản'} {core}"
                                )
                            else:
                                region = PROVINCES[commune.province_index][5]
                                generic = ("Ấp", "Ấp", "Khóm") if region == "south" else ("Thôn", "Thôn", "Xóm", "Làng")
                                name = f"{rng.choice(generic)} {core}"
                        if name not in used_hamlets:
                            used_hamlets.add(name)
                            hamlets.append(name)
                            break
                for h in hamlets:
                    self.rows["hamlets"].append({"id": self.ids.take("hamlets"), "polling_area_id": aid, "name": h})
                place = (
                    rng.choice(["Nhà văn hóa", "Hội trường", "Trường Tiểu học", "Trường Mầm non"])
                    + " "
                    + (hamlets[0] if hamlets else commune.name)
                )
                self.rows["polling_areas"].append(
                    {
                        "id": aid,
                        "election_id": self.election_id,
                        "code": f"{commune.code.split('-', 1)[1]}-{number:03d}",
                        "number": number,
                        "name": f"Khu vực bỏ phiếu số {number}",
                        "commune_id": commune.id,
                        "address": f"{place}, {commune.name}, {PROVINCES[commune.province_index][0]}",
                        "latitude": round(min(max(rng.gauss(commune.lat, 0.04), LAT_RANGE[0]), LAT_RANGE[1]), 6),
                        "longitude": round(min(max(rng.gauss(commune.lon, 0.04), LON_RANGE[0]), LON_RANGE[1]), 6),
                        "registered_voters": voters,
                        "note": None,
                    }
                )

    # contests, constituencies, candidates ----------------------------------------------------------------------

    def _contest(self, code: str, kind: str, level: str, unit_id: int | None, name: str, order: int) -> int:
        cid = self.ids.take("contests")
        self.rows["contests"].append(
            {
                "id": cid,
                "election_id": self.election_id,
                "code": code,
                "kind": kind,
                "level": level,
                "unit_id": unit_id,
                "name": name,
                "ballot_order": order,
            }
        )
        return cid

    def _council(
        self,
        contest_id: int,
        code: str,
        communes: list[_Commune],
        k: int,
        seats: tuple[int, int],
        extra: tuple[int, int],
        owner: int,
        numbering: Iterator[int],
        label: str,
    ) -> None:
        """``k`` constituencies over the areas of ``communes``: whole communes when there are enough, else area runs."""
        rng = self.rng
        areas = [(c, a) for c in communes for a in c.areas]
        k = max(1, min(k, len(areas)))
        if len(communes) >= k:
            groups = [[(c, a) for c in grp for a in c.areas] for grp in split_even(communes, k)]
        else:
            groups = split_even(areas, k)
        for local, group in enumerate(groups, start=1):
            number = next(numbering)
            kid = self.ids.take("constituencies")
            n_seats = rng.randint(*seats)
            ccode = f"{code}-{local}"
            self.rows["constituencies"].append(
                {
                    "id": kid,
                    "election_id": self.election_id,
                    "contest_id": contest_id,
                    "code": ccode,
                    "number": number,
                    "name": f"Đơn vị bầu cử số {local}{label}",
                    "seats": n_seats,
                    "unit_id": owner,
                    "description": ", ".join(sorted({c.name for c, _ in group}))[:2000],
                }
            )
            for unit_id in sorted({c.id for c, _ in group}):
                self.rows["constituency_units"].append({"constituency_id": kid, "unit_id": unit_id})
            for _, aid in group:
                self.rows["area_constituencies"].append(
                    {"polling_area_id": aid, "contest_id": contest_id, "constituency_id": kid}
                )
            n_candidates = 5 if extra == (0, 0) else n_seats + rng.randint(*extra)
            self._candidates(kid, ccode, n_candidates, group[0][0])

    def _candidates(self, constituency_id: int, ccode: str, n: int, near: _Commune) -> None:
        rng = self.rng
        province = PROVINCES[near.province_index][0]
        for order in range(1, n + 1):
            name, gender = person(rng)
            born = date(rng.randint(1962, 1998), rng.randint(1, 12), rng.randint(1, 28))
            occupation, workplace = rng.choice(OCCUPATIONS)
            home = f"{near.name}, {province}"
            party = rng.random() < 0.8
            self.candidate_count += 1
            self.rows["candidates"].append(
                {
                    "id": self.ids.take("candidates"),
                    "election_id": self.election_id,
                    "constituency_id": constituency_id,
                    "code": f"{ccode}-{order}",
                    "ballot_order": order,
                    "full_name": name,
                    "gender": gender,
                    "date_of_birth": born,
                    "ethnicity": _weighted(rng, ETHNIC),
                    "religion": "Không" if rng.random() < 0.9 else rng.choice(["Phật giáo", "Công giáo"]),
                    "hometown": home,
                    "residence": home,
                    "education": rng.choice(EDUCATION),
                    "occupation": occupation,
                    "workplace": workplace.format(u=near.name),
                    "party_member": party,
                    "party_joined": date(born.year + rng.randint(20, 30), rng.randint(1, 12), 1) if party else None,
                    "incumbent": rng.random() < 0.2,
                    "incumbent_note": None,
                    "biography": f"Sinh năm {born.year} tại {home}. {occupation}, {workplace.format(u=near.name)}. "
                    f"Trình độ: {rng.choice(EDUCATION)}.",
                    "programme": "1. Lắng nghe và phản ánh ý kiến cử tri.\n2. Phát triển kinh tế, chăm lo an sinh xã hội.",
                }
            )

    def _contests(self, districts_by_id: dict[int, list[_Commune]]) -> None:
        cfg, rng = self.cfg, self.rng
        order = 1
        na = self._contest("QH", "na", "national", None, "Đại biểu Quốc hội", order)
        by_province: list[list[_Commune]] = [[] for _ in self.province_ids]
        for c in self.communes:
            by_province[c.province_index].append(c)
        voters = [sum(self.area_voters[a] for c in cs for a in c.areas) for cs in by_province]
        n_na = cfg.na_constituencies or max(len(by_province), round(184 * cfg.areas / 72000))
        n_na = min(n_na, sum(len(c.areas) for c in self.communes))
        na_split = allocate(n_na, voters, 1)
        na_numbers = iter(range(1, 10**6))
        for p, communes in enumerate(by_province):
            pname = PROVINCES[p][0]
            self._council(na, f"QH-P{p + 1:02d}", communes, na_split[p], (2, 3), (0, 0), self.province_ids[p],
                          na_numbers, f", {pname}")  # fmt: skip
        for p, communes in enumerate(by_province):
            pname = PROVINCES[p][0]
            contest = self._contest(f"T-P{p + 1:02d}", "hdnd", "province", self.province_ids[p],
                                    f"Hội đồng nhân dân {pname}", 2)  # fmt: skip
            self._council(contest, f"T-P{p + 1:02d}", communes, rng.randint(10, 20), (3, 5), (2, 3),
                          self.province_ids[p], iter(range(1, 10**6)), "")  # fmt: skip
        units = {u["id"]: u for u in self.rows["admin_units"]}
        for did, communes in districts_by_id.items():
            unit = units[did]
            code = unit["code"].split("-", 1)[1]
            contest = self._contest(f"H-{code}", "hdnd", "district", did, f"Hội đồng nhân dân {unit['name']}", 3)
            self._council(contest, f"H-{code}", communes, rng.randint(4, 8), (3, 5), (2, 3), did,
                          iter(range(1, 10**6)), "")  # fmt: skip
        for c in self.communes:
            code = c.code.split("-", 1)[1]
            contest = self._contest(f"X-{code}", "hdnd", "commune", c.id, f"Hội đồng nhân dân {c.name}",
                                    3 if cfg.edition == "2025" else 4)  # fmt: skip
            self._council(contest, f"X-{code}", [c], rng.randint(3, 6), (3, 5), (2, 3), c.id,
                          iter(range(1, 10**6)), "")  # fmt: skip

    # election day ------------------------------------------------------------------------------------------------

    def _checkins(self) -> None:
        hours = range(8, self.cfg.checkins_until + 1)
        self.rows["turnout_reports"] = checkin_rows(
            self.area_voters.items(), self.cfg.election_date, self.cfg.seed, hours, self.ids.next["turnout_reports"]
        )
        self.ids.next["turnout_reports"] += len(self.rows["turnout_reports"])


def checkin_rows(
    areas: Iterable[tuple[int, int]], day: date, seed: int, hours: Iterable[int], first_id: int
) -> list[dict[str, Any]]:
    """Hourly cumulative check-ins of (area id, registered voters) for the given slot hours (8 … 19).

    Each area's curve depends only on the seed and the area id, so the day can be written in parts.
    """
    wanted = set(hours)
    slots = {h: datetime.combine(day, time(h, 0), tzinfo=TZ).astimezone(UTC) for h in range(8, 20)}
    rows: list[dict[str, Any]] = []
    for aid, registered in areas:
        rng = random.Random(f"{seed}:checkins:{aid}")
        final = min(registered, round(registered * rng.uniform(0.975, 1.0)))
        speed = rng.uniform(0.8, 1.25)
        last = 0
        for h, slot in slots.items():
            share = 1.0 if h == 19 else 1 - (1 - CURVE[h]) ** speed
            voted = max(last, min(final, round(final * share)))
            last = voted
            late = timedelta(minutes=rng.randint(1, 14), seconds=rng.randint(0, 59))
            if h not in wanted:
                continue
            rows.append(
                {
                    "id": first_id + len(rows) + 1,
                    "polling_area_id": aid,
                    "slot_at": slot,
                    "voted": voted,
                    "reported_at": slot + late,
                    "reporter_id": None,
                    "supersedes_id": None,
                    "is_final": h == 19,
                    "confirmed": False,
                    "source": "synth",
                }
            )
    return rows


# --- writing --------------------------------------------------------------------------------------------------

TABLES: list[tuple[str, Table]] = [
    ("elections", Election.__table__),  # type: ignore[list-item]
    ("admin_units", AdminUnit.__table__),  # type: ignore[list-item]
    ("polling_areas", PollingArea.__table__),  # type: ignore[list-item]
    ("hamlets", Hamlet.__table__),  # type: ignore[list-item]
    ("contests", Contest.__table__),  # type: ignore[list-item]
    ("constituencies", Constituency.__table__),  # type: ignore[list-item]
    ("constituency_units", ConstituencyUnit.__table__),  # type: ignore[list-item]
    ("area_constituencies", AreaConstituency.__table__),  # type: ignore[list-item]
    ("candidates", Candidate.__table__),  # type: ignore[list-item]
    ("turnout_reports", TurnoutReport.__table__),  # type: ignore[list-item]
]
ID_TABLES = [name for name, table in TABLES if "id" in table.c]


async def _id_base(conn: AsyncConnection) -> dict[str, int]:
    base = {}
    for name, table in TABLES:
        if name in ID_TABLES:
            base[name] = int(await conn.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0)
    return base


async def synthesize(engine: AsyncEngine, cfg: SynthConfig, *, progress: bool = True) -> SynthResult:
    """Generate and insert the synthetic election in one transaction; returns counts and timings."""
    from tqdm import tqdm

    async with engine.connect() as conn:
        exists = await conn.scalar(select(Election.id).where(Election.code == cfg.election_code))
        if exists is not None:
            raise ValueError(f"an election with code {cfg.election_code!r} already exists; choose --election-code")
        base = await _id_base(conn)
    started = _time.perf_counter()
    gen = Generator(cfg, base)
    result = gen.build()
    result.generate_seconds = _time.perf_counter() - started
    started = _time.perf_counter()
    total = sum(result.counts.values())
    with tqdm(total=total, unit="row", unit_scale=True, file=sys.stderr, disable=not progress) as bar:
        async with engine.begin() as conn:
            for name, table in TABLES:
                rows = gen.rows[name]
                bar.set_description(name)
                for start in range(0, len(rows), cfg.chunk):
                    chunk = rows[start : start + cfg.chunk]
                    await conn.execute(insert(table), chunk)
                    bar.update(len(chunk))
            if engine.dialect.name == "postgresql":
                for name in ID_TABLES:
                    await conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"(SELECT coalesce(max(id), 1) FROM {name}))"
                        )
                    )
    await analyze(engine, [name for name, _ in TABLES])
    result.insert_seconds = _time.perf_counter() - started
    return result


async def analyze(engine: AsyncEngine, tables: Sequence[str]) -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL's autovacuum would do it only later: a
    province count of check-ins took 223 ms before and 20 ms after)."""
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text("ANALYZE " + ", ".join(tables)))
        else:
            await conn.execute(text("ANALYZE"))


async def add_checkins(
    engine: AsyncEngine, election_id: int, seed: int, hours: Iterable[int], *, chunk: int = 5000
) -> int:
    """Write more of the election day's check-ins (the same curves as ``synthesize`` with the same seed)."""
    async with engine.begin() as conn:
        election = (await conn.execute(select(Election.election_date).where(Election.id == election_id))).one()
        areas = (
            await conn.execute(
                select(PollingArea.id, PollingArea.registered_voters)
                .where(PollingArea.election_id == election_id)
                .order_by(PollingArea.id)
            )
        ).all()
        first = int(await conn.scalar(select(func.coalesce(func.max(TurnoutReport.id), 0))) or 0)
        rows = checkin_rows([(a, r) for a, r in areas], election[0], seed, hours, first)
        table: Table = TurnoutReport.__table__  # type: ignore[assignment]
        for start in range(0, len(rows), chunk):
            await conn.execute(insert(table), rows[start : start + chunk])
        if engine.dialect.name == "postgresql":
            await conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('turnout_reports', 'id'), (SELECT max(id) FROM turnout_reports))"
                )
            )
    await analyze(engine, ["turnout_reports"])
    return len(rows)
