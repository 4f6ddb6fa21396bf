"""``baucu chat``: the bot offline against the local Bot API emulator, as an interactive console or as JSONL.

JSONL in (one object a line): ``{"user": 1001, "text": "..."}`` (optional ``name``, ``lang``),
``{"user": 1001, "location": [lat, lon]}``, ``{"user": 1001, "press": "LABEL"}``,
``{"user": 1001, "photo": true, "caption": "..."}``, ``{"clock": "2021-05-23T09:05:00+07:00"}``.
Out: one object per message the bot sent or edited, after the line has been fully handled.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from bot.app import ChatOrderedProcessor, build_application, scheduler_of, start_app, stop_app
from bot.clock import AdjustableClock
from bot.emulator import BotApiEmulator, OutgoingEvent
from bot.runtime import Services

MAX_LINE = 100_000


class InputError(ValueError):
    """A JSONL line that cannot be acted on; reported as ``{"error": ...}``."""


@dataclass
class OfflineBot:
    """The real application wired to an in-process emulator, with a settable clock."""

    services: Services
    emulator: BotApiEmulator
    app: Any
    clock: AdjustableClock

    @property
    def processor(self) -> ChatOrderedProcessor:
        return self.app.update_processor  # type: ignore[no-any-return]

    async def settle(self, update_id: int | None) -> None:
        """Wait until the update is handled, then run what fell due and deliver it."""
        if update_id is not None:
            await self.emulator.wait_delivered(update_id, timeout=30)
            await self.processor.wait_handled(update_id, timeout=60)
        await scheduler_of(self.app).tick()
        await self.emulator.wait_idle(quiet=0.02, timeout=30)

    async def move_clock(self, instant: datetime) -> None:
        self.clock.set(instant)
        await self.settle(None)


@asynccontextmanager
async def offline_bot(services: Services, clock: AdjustableClock) -> AsyncIterator[OfflineBot]:
    """Start the emulator and the bot (long polling against it); stop both on exit."""
    emulator = BotApiEmulator(bot_username=services.settings.bot_username)
    await emulator.start()
    app = build_application(
        services,
        token=emulator.token,
        base_url=emulator.base_url,
        base_file_url=emulator.base_file_url,
        schedule_ticks=False,  # the console ticks explicitly after every input line
    )
    try:
        await start_app(app, poll_timeout=1)
        yield OfflineBot(services, emulator, app, clock)
    finally:
        await stop_app(app)
        await emulator.stop()


def event_to_json(event: OutgoingEvent) -> dict[str, Any]:
    out: dict[str, Any] = {"to": event.chat_id, "method": event.method}
    if event.text is not None:
        out["text"] = event.text
    if event.buttons:
        out["buttons"] = event.buttons
    if event.keyboard:
        out["keyboard"] = event.keyboard
    if event.location:
        out["location"] = list(event.location)
    if event.photo:
        out["photo"] = True
    if event.document:
        out["document"] = event.document
    return out


def _user_kwargs(obj: dict[str, Any]) -> dict[str, Any]:
    kw: dict[str, Any] = {}
    if "name" in obj:
        if not isinstance(obj["name"], str):
            raise InputError('"name" must be a string')
        kw["name"] = obj["name"][:64]
    if "lang" in obj:
        if not isinstance(obj["lang"], str):
            raise InputError('"lang" must be a string such as "vi" or "en"')
        kw["lang"] = obj["lang"][:8]
    return kw


def parse_instant(value: Any) -> datetime:
    if not isinstance(value, str):
        raise InputError('"clock" must be an ISO 8601 instant such as "2021-05-23T09:05:00+07:00"')
    try:
        instant = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{value!r} is not an ISO 8601 instant such as 2021-05-23T09:05:00+07:00") from exc
    if instant.tzinfo is None:
        raise InputError(f"{value!r} has no time zone; add one, e.g. +07:00")
    return instant


async def act(bot: OfflineBot, obj: Any) -> None:
    """Carry out one JSONL input object (raises ``InputError`` for bad input)."""
    if not isinstance(obj, dict):
        raise InputError("each line must be a JSON object")
    if "clock" in obj:
        instant = parse_instant(obj["clock"])
        if instant < bot.clock.now():
            raise InputError(f"the clock only moves forward; it is already {bot.clock.now().isoformat()}")
        await bot.move_clock(instant)
        return
    user = obj.get("user")
    if isinstance(user, bool) or not isinstance(user, int) or not 0 < user < 2**52:
        raise InputError('"user" must be a positive whole number (a Telegram user id)')
    emu = bot.emulator
    kw = _user_kwargs(obj)
    if "text" in obj:
        if not isinstance(obj["text"], str) or not obj["text"]:
            raise InputError('"text" must be a non-empty string')
        update_id = emu.send_text(user, obj["text"][:4096], **kw)
    elif "location" in obj:
        loc = obj["location"]
        if (
            not isinstance(loc, list)
            or len(loc) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in loc)
            or not (-90 <= loc[0] <= 90 and -180 <= loc[1] <= 180)
        ):
            raise InputError('"location" must be [latitude, longitude]')
        update_id = emu.send_location(user, float(loc[0]), float(loc[1]), **kw)
    elif "press" in obj:
        if not isinstance(obj["press"], str):
            raise InputError('"press" must be the label of a button')
        try:
            update_id = emu.press(user, obj["press"])
        except LookupError as exc:
            raise InputError(str(exc)) from exc
    elif obj.get("photo") is True:
        caption = obj.get("caption")
        if caption is not None and not isinstance(caption, str):
            raise InputError('"caption" must be a string')
        update_id = emu.send_photo(user, caption=caption, **kw)
    else:
        raise InputError('a line needs one of "text", "location", "press", "photo" or "clock"')
    await bot.settle(update_id)


async def run_jsonl(bot: OfflineBot, stdin: TextIO, stdout: TextIO) -> None:
    """The scripted console: read JSONL, act, write what the bot sent."""

    def write(obj: dict[str, Any]) -> None:
        stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        stdout.flush()

    while True:
        line = await asyncio.to_thread(stdin.readline, MAX_LINE + 1)
        if not line:
            break
        if len(line) > MAX_LINE:
            write({"error": f"line longer than {MAX_LINE} characters"})
            # skip the rest of the over-long line
            while line and not line.endswith("\n"):
                line = await asyncio.to_thread(stdin.readline, MAX_LINE + 1)
            continue
        line = line.strip()
        if not line:
            continue
        mark = len(bot.emulator.outgoing())
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            write({"error": f"not JSON ({exc.msg} at column {exc.colno})"})
            continue
        try:
            await act(bot, obj)
        except InputError as exc:
            write({"error": str(exc)})
            continue
        except TimeoutError:
            write({"error": "the bot did not finish handling this line in time"})
            continue
        for event in bot.emulator.outgoing(since=mark):
            write(event_to_json(event))


_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    import html

    return html.unescape(_TAG.sub("", text))


HELP = """Type as the user and press Enter. Also:
  #N                press button N of the latest message with buttons
  @LAT,LON          send a location, e.g. @22.18,105.59
  :photo CAPTION    send a photo
  :clock ISO        move the clock, e.g. :clock 2021-05-23T09:05:00+07:00
  :user ID [NAME]   act as another user
  :quit             leave"""


async def run_interactive(
    bot: OfflineBot, user: int, name: str | None, lang: str | None, read: Callable[[str], str] = input
) -> None:
    """The human console."""
    kw: dict[str, Any] = {k: v for k, v in (("name", name), ("lang", lang)) if v}
    print(HELP)
    last_buttons: list[str] = []
    while True:
        try:
            line = (await asyncio.to_thread(read, f"[{user}] > ")).strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if not line:
            continue
        mark = len(bot.emulator.outgoing())
        obj: dict[str, Any] = {"user": user, **kw}
        if line in (":quit", ":q", ":exit"):
            return
        if line.startswith("#") and line[1:].isdigit():
            index = int(line[1:]) - 1
            if not 0 <= index < len(last_buttons):
                print("  (no such button)")
                continue
            obj["press"] = last_buttons[index]
        elif line.startswith("@"):
            try:
                lat, lon = (float(x) for x in line[1:].split(","))
            except ValueError:
                print("  (use @LAT,LON)")
                continue
            obj["location"] = [lat, lon]
        elif line.startswith(":photo"):
            obj["photo"] = True
            obj["caption"] = line[len(":photo") :].strip() or None
        elif line.startswith(":clock "):
            obj = {"clock": line.split(" ", 1)[1].strip()}
        elif line.startswith(":user "):
            parts = line.split(maxsplit=2)
            if len(parts) < 2 or not parts[1].isdigit():
                print("  (use :user ID [NAME])")
                continue
            user = int(parts[1])
            kw = {"name": parts[2]} if len(parts) > 2 else {}
            continue
        else:
            obj["text"] = line
        try:
            await act(bot, obj)
        except (InputError, TimeoutError) as exc:
            print(f"  ! {exc}")
            continue
        for event in bot.emulator.outgoing(since=mark):
            who = "" if event.chat_id == user else f" → {event.chat_id}"
            print(f"\n🤖{who} ({event.method})")
            if event.location:
                print(f"  📍 {event.location[0]:.5f}, {event.location[1]:.5f}")
            if event.photo:
                print("  🖼  [photo]")
            if event.document:
                print(f"  📎 {event.document}")
            if event.text:
                print("  " + _plain(event.text).replace("\n", "\n  "))
            if event.buttons and event.chat_id == user:
                last_buttons = [label for row in event.buttons for label in row]
                print("  " + "  ".join(f"[#{i + 1} {label}]" for i, label in enumerate(last_buttons)))
            if event.keyboard:
                print("  ⌨  " + " | ".join(label for row in event.keyboard for label in row))
        print()
