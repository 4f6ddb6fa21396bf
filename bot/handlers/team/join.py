"""Joining a polling team or an election committee with a one-time code: /start CODE (the t.me link), /join CODE."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.context import BotApplication, BotContext
from bot.i18n import N_
from bot.turn import Turn, open_turn

from .join_service import join_with_code

# /start with a payload shaped like a code (letters and digits, dashes allowed); other deep links go to /start.
START_WITH_CODE = filters.Regex(re.compile(r"^/start(?:@\w+)?\s+[A-Za-z0-9][A-Za-z0-9\- ]{5,30}\s*$"))


async def join_start(update: Update, context: BotContext) -> None:
    """/start CODE: the invitation link t.me/<bot>?start=CODE."""
    async with open_turn(update, context.services) as t:
        await join_with_code(t, " ".join(context.args or []))


async def join_command(update: Update, context: BotContext) -> None:
    """/join CODE (or /join, then the code)."""
    async with open_turn(update, context.services) as t:
        raw = " ".join(context.args or []).strip()
        if raw:
            await t.clear_state()
            await join_with_code(t, raw)
            return
        await t.set_state("join")
        t.reply(t._("Vui lòng gõ mã mời bạn nhận được từ Ủy ban, ví dụ: K7QF-M2XP-9A."))


async def join_flow(t: Turn, text: str) -> bool:
    """The code typed after a bare /join."""
    await t.clear_state()
    await join_with_code(t, text)
    return True


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_command("join", N_("Tham gia Tổ bầu cử bằng mã mời"))
    services.add_flow("join", join_flow)
    app.add_handler(CommandHandler("start", join_start, has_args=True, filters=START_WITH_CODE))
    app.add_handler(CommandHandler(["join", "thamgia"], join_command))
