"""Database side of the import: load the snapshot the checks need, and write a plan with bulk statements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from tqdm import tqdm

from db.importer.spec import AREAS, CANDIDATES, CONSTITUENCIES, CONTESTS, ELECTIONS, UNITS
from db.importer.validate import FIELDS, Existing, Plan
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

CHUNK = 5000
UNIT_T, ELECTION_T, CONTEST_T = AdminUnit.__table__, Election.__table__, Contest.__table__
CONS_T, CU_T, AREA_T = Constituency.__table__, ConstituencyUnit.__table__, PollingArea.__table__
HAMLET_T, AC_T, CAND_T = Hamlet.__table__, AreaConstituency.__table__, Candidate.__table__

# the columns written are the checked fields, less the references that are resolved to ids here
ELECTION_COLS = FIELDS[ELECTIONS.name]
CANDIDATE_COLS = tuple(f for f in FIELDS[CANDIDATES.name] if f != "constituency")


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def load_existing(conn: AsyncConnection, election_codes: Iterable[str]) -> Existing:
    """All units, and everything of the named elections that the database already has."""
    ex = Existing()
    units = (
        await conn.execute(
            select(UNIT_T.c.id, UNIT_T.c.code, UNIT_T.c.name, UNIT_T.c.kind, UNIT_T.c.level, UNIT_T.c.parent_id)
        )
    ).all()
    unit_code = {u.id: u.code for u in units}
    for u in units:
        ex.units[u.code] = {
            "id": u.id,
            "name": u.name,
            "kind": u.kind,
            "level": u.level,
            "parent": unit_code.get(u.parent_id) if u.parent_id else None,
        }
    codes = sorted(set(election_codes))
    if not codes:
        return ex
    rows = (await conn.execute(select(ELECTION_T).where(ELECTION_T.c.code.in_(codes)))).mappings().all()
    eid_code = {r["id"]: r["code"] for r in rows}
    for r in rows:
        ex.elections[r["code"]] = {"id": r["id"], **{k: r[k] for k in ELECTION_COLS}}
    if not eid_code:
        return ex
    eids = list(eid_code)
    contest_code: dict[int, str] = {}
    for r in (await conn.execute(select(CONTEST_T).where(CONTEST_T.c.election_id.in_(eids)))).mappings():
        contest_code[r["id"]] = r["code"]
        ex.contests[(eid_code[r["election_id"]], r["code"])] = {
            "id": r["id"],
            "kind": r["kind"],
            "level": r["level"],
            "unit": unit_code.get(r["unit_id"]),
            "name": r["name"],
            "ballot_order": r["ballot_order"],
        }
    cons_units: dict[int, list[str]] = defaultdict(list)
    cu = select(CU_T.c.constituency_id, CU_T.c.unit_id).join(CONS_T, CONS_T.c.id == CU_T.c.constituency_id)
    for cid, uid in (await conn.execute(cu.where(CONS_T.c.election_id.in_(eids)))).all():
        cons_units[cid].append(unit_code[uid])
    cons_code: dict[int, str] = {}
    for r in (await conn.execute(select(CONS_T).where(CONS_T.c.election_id.in_(eids)))).mappings():
        cons_code[r["id"]] = r["code"]
        ex.constituencies[(eid_code[r["election_id"]], r["code"])] = {
            "id": r["id"],
            "contest": contest_code[r["contest_id"]],
            "number": r["number"],
            "name": r["name"],
            "seats": r["seats"],
            "owner": unit_code.get(r["unit_id"]),
            "description": r["description"],
            "units": cons_units.get(r["id"], []),
        }
    hamlets: dict[int, list[str]] = defaultdict(list)
    hq = select(HAMLET_T.c.polling_area_id, HAMLET_T.c.name).join(AREA_T, AREA_T.c.id == HAMLET_T.c.polling_area_id)
    for aid, name in (await conn.execute(hq.where(AREA_T.c.election_id.in_(eids)).order_by(HAMLET_T.c.id))).all():
        hamlets[aid].append(name)
    links: dict[int, list[str]] = defaultdict(list)
    lq = select(AC_T.c.polling_area_id, AC_T.c.constituency_id).join(AREA_T, AREA_T.c.id == AC_T.c.polling_area_id)
    for aid, cid in (await conn.execute(lq.where(AREA_T.c.election_id.in_(eids)))).all():
        links[aid].append(cons_code[cid])
    for r in (await conn.execute(select(AREA_T).where(AREA_T.c.election_id.in_(eids)))).mappings():
        ex.areas[(eid_code[r["election_id"]], r["code"])] = {
            "id": r["id"],
            "number": r["number"],
            "name": r["name"],
            "commune": unit_code.get(r["commune_id"]),
            "address": r["address"],
            "latitude": r["latitude"],
            "longitude": r["longitude"],
            "registered_voters": r["registered_voters"],
            "note": r["note"],
            "hamlets": hamlets.get(r["id"], []),
            "constituencies": links.get(r["id"], []),
        }
    for r in (await conn.execute(select(CAND_T).where(CAND_T.c.election_id.in_(eids)))).mappings():
        ex.candidates[(eid_code[r["election_id"]], r["code"])] = {
            "id": r["id"],
            "constituency": cons_code[r["constituency_id"]],
            **{k: r[k] for k in CANDIDATE_COLS},
        }
    return ex


class _Writer:
    def __init__(self, conn: AsyncConnection, plan: Plan, progress: bool) -> None:
        self.conn = conn
        self.plan = plan
        total = plan.row_count()
        self.bar = tqdm(total=total, unit="row", desc="import", disable=not progress, leave=False)

    async def many(self, statement: Any, rows: list[dict[str, Any]], advance: bool = False) -> None:
        for chunk in _chunks(rows):
            await self.conn.execute(statement, list(chunk))
            if advance:
                self.bar.update(len(chunk))

    async def ids(self, table: Any, where: Any, key: Any) -> dict[Any, int]:
        return {
            tuple(r[:-1]) if len(r) > 2 else r[0]: r[-1]
            for r in (await self.conn.execute(select(*key, table.c.id).where(where))).all()
        }

    async def delete_in(self, column: Any, ids: list[int]) -> None:
        for chunk in _chunks(ids):
            await self.conn.execute(delete(column.table).where(column.in_(list(chunk))))

    # --- tables -----------------------------------------------------------------------------------------------

    async def units(self) -> dict[str, int]:
        tp = self.plan.tables[UNITS.name]
        code_id = await self.ids(UNIT_T, UNIT_T.c.id.isnot(None), [UNIT_T.c.code])
        for level in (1, 2, 3):
            rows = [
                {
                    "code": r["key"],
                    "name": r["name"],
                    "kind": r["kind"],
                    "level": r["level"],
                    "parent_id": code_id.get(r["parent"]) if r["parent"] else None,
                    "path": "/",
                }
                for r in tp.add
                if r["level"] == level
            ]
            if rows:
                await self.many(insert(UNIT_T), rows, advance=True)
                code_id = await self.ids(UNIT_T, UNIT_T.c.id.isnot(None), [UNIT_T.c.code])
        if tp.update:
            stmt = (
                update(UNIT_T)
                .where(UNIT_T.c.id == bindparam("_id"))
                .values(
                    name=bindparam("name"),
                    kind=bindparam("kind"),
                    level=bindparam("level"),
                    parent_id=bindparam("parent_id"),
                )
            )
            await self.many(
                stmt,
                [
                    {
                        "_id": r["id"],
                        "name": r["name"],
                        "kind": r["kind"],
                        "level": r["level"],
                        "parent_id": code_id.get(r["parent"]) if r["parent"] else None,
                    }
                    for r in tp.update
                ],
                advance=True,
            )
        if tp.add or tp.update:
            await self.fix_paths()
        return code_id

    async def fix_paths(self) -> None:
        rows = (await self.conn.execute(select(UNIT_T.c.id, UNIT_T.c.parent_id, UNIT_T.c.path))).all()
        parent = {r.id: r.parent_id for r in rows}
        paths: dict[int, str] = {}

        def path_of(uid: int) -> str:
            if uid not in paths:
                chain = [uid]
                while parent.get(chain[-1]) is not None and len(chain) < 12:
                    chain.append(parent[chain[-1]])  # type: ignore[arg-type]
                paths[uid] = "/" + "/".join(str(i) for i in reversed(chain)) + "/"
            return paths[uid]

        changed = [{"_id": r.id, "path": path_of(r.id)} for r in rows if r.path != path_of(r.id)]
        if changed:
            await self.many(
                update(UNIT_T).where(UNIT_T.c.id == bindparam("_id")).values(path=bindparam("path")), changed
            )

    async def elections(self) -> dict[str, int]:
        tp = self.plan.tables[ELECTIONS.name]
        if tp.add:
            await self.many(
                insert(ELECTION_T),
                [{"code": r["key"], **{k: r[k] for k in ELECTION_COLS}} for r in tp.add],
                advance=True,
            )
        if tp.update:
            stmt = (
                update(ELECTION_T)
                .where(ELECTION_T.c.id == bindparam("_id"))
                .values(**{k: bindparam(k) for k in ELECTION_COLS})
            )
            await self.many(stmt, [{"_id": r["id"], **{k: r[k] for k in ELECTION_COLS}} for r in tp.update], True)
        codes = sorted({k for k in self.plan.election_codes})
        return await self.ids(ELECTION_T, ELECTION_T.c.code.in_(codes), [ELECTION_T.c.code]) if codes else {}

    async def run(self) -> None:
        unit_id = await self.units()
        election_id = await self.elections()
        eids = list(election_id.values())
        code_of_eid = {v: k for k, v in election_id.items()}

        def scoped_ids(table: Any) -> Any:
            return self.ids(table, table.c.election_id.in_(eids), [table.c.election_id, table.c.code])

        def keyed(ids: dict[tuple[int, str], int]) -> dict[tuple[str, str], int]:
            return {(code_of_eid[e], c): i for (e, c), i in ids.items()}

        # contests
        tp = self.plan.tables[CONTESTS.name]

        def contest_values(r: dict[str, Any]) -> dict[str, Any]:
            return {
                "kind": r["kind"],
                "level": r["level"],
                "unit_id": unit_id.get(r["unit"]) if r["unit"] else None,
                "name": r["name"],
                "ballot_order": r["ballot_order"],
            }

        if tp.add:
            await self.many(
                insert(CONTEST_T),
                [{"election_id": election_id[r["key"][0]], "code": r["key"][1], **contest_values(r)} for r in tp.add],
                True,
            )
        if tp.update:
            stmt = (
                update(CONTEST_T)
                .where(CONTEST_T.c.id == bindparam("_id"))
                .values(**{k: bindparam(k) for k in ("kind", "level", "unit_id", "name", "ballot_order")})
            )
            await self.many(stmt, [{"_id": r["id"], **contest_values(r)} for r in tp.update], True)
        contest_id = keyed(await scoped_ids(CONTEST_T))

        # constituencies: numbers that move are parked on -id first (unique per contest)
        tp = self.plan.tables[CONSTITUENCIES.name]

        def cons_values(r: dict[str, Any]) -> dict[str, Any]:
            e = r["key"][0]
            return {
                "contest_id": contest_id[(e, r["contest"])],
                "number": r["number"],
                "name": r["name"],
                "seats": r["seats"],
                "unit_id": unit_id[r["owner"]],
                "description": r["description"],
            }

        moved = [{"_id": r["id"], "number": -r["id"]} for r in tp.update if {"number", "contest"} & r["_changed"]]
        if moved:
            await self.many(
                update(CONS_T).where(CONS_T.c.id == bindparam("_id")).values(number=bindparam("number")), moved
            )
        if tp.update:
            stmt = (
                update(CONS_T)
                .where(CONS_T.c.id == bindparam("_id"))
                .values(
                    **{k: bindparam(k) for k in ("contest_id", "number", "name", "seats", "unit_id", "description")}
                )
            )
            await self.many(stmt, [{"_id": r["id"], **cons_values(r)} for r in tp.update], True)
        if tp.add:
            await self.many(
                insert(CONS_T),
                [{"election_id": election_id[r["key"][0]], "code": r["key"][1], **cons_values(r)} for r in tp.add],
                True,
            )
        cons_id = keyed(await scoped_ids(CONS_T))
        relink = [r for r in tp.update if "units" in r["_changed"]]
        await self.delete_in(CU_T.c.constituency_id, [r["id"] for r in relink])
        await self.many(
            insert(CU_T),
            [
                {"constituency_id": cons_id[r["key"]], "unit_id": unit_id[u]}
                for r in [*tp.add, *relink]
                for u in r["units"]
            ],
        )

        # polling areas, their hamlets and constituencies
        tp = self.plan.tables[AREAS.name]

        def area_values(r: dict[str, Any]) -> dict[str, Any]:
            return {
                "number": r["number"],
                "name": r["name"],
                "commune_id": unit_id[r["commune"]],
                "address": r["address"],
                "latitude": r["latitude"],
                "longitude": r["longitude"],
                "registered_voters": r["registered_voters"],
                "note": r["note"],
            }

        if tp.update:
            stmt = (
                update(AREA_T)
                .where(AREA_T.c.id == bindparam("_id"))
                .values(
                    **{
                        k: bindparam(k)
                        for k in (
                            "number",
                            "name",
                            "commune_id",
                            "address",
                            "latitude",
                            "longitude",
                            "registered_voters",
                            "note",
                        )
                    }
                )
            )
            await self.many(stmt, [{"_id": r["id"], **area_values(r)} for r in tp.update], True)
        if tp.add:
            await self.many(
                insert(AREA_T),
                [{"election_id": election_id[r["key"][0]], "code": r["key"][1], **area_values(r)} for r in tp.add],
                True,
            )
        area_id = keyed(await scoped_ids(AREA_T)) if tp.add else {r["key"]: r["id"] for r in tp.update}
        rehamlet = [r for r in tp.update if "hamlets" in r["_changed"]]
        await self.delete_in(HAMLET_T.c.polling_area_id, [r["id"] for r in rehamlet])
        await self.many(
            insert(HAMLET_T),
            [{"polling_area_id": area_id[r["key"]], "name": h} for r in [*tp.add, *rehamlet] for h in r["hamlets"]],
        )
        relink = [r for r in tp.update if "constituencies" in r["_changed"]]
        await self.delete_in(AC_T.c.polling_area_id, [r["id"] for r in relink])
        links = [
            {
                "polling_area_id": area_id[r["key"]],
                "constituency_id": cons_id[(r["key"][0], ccode)],
                "contest_id": contest_id[(r["key"][0], self.plan.contest_of_constituency[(r["key"][0], ccode)])],
            }
            for r in [*tp.add, *relink]
            for ccode in r["constituencies"]
        ]
        await self.many(insert(AC_T), links)

        # candidates: ballot positions that move are parked on -id first (unique per constituency)
        tp = self.plan.tables[CANDIDATES.name]

        def cand_values(r: dict[str, Any]) -> dict[str, Any]:
            return {"constituency_id": cons_id[(r["key"][0], r["constituency"])], **{k: r[k] for k in CANDIDATE_COLS}}

        moved = [
            {"_id": r["id"], "ballot_order": -r["id"]}
            for r in tp.update
            if {"ballot_order", "constituency"} & r["_changed"]
        ]
        if moved:
            await self.many(
                update(CAND_T).where(CAND_T.c.id == bindparam("_id")).values(ballot_order=bindparam("ballot_order")),
                moved,
            )
        if tp.update:
            stmt = (
                update(CAND_T)
                .where(CAND_T.c.id == bindparam("_id"))
                .values(**{k: bindparam(k) for k in ("constituency_id", *CANDIDATE_COLS)})
            )
            await self.many(stmt, [{"_id": r["id"], **cand_values(r)} for r in tp.update], True)
        if tp.add:
            await self.many(
                insert(CAND_T),
                [{"election_id": election_id[r["key"][0]], "code": r["key"][1], **cand_values(r)} for r in tp.add],
                True,
            )


async def apply_plan(conn: AsyncConnection, plan: Plan, *, progress: bool = False) -> None:
    """Write ``plan`` on ``conn`` (inside the caller's transaction)."""
    writer = _Writer(conn, plan, progress)
    try:
        await writer.run()
    finally:
        writer.bar.close()
