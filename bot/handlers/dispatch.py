"""Messages that are not commands: routed by the user's stored conversation step, else to the feature fallbacks.

Conversation steps live in ``users.state`` (not in process memory), so any process can take the next message.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import BotContext
from bot.domain.text import clip_message
from bot.turn import Turn, open_turn

log = logging.getLogger(__name__)

# "text", "location", "photo": set by features (the voter assistant answers free text and locations)
FALLBACKS = "fallbacks"


def message_kind(update: Update) -> str:
    message = update.effective_message
    if message is None:
        return "other"
    if message.location:
        return "location"
    if message.photo or message.document:
        return "photo"
    if message.text is not None:
        return "text"
    return "other"


async def dispatch_message(update: Update, context: BotContext) -> None:
    """Give the message to the user's current flow, then to the fallback for its kind."""
    services = context.services
    message = update.effective_message
    kind = message_kind(update)
    text = clip_message((message.text or message.caption or "") if message else "")
    async with open_turn(update, services) as t:
        flow = t.state.get("flow")
        handler = services.flows.get(flow) if flow else None
        if handler is not None and await handler(t, text):
            return
        if flow and handler is None:
            await t.clear_state()  # a flow that no longer exists (e.g. after an upgrade)
        fallback = services.caches.get(FALLBACKS, {}).get(kind)
        if fallback is not None and await fallback(t, text):
            return
        await not_understood(t, kind)


async def not_understood(t: Turn, kind: str) -> None:
    if kind == "text":
        t.reply(t._("Xin lỗi, tôi chưa hiểu câu hỏi. Bạn thử hỏi ngắn gọn hơn, hoặc gõ /help để xem các chức năng."))
    else:
        t.reply(t._("Tôi chưa xử lý được loại tin nhắn này. Gõ /help để xem các chức năng."))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command no feature knows."""
    async with open_turn(update, context.services) as t:
        t.reply(t._("Tôi không biết lệnh này. Gõ /help để xem các lệnh có thể dùng."))
