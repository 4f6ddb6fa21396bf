"""/tonghop and /xuat end to end: exact figures at every level, drill-down, chart, jurisdiction, exports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from db.models import AuditLog, Incident, VoterListAddition
from tests.chair_helpers import C1_CHAIR, C2_CHAIR, DISTRICT_CHAIR, PROVINCE_CHAIR, local, report, rows, setup, sheet
from tests.e2e import Driver, buttons, texts

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n"


async def _crafted(offline: Driver):  # type: ignore[no-untyped-def]
    world = await setup(offline.services, offline.emulator)
    a = world.se.areas
    async with offline.services.sessionmaker() as s, s.begin():
        s.add(VoterListAddition(polling_area_id=a[0].id, added=10, reason="bổ sung", at=local(7, 30)))
    await report(offline.services, a[0].id, local(8), 100)
    await report(offline.services, a[0].id, local(9), 200)
    await report(offline.services, a[0].id, local(9), 210)  # a correction: the later row is current
    await report(offline.services, a[1].id, local(8), 90)  # missing at 09:00
    await report(offline.services, a[2].id, local(8), 300)
    await report(offline.services, a[2].id, local(9), 450)
    await offline.clock(local(9, 10))
    return world


async def test_summary_numbers_at_every_level(offline: Driver) -> None:
    await _crafted(offline)
    text = texts(await offline.say(DISTRICT_CHAIR, "/tonghop"))
    assert "Tổng hợp: huyện Chợ Đồn" in text and "Số liệu đến 09:00 ngày 23/5/2021" in text
    assert "Tổng số cử tri: <b>2.610</b>" in text
    assert "Đã bỏ phiếu: <b>750</b>, tỉ lệ <b>28,74%</b>" in text  # 750 / 2610
    assert "Khu vực đã báo cáo lúc 09:00: <b>2/4</b>, chưa báo cáo: <b>2</b>" in text
    lowest = text.split("thấp nhất:")[1]
    assert lowest.index("thị trấn Bằng Lũng: 23,68% (450/1.900)") < lowest.index("xã Đồng Lạc: 42,25% (300/710)")

    text = texts(await offline.say(PROVINCE_CHAIR, "/tonghop"))
    assert "Tổng hợp: tỉnh Bắc Kạn" in text and "<b>2.610</b>" in text and "<b>28,74%</b>" in text

    events = await offline.say(C1_CHAIR, "/tonghop")
    text = texts(events)
    assert "Tổng hợp: xã Đồng Lạc" in text and "<b>710</b>" in text and "<b>300</b>" in text and "42,25%" in text
    assert "Khu vực bỏ phiếu số 2 (C1-02): 30,00% (90/300) — chưa báo cáo 1 khu vực" in text
    assert "Khu vực bỏ phiếu số 1 (C1-01): 51,22% (210/410)" in text
    assert "Khu vực bỏ phiếu số 1 (C1-01) · 51,22%" in buttons(events)
    assert "C2" not in text


async def test_drill_down_area_detail_and_chart(offline: Driver) -> None:
    await _crafted(offline)
    await offline.say(DISTRICT_CHAIR, "/tonghop")
    events = await offline.press(DISTRICT_CHAIR, "thị trấn Bằng Lũng · 23,68%")
    text = texts(events)
    assert events[-1]["method"] == "editMessageText"
    assert "Tổng hợp: thị trấn Bằng Lũng" in text and "<b>1.900</b>" in text and "⬆ Lên cấp trên" in buttons(events)
    events = await offline.press(DISTRICT_CHAIR, "Khu vực bỏ phiếu số 1 (C2-01) · 50,00%")
    text = texts(events)
    assert "C2-01" in text and "• 08:00: 300 (33,33%)" in text and "• 09:00: 450 (50,00%)" in text
    events = await offline.press(DISTRICT_CHAIR, "⬆ Về thị trấn Bằng Lũng")
    assert "Tổng hợp: thị trấn Bằng Lũng" in texts(events)

    mark = len(offline.emulator.outgoing())
    await offline.say(C1_CHAIR, "/tonghop")
    await offline.press(C1_CHAIR, "📊 Biểu đồ")
    photos = [e for e in offline.emulator.outgoing(since=mark) if e.method == "sendPhoto"]
    assert len(photos) == 1 and photos[0].chat_id == C1_CHAIR
    data = photos[0].file.data
    assert data.startswith(PNG)
    from PIL import Image  # matplotlib depends on Pillow

    assert Image.open(io.BytesIO(data)).size == (1000, 700)
    assert "xã Đồng Lạc" in (photos[0].text or "")


async def test_chair_cannot_drill_outside_their_unit(offline: Driver) -> None:
    world = await _crafted(offline)
    await offline.say(C1_CHAIR, "/tonghop")
    mark = len(offline.emulator.calls)
    for data in (
        f"sumu:{world.c2.id}:0",
        f"sumu:{world.se.district.id}:0",
        f"suma:{world.se.areas[2].id}",
        f"sumc:{world.c2.id}",
        "sumu:abc:0",
        f"sumu:{world.c1.id}",
    ):
        events = await offline.press_data(C1_CHAIR, data)
        assert not [e for e in events if e["method"] in ("sendMessage", "editMessageText", "sendPhoto")], data
    answers = [c for c in offline.emulator.calls[mark:] if c.method == "answerCallbackQuery"]
    assert len(answers) == 6 and all("không còn hiệu lực" in c.params.get("text", "") for c in answers)
    audits = await rows(offline.services, AuditLog, AuditLog.action == "button_refused")
    assert len(audits) == 6
    # a voter is no chair at all
    text = texts(await offline.say(9001, "/tonghop"))
    assert "dành cho Chủ tịch Ủy ban bầu cử" in text


async def test_export_xlsx_is_limited_to_the_jurisdiction(offline: Driver) -> None:
    from openpyxl import load_workbook

    world = await _crafted(offline)
    async with offline.services.sessionmaker() as s, s.begin():
        for i, area in enumerate(world.se.areas[:3]):
            s.add(
                Incident(
                    ref=f"SC-{i}",
                    polling_area_id=area.id,
                    category="other",
                    description=f"mô tả {i}",
                    created_at=local(9, 5),
                )
            )
    await sheet(offline.services, world, "district", 0, (410, 400, 390, 10), [300, 200, 100, 50], status="superseded")
    await sheet(offline.services, world, "district", 0, (410, 400, 390, 10), [301, 200, 100, 50], version=2)
    await sheet(offline.services, world, "district", 2, (900, 890, 880, 10), [500, 400, 300, 200])
    mark = len(offline.emulator.outgoing())
    await offline.say(C1_CHAIR, "/xuat")
    docs = [e for e in offline.emulator.outgoing(since=mark) if e.method == "sendDocument"]
    assert len(docs) == 1 and docs[0].document.endswith(".xlsx") and docs[0].document.startswith("baucu-C1-")
    wb = load_workbook(io.BytesIO(docs[0].file.data))
    assert wb.sheetnames == ["Báo cáo cử tri", "Sự cố", "Biên bản kiểm phiếu", "Số phiếu bầu"]
    checkins = list(wb["Báo cáo cử tri"].iter_rows(min_row=2, values_only=True))
    assert len(checkins) == 4 and {r[1] for r in checkins} == {"C1-01", "C1-02"}
    current = [(r[1], r[4], r[9]) for r in checkins if r[3].hour == 9]
    assert current == [("C1-01", 200, "Không"), ("C1-01", 210, "Có")]
    incidents = list(wb["Sự cố"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[0] for r in incidents) == ["SC-0", "SC-1"]
    sheets_ = list(wb["Biên bản kiểm phiếu"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5], r[6]) for r in sheets_] == [("C1-01", 1, "Đã được thay thế"), ("C1-01", 2, "Đã khóa")]
    votes = list(wb["Số phiếu bầu"].iter_rows(min_row=2, values_only=True))
    assert len(votes) == 8 and {r[1] for r in votes} == {"C1-01"}

    mark = len(offline.emulator.outgoing())
    await offline.say(C2_CHAIR, "/xuat")
    doc = next(e for e in offline.emulator.outgoing(since=mark) if e.method == "sendDocument")
    wb = load_workbook(io.BytesIO(doc.file.data))
    assert {r[1] for r in wb["Báo cáo cử tri"].iter_rows(min_row=2, values_only=True)} == {"C2-01"}
    assert len(list(wb["Số phiếu bầu"].iter_rows(min_row=2, values_only=True))) == 4


async def test_cli_export_xlsx_and_csv(offline: Driver, tmp_path: Path) -> None:
    import argparse
    import csv

    from openpyxl import load_workbook

    from bot.cli import CliError
    from bot.cli_chair import cmd_export

    await _crafted(offline)
    settings = offline.services.settings
    out = tmp_path / "all.xlsx"
    assert await cmd_export(argparse.Namespace(unit="P1", format="xlsx", out=str(out), lang="vi"), settings) == 0
    wb = load_workbook(out)
    assert len(list(wb["Báo cáo cử tri"].iter_rows(min_row=2))) == 6
    folder = tmp_path / "c2"
    assert await cmd_export(argparse.Namespace(unit="C2", format="csv", out=str(folder), lang="en"), settings) == 0
    with (folder / "checkins.csv").open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0][0] == "Commune" and len(table) == 3 and {r[1] for r in table[1:]} == {"C2-01"}
    assert (folder / "incidents.csv").exists() and (folder / "count_sheets.csv").exists()
    with pytest.raises(CliError, match="no unit with code 'XX'"):
        await cmd_export(argparse.Namespace(unit="XX", format="xlsx", out=None, lang="vi"), settings)
