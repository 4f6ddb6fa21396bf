"""The migration stairway: every revision up, down and up again, on the configured database."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from db.migrate import alembic_config, current_revision, downgrade, ensure_schema, head_revision, upgrade
from db.models import Base
from db.session import create_engine
from tests.conftest import POSTGRES_URL, _pg_exec


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.fixture
async def empty_url(tmp_path: Path):
    if POSTGRES_URL:
        import uuid

        name = f"baucu_stair_{uuid.uuid4().hex[:10]}"
        await _pg_exec(f'CREATE DATABASE "{name}"')
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        await _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}"


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda c: inspect(c).get_table_names())) - {"alembic_version"}
    finally:
        await engine.dispose()


async def test_stairway(empty_url: str) -> None:
    """Each revision upgrades, downgrades back to its parent, and upgrades again."""
    revs = revisions()
    assert len(revs) >= 2
    previous = "base"
    for rev in revs:
        await upgrade(empty_url, rev)
        after_up = await _tables(empty_url)
        await downgrade(empty_url, previous)
        await upgrade(empty_url, rev)
        assert await _tables(empty_url) == after_up
        previous = rev
    assert await _tables(empty_url) == set(Base.metadata.tables)
    await downgrade(empty_url, "base")
    assert await _tables(empty_url) == set()


async def test_migrations_match_models(empty_url: str) -> None:
    """The models and the migrations describe the same schema (no change left out of a migration)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    await upgrade(empty_url)
    engine = create_engine(empty_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": False}), Base.metadata)
            )
    finally:
        await engine.dispose()
    assert diff == []


async def test_ensure_schema_upgrades_once(empty_url: str) -> None:
    engine = create_engine(empty_url)
    try:
        assert await current_revision(engine) is None
        assert await ensure_schema(engine) is True
        assert await current_revision(engine) == head_revision()
        assert await ensure_schema(engine) is False
        async with engine.connect() as conn:
            assert (await conn.execute(text("select count(*) from elections"))).scalar() == 0
    finally:
        await engine.dispose()
