"""A bot under measurement, in its own process: the baucu application or a bare python-telegram-bot echo bot.

``python -m bench.worker --kind baucu|echo|echo-db --base-url URL --token T [--database-url U] [--clock ISO]``

Both long-poll the benchmark's emulator with the same settings (``bot.app.start_app``: poll timeout, allowed
updates; 64 concurrent updates; a connection pool of 64). The worker prints one JSON line ``{"ready": ...}`` once it
polls, then answers JSON lines on stdin, one JSON line each on stdout:

* ``{"op": "rss"}`` → resident memory (``/proc/self/status``);
* ``{"op": "warm", "queries": [...]}`` → builds the place index (if the bot has one) and runs the lookups;
* ``{"op": "broadcast", "chats": [...], "text": "..."}`` → enqueues one outbox row per chat and drains the outbox
  through the application's bot (its AIORateLimiter at ``broadcast_rate``), like the scheduler does;
* ``{"op": "stop"}`` → stops polling and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.app import start_app, stop_app


def read_status(pid: int | str = "self") -> dict[str, int]:
    """VmRSS and VmHWM in KiB from /proc (Linux); empty elsewhere."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


# --- the echo bot (the baseline) ---------------------------------------------------------------------------


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(message.text or "ok")


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


def _echo_db(sessionmaker: Any) -> Any:
    """The echo reply after the smallest database turn the real bot can have: a transaction that loads the
    user's row (``bot.turn.open_turn`` does this, and more, for every update)."""
    from db.models import User

    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        async with sessionmaker() as session, session.begin():
            await session.get(User, user.id if user else 0)
        await _echo(update, context)

    return handler


def build_echo(token: str, base_url: str, rate_limit: float | None, database_url: str | None = None) -> Any:
    """A bare PTB application: echo texts, answer button presses; same pool and concurrency as baucu's."""
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(base_url.replace("/bot", "/file/bot"))
        .concurrent_updates(64)
        .connection_pool_size(64)
        .pool_timeout(30)
    )
    if rate_limit:
        builder = builder.rate_limiter(
            AIORateLimiter(overall_max_rate=rate_limit, overall_time_period=1, max_retries=3)
        )
    app = builder.build()
    if database_url:
        from db.session import create_engine, create_sessionmaker

        app.add_handler(MessageHandler(filters.ALL, _echo_db(create_sessionmaker(create_engine(database_url)))))
    else:
        app.add_handler(MessageHandler(filters.ALL, _echo))
    app.add_handler(CallbackQueryHandler(_answer))
    return app


# --- the baucu bot -------------------------------------------------------------------------------------------


def build_baucu(token: str, base_url: str, database_url: str, clock_at: str | None, broadcast_rate: float) -> Any:
    from bot.app import build_application, build_services
    from bot.clock import AdjustableClock
    from bot.config import Settings

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=database_url, bot_token=None, broadcast_rate=broadcast_rate
    )
    clock = AdjustableClock(datetime.fromisoformat(clock_at), frozen=False) if clock_at else None
    services = build_services(settings, clock)
    return build_application(services, token=token, base_url=base_url, schedule_ticks=False)


async def _warm(app: Any, queries: list[str]) -> dict[str, Any]:
    from bench.scenarios import build_place_index

    services = app.bot_data.get("services")
    if services is None:
        return {"index": False, "lookups": 0}
    index = await build_place_index(services)
    if index is None:
        return {"index": False, "lookups": 0}
    started = time.perf_counter()
    for q in queries:
        index.search(q)
    return {"index": True, "entries": len(index), "lookups": len(queries), "seconds": time.perf_counter() - started}


async def _broadcast(app: Any, chats: list[int], text: str, tag: str) -> dict[str, Any]:
    from bot.app import scheduler_of
    from bot.delivery import Outgoing, enqueue

    services = app.bot_data["services"]
    now = services.clock.now()
    items = [
        Outgoing(key=f"bench:{tag}:{chat}", kind="announcement", user_id=chat, chat_id=chat, text=text, due_at=now)
        for chat in chats
    ]
    async with services.sessionmaker() as session, session.begin():
        added = await enqueue(session, items, now)
    started = time.perf_counter()
    stats = await scheduler_of(app).deliverer.drain()
    seconds = time.perf_counter() - started
    return {
        "enqueued": added,
        "sent": stats.sent,
        "failed": stats.failed,
        "blocked": stats.blocked,
        "uncertain": stats.uncertain,
        "retried": stats.retried,
        "seconds": seconds,
    }


async def serve(args: argparse.Namespace) -> None:
    if args.kind in ("echo", "echo-db"):
        app = build_echo(
            args.token, args.base_url, args.rate_limit, args.database_url if args.kind == "echo-db" else None
        )
    else:
        app = build_baucu(args.token, args.base_url, args.database_url, args.clock, args.broadcast_rate)
    await start_app(app, poll_timeout=args.poll_timeout)
    # BAUCU_BENCH_CPROFILE=DIR: a cProfile of the worker's whole serving time (the event loop's thread), for
    # finding where a bot's time goes function by function (py-spy, --profile, samples every thread)
    profiler = None
    if os.environ.get("BAUCU_BENCH_CPROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()

    def say(obj: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    services = app.bot_data.get("services")
    commands = sorted({c.command for c in services.commands}) if services is not None else []
    fallbacks = sorted(services.caches.get("fallbacks", {})) if services is not None else []
    say({"ready": True, "pid": os.getpid(), "commands": commands, "fallbacks": fallbacks, **read_status()})
    try:
        while True:
            line = await asyncio.to_thread(sys.stdin.readline)
            if not line:
                break
            try:
                request = json.loads(line)
            except ValueError:
                say({"error": "not JSON"})
                continue
            op = request.get("op")
            if op == "stop":
                break
            try:
                if op == "rss":
                    say(read_status())
                elif op == "warm":
                    say(await _warm(app, list(request.get("queries") or [])))
                elif op == "broadcast" and services is not None:
                    say(
                        await _broadcast(
                            app, [int(c) for c in request["chats"]], str(request["text"]), str(request.get("tag", "b"))
                        )
                    )
                else:
                    say({"error": f"unknown op {op!r} for a {args.kind} worker"})
            except Exception as exc:  # the benchmark reports it; the worker keeps serving
                logging.exception("op %s failed", op)
                say({"error": f"{type(exc).__name__}: {exc}"})
    finally:
        if profiler is not None:
            profiler.disable()
            folder = os.environ["BAUCU_BENCH_CPROFILE"]
            os.makedirs(folder, exist_ok=True)
            profiler.dump_stats(os.path.join(folder, f"{args.kind}-{os.getpid()}.prof"))
        await stop_app(app)
    say({"stopped": True})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__)
    parser.add_argument("--kind", choices=["baucu", "echo", "echo-db"], required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--clock", help="start the bot's clock (running) at this ISO instant")
    parser.add_argument("--broadcast-rate", type=float, default=25.0)
    parser.add_argument("--rate-limit", type=float, default=0.0, help="echo only: an AIORateLimiter like baucu's")
    parser.add_argument("--poll-timeout", type=int, default=10)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.kind in ("baucu", "echo-db") and not args.database_url:
        parser.error(f"--database-url is needed for the {args.kind} bot")
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
