"""A local Telegram Bot API emulator: the real PTB Application talks to it over HTTP in tests and demos."""

from bot.emulator.emulator import BotApiEmulator
from bot.emulator.faults import FaultKind
from bot.emulator.models import ApiCall, ApiError, OutgoingEvent, UploadedFile

__all__ = ["ApiCall", "ApiError", "BotApiEmulator", "FaultKind", "OutgoingEvent", "UploadedFile"]
