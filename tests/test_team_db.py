"""Invitations and roles on the database: hashes only, single use under a race, expiry, slowdown, the CLI."""

from __future__ import annotations

import argparse
import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from bot.cli import CliError
from bot.cli_team import cmd_invite, cmd_members, cmd_revoke
from bot.config import Settings
from bot.domain.team_codes import format_code, hash_code
from bot.handlers.team.join_service import create_invitations, redeem
from bot.runtime import Services
from db.models import AuditLog, Base, Invitation, JoinAttempt, RoleAssignment
from tests.conftest import backend
from tests.factories import NOW, SmallElection, make_election, make_user


async def _setup(services: Services, *, count: int = 1, expires: timedelta = timedelta(days=14)):  # type: ignore[no-untyped-def]
    async with services.sessionmaker() as s, s.begin():
        se = await make_election(s)
        for uid in (3001, 3002, 3003):
            await make_user(s, uid)
        made = await create_invitations(
            s, role="team", area_id=se.areas[0].id, unit_id=None, count=count, expires_in=expires, now=NOW
        )
    return se, [code for code, _ in made]


async def test_only_hashes_are_stored_and_a_code_works_once(services: Services) -> None:
    se, codes = await _setup(services, count=3)
    async with services.sessionmaker() as s, s.begin():
        outcome = await redeem(s, 3001, format_code(codes[0]).lower(), NOW + timedelta(hours=1))
        assert outcome.status == "ok"
    # the plain codes are nowhere in the database, in any table or column
    async with services.sessionmaker() as s:
        for table in Base.metadata.sorted_tables:
            for row in (await s.execute(select(table))).all():
                dump = repr(tuple(row))
                for code in codes:
                    assert code not in dump and format_code(code) not in dump, table.name
        hashes = set(await s.scalars(select(Invitation.code_hash)))
        assert hashes == {hash_code(c) for c in codes}
        inv = await s.scalar(select(Invitation).where(Invitation.code_hash == hash_code(codes[0])))
        assert inv is not None and inv.used_by == 3001 and inv.used_at is not None
        ra = await s.scalar(select(RoleAssignment).where(RoleAssignment.user_id == 3001))
        assert (
            ra is not None and ra.role == "team" and ra.polling_area_id == se.areas[0].id and ra.invitation_id == inv.id
        )
        granted = (await s.scalars(select(AuditLog).where(AuditLog.action == "role_granted"))).all()
        assert [(a.user_id, a.detail["assignment_id"]) for a in granted] == [(3001, ra.id)]
    async with services.sessionmaker() as s, s.begin():
        assert (await redeem(s, 3002, codes[0], NOW + timedelta(hours=2))).status == "used"
        # the same user with their own used code, and with a second code for the same area: already a member
        assert (await redeem(s, 3001, codes[0], NOW + timedelta(hours=2))).status == "already_used"
        assert (await redeem(s, 3001, codes[1], NOW + timedelta(hours=2))).status == "already"
    async with services.sessionmaker() as s:
        second = await s.scalar(select(Invitation).where(Invitation.code_hash == hash_code(codes[1])))
        assert second is not None and second.used_at is None  # not used up by a user who already had the role
        assert await s.scalar(select(func.count()).select_from(RoleAssignment)) == 1


async def test_two_users_racing_for_one_code_cannot_both_win(services: Services) -> None:
    _se, codes = await _setup(services)

    async def attempt(user_id: int) -> str:
        try:
            async with services.sessionmaker() as s, s.begin():
                if backend() == "sqlite":
                    await s.execute(text("SELECT 1"))
                return (await redeem(s, user_id, codes[0], NOW + timedelta(minutes=5))).status
        except OperationalError:  # SQLite: the loser's write lock times out or its snapshot is stale
            return "lost"

    results = await asyncio.gather(attempt(3001), attempt(3002))
    assert sorted(results).count("ok") == 1, results
    assert set(results) <= {"ok", "used", "lost"}
    async with services.sessionmaker() as s:
        roles = (await s.scalars(select(RoleAssignment))).all()
        assert len(roles) == 1
        inv = await s.scalar(select(Invitation))
        assert inv is not None and inv.used_by == roles[0].user_id


async def test_expiry_follows_the_clock(services: Services) -> None:
    _se, codes = await _setup(services, expires=timedelta(hours=36))
    async with services.sessionmaker() as s, s.begin():
        assert (await redeem(s, 3001, codes[0], NOW + timedelta(hours=36))).status == "expired"
        assert (await redeem(s, 3001, codes[0], NOW + timedelta(hours=35, minutes=59))).status == "ok"


async def test_wrong_codes_are_slowed_down_from_the_database(services: Services) -> None:
    _se, codes = await _setup(services)
    t = NOW + timedelta(hours=1)
    for i in range(5):
        async with services.sessionmaker() as s, s.begin():  # a fresh session each time: nothing in memory
            outcome = await redeem(s, 3003, f"AAAA-BBBB-C{i + 2}", t + timedelta(minutes=i))
            assert outcome.status == "wrong"
    assert outcome.wait_minutes == 11  # five wrong codes from t to t+4: free again at t+15
    async with services.sessionmaker() as s, s.begin():
        # even the right code must wait now, and the wait does not grow while waiting
        waiting = await redeem(s, 3003, codes[0], t + timedelta(minutes=6))
        assert (waiting.status, waiting.wait_minutes) == ("wait", 9)
        assert await s.scalar(select(func.count()).select_from(JoinAttempt)) == 5
    async with services.sessionmaker() as s, s.begin():
        assert (await redeem(s, 3003, codes[0], t + timedelta(minutes=15))).status == "ok"
    async with services.sessionmaker() as s, s.begin():
        # another user is not slowed down by someone else's mistakes
        assert (await redeem(s, 3002, "ZZZZ-ZZZZ-ZZ", t + timedelta(minutes=6))).status == "wrong"


async def test_chair_invitation_gives_the_unit(services: Services) -> None:
    async with services.sessionmaker() as s, s.begin():
        se: SmallElection = await make_election(s)
        await make_user(s, 3010)
        [(code, _inv)] = await create_invitations(
            s, role="chair", area_id=None, unit_id=se.district.id, count=1, expires_in=timedelta(days=1), now=NOW
        )
        outcome = await redeem(s, 3010, code, NOW)
        assert outcome.status == "ok" and outcome.assignment is not None
        assert (outcome.assignment.role, outcome.assignment.unit_id, outcome.assignment.polling_area_id) == (
            "chair",
            se.district.id,
            None,
        )


def _ns(**kw: object) -> argparse.Namespace:
    base = {"role": None, "area": None, "unit": None, "count": 1, "expires": "14d", "note": None}
    base.update(kw)
    return argparse.Namespace(**base)


async def test_cli_invite_members_revoke(
    services: Services, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    async with services.sessionmaker() as s, s.begin():
        se = await make_election(s)
        await make_user(s, 3020, name="Lan")
    assert await cmd_invite(_ns(role="team", area="c1-01", count=2, expires="36h"), settings) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("2 team invitation(s) for polling area C1-01")
    lines = out[1:]
    assert len(lines) == 2
    shown, link = lines[0].split()
    assert link == f"https://t.me/{settings.bot_username}?start={shown.replace('-', '')}"
    async with services.sessionmaker() as s:
        invs = (await s.scalars(select(Invitation))).all()
        assert len(invs) == 2 and {i.polling_area_id for i in invs} == {se.areas[0].id}
        assert all(timedelta(hours=35) < i.expires_at - i.created_at <= timedelta(hours=36) for i in invs)
    async with services.sessionmaker() as s, s.begin():
        assert (await redeem(s, 3020, shown, invs[0].created_at + timedelta(minutes=1))).status == "ok"
    assert await cmd_invite(_ns(role="chair", unit="D1"), settings) == 0
    assert "chair invitation(s) for unit D1" in capsys.readouterr().out

    assert await cmd_members(argparse.Namespace(area="C1-01", unit=None), settings) == 0
    listing = capsys.readouterr().out
    assert "team" in listing and "user 3020 Lan" in listing and "C1-01" in listing
    assert await cmd_members(argparse.Namespace(area=None, unit="C2"), settings) == 0
    assert "nobody holds a role here" in capsys.readouterr().out

    for bad, message in [
        (_ns(role="team", area="NOPE"), "unknown polling area code"),
        (_ns(role="team", area="C1-01", expires="soon"), "--expires"),
        (_ns(role="team", unit="D1"), "needs --area"),
        (_ns(role="chair", unit="XX"), "unknown unit code"),
        (_ns(role="team", area="C1-01", count=0), "--count"),
    ]:
        with pytest.raises(CliError, match=message):
            await cmd_invite(bad, settings)

    revoke = {"assignment": None, "user": None, "role": None, "area": None, "unit": None, "reason": "left the team"}
    with pytest.raises(CliError, match="no active role"):
        await cmd_revoke(argparse.Namespace(**{**revoke, "user": 9999}), settings)
    assert await cmd_revoke(argparse.Namespace(**{**revoke, "user": 3020, "area": "C1-01"}), settings) == 0
    assert "revoked" in capsys.readouterr().out
    async with services.sessionmaker() as s:
        ra = await s.scalar(select(RoleAssignment).where(RoleAssignment.user_id == 3020))
        assert ra is not None and ra.revoked_at is not None and ra.revoked_reason == "left the team"
        logged = await s.scalar(select(AuditLog).where(AuditLog.action == "role_revoked"))
        assert logged is not None and logged.detail["assignment_id"] == ra.id
    with pytest.raises(CliError, match="no active role"):
        await cmd_revoke(argparse.Namespace(**{**revoke, "user": 3020}), settings)
