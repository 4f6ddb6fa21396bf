"""Election data import (xlsx workbook or CSV folder), the template workbook and the bundled demo dataset.

Telegram-free. The CLI calls ``run_import(url, path)``, ``write_template(path)`` and ``run_demo(url)``; code that
already has a database handle calls ``import_path(engine_or_session_or_connection, path)``.
Format: ``docs/import-format.md``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from db.importer.reader import ImportFileError, RawWorkbook, read_source
from db.importer.spec import ELECTIONS, SHEETS, fold, text_of
from db.importer.store import apply_plan, load_existing
from db.importer.template import write_template
from db.importer.validate import Existing, Plan, Problem, validate

__all__ = [
    "DEMO_DIR",
    "Existing",
    "ImportFileError",
    "ImportReport",
    "Plan",
    "Problem",
    "RawWorkbook",
    "TableCounts",
    "import_path",
    "read_source",
    "run_demo",
    "run_import",
    "validate",
    "write_template",
]

DEMO_DIR = Path(__file__).resolve().parents[2] / "bot" / "data" / "demo"
PROGRESS_MIN_ROWS = 3000


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    source: str
    counts: dict[str, TableCounts] = field(default_factory=dict)  # by sheet name, in import order
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> int:
        return sum(c.added + c.updated for c in self.counts.values())

    def lines(self) -> list[str]:
        if self.problems:
            n = len(self.problems)
            return [str(p) for p in self.problems] + [
                f"{n} problem{'s' if n != 1 else ''} in {self.source}; nothing was written. Fix them and import again."
            ]
        out = [
            f"{sheet}: {c.added} added, {c.updated} updated, {c.unchanged} unchanged"
            for sheet, c in self.counts.items()
        ]
        out.append(f"Imported {self.source} in {self.seconds:.1f} s.")
        return out


def election_codes_in(raw: RawWorkbook) -> set[str]:
    """Election codes mentioned anywhere in the file (to load just those elections from the database)."""
    codes: set[str] = set()
    for sheet in SHEETS:
        rs = raw.sheets.get(sheet.name)
        if rs is None:
            continue
        key = "code" if sheet is ELECTIONS else "election"
        names = next((c.names() for c in sheet.columns if c.key == key), None)
        if names is None:
            continue
        for index, header in enumerate(rs.headers):
            if fold(header) in names:
                codes.update(text_of(cells[index]) for _, cells in rs.rows if index < len(cells))
    codes.discard("")
    return codes


@asynccontextmanager
async def _transaction(target: AsyncEngine | AsyncSession | AsyncConnection) -> AsyncIterator[AsyncConnection]:
    """All-or-nothing: an engine gets its own committed transaction; a session or connection gets a savepoint
    (the caller commits)."""
    if isinstance(target, AsyncEngine):
        async with target.begin() as conn:
            yield conn
    elif isinstance(target, AsyncSession):
        async with target.begin_nested():
            yield await target.connection()
    elif target.in_transaction():
        async with target.begin_nested():
            yield target
    else:
        async with target.begin():
            yield target


class _Rollback(Exception):
    pass


async def import_raw(
    target: AsyncEngine | AsyncSession | AsyncConnection,
    raw: RawWorkbook,
    *,
    progress: bool = True,
    dry_run: bool = False,
) -> ImportReport:
    started = time.monotonic()
    report = ImportReport(raw.source)
    try:
        async with _transaction(target) as conn:
            existing = await load_existing(conn, election_codes_in(raw))
            plan, problems = validate(raw, existing)
            report.counts = {
                name: TableCounts(len(tp.add), len(tp.update), tp.unchanged) for name, tp in plan.tables.items()
            }
            if problems or dry_run:
                report.problems = problems
                raise _Rollback
            if plan.row_count():
                await apply_plan(conn, plan, progress=progress and plan.row_count() > PROGRESS_MIN_ROWS)
            report.written = True
    except _Rollback:
        pass
    report.seconds = time.monotonic() - started
    return report


async def import_path(
    target: AsyncEngine | AsyncSession | AsyncConnection,
    path: str | Path,
    *,
    progress: bool = True,
    dry_run: bool = False,
) -> ImportReport:
    """Read, check and (if there is no problem at all) write ``path`` in one transaction.

    A file that cannot be read becomes one problem in the report; nothing is raised for bad input.
    With an ``AsyncSession``/``AsyncConnection`` the work happens in a savepoint and the caller commits.
    """
    started = time.monotonic()
    try:
        raw = read_source(path)
    except ImportFileError as exc:
        return ImportReport(str(path), problems=[Problem("", None, None, str(exc))])
    report = await import_raw(target, raw, progress=progress, dry_run=dry_run)
    report.seconds = time.monotonic() - started
    return report


async def run_import(
    database_url: str, path: str | Path, *, out: TextIO | None = None, err: TextIO | None = None, progress: bool = True
) -> int:
    """CLI entry: ensure the schema, import ``path``, print one line per table or per problem; 0 ok, 1 not."""
    from db.migrate import ensure_schema
    from db.session import DatabaseUrlError, create_engine

    out = out or sys.stdout
    err = err or sys.stderr
    started = time.monotonic()
    try:
        raw = read_source(path)
    except ImportFileError as exc:
        print(str(exc), file=err)
        return 1
    try:
        engine = create_engine(database_url)
    except DatabaseUrlError as exc:
        print(str(exc), file=err)
        return 1
    try:
        await ensure_schema(engine)
        report = await import_raw(engine, raw, progress=progress)
        if report.ok and report.changed and engine.dialect.name == "postgresql":
            # fresh planner statistics after a bulk load, or the first queries plan as if the tables were empty
            async with engine.connect() as conn:
                await conn.execute(text("ANALYZE"))
                await conn.commit()
    except (SQLAlchemyError, OSError) as exc:
        line = " ".join(str(exc).split())[:300]
        print(f"database error while importing {path}: {line}; nothing was written", file=err)
        return 1
    finally:
        await engine.dispose()
    report.seconds = time.monotonic() - started
    for line in report.lines():
        print(line, file=err if report.problems else out)
    return 0 if report.ok else 1


async def run_demo(database_url: str, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """CLI entry: load the bundled demo dataset (Chợ Đồn, Bắc Kạn, 2021) through the ordinary import."""
    return await run_import(database_url, DEMO_DIR, out=out, err=err)
