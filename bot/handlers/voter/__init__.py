"""The voter assistant: where to vote, candidates, rules and data questions, reminders (issue 3)."""

from __future__ import annotations

from bot.callbacks import encode
from bot.context import BotApplication
from bot.handlers import dispatch
from bot.handlers.voter import candidates, qa, reminders, where
from bot.i18n import N_


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    where.register(app)
    candidates.register(app)
    qa.register(app)
    reminders.register(app)
    services.add_menu("voter", N_("📍 Nơi bỏ phiếu"), encode("where"), 10)
    services.add_menu("voter", N_("🗳 Người ứng cử"), encode("vmine"), 20)
    services.add_menu("voter", N_("❓ Hỏi đáp"), encode("vfaq"), 30)
    services.add_menu("voter", N_("🔔 Nhắc lịch"), encode("vremind"), 40)
    fallbacks = services.caches.setdefault(dispatch.FALLBACKS, {})
    fallbacks["text"] = qa.answer_free_text
    fallbacks["location"] = where.answer_location
