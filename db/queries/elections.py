"""Election data look-ups. Functions take the session and never commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Constituency, Contest, Election


async def active_election(session: AsyncSession) -> Election | None:
    """The election the bot serves now: the active one with the latest date."""
    return await session.scalar(
        select(Election).where(Election.is_active.is_(True)).order_by(Election.election_date.desc(), Election.id.desc())
    )


async def constituencies_with(
    session: AsyncSession, election_id: int, *criteria: Any
) -> list[tuple[Constituency, Contest]]:
    """The election's constituencies (with their contest) meeting ``criteria``, in ballot order, then by number."""
    rows = await session.execute(
        select(Constituency, Contest)
        .join(Contest, Contest.id == Constituency.contest_id)
        .where(Constituency.election_id == election_id, *criteria)
        .order_by(Contest.ballot_order, Contest.id, Constituency.number)
    )
    return [(k, c) for k, c in rows]
