"""End to end: polling teams joining, reporting turnout through election day, incidents, count sheets."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.console import offline_bot
from bot.domain.team_checkin import slot_token
from bot.handlers.team.join_service import create_invitations
from bot.runtime import Services
from db.models import (
    Alert,
    AreaClosure,
    AuditLog,
    CountSheet,
    CountSheetVote,
    Delivery,
    Incident,
    IncidentUpdate,
    Invitation,
    RoleAssignment,
    TurnoutReport,
    User,
    VoterListAddition,
)
from db.session import create_engine, create_sessionmaker
from tests.e2e import Driver, buttons, texts
from tests.factories import NOW, SmallElection, grant, make_election

pytestmark = pytest.mark.e2e
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(hhmm: str) -> str:
    return f"2021-05-23T{hhmm}:00+07:00"


def local(hhmm: str) -> datetime:
    return datetime.fromisoformat(at(hhmm))


async def election(offline: Driver, *members: tuple[int, int]) -> SmallElection:
    """The small election; ``members`` are (user id, area index) team roles."""
    async with offline.services.sessionmaker() as s, s.begin():
        se = await make_election(s)
        for user_id, area in members:
            await grant(s, user_id, "team", area=se.areas[area])
    for user_id in dict.fromkeys(u for u, _ in members):
        await offline.say(user_id, "/help")  # Telegram only delivers to users who have opened the chat
    return se


async def rows(offline: Driver, model, *where):  # type: ignore[no-untyped-def]
    async with offline.services.sessionmaker() as s:
        return list((await s.scalars(select(model).where(*where).order_by(model.id))).all())


# --- joining ---------------------------------------------------------------------------------------------------


async def test_join_with_start_link_and_join_command_in_both_languages(offline: Driver) -> None:
    async with offline.services.sessionmaker() as s, s.begin():
        se = await make_election(s)
        made = await create_invitations(
            s, role="team", area_id=se.areas[0].id, unit_id=None, count=3, expires_in=timedelta(days=1), now=NOW
        )
    codes = [c for c, _ in made]
    events = await offline.say(4001, f"/start {codes[0]}", name="Lan")
    text = texts(events)
    assert "Chào mừng bạn! Bạn đã là thành viên Tổ bầu cử của <b>Khu vực bỏ phiếu số 1 (C1-01)</b>, Đồng Lạc" in text
    assert "📊 Báo cáo số cử tri" in buttons(events)

    events = await offline.say(4002, f"/join {codes[1][:4].lower()}-{codes[1][4:8].lower()} {codes[1][8:]}", lang="en")
    assert "Welcome! You are now on the polling team of <b>Khu vực bỏ phiếu số 1 (C1-01)</b>" in texts(events)
    assert "📊 Report turnout" in buttons(events)

    # a used code, a wrong code, the user who already holds the role
    assert "đã được dùng" in texts(await offline.say(4003, f"/start {codes[0]}"))
    assert "is not valid" in texts(await offline.say(4004, "/join AAAA-BBBB-CC", lang="en"))
    already = texts(await offline.say(4001, f"/join {codes[2]}"))
    assert "Bạn đã là thành viên Tổ bầu cử" in already and "vẫn dùng được cho người khác" in already
    # /join alone asks for the code; the next message is the code
    assert "Vui lòng gõ mã mời" in texts(await offline.say(4005, "/join"))
    assert "Chào mừng bạn!" in texts(await offline.say(4005, codes[2]))
    # another /start payload is not taken for a code
    assert "Xin chào" in texts(await offline.say(4006, "/start area_12"))
    async with offline.services.sessionmaker() as s:
        holders = sorted(r.user_id for r in (await s.scalars(select(RoleAssignment))).all())
        assert holders == [4001, 4002, 4005]
        assert all(i.used_at is not None for i in (await s.scalars(select(Invitation))).all())


async def test_repeated_wrong_codes_must_wait(offline: Driver) -> None:
    await election(offline)
    for i in range(4):
        assert "không đúng" in texts(await offline.say(4010, f"/join ABCD-EFGH-J{i + 2}"))
    fifth = texts(await offline.say(4010, "/join ABCD-EFGH-JK"))
    assert "không đúng" in fifth and "đợi 15 phút" in fifth
    assert "đợi 15 phút" in texts(await offline.say(4010, "/start ABCDEFGHJM"))
    await offline.clock(at("06:10"))
    assert "đợi 5 phút" in texts(await offline.say(4010, "/join ABCD-EFGH-JN"))
    await offline.clock(at("06:15"))
    assert "không đúng" in texts(await offline.say(4010, "/join ABCD-EFGH-JP"))


async def test_voter_without_role_gets_the_join_explanation(offline: Driver) -> None:
    await election(offline)
    for command in ("/baocao 350", "/suco", "/bienban", "/bosung"):
        text = texts(await offline.say(4020, command))
        assert "dành cho thành viên Tổ bầu cử" in text and "/join" in text, command
    assert "for members of polling teams" in texts(await offline.say(4021, "/baocao", lang="en"))
    # a bare number from a voter is not taken for a report
    assert "Tổ bầu cử" not in texts(await offline.say(4020, "350"))
    assert await rows(offline, TurnoutReport) == []


# --- election day ----------------------------------------------------------------------------------------------


async def test_prompts_reports_validation_corrections_and_closing(offline: Driver) -> None:
    se = await election(offline, (4101, 0), (4102, 0), (4103, 1))
    area = se.areas[0]

    assert "Chưa đến giờ báo cáo" in texts(await offline.say(4101, "/baocao 50"))
    assert await offline.clock(at("07:59")) == []

    # 08:00: every member of every area is asked
    events = await offline.clock(at("08:00"))
    assert sorted(e["to"] for e in events) == [4101, 4102, 4103]
    assert all("tính đến 08:00" in e["text"] for e in events)
    assert buttons(events)[:2] == ["📊 Báo cáo số", "⚠️ Báo sự cố"]
    assert await offline.clock(at("08:14")) == []
    # after the grace period (15 minutes) those who have not reported are asked again, once
    events = await offline.clock(at("08:15"))
    assert sorted(e["to"] for e in events) == [4101, 4102, 4103]
    assert all("Nhắc lại" in e["text"] for e in events)
    assert await offline.clock(at("08:16")) == []

    # a jump far above the pace asks for confirmation; the value is re-validated on the press
    text = texts(await offline.say(4101, "/baocao 250"))
    assert "nhiều hơn hẳn mức thường thấy" in text
    events = await offline.press(4101, "✅ Đúng, gửi số 250")
    assert "Đã ghi nhận: 250 cử tri đã bỏ phiếu tính đến 08:00, đạt 62,50%" in texts(events)
    # reporting again for the same slot corrects it and keeps the history
    events = await offline.say(4102, "/baocao 120")
    assert "Đã sửa số của mốc 08:00: 250 → 120 cử tri (30,00%)" in texts(events)
    reports = await rows(offline, TurnoutReport, TurnoutReport.polling_area_id == area.id)
    assert [(r.voted, r.confirmed, r.reporter_id) for r in reports] == [(250, True, 4101), (120, False, 4102)]
    assert reports[1].supersedes_id == reports[0].id and reports[0].slot_at == reports[1].slot_at == local("08:00")
    assert await offline.clock(at("08:30")) == []  # no third prompt
    async with offline.services.sessionmaker() as s:
        keys = set(await s.scalars(select(Delivery.dedupe_key).where(Delivery.user_id == 4101)))
    assert keys == {f"prompt:{area.id}:20210523T0800:4101:1", f"prompt:{area.id}:20210523T0800:4101:2"}

    # 09:00: a bare number answers the prompt; everything unclear gets a question back
    events = await offline.clock(at("09:00"))
    assert {e["to"] for e in events} == {4101, 4102, 4103}
    for junk, expected in [
        ("abc", "chỉ gõ số người bằng chữ số"),
        ("35,5", "phải là số nguyên"),
        ("1.2.3", "Không đọc được con số này"),
        ("99999999999999", "quá lớn"),
        ("500", "lớn hơn tổng số cử tri trong danh sách của khu vực (400)"),
        ("100", "không thể nhỏ hơn lần báo cáo trước (120 người, lúc 08:00)"),
    ]:
        assert expected in texts(await offline.say(4102, junk)), junk
    assert await rows(offline, TurnoutReport, TurnoutReport.slot_at == local("09:00")) == []
    events = await offline.say(4102, "200")
    assert "Đã ghi nhận: 200 cử tri đã bỏ phiếu tính đến 09:00, đạt 50,00%" in texts(events)
    # the state is cleared: the next bare number is not a report
    assert "Đã ghi nhận" not in texts(await offline.say(4102, "210"))
    # 09:15: only the area that has not reported is asked again
    events = await offline.clock(at("09:15"))
    assert [e["to"] for e in events] == [4103]

    # a late report for a missed hour, chosen with a button
    await offline.clock(at("11:05"))
    events = await offline.say(4101, "/baocao")
    assert "Báo cáo bổ sung cho mốc 10:00" in buttons(events)
    await offline.press(4101, "Báo cáo bổ sung cho mốc 10:00")
    text = texts(await offline.say(4101, "260"))
    assert "260 cử tri đã bỏ phiếu tính đến 10:00" in text and "được ghi cho mốc 10:00, nhận lúc 11:05" in text
    [late] = await rows(offline, TurnoutReport, TurnoutReport.slot_at == local("10:00"))
    assert late.reported_at == local("11:05") and late.voted == 260

    # asked for 12:00, answered when a report would be for 13:00: which hour is it for?
    await offline.clock(at("12:00"))
    await offline.clock(at("12:55"))
    events = await offline.say(4101, "300")
    assert "mốc giờ nào" in texts(events) and buttons(events) == ["12:00", "13:00"]
    assert "300 cử tri đã bỏ phiếu tính đến 12:00" in texts(await offline.press(4101, "12:00"))
    # a late figure must not exceed a later one already sent
    events = await offline.say(4101, "/baocao")
    await offline.press(4101, "Báo cáo bổ sung cho mốc 11:00")
    assert "không thể lớn hơn số đã báo cáo cho mốc sau, lúc 12:00 (300)" in texts(await offline.say(4101, "310"))
    await offline.say(4101, "/huy")

    # above the list: raise the registered voters with a reason, then send the figure again
    await offline.clock(at("18:00"))
    text = texts(await offline.say(4101, "402"))
    assert "lớn hơn tổng số cử tri" in text
    await offline.press(4101, "➕ Bổ sung cử tri vào danh sách")
    assert "lý do" in texts(await offline.say(4101, "3"))
    events = await offline.say(4101, "Cử tri có giấy chứng nhận <đi bầu nơi khác>")
    assert "Đã bổ sung 3 cử tri. Lý do: Cử tri có giấy chứng nhận &lt;đi bầu nơi khác&gt;." in texts(events)
    assert "Tổng số cử tri: 403 (400 theo danh sách và 3 bổ sung trong ngày)" in texts(events)
    assert "Đã ghi nhận: 402 cử tri đã bỏ phiếu tính đến 18:00" in texts(await offline.press(4101, "📨 Gửi lại số 402"))
    [added] = await rows(offline, VoterListAddition)
    assert (added.added, added.user_id, added.polling_area_id) == (3, 4101, area.id)
    async with offline.services.sessionmaker() as s:
        from db.models import PollingArea

        official = await s.get(PollingArea, area.id)
        assert official is not None and official.registered_voters == 400  # never overwritten

    # the curve
    events = await offline.say(4102, "/bieudo")
    table = texts(events)
    # percentages of the registered voters now (403 with the additions)
    assert "08:00        120    29,78%" in table and "09:00        200    49,63%" in table
    assert "10:00        260    64,52%" in table and "11:00          —" in table
    assert any(e.get("photo") for e in events)

    # closing: the final figure
    events = await offline.clock(at("19:00"))
    assert {e["to"] for e in events} == {4101, 4102, 4103}
    assert all("đã hết giờ bỏ phiếu" in e["text"] for e in events)
    events = await offline.say(4101, "402")
    closing = [e for e in events if e["to"] == 4101]
    assert "đã kết thúc bỏ phiếu với số cuối cùng 402 cử tri (99,75%)" in texts(closing)
    assert "📝 Nhập biên bản kiểm phiếu" in buttons(closing)
    # the other member is asked for the count sheets at once; the one who closed already has the button
    others = [e for e in events if e["to"] != 4101]
    assert [e["to"] for e in others] == [4102] and "nhập biên bản" in others[0]["text"]
    [closure] = await rows(offline, AreaClosure)
    assert (closure.polling_area_id, closure.final_voted, closure.closed_by) == (area.id, 402, 4101)
    [final] = await rows(offline, TurnoutReport, TurnoutReport.is_final.is_(True))
    assert final.slot_at == local("19:00")
    # no second final prompt for the closed area; the other area, still open, is asked again
    events = await offline.clock(at("19:20"))
    assert [e["to"] for e in events] == [4103] and "đã hết giờ bỏ phiếu" in events[0]["text"]
    # after closing, a new figure needs an explicit correction with a reason
    text = texts(await offline.say(4102, "/baocao 403"))
    assert "đã kết thúc bỏ phiếu lúc 19:00 với số cuối cùng là 402" in text
    await offline.press(4102, "✏️ Sửa số cuối cùng")
    assert "Lý do quá ngắn" in texts(await offline.say(4102, "x"))
    await offline.say(4102, "Đếm lại sổ ký nhận")
    # the correction is validated like any figure: not below 18:00
    assert "không thể nhỏ hơn lần báo cáo trước (402 người, lúc 18:00)" in texts(await offline.say(4102, "401"))
    assert "Đã sửa số của mốc 19:00: 402 → 403" in texts(await offline.say(4102, "403"))
    closures = await rows(offline, AreaClosure)
    assert [c.final_voted for c in closures] == [402, 403]
    corrected = await rows(offline, AuditLog, AuditLog.action == "turnout_corrected")
    assert corrected[-1].detail["reason"] == "Đếm lại sổ ký nhận"


# --- incidents ---------------------------------------------------------------------------------------------------


async def test_incident_with_photo_and_location_alerts_every_committee_level(offline: Driver) -> None:
    se = await election(offline, (4301, 0))
    await offline.clock(at("09:10"))
    events = await offline.say(4301, "/suco")
    assert "⛈ Thời tiết, mất điện" in buttons(events) and len(buttons(events)) == 7
    assert "mô tả ngắn gọn" in texts(await offline.press(4301, "⛈ Thời tiết, mất điện"))
    events = await offline.say(4301, "Mất điện <b>toàn thôn</b>, đã dùng đèn pin")
    assert "Đã ghi nhận sự cố <b>SC-0001</b> lúc 09:10" in texts(events)
    assert "Đồng Lạc, Chợ Đồn, Bắc Kạn" in texts(events)
    assert "Đã thêm ảnh" in texts(await offline.photo(4301))
    assert "Đã thêm vị trí" in texts(await offline.location(4301, 22.2, 105.6))
    assert "đã được lưu" in texts(await offline.press(4301, "✔️ Xong"))

    [inc] = await rows(offline, Incident)
    assert (inc.ref, inc.category, inc.reporter_id, inc.polling_area_id) == ("SC-0001", "weather", 4301, se.areas[0].id)
    assert inc.description == "Mất điện <b>toàn thôn</b>, đã dùng đèn pin"
    assert inc.photo_file_id and (inc.latitude, inc.longitude) == (22.2, 105.6)
    assert inc.created_at == local("09:10") and inc.status == "open"
    alerts = await rows(offline, Alert)
    assert {a.unit_id for a in alerts} == {se.communes[0].id, se.district.id, se.province.id}
    for a in alerts:
        assert a.dedupe_key == f"incident:{inc.id}:{a.unit_id}" and a.kind == "incident" and a.level == 0
        assert (a.incident_id, a.polling_area_id, a.due_at) == (inc.id, se.areas[0].id, local("09:10"))
        assert a.params["category"] == "weather" and a.params["ref"] == "SC-0001"

    # the list escapes what the team typed; updates and resolution
    events = await offline.say(4301, "/suco")
    assert "&lt;b&gt;toàn thôn&lt;/b&gt;" in texts(events)
    await offline.press(4301, "➕ Cập nhật SC-0001")
    assert "Đã cập nhật sự cố SC-0001" in texts(await offline.say(4301, "Đã có điện lại"))
    await offline.clock(at("10:00"))
    assert "đã xử lý lúc 10:00" in texts(await offline.press(4301, "✅ Đã xử lý SC-0001"))
    updates = await rows(offline, IncidentUpdate)
    assert [(u.kind, u.text) for u in updates] == [("update", "Đã có điện lại"), ("resolved", "")]
    [inc] = await rows(offline, Incident)
    assert inc.status == "resolved" and inc.resolved_by == 4301 and inc.resolved_at == local("10:00")
    # English
    await grant_lang(offline, 4301, "en")
    events = await offline.say(4301, "/suco")
    assert "⛈ Weather or power cut" in buttons(events) and "Report a new incident" in texts(events)


async def grant_lang(offline: Driver, user_id: int, lang: str) -> None:
    async with offline.services.sessionmaker() as s, s.begin():
        user = await s.get(User, user_id)
        assert user is not None
        user.language, user.language_chosen = lang, True


# --- count sheets ------------------------------------------------------------------------------------------------


async def close_area(offline: Driver, se: SmallElection, area: int, final: int, user_id: int) -> None:
    async with offline.services.sessionmaker() as s, s.begin():
        s.add(
            TurnoutReport(
                polling_area_id=se.areas[area].id,
                slot_at=local("19:00"),
                voted=final,
                reported_at=local("19:00"),
                reporter_id=user_id,
                is_final=True,
            )
        )
        s.add(
            AreaClosure(
                polling_area_id=se.areas[area].id, final_voted=final, closed_at=local("19:00"), closed_by=user_id
            )
        )


async def test_count_sheet_entry_lock_restart_and_correction(offline: Driver) -> None:
    se = await election(offline, (4401, 0))
    assert "sau khi kết thúc bỏ phiếu" in texts(await offline.say(4401, "/bienban"))
    await close_area(offline, se, 0, 395, 4401)
    await offline.clock(at("19:40"))
    events = await offline.say(4401, "/bienban")
    assert texts(events).count("chưa nhập") == 4
    assert buttons(events)[0] == "➕ 1. Quốc hội"
    events = await offline.press(4401, "➕ 1. Quốc hội")
    assert "Bước 1/11: <b>Tổng số cử tri của khu vực bỏ phiếu</b>" in texts(events)
    steps = [
        ("400", "Bước 2/11"),
        ("395", "Bước 3/11"),
        ("395", "Bước 4/11"),
        ("400", "Số phiếu thu vào (400) không được lớn hơn số phiếu phát ra (395)"),
        ("395", "Bước 5/11"),
        ("390", "Bước 6/11"),
        ("10", "(390 + 10 = 400) phải bằng số phiếu thu vào (395)"),
        ("abc", "chỉ gõ số người bằng chữ số"),
        ("5", "Bước 7/11: <b>Số phiếu bầu cho 1. Nguyễn Văn An</b>"),
        ("391", "Số phiếu bầu cho Nguyễn Văn An (391) không được lớn hơn số phiếu hợp lệ (390)"),
        ("300", "Bước 8/11"),
        ("200", "Bước 9/11"),
        ("100", "Bước 10/11"),
        ("50", "Bước 11/11: <b>Số phiếu bầu cho 5. Triệu Văn Én</b>"),
    ]
    for value, expected in steps:
        assert expected in texts(await offline.say(4401, value)), value
    events = await offline.say(4401, "20")
    summary = texts(events)
    assert (
        "Kiểm tra lại biên bản" in summary and "98,75%" in summary and "Nguyễn Văn An: <b>300</b> (76,92%)" in summary
    )
    assert buttons(events) == ["✅ Xác nhận và khóa", "✏️ Sửa một số", "❌ Hủy"]
    # "Sửa một số": pick a field and re-enter it
    await offline.press(4401, "✏️ Sửa một số")
    await offline.press(4401, "5. Triệu Văn Én: 20")
    assert "Kiểm tra lại biên bản" in texts(await offline.say(4401, "25"))
    assert "Đã khóa biên bản" in texts(await offline.press(4401, "✅ Xác nhận và khóa"))
    [sheet] = await rows(offline, CountSheet)
    assert (sheet.status, sheet.version, sheet.locked_by) == ("locked", 1, 4401)
    assert (
        sheet.total_voters,
        sheet.voted,
        sheet.ballots_issued,
        sheet.ballots_received,
        sheet.valid,
        sheet.invalid,
    ) == (
        400,
        395,
        395,
        395,
        390,
        5,
    )
    votes = await rows_votes(offline, sheet.id)
    assert sorted(votes.values()) == [25, 50, 100, 200, 300]

    # a second contest, interrupted by a restart: the entry continues from the database
    events = await offline.say(4401, "/bienban")
    assert "đã khóa lúc 19:40" in texts(events)
    await offline.press(4401, "➕ 2. HĐND tỉnh Bắc Kạn")
    for value in ("400", "395", "395"):
        await offline.say(4401, value)
    old = offline.services
    fresh = Services(
        settings=old.settings, clock=old.clock, engine=create_engine(old.settings.database_url), sessionmaker=None
    )  # type: ignore[arg-type]
    fresh.sessionmaker = create_sessionmaker(fresh.engine)
    async with offline_bot(fresh, offline.bot.clock) as restarted:  # a new process: nothing in memory
        again = Driver(restarted)
        assert "Bước 5/10: <b>Số phiếu hợp lệ</b>" in texts(await again.say(4401, "395"))
    drafts = await rows(offline, CountSheet, CountSheet.status == "draft")
    assert [(d.ballots_received, d.valid) for d in drafts] == [(395, None)]

    # a correction after locking needs a reason and keeps the old version
    await offline.say(4401, "/huy")
    await offline.say(4401, "/bienban")
    events = await offline.press(4401, "🔒 1. Quốc hội")
    assert "Biên bản đã khóa lúc 19:40 23/5/2021 (phiên bản 1)" in texts(events)
    await offline.press(4401, "✏️ Sửa biên bản đã khóa")
    assert "Lý do quá ngắn" in texts(await offline.say(4401, "ab"))
    events = await offline.say(4401, "Kiểm lại phiếu của ông An")
    assert "phiên bản 2" in texts(events)
    await offline.press(4401, "1. Nguyễn Văn An: 300")
    assert "Lý do sửa: Kiểm lại phiếu của ông An" in texts(await offline.say(4401, "290"))
    await offline.press(4401, "✅ Xác nhận và khóa")
    sheets = await rows(offline, CountSheet, CountSheet.contest_id == sheet.contest_id)
    assert [(s.version, s.status) for s in sheets] == [(1, "superseded"), (2, "locked")]
    assert sheets[1].supersedes_id == sheets[0].id and sheets[1].correction_reason == "Kiểm lại phiếu của ông An"
    assert sorted((await rows_votes(offline, sheets[0].id)).values()) == [25, 50, 100, 200, 300]
    assert sorted((await rows_votes(offline, sheets[1].id)).values()) == [25, 50, 100, 200, 290]


async def rows_votes(offline: Driver, sheet_id: int) -> dict[int, int]:
    async with offline.services.sessionmaker() as s:
        return {
            v.candidate_id: v.votes
            for v in (await s.scalars(select(CountSheetVote).where(CountSheetVote.sheet_id == sheet_id)))
        }


# --- permissions -------------------------------------------------------------------------------------------------


async def test_forged_buttons_and_other_areas_are_refused_and_audited(offline: Driver) -> None:
    se = await election(offline, (4501, 0), (4502, 1))
    other = se.areas[1].id
    await offline.clock(at("08:05"))
    await offline.say(4501, "/baocao 100")
    mark = len(offline.emulator.calls)
    tok = slot_token(local("08:00"))
    for data in (
        f"ci_val:{other}:{tok}:100:0",
        f"ci_val:{se.areas[0].id}:{tok}:999999999:0",
        f"ci_val:{se.areas[0].id}:{int(tok) + 1}:100:0",
        f"cs_area:{other}",
        f"inc_cat:{se.areas[0].id}:nonsense",
        f"tm_pick:report:{other}",
        "ci_val:abc",
    ):
        await offline.press_data(4501, data)
    answers = [c for c in offline.emulator.calls[mark:] if c.method == "answerCallbackQuery"]
    assert len(answers) == 7 and all("không còn hiệu lực" in (c.params.get("text") or "") for c in answers)
    refused = await rows(offline, AuditLog, AuditLog.action == "button_refused")
    assert len(refused) == 7 and {r.user_id for r in refused} == {4501}
    # a command for another area
    text = texts(await offline.say(4501, "/baocao C1-02 50"))
    assert "không phải là thành viên Tổ bầu cử của khu vực này" in text
    [logged] = await rows(offline, AuditLog, AuditLog.action == "team_refused")
    assert logged.detail["area_id"] == other
    assert [r.voted for r in await rows(offline, TurnoutReport, TurnoutReport.polling_area_id == other)] == []
    # the member of that area can, with the code too
    assert "Đã ghi nhận: 50 cử tri" in texts(await offline.say(4502, "/baocao C1-02 50"))
    # a role revoked in the middle of a flow stops it
    await offline.say(4501, "/baocao")
    async with offline.services.sessionmaker() as s, s.begin():
        ra = await s.scalar(select(RoleAssignment).where(RoleAssignment.user_id == 4501))
        assert ra is not None
        ra.revoked_at = local("08:06")
    assert "không phải là thành viên" in texts(await offline.say(4501, "120"))
    assert [r.voted for r in await rows(offline, TurnoutReport, TurnoutReport.polling_area_id == se.areas[0].id)] == [
        100
    ]


async def test_member_of_two_areas_chooses_and_english_texts(offline: Driver) -> None:
    se = await election(offline, (4601, 0), (4601, 1))
    await grant_lang(offline, 4601, "en")
    events = await offline.clock(at("08:00"))
    assert len(events) == 2 and all("please report the number of voters" in e["text"] for e in events)
    events = await offline.say(4601, "/baocao 80")
    assert "Which area" in texts(events) and buttons(events) == [
        "Khu vực bỏ phiếu số 1 (C1-01)",
        "Khu vực bỏ phiếu số 2 (C1-02)",
    ]
    events = await offline.press(4601, "Khu vực bỏ phiếu số 2 (C1-02)")
    assert "Recorded: 80 voters had voted by 08:00, 26.67% of all registered voters." in texts(events)
    [report] = await rows(offline, TurnoutReport)
    assert report.polling_area_id == se.areas[1].id
    await offline.say(4601, "/bienban")
    events = await offline.press(4601, "Khu vực bỏ phiếu số 1 (C1-01)")
    assert "Count sheets are entered after voting closes (19:00)" in texts(events)
