"""The real PTB Application polling the emulator, and the standalone ``python -m bot.emulator`` process."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes, filters
from telegram.ext import MessageHandler as TextHandler

from bot.emulator import BotApiEmulator

USER = 2002


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator()
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Đồng ý", callback_data="agree")]])
    await update.message.reply_text(f"args={context.args}", reply_markup=markup)


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def _button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Đã chọn")
    await query.edit_message_text(f"chose {query.data}")


@pytest.fixture
async def app(emu: BotApiEmulator) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    application = ApplicationBuilder().token(emu.token).base_url(emu.base_url).base_file_url(emu.base_file_url).build()
    application.add_handler(CommandHandler("start", _start))
    application.add_handler(TextHandler(filters.TEXT & ~filters.COMMAND, _echo))
    application.add_handler(CallbackQueryHandler(_button))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield application
    finally:
        if application.updater.running:
            await application.updater.stop()
        await application.stop()
        await application.shutdown()


@pytest.mark.e2e
async def test_application_echo_command_and_button(emu: BotApiEmulator, app: Application) -> None:  # type: ignore[type-arg]
    start_id = emu.send_text(USER, "/start ref42", name="Lan", lang="vi")
    events = await emu.wait_outgoing(count=1, timeout=5)
    assert events[0].text == "args=['ref42']" and events[0].buttons == [["Đồng ý"]]
    emu.send_text(USER, "xin chào")
    echo = (await emu.wait_outgoing(1, count=1, timeout=5))[0]
    assert (echo.method, echo.chat_id, echo.text) == ("sendMessage", USER, "xin chào")
    press_id = emu.press(USER, "đồng ý")
    edit = (await emu.wait_outgoing(2, count=1, timeout=5))[0]
    assert (edit.method, edit.message_id, edit.text) == ("editMessageText", events[0].message_id, "chose agree")
    assert emu.callback_answer(press_id) == {"text": "Đã chọn", "show_alert": False, "url": None, "cache_time": 0}
    await emu.wait_idle(timeout=5)
    assert emu.delivered_up_to() == press_id and start_id < press_id
    menu = next(m for m in emu.messages(USER) if m["message_id"] == events[0].message_id)
    assert menu["text"] == "chose agree" and "reply_markup" not in menu


@pytest.mark.e2e
async def test_application_survives_flood_and_acknowledges_on_stop(emu: BotApiEmulator, app: Application) -> None:  # type: ignore[type-arg]
    emu.inject_fault("server_error", method="sendMessage")
    emu.send_text(USER, "một")  # the reply fails with 500; PTB logs it and keeps polling
    emu.send_text(USER, "hai")
    events = await emu.wait_outgoing(count=1, timeout=5)
    assert [e.text for e in events] == ["hai"]
    failed = [c for c in emu.calls if c.method == "sendMessage" and not c.ok]
    assert failed and failed[0].error_code == 500
    assert app.updater is not None
    await app.updater.stop()  # PTB confirms the last update on the way out
    assert emu.fetched_up_to() == emu.delivered_up_to()


async def test_standalone_process_control_endpoints() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.emulator", "--port", "0", stdout=asyncio.subprocess.PIPE
    )
    try:
        assert proc.stdout is not None
        lines = {}
        for _ in range(3):
            key, _, value = (await asyncio.wait_for(proc.stdout.readline(), 10)).decode().strip().partition("=")
            lines[key] = value
        base, control = lines["base_url"], lines["control_url"]
        assert base.startswith("http://127.0.0.1:")
        async with httpx.AsyncClient(timeout=5) as client:
            sent = await client.post(f"{control}/send", json={"user": USER, "text": "/start"})
            update_id = sent.json()["update_id"]
            updates = (await client.post(f"{base}123456:TEST-TOKEN/getUpdates", data={"timeout": "1"})).json()
            assert updates["result"][0]["update_id"] == update_id
            markup = '{"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}'
            await client.post(
                f"{base}123456:TEST-TOKEN/sendMessage", data={"chat_id": USER, "text": "hi", "reply_markup": markup}
            )
            pressed = await client.post(f"{control}/press", json={"user": USER, "label": "OK"})
            assert pressed.json()["update_id"] == update_id + 1
            outgoing = (await client.get(f"{control}/outgoing", params={"since": 0})).json()
            assert [(e["method"], e["text"], e["buttons"]) for e in outgoing] == [("sendMessage", "hi", [["OK"]])]
            fault = await client.post(f"{control}/fault", json={"kind": "retry_after", "retry_after": 7})
            assert fault.status_code == 200
            limited = await client.post(f"{base}123456:TEST-TOKEN/sendMessage", json={"chat_id": USER, "text": "x"})
            assert limited.status_code == 429 and limited.json()["parameters"] == {"retry_after": 7}
            calls = (await client.get(f"{control}/calls")).json()
            assert [c["method"] for c in calls] == ["getUpdates", "sendMessage", "sendMessage"]
    finally:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
        await asyncio.wait_for(proc.wait(), 10)
