"""Incidents: /suco, category buttons, the description, photo and location, updates and resolution."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, decode, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.team_incidents import CATEGORIES
from bot.handlers.start import refuse_button
from bot.i18n import N_
from bot.turn import Turn, open_turn

from .common import is_member, pick_area, refuse_area
from .incident_service import (
    add_update,
    ask_update,
    choose_category,
    description,
    extra,
    finish,
    resolve,
    start_incident,
)


async def suco_command(update: Update, context: BotContext) -> None:
    """/suco: report an incident, or update one."""
    async with open_turn(update, context.services) as t:
        area_id = await pick_area(t, "incident")
        if area_id is not None:
            await start_incident(t, area_id)


async def incident_flow(t: Turn, text: str) -> bool:
    state = t.state
    step = state.get("step")
    if step == "desc":
        area_id = state.get("area")
        if not isinstance(area_id, int) or not await is_member(t, area_id):
            await refuse_area(t, area_id if isinstance(area_id, int) else None, "incident_flow")
            await t.clear_state()
            return True
        message = t.update.effective_message
        if message and message.location:
            t.reply(t._("Vui lòng gõ mô tả sự việc trước; sau đó bạn có thể gửi vị trí."))
            return True
        await description(t, area_id, str(state.get("category") or "other"))
        return True
    incident_id = state.get("incident")
    if not isinstance(incident_id, int):
        await t.clear_state()
        return False
    if step == "extra":
        await extra(t, incident_id)
        return True
    if step == "update":
        await add_update(t, incident_id)
        return True
    await t.clear_state()
    return False


async def incident_button(update: Update, context: BotContext) -> None:
    """inc_start, inc_cat:A:CODE, inc_done:I, inc_upd:I, inc_res:I."""
    async with open_turn(update, context.services) as t:
        try:
            cb = decode(update.callback_query.data if update.callback_query else None)
            if cb.action == "inc_start":
                cb.expect(0)
                t.answer()
                area_id = await pick_area(t, "incident")
                if area_id is not None:
                    await start_incident(t, area_id)
                return
            if cb.action == "inc_cat":
                cb.expect(2)
                area_id = cb.int(0)
                category = cb.token(1, set(CATEGORIES))
                if not await is_member(t, area_id):
                    await refuse_button(t, "not_member")
                    return
                t.answer()
                await choose_category(t, area_id, category)
                return
            incident_id = cb.expect(1).int(0)
            handler = {"inc_done": finish, "inc_upd": ask_update, "inc_res": resolve}.get(cb.action)
            if handler is None:
                raise BadCallback(cb.action)
            from db.models import Incident

            incident = await t.session.get(Incident, incident_id)
            if incident is None or not await is_member(t, incident.polling_area_id):
                await refuse_button(t, "not_member")
                return
            t.answer()
            await handler(t, incident_id)
        except BadCallback:
            t.replies.clear()
            await refuse_button(t)


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_flow("incident", incident_flow)
    services.add_command("suco", N_("Báo cáo sự cố tại khu vực bỏ phiếu"), role="team")
    services.add_menu("team", N_("⚠️ Báo sự cố"), encode("inc_start"), 11)
    app.add_handler(CommandHandler(["suco", "sc"], suco_command))
    app.add_handler(
        CallbackQueryHandler(incident_button, pattern=pattern("inc_start", "inc_cat", "inc_done", "inc_upd", "inc_res"))
    )
