"""Build the application: settings → engine → services → PTB Application with every handler."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from contextlib import suppress
from typing import Any

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseUpdateProcessor

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.context import CONTEXT_TYPES, BotApplication, BotContext
from bot.domain.knowledge.classifier import classifier
from bot.handlers import register_all
from bot.i18n import get_translator
from bot.runtime import Services
from bot.scheduler import Scheduler
from db.session import create_engine, create_sessionmaker

log = logging.getLogger(__name__)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Handle updates of different chats concurrently, those of one chat in order; tell waiters when done.

    Per-chat order matters because a conversation step read from the database must see the previous step.
    """

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._done = asyncio.Condition()
        self.handled: set[int] = set()
        self.in_flight = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = 0
        if isinstance(update, Update) and update.effective_chat is not None:
            key = update.effective_chat.id
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        self.in_flight += 1
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
            self.in_flight -= 1
            async with self._done:
                if isinstance(update, Update):
                    self.handled.add(update.update_id)
                self._done.notify_all()

    async def wait_handled(self, update_id: int, timeout: float = 30) -> None:
        """Wait until the update has been handled (used by the console and the tests)."""
        async with self._done:
            await asyncio.wait_for(self._done.wait_for(lambda: update_id in self.handled), timeout)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    engine = create_engine(settings.database_url)
    return Services(
        settings=settings, clock=clock or SystemClock(), engine=engine, sessionmaker=create_sessionmaker(engine)
    )


def build_application(
    services: Services,
    *,
    token: str,
    base_url: str | None = None,
    base_file_url: str | None = None,
    schedule_ticks: bool = True,
) -> BotApplication:
    """The PTB application with every handler; ``base_url`` points it at another Bot API server (the emulator)."""
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(ChatOrderedProcessor())
        # RetryAfter is honoured for every request; the overall rate is paced by the outbox (bot.delivery), so
        # that replies to users are not queued behind a broadcast
        .rate_limiter(AIORateLimiter(overall_max_rate=0, max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .connection_pool_size(64)
        .pool_timeout(30)
    )
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_file_url or base_url.replace("/bot", "/file/bot"))
    app: BotApplication = builder.build()  # type: ignore[assignment]
    app.bot_data["services"] = services
    app.bot_data["schedule_ticks"] = schedule_ticks
    register_all(app)
    return app


async def start_app(app: BotApplication, *, poll_timeout: int = 10, poll_interval: float = 0.0) -> None:
    """Initialise, run the start-up hook, start handling and long-poll (PTB calls post_init only in run_polling)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=poll_interval, timeout=poll_timeout, allowed_updates=["message", "callback_query"]
    )


async def stop_app(app: BotApplication) -> None:
    """Stop polling and handling, then shut down (post_shutdown closes the database engine)."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


def scheduler_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Scheduler:
    return app.bot_data["scheduler"]


async def _tick_job(context: BotContext) -> None:
    await scheduler_of(context.application).tick()


async def _post_init(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    # the question classifier is fitted once per process (a few seconds, in a child process): before the first
    # voter waits for it
    await asyncio.to_thread(classifier)
    scheduler = Scheduler(services, app.bot)
    app.bot_data["scheduler"] = scheduler
    await scheduler.deliverer.recover()
    if app.bot_data.get("schedule_ticks") and app.job_queue is not None:
        app.job_queue.run_repeating(_tick_job, interval=services.settings.tick_seconds, first=1, name="tick")

        def kick() -> None:
            if app.job_queue is not None:
                app.job_queue.run_once(_tick_job, 0, name="kick")

        services.kick = kick
    await set_commands(app)


async def set_commands(app: BotApplication) -> None:
    """The command menu in Vietnamese (default) and English."""
    services: Services = app.bot_data["services"]
    voter = [c for c in services.commands if c.role == "voter"]
    for lang in ("vi", "en"):
        tr = get_translator(lang)
        commands = [BotCommand(c.command, tr.gettext(c.description)[:256]) for c in voter]
        with suppress(TelegramError):
            await app.bot.set_my_commands(
                commands, scope=BotCommandScopeDefault(), language_code=None if lang == "vi" else lang
            )


async def _post_shutdown(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    await services.engine.dispose()
