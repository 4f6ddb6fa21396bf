"""A small driver for end-to-end tests: act as users, get back what the bot sent (as the JSONL console does)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.console import OfflineBot, act, event_to_json


class Driver:
    def __init__(self, bot: OfflineBot) -> None:
        self.bot = bot

    @property
    def emulator(self):  # type: ignore[no-untyped-def]
        return self.bot.emulator

    @property
    def services(self):  # type: ignore[no-untyped-def]
        return self.bot.services

    async def send(self, obj: dict[str, Any]) -> list[dict[str, Any]]:
        mark = len(self.bot.emulator.outgoing())
        await act(self.bot, obj)
        return [event_to_json(e) for e in self.bot.emulator.outgoing(since=mark)]

    async def say(self, user: int, text: str, **kw: Any) -> list[dict[str, Any]]:
        return await self.send({"user": user, "text": text, **kw})

    async def press(self, user: int, label: str) -> list[dict[str, Any]]:
        return await self.send({"user": user, "press": label})

    async def location(self, user: int, lat: float, lon: float) -> list[dict[str, Any]]:
        return await self.send({"user": user, "location": [lat, lon]})

    async def photo(self, user: int, caption: str | None = None) -> list[dict[str, Any]]:
        return await self.send({"user": user, "photo": True, **({"caption": caption} if caption else {})})

    async def clock(self, instant: str | datetime) -> list[dict[str, Any]]:
        value = instant.isoformat() if isinstance(instant, datetime) else instant
        return await self.send({"clock": value})

    async def press_data(self, user: int, data: str) -> list[dict[str, Any]]:
        """Press a button with raw (possibly forged) callback data."""
        mark = len(self.bot.emulator.outgoing())
        update_id = self.bot.emulator.press_data(user, data)
        await self.bot.settle(update_id)
        return [event_to_json(e) for e in self.bot.emulator.outgoing(since=mark)]


def texts(events: list[dict[str, Any]]) -> str:
    """Everything the bot wrote, joined (for assertions)."""
    return "\n".join(e.get("text", "") for e in events)


def buttons(events: list[dict[str, Any]]) -> list[str]:
    return [label for e in events for row in e.get("buttons", []) for label in row]
