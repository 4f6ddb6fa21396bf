"""Engine and session factory. Query functions take an ``AsyncSession`` and never commit; callers commit once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


class DatabaseUrlError(ValueError):
    """DATABASE_URL cannot be used; the message says how to fix it."""


def check_url(url: str) -> None:
    """Raise ``DatabaseUrlError`` with a one-line explanation if ``url`` is not a usable async URL."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUrlError(
            f"DATABASE_URL {url!r} is not a database URL; use e.g. sqlite+aiosqlite:///baucu.db "
            "or postgresql+asyncpg://user@host:5432/dbname"
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(f"DATABASE_URL uses {parsed.get_backend_name()!r}; only SQLite and PostgreSQL work")
    if parsed.get_driver_name() not in ("aiosqlite", "asyncpg"):
        raise DatabaseUrlError(
            f"DATABASE_URL uses the driver {parsed.get_driver_name()!r}; use sqlite+aiosqlite:// or postgresql+asyncpg://"
        )


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys, WAL and a busy timeout so several tasks can share the file.

    The pools have no overflow: up to 64 updates are handled at once, and connections opened above the pool size
    would be closed again on return, so under load every such update paid for a new connection (for aiosqlite a new
    thread, for asyncpg a new server process); updates wait for a pooled connection instead
    (``python -m bench.run --floor`` measures the difference).
    """
    check_url(url)
    memory = url.startswith("sqlite") and (":memory:" in url or url.rstrip("/").endswith("sqlite+aiosqlite:"))
    if not memory:  # an in-memory database has one connection (StaticPool), nothing to size
        kwargs.setdefault("max_overflow", 0)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30})
        if not memory:
            kwargs.setdefault("pool_size", 8)  # one writer at a time anyway; readers share the GIL
    else:
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("pool_size", 20)
    engine = create_async_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
