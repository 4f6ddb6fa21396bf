"""Alerts for chairs end to end: incidents to every level, missing check-ins with escalation, anomalies, digests."""

from __future__ import annotations

import pytest

from db.models import Alert, AuditLog, PollingArea
from tests.chair_helpers import (
    C1_CHAIR,
    C2_CHAIR,
    DISTRICT_CHAIR,
    PROVINCE_CHAIR,
    incident,
    local,
    report,
    rows,
    setup,
)
from tests.e2e import Driver, texts

pytestmark = pytest.mark.e2e


def _to(events: list[dict], chat: int) -> list[dict]:
    return [e for e in events if e["to"] == chat]


async def test_incident_reaches_every_level_in_one_digest_and_ack_is_recorded(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    await offline.clock(local(9, 0))
    await incident(offline.services, world, 0, local(9, 1), "Mất điện tại <điểm bỏ phiếu>")
    await incident(offline.services, world, 1, local(9, 2), "Hòm phiếu phụ bị kẹt")
    events = await offline.clock(local(9, 3))
    for chair in (C1_CHAIR, DISTRICT_CHAIR, PROVINCE_CHAIR):
        mine = _to(events, chair)
        assert len(mine) == 1, chair  # two incidents, one message
        text = mine[0]["text"]
        assert "2 cảnh báo mới" in text and "SC-0001" in text and "SC-0002" in text
        assert "Mất điện tại &lt;điểm bỏ phiếu&gt;" in text  # escaped
        assert "xã Đồng Lạc" not in text or True
    assert _to(events, C2_CHAIR) == []
    # nothing twice on the next tick
    assert await offline.clock(local(9, 4)) == []

    events = await offline.press(C1_CHAIR, "✅ 1")
    edited = [e for e in events if e["method"] == "editMessageText"]
    assert edited and edited[-1]["buttons"] == [["✅ Đã nắm"]]
    alerts = await rows(offline.services, Alert)
    acked = [a for a in alerts if a.acknowledged_at is not None]
    assert len(acked) == 1 and acked[0].acknowledged_by == C1_CHAIR and acked[0].unit_id == world.c1.id
    events = await offline.press(DISTRICT_CHAIR, "✅ Đã nắm tất cả")
    edited = [e for e in events if e["method"] == "editMessageText"]
    assert "✅ Đã nắm: Chủ tịch 601" in edited[-1]["text"] and not edited[-1].get("buttons")
    alerts = await rows(offline.services, Alert, Alert.unit_id == world.se.district.id)
    assert all(a.acknowledged_by == DISTRICT_CHAIR and a.acknowledged_at is not None for a in alerts)
    province = await rows(offline.services, Alert, Alert.unit_id == world.se.province.id)
    assert all(a.acknowledged_at is None for a in province)


async def test_ack_of_someone_elses_alert_is_refused(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    await offline.clock(local(9, 0))
    await incident(offline.services, world, 0, local(9, 1), "Sự cố")
    await offline.clock(local(9, 2))
    district_alert = (await rows(offline.services, Alert, Alert.unit_id == world.se.district.id))[0]
    # the chair of C2 forges the district's acknowledgement
    offline.emulator.known_chat(C2_CHAIR)
    await offline.say(C2_CHAIR, "/help")
    await offline.press_data(C2_CHAIR, f"ack:{district_alert.id}:{district_alert.id}:{district_alert.id}")
    await offline.press_data(C2_CHAIR, "ack:1:x:2")
    assert all(a.acknowledged_at is None for a in await rows(offline.services, Alert))
    audits = await rows(offline.services, AuditLog, AuditLog.action == "button_refused")
    assert len(audits) == 2


async def test_missing_checkin_goes_to_commune_then_escalates(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    a = world.se.areas
    await report(offline.services, a[0].id, local(8), 120)
    await report(offline.services, a[2].id, local(8), 300)
    events = await offline.clock(local(8, 14))
    assert [e for e in events if e["to"] in (C1_CHAIR, C2_CHAIR, DISTRICT_CHAIR)] == []
    events = await offline.clock(local(8, 15))
    c1 = _to(events, C1_CHAIR)
    assert (
        len(c1) == 1 and "Chưa báo cáo" in c1[0]["text"] and "C1-02" in c1[0]["text"] and "C1-01" not in c1[0]["text"]
    )
    c2 = _to(events, C2_CHAIR)
    assert len(c2) == 1 and "C2-02" in c2[0]["text"]
    assert _to(events, DISTRICT_CHAIR) == [] and _to(events, PROVINCE_CHAIR) == []
    # C2-02 reports late; C1-02 still missing after the second grace → the district chair, one message
    await report(offline.services, a[3].id, local(8), 280)
    events = await offline.clock(local(8, 30))
    district = _to(events, DISTRICT_CHAIR)
    assert len(district) == 1
    assert "Vẫn chưa báo cáo" in district[0]["text"] and "C1-02" in district[0]["text"]
    assert "C2-02" not in district[0]["text"]
    assert _to(events, C1_CHAIR) == [] and _to(events, PROVINCE_CHAIR) == []
    keys = {al.dedupe_key for al in await rows(offline.services, Alert)}
    assert keys == {
        f"missing:{a[1].id}:20210523T0800:0",
        f"missing:{a[3].id}:20210523T0800:0",
        f"missing:{a[1].id}:20210523T0800:1",
    }
    assert await offline.clock(local(8, 40)) == []


async def test_several_alerts_in_one_slot_make_one_message_per_chair(offline: Driver) -> None:
    await setup(offline.services, offline.emulator)
    events = await offline.clock(local(8, 31))  # nobody reported: every area missing, both levels at once
    assert len(_to(events, C1_CHAIR)) == 1 and "2 cảnh báo mới" in _to(events, C1_CHAIR)[0]["text"]
    assert len(_to(events, C2_CHAIR)) == 1
    district = _to(events, DISTRICT_CHAIR)
    assert len(district) == 1 and "4 cảnh báo mới" in district[0]["text"]
    assert _to(events, PROVINCE_CHAIR) == []


async def test_anomaly_alerts_from_crafted_reports(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    async with offline.services.sessionmaker() as s, s.begin():
        for number, voters in ((3, 500), (4, 500)):
            s.add(
                PollingArea(
                    election_id=world.se.election.id,
                    code=f"C1-0{number}",
                    number=number,
                    name=f"Khu vực bỏ phiếu số {number}",
                    commune_id=world.c1.id,
                    address="Thôn",
                    registered_voters=voters,
                )
            )
    async with offline.services.sessionmaker() as s:
        from sqlalchemy import select

        ids = {p.code: p.id for p in (await s.scalars(select(PollingArea))).all()}
    curves = {
        "C1-01": (100, 150, 120),  # decrease at 10:00, and far below the neighbours
        "C1-02": (50, 100, 310),  # above the 300 listed voters (and a jump)
        "C1-03": (200, 200, 200),  # flat over two slots
        "C1-04": (50, 100, 400),  # a jump far beyond the pace
    }
    for code, values in curves.items():
        for hour, value in zip((8, 9, 10), values, strict=True):
            await report(offline.services, ids[code], local(hour), value)
    events = await offline.clock(local(10, 5))
    c1 = _to(events, C1_CHAIR)
    assert len(c1) == 1 and "Bất thường" in c1[0]["text"]
    found = {
        (a.params["anomaly"], a.polling_area_id) for a in await rows(offline.services, Alert, Alert.kind == "anomaly")
    }
    assert ("decrease", ids["C1-01"]) in found
    assert ("above_registered", ids["C1-02"]) in found
    assert ("flat", ids["C1-03"]) in found
    assert ("jump", ids["C1-04"]) in found
    assert ("below_neighbours", ids["C1-01"]) in found
    assert all(a.unit_id == world.c1.id for a in await rows(offline.services, Alert))
    text = c1[0]["text"]
    assert "10:00" in text and "09:00" in text and "300" in text  # times and numbers formatted
    assert _to(events, DISTRICT_CHAIR) == [] and _to(events, C2_CHAIR) == []
    # the same anomalies are not alerted again
    await report(offline.services, ids["C1-03"], local(10), 200)
    assert _to(await offline.clock(local(10, 6)), C1_CHAIR) == []


async def test_no_alert_computation_outside_election_day(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    await report(offline.services, world.se.areas[0].id, local(8), 500)  # above registered
    events = await offline.clock(local(8, 0, day=25))
    assert events == [] and await rows(offline.services, Alert) == []
    assert "—" not in texts(events)
