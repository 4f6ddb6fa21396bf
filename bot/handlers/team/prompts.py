"""The scheduled prompts to polling teams (a producer run on every tick; idempotent through the outbox keys).

At each slot every active member of an area without a report for that slot gets a prompt (attempt 1); once the
first prompt is ``checkin_grace_minutes`` old and the area still has no report, a second one (attempt 2). At the
closing time the prompt asks for the final figure; after closing, members are asked once to enter the count
sheets. Dedupe keys: ``prompt:{area}:{slot:%Y%m%dT%H%M}:{user}:{attempt}`` and ``sheets:{area}:{user}``.
A member prompted for exactly one area gets the state "checkin" so that a bare number answers the prompt.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import encode
from bot.delivery import Outgoing, enqueue
from bot.domain.slots import current_slot
from bot.i18n import get_translator
from bot.runtime import Services
from bot.turn import Button, esc, markup_to_json
from db.models import User
from db.queries.elections import active_election
from db.queries.team import deliveries_created, members_to_prompt, members_to_prompt_sheets

from .common import election_day

FINAL_PROMPT_HOURS = 3
SHEET_PROMPT_HOURS = 24


def _key(area_id: int, slot: datetime, user_id: int, attempt: int) -> str:
    return f"prompt:{area_id}:{slot:%Y%m%dT%H%M}:{user_id}:{attempt}"


def _prompt(lang: str, tz: str, area: str, area_id: int, slot: datetime, attempt: int, final: bool) -> tuple[str, Any]:
    tr = get_translator(lang, tz)
    _ = tr.gettext
    if final:
        text = _(
            "🔔 {time}: đã hết giờ bỏ phiếu. Vui lòng gõ <b>tổng số cử tri đã bỏ phiếu cả ngày</b> (số cuối cùng) "
            "của {area} để kết thúc bỏ phiếu, ví dụ: 395."
        ).format(time=tr.time(slot), area=esc(area))
    elif attempt == 1:
        text = _(
            "⏰ {time} — {area}: vui lòng báo cáo số cử tri đã bỏ phiếu <b>tính đến {time}</b> (cộng dồn từ lúc "
            "bắt đầu). Gõ số, ví dụ: 350."
        ).format(time=tr.time(slot), area=esc(area))
    else:
        text = _(
            "⏰ Nhắc lại: {area} chưa báo cáo số cử tri đã bỏ phiếu tính đến {time}. Vui lòng gõ số, ví dụ: 350. "
            "Nếu gặp khó khăn, bấm “Báo sự cố”."
        ).format(time=tr.time(slot), area=esc(area))
    buttons = [
        [
            Button(_("📊 Báo cáo số"), encode("tm_pick", "report", area_id)),
            Button(_("⚠️ Báo sự cố"), encode("tm_pick", "incident", area_id)),
        ]
    ]
    return text, markup_to_json(buttons)


async def team_prompts(session: AsyncSession, services: Services) -> None:
    """Producer: check-in prompts (attempts 1 and 2), the final-figure prompt, the count-sheet prompt."""
    now = services.clock.now()
    election = await active_election(session)
    if election is None:
        return
    day = election_day(election)
    slot = current_slot(now, day.slots)
    if slot is None or now > day.closes + timedelta(hours=SHEET_PROMPT_HOURS):
        return
    tz = election.timezone
    final = slot == day.closes
    if not final or now <= day.closes + timedelta(hours=FINAL_PROMPT_HOURS):
        await _checkin_prompts(session, services, election.id, slot, final, now, tz)
    if final:
        await _sheet_prompts(session, election.id, now, tz)


async def _checkin_prompts(
    session: AsyncSession, services: Services, election_id: int, slot: datetime, final: bool, now: datetime, tz: str
) -> None:
    members = await members_to_prompt(session, election_id, slot, final=final)
    if not members:
        return
    grace = timedelta(minutes=services.settings.checkin_grace_minutes)
    existing = await deliveries_created(
        session, [_key(a, slot, u, n) for a, _label, u, _c, _l in members for n in (1, 2)]
    )
    out: list[Outgoing] = []
    prompted: Counter[int] = Counter()
    area_of: dict[int, int] = {}
    for area_id, label, user_id, chat_id, lang in members:
        first = existing.get(_key(area_id, slot, user_id, 1))
        if first is None:
            attempt = 1
        elif first + grace <= now and _key(area_id, slot, user_id, 2) not in existing:
            attempt = 2
        else:
            continue
        text, markup = _prompt(lang, tz, label, area_id, slot, attempt, final)
        out.append(
            Outgoing(
                key=_key(area_id, slot, user_id, attempt),
                kind="prompt",
                user_id=user_id,
                chat_id=chat_id,
                text=text,
                due_at=now,
                reply_markup=markup,
                priority=3,
                ref_id=area_id,
            )
        )
        prompted[user_id] += 1
        area_of[user_id] = area_id
    if not out:
        return
    await enqueue(session, out, now)
    single = [u for u, n in prompted.items() if n == 1]
    if single:
        for user in await session.scalars(select(User).where(User.id.in_(single))):
            state = user.state or {}
            # never break into another conversation (an incident being described, a count sheet, a question);
            # the optional photo/location step of an incident already stored may give way
            if state.get("flow") in (None, "checkin") or (state.get("flow"), state.get("step")) == (
                "incident",
                "extra",
            ):
                user.state = {
                    "flow": "checkin",
                    "step": "value",
                    "area": area_of[user.id],
                    "slot": slot.isoformat(),
                    "chosen": False,
                }
                user.state_at = now


async def _sheet_prompts(session: AsyncSession, election_id: int, now: datetime, tz: str) -> None:
    rows = await members_to_prompt_sheets(session, election_id)
    if not rows:
        return
    keys = [f"sheets:{a}:{u}" for a, _l, u, _c, _lang, _cb in rows]
    existing = await deliveries_created(session, keys)
    out = []
    for area_id, label, user_id, chat_id, lang, closed_by in rows:
        key = f"sheets:{area_id}:{user_id}"
        if key in existing or user_id == closed_by:
            continue
        _ = get_translator(lang, tz).gettext
        text = _(
            "📝 {area} đã kết thúc bỏ phiếu. Sau khi kiểm phiếu xong, vui lòng nhập biên bản kết quả kiểm phiếu "
            "của từng cuộc bầu cử."
        ).format(area=esc(label))
        markup = markup_to_json([[Button(_("📝 Nhập biên bản kiểm phiếu"), encode("cs_area", area_id))]])
        out.append(
            Outgoing(key, "prompt", user_id, chat_id, text, now, reply_markup=markup, priority=4, ref_id=area_id)
        )
    await enqueue(session, out, now)
