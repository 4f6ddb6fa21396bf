"""End to end: the real Application against the emulator. /start and /help in both languages, /lang, bad input."""

from __future__ import annotations

import pytest

from db.models import AuditLog, User
from tests.e2e import Driver, buttons, texts

pytestmark = pytest.mark.e2e


async def test_start_in_vietnamese(offline: Driver) -> None:
    events = await offline.say(1001, "/start", name="Lan")
    assert len(events) == 1
    text = texts(events)
    assert "Xin chào Lan!" in text
    assert "Trợ lý Bầu cử" in text
    assert "Ngôn ngữ / Language" in " ".join(buttons(events))
    async with offline.services.sessionmaker() as s:
        user = await s.get(User, 1001)
        assert user is not None and user.language == "vi" and user.first_name == "Lan"


async def test_start_in_english_for_english_telegram_users(offline: Driver) -> None:
    events = await offline.say(1002, "/start", name="Anna", lang="en-GB")
    text = texts(events)
    assert "Hello Anna!" in text and "Election Assistant" in text
    assert "Xin chào" not in text


async def test_help_and_language_switch_is_stored(offline: Driver) -> None:
    await offline.say(1003, "/start")
    events = await offline.press(1003, "🌐 Ngôn ngữ / Language")
    assert "English" in buttons(events)
    events = await offline.press(1003, "English")
    assert "Switched to English." in texts(events)
    events = await offline.say(1003, "/help")
    assert "Change language: /lang" in texts(events)
    async with offline.services.sessionmaker() as s:
        user = await s.get(User, 1003)
        assert user is not None and user.language == "en" and user.language_chosen
    # the Telegram language no longer overrides the chosen one
    events = await offline.say(1003, "/help", lang="vi")
    assert "Change language" in texts(events)
    events = await offline.say(1003, "/lang vi")
    assert "Đã chuyển sang tiếng Việt." in texts(events)


async def test_user_markup_is_escaped(offline: Driver) -> None:
    events = await offline.say(1004, "/start", name="<b>Bob</b> & <i>")
    assert "Xin chào &lt;b&gt;Bob&lt;/b&gt; &amp; &lt;i&gt;!" in texts(events)


async def test_forged_button_is_refused_and_logged(offline: Driver) -> None:
    await offline.say(1005, "/start")
    mark = len(offline.emulator.calls)
    await offline.press_data(1005, "lang:fr")
    await offline.press_data(1005, "nonexistent:1:2")
    answers = [c for c in offline.emulator.calls[mark:] if c.method == "answerCallbackQuery"]
    assert len(answers) == 2
    assert all("không còn hiệu lực" in (c.params.get("text") or "") for c in answers)
    async with offline.services.sessionmaker() as s:
        from sqlalchemy import select

        rows = (await s.scalars(select(AuditLog).where(AuditLog.action == "button_refused"))).all()
        assert {r.detail["data"] for r in rows} == {"lang:fr", "nonexistent:1:2"}


async def test_unknown_command_and_junk(offline: Driver) -> None:
    events = await offline.say(1006, "/khongcolenhnay")
    assert "không biết lệnh này" in texts(events)
    events = await offline.say(1006, "x" * 4000)
    assert len(events) == 1 and len(texts(events)) < 500


async def test_photo_without_context(offline: Driver) -> None:
    events = await offline.photo(1007, "ảnh")
    assert len(events) == 1 and "/help" in texts(events)


async def test_command_menu_is_set_in_both_languages(offline: Driver) -> None:
    calls = [c for c in offline.emulator.calls if c.method == "setMyCommands"]
    langs = {c.params.get("language_code") for c in calls}
    assert {None, "en"} <= langs
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert any(cmd["command"] == "start" and cmd["description"] == "Bắt đầu" for cmd in by_lang[None])
    assert any(cmd["command"] == "start" and cmd["description"] == "Start" for cmd in by_lang["en"])
