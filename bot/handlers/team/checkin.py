"""Turnout check-ins: /baocao [N], a bare number after the bot asked, /bosung, /bieudo, and their buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, decode, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.team_checkin import slot_from_token
from bot.domain.turnout import MAX_COUNT
from bot.handlers.start import refuse_button
from bot.i18n import N_
from bot.turn import Turn, open_turn
from db.models import PollingArea

from .checkin_service import (
    addition_count,
    addition_reason,
    ask_addition,
    ask_fix_final,
    ask_report,
    load_area_day,
    show_curve,
    submit,
    typed_value,
)
from .common import is_member, message_is_media, pick_area, refuse_area, team_area_ids

MIN_REASON = 3


async def _area_from_code(t: Turn, code: str) -> PollingArea | None:
    """``/baocao C1-02 350``: an area named by its code (in the election of one of the user's areas)."""
    from sqlalchemy import func, select

    return await t.session.scalar(
        select(PollingArea).where(func.upper(PollingArea.code) == code.upper()[:32]).order_by(PollingArea.id.desc())
    )


async def baocao_command(update: Update, context: BotContext) -> None:
    """/baocao, /baocao 350, /baocao C1-01 350."""
    async with open_turn(update, context.services) as t:
        args = list(context.args or [])
        if not await team_area_ids(t):
            from .common import explain_join

            await explain_join(t)
            return
        if args and not args[0][:1].isdigit():
            area = await _area_from_code(t, args[0])
            if area is not None:
                if not await is_member(t, area.id):
                    await refuse_area(t, area.id, "report_command")
                    return
                args = args[1:]
                if args:
                    await typed_value(t, area.id, " ".join(args))
                else:
                    await ask_report(t, area.id)
                return
        text = " ".join(args)
        ids = await team_area_ids(t)
        if len(ids) == 1:
            if text:
                await typed_value(t, ids[0], text)
            else:
                await ask_report(t, ids[0])
            return
        from bot.domain.problems import Problem
        from bot.domain.turnout import parse_count

        from .common import render

        value = parse_count(text) if text else None
        if isinstance(value, Problem):
            t.reply(render(t, value))
            return
        if value is None:
            await pick_area(t, "report")
        else:
            await pick_area(t, "reportv", value)


async def bosung_command(update: Update, context: BotContext) -> None:
    """/bosung: voters added to the area's list on election day."""
    async with open_turn(update, context.services) as t:
        area_id = await pick_area(t, "add")
        if area_id is not None:
            await ask_addition(t, area_id)


async def bieudo_command(update: Update, context: BotContext) -> None:
    """/bieudo: the area's turnout curve."""
    async with open_turn(update, context.services) as t:
        area_id = await pick_area(t, "curve")
        if area_id is not None:
            await show_curve(t, area_id)


async def checkin_flow(t: Turn, text: str) -> bool:
    """Typed steps of the check-in flow (the bot asked for a number, a reason, voters added)."""
    if message_is_media(t):
        return False
    state = t.state
    area_id, step = state.get("area"), state.get("step")
    if not isinstance(area_id, int):
        await t.clear_state()
        return False
    if not await is_member(t, area_id):
        await refuse_area(t, area_id, "checkin_flow")
        await t.clear_state()
        return True
    if step == "value":
        await typed_value(t, area_id, text, state.get("slot"), chosen=bool(state.get("chosen")))
    elif step == "addcount":
        await addition_count(t, area_id, text)
    elif step == "addreason":
        await addition_reason(t, area_id, text)
    elif step == "fixreason":
        reason = " ".join(text.split())[:500]
        if len(reason) < MIN_REASON:
            t.reply(t._("Lý do quá ngắn. Vui lòng ghi rõ vì sao cần sửa số cuối cùng."))
            return True
        await t.set_state("checkin", step="fixvalue", area=area_id, reason=reason)
        t.reply(t._("Vui lòng gõ số cuối cùng đúng: tổng số cử tri đã bỏ phiếu cả ngày."))
    elif step == "fixvalue":
        from bot.domain.problems import Problem
        from bot.domain.turnout import parse_count

        from .common import render

        ad = await load_area_day(t, area_id)
        value = parse_count(text)
        if ad is None:
            await t.clear_state()
            return True
        if isinstance(value, Problem):
            t.reply(render(t, value))
            return True
        await submit(t, ad, value, ad.day.closes, confirmed=False, reason=str(state.get("reason") or ""))
    else:
        await t.clear_state()
        return False
    return True


async def checkin_button(update: Update, context: BotContext) -> None:
    """ci_start, ci_slot:A:S, ci_val:A:S:V:C, ci_retype:A, ci_add:A, ci_curve:A, ci_fixfinal:A."""
    async with open_turn(update, context.services) as t:
        try:
            cb = decode(update.callback_query.data if update.callback_query else None)
            if cb.action == "ci_start":
                cb.expect(0)
                t.answer()
                area_id = await pick_area(t, "report")
                if area_id is not None:
                    await ask_report(t, area_id)
                return
            area_id = cb.int(0)
            if not await is_member(t, area_id):
                await refuse_button(t, "not_member")
                return
            t.answer()
            if cb.action == "ci_slot":
                cb.expect(2)
                ad = await load_area_day(t, area_id)
                slot = slot_from_token(cb.token(1), ad.day.slots) if ad else None
                if slot is None:
                    raise BadCallback("slot")
                await ask_report(t, area_id, slot)
            elif cb.action == "ci_val":
                cb.expect(4)
                value = cb.int(2, maximum=MAX_COUNT)
                confirmed = bool(cb.int(3, maximum=1))
                ad = await load_area_day(t, area_id)
                slot = slot_from_token(cb.token(1), ad.day.slots) if ad else None
                if ad is None or slot is None:
                    raise BadCallback("slot")
                state = t.state
                reason = None
                if state.get("step") == "fixvalue" and state.get("area") == area_id and slot == ad.day.closes:
                    reason = str(state.get("reason") or "")
                await submit(t, ad, value, slot, confirmed=confirmed, reason=reason)
            elif cb.action == "ci_retype":
                cb.expect(1)
                t.reply(t._("Vui lòng gõ lại số đúng."))
            elif cb.action == "ci_add":
                cb.expect(1)
                await ask_addition(t, area_id)
            elif cb.action == "ci_curve":
                cb.expect(1)
                await show_curve(t, area_id)
            elif cb.action == "ci_fixfinal":
                cb.expect(1)
                await ask_fix_final(t, area_id)
            else:
                raise BadCallback(cb.action)
        except BadCallback:
            t.replies.clear()
            await refuse_button(t)


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_flow("checkin", checkin_flow)
    services.add_command("baocao", N_("Báo cáo số cử tri đã bỏ phiếu"), role="team")
    services.add_command("bosung", N_("Bổ sung cử tri vào danh sách trong ngày bầu cử"), role="team")
    services.add_command("bieudo", N_("Xem diễn biến số cử tri đã bỏ phiếu của khu vực"), role="team")
    services.add_menu("team", N_("📊 Báo cáo số cử tri"), encode("ci_start"), 10)
    app.add_handler(CommandHandler(["baocao", "bc"], baocao_command))
    app.add_handler(CommandHandler("bosung", bosung_command))
    app.add_handler(CommandHandler(["bieudo", "dienbien"], bieudo_command))
    app.add_handler(
        CallbackQueryHandler(
            checkin_button,
            pattern=pattern("ci_start", "ci_slot", "ci_val", "ci_retype", "ci_add", "ci_curve", "ci_fixfinal"),
        )
    )
