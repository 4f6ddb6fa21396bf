"""Users and roles. Functions take the session and never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AdminUnit, AuditLog, PollingArea, RoleAssignment, User

LAST_SEEN_PRECISION = timedelta(minutes=5)


@dataclass(frozen=True)
class Role:
    """A role the user holds now: a team member of an area, or a chair of a unit."""

    id: int
    role: str
    polling_area_id: int | None
    unit_id: int | None


async def upsert_user(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    first_name: str,
    username: str | None,
    language: str,
    now: datetime,
) -> User:
    """Load the user, creating it on first contact; Telegram's language applies until the user picks one."""
    user = await session.get(User, user_id)
    if user is None:
        user = User(
            id=user_id,
            chat_id=chat_id,
            first_name=first_name[:200],
            username=username,
            language=language,
            created_at=now,
            last_seen_at=now,
        )
        session.add(user)
        await session.flush()
        return user
    if now - user.last_seen_at > LAST_SEEN_PRECISION:
        # not on every update: a write per message would serialise all users on SQLite's single writer
        user.last_seen_at = now
    user.chat_id = chat_id
    user.first_name = first_name[:200]
    user.username = username
    if user.is_blocked:
        user.is_blocked = False  # they wrote to us, so they unblocked the bot
    if not user.language_chosen:
        user.language = language
    return user


async def active_roles(session: AsyncSession, user_id: int) -> list[Role]:
    rows = await session.execute(
        select(RoleAssignment.id, RoleAssignment.role, RoleAssignment.polling_area_id, RoleAssignment.unit_id)
        .where(RoleAssignment.user_id == user_id, RoleAssignment.revoked_at.is_(None))
        .order_by(RoleAssignment.id)
    )
    return [Role(*row) for row in rows]


async def set_state(session: AsyncSession, user: User, state: dict[str, Any] | None, now: datetime) -> None:
    user.state = state
    user.state_at = now if state else None


async def audit(session: AsyncSession, now: datetime, user_id: int | None, action: str, **detail: Any) -> None:
    """Record a security-relevant event (refused button, role change, correction)."""
    session.add(AuditLog(at=now, user_id=user_id, action=action, detail=detail))


async def unit_chain(session: AsyncSession, unit_id: int) -> list[AdminUnit]:
    """The unit and its ancestors, most specific first."""
    unit = await session.get(AdminUnit, unit_id)
    if unit is None:
        return []
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    units = {u.id: u for u in (await session.scalars(select(AdminUnit).where(AdminUnit.id.in_(ids)))).all()}
    return [units[i] for i in reversed(ids) if i in units]


async def area_unit_path(session: AsyncSession, area_id: int) -> str | None:
    """The path of the commune an area belongs to."""
    return await session.scalar(
        select(AdminUnit.path)
        .join(PollingArea, PollingArea.commune_id == AdminUnit.id)
        .where(PollingArea.id == area_id)
    )


async def mark_blocked(session: AsyncSession, user_id: int) -> None:
    await session.execute(update(User).where(User.id == user_id).values(is_blocked=True))
