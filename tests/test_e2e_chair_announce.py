"""Announcements end to end: compose → preview → send now or schedule → cancel; delivery through the outbox with
crash-resume, RetryAfter and blocked users."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.app import scheduler_of
from bot.delivery import Deliverer, Outgoing, enqueue
from db.models import Announcement, Delivery, User
from tests.chair_helpers import C1_CHAIR, C2_CHAIR, DISTRICT_CHAIR, local, rows, setup, subscribe
from tests.e2e import Driver, buttons, texts

pytestmark = pytest.mark.e2e

TYPED = "Kính mời bà con đi bầu cử <b>sớm</b> & đúng giờ!"


def _sends_to(offline: Driver, chat: int, since: int = 0) -> list[str]:
    return [
        c.params.get("text", "")
        for c in offline.emulator.calls[since:]
        if c.method == "sendMessage" and c.ok and int(c.chat_id or 0) == chat
    ]


async def _world(offline: Driver):  # type: ignore[no-untyped-def]
    world = await setup(offline.services, offline.emulator)
    for uid, area in ((801, 0), (802, 0), (803, 1), (804, 2)):
        await subscribe(offline.services, world, uid, area, offline.emulator)
    await offline.clock(local(6, 30))
    return world


async def test_compose_preview_send_now_exact_text_and_progress(offline: Driver) -> None:
    await _world(offline)
    events = await offline.say(C1_CHAIR, "/thongbao")
    assert "👥 Gửi cử tri đã đăng ký" in buttons(events)
    await offline.press(C1_CHAIR, "👥 Gửi cử tri đã đăng ký")
    events = await offline.say(C1_CHAIR, TYPED)
    assert "3 cử tri đã đăng ký nhận tin ở xã Đồng Lạc" in texts(events)
    preview = events[-1]
    expected = "📣 Thông báo của Ủy ban bầu cử xã Đồng Lạc\n\n" + TYPED
    assert preview["text"] == expected
    assert offline.emulator.last_message(C1_CHAIR)["text"] == expected  # shown literally, not as markup
    assert "📤 Gửi ngay" in buttons(events) and "⏰ Hẹn giờ" in buttons(events)
    mark = len(offline.emulator.calls)
    events = await offline.press(C1_CHAIR, "📤 Gửi ngay")
    for voter in (801, 802, 803):
        assert _sends_to(offline, voter, mark) == [expected]
        assert offline.emulator.last_message(voter)["text"] == expected
        assert "entities" not in offline.emulator.last_message(voter)
    assert _sends_to(offline, 804, mark) == []
    assert "Bắt đầu gửi thông báo #1 tới 3 người" in texts(events)
    events = await offline.clock(local(6, 31))
    assert "Thông báo #1: ✅ đã gửi xong: 3/3 đã nhận, 0 đã chặn bot" in texts(events)
    (ann,) = await rows(offline.services, Announcement)
    assert ann.status == "sent" and ann.recipients == 3 and ann.finished_at is not None
    deliveries = await rows(offline.services, Delivery, Delivery.kind == "announcement")
    assert {d.dedupe_key for d in deliveries} == {f"ann:{ann.id}:{u}" for u in (801, 802, 803)}
    assert all(d.status == "sent" and d.parse_mode is None for d in deliveries)
    # /thongbao lists it with its counts
    assert "3/3 đã nhận" in texts(await offline.say(C1_CHAIR, "/thongbao"))


async def test_schedule_cancel_and_scheduled_one_goes_out(offline: Driver) -> None:
    await _world(offline)
    await offline.say(DISTRICT_CHAIR, "/thongbao")
    await offline.press(DISTRICT_CHAIR, "👥 Gửi cử tri đã đăng ký")
    events = await offline.say(DISTRICT_CHAIR, "Thông báo thứ nhất")
    assert "4 cử tri" in texts(events)
    await offline.press(DISTRICT_CHAIR, "⏰ Hẹn giờ")
    events = await offline.say(DISTRICT_CHAIR, "06:00")
    assert "đã qua" in texts(events)
    events = await offline.say(DISTRICT_CHAIR, "giờ nào đó")
    assert "Không đọc được thời điểm" in texts(events)
    events = await offline.say(DISTRICT_CHAIR, "7:15")
    assert "Đã hẹn gửi thông báo #1 lúc 07:15 23/5/2021" in texts(events)
    # a second one, cancelled before it goes
    await offline.say(DISTRICT_CHAIR, "/thongbao")
    await offline.press(DISTRICT_CHAIR, "👥 Gửi cử tri đã đăng ký")
    await offline.say(DISTRICT_CHAIR, "Thông báo thứ hai")
    await offline.press(DISTRICT_CHAIR, "⏰ Hẹn giờ")
    await offline.say(DISTRICT_CHAIR, "23/5 7:20")
    events = await offline.say(DISTRICT_CHAIR, "/thongbao")
    assert "❌ Hủy thông báo #2" in buttons(events) and "hẹn gửi lúc 07:20" in texts(events)
    events = await offline.press(DISTRICT_CHAIR, "❌ Hủy thông báo #2")
    assert "Đã hủy thông báo #2" in texts(events)
    mark = len(offline.emulator.calls)
    assert [e for e in await offline.clock(local(7, 14)) if e["to"] in (801, 802, 803, 804)] == []
    await offline.clock(local(7, 25))
    for voter in (801, 802, 803, 804):
        assert _sends_to(offline, voter, mark) == ["📣 Thông báo của Ủy ban bầu cử huyện Chợ Đồn\n\nThông báo thứ nhất"]
    first, second = await rows(offline.services, Announcement)
    assert first.status in ("sending", "sent") and second.status == "cancelled"
    # cancelling after it went is refused
    await offline.press_data(DISTRICT_CHAIR, f"annc:{first.id}")
    assert (await rows(offline.services, Announcement))[0].status != "cancelled"


async def test_a_chair_cannot_reach_another_units_voters(offline: Driver) -> None:
    world = await _world(offline)
    await offline.say(C2_CHAIR, "/thongbao")
    # forged: the chair of C2 picks C1 or the district as the audience
    for data in (f"anna:{world.c1.id}:v", f"anna:{world.se.district.id}:v", "anna:1:x", "anns:now"):
        await offline.press_data(C2_CHAIR, data)
    assert await rows(offline.services, Announcement) == []
    # their own announcement reaches only the voter of C2
    await offline.press(C2_CHAIR, "👥 Gửi cử tri đã đăng ký")
    await offline.say(C2_CHAIR, "Chỉ cho Bằng Lũng")
    mark = len(offline.emulator.calls)
    await offline.press(C2_CHAIR, "📤 Gửi ngay")
    assert [u for u in (801, 802, 803, 804) if _sends_to(offline, u, mark)] == [804]
    # C1's chair cannot cancel C2's scheduled announcements either
    (ann,) = await rows(offline.services, Announcement)
    async with offline.services.sessionmaker() as s, s.begin():
        await s.execute(update(Announcement).values(status="scheduled", scheduled_at=local(9)))
    await offline.say(C1_CHAIR, "/help")
    await offline.press_data(C1_CHAIR, f"annc:{ann.id}")
    assert (await rows(offline.services, Announcement))[0].status == "scheduled"


async def test_teams_audience_and_cancel_the_draft(offline: Driver) -> None:
    world = await _world(offline)
    from tests.factories import grant

    async with offline.services.sessionmaker() as s, s.begin():
        await grant(s, 901, "team", area=world.se.areas[0])
        await grant(s, 902, "team", area=world.se.areas[2])
    offline.emulator.known_chat(901)
    offline.emulator.known_chat(902)
    await offline.say(C1_CHAIR, "/thongbao")
    await offline.press(C1_CHAIR, "🗳 Gửi các Tổ bầu cử")
    events = await offline.say(C1_CHAIR, "x" * 3501)
    assert "quá giới hạn 3.500 ký tự" in texts(events)
    events = await offline.say(C1_CHAIR, "Các Tổ nhớ báo cáo đúng giờ")
    assert "1 thành viên Tổ bầu cử" in texts(events)
    events = await offline.press(C1_CHAIR, "Hủy")
    assert "Không có tin nào được gửi" in texts(events)
    events = await offline.say(C1_CHAIR, "Các Tổ nhớ báo cáo đúng giờ")
    assert "Xem trước" not in texts(events)
    await offline.say(C1_CHAIR, "/thongbao")
    await offline.press(C1_CHAIR, "🗳 Gửi các Tổ bầu cử")
    await offline.say(C1_CHAIR, "Các Tổ nhớ báo cáo đúng giờ")
    mark = len(offline.emulator.calls)
    await offline.press(C1_CHAIR, "📤 Gửi ngay")
    assert len(_sends_to(offline, 901, mark)) == 1 and _sends_to(offline, 902, mark) == []
    assert _sends_to(offline, 801, mark) == []


async def test_blocked_user_is_marked_and_skipped_next_time(offline: Driver) -> None:
    await _world(offline)
    offline.emulator.block_user(802)
    for text in ("Lần một", "Lần hai"):
        await offline.say(C1_CHAIR, "/thongbao")
        await offline.press(C1_CHAIR, "👥 Gửi cử tri đã đăng ký")
        events = await offline.say(C1_CHAIR, text)
        if text == "Lần hai":
            assert "1 người đã chặn bot sẽ được bỏ qua" in texts(events)
        await offline.press(C1_CHAIR, "📤 Gửi ngay")
        await offline.clock(offline.bot.clock.now() + timedelta(seconds=5))
    attempts = [c for c in offline.emulator.calls if c.method == "sendMessage" and int(c.chat_id or 0) == 802]
    assert len(attempts) == 1 and not attempts[0].ok  # the second time it was not even tried
    statuses = Counter(
        (d.ref_id, d.user_id, d.status) for d in await rows(offline.services, Delivery, Delivery.kind == "announcement")
    )
    assert statuses[(1, 802, "blocked")] == 1 and statuses[(2, 802, "blocked")] == 1
    assert statuses[(2, 801, "sent")] == 1
    async with offline.services.sessionmaker() as s:
        assert (await s.get(User, 802)).is_blocked is True
    assert "1 đã chặn bot" in texts(await offline.say(C1_CHAIR, "/thongbao"))


async def test_retry_after_is_honoured(offline: Driver) -> None:
    await _world(offline)
    offline.emulator.inject_fault("retry_after", method="sendMessage", chat_id=801, count=1, retry_after=1)
    await offline.say(C1_CHAIR, "/thongbao")
    await offline.press(C1_CHAIR, "👥 Gửi cử tri đã đăng ký")
    await offline.say(C1_CHAIR, "Có RetryAfter")
    mark = len(offline.emulator.calls)
    await offline.press(C1_CHAIR, "📤 Gửi ngay")
    for _ in range(3):
        await offline.clock(offline.bot.clock.now() + timedelta(seconds=2))
    calls = [c for c in offline.emulator.calls[mark:] if c.method == "sendMessage" and int(c.chat_id or 0) == 801]
    assert [c.ok for c in calls] == [False, True]
    assert calls[0].error_code == 429
    assert calls[1].at - calls[0].finished_at >= 0.9  # waited as told
    assert all(d.status == "sent" for d in await rows(offline.services, Delivery, Delivery.kind == "announcement"))


async def test_resume_after_a_crash_sends_nobody_twice(offline: Driver) -> None:
    world = await _world(offline)
    voters = list(range(1101, 1111))
    for uid in voters:
        await subscribe(offline.services, world, uid, 0, offline.emulator)
    now = offline.bot.clock.now()
    async with offline.services.sessionmaker() as s, s.begin():
        await enqueue(
            s,
            [
                Outgoing(f"ann:77:{u}", "announcement", u, u, f"tin {u}", now, parse_mode=None, ref_id=77)
                for u in voters
            ],
            now,
        )
        # the dead process had sent three and was sending two when it was killed
        await s.execute(update(Delivery).where(Delivery.user_id.in_(voters[:3])).values(status="sent", sent_at=now))
        await s.execute(
            update(Delivery)
            .where(Delivery.user_id.in_(voters[3:5]))
            .values(status="sending", claimed_by="dead-process", claimed_at=now - timedelta(minutes=5))
        )
    restarted = Deliverer(offline.services, offline.bot.app.bot)
    assert await restarted.recover() == 2
    mark = len(offline.emulator.calls)
    stats = await restarted.drain()
    await scheduler_of(offline.bot.app).tick()
    assert stats.sent == 5
    sent = Counter(int(c.chat_id) for c in offline.emulator.calls[mark:] if c.method == "sendMessage")
    assert sent == Counter(voters[5:])  # only the ones never tried, once each
    final = {d.user_id: d.status for d in await rows(offline.services, Delivery, Delivery.ref_id == 77)}
    assert final == {
        **dict.fromkeys(voters[:3], "sent"),
        **dict.fromkeys(voters[3:5], "uncertain"),
        **dict.fromkeys(voters[5:], "sent"),
    }
    # a second recovery and drain change nothing
    assert await restarted.recover() == 0 and (await restarted.drain()).sent == 0
