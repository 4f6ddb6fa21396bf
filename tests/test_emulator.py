"""The Bot API emulator, exercised through the real ``telegram.Bot`` and raw HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ReplyKeyboardMarkup
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.emulator import BotApiEmulator

USER = 1001
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000100000000808060000001f15c4890000000d49444154789c636000000200"
    "0154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator()
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url)
    await client.initialize()
    try:
        yield client
    finally:
        await client.shutdown()


@pytest.fixture
async def http(emu: BotApiEmulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{emu.base_url}{emu.token}/", timeout=5) as client:
        yield client


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows])


def seconds(value: int | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# ----- basics -----


async def test_get_me_and_urls(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    assert emu.base_url == f"http://127.0.0.1:{emu.port}/bot"
    assert emu.base_file_url == f"http://127.0.0.1:{emu.port}/file/bot"
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (emu.bot_id, "baucu_demo_bot", "Trợ lý Bầu cử", True)
    await emu.start()  # idempotent
    assert emu.calls[0].method == "getMe" and emu.calls[0].ok


async def test_command_gets_bot_command_entity_and_user_is_remembered(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    first = emu.send_text(USER, "/start@baucu_demo_bot ref42", name="Lan", lang="vi")
    second = emu.send_text(USER, "xin chào /help")
    updates = await bot.get_updates(timeout=1)
    assert [u.update_id for u in updates] == [first, second]
    command = updates[0].message
    assert command.chat.id == USER and command.chat.type == "private"
    assert command.entities[0].type == "bot_command"
    assert (command.entities[0].offset, command.entities[0].length) == (0, len("/start@baucu_demo_bot"))
    plain = updates[1].message
    assert plain.entities == ()
    assert (plain.from_user.first_name, plain.from_user.language_code) == ("Lan", "vi")


async def test_long_poll_wakes_promptly_and_honours_offsets(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)
    update_id = emu.send_text(USER, "hello")
    # answered with the update, long before the poll's own 30 s timeout
    updates = await asyncio.wait_for(poll, 10)
    assert [u.update_id for u in updates] == [update_id]
    assert emu.delivered_up_to() == update_id and emu.fetched_up_to() == 0
    # not acknowledged yet: delivered again
    assert [u.update_id for u in await bot.get_updates()] == [update_id]
    assert await bot.get_updates(offset=update_id + 1) == ()
    assert emu.fetched_up_to() == update_id
    # an empty long poll waits out its timeout
    started = time.monotonic()
    assert await bot.get_updates(offset=update_id + 1, timeout=1) == ()
    assert time.monotonic() - started >= 0.9
    # limit
    ids = [emu.send_text(USER, str(i)) for i in range(3)]
    assert [u.update_id for u in await bot.get_updates(offset=update_id + 1, limit=2)] == ids[:2]


async def test_allowed_updates_and_wait_delivered(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.send_location(USER, 21.03, 105.85)
    text_id = emu.send_text(USER, "hi")
    updates = await bot.get_updates(allowed_updates=["callback_query"])
    assert updates == ()
    assert emu.pending_updates() == []  # dropped, as Telegram never sends disallowed kinds
    emu.known_chat(USER)
    waiter = asyncio.create_task(emu.wait_delivered(text_id + 1, timeout=2))
    message = await bot.send_message(USER, "x", reply_markup=keyboard([("A", "a")]))
    press_id = emu.press(USER, "A")
    assert press_id == text_id + 1
    updates = await bot.get_updates(timeout=1)
    await waiter
    assert updates[0].callback_query.message.message_id == message.message_id


async def test_get_updates_returns_empty_at_stop() -> None:
    emu = BotApiEmulator()
    await emu.start()
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            poll = asyncio.create_task(client.get(f"{emu.base_url}{emu.token}/getUpdates", params={"timeout": 30}))
            await asyncio.sleep(0.1)
            await emu.stop()
            # the 30 s poll ends with the server, not with its timeout
            response = await asyncio.wait_for(poll, 10)
        assert response.json() == {"ok": True, "result": []}
    finally:
        await emu.stop()


async def test_second_poller_conflicts_and_webhook_blocks_polling(
    emu: BotApiEmulator, bot: telegram.Bot, http: httpx.AsyncClient
) -> None:
    # PTB's own getUpdates pool holds one connection, so the rival poller is a raw client
    first = asyncio.create_task(http.post("getUpdates", json={"timeout": 5}))
    await asyncio.sleep(0.1)
    assert await bot.get_updates(timeout=0) == ()
    response = await asyncio.wait_for(first, 2)
    assert response.status_code == 409 and "terminated by other getUpdates" in response.json()["description"]
    assert await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    emu.send_text(USER, "lost")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


# ----- sending and validation -----


async def test_send_message_html_entities_and_keyboards(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.send_text(USER, "/start")
    sent = await bot.send_message(
        USER,
        '<b>Bầu cử</b> &amp; <a href="https://example.org">link</a> 🗳 <i>x</i>',
        parse_mode="HTML",
        reply_markup=keyboard([("Có", "yes"), ("Không", "no")], [("Trợ giúp", "help")]),
        link_preview_options=telegram.LinkPreviewOptions(is_disabled=True),
    )
    assert sent.text == "Bầu cử & link 🗳 x"
    types = [(e.type, e.offset, e.length) for e in sent.entities]
    # the ballot-box emoji takes two UTF-16 units, which shifts the italic entity
    assert types == [("bold", 0, 6), ("text_link", 9, 4), ("italic", 17, 1)]
    assert sent.entities[1].url == "https://example.org"
    event = emu.outgoing()[-1]
    assert event.method == "sendMessage" and event.chat_id == USER and event.message_id == sent.message_id
    assert event.text.startswith("<b>Bầu cử</b>") and event.plain_text == sent.text
    assert event.buttons == [["Có", "Không"], ["Trợ giúp"]]
    assert event.button_data == [["yes", "no"], ["help"]]
    assert event.parse_mode == "HTML"
    reply = await bot.send_message(
        USER,
        "Chọn",
        reply_markup=ReplyKeyboardMarkup([["Gửi vị trí"], ["Hủy"]]),
        reply_parameters=telegram.ReplyParameters(sent.message_id),
    )
    assert reply.reply_to_message.message_id == sent.message_id
    assert reply.reply_markup is None  # reply keyboards are not echoed back by Telegram
    assert emu.outgoing()[-1].keyboard == [["Gửi vị trí"], ["Hủy"]]
    assert [m["message_id"] for m in emu.messages(USER)] == [1, 2, 3]
    assert emu.last_keyboard(USER) == [["Có", "Không"], ["Trợ giúp"]]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("x</b>", "Unexpected end tag"),
        ("<script>x</script>", 'Unsupported start tag "script"'),
        ("1 < 2", "Unsupported start tag"),
        ("a & b", "must be escaped"),
        ("&nbsp;", "Unsupported HTML entity"),
    ],
)
async def test_broken_html_is_rejected(emu: BotApiEmulator, bot: telegram.Bot, text: str, error: str) -> None:
    emu.known_chat(USER)
    with pytest.raises(BadRequest, match=r"(?i)an't parse entities") as info:
        await bot.send_message(USER, text, parse_mode="HTML")
    assert info.value.message.startswith("Can't parse entities")  # PTB strips "Bad Request: " and capitalises
    assert emu.calls[-1].error is not None and emu.calls[-1].error.startswith("Bad Request: can't parse entities: ")
    assert error in emu.calls[-1].error
    assert emu.outgoing() == [] and emu.calls[-1].ok is False and emu.calls[-1].error_code == 400


async def test_validation_like_telegram(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await bot.send_message(777, "hi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(-100123, "hi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.get_chat(777)
    emu.known_chat(777, name="Minh")
    assert (await bot.get_chat(777)).first_name == "Minh"
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(777, "<b> </b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(777, "x" * 4097)
    await bot.send_message(777, "đ" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(777, "x", reply_markup=keyboard([("A", "é" * 33)]))
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=777, message_id=99)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(777, 99)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query("nope")


async def test_press_answer_and_edit(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.send_text(USER, "/vote")
    old = await bot.send_message(USER, "old", reply_markup=keyboard([("Có", "old-yes")]))
    menu = await bot.send_message(
        USER,
        "menu",
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton(" có ", callback_data="yes")], [InlineKeyboardButton("Web", url="https://x.org")]]
        ),
    )
    # the newest message is searched first; its " có " matches loosely before the older exact "Có"
    update_id = emu.press(USER, "Có")
    updates = await bot.get_updates(offset=emu.fetched_up_to() + 1)
    query = updates[-1].callback_query
    assert updates[-1].update_id == update_id
    assert (query.data, query.message.message_id, query.from_user.id) == ("yes", menu.message_id, USER)
    assert await query.answer("Đã ghi nhận", show_alert=True)
    assert emu.callback_answer(update_id) == {"text": "Đã ghi nhận", "show_alert": True, "url": None, "cache_time": 0}
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()
    edited = await bot.edit_message_text("voted", chat_id=USER, message_id=menu.message_id)
    assert edited.text == "voted" and edited.edit_date is not None and edited.reply_markup is None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("voted", chat_id=USER, message_id=menu.message_id)
    # the edited message lost its keyboard, so "Có" now resolves to the older message
    old_press = emu.press(USER, "Có")
    assert (await bot.get_updates(offset=update_id + 1))[0].callback_query.data == "old-yes"
    assert old_press == update_id + 1
    await bot.edit_message_reply_markup(USER, old.message_id, reply_markup=keyboard([("Xong", "done")]))
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(USER, old.message_id, reply_markup=keyboard([("Xong", "done")]))
    link = InlineKeyboardMarkup([[InlineKeyboardButton("Mở", url="https://x.org")]])
    await bot.send_message(USER, "link", reply_markup=link)
    with pytest.raises(LookupError, match="URL"):
        emu.press(USER, "Mở")
    with pytest.raises(LookupError, match="no inline button 'Nope'"):
        emu.press(USER, "Nope")
    forged = emu.press_data(USER, "admin:delete_all", message_id=old.message_id)
    assert (await bot.get_updates(offset=old_press + 1))[-1].update_id == forged
    assert await bot.delete_message(USER, old.message_id)
    methods = [e.method for e in emu.outgoing()]
    assert methods[-4:] == ["editMessageText", "editMessageReplyMarkup", "sendMessage", "deleteMessage"]
    assert old.message_id not in [m["message_id"] for m in emu.messages(USER)]


async def test_location_venue_photo_document_and_files(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.send_photo(USER, "ảnh biên bản", data=PNG)
    photo_msg = (await bot.get_updates())[0].message
    assert photo_msg.caption == "ảnh biên bản"
    file = await photo_msg.photo[-1].get_file()
    assert bytes(await file.download_as_bytearray()) == PNG
    await bot.send_location(USER, 21.0285, 105.8542)
    await bot.send_venue(USER, 10.77, 106.69, "Điểm bầu cử số 5", "12 Lê Lợi")
    await bot.send_photo(USER, InputFile(PNG, filename="turnout.png"), caption="<b>Tỷ lệ</b>", parse_mode="HTML")
    doc = await bot.send_document(USER, InputFile(b"PK\x03\x04xlsx", filename="bao-cao.xlsx"))
    assert doc.document.file_name == "bao-cao.xlsx"
    loc, venue, photo, document = emu.outgoing()
    assert loc.location == (21.0285, 105.8542)
    assert venue.venue == ("Điểm bầu cử số 5", "12 Lê Lợi") and venue.location == (10.77, 106.69)
    assert photo.photo and photo.file is not None and photo.file.name == "turnout.png" and photo.file.data == PNG
    assert photo.text == "<b>Tỷ lệ</b>" and photo.plain_text == "Tỷ lệ"
    assert document.document == "bao-cao.xlsx" and document.file is not None and document.file.size == 8
    assert emu.calls[-1].files["document"].name == "bao-cao.xlsx"
    # a file the bot uploaded can be re-sent by file_id
    again = await bot.send_photo(USER, photo.file.file_id)
    assert again.photo[-1].file_id == photo.file.file_id


async def test_commands_per_language_and_scope(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    await bot.set_my_commands([("start", "Bắt đầu")], language_code="vi")
    await bot.set_my_commands([("start", "Start"), ("help", "Help")])
    await bot.set_my_commands([("stats", "Thống kê")], scope=telegram.BotCommandScopeChat(USER))
    assert [c.command for c in await bot.get_my_commands(language_code="vi")] == ["start"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands(scope=telegram.BotCommandScopeChat(USER))] == ["stats"]
    assert await bot.delete_my_commands(language_code="vi")
    assert await bot.get_my_commands(language_code="vi") == ()
    assert emu.commands_for("") == [
        {"command": "start", "description": "Start"},
        {"command": "help", "description": "Help"},
    ]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Bad-Name", "x")])
    assert await bot.set_my_description("Mô tả") and await bot.set_my_short_description("Ngắn")
    assert (await bot.get_my_description()).description == "Mô tả"
    emu.known_chat(USER)
    assert await bot.send_chat_action(USER, "typing")
    assert emu.outgoing() == []  # chat actions are not outgoing events


# ----- faults -----


async def test_faults_surface_as_ptb_errors(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.known_chat(USER)
    emu.inject_fault("retry_after", method="sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(USER, "x")
    assert seconds(info.value.retry_after) == 3
    assert emu.calls[-1].error == "Too Many Requests: retry after 3"
    emu.inject_fault("blocked", chat_id=USER)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(USER, "x")
    emu.inject_fault("server_error", count=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"(?i)Internal Server Error"):
            await bot.send_message(USER, "x")
    emu.inject_fault("server_error", error_code=502)
    with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
        await bot.get_me()
    emu.inject_fault("bad_request", description="Bad Request: something odd")
    with pytest.raises(BadRequest, match=r"(?i)something odd"):
        await bot.send_message(USER, "x")
    # a fault for another chat or method leaves this call alone; getUpdates is never hit by method=None faults
    emu.inject_fault("server_error", chat_id=USER + 1)
    emu.inject_fault("server_error", method="editMessageText")
    assert await bot.get_updates() == ()
    assert (await bot.send_message(USER, "ok")).text == "ok"
    emu.clear_faults()
    assert [e.text for e in emu.outgoing()] == ["ok"]


async def test_blocked_user_is_persistent(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.known_chat(USER)
    emu.block_user(USER)
    for _ in range(2):
        with pytest.raises(Forbidden, match=r"(?i)blocked"):
            await bot.send_message(USER, "x")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(USER, "typing")
    emu.unblock_user(USER)
    assert await bot.send_message(USER, "back")


async def test_slow_answers_are_delayed(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.known_chat(USER)
    emu.inject_fault("slow", method="sendMessage", delay=0.3)
    started = time.monotonic()
    await bot.send_message(USER, "late")
    assert time.monotonic() - started >= 0.3
    emu.inject_fault("slow", method="sendMessage", delay=1.0)
    with pytest.raises(TimedOut):
        await bot.send_message(USER, "too late", read_timeout=0.2)


# ----- raw HTTP -----


async def test_json_form_query_and_multipart_bodies(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    emu.known_chat(USER)
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    as_json = await http.post("sendMessage", json={"chat_id": USER, "text": "json", "reply_markup": markup})
    as_form = await http.post(
        "sendMessage", data={"chat_id": str(USER), "text": "123", "reply_markup": json.dumps(markup)}
    )
    as_query = await http.get("sendMessage", params={"chat_id": USER, "text": "query"})
    multipart = await http.post(
        "sendPhoto", data={"chat_id": str(USER), "caption": "c"}, files={"photo": ("chart.png", PNG, "image/png")}
    )
    assert all(r.status_code == 200 and r.json()["ok"] for r in (as_json, as_form, as_query, multipart))
    assert as_form.json()["result"]["text"] == "123"  # text stays a string even though it looks like a number
    sends = [c for c in emu.calls if c.method in ("sendMessage", "sendPhoto")]
    assert sends[0].params == {"chat_id": USER, "text": "json", "reply_markup": markup}
    assert sends[1].params == {"chat_id": USER, "text": "123", "reply_markup": markup}
    assert sends[1].chat_id == USER
    assert [e.buttons for e in emu.outgoing()[:2]] == [[["A"]], [["A"]]]
    assert emu.outgoing()[3].file is not None and emu.outgoing()[3].file.data == PNG
    assert sends[3].files["photo"].content_type == "image/png"


async def test_unknown_method_and_wrong_token(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    response = await http.post("sendTeleport", json={})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.post(f"{emu.base_url}999:WRONG/getMe")
    assert response.status_code == 401 and response.json()["description"] == "Unauthorized"
    assert [(c.method, c.error_code) for c in emu.calls] == [("sendTeleport", 404), ("getMe", 401)]
    with pytest.raises(InvalidToken):
        async with telegram.Bot("999:WRONG", base_url=emu.base_url):
            pass


async def test_control_endpoints_in_process(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    async with httpx.AsyncClient(base_url=emu.control_url + "/", timeout=5) as control:
        update_id = (await control.post("send", json={"user": USER, "text": "/start", "name": "Hà"})).json()[
            "update_id"
        ]
        await control.post("location", json={"user": USER, "latitude": 16.0, "longitude": 108.2})
        updates = await bot.get_updates()
        assert updates[0].update_id == update_id and updates[1].message.location.latitude == 16.0
        await bot.send_message(USER, "menu", reply_markup=keyboard([("Xem", "view")]))
        pressed = await control.post("press", json={"user": USER, "label": "xem"})
        assert pressed.status_code == 200
        missing = await control.post("press", json={"user": USER, "label": "nope"})
        assert missing.status_code == 404 and "nope" in missing.json()["error"]
        events = (await control.get("outgoing", params={"since": 0})).json()
        assert events[0]["text"] == "menu" and events[0]["buttons"] == [["Xem"]]
        assert (await control.post("fault", json={"kind": "blocked", "chat_id": USER})).status_code == 200
        with pytest.raises(Forbidden):
            await bot.send_message(USER, "x")
        calls = (await control.get("calls")).json()
        assert [c["method"] for c in calls][-2:] == ["sendMessage", "sendMessage"]
        assert (await control.get("state")).json()["delivered_up_to"] == update_id + 1


async def test_wait_idle(emu: BotApiEmulator, bot: telegram.Bot) -> None:
    emu.known_chat(USER)
    emu.inject_fault("slow", method="sendMessage", delay=0.2)
    sending = asyncio.create_task(bot.send_message(USER, "x"))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await emu.wait_idle(quiet=0.05, timeout=2)
    assert time.monotonic() - started >= 0.15 and sending.done()
    emu.send_text(USER, "never fetched")
    with pytest.raises(TimeoutError, match="idle"):
        await emu.wait_idle(timeout=0.1)
