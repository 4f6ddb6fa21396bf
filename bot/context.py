"""A typed ``CallbackContext`` giving handlers the shared services (see PTB's contexttypesbot example)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.runtime import Services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Handlers' context: ``context.services``. Per-user state is in the database, not in user_data."""

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]


CONTEXT_TYPES = ContextTypes(context=BotContext)

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]
