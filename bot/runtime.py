"""Services shared by every handler: settings, clock, database. Built once in ``main`` and passed explicitly."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import Settings

if TYPE_CHECKING:
    from bot.turn import Turn

# A conversation step handler: gets the turn and the user's text, returns True if it consumed the message.
FlowHandler = Callable[["Turn", str], Awaitable[bool]]


@dataclass(frozen=True)
class MenuItem:
    """A button of the /start and /help menu, shown to users holding ``role`` ("voter" means everyone)."""

    role: str
    label: str  # N_-marked Vietnamese msgid
    data: str  # callback data handled by the feature that registered it
    order: int = 50


@dataclass(frozen=True)
class CommandInfo:
    """A bot command for the Telegram command menu, shown to users holding ``role``."""

    command: str
    description: str  # N_-marked Vietnamese msgid
    role: str = "voter"


# Work the scheduler runs on every tick, in its own transaction: (session, services, now) -> None.
Producer = Callable[[AsyncSession, "Services"], Awaitable[None]]


@dataclass
class Services:
    """Everything a handler may use. Holds no per-user state: that lives in the database."""

    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    # name of a conversation flow (users.state["flow"]) -> its text handler; filled by the feature modules
    flows: dict[str, FlowHandler] = field(default_factory=dict)
    # scheduled work, filled by the feature modules; run in order on every tick
    producers: list[tuple[str, Producer]] = field(default_factory=list)
    # derived, rebuildable caches (e.g. the place-name index); never the source of truth
    caches: dict[str, Any] = field(default_factory=dict)
    menu: list[MenuItem] = field(default_factory=list)
    commands: list[CommandInfo] = field(default_factory=list)
    instance_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    # set by the application: asks the scheduler to run soon (e.g. an incident alert must go out at once)
    kick: Callable[[], None] = lambda: None

    def add_flow(self, name: str, handler: FlowHandler) -> None:
        if name in self.flows:
            raise ValueError(f"flow {name!r} registered twice")
        self.flows[name] = handler

    def add_menu(self, role: str, label: str, data: str, order: int = 50) -> None:
        self.menu.append(MenuItem(role, label, data, order))

    def add_command(self, command: str, description: str, role: str = "voter") -> None:
        self.commands.append(CommandInfo(command, description, role))

    def add_producer(self, name: str, producer: Producer) -> None:
        self.producers.append((name, producer))
