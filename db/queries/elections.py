"""Election data look-ups. Functions take the session and never commit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Election


async def active_election(session: AsyncSession) -> Election | None:
    """The election the bot serves now: the active one with the latest date."""
    return await session.scalar(
        select(Election).where(Election.is_active.is_(True)).order_by(Election.election_date.desc(), Election.id.desc())
    )
