"""/ketqua end to end: results from locked count sheets, review, publish with confirmation, voters' broadcast
and /ketqua for voters, jurisdiction, republication with a reason, import from a file; English for chairs."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlalchemy import update

from db.models import AuditLog, Candidate, ConstituencyResult, Delivery, User
from tests.chair_helpers import C1_CHAIR, DISTRICT_CHAIR, PROVINCE_CHAIR, local, report, rows, setup, sheet, subscribe
from tests.e2e import Driver, buttons, texts

pytestmark = pytest.mark.e2e


async def _district_sheets(offline: Driver, world, areas=(0, 1, 2), version: int = 1) -> None:  # type: ignore[no-untyped-def]
    # district constituency: 2 seats, 4 candidates (An 1970, Bình 1980, Cường 1975, Dung 1985)
    figures = {
        0: ((410, 400, 390, 10), [300, 200, 150, 50]),
        1: ((300, 290, 290, 0), [200, 160, 200, 10]),
        2: ((900, 890, 880, 10), [500, 400, 450, 100]),
        3: ((1000, 990, 980, 10), [600, 500, 520, 200]),
    }
    for i in areas:
        await sheet(offline.services, world, "district", i, *figures[i], version=version)


async def _open_review(offline: Driver, chair: int) -> list[dict]:
    events = await offline.say(chair, "/ketqua")
    label = next(b for b in buttons(events) if "HĐND huyện" in b)
    return await offline.press(chair, label)


async def test_review_partial_then_complete_publish_and_voters_ask(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    for uid, area in ((801, 0), (802, 2), (803, 3)):
        await subscribe(offline.services, world, uid, area, offline.emulator)
    async with offline.services.sessionmaker() as s, s.begin():
        await s.execute(update(User).where(User.id == 801).values(home_area_id=world.se.areas[0].id))
    await offline.clock(local(21, 0))
    await _district_sheets(offline, world)
    # a draft and a superseded sheet do not count
    await sheet(offline.services, world, "district", 3, (1000, 990, 980, 10), [1, 1, 1, 1], status="draft")

    events = await offline.say(DISTRICT_CHAIR, "/ketqua")
    assert "HĐND huyện Chợ Đồn — Đơn vị bầu cử số 1: 3/4 khu vực có biên bản · chưa công bố" in texts(events)
    events = await _open_review(offline, DISTRICT_CHAIR)
    text = texts(events)
    assert "Số liệu tạm tính</b>: 3/4" in text and "📢 Công bố" not in buttons(events)

    await _district_sheets(offline, world, areas=(3,), version=2)
    events = await _open_review(offline, DISTRICT_CHAIR)
    text = texts(events)
    # totals: registered 2610, voted 2570, valid 2540, invalid 30
    assert "Cử tri: 2.610 · Đã bỏ phiếu: 2.570 (98,47%)" in text
    assert "Phiếu hợp lệ: 2.540 · Phiếu không hợp lệ: 30" in text
    assert "1. ✅ Nguyễn Văn An: 1.600 phiếu (62,99%) — trúng cử" in text
    assert "2. ✅ Lường Văn Cường: 1.320 phiếu (51,97%) — trúng cử" in text
    assert "3. Hoàng Thị Bình: 1.260 phiếu (49,61%)" in text
    assert "4. Ma Thị Dung: 360 phiếu (14,17%)" in text
    assert "Người trúng cử</b>: Nguyễn Văn An, Lường Văn Cường." in text
    assert "Cần bầu cử" not in text

    # before publication a voter asking about that constituency hears that nothing is published yet
    text = texts(await offline.say(802, "don vi so 1 hdnd huyen ai trung cu vay"))
    assert "Đơn vị bầu cử số 1: kết quả chưa được công bố" in text and "phiếu (" not in text

    events = await offline.press(DISTRICT_CHAIR, "📢 Công bố")
    assert "gửi thông báo kết quả tới 3 cử tri" in texts(events)
    assert await rows(offline.services, ConstituencyResult) == []  # nothing before the confirmation
    mark = len(offline.emulator.calls)
    events = await offline.press(DISTRICT_CHAIR, "✅ Xác nhận công bố")
    assert "Đã công bố kết quả" in texts(events)
    (result,) = await rows(offline.services, ConstituencyResult)
    assert result.status == "published" and result.published_by == DISTRICT_CHAIR and result.version == 1
    assert result.data["candidates"][0]["percent"] == "62.99"
    got = {int(c.chat_id) for c in offline.emulator.calls[mark:] if c.method == "sendMessage" and c.ok}
    assert {801, 802, 803} <= got
    deliveries = await rows(offline.services, Delivery, Delivery.kind == "result")
    assert {d.dedupe_key for d in deliveries} == {f"result:{result.id}:{u}" for u in (801, 802, 803)}
    assert "Kết quả bầu cử: HĐND huyện Chợ Đồn" in offline.emulator.last_message(802)["text"]

    # a voter asks
    text = texts(await offline.say(801, "/ketqua"))
    assert "Nguyễn Văn An: 1.600 phiếu (62,99%)" in text and "HĐND huyện" in text
    text = texts(await offline.say(802, "/ketqua"))
    assert "chưa chọn khu vực bỏ phiếu" in text
    # ... but a constituency named by number and level needs no saved area
    text = texts(await offline.say(802, "don vi so 1 hdnd huyen ai trung cu vay"))
    assert "Người trúng cử</b>: Nguyễn Văn An, Lường Văn Cường." in text
    # ... or in their own words, without diacritics
    text = texts(await offline.say(801, "cho hoi ket qua bau cu o don vi minh the nao"))
    assert "Nguyễn Văn An: 1.600 phiếu (62,99%)" in text and "trúng cử" in text

    # publishing again is refused without a reason; the review says it was published
    events = await _open_review(offline, DISTRICT_CHAIR)
    assert "Đã công bố lúc 21:00 23/5/2021 (lần 1)" in texts(events) and "📢 Công bố" not in buttons(events)


async def test_a_voter_asks_whether_a_named_candidate_was_elected(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    async with offline.services.sessionmaker() as s, s.begin():  # a name no other constituency has
        await s.execute(update(Candidate).where(Candidate.code == "district-1-3").values(full_name="Đinh Thị Khánh"))
    await offline.clock(local(21, 0))
    text = texts(await offline.say(804, "Đinh Thị Khánh có trúng cử không"))
    assert "nơi Đinh Thị Khánh ứng cử: kết quả chưa được công bố" in text and "/ketqua" in text
    await _district_sheets(offline, world, areas=(0, 1, 2, 3))
    await _open_review(offline, DISTRICT_CHAIR)
    await offline.press(DISTRICT_CHAIR, "📢 Công bố")
    await offline.press(DISTRICT_CHAIR, "✅ Xác nhận công bố")
    # no saved polling area needed: the candidate's own constituency
    text = texts(await offline.say(804, "dinh thi khanh co trung cu ko"))
    assert "Kết quả bầu cử: HĐND huyện" in text and "✅ Đinh Thị Khánh: 1.320 phiếu (51,97%) — trúng cử" in text


async def test_republish_needs_a_reason_and_supersedes(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    await offline.clock(local(21, 0))
    await _district_sheets(offline, world, areas=(0, 1, 2, 3))
    await _open_review(offline, DISTRICT_CHAIR)
    await offline.press(DISTRICT_CHAIR, "📢 Công bố")
    await offline.press(DISTRICT_CHAIR, "✅ Xác nhận công bố")
    # a corrected count sheet arrives
    await sheet(offline.services, world, "district", 3, (1000, 990, 980, 10), [600, 560, 520, 200], version=2)
    events = await _open_review(offline, DISTRICT_CHAIR)
    assert "khác với kết quả đã công bố" in texts(events)
    await offline.press(DISTRICT_CHAIR, "📢 Công bố lại (cần lý do)")
    events = await offline.say(DISTRICT_CHAIR, "ừ")
    assert "ít nhất 5 ký tự" in texts(events)
    events = await offline.say(DISTRICT_CHAIR, "Sửa biên bản khu vực C2-02")
    assert "Lý do công bố lại: Sửa biên bản khu vực C2-02" in texts(events)
    await offline.press(DISTRICT_CHAIR, "✅ Xác nhận công bố")
    first, second = await rows(offline.services, ConstituencyResult)
    assert first.status == "superseded" and second.status == "published" and second.version == 2
    assert second.reason == "Sửa biên bản khu vực C2-02"
    # Bình now ties with Cường at 1,320 votes for the last seat: the older (Cường, 1975) wins
    votes = {c["key"]: c["votes"] for c in second.data["candidates"]}
    assert votes["district-1-2"] == votes["district-1-3"] == 1320
    assert second.data["winners"] == ["district-1-1", "district-1-3"] and second.data["tie_unresolved"] == []


async def test_lower_chair_cannot_publish_a_higher_units_constituency(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator)
    await offline.clock(local(21, 0))
    for i in range(4):
        await sheet(offline.services, world, "province", i, (1000, 990, 980, 10), [600, 500, 300, 100])
    events = await offline.say(C1_CHAIR, "/ketqua")
    assert "HĐND tỉnh" not in texts(events) and "HĐND xã Đồng Lạc" in texts(events)
    province_c = world.se.constituencies["province"]
    for data in (f"kqc:{province_c.id}", f"kqp:{province_c.id}:abc", f"kqy:{province_c.id}:abc", "kqc:x"):
        await offline.press_data(C1_CHAIR, data)
    assert await rows(offline.services, ConstituencyResult) == []
    assert len(await rows(offline.services, AuditLog, AuditLog.action == "button_refused")) == 4
    # the district chair cannot either, the province chair can
    events = await offline.say(DISTRICT_CHAIR, "/ketqua")
    assert "HĐND tỉnh" not in texts(events)
    events = await offline.say(PROVINCE_CHAIR, "/ketqua")
    assert "HĐND tỉnh Bắc Kạn" in texts(events)
    # a stale confirmation (figures changed since the review) is refused
    label = next(b for b in buttons(events) if "HĐND tỉnh" in b)
    await offline.press(PROVINCE_CHAIR, label)
    await offline.press(PROVINCE_CHAIR, "📢 Công bố")
    await sheet(offline.services, world, "province", 0, (1000, 990, 980, 10), [601, 500, 300, 100], version=2)
    events = await offline.press(PROVINCE_CHAIR, "✅ Xác nhận công bố")
    assert "Số liệu đã thay đổi" in texts(events)
    assert await rows(offline.services, ConstituencyResult) == []


async def test_repeat_election_flag_and_english_chair(offline: Driver) -> None:
    world = await setup(offline.services, offline.emulator, chair_lang="en")
    await offline.clock(local(21, 0))
    # commune C1 constituency: 3 seats, 5 candidates; only 300 of 700 voted
    for i, figures in ((0, (400, 150, 150, 0)), (1, (300, 150, 150, 0))):
        await sheet(offline.services, world, "commune:C1", i, figures, [100, 90, 80, 70, 60])
    events = await offline.say(C1_CHAIR, "/ketqua")
    assert "Election results" in texts(events)
    label = next(b for b in buttons(events) if "HĐND xã" in b)
    text = texts(await offline.press(C1_CHAIR, label))
    assert "A repeat election is needed" in text and "Registered voters: 700 · Voted: 300 (42.86%)" in text
    assert "Nguyễn Văn An: 200 votes (66.67%)" in text
    # the other English screens
    await report(offline.services, world.se.areas[0].id, local(8), 100)
    text = texts(await offline.say(C1_CHAIR, "/tonghop"))
    assert "Summary: Đồng Lạc commune" in text and "Registered voters: <b>700</b>" in text
    await offline.say(C1_CHAIR, "/thongbao")
    events = await offline.press(C1_CHAIR, "👥 To subscribed voters")
    assert "Type the announcement" in texts(events)


async def test_results_import_from_a_file(offline: Driver, tmp_path: Path) -> None:
    from bot.cli import CliError
    from bot.cli_chair import cmd_results

    world = await setup(offline.services, offline.emulator)
    await offline.clock(local(21, 0))
    c = world.se.constituencies["na"]
    lines = ["constituency,registered,voted,valid,invalid,candidate,votes"]
    for i, votes in enumerate([900, 700, 600, 300, 100], start=1):
        lines.append(f"{c.code},1000,990,980,10,na-1-{i},{votes}")
    path = tmp_path / "ketqua.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    settings = offline.services.settings
    assert await cmd_results(argparse.Namespace(action="import", path=str(path)), settings) == 0
    (draft,) = await rows(offline.services, ConstituencyResult)
    assert draft.status == "draft" and draft.source == "import"
    assert draft.data["winners"] == ["na-1-1", "na-1-2", "na-1-3"]
    bad = tmp_path / "bad.csv"
    bad.write_text(lines[0] + f"\n{c.code},1000,1200,980,10,na-1-1,900\n", encoding="utf-8")
    with pytest.raises(CliError, match=r"voted \(1200\) is more than registered"):
        await cmd_results(argparse.Namespace(action="import", path=str(bad)), settings)
    with pytest.raises(CliError, match="missing column"):
        (tmp_path / "cols.csv").write_text("constituency,votes\nx,1\n", encoding="utf-8")
        await cmd_results(argparse.Namespace(action="import", path=str(tmp_path / "cols.csv")), settings)
    # the province chair reviews and publishes the imported figures
    events = await offline.say(PROVINCE_CHAIR, "/ketqua")
    label = next(b for b in buttons(events) if "Quốc hội" in b)
    text = texts(await offline.press(PROVINCE_CHAIR, label))
    assert "nhập từ tệp" in text and "Nguyễn Văn An: 900 phiếu (91,84%)" in text
    await offline.press(PROVINCE_CHAIR, "📢 Công bố")
    await offline.press(PROVINCE_CHAIR, "✅ Xác nhận công bố")
    (published,) = await rows(offline.services, ConstituencyResult)
    assert published.id == draft.id and published.status == "published"
