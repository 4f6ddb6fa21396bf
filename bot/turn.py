"""One update, one unit of work: a database transaction, the user's row and language, and the replies.

Replies are collected during the transaction and sent after it commits, so a failed update sends nothing
half-done and no transaction stays open while Telegram answers.
"""

from __future__ import annotations

import html
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.i18n import Translator, get_translator, normalize_language
from bot.runtime import Services
from db.models import User
from db.queries.users import Role, active_roles, audit, set_state, upsert_user

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096


def esc(value: object) -> str:
    """Escape anything user-supplied or from the database before it goes into an HTML message."""
    return html.escape(str(value), quote=False)


@dataclass(frozen=True)
class Button:
    label: str
    data: str | None = None
    url: str | None = None


Buttons = Sequence[Sequence[Button]]


def inline_markup(buttons: Buttons | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows = [
        [
            InlineKeyboardButton(b.label, url=b.url) if b.url else InlineKeyboardButton(b.label, callback_data=b.data)
            for b in row
        ]
        for row in buttons
        if row
    ]
    return InlineKeyboardMarkup(rows)


def markup_to_json(buttons: Buttons | None) -> dict[str, Any] | None:
    """Inline buttons as stored in the outbox (``deliveries.reply_markup``)."""
    markup = inline_markup(buttons)
    return markup.to_dict() if markup else None


@dataclass
class Reply:
    kind: Literal["text", "edit", "location", "venue", "photo", "document", "answer", "commands"]
    text: str = ""
    buttons: Buttons | None = None
    keyboard: Sequence[Sequence[str]] | None = None
    remove_keyboard: bool = False
    parse_mode: str | None = ParseMode.HTML
    location_request: str | None = None  # label of a reply-keyboard button that shares the user's location
    latitude: float | None = None
    longitude: float | None = None
    title: str = ""
    data: bytes | None = None
    filename: str | None = None
    alert: bool = False
    commands: Sequence[tuple[str, str]] = ()


@dataclass
class Turn:
    """What a handler works with while handling one update."""

    update: Update
    services: Services
    session: AsyncSession
    user: User
    tr: Translator
    now: datetime
    replies: list[Reply] = field(default_factory=list)
    _roles: list[Role] | None = None

    # --- language -----------------------------------------------------------------------------------------
    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.tr.ngettext(singular, plural, n)

    @property
    def lang(self) -> str:
        return self.tr.lang

    # --- roles and state ----------------------------------------------------------------------------------
    async def roles(self) -> list[Role]:
        if self._roles is None:
            self._roles = await active_roles(self.session, self.user.id)
        return self._roles

    def forget_roles(self) -> None:
        self._roles = None

    @property
    def state(self) -> dict[str, Any]:
        return dict(self.user.state or {})

    async def set_state(self, flow: str | None, **data: Any) -> None:
        await set_state(self.session, self.user, {"flow": flow, **data} if flow else None, self.now)

    async def clear_state(self) -> None:
        await set_state(self.session, self.user, None, self.now)

    async def audit(self, action: str, **detail: Any) -> None:
        await audit(self.session, self.now, self.user.id, action, **detail)

    # --- replies --------------------------------------------------------------------------------------------
    def reply(
        self,
        text: str,
        buttons: Buttons | None = None,
        *,
        keyboard: Sequence[Sequence[str]] | None = None,
        remove_keyboard: bool = False,
        html_mode: bool = True,
        location_request: str | None = None,
    ) -> None:
        """Queue a message; ``text`` is HTML whose user-supplied parts were passed through ``esc``.

        ``location_request`` adds a reply-keyboard button with that label which shares the user's location.
        """
        for chunk in split_message(text):
            self.replies.append(
                Reply(
                    "text",
                    chunk,
                    buttons=None,
                    keyboard=keyboard,
                    remove_keyboard=remove_keyboard,
                    parse_mode=ParseMode.HTML if html_mode else None,
                    location_request=location_request,
                )
            )
        self.replies[-1].buttons = buttons

    def edit(self, text: str, buttons: Buttons | None = None) -> None:
        """Replace the message whose button was pressed (falls back to a new message)."""
        self.replies.append(Reply("edit", text, buttons=buttons))

    def answer(self, text: str = "", *, alert: bool = False) -> None:
        """The small notice on a button press."""
        self.replies.append(Reply("answer", text, alert=alert, parse_mode=None))

    def location(self, latitude: float, longitude: float, title: str = "", address: str = "") -> None:
        kind: Literal["venue", "location"] = "venue" if title else "location"
        self.replies.append(Reply(kind, address, latitude=latitude, longitude=longitude, title=title))

    async def refresh_commands(self) -> None:
        """Give this chat a command menu with the commands of the user's roles, in the user's language."""
        roles = {"voter"} | {r.role for r in await self.roles()}
        commands = [(c.command, self._(c.description)[:256]) for c in self.services.commands if c.role in roles]
        self.replies.append(Reply("commands", commands=commands if roles != {"voter"} else ()))

    def photo(self, data: bytes, caption: str = "", filename: str = "chart.png") -> None:
        self.replies.append(Reply("photo", caption, data=data, filename=filename))

    def document(self, data: bytes, filename: str, caption: str = "") -> None:
        self.replies.append(Reply("document", caption, data=data, filename=filename))


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split a long text at line breaks so that every part fits into one Telegram message."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _telegram_language(update: Update, default: str) -> str:
    user = update.effective_user
    return normalize_language(user.language_code) if user and user.language_code else default


@asynccontextmanager
async def open_turn(update: Update, services: Services) -> AsyncIterator[Turn]:
    """Open the transaction for one update; replies are sent after it commits."""
    tg_user = update.effective_user
    chat = update.effective_chat
    if tg_user is None or chat is None:
        raise RuntimeError("update without a user")
    now = services.clock.now()
    async with services.sessionmaker() as session:
        async with session.begin():
            user = await upsert_user(
                session,
                user_id=tg_user.id,
                chat_id=chat.id,
                first_name=tg_user.first_name or "",
                username=tg_user.username,
                language=_telegram_language(update, services.settings.default_language),
                now=now,
            )
            turn = Turn(update, services, session, user, get_translator(user.language, services.settings.timezone), now)
            yield turn
    await send_replies(turn)


async def send_replies(turn: Turn) -> None:
    update, bot = turn.update, turn.update.get_bot()
    chat_id = turn.user.chat_id
    query = update.callback_query
    answered = False
    for r in turn.replies:
        if r.kind == "answer":
            if query and not answered:
                await query.answer(r.text[:200] or None, show_alert=r.alert)
                answered = True
            continue
        if r.kind == "edit" and query and isinstance(query.message, Message):
            try:
                await query.message.edit_text(
                    r.text,
                    parse_mode=r.parse_mode,
                    reply_markup=inline_markup(r.buttons),
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
                continue
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    continue
                log.info("edit failed (%s); sending a new message", exc)
        await send_one(bot, chat_id, r)
    if query and not answered:
        await query.answer()


async def send_one(bot: Bot, chat_id: int, r: Reply) -> Message | None:
    if r.kind in ("text", "edit"):
        markup: Any = inline_markup(r.buttons)
        if markup is None and (r.keyboard or r.location_request):
            rows = [[KeyboardButton(label) for label in row] for row in r.keyboard or ()]
            if r.location_request:
                rows.insert(0, [KeyboardButton(r.location_request, request_location=True)])
            markup = ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=bool(r.location_request))
        elif markup is None and r.remove_keyboard:
            markup = ReplyKeyboardRemove()
        return await bot.send_message(
            chat_id,
            r.text,
            parse_mode=r.parse_mode,
            reply_markup=markup,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    if r.kind == "commands":
        scope = BotCommandScopeChat(chat_id)
        if r.commands:
            await bot.set_my_commands([BotCommand(c, d) for c, d in r.commands], scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
        return None
    if r.kind == "venue":
        return await bot.send_venue(chat_id, r.latitude, r.longitude, r.title[:256], r.text[:256] or r.title[:256])
    if r.kind == "location":
        return await bot.send_location(chat_id, r.latitude, r.longitude)
    if r.kind == "photo":
        return await bot.send_photo(
            chat_id,
            InputFile(r.data or b"", filename=r.filename),
            caption=r.text or None,
            parse_mode=r.parse_mode,
            reply_markup=inline_markup(r.buttons),
        )
    if r.kind == "document":
        return await bot.send_document(
            chat_id, InputFile(r.data or b"", filename=r.filename), caption=r.text or None, parse_mode=r.parse_mode
        )
    raise ValueError(r.kind)
