"""End to end: voter reminders driven by the clock (subscribe, D-3 and D-1 evenings, the morning of the day)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.clock import AdjustableClock
from db.models import Delivery, ReminderSubscription
from tests.e2e import Driver, texts
from tests.factories import SmallElection, make_election

pytestmark = pytest.mark.e2e

AREA1 = "Nhà văn hóa thôn Nà Tiềm"


@pytest.fixture
def clock() -> AdjustableClock:
    return AdjustableClock(datetime(2021, 5, 10, 3, 0, tzinfo=UTC), frozen=True)


@pytest.fixture
async def election(services) -> SmallElection:  # type: ignore[no-untyped-def]
    async with services.sessionmaker() as s, s.begin():
        se = await make_election(s)
    return se


async def test_reminders_once_each_and_none_after_unsubscribing(offline: Driver, election: SmallElection) -> None:
    events = await offline.say(2060, "/nhacnho")
    assert "tìm nơi bỏ phiếu" in texts(events)  # needs a saved polling area first
    await offline.say(2060, "na tiem")
    events = await offline.press(2060, "🔔 Nhắc lịch")
    text = texts(events)
    assert "Đã đăng ký nhắc lịch" in text and "19:00 ngày 20/5/2021" in text and "06:30 ngày 23/5/2021" in text
    await offline.say(2061, "khuoi tac")
    await offline.press(2061, "🔔 Nhắc lịch")

    def reminders(events: list[dict]) -> list[dict]:
        return [e for e in events if "Nhắc lịch bầu cử" in e.get("text", "") or "Hôm nay là ngày" in e.get("text", "")]

    assert reminders(await offline.clock("2021-05-20T18:59:00+07:00")) == []
    got = reminders(await offline.clock("2021-05-20T19:00:00+07:00"))
    assert sorted(e["to"] for e in got) == [2060, 2061] and "còn 3 ngày" in got[0]["text"]
    assert AREA1 in next(e for e in got if e["to"] == 2060)["text"]
    assert reminders(await offline.clock("2021-05-20T19:30:00+07:00")) == []  # ticking again: no duplicate
    events = await offline.say(2061, "/huynhacnho")
    assert "Đã hủy nhắc lịch" in texts(events)
    got = reminders(await offline.clock("2021-05-22T19:05:00+07:00"))
    assert [e["to"] for e in got] == [2060] and "còn 1 ngày" in got[0]["text"]
    assert reminders(await offline.clock("2021-05-22T20:00:00+07:00")) == []
    got = reminders(await offline.clock("2021-05-23T06:30:00+07:00"))
    assert [e["to"] for e in got] == [2060] and "Hôm nay là ngày bầu cử" in got[0]["text"]
    assert "07:00" in got[0]["text"] and "19:00" in got[0]["text"]
    assert reminders(await offline.clock("2021-05-23T08:00:00+07:00")) == []
    async with offline.services.sessionmaker() as s:
        keys = sorted((await s.scalars(select(Delivery.dedupe_key).where(Delivery.kind == "reminder"))).all())
        subs = (await s.scalars(select(ReminderSubscription).order_by(ReminderSubscription.id))).all()
    assert len(keys) == 4 and [x.active for x in subs] == [True, False]


async def test_late_reminders_are_skipped(offline: Driver, election: SmallElection) -> None:
    await offline.say(2062, "na tiem")
    await offline.press(2062, "🔔 Nhắc lịch")
    # the bot was down from before D-3 evening until D-1 morning: the D-3 reminder is not sent late
    events = await offline.clock("2021-05-22T09:00:00+07:00")
    assert not [e for e in events if e["to"] == 2062]
    events = await offline.clock("2021-05-22T19:00:00+07:00")
    assert [e for e in events if "còn 1 ngày" in e.get("text", "")]
