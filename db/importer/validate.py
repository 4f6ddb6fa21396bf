"""Check a ``RawWorkbook`` against itself and the database, and turn it into a ``Plan`` of inserts and updates.

Nothing here touches the database: ``Existing`` is a snapshot loaded beforehand (``db.importer.store``).
References are kept as codes; the writer turns them into ids.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from db.importer.reader import RawSheet, RawWorkbook
from db.importer.spec import (
    AREAS,
    CANDIDATES,
    CONSTITUENCIES,
    CONTESTS,
    DEFAULT_BALLOT_ORDER,
    ELECTIONS,
    LEVEL_OF_UNIT_LEVEL,
    PARSERS,
    SHEETS,
    UNITS,
    Column,
    Sheet,
    ValueProblem,
    fold,
    text_of,
)

# Fields stored per table (in the order of the model); relation sets are handled separately.
FIELDS: dict[str, tuple[str, ...]] = {
    UNITS.name: ("name", "kind", "level", "parent"),
    ELECTIONS.name: (
        "name",
        "name_en",
        "election_date",
        "voting_start",
        "voting_end",
        "law_edition",
        "timezone",
        "is_demo",
        "notice",
    ),
    CONTESTS.name: ("kind", "level", "unit", "name", "ballot_order"),
    CONSTITUENCIES.name: ("contest", "number", "name", "seats", "owner", "description", "units"),
    AREAS.name: (
        "number",
        "name",
        "commune",
        "address",
        "latitude",
        "longitude",
        "registered_voters",
        "note",
        "hamlets",
        "constituencies",
    ),
    CANDIDATES.name: (
        "constituency",
        "ballot_order",
        "full_name",
        "gender",
        "date_of_birth",
        "ethnicity",
        "religion",
        "hometown",
        "residence",
        "education",
        "occupation",
        "workplace",
        "party_member",
        "party_joined",
        "incumbent",
        "incumbent_note",
        "biography",
        "programme",
    ),
}
SET_FIELDS = {"units", "hamlets", "constituencies"}  # compared as sets

DEFAULTS: dict[str, dict[str, Any]] = {
    UNITS.name: {"parent": None},
    ELECTIONS.name: {
        "name_en": None,
        "voting_start": time(7),
        "voting_end": time(19),
        "timezone": "Asia/Ho_Chi_Minh",
        "is_demo": False,
        "notice": None,
    },
    CONTESTS.name: {"unit": None},
    CONSTITUENCIES.name: {"description": None, "units": []},
    AREAS.name: {"latitude": None, "longitude": None, "note": None, "hamlets": []},
    CANDIDATES.name: {
        k: ""
        for k in (
            "ethnicity",
            "religion",
            "hometown",
            "residence",
            "education",
            "occupation",
            "workplace",
            "biography",
            "programme",
        )
    }
    | {"party_member": False, "party_joined": None, "incumbent": False, "incumbent_note": None},
}
LAW_2025_FROM = date(2025, 7, 1)
NA_SEATS, HDND_SEATS = 3, 5


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass
class Existing:
    """What the database already holds, keyed like the file: units by code, the rest by (election code, code)."""

    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    elections: dict[str, dict[str, Any]] = field(default_factory=dict)
    contests: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    constituencies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    areas: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    candidates: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def table(self, sheet: str) -> dict[Any, dict[str, Any]]:
        return {
            UNITS.name: self.units,
            ELECTIONS.name: self.elections,
            CONTESTS.name: self.contests,
            CONSTITUENCIES.name: self.constituencies,
            AREAS.name: self.areas,
            CANDIDATES.name: self.candidates,
        }[sheet]


@dataclass
class TablePlan:
    sheet: str
    add: list[dict[str, Any]] = field(default_factory=list)  # full rows with "key" (code or (election, code))
    update: list[dict[str, Any]] = field(default_factory=list)  # full rows with "key", "id" and "_changed" fields
    unchanged: int = 0


@dataclass
class Plan:
    tables: dict[str, TablePlan]
    election_codes: set[str] = field(default_factory=set)  # every election the file refers to
    contest_of_constituency: dict[tuple[str, str], str] = field(default_factory=dict)

    def row_count(self) -> int:
        return sum(len(t.add) + len(t.update) for t in self.tables.values())


@dataclass
class Record:
    row: int
    values: dict[str, Any]  # parsed values of the columns present and filled
    present: set[str]  # keys of the columns present in the sheet (filled or not)
    key: Any = None


class _Checker:
    def __init__(self, raw: RawWorkbook, existing: Existing) -> None:
        self.raw = raw
        self.existing = existing
        self.problems: list[Problem] = []
        self.headers: dict[str, dict[str, str]] = {}  # sheet -> key -> header as written
        self.records: dict[str, list[Record]] = {}

    # --- reporting ---------------------------------------------------------------------------------------------

    def problem(self, sheet: Sheet | str, row: int | None, column: str | None, message: str) -> None:
        name = sheet if isinstance(sheet, str) else sheet.name
        header = None
        if column is not None:
            spec = next(s for s in SHEETS if s.name == name)
            header = self.headers.get(name, {}).get(column) or spec.column(column).header
        self.problems.append(Problem(name, row, header, message))

    # --- parsing ----------------------------------------------------------------------------------------------

    def parse_sheet(self, sheet: Sheet) -> None:
        raw: RawSheet | None = self.raw.sheets.get(sheet.name)
        self.records[sheet.name] = []
        if raw is None:
            self.problems.append(
                Problem(
                    sheet.name,
                    None,
                    None,
                    f"sheet missing; add a sheet (or {sheet.name}.csv) named {sheet.name} with its header row, even if "
                    "it has no data rows (see the template)",
                )
            )
            return
        by_name: dict[str, Column] = {}
        for col in sheet.columns:
            for name in col.names():
                by_name.setdefault(name, col)
        positions: dict[str, int] = {}
        for index, header in enumerate(raw.headers):
            if not header:
                continue
            col = by_name.get(fold(header))
            if col is None:
                self.problems.append(
                    Problem(
                        sheet.name, 1, header, "unknown column; rename it to one of the template's headers or delete it"
                    )
                )
                continue
            if col.key in positions:
                self.problems.append(
                    Problem(sheet.name, 1, header, f"the column '{col.header}' appears twice; keep one")
                )
                continue
            positions[col.key] = index
            self.headers.setdefault(sheet.name, {})[col.key] = header
        missing = [c for c in sheet.columns if c.required and c.key not in positions]
        for col in missing:
            self.problems.append(
                Problem(
                    sheet.name,
                    1,
                    col.header,
                    f"required column missing; add a column headed '{col.header}' (or '{col.alias}')",
                )
            )
        if missing:
            return
        present = set(positions)
        limits = TEXT_LIMITS.get(sheet.name, {})
        plan = [
            (key, index, sheet.column(key), PARSERS[sheet.column(key).kind], limits.get(key))
            for key, index in positions.items()
        ]
        for number, cells in raw.rows:
            values: dict[str, Any] = {}
            width = len(cells)
            for key, index, col, parser, limit in plan:
                cell = cells[index] if index < width else None
                if cell is None or (isinstance(cell, str) and not cell.strip()):
                    if col.required:
                        self.problem(sheet, number, key, "a value is required")
                    continue
                try:
                    values[key] = parser(cell)
                except ValueProblem as exc:
                    self.problem(sheet, number, key, str(exc))
                    values[key] = _BAD
                    continue
                if limit and len(values[key]) > limit:
                    self.problem(
                        sheet,
                        number,
                        key,
                        f"{values[key][:20]!r}… is too long ({len(values[key])} characters; at most {limit})",
                    )
                    values[key] = _BAD
            self.records[sheet.name].append(Record(number, values, present))

    # --- helpers ----------------------------------------------------------------------------------------------

    def dedupe(self, sheet: Sheet, key_of: Any) -> list[Record]:
        """Records with a usable key, each key once; duplicates are problems."""
        seen: dict[Any, int] = {}
        out = []
        for rec in self.records[sheet.name]:
            key = key_of(rec.values)
            if key is None:
                continue
            if key in seen:
                self.problem(
                    sheet, rec.row, "code", f"duplicate code {rec.values['code']!r} (already on row {seen[key]})"
                )
                continue
            seen[key] = rec.row
            rec.key = key
            out.append(rec)
        return out


_BAD = object()  # a value that failed to parse (already reported)
_BLANK = object()  # an empty cell
REFERENCE_KEYS = {"code", "parent", "election", "contest", "unit", "owner", "constituency", "commune"}


def _text_limits() -> dict[str, dict[str, int]]:
    """Longest text each column may hold (from the model), so that no value fails in the database."""
    from sqlalchemy import String

    from db.models import AdminUnit, Candidate, Constituency, Contest, Election, PollingArea

    models = {
        UNITS.name: AdminUnit,
        ELECTIONS.name: Election,
        CONTESTS.name: Contest,
        CONSTITUENCIES.name: Constituency,
        AREAS.name: PollingArea,
        CANDIDATES.name: Candidate,
    }
    limits: dict[str, dict[str, int]] = {}
    for sheet in SHEETS:
        table = models[sheet.name].__table__
        for col in sheet.columns:
            if col.kind != "text":
                continue
            if col.key in REFERENCE_KEYS:
                limits.setdefault(sheet.name, {})[col.key] = 32
            elif col.key in table.c and isinstance(table.c[col.key].type, String) and table.c[col.key].type.length:
                limits.setdefault(sheet.name, {})[col.key] = int(table.c[col.key].type.length)
    return limits


TEXT_LIMITS = _text_limits()


def _ok(values: dict[str, Any], *keys: str) -> bool:
    return all(k in values and values[k] is not _BAD for k in keys)


def _merge(existing: dict[str, Any] | None, rec: Record, sheet: str, defaults: dict[str, Any]) -> dict[str, Any]:
    """The row as it will be stored: existing values, then the file's (only the columns present)."""
    if existing is None:
        row = dict.fromkeys(FIELDS[sheet]) | defaults
    else:
        row = {k: existing.get(k) for k in FIELDS[sheet]}
    for key in FIELDS[sheet]:
        if key in rec.present:
            value = rec.values.get(key, _BLANK)
            row[key] = None if value is _BAD else defaults.get(key) if value is _BLANK else value
    return row


def _same(a: Any, b: Any, key: str) -> bool:
    if key in SET_FIELDS:
        return set(a or []) == set(b or [])
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-9
    return bool(a == b)


def _plan_table(sheet: str, rows: list[tuple[Any, dict[str, Any]]], existing: dict[Any, dict[str, Any]]) -> TablePlan:
    plan = TablePlan(sheet)
    for key, row in rows:
        old = existing.get(key)
        if old is None:
            plan.add.append({"key": key, **row})
            continue
        changed = [k for k in FIELDS[sheet] if not _same(row.get(k), old.get(k), k)]
        if changed:
            plan.update.append({"key": key, "id": old["id"], "_changed": set(changed), **row})
        else:
            plan.unchanged += 1
    return plan


def _min_candidates(kind: str, seats: int) -> int:
    if kind == "na":
        return seats + 2
    if seats >= 4:
        return seats + 3
    if seats == 3:
        return seats + 2
    return seats + 1


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def validate(raw: RawWorkbook, existing: Existing | None = None) -> tuple[Plan, list[Problem]]:
    """Check everything; return the plan and the problems (the plan must not be applied if there are any)."""
    existing = existing or Existing()
    ck = _Checker(raw, existing)
    for sheet in SHEETS:
        ck.parse_sheet(sheet)
    p = ck.problem
    ex = existing

    # --- units ------------------------------------------------------------------------------------------------
    units_recs = ck.dedupe(UNITS, lambda v: v["code"] if _ok(v, "code") else None)
    unit_rows: dict[str, dict[str, Any]] = {}
    for rec in units_recs:
        v = rec.values
        if _ok(v, "kind"):
            v["kind"], v["level"] = v["kind"]
            rec.present = rec.present | {"level"}
        elif "kind" in v:
            v["level"] = _BAD
            rec.present = rec.present | {"level"}
        unit_rows[rec.key] = _merge(ex.units.get(rec.key), rec, UNITS.name, DEFAULTS[UNITS.name])
    units_all = {code: dict(row) for code, row in ex.units.items()} | unit_rows
    rec_of_unit = {rec.key: rec for rec in units_recs}
    for rec in units_recs:
        row = unit_rows[rec.key]
        if row["level"] is None:
            continue
        parent = row["parent"]
        if row["level"] == 1:
            if parent:
                p(UNITS, rec.row, "parent", f"a {text_of(rec.values.get('kind'))} has no parent unit; leave it empty")
            continue
        if not parent:
            if "parent" in rec.values or rec.key not in ex.units:
                p(UNITS, rec.row, "parent", "a value is required for a unit below the province")
            continue
        if parent not in units_all:
            p(UNITS, rec.row, "parent", f"unit {parent!r} exists neither in the file nor in the database")
        elif parent == rec.key:
            p(UNITS, rec.row, "parent", "a unit cannot be its own parent")
        else:
            plevel = units_all[parent].get("level")
            if plevel is not None and plevel >= row["level"]:
                p(
                    UNITS,
                    rec.row,
                    "parent",
                    f"{parent!r} is not above this unit (a {row['kind']} cannot sit under a "
                    f"{units_all[parent].get('kind')})",
                )
    for code, unit in ex.units.items():  # a changed kind must not break children already in the database
        parent = unit.get("parent")
        if code in unit_rows or parent not in rec_of_unit:
            continue
        plevel = units_all[parent].get("level")
        if plevel is not None and plevel >= unit["level"]:
            p(
                UNITS,
                rec_of_unit[parent].row,
                "kind",
                f"unit {code!r} in the database sits below it and is a "
                f"{unit['kind']}; a parent must be of a higher level",
            )

    def ancestors(code: str) -> list[str]:
        out: list[str] = []
        while code and code in units_all and code not in out and len(out) < 10:
            out.append(code)
            code = units_all[code].get("parent") or ""
        return out

    # --- elections --------------------------------------------------------------------------------------------
    election_recs = ck.dedupe(ELECTIONS, lambda v: v["code"] if _ok(v, "code") else None)
    election_rows: dict[str, dict[str, Any]] = {}
    for rec in election_recs:
        v = rec.values
        defaults = dict(DEFAULTS[ELECTIONS.name])
        if _ok(v, "election_date"):
            defaults["law_edition"] = "2025" if v["election_date"] >= LAW_2025_FROM else "2015"
        row = _merge(ex.elections.get(rec.key), rec, ELECTIONS.name, defaults)
        if row.get("law_edition") is None and row.get("election_date") is not None and "law_edition" not in v:
            row["law_edition"] = defaults.get("law_edition")
        for key, default in (
            ("voting_start", time(7)),
            ("voting_end", time(19)),
            ("timezone", "Asia/Ho_Chi_Minh"),
            ("is_demo", False),
        ):
            if row.get(key) is None and key not in v:
                row[key] = default
        election_rows[rec.key] = row
        start, end = row.get("voting_start"), row.get("voting_end")
        if isinstance(start, time) and isinstance(end, time):
            if start < time(5):
                p(ELECTIONS, rec.row, "voting_start", f"{start:%H:%M} is too early: voting may not start before 05:00")
            if end > time(21):
                p(ELECTIONS, rec.row, "voting_end", f"{end:%H:%M} is too late: voting may not end after 21:00")
            if start >= end:
                p(ELECTIONS, rec.row, "voting_end", f"{end:%H:%M} is not after the start {start:%H:%M}")
        if _ok(v, "timezone"):
            try:
                ZoneInfo(v["timezone"])
            except (ZoneInfoNotFoundError, ValueError):
                p(ELECTIONS, rec.row, "timezone", f"{v['timezone']!r} is not a time zone (use Asia/Ho_Chi_Minh)")
    elections_all = dict(ex.elections) | election_rows

    def election_of(sheet: Sheet, rec: Record) -> str | None:
        if not _ok(rec.values, "election"):
            return None
        code = rec.values["election"]
        if code not in elections_all:
            p(sheet, rec.row, "election", f"election {code!r} exists neither in the file nor in the database")
            return None
        return str(code)

    def scoped(v: dict[str, Any]) -> tuple[str, str] | None:
        return (v["election"], v["code"]) if _ok(v, "election", "code") else None

    # --- contests ---------------------------------------------------------------------------------------------
    contest_recs = ck.dedupe(CONTESTS, scoped)
    contest_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in contest_recs:
        v = rec.values
        ecode = election_of(CONTESTS, rec)
        row = _merge(ex.contests.get(rec.key), rec, CONTESTS.name, DEFAULTS[CONTESTS.name])
        contest_rows[rec.key] = row
        kind = row.get("kind")
        unit = row.get("unit")
        if kind == "na":
            if unit:
                p(CONTESTS, rec.row, "unit", "the National Assembly contest has no council unit; leave it empty")
                row["unit"] = None
            if "level" in v and v["level"] not in (_BAD, "national"):
                p(CONTESTS, rec.row, "level", "the National Assembly contest is at level 'trung ương'")
            row["level"] = "national"
        elif kind == "hdnd":
            if not unit:
                p(CONTESTS, rec.row, "unit", "a People's Council contest needs the code of its unit")
            elif unit not in units_all:
                p(CONTESTS, rec.row, "unit", f"unit {unit!r} exists neither in the file nor in the database")
            else:
                derived = LEVEL_OF_UNIT_LEVEL.get(units_all[unit].get("level") or 0)
                if "level" in v and v["level"] is not _BAD and v["level"] != derived:
                    p(
                        CONTESTS,
                        rec.row,
                        "level",
                        f"unit {unit!r} is a {units_all[unit].get('kind')}, so the level is "
                        f"{derived}, not {v['level']}",
                    )
                row["level"] = derived
                if derived == "district" and ecode and elections_all[ecode].get("law_edition") == "2025":
                    p(CONTESTS, rec.row, "unit", "the 2025 law has no district People's Councils")
        if row.get("ballot_order") is None and row.get("level") in DEFAULT_BALLOT_ORDER:
            row["ballot_order"] = DEFAULT_BALLOT_ORDER[row["level"]]
    contests_all = dict(ex.contests) | contest_rows
    seen_council: dict[tuple[str, str | None], tuple[str, str]] = {}
    for key, row in contests_all.items():
        if row.get("kind") == "hdnd" and row.get("unit"):
            other = seen_council.setdefault((key[0], row["unit"]), key)
            if other != key and (key in contest_rows or other in contest_rows):
                rec = next(r for r in contest_recs if r.key in (key, other))
                p(
                    CONTESTS,
                    rec.row,
                    "unit",
                    f"contests {other[1]!r} and {key[1]!r} are both the People's Council of "
                    f"unit {row['unit']!r}; keep one",
                )

    # --- constituencies ---------------------------------------------------------------------------------------
    cons_recs = ck.dedupe(CONSTITUENCIES, scoped)
    cons_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in cons_recs:
        v = rec.values
        ecode = election_of(CONSTITUENCIES, rec)
        row = _merge(ex.constituencies.get(rec.key), rec, CONSTITUENCIES.name, DEFAULTS[CONSTITUENCIES.name])
        cons_rows[rec.key] = row
        contest = None
        if ecode and row.get("contest"):
            contest = contests_all.get((ecode, row["contest"]))
            if contest is None:
                where = [c for (e, c) in contests_all if c == row["contest"]]
                extra = " (it belongs to another election)" if where else ""
                p(
                    CONSTITUENCIES,
                    rec.row,
                    "contest",
                    f"contest {row['contest']!r} does not exist in election {ecode!r}{extra}",
                )
        if not row.get("name") and row.get("number") is not None:
            row["name"] = f"Đơn vị bầu cử số {row['number']}"
        if _ok(v, "number") and v["number"] < 1:
            p(CONSTITUENCIES, rec.row, "number", f"{v['number']} is not a constituency number (1 or more)")
        if contest is not None:
            if not row.get("owner"):
                if contest.get("unit"):
                    row["owner"] = contest["unit"]
                else:
                    p(
                        CONSTITUENCIES,
                        rec.row,
                        "owner",
                        "a National Assembly constituency needs the code of the province that runs it",
                    )
            seats = row.get("seats")
            limit = NA_SEATS if contest.get("kind") == "na" else HDND_SEATS
            if isinstance(seats, int) and not 1 <= seats <= limit:
                body = "a National Assembly" if contest.get("kind") == "na" else "a People's Council"
                p(CONSTITUENCIES, rec.row, "seats", f"{seats} seats: {body} constituency elects 1 to {limit} deputies")
            for ucode in row.get("units") or []:
                if ucode not in units_all:
                    p(
                        CONSTITUENCIES,
                        rec.row,
                        "units",
                        f"unit {ucode!r} exists neither in the file nor in the database",
                    )
                elif contest.get("unit") and contest["unit"] not in ancestors(ucode):
                    p(
                        CONSTITUENCIES,
                        rec.row,
                        "units",
                        f"unit {ucode!r} is not inside {contest['unit']!r}, the unit of contest {row['contest']!r}",
                    )
            if len(set(row.get("units") or [])) != len(row.get("units") or []):
                p(CONSTITUENCIES, rec.row, "units", "a unit code is listed twice")
                row["units"] = list(dict.fromkeys(row["units"]))
        if row.get("owner") and row["owner"] not in units_all:
            p(CONSTITUENCIES, rec.row, "owner", f"unit {row['owner']!r} exists neither in the file nor in the database")
    cons_all = dict(ex.constituencies) | cons_rows
    rec_of_cons = {rec.key: rec for rec in cons_recs}
    numbers: dict[tuple[str, str, int], tuple[str, str]] = {}
    for key, row in sorted(cons_all.items(), key=lambda kv: kv[0] not in cons_rows):
        if row.get("contest") is None or not isinstance(row.get("number"), int):
            continue
        other = numbers.setdefault((key[0], row["contest"], row["number"]), key)
        if other != key and key in rec_of_cons:
            p(
                CONSTITUENCIES,
                rec_of_cons[key].row,
                "number",
                f"contest {row['contest']!r} already has constituency no. {row['number']} ({other[1]!r})",
            )

    # --- polling areas ----------------------------------------------------------------------------------------
    na_contests: dict[str, list[str]] = defaultdict(list)
    council_contests: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (e, ccode), contest in contests_all.items():
        if contest.get("kind") == "na":
            na_contests[e].append(ccode)
        elif contest.get("unit"):
            council_contests[(e, contest["unit"])].append(ccode)
    area_recs = ck.dedupe(AREAS, scoped)
    area_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in area_recs:
        v = rec.values
        ecode = election_of(AREAS, rec)
        row = _merge(ex.areas.get(rec.key), rec, AREAS.name, DEFAULTS[AREAS.name])
        area_rows[rec.key] = row
        if not row.get("name") and row.get("number") is not None:
            row["name"] = f"Khu vực bỏ phiếu số {row['number']}"
        if _ok(v, "number") and v["number"] < 1:
            p(AREAS, rec.row, "number", f"{v['number']} is not a polling area number (1 or more)")
        if _ok(v, "registered_voters") and v["registered_voters"] < 0:
            p(AREAS, rec.row, "registered_voters", f"{v['registered_voters']} voters: the number cannot be negative")
        lat, lon = row.get("latitude"), row.get("longitude")
        if _ok(v, "latitude") and not 8.0 <= v["latitude"] <= 24.0:
            p(AREAS, rec.row, "latitude", f"{v['latitude']} is outside Viet Nam (latitude 8 to 24)")
        if _ok(v, "longitude") and not 102.0 <= v["longitude"] <= 118.0:
            p(AREAS, rec.row, "longitude", f"{v['longitude']} is outside Viet Nam (longitude 102 to 118)")
        if (lat is None) != (lon is None) and "latitude" not in v and "longitude" in v:
            p(AREAS, rec.row, "latitude", "give both the latitude and the longitude, or neither")
        elif (lat is None) != (lon is None):
            p(AREAS, rec.row, "longitude", "give both the latitude and the longitude, or neither")
        hamlets = row.get("hamlets") or []
        if len({h.casefold() for h in hamlets}) != len(hamlets):
            p(AREAS, rec.row, "hamlets", "a hamlet is listed twice")
        for name in hamlets:
            if len(name) > 200:
                p(AREAS, rec.row, "hamlets", f"hamlet name {name[:30]!r}… is longer than 200 characters")
        commune = row.get("commune")
        chain: list[str] = []
        if commune:
            if commune not in units_all:
                p(AREAS, rec.row, "commune", f"unit {commune!r} exists neither in the file nor in the database")
            elif units_all[commune].get("level") != 3:
                p(
                    AREAS,
                    rec.row,
                    "commune",
                    f"unit {commune!r} is a {units_all[commune].get('kind')}, not a commune, "
                    "ward, township or special zone",
                )
            else:
                chain = ancestors(commune)
        if ecode is None or "constituencies" not in rec.values or rec.values["constituencies"] is _BAD:
            continue
        by_contest: dict[str, str] = {}
        for ccode in row["constituencies"]:
            cons = cons_all.get((ecode, ccode))
            if cons is None:
                p(
                    AREAS,
                    rec.row,
                    "constituencies",
                    f"constituency {ccode!r} exists neither in the file nor in the database for election {ecode!r}",
                )
                continue
            contest_code = cons.get("contest")
            if contest_code in by_contest:
                p(
                    AREAS,
                    rec.row,
                    "constituencies",
                    f"{by_contest[contest_code]!r} and {ccode!r} are both in contest "
                    f"{contest_code!r}; a polling area votes in exactly one constituency per contest",
                )
                continue
            by_contest[contest_code] = ccode
            contest = contests_all.get((ecode, contest_code)) or {}
            if chain and contest.get("unit") and contest["unit"] not in chain:
                p(
                    AREAS,
                    rec.row,
                    "constituencies",
                    f"constituency {ccode!r} belongs to the People's Council of "
                    f"{contest['unit']!r}, which does not contain commune {commune!r}",
                )
            cunits = cons.get("units") or []
            if chain and cunits and not set(cunits) & set(chain):
                p(
                    AREAS,
                    rec.row,
                    "constituencies",
                    f"constituency {ccode!r} does not cover commune {commune!r} (its units: {', '.join(cunits)})",
                )
        if chain:
            due = [*na_contests.get(ecode, []), *(c for u in chain for c in council_contests.get((ecode, u), []))]
            for ccode in sorted(due):
                if ccode not in by_contest:
                    p(
                        AREAS,
                        rec.row,
                        "constituencies",
                        f"no constituency of contest {ccode!r} ({contests_all[(ecode, ccode)].get('name')}); "
                        "add the code of the constituency this area votes in",
                    )
    seen_numbers: dict[tuple[str, str, int], str] = {}
    areas_all = dict(ex.areas) | area_rows
    rec_of_area = {rec.key: rec for rec in area_recs}
    for key, row in sorted(areas_all.items(), key=lambda kv: kv[0] not in area_rows):
        if not row.get("commune") or not isinstance(row.get("number"), int):
            continue
        other = seen_numbers.setdefault((key[0], row["commune"], row["number"]), key[1])
        if other != key[1] and key in rec_of_area:
            p(
                AREAS,
                rec_of_area[key].row,
                "number",
                f"commune {row['commune']!r} already has polling area no. {row['number']} ({other!r})",
            )

    # --- candidates -------------------------------------------------------------------------------------------
    cand_recs = ck.dedupe(CANDIDATES, scoped)
    cand_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in cand_recs:
        v = rec.values
        ecode = election_of(CANDIDATES, rec)
        row = _merge(ex.candidates.get(rec.key), rec, CANDIDATES.name, DEFAULTS[CANDIDATES.name])
        cand_rows[rec.key] = row
        if ecode and row.get("constituency") and (ecode, row["constituency"]) not in cons_all:
            p(
                CANDIDATES,
                rec.row,
                "constituency",
                f"constituency {row['constituency']!r} exists neither in the file "
                f"nor in the database for election {ecode!r}",
            )
        if _ok(v, "ballot_order") and v["ballot_order"] < 1:
            p(CANDIDATES, rec.row, "ballot_order", f"{v['ballot_order']} is not a ballot position (1 or more)")
        born = row.get("date_of_birth")
        day = elections_all.get(ecode or "", {}).get("election_date")
        if isinstance(born, date) and isinstance(day, date) and _age_on(born, day) < 21:
            p(
                CANDIDATES,
                rec.row,
                "date_of_birth",
                f"born {born:%d/%m/%Y}: a candidate must be 21 or older on election day {day:%d/%m/%Y}",
            )
        joined = row.get("party_joined")
        if joined is not None and not row.get("party_member"):
            p(
                CANDIDATES,
                rec.row,
                "party_joined",
                "a joining date is given but the candidate is not a party member (set 'Đảng viên' to có)",
            )
        if isinstance(joined, date) and isinstance(born, date) and _age_on(born, joined) < 16:
            p(CANDIDATES, rec.row, "party_joined", f"{joined:%d/%m/%Y} is before the candidate was 16")
    cands_all = dict(ex.candidates) | cand_rows
    rec_of_cand = {rec.key: rec for rec in cand_recs}
    per_cons: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key, row in cands_all.items():
        if row.get("constituency"):
            per_cons[(key[0], row["constituency"])].append(key)
    for ckey, members in per_cons.items():
        orders: dict[int, tuple[str, str]] = {}
        for key in sorted(members, key=lambda k: k not in cand_rows):
            order = cands_all[key].get("ballot_order")
            if not isinstance(order, int):
                continue
            other = orders.setdefault(order, key)
            if other != key and key in rec_of_cand:
                p(
                    CANDIDATES,
                    rec_of_cand[key].row,
                    "ballot_order",
                    f"position {order} on the ballot of {ckey[1]!r} is "
                    f"already taken by {other[1]!r} ({cands_all[other].get('full_name')})",
                )
    touched = set(cons_rows) | {(k[0], row["constituency"]) for k, row in cand_rows.items() if row.get("constituency")}
    for ckey in sorted(touched):
        cons = cons_all.get(ckey)
        if cons is None or not isinstance(cons.get("seats"), int):
            continue
        contest = contests_all.get((ckey[0], cons.get("contest") or ""))
        if contest is None:
            continue
        need = _min_candidates(str(contest.get("kind")), cons["seats"])
        have = len(per_cons.get(ckey, []))
        if have >= need:
            continue
        rule = (
            "a National Assembly list needs at least 2 more candidates than seats"
            if contest.get("kind") == "na"
            else "a People's Council list needs more candidates than seats: at least 2 more for 3 seats, "
            "3 more for 4 or 5"
        )
        message = f"constituency {ckey[1]!r} has {have} candidate(s) for {cons['seats']} seat(s); {rule} (need {need})"
        if ckey in rec_of_cons:
            p(CONSTITUENCIES, rec_of_cons[ckey].row, "seats", message)
        else:
            first = min(rec_of_cand[k].row for k in per_cons[ckey] if k in rec_of_cand)
            p(CANDIDATES, first, "constituency", message)

    plan = Plan(
        {
            UNITS.name: _plan_table(UNITS.name, list(unit_rows.items()), ex.units),
            ELECTIONS.name: _plan_table(ELECTIONS.name, list(election_rows.items()), ex.elections),
            CONTESTS.name: _plan_table(CONTESTS.name, list(contest_rows.items()), ex.contests),
            CONSTITUENCIES.name: _plan_table(CONSTITUENCIES.name, list(cons_rows.items()), ex.constituencies),
            AREAS.name: _plan_table(AREAS.name, list(area_rows.items()), ex.areas),
            CANDIDATES.name: _plan_table(CANDIDATES.name, list(cand_rows.items()), ex.candidates),
        }
    )
    plan.election_codes = set(election_rows) | {
        k[0] for rows in (contest_rows, cons_rows, area_rows, cand_rows) for k in rows
    }
    plan.contest_of_constituency = {k: row["contest"] for k, row in cons_all.items() if row.get("contest")}
    ck.problems.sort(key=lambda pr: ([s.name for s in SHEETS].index(pr.sheet), pr.row or 0))
    return plan, ck.problems
