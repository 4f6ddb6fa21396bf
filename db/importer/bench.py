"""Generate a national-size synthetic import file and time its import (not used by the bot).

    python -m db.importer.bench /tmp/national --format xlsx --url sqlite+aiosqlite:////tmp/national.db

Sizes are about those of a real national election: 63 provinces, ~700 districts, ~10,000 communes, ~72,000 polling
areas, ~300,000 hamlets, ~50,000 constituencies with their candidates.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import time
from collections.abc import Iterator
from pathlib import Path

from db.importer.spec import AREAS, CANDIDATES, CONSTITUENCIES, CONTESTS, ELECTIONS, SHEETS, UNITS

Row = dict[str, object]


def national(
    provinces: int = 63, districts: int = 11, communes: int = 15, areas: int = 7, hamlets: int = 4, seed: int = 1
) -> dict[str, list[Row]]:
    rnd = random.Random(seed)
    e = "QG2026"
    out: dict[str, list[Row]] = {s.name: [] for s in SHEETS}
    out[ELECTIONS.name].append(
        {
            "code": e,
            "name": "Bầu cử tổng hợp (dữ liệu thử tải)",
            "election_date": "24/05/2026",
            "law_edition": "2015",
            "is_demo": "có",
        }
    )
    out[CONTESTS.name].append({"code": "QH", "election": e, "kind": "QH", "name": "Quốc hội"})
    cand_no = 0

    def constituency(code: str, contest: str, number: int, seats: int, owner: str, units: str, na: bool) -> None:
        nonlocal cand_no
        out[CONSTITUENCIES.name].append(
            {
                "code": code,
                "election": e,
                "contest": contest,
                "number": number,
                "seats": seats,
                "owner": owner,
                "units": units,
            }
        )
        extra = 2 if na or seats == 3 else 3 if seats >= 4 else 1
        for order in range(1, seats + extra + 1):
            cand_no += 1
            out[CANDIDATES.name].append(
                {
                    "code": f"C{cand_no}",
                    "election": e,
                    "constituency": code,
                    "ballot_order": order,
                    "full_name": f"Nguyễn Văn {cand_no}",
                    "gender": rnd.choice(["Nam", "Nữ"]),
                    "date_of_birth": f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(1960, 1995)}",
                    "ethnicity": "Kinh",
                    "religion": "Không",
                    "occupation": "Cán bộ",
                    "party_member": "không",
                }
            )

    na_no = 0
    area_count = 0
    for p in range(1, provinces + 1):
        pc = f"P{p}"
        out[UNITS.name].append({"code": pc, "name": f"Tỉnh {p}", "kind": "tỉnh"})
        out[CONTESTS.name].append({"code": f"T{p}", "election": e, "kind": "HĐND", "unit": pc, "name": f"HĐND {p}"})
        na_codes = []
        dist_codes = [f"{pc}D{d}" for d in range(1, districts + 1)]
        for i in range(3):  # ~184 NA constituencies nationally
            na_no += 1
            mine = dist_codes[i::3]
            na_codes.append((f"QH{na_no}", mine))
            constituency(f"QH{na_no}", "QH", na_no, 3, pc, ";".join(mine), True)
        for d, dc in enumerate(dist_codes, start=1):
            out[UNITS.name].append({"code": dc, "name": f"Huyện {p}.{d}", "kind": "huyện", "parent": pc})
            out[CONTESTS.name].append(
                {"code": f"H{dc}", "election": e, "kind": "HĐND", "unit": dc, "name": f"HĐND {dc}"}
            )
            com_codes = [f"{dc}X{x}" for x in range(1, communes + 1)]
            tinh = f"T{p}-{d}"
            constituency(tinh, f"T{p}", d, 4, pc, dc, False)
            groups = [com_codes[i::5] for i in range(5)]
            for g, members in enumerate(groups, start=1):
                constituency(f"H{dc}-{g}", f"H{dc}", g, 3, dc, ";".join(members), False)
            na = next(code for code, ds in na_codes if dc in ds)
            for x, xc in enumerate(com_codes, start=1):
                out[UNITS.name].append({"code": xc, "name": f"Xã {p}.{d}.{x}", "kind": "xã", "parent": dc})
                out[CONTESTS.name].append(
                    {"code": f"X{xc}", "election": e, "kind": "HĐND", "unit": xc, "name": f"HĐND {xc}"}
                )
                hg = f"H{dc}-{(x - 1) % 5 + 1}"
                for k in (1, 2):
                    constituency(f"X{xc}-{k}", f"X{xc}", k, 3, xc, xc, False)
                for a in range(1, areas + 1):
                    area_count += 1
                    out[AREAS.name].append(
                        {
                            "code": f"A{area_count}",
                            "election": e,
                            "number": a,
                            "commune": xc,
                            "address": f"Nhà văn hóa thôn {a}",
                            "latitude": f"{rnd.uniform(9, 23):.5f}",
                            "longitude": f"{rnd.uniform(103, 109):.5f}",
                            "registered_voters": rnd.randint(150, 3000),
                            "hamlets": "; ".join(f"Thôn {a}.{h}" for h in range(1, hamlets + 1)),
                            "constituencies": f"{na}; {tinh}; {hg}; X{xc}-{1 + (a - 1) * 2 // areas}",
                        }
                    )
    return out


def _rows(sheet_rows: list[Row], keys: list[str]) -> Iterator[list[object]]:
    for row in sheet_rows:
        yield [row.get(k, "") for k in keys]


def write(tables: dict[str, list[Row]], target: Path, fmt: str) -> Path:
    if fmt == "csv":
        target.mkdir(parents=True, exist_ok=True)
        for sheet in SHEETS:
            keys = [c.key for c in sheet.columns]
            with (target / f"{sheet.name}.csv").open("w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow([c.header for c in sheet.columns])
                w.writerows(_rows(tables[sheet.name], keys))
        return target
    from openpyxl import Workbook

    path = target.with_suffix(".xlsx")
    wb = Workbook(write_only=True)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for row in _rows(tables[sheet.name], [c.key for c in sheet.columns]):
            ws.append(row)
    wb.save(path)
    return path


async def _main() -> None:
    from db.importer import run_import

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--url", default=None, help="import into this database and time it")
    parser.add_argument("--provinces", type=int, default=63)
    args = parser.parse_args()
    started = time.monotonic()
    tables = national(provinces=args.provinces)
    path = write(tables, args.target, args.format)
    print(
        f"wrote {path}: "
        + ", ".join(f"{k} {len(v)}" for k, v in tables.items())
        + f", hamlets {sum(len(str(a['hamlets']).split(';')) for a in tables[AREAS.name])}"
        + f" in {time.monotonic() - started:.1f} s"
    )
    if args.url:
        for attempt in ("first import", "re-import"):
            started = time.monotonic()
            code = await run_import(args.url, path)
            print(f"{attempt}: exit {code} in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    asyncio.run(_main())
