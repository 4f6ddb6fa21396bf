"""The area picker (for members of several areas), the team menu entries that need an area, and /huy."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import BadCallback, decode, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.turnout import MAX_COUNT
from bot.handlers.start import refuse_button
from bot.i18n import N_
from bot.turn import open_turn

from .checkin_service import ask_addition, ask_report, show_curve, typed_value
from .common import is_member, pick_area
from .countsheet_service import show_sheets
from .incident_service import start_incident

ACTIONS = {
    "report": ask_report,
    "add": ask_addition,
    "curve": show_curve,
    "incident": start_incident,
    "sheets": show_sheets,
}


async def pick_button(update: Update, context: BotContext) -> None:
    """tm_pick:ACTION:AREA[:VALUE] (an area chosen), tm_menu:ACTION (a menu entry that needs an area)."""
    async with open_turn(update, context.services) as t:
        try:
            cb = decode(update.callback_query.data if update.callback_query else None)
            if cb.action == "tm_menu":
                action = cb.expect(1).token(0, set(ACTIONS))
                t.answer()
                area_id = await pick_area(t, action)
                if area_id is not None:
                    await ACTIONS[action](t, area_id)
                return
            action = cb.token(0, {*ACTIONS, "reportv"})
            area_id = cb.int(1)
            if action == "reportv":
                value = cb.expect(3).int(2, maximum=MAX_COUNT)
            else:
                cb.expect(2)
            if not await is_member(t, area_id):
                await refuse_button(t, "not_member")
                return
            t.answer()
            if action == "reportv":
                await typed_value(t, area_id, str(value))
            else:
                await ACTIONS[action](t, area_id)
        except BadCallback:
            t.replies.clear()
            await refuse_button(t)


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_menu("team", N_("📈 Diễn biến của khu vực"), encode("tm_menu", "curve"), 13)
    app.add_handler(CallbackQueryHandler(pick_button, pattern=pattern("tm_pick", "tm_menu")))
