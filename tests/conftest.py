"""Shared fixtures: a fresh migrated database per test, services with a frozen clock, the offline bot.

Database tests run on SQLite by default and on PostgreSQL when ``BAUCU_TEST_POSTGRES_URL`` is set
(e.g. ``postgresql+asyncpg://postgres@127.0.0.1:5432/test``). In CI an unreachable PostgreSQL is a failure.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.clock import AdjustableClock
from bot.config import Settings
from bot.runtime import Services
from db.migrate import upgrade
from db.session import create_engine, create_sessionmaker

POSTGRES_URL = os.environ.get("BAUCU_TEST_POSTGRES_URL")
# 06:00 on election day of the demo (23/5/2021, UTC+7)
DEFAULT_NOW = datetime(2021, 5, 22, 23, 0, tzinfo=UTC)


def backend() -> str:
    return "postgresql" if POSTGRES_URL else "sqlite"


def _pg_admin_url() -> str:
    assert POSTGRES_URL
    return POSTGRES_URL


async def _pg_exec(sql: str) -> None:
    engine = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(sql))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated once per session; each test gets a copy of it."""
    if POSTGRES_URL:
        name = f"baucu_tmpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"

        async def create() -> None:
            await _pg_exec(f'CREATE DATABASE "{name}"')
            await upgrade(make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False))

        try:
            asyncio.run(create())
        except OSError as exc:
            pytest.fail(f"PostgreSQL at BAUCU_TEST_POSTGRES_URL is unreachable: {exc}")
        yield name
        asyncio.run(_pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        path = tmp_path_factory.mktemp("tmpl") / "template.db"
        asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
        yield str(path)


@pytest.fixture
async def database_url(template_database: str, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, fully migrated database for one test."""
    if POSTGRES_URL:
        name = f"baucu_t_{uuid.uuid4().hex[:12]}"
        await _pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
        yield make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)
        await _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "test.db"
        shutil.copy(template_database, path)
        yield f"sqlite+aiosqlite:///{path}"


@pytest.fixture
def clock() -> AdjustableClock:
    return AdjustableClock(DEFAULT_NOW, frozen=True)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url, bot_token=None)  # type: ignore[call-arg]


@pytest.fixture
async def services(settings: Settings, clock: AdjustableClock) -> AsyncIterator[Services]:
    engine = create_engine(settings.database_url)
    yield Services(settings=settings, clock=clock, engine=engine, sessionmaker=create_sessionmaker(engine))
    await engine.dispose()


@pytest.fixture
async def offline(services: Services, clock: AdjustableClock):  # type: ignore[no-untyped-def]
    """The real Application polling the in-process emulator; ``offline.say(...)`` acts as a user."""
    from bot.console import offline_bot
    from tests.e2e import Driver

    async with offline_bot(services, clock) as bot:
        yield Driver(bot)
