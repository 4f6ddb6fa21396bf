"""Jurisdiction: which units, areas and people are under an administrative unit. Session first, never commits."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AdminUnit, PollingArea, RoleAssignment, User


def units_under(path: str) -> Select[tuple[int]]:
    """Ids of the unit with ``path`` and of every unit below it."""
    return select(AdminUnit.id).where(AdminUnit.path.startswith(path, autoescape=True))


def areas_under(path: str) -> Select[tuple[int]]:
    """Ids of the polling areas in the unit with ``path`` or below it."""
    return select(PollingArea.id).where(PollingArea.commune_id.in_(units_under(path)))


async def unit_covers_area(session: AsyncSession, unit_id: int, area_id: int) -> bool:
    """True if the polling area lies in the unit or below it."""
    unit_path = await session.scalar(select(AdminUnit.path).where(AdminUnit.id == unit_id))
    area_path = await session.scalar(
        select(AdminUnit.path)
        .join(PollingArea, PollingArea.commune_id == AdminUnit.id)
        .where(PollingArea.id == area_id)
    )
    return bool(unit_path and area_path and area_path.startswith(unit_path))


async def unit_contains(session: AsyncSession, unit_id: int, other_unit_id: int) -> bool:
    """True if ``other_unit_id`` is the unit itself or lies below it."""
    paths = dict(
        (
            await session.execute(
                select(AdminUnit.id, AdminUnit.path).where(AdminUnit.id.in_([unit_id, other_unit_id]))
            )
        ).all()
    )
    return unit_id in paths and other_unit_id in paths and paths[other_unit_id].startswith(paths[unit_id])


async def chairs_for_units(session: AsyncSession, unit_ids: list[int]) -> list[tuple[int, int, int]]:
    """(unit_id, user_id, chat_id) of the active chairs of these units whose users have not blocked the bot."""
    rows = await session.execute(
        select(RoleAssignment.unit_id, User.id, User.chat_id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.role == "chair",
            RoleAssignment.revoked_at.is_(None),
            RoleAssignment.unit_id.in_(unit_ids),
            User.is_blocked.is_(False),
        )
        .order_by(RoleAssignment.unit_id, User.id)
    )
    return [(int(u), int(i), int(c)) for u, i, c in rows]


async def team_members(session: AsyncSession, area_ids: list[int]) -> list[tuple[int, int, int]]:
    """(polling_area_id, user_id, chat_id) of the active team members of these areas."""
    rows = await session.execute(
        select(RoleAssignment.polling_area_id, User.id, User.chat_id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.role == "team",
            RoleAssignment.revoked_at.is_(None),
            RoleAssignment.polling_area_id.in_(area_ids),
            User.is_blocked.is_(False),
        )
        .order_by(RoleAssignment.polling_area_id, User.id)
    )
    return [(int(a), int(i), int(c)) for a, i, c in rows]


def ancestor_ids(path: str) -> list[int]:
    """Unit ids on a path, from the root down: "/1/5/23/" -> [1, 5, 23]."""
    return [int(x) for x in path.strip("/").split("/") if x]
