"""All handlers, registered in one place; order matters where noted."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.context import BotApplication
from bot.handlers import chair, dispatch, errors, start, team, voter


def register_all(app: BotApplication) -> None:
    """Wire every feature into the application."""
    # team first: its ``/start CODE`` (an invitation link) must be tried before start's plain ``/start``
    team.register(app)
    start.register(app)
    voter.register(app)
    chair.register(app)  # each feature registers its commands, buttons, flows, menu entries and producers

    # last: anything no feature took. Unknown buttons are refused politely; messages go through the flows.
    app.add_handler(CallbackQueryHandler(start.unknown_button))
    app.add_handler(
        MessageHandler(
            (filters.TEXT & ~filters.COMMAND) | filters.LOCATION | filters.PHOTO | filters.Document.ALL,
            dispatch.dispatch_message,
        )
    )
    app.add_handler(MessageHandler(filters.COMMAND, dispatch.unknown_command))
    app.add_error_handler(errors.on_error)
