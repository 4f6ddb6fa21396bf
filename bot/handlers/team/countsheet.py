"""Count sheets: /bienban, the guided entry (typed numbers), the summary, locking and corrections."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, Callback, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.turnout import MAX_COUNT
from bot.handlers.start import button_handler, refuse_button
from bot.i18n import N_
from bot.turn import Turn, open_turn
from db.models import CountSheet

from .common import is_member, message_is_media, pick_area
from .countsheet_service import (
    ask_correction,
    cancel,
    confirm_field,
    fix_field,
    fix_menu,
    lock,
    open_contest,
    show_sheets,
    start_correction,
    typed,
)


async def bienban_command(update: Update, context: BotContext) -> None:
    """/bienban: the count sheets of the area."""
    async with open_turn(update, context.services) as t:
        area_id = await pick_area(t, "sheets")
        if area_id is not None:
            await show_sheets(t, area_id)


async def sheet_flow(t: Turn, text: str) -> bool:
    if message_is_media(t):
        return False
    state = t.state
    sheet_id = state.get("sheet")
    if not isinstance(sheet_id, int):
        await t.clear_state()
        return False
    step = state.get("step")
    if step == "value":
        await typed(t, sheet_id, str(state.get("field") or ""), text, fix=bool(state.get("fix")))
    elif step == "reason":
        await start_correction(t, sheet_id, text)
    elif step == "summary":
        t.reply(
            t._(
                "Vui lòng dùng các nút bên dưới biên bản: xác nhận và khóa, sửa một số, hoặc hủy. Gõ /bienban để xem lại."
            )
        )
    else:
        await t.clear_state()
        return False
    return True


@button_handler
async def sheet_button(t: Turn, cb: Callback) -> None:
    """cs_start, cs_area:A, cs_open:A:C, cs_fixmenu:S, cs_fix:S:I, cs_ok:S:I:V, cs_retype:S, cs_lock:S, cs_cancel:S,
    cs_corr:S."""
    if cb.action == "cs_start":
        cb.expect(0)
        t.answer()
        area_id = await pick_area(t, "sheets")
        if area_id is not None:
            await show_sheets(t, area_id)
        return
    if cb.action in ("cs_area", "cs_open"):
        area_id = cb.int(0)
        if not await is_member(t, area_id):
            await refuse_button(t, "not_member")
            return
        t.answer()
        if cb.action == "cs_area":
            cb.expect(1)
            await show_sheets(t, area_id)
        else:
            await open_contest(t, area_id, cb.expect(2).int(1))
        return
    sheet_id = cb.int(0)
    sheet = await t.session.get(CountSheet, sheet_id)
    if sheet is None or not await is_member(t, sheet.polling_area_id):
        await refuse_button(t, "not_member")
        return
    t.answer()
    if cb.action == "cs_fixmenu":
        cb.expect(1)
        await fix_menu(t, sheet_id)
    elif cb.action == "cs_fix":
        await fix_field(t, sheet_id, cb.expect(2).int(1, maximum=200))
    elif cb.action == "cs_ok":
        cb.expect(3)
        await confirm_field(t, sheet_id, cb.int(1, maximum=200), cb.int(2, maximum=MAX_COUNT))
    elif cb.action == "cs_retype":
        cb.expect(1)
        t.reply(t._("Vui lòng gõ lại số đúng."))
    elif cb.action == "cs_lock":
        cb.expect(1)
        await lock(t, sheet_id)
    elif cb.action == "cs_cancel":
        cb.expect(1)
        await cancel(t, sheet_id)
    elif cb.action == "cs_corr":
        cb.expect(1)
        await ask_correction(t, sheet_id)
    else:
        raise BadCallback(cb.action)


ACTIONS = (
    "cs_start",
    "cs_area",
    "cs_open",
    "cs_fixmenu",
    "cs_fix",
    "cs_ok",
    "cs_retype",
    "cs_lock",
    "cs_cancel",
    "cs_corr",
)


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_flow("sheet", sheet_flow)
    services.add_command("bienban", N_("Nhập biên bản kết quả kiểm phiếu"), role="team")
    services.add_menu("team", N_("📝 Biên bản kiểm phiếu"), encode("cs_start"), 12)
    app.add_handler(CommandHandler(["bienban", "bb"], bienban_command))
    app.add_handler(CallbackQueryHandler(sheet_button, pattern=pattern(*ACTIONS)))
