"""The error handler: log with the traceback, tell the user something useful in their language."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from bot.i18n import get_translator, normalize_language
from db.models import User

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log the error and apologise to the user, without ever raising."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None or isinstance(context.error, Forbidden):
        return
    lang = None
    try:
        async with context.services.sessionmaker() as session:
            user = await session.get(User, update.effective_user.id) if update.effective_user else None
            lang = user.language if user else None
    except SQLAlchemyError:
        log.warning("database unavailable in the error handler")
    if lang is None and update.effective_user:
        lang = normalize_language(update.effective_user.language_code)
    _ = get_translator(lang).gettext
    text = _(
        "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Dữ liệu bạn đã gửi không bị mất; vui lòng thử lại sau ít phút."
    )
    try:
        if update.callback_query:
            await update.callback_query.answer(text[:200], show_alert=True)
        else:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("could not tell the user about the error")
