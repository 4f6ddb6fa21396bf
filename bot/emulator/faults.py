"""Failures injected on demand, answered exactly as Telegram answers them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.emulator.models import ApiError

FaultKind = Literal["retry_after", "server_error", "blocked", "slow", "bad_request"]
FAULT_KINDS: tuple[str, ...] = ("retry_after", "server_error", "blocked", "slow", "bad_request")

# Methods that act on a chat and so fail for a user who blocked the bot.
_CHAT_PREFIXES = ("send", "edit", "delete", "copy", "forward", "pin", "unpin", "stop")

BLOCKED = "Forbidden: bot was blocked by the user"


@dataclass
class Fault:
    kind: FaultKind
    method: str | None
    chat_id: int | None
    remaining: int
    retry_after: int = 1
    delay: float = 1.0
    description: str | None = None
    error_code: int | None = None

    def matches(self, method: str, chat_id: int | str | None) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is None:
            # getUpdates is the bot's heartbeat: failing it by accident would only slow every test down
            if method.lower() == "getupdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or _same_chat(self.chat_id, chat_id)

    def error(self) -> ApiError:
        if self.kind == "retry_after":
            return ApiError(
                429,
                self.description or f"Too Many Requests: retry after {self.retry_after}",
                {"retry_after": self.retry_after},
            )
        if self.kind == "server_error":
            code = self.error_code or 500
            default = "Bad Gateway" if code == 502 else "Internal Server Error"
            return ApiError(code, self.description or default)
        if self.kind == "blocked":
            return ApiError(403, self.description or BLOCKED)
        detail = self.description or "Bad Request: injected fault"
        return ApiError(
            self.error_code or 400, detail if detail.startswith("Bad Request") else f"Bad Request: {detail}"
        )


def _same_chat(a: int | str | None, b: int | str | None) -> bool:
    try:
        return a is not None and b is not None and int(a) == int(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


class FaultBook:
    """The pending faults and the set of users who blocked the bot."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()

    def add(self, fault: Fault) -> None:
        if fault.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {fault.kind!r}; expected one of {FAULT_KINDS}")
        if fault.remaining < 1:
            raise ValueError("count must be at least 1")
        self.faults.append(fault)

    def clear(self) -> None:
        self.faults.clear()
        self.blocked.clear()

    def take(self, method: str, chat_id: int | str | None) -> Fault | None:
        """Consume and return the first fault that matches this call, if any."""
        for fault in self.faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    def blocked_error(self, method: str, chat_id: int | str | None) -> ApiError | None:
        if chat_id is None or not method.lower().startswith(_CHAT_PREFIXES):
            return None
        if any(_same_chat(c, chat_id) for c in self.blocked):
            return ApiError(403, BLOCKED)
        return None
