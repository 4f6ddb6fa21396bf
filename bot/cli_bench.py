"""``baucu synth``: the synthetic national election for benchmarks (see ``bot/synth.py`` and ``bench/``)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from bot.cli import CliError, _db_error, prepare_database
from bot.config import Settings


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date such as 2026-03-15") from None


async def cmd_synth(args: argparse.Namespace, settings: Settings) -> int:
    from bot.synth import SynthConfig, synthesize
    from db.session import create_engine

    cfg = SynthConfig(
        provinces=args.provinces,
        communes=args.communes,
        areas=args.areas,
        seed=args.seed,
        election_date=args.election_date,
        edition=args.edition,
        election_code=args.election_code,
        day_of_checkins=args.day_of_checkins,
    )
    try:
        cfg.check()
    except ValueError as exc:
        raise CliError(str(exc)) from None
    await prepare_database(settings)
    engine = create_engine(settings.database_url)
    try:
        result = await synthesize(engine, cfg, progress=not args.quiet)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError | OSError):
            raise _db_error(exc, settings.database_url) from None
        raise
    finally:
        await engine.dispose()
    counts = ", ".join(f"{n:,} {t}" for t, n in result.counts.items() if n)
    print(
        f"election {cfg.election_code} (id {result.election_id}): {counts}; "
        f"{result.registered_voters:,} registered voters; generated in {result.generate_seconds:.1f}s, "
        f"inserted in {result.insert_seconds:.1f}s"
    )
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("synth", help="generate a synthetic national election straight into the database")
    p.add_argument("--provinces", type=int, default=34, help="number of provinces (1–34; default 34)")
    p.add_argument("--communes", type=int, default=3300, help="communes/wards in all (default 3300)")
    p.add_argument("--areas", type=int, default=72000, help="polling areas in all (default 72000)")
    p.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same data")
    p.add_argument("--election-date", type=_date, default=date(2026, 3, 15), help="election day (default 2026-03-15)")
    p.add_argument("--edition", choices=["2015", "2025"], default="2025", help="law edition: 2025 is tỉnh → xã")
    p.add_argument("--election-code", default="SYNTH2026", help="election code, unique (default SYNTH2026)")
    p.add_argument("--day-of-checkins", action="store_true", help="add hourly turnout reports 08:00–19:00")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_synth)
