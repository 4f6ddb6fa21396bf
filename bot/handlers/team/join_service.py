"""Invitations: creating one-time codes (CLI) and redeeming them (/start CODE, /join CODE)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.team_codes import (
    FAILURE_WINDOW,
    hash_code,
    new_code,
    normalize_code,
    wait_after_failures,
)
from bot.turn import Turn, esc
from db.models import AdminUnit, Invitation, JoinAttempt, PollingArea, RoleAssignment
from db.queries.team import claim_invitation, holds_role, invitation_by_hash, recent_join_failures
from db.queries.users import audit

Status = Literal["ok", "wait", "wrong", "used", "expired", "already", "already_used"]


def pepper_of(settings: object) -> str:
    secret = getattr(settings, "invite_pepper", None)
    return secret.get_secret_value() if secret is not None else ""


async def create_invitations(
    session: AsyncSession,
    *,
    role: str,
    area_id: int | None,
    unit_id: int | None,
    count: int,
    expires_in: timedelta,
    now: datetime,
    pepper: str = "",
    note: str | None = None,
) -> list[tuple[str, Invitation]]:
    """``count`` new invitations; returns the plain codes (shown once, never stored) with their rows."""
    if role == "team" and area_id is None:
        raise ValueError("a team invitation needs a polling area")
    if role == "chair" and unit_id is None:
        raise ValueError("a chair invitation needs a unit")
    made: list[tuple[str, Invitation]] = []
    seen: set[str] = set()
    while len(made) < count:
        code = new_code()
        if code in seen:
            continue
        seen.add(code)
        inv = Invitation(
            code_hash=hash_code(code, pepper),
            role=role,
            polling_area_id=area_id if role == "team" else None,
            unit_id=unit_id if role == "chair" else None,
            created_at=now,
            expires_at=now + expires_in,
            note=note,
        )
        session.add(inv)
        made.append((code, inv))
    await session.flush()
    return made


@dataclass(frozen=True)
class JoinOutcome:
    status: Status
    invitation: Invitation | None = None
    assignment: RoleAssignment | None = None
    wait_minutes: int = 0


async def redeem(session: AsyncSession, user_id: int, raw: str, now: datetime, pepper: str = "") -> JoinOutcome:
    """Check a typed code and, if it is good, give the user its role (the code is then used up)."""
    failures = await recent_join_failures(session, user_id, now - FAILURE_WINDOW)
    wait = wait_after_failures(failures, now)
    if wait:
        return JoinOutcome("wait", wait_minutes=wait)
    code = normalize_code(raw)
    inv = await invitation_by_hash(session, hash_code(code, pepper)) if code else None
    if inv is None:
        session.add(JoinAttempt(user_id=user_id, at=now))
        await session.flush()
        return JoinOutcome("wrong", wait_minutes=wait_after_failures([*failures, now], now))
    if inv.used_at is not None:
        if inv.used_by == user_id:
            held = await holds_role(session, user_id, inv.role, area_id=inv.polling_area_id, unit_id=inv.unit_id)
            if held is not None:
                return JoinOutcome("already_used", inv, held)
        return JoinOutcome("used", inv)
    if inv.expires_at <= now:
        return JoinOutcome("expired", inv)
    existing = await holds_role(session, user_id, inv.role, area_id=inv.polling_area_id, unit_id=inv.unit_id)
    if existing is not None:
        return JoinOutcome("already", inv, existing)  # the code stays usable for someone else
    if not await claim_invitation(session, inv.id, user_id, now):
        return JoinOutcome("used", inv)
    ra = RoleAssignment(
        user_id=user_id,
        role=inv.role,
        polling_area_id=inv.polling_area_id,
        unit_id=inv.unit_id,
        invitation_id=inv.id,
        created_at=now,
    )
    session.add(ra)
    await session.flush()
    await audit(
        session,
        now,
        user_id,
        "role_granted",
        role=inv.role,
        area_id=inv.polling_area_id,
        unit_id=inv.unit_id,
        invitation_id=inv.id,
        assignment_id=ra.id,
    )
    return JoinOutcome("ok", inv, ra)


async def join_with_code(t: Turn, raw: str) -> bool:
    """Redeem ``raw`` for the user of the turn and answer; True if the user got a role."""
    from bot.handlers.start import show_help

    outcome = await redeem(t.session, t.user.id, raw, t.now, pepper_of(t.services.settings))
    if outcome.status == "wait":
        t.reply(
            t.ngettext(
                "Bạn đã nhập sai mã mời nhiều lần. Vui lòng đợi {n} phút rồi thử lại, và kiểm tra kỹ mã với Ủy ban.",
                "Bạn đã nhập sai mã mời nhiều lần. Vui lòng đợi {n} phút rồi thử lại, và kiểm tra kỹ mã với Ủy ban.",
                outcome.wait_minutes,
            ).format(n=outcome.wait_minutes)
        )
        return False
    if outcome.status == "wrong":
        t.reply(
            t._(
                "Mã mời <b>{code}</b> không đúng. Mã gồm 10 chữ và số, ví dụ: K7QF-M2XP-9A (không phân biệt chữ hoa, "
                "chữ thường). Vui lòng kiểm tra lại mã do Ủy ban nhân dân xã gửi."
            ).format(code=esc(raw.strip()[:40]))
        )
        if outcome.wait_minutes:
            t.reply(
                t._("Bạn đã nhập sai mã quá nhiều lần. Vui lòng đợi {n} phút rồi thử lại.").format(
                    n=outcome.wait_minutes
                )
            )
        return False
    if outcome.status == "used":
        t.reply(t._("Mã mời này đã được dùng. Mỗi mã chỉ dùng được một lần; vui lòng xin Ủy ban một mã mới."))
        return False
    if outcome.status == "expired":
        t.reply(t._("Mã mời này đã hết hạn. Vui lòng xin Ủy ban một mã mới."))
        return False
    inv = outcome.invitation
    assert inv is not None
    place = await _place(t, inv)
    if outcome.status in ("already", "already_used"):
        if inv.role == "team":
            t.reply(t._("Bạn đã là thành viên Tổ bầu cử của {place} rồi.").format(place=place))
        else:
            t.reply(t._("Bạn đã có quyền của Ủy ban bầu cử {place} rồi.").format(place=place))
        if outcome.status == "already":
            t.reply(t._("Mã mời này chưa bị dùng, nên vẫn dùng được cho người khác."))
        return False
    t.forget_roles()
    await t.clear_state()
    if inv.role == "team":
        t.reply(
            t._(
                "✅ Chào mừng bạn! Bạn đã là thành viên Tổ bầu cử của {place}.\n\n"
                "Trong ngày bầu cử, tôi sẽ nhắc bạn mỗi giờ. Bạn có thể:\n"
                "• /baocao 350: báo cáo số cử tri đã bỏ phiếu tính đến giờ đó;\n"
                "• /suco: báo cáo sự cố;\n"
                "• /bienban: nhập biên bản kết quả kiểm phiếu sau khi kiểm phiếu;\n"
                "• /huy: dừng việc đang làm."
            ).format(place=place)
        )
    else:
        t.reply(t._("✅ Bạn đã được cấp quyền của Ủy ban bầu cử {place}.").format(place=place))
    await show_help(t, greeting=False)
    return True


async def _place(t: Turn, inv: Invitation) -> str:
    if inv.polling_area_id is not None:
        area = await t.session.get(PollingArea, inv.polling_area_id)
        commune = await t.session.get(AdminUnit, area.commune_id) if area else None
        if area is not None:
            return t._("{area}, {commune}").format(
                area=f"<b>{esc(area.name)} ({esc(area.code)})</b>", commune=esc(commune.name if commune else "")
            )
    if inv.unit_id is not None:
        unit = await t.session.get(AdminUnit, inv.unit_id)
        if unit is not None:
            return f"<b>{esc(unit.name)}</b>"
    return ""
