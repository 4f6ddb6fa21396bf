"""``baucu invite``, ``baucu members``, ``baucu revoke``: invitation codes and roles of teams and chairs."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli import CliError, prepare_database
from bot.config import Settings


def add_commands(sub: Any) -> None:
    p = sub.add_parser("invite", help="print one-time invitation codes and links for polling teams or chairs")
    p.add_argument("--role", required=True, choices=["team", "chair"])
    p.add_argument("--area", help="polling area code (role team)")
    p.add_argument("--unit", help="administrative unit code (role chair)")
    p.add_argument("--count", type=int, default=1, help="how many codes (default 1)")
    p.add_argument("--expires", default="14d", help="validity, e.g. 90m, 36h, 7d (default 14d)")
    p.add_argument("--note", help="a note kept with the invitations (e.g. who gets them)")
    p.set_defaults(func=cmd_invite)

    p = sub.add_parser("members", help="list who holds which role")
    p.add_argument("--area", help="only this polling area")
    p.add_argument("--unit", help="only this unit and everything under it")
    p.set_defaults(func=cmd_members)

    p = sub.add_parser("revoke", help="take a role away")
    p.add_argument("--id", type=int, dest="assignment", help="the assignment id shown by `baucu members`")
    p.add_argument("--user", type=int, help="Telegram user id")
    p.add_argument("--role", choices=["team", "chair"])
    p.add_argument("--area", help="polling area code")
    p.add_argument("--unit", help="unit code")
    p.add_argument("--reason", default="revoked from the command line")
    p.set_defaults(func=cmd_revoke)


async def _session(settings: Settings):  # type: ignore[no-untyped-def]
    from db.session import create_engine, create_sessionmaker

    await prepare_database(settings)
    engine = create_engine(settings.database_url)
    return engine, create_sessionmaker(engine)


async def _area(session: Any, code: str) -> Any:
    from db.queries.elections import active_election
    from db.queries.team import find_area

    election = await active_election(session)
    if election is None:
        raise CliError("no active election in the database; load one with `baucu demo` or `baucu import`")
    area = await find_area(session, election.id, code)
    if area is None:
        raise CliError(f"unknown polling area code {code!r} in the election {election.code}")
    return area


async def _unit(session: Any, code: str) -> Any:
    from db.queries.team import find_unit

    unit = await find_unit(session, code)
    if unit is None:
        raise CliError(f"unknown unit code {code!r}")
    return unit


async def cmd_invite(args: argparse.Namespace, settings: Settings) -> int:
    from bot.clock import SystemClock
    from bot.domain.team_codes import format_code, parse_duration
    from bot.handlers.team.join_service import create_invitations, pepper_of

    try:
        expires_in = parse_duration(args.expires)
    except ValueError as exc:
        raise CliError(f"--expires: {exc}") from None
    if not 1 <= args.count <= 500:
        raise CliError("--count must be between 1 and 500")
    if args.role == "team" and (not args.area or args.unit):
        raise CliError("a team invitation needs --area CODE (and no --unit)")
    if args.role == "chair" and (not args.unit or args.area):
        raise CliError("a chair invitation needs --unit CODE (and no --area)")
    engine, sessionmaker = await _session(settings)
    now = SystemClock().now()
    try:
        async with sessionmaker() as session, session.begin():
            if args.role == "team":
                area = await _area(session, args.area)
                target, area_id, unit_id = f"polling area {area.code} ({area.name})", area.id, None
            else:
                unit = await _unit(session, args.unit)
                target, area_id, unit_id = f"unit {unit.code} ({unit.name})", None, unit.id
            made = await create_invitations(
                session,
                role=args.role,
                area_id=area_id,
                unit_id=unit_id,
                count=args.count,
                expires_in=expires_in,
                now=now,
                pepper=pepper_of(settings),
                note=args.note,
            )
    finally:
        await engine.dispose()
    expires = (now + expires_in).astimezone(settings.tz)
    print(f"{len(made)} {args.role} invitation(s) for {target}, valid until {expires:%Y-%m-%d %H:%M %Z}:")
    for code, _inv in made:
        print(f"{format_code(code)}  https://t.me/{settings.bot_username}?start={code}")
    return 0


async def cmd_members(args: argparse.Namespace, settings: Settings) -> int:
    from db.queries.scope import areas_under, units_under
    from db.queries.team import member_rows

    if args.area and args.unit:
        raise CliError("give --area or --unit, not both")
    engine, sessionmaker = await _session(settings)
    try:
        async with sessionmaker() as session:
            area_ids: list[int] | None = None
            unit_ids: list[int] | None = None
            if args.area:
                area_ids, unit_ids = [(await _area(session, args.area)).id], []
            elif args.unit:
                unit = await _unit(session, args.unit)
                area_ids = list(await session.scalars(areas_under(unit.path)))
                unit_ids = list(await session.scalars(units_under(unit.path)))
            rows = await member_rows(session, area_ids=area_ids, unit_ids=unit_ids)
    finally:
        await engine.dispose()
    if not rows:
        print("nobody holds a role here")
        return 0
    for ra, user, area, unit in rows:
        where = f"area {area.code} ({area.name})" if area else f"unit {unit.code} ({unit.name})" if unit else "-"
        handle = f" @{user.username}" if user.username else ""
        since = ra.created_at.astimezone(settings.tz)
        print(
            f"#{ra.id}  {ra.role:<5}  user {user.id} {user.first_name}{handle}  {where}  since {since:%Y-%m-%d %H:%M}"
        )
    return 0


async def cmd_revoke(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import select

    from bot.clock import SystemClock
    from db.models import RoleAssignment
    from db.queries.users import audit

    if args.assignment is None and args.user is None:
        raise CliError("give --id ASSIGNMENT (see `baucu members`) or --user ID [--role R] [--area CODE | --unit CODE]")
    engine, sessionmaker = await _session(settings)
    now = SystemClock().now()
    try:
        async with sessionmaker() as session, session.begin():
            query = select(RoleAssignment).where(RoleAssignment.revoked_at.is_(None))
            if args.assignment is not None:
                query = query.where(RoleAssignment.id == args.assignment)
            if args.user is not None:
                query = query.where(RoleAssignment.user_id == args.user)
            if args.role:
                query = query.where(RoleAssignment.role == args.role)
            if args.area:
                query = query.where(RoleAssignment.polling_area_id == (await _area(session, args.area)).id)
            if args.unit:
                query = query.where(RoleAssignment.unit_id == (await _unit(session, args.unit)).id)
            found = list(await session.scalars(query))
            if not found:
                raise CliError("no active role matches; see `baucu members`")
            if len(found) > 1:
                ids = ", ".join(f"#{r.id}" for r in found)
                raise CliError(f"{len(found)} roles match ({ids}); narrow with --role, --area, --unit or --id")
            ra = found[0]
            ra.revoked_at = now
            ra.revoked_reason = args.reason[:300]
            await audit(
                session,
                now,
                None,
                "role_revoked",
                assignment_id=ra.id,
                member_id=ra.user_id,
                role=ra.role,
                area_id=ra.polling_area_id,
                unit_id=ra.unit_id,
                reason=ra.revoked_reason,
                via="cli",
            )
    finally:
        await engine.dispose()
    print(f"revoked #{ra.id}: {ra.role} of user {ra.user_id}")
    return 0
