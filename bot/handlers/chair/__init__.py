"""Election committee chairs: alerts, summaries with charts, exports, announcements and results (issue 5)."""

from __future__ import annotations

from bot.context import BotApplication

from . import alerts, announce, export, results, summary


def register(app: BotApplication) -> None:
    """Every chair feature: commands, buttons, flows, menu entries and scheduled producers."""
    alerts.register(app)
    summary.register(app)
    export.register(app)
    announce.register(app)
    results.register(app)
