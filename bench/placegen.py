"""Deterministic synthetic list of Vietnamese place names at national scale (for benchmarks only; all invented).

Shape after the 2025 reform: 34 provinces, ~3,300 communes/wards, ~300,000 hamlets/residential groups and
~72,000 polling areas. Names are built from common Kinh and Tày/Thái syllables, so folded duplicates
("Đông Hòa" / "Đồng Hòa"), repeats across communes and numbered units ("Tổ dân phố 5") occur as in real data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from bot.domain.search import PlaceEntry

PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau",
    "An Giang",
]  # fmt: skip

KINH = (
    "An Bình Hòa Phú Tân Long Thành Hưng Phước Thạnh Đông Tây Nam Bắc Trung Thượng Hạ Yên Vĩnh Quang Minh Đức "
    "Thịnh Lợi Mỹ Hải Sơn Lâm Hà Giang Thủy Xuân Thu Hạnh Phúc Lộc Thọ Khánh Tiến Thắng Lạc Hồng Ngọc Kim "
    "Cẩm Văn Võ Hiệp Hội Nghĩa Tín Nhân Trí Dũng Cường Hoàng Kỳ Lập Định Tường Quý Sơn Điền Châu Đồng Cát "
    "Bảo Liên Hoa Mai Đào Trà Tùng Bách Quế Lan Cúc Hiền Lương Thái Khương Thuận Thiện Nhơn Hậu Tiên Vân "
    "Triệu Quảng Diễn Chánh Hòa Thới Lai Tự Do Độc Lập Kiến Xương Hưởng Gia Kiều Tảo Kênh Rạch Cầu Chợ Bến"
).split()
TAY = (
    "Nà Bản Khuổi Pác Phiêng Cốc Lũng Nặm Pò Khau Tặc Tiềm Pài Lầu Cháng Lồm Thử Đẩy Mò Hon Vài Chang Quân "
    "Nưa Slam Ngòa Tẩu Luông Mường Hin Phai Chả Lẹng Noọc Rịa Pẻn Pùng Tổng Luộc Pjạc Mạ Vạn Làn Cọn"
).split()
TAY_HEAD = "Nà Bản Khuổi Pác Phiêng Cốc Lũng Nặm Pò Khau Thôm Co Hua Nà".split()


def _kinh_name(rng: random.Random) -> str:
    a, b = rng.sample(KINH, 2)
    return f"{a} {b}"


def _tay_name(rng: random.Random) -> str:
    tail = rng.choice(TAY)
    if rng.random() < 0.15:
        tail += " " + rng.choice(("Trên", "Dưới", "Trong", "Ngoài", "Mới"))
    return f"{rng.choice(TAY_HEAD)} {tail}"


def generate(
    seed: int = 2021, communes: int = 3321, hamlets_per_commune: int = 90, areas_per_commune: int = 22
) -> Iterator[PlaceEntry]:
    """Yield provinces, communes, hamlets and polling areas; the same seed always yields the same list."""
    rng = random.Random(seed)
    for p, province in enumerate(PROVINCES):
        yield PlaceEntry(f"province:{p}", province, "province")
    seen_communes: set[tuple[int, str]] = set()
    for c in range(communes):
        p = c % len(PROVINCES)
        province = PROVINCES[p]
        mountain = p in (2, 3, 4, 5, 10, 11, 12, 13)  # northern highlands: Tày/Thái names
        while True:
            cname = _tay_name(rng) if mountain and rng.random() < 0.3 else _kinh_name(rng)
            if (p, cname) not in seen_communes:
                seen_communes.add((p, cname))
                break
        commune_kind = "Phường" if rng.random() < 0.2 else "Xã"
        yield PlaceEntry(f"commune:{c}", f"{commune_kind} {cname}", "commune", (province,))
        ctx = (cname, province)
        used: set[str] = set()
        n_hamlets = max(5, int(rng.gauss(hamlets_per_commune, hamlets_per_commune / 4)))
        numbered = 0
        for h in range(n_hamlets):
            roll = rng.random()
            if commune_kind == "Phường" and roll < 0.7:
                numbered += 1
                name = f"Tổ dân phố {numbered}"
            elif roll < 0.12:
                numbered += 1
                name = f"{rng.choice(('Thôn', 'Xóm', 'Khu phố'))} {numbered}"
            elif mountain and roll < 0.7:
                name = _tay_name(rng)
                if rng.random() < 0.5 and not name.startswith("Bản "):
                    name = f"Bản {name}"
            else:
                name = f"{rng.choice(('Thôn', 'Thôn', 'Xóm', 'Ấp', 'Làng'))} {_kinh_name(rng)}"
            if name in used:
                continue
            used.add(name)
            yield PlaceEntry(f"hamlet:{c}:{h}", name, "hamlet", ctx)
        for a in range(1, max(3, int(rng.gauss(areas_per_commune, 5))) + 1):
            yield PlaceEntry(f"area:{c}:{a}", f"Khu vực bỏ phiếu số {a}", "area", ctx)


if __name__ == "__main__":
    from collections import Counter

    entries = list(generate())
    print(len(entries), Counter(e.kind for e in entries))
    for e in entries[:3] + entries[200:210]:
        print(e)
