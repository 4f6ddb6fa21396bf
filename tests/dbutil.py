"""Fresh databases for tests: SQLite in tmp_path always, PostgreSQL when BAUCU_TEST_POSTGRES_URL is set.

    @pytest.fixture(params=DB_KINDS)
    async def db_url(request, tmp_path):
        async with fresh_database_url(request.param, tmp_path) as url:
            yield url

Each PostgreSQL test gets its own uniquely named database (CREATE DATABASE … / DROP DATABASE … WITH (FORCE)),
so tests never see each other's rows; the schema is created by the Alembic migrations unless ``migrate=False``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES_ENV = "BAUCU_TEST_POSTGRES_URL"


@asynccontextmanager
async def fresh_database_url(kind: str, tmp_path: Path, *, migrate: bool = True) -> AsyncIterator[str]:
    """Yield the URL of an empty database (with the schema at head if ``migrate``); drop it afterwards."""
    from db.migrate import upgrade

    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / f'test-{uuid.uuid4().hex[:8]}.db'}"
        if migrate:
            await upgrade(url)
        yield url
        return
    if kind != "postgres":
        raise ValueError(f"unknown database kind {kind!r}")
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"baucu_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
        try:
            if migrate:
                await upgrade(url)
            yield url
        finally:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()
