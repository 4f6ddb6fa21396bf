"""Command-line tools of the election committees: ``baucu export`` and ``baucu results import``."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import Settings

RESULT_COLUMNS = ("constituency", "registered", "voted", "valid", "invalid", "candidate", "votes")


def _cli_error(message: str) -> Exception:
    from bot.cli import CliError

    return CliError(message)


# --- export ---------------------------------------------------------------------------------------------------------


async def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the check-ins, incidents and count sheets of a unit (and below) as .xlsx or CSV files."""
    from sqlalchemy import select

    from bot.cli import prepare_database
    from bot.handlers.chair.export import build_export, export_filename
    from bot.i18n import get_translator
    from db.models import AdminUnit
    from db.session import create_engine, create_sessionmaker

    await prepare_database(settings)
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            if args.unit:
                unit = await session.scalar(select(AdminUnit).where(AdminUnit.code == args.unit))
                if unit is None:
                    raise _cli_error(f"no unit with code {args.unit!r}; see the admin_units of the imported data")
            else:
                roots = list(await session.scalars(select(AdminUnit).where(AdminUnit.parent_id.is_(None))))
                if len(roots) != 1:
                    raise _cli_error("give the unit to export with --unit CODE")
                unit = roots[0]
            sheets = await build_export(session, unit, get_translator(args.lang, settings.timezone), settings.tz)
    finally:
        await engine.dispose()
    return _write_export(args, sheets, export_filename, unit, settings)


def _write_export(args: argparse.Namespace, sheets: list[Any], filename: Any, unit: Any, settings: Settings) -> int:
    from bot.domain.chair_export import write_csv, write_xlsx

    now = datetime.now(UTC)
    if args.format == "xlsx":
        out = Path(args.out or filename(unit, now, settings.tz))
        try:
            out.write_bytes(write_xlsx(sheets))
        except OSError as exc:
            raise _cli_error(f"cannot write {out}: {exc.strerror}") from None
        print(f"wrote {out}: " + ", ".join(f"{s.key} {len(s.rows)}" for s in sheets))
        return 0
    folder = Path(args.out or filename(unit, now, settings.tz, "csv").removesuffix(".csv"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for s in sheets:
            (folder / f"{s.key}.csv").write_bytes(write_csv(s))
    except OSError as exc:
        raise _cli_error(f"cannot write into {folder}: {exc.strerror}") from None
    print(f"wrote {folder}/: " + ", ".join(f"{s.key}.csv {len(s.rows)}" for s in sheets))
    return 0


# --- results import ---------------------------------------------------------------------------------------------------


def _read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row by lower-case header) from an .xlsx (first sheet) or a .csv file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            ws = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:
            raise _cli_error(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__})") from None
        raw = list(ws.iter_rows(values_only=True))
    elif path.suffix.lower() == ".csv":
        try:
            raw = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        except (OSError, UnicodeDecodeError) as exc:
            raise _cli_error(f"{path}: cannot read ({exc})") from None
    else:
        raise _cli_error(f"{path}: give an .xlsx or .csv file")
    if not raw:
        raise _cli_error(f"{path}: the file is empty")
    header = [str(h or "").strip().lower() for h in raw[0]]
    missing = [c for c in RESULT_COLUMNS if c not in header]
    if missing:
        raise _cli_error(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(RESULT_COLUMNS)}")
    for number, values in enumerate(raw[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        yield number, dict(zip(header, values, strict=False))


def _int(value: Any, line: int, column: str) -> int:
    try:
        number = int(str(value).strip().replace(".", "").replace(",", "")) if not isinstance(value, int) else value
    except ValueError:
        raise _cli_error(f"line {line}: {column} must be a whole number, not {value!r}") from None
    if number < 0:
        raise _cli_error(f"line {line}: {column} must not be negative")
    return number


def _parse_results(path: Path) -> dict[str, dict[str, Any]]:
    """Rows grouped by constituency code: {"figures": (registered, voted, valid, invalid), "votes": {...}}."""
    if not path.exists():
        raise _cli_error(f"{path}: no such file")
    grouped: dict[str, dict[str, Any]] = {}
    for line, row in _read_rows(path):
        code = str(row.get("constituency") or "").strip()
        if not code:
            raise _cli_error(f"line {line}: constituency is empty")
        figures = tuple(_int(row.get(c), line, c) for c in ("registered", "voted", "valid", "invalid"))
        entry = grouped.setdefault(code, {"figures": figures, "votes": {}, "line": line})
        if entry["figures"] != figures:
            raise _cli_error(f"line {line}: registered/voted/valid/invalid differ from line {entry['line']} of {code}")
        candidate = str(row.get("candidate") or "").strip()
        if not candidate:
            raise _cli_error(f"line {line}: candidate is empty")
        if candidate in entry["votes"]:
            raise _cli_error(f"line {line}: candidate {candidate} appears twice for {code}")
        entry["votes"][candidate] = _int(row.get("votes"), line, "votes")
    if not grouped:
        raise _cli_error(f"{path}: no result rows")
    return grouped


async def cmd_results(args: argparse.Namespace, settings: Settings) -> int:
    """``baucu results import PATH``: official figures per constituency, stored as draft results to publish."""
    from sqlalchemy import select

    from bot.cli import prepare_database
    from bot.domain.chair_results import Figures, check_figures, from_figures
    from bot.domain.results import Candidate as RuleCandidate
    from db.models import Constituency, ConstituencyResult, Contest
    from db.queries.chair import candidates_of, next_result_version
    from db.queries.elections import active_election
    from db.session import create_engine, create_sessionmaker

    grouped = _parse_results(Path(args.path))
    await prepare_database(settings)
    engine = create_engine(settings.database_url)
    now = datetime.now(UTC)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            election = await active_election(session)
            if election is None:
                raise _cli_error("no active election in the database; import the election data first")
            report = []
            for code, entry in grouped.items():
                constituency = await session.scalar(
                    select(Constituency).where(Constituency.election_id == election.id, Constituency.code == code)
                )
                if constituency is None:
                    raise _cli_error(f"line {entry['line']}: no constituency {code!r} in {election.code}")
                contest = await session.get(Contest, constituency.contest_id)
                candidates = await candidates_of(session, constituency.id)
                registered, voted, valid, invalid = entry["figures"]
                figures = Figures(registered, voted, valid, invalid, entry["votes"])
                problems = check_figures(figures, constituency.seats, [c.code for c in candidates])
                if problems:
                    raise _cli_error(f"{code}: {'; '.join(problems)}")
                kind = "na" if contest is not None and contest.kind == "na" else "hdnd"
                data = from_figures(
                    kind,
                    constituency.seats,
                    figures,
                    [RuleCandidate(c.code, c.full_name, c.date_of_birth) for c in candidates],
                )
                version = await next_result_version(session, constituency.id)
                session.add(
                    ConstituencyResult(
                        constituency_id=constituency.id,
                        version=version,
                        source="import",
                        status="draft",
                        data=data,
                        computed_at=now,
                    )
                )
                report.append(f"{code}: draft version {version}, winners {', '.join(data['winners']) or '-'}")
    finally:
        await engine.dispose()
    for line in report:
        print(line)
    print("review and publish them in the bot with /ketqua")
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("export", help="export check-ins, incidents and count sheets of a unit (xlsx or csv)")
    p.add_argument("--unit", help="code of the unit (default: the only province in the data)")
    p.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    p.add_argument("--out", help="the .xlsx file, or the folder for the CSV files")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of sheet names and headers")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("results", help="results of constituencies")
    p.add_argument("action", choices=["import"])
    p.add_argument("path", help="an .xlsx or .csv file; see docs/results-import.md")
    p.set_defaults(func=cmd_results)
