"""Polling teams (Tổ bầu cử): joining with a code, hourly turnout check-ins, incidents, count sheets, prompts."""

from __future__ import annotations

from bot.context import BotApplication

from . import checkin, countsheet, incident, join, pick, prompts


def register(app: BotApplication) -> None:
    """Register every team feature. Must run before ``start.register``: ``/start CODE`` is taken here first."""
    services = app.bot_data["services"]
    join.register(app)
    checkin.register(app)
    incident.register(app)
    countsheet.register(app)
    pick.register(app)
    services.add_producer("team_prompts", prompts.team_prompts)
