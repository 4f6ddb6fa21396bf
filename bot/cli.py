"""The ``baucu`` command line: run, chat, demo, import, template, db."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine, Sequence
from contextlib import suppress
from typing import Any

from pydantic import ValidationError

from bot.config import Settings

log = logging.getLogger("baucu")


class CliError(Exception):
    """An error the user can fix; printed as one line, no traceback."""


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(x) for x in first["loc"]).upper()
        raise CliError(f"setting {field}: {first['msg']} (check the environment or .env)") from None


def _db_error(exc: BaseException, url: str) -> CliError:
    from sqlalchemy.engine import make_url

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:
        shown = url
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
    return CliError(f"cannot use the database {shown}: {reason} (check DATABASE_URL)")


async def prepare_database(settings: Settings) -> None:
    """Check DATABASE_URL, connect, and upgrade the schema to the latest migration."""
    from db.migrate import ensure_schema
    from db.session import DatabaseUrlError, create_engine

    try:
        engine = create_engine(settings.database_url)
    except DatabaseUrlError as exc:
        raise CliError(str(exc)) from None
    try:
        if await ensure_schema(engine):
            log.info("database schema upgraded")
    except (OSError, ConnectionError) as exc:
        raise _db_error(exc, settings.database_url) from None
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError) or type(exc).__module__.startswith("asyncpg"):
            raise _db_error(exc, settings.database_url) from None
        raise
    finally:
        await engine.dispose()


# --- commands --------------------------------------------------------------------------------------------------


async def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from db.migrate import current_revision, head_revision
    from db.session import create_engine

    if args.action == "upgrade":
        await prepare_database(settings)
    engine = create_engine(settings.database_url)
    try:
        current = await current_revision(engine)
    except Exception as exc:
        raise _db_error(exc, settings.database_url) from None
    finally:
        await engine.dispose()
    print(f"database schema at revision {current or '(empty)'}; latest is {head_revision()}")
    return 0


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import build_application, build_services, start_app, stop_app

    token = settings.token
    if not token:
        raise CliError(
            "BOT_TOKEN is not set: put the token from @BotFather into .env or the environment, "
            "or try the bot offline with `baucu chat`"
        )
    await prepare_database(settings)
    services = build_services(settings)
    api_url = args.api_url or settings.api_url
    app = build_application(services, token=token, base_url=api_url)
    log.info("starting the bot (long polling%s)", f" via {api_url}" if api_url else "")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await start_app(app)
    try:
        await stop.wait()
    finally:
        await stop_app(app)
    return 0


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import build_services
    from bot.clock import AdjustableClock
    from bot.console import InputError, offline_bot, parse_instant, run_interactive, run_jsonl

    if args.clock:
        try:
            clock = AdjustableClock(parse_instant(args.clock), frozen=True)
        except InputError as exc:
            raise CliError(f"--clock: {exc}") from None
    else:
        clock = AdjustableClock(frozen=False)
    await prepare_database(settings)
    services = build_services(settings, clock)
    async with offline_bot(services, clock) as bot:
        if args.jsonl:
            await run_jsonl(bot, sys.stdin, sys.stdout)
        else:
            await run_interactive(bot, args.user, args.name, args.lang)
    return 0


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from db.importer import run_demo

    await prepare_database(settings)
    return await run_demo(settings.database_url)


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from db.importer import run_import

    await prepare_database(settings)
    return await run_import(settings.database_url, args.path)


async def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    from db.importer import write_template

    if not args.path.lower().endswith(".xlsx"):
        raise CliError(f"{args.path}: the template is an Excel workbook; give a file name ending in .xlsx")
    try:
        write_template(args.path)
    except OSError as exc:
        raise CliError(f"cannot write {args.path}: {exc.strerror}") from None
    print(f"wrote {args.path}")
    return 0


Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baucu", description="Trợ lý Bầu cử: the election assistant bot")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", help="run the bot against Telegram (long polling)")
    p.add_argument("--api-url", help="another Bot API server, e.g. http://127.0.0.1:8081/bot")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("chat", help="run the bot offline against the local emulator, with a console")
    p.add_argument("--user", type=int, default=1001, help="your Telegram user id in the console")
    p.add_argument("--name", default=None, help="your first name")
    p.add_argument("--lang", default=None, help="your Telegram language (vi or en)")
    p.add_argument("--jsonl", action="store_true", help="scripted mode: JSON lines in, JSON lines out")
    p.add_argument("--clock", help="start the (frozen) clock at this ISO instant, e.g. 2021-05-23T06:00:00+07:00")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("demo", help="load the demonstration election (Chợ Đồn, Bắc Kạn, 2021)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("import", help="import election data from an .xlsx workbook or a folder of CSV files")
    p.add_argument("path")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("template", help="write the empty import workbook with instructions")
    p.add_argument("path")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("db", help="database schema")
    p.add_argument("action", choices=["upgrade", "current"])
    p.set_defaults(func=cmd_db)

    # feature commands (each module's add_commands(sub) adds its subcommands)
    from bot import cli_bench, cli_chair, cli_team

    cli_team.add_commands(sub)
    cli_bench.add_commands(sub)
    cli_chair.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request at INFO; the console would drown in them
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command == "chat" and not args.verbose:
        logging.getLogger().setLevel(logging.WARNING)
    try:
        settings = load_settings()
        logging.getLogger().setLevel(
            logging.DEBUG if args.verbose else getattr(logging, settings.log_level.upper(), logging.INFO)
        )
        if args.command == "chat" and not args.verbose:
            logging.getLogger().setLevel(logging.WARNING)
        return asyncio.run(args.func(args, settings))
    except CliError as exc:
        print(f"baucu: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
