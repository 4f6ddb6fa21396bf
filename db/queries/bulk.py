"""Bulk writes that behave the same on SQLite and PostgreSQL. Session first, never commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

CHUNK = 1000


async def insert_ignore(session: AsyncSession, model: Any, rows: Sequence[dict[str, Any]], key: str) -> int:
    """Insert rows whose unique ``key`` is new (existing ones are left alone); returns how many were added."""
    if not rows:
        return 0
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    added = 0
    for start in range(0, len(rows), CHUNK):
        stmt = insert(model).values(list(rows[start : start + CHUNK])).on_conflict_do_nothing(index_elements=[key])
        result = await session.execute(stmt)
        added += max(result.rowcount or 0, 0)  # type: ignore[attr-defined]
    return added
