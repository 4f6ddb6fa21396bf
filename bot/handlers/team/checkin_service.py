"""Turnout check-ins: the figure of each hour slot, voters added on the day, the final figure and closing.

Rows are never updated: a correction inserts a new ``TurnoutReport`` pointing at the one it corrects
(``supersedes_id``); the current figure of a slot is its newest row. Closing adds an ``AreaClosure`` row; a
corrected final figure adds another one (the newest is in force) and needs a reason (kept in ``audit_log``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.callbacks import encode
from bot.domain.problems import Problem, errors
from bot.domain.slots import slot_for_report
from bot.domain.team_checkin import (
    Report,
    after,
    before,
    check_against_later,
    current_by_slot,
    curve,
    slot_token,
)
from bot.domain.turnout import MAX_COUNT, expected_pace, parse_count, turnout_percent, validate_report
from bot.turn import Button, Turn, esc
from db.models import AreaClosure, PollingArea, TurnoutReport, VoterListAddition
from db.queries.team import area_day, area_reports

from .common import Day, area_name, election_day, is_member, refuse_area, render, slot_of

MAX_ADDED = 10_000
MIN_REASON = 3


@dataclass
class AreaDay:
    """An area on election day: its figures so far."""

    area: PollingArea
    day: Day
    added: int
    current: dict[datetime, Report]
    closure: AreaClosure | None

    @property
    def registered(self) -> int:
        """Effective registered voters: the official list plus voters added on the day."""
        return self.area.registered_voters + self.added


async def load_area_day(t: Turn, area_id: int) -> AreaDay | None:
    loaded = await area_day(t.session, area_id)
    if loaded is None:
        return None
    area, election, added, closure = loaded
    rows = await area_reports(t.session, area_id)
    current = current_by_slot(Report(r.id, r.slot_at, r.voted, r.reported_at, r.supersedes_id) for r in rows)
    return AreaDay(area, election_day(election), added, current, closure)


async def _authorized(t: Turn, area_id: int, what: str) -> AreaDay | None:
    if not await is_member(t, area_id):
        await refuse_area(t, area_id, what)
        await t.clear_state()
        return None
    ad = await load_area_day(t, area_id)
    if ad is None:
        await refuse_area(t, area_id, what)
    return ad


def _tools(t: Turn, area_id: int) -> list[list[Button]]:
    return [
        [
            Button(t._("📈 Xem diễn biến"), encode("ci_curve", area_id)),
            Button(t._("➕ Bổ sung cử tri"), encode("ci_add", area_id)),
        ]
    ]


def _slot_now(t: Turn, ad: AreaDay) -> datetime | None:
    return slot_for_report(t.now, ad.day.slots)


# --- asking for a figure ---------------------------------------------------------------------------------------


async def ask_report(t: Turn, area_id: int, slot: datetime | None = None) -> None:
    """Ask for the figure of ``slot`` (default: the slot a report sent now is for); a bare number then answers."""
    ad = await _authorized(t, area_id, "report")
    if ad is None:
        return
    if ad.closure is not None and slot is None:
        await _closed(t, ad)
        return
    chosen = slot is not None
    slot = slot or _slot_now(t, ad)
    if slot is None:
        t.reply(
            t._("Chưa đến giờ báo cáo. Mốc báo cáo đầu tiên là {time} ngày {date}; tôi sẽ nhắc bạn lúc đó.").format(
                time=t.tr.time(ad.day.slots[0]), date=t.tr.date(ad.day.slots[0])
            )
        )
        return
    await t.set_state("checkin", step="value", area=area_id, slot=slot.isoformat(), chosen=chosen)
    final = slot == ad.day.closes
    lines = [f"<b>{area_name(ad.area)}</b>"]
    if final:
        lines.append(
            t._(
                "Đã hết giờ bỏ phiếu. Vui lòng gõ <b>tổng số cử tri đã bỏ phiếu cả ngày</b> (số cuối cùng) để kết "
                "thúc bỏ phiếu tại khu vực, ví dụ: 395."
            )
        )
    else:
        lines.append(
            t._(
                "Vui lòng gõ số cử tri đã bỏ phiếu <b>tính đến {time}</b> (cộng dồn từ lúc bắt đầu), ví dụ: 350."
            ).format(time=t.tr.time(slot))
        )
    existing = ad.current.get(slot)
    if existing is not None:
        lines.append(
            t._("Mốc {time} đã có số {value}; nếu bạn gõ số mới, số đó sẽ thay thế (số cũ vẫn được lưu).").format(
                time=t.tr.time(slot), value=t.tr.number(existing.voted)
            )
        )
    previous = before(ad.current, slot)
    if previous is not None:
        lines.append(
            t._("Lần báo cáo trước: {value} người (mốc {time}).").format(
                value=t.tr.number(previous.voted), time=t.tr.time(previous.slot)
            )
        )
    lines.append(_registered_line(t, ad))
    buttons = _tools(t, area_id)
    missed = [s for s in ad.day.slots if s < slot and s not in ad.current]
    for s in missed[-3:]:
        buttons.append(
            [
                Button(
                    t._("Báo cáo bổ sung cho mốc {time}").format(time=t.tr.time(s)),
                    encode("ci_slot", area_id, slot_token(s)),
                )
            ]
        )
    t.reply("\n".join(lines), buttons)


def _registered_line(t: Turn, ad: AreaDay) -> str:
    if ad.added:
        return t._("Tổng số cử tri: {total} ({official} theo danh sách và {added} bổ sung trong ngày).").format(
            total=t.tr.number(ad.registered),
            official=t.tr.number(ad.area.registered_voters),
            added=t.tr.number(ad.added),
        )
    return t._("Tổng số cử tri theo danh sách: {total}.").format(total=t.tr.number(ad.registered))


async def _closed(t: Turn, ad: AreaDay) -> None:
    assert ad.closure is not None
    t.reply(
        t._(
            "{area} đã kết thúc bỏ phiếu lúc {time} với số cuối cùng là {value} cử tri. Nếu số này sai, "
            "bấm “Sửa số cuối cùng” (cần ghi rõ lý do)."
        ).format(
            area=area_name(ad.area), time=t.tr.time(ad.closure.closed_at), value=t.tr.number(ad.closure.final_voted)
        ),
        [
            [Button(t._("✏️ Sửa số cuối cùng"), encode("ci_fixfinal", ad.area.id))],
            [Button(t._("📝 Nhập biên bản kiểm phiếu"), encode("cs_area", ad.area.id))],
        ],
    )


# --- receiving a figure ----------------------------------------------------------------------------------------


async def typed_value(t: Turn, area_id: int, text: str, slot_raw: object = None, *, chosen: bool = False) -> None:
    """A number typed by a team member (``/baocao N`` or a bare number the bot asked for)."""
    ad = await _authorized(t, area_id, "report")
    if ad is None:
        return
    slot = slot_of(slot_raw, ad.day)
    value = parse_count(text)
    if isinstance(value, Problem):
        await t.set_state("checkin", step="value", area=area_id, slot=slot.isoformat() if slot else None, chosen=chosen)
        t.reply(render(t, value) + "\n" + t._("Gõ /huy nếu bạn muốn dừng báo cáo."))
        return
    now_slot = _slot_now(t, ad)
    if slot is not None and now_slot is not None and slot < now_slot and not chosen and ad.closure is None:
        # asked for an earlier hour, answered now: which hour is the figure for?
        t.reply(
            t._("Số {value} là số cử tri đã bỏ phiếu tính đến mốc giờ nào?").format(value=t.tr.number(value)),
            [
                [
                    Button(t.tr.time(slot), encode("ci_val", area_id, slot_token(slot), value, 0)),
                    Button(t.tr.time(now_slot), encode("ci_val", area_id, slot_token(now_slot), value, 0)),
                ]
            ],
        )
        return
    await submit(t, ad, value, slot, confirmed=False)


async def submit(
    t: Turn, ad: AreaDay, value: int, slot: datetime | None, *, confirmed: bool, reason: str | None = None
) -> bool:
    """Validate and store a figure; True if stored. Errors are explained, unusual figures asked to confirm."""
    area_id = ad.area.id
    if slot is None:
        slot = _slot_now(t, ad)
    if slot is None:
        t.reply(
            t._("Chưa đến giờ báo cáo. Mốc báo cáo đầu tiên là {time} ngày {date}; tôi sẽ nhắc bạn lúc đó.").format(
                time=t.tr.time(ad.day.slots[0]), date=t.tr.date(ad.day.slots[0])
            )
        )
        await t.clear_state()
        return False
    now_slot = _slot_now(t, ad)
    if now_slot is None or slot > now_slot:
        # a figure for an hour that has not come yet (an old or forged button)
        await t.audit("team_refused", area_id=area_id, what="future_slot", slot=slot.isoformat())
        t.reply(t._("Chưa đến mốc {time}, nên chưa thể báo cáo cho mốc này.").format(time=t.tr.time(slot)))
        await t.clear_state()
        return False
    final = slot == ad.day.closes
    if ad.closure is not None and reason is None:
        await _closed(t, ad)
        await t.clear_state()
        return False
    same = ad.current.get(slot)
    if same is not None and same.voted == value and reason is None:
        await t.clear_state()
        t.reply(
            t._("Số {value} của mốc {time} đã được ghi nhận rồi.").format(
                value=t.tr.number(value), time=t.tr.time(slot)
            )
        )
        return False
    previous = before(ad.current, slot)
    history = [(s, r.voted) for s, r in ad.current.items() if s < slot]
    pace = expected_pace(history, registered=ad.registered, opens=ad.day.opens, closes=ad.day.closes)
    problems = validate_report(
        value,
        registered=ad.registered,
        previous=previous.voted if previous else None,
        previous_slot=previous.slot if previous else None,
        slot=slot,
        pace_per_hour=pace,
        voting_start=ad.day.opens,
        final=final,
        confirmed=confirmed,
    )
    problems = check_against_later(value, after(ad.current, slot)) + problems
    state = {"step": "value", "area": area_id, "slot": slot.isoformat(), "chosen": True}
    if reason is not None:
        state = {"step": "fixvalue", "area": area_id, "reason": reason}
    if errors(problems):
        await t.set_state("checkin", **state, pending=value)
        lines = ["⚠️ " + render(t, p) for p in errors(problems)]
        lines.append(t._("Vui lòng gõ lại số đúng, hoặc gõ /huy để dừng."))
        buttons = []
        if any(p.code == "above_registered" for p in problems):
            buttons.append([Button(t._("➕ Bổ sung cử tri vào danh sách"), encode("ci_add", area_id))])
        t.reply("\n".join(lines), buttons or None)
        return False
    if problems:  # only questions to confirm remain
        await t.set_state("checkin", **state)
        lines = ["❓ " + render(t, p) for p in problems]
        t.reply(
            "\n".join(lines),
            [
                [
                    Button(
                        t._("✅ Đúng, gửi số {value}").format(value=t.tr.number(value)),
                        encode("ci_val", area_id, slot_token(slot), value, 1),
                    )
                ],
                [Button(t._("✏️ Gõ lại số khác"), encode("ci_retype", area_id))],
            ],
        )
        return False
    await _store(t, ad, value, slot, final=final, confirmed=confirmed, reason=reason)
    return True


async def _store(
    t: Turn, ad: AreaDay, value: int, slot: datetime, *, final: bool, confirmed: bool, reason: str | None
) -> None:
    old = ad.current.get(slot)
    row = TurnoutReport(
        polling_area_id=ad.area.id,
        slot_at=slot,
        voted=value,
        reported_at=t.now,
        reporter_id=t.user.id,
        supersedes_id=old.id if old else None,
        is_final=final,
        confirmed=confirmed,
        source="bot",
    )
    t.session.add(row)
    await t.session.flush()
    if old is not None:
        await t.audit(
            "turnout_corrected",
            area_id=ad.area.id,
            slot=slot.isoformat(),
            old=old.voted,
            new=value,
            report_id=row.id,
            reason=reason,
        )
    await t.clear_state()
    share = t.tr.percent(turnout_percent(value, ad.registered))
    lines: list[str] = []
    if old is not None:
        lines.append(
            t._("✅ Đã sửa số của mốc {time}: {old} → {new} cử tri ({share}). Số cũ vẫn được lưu lại.").format(
                time=t.tr.time(slot), old=t.tr.number(old.voted), new=t.tr.number(value), share=share
            )
        )
    else:
        lines.append(
            t._("✅ Đã ghi nhận: {value} cử tri đã bỏ phiếu tính đến {time}, đạt {share} tổng số cử tri.").format(
                value=t.tr.number(value), time=t.tr.time(slot), share=share
            )
        )
    if slot != slot_for_report(t.now, ad.day.slots):
        lines.append(
            t._("Báo cáo này được ghi cho mốc {slot}, nhận lúc {arrived}.").format(
                slot=t.tr.time(slot), arrived=t.tr.time(t.now)
            )
        )
    buttons = _tools(t, ad.area.id)
    if final:
        ad.current[slot] = Report(row.id, slot, value, t.now, row.supersedes_id)
        closure = AreaClosure(polling_area_id=ad.area.id, final_voted=value, closed_at=t.now, closed_by=t.user.id)
        t.session.add(closure)
        await t.session.flush()
        await t.audit("area_closed", area_id=ad.area.id, final=value, report_id=row.id, reason=reason)
        lines.append(
            t._(
                "🔒 {area} đã kết thúc bỏ phiếu với số cuối cùng {value} cử tri ({share}). Bước tiếp theo: "
                "kiểm phiếu, rồi nhập biên bản kết quả kiểm phiếu bằng lệnh /bienban."
            ).format(area=area_name(ad.area), value=t.tr.number(value), share=share)
        )
        buttons = [[Button(t._("📝 Nhập biên bản kiểm phiếu"), encode("cs_area", ad.area.id))], *buttons]
    t.reply("\n".join(lines), buttons)


# --- the final figure after closing ----------------------------------------------------------------------------


async def ask_fix_final(t: Turn, area_id: int) -> None:
    ad = await _authorized(t, area_id, "fix_final")
    if ad is None:
        return
    if ad.closure is None:
        await ask_report(t, area_id)
        return
    await t.set_state("checkin", step="fixreason", area=area_id)
    t.reply(
        t._("Số cuối cùng hiện là {value}. Vì sao cần sửa? Vui lòng gõ lý do (ví dụ: đếm lại sổ ký nhận).").format(
            value=t.tr.number(ad.closure.final_voted)
        )
    )


# --- voters added on the day -----------------------------------------------------------------------------------


async def ask_addition(t: Turn, area_id: int) -> None:
    ad = await _authorized(t, area_id, "add_voters")
    if ad is None:
        return
    pending = t.state.get("pending") if t.state.get("area") == area_id else None
    slot = t.state.get("slot") if t.state.get("area") == area_id else None
    await t.set_state("checkin", step="addcount", area=area_id, pending=pending, slot=slot)
    t.reply(
        t._(
            "{registered}\nCó bao nhiêu cử tri được bổ sung vào danh sách trong ngày bầu cử? Gõ số người, ví dụ: 3."
        ).format(registered=_registered_line(t, ad))
    )


async def addition_count(t: Turn, area_id: int, text: str) -> None:
    value = parse_count(text, maximum=MAX_ADDED)
    if isinstance(value, Problem) or value == 0:
        message = render(t, value) if isinstance(value, Problem) else t._("Số người bổ sung phải lớn hơn 0.")
        t.reply(message + "\n" + t._("Gõ /huy nếu bạn muốn dừng."))
        return
    state = t.state
    await t.set_state(
        "checkin", step="addreason", area=area_id, added=value, pending=state.get("pending"), slot=state.get("slot")
    )
    t.reply(
        t._("Vui lòng gõ lý do bổ sung {n} cử tri (ví dụ: cử tri có giấy chứng nhận đi bầu cử nơi khác).").format(
            n=t.tr.number(value)
        )
    )


async def addition_reason(t: Turn, area_id: int, text: str) -> None:
    ad = await _authorized(t, area_id, "add_voters")
    if ad is None:
        return
    reason = " ".join(text.split())[:500]
    if len(reason) < MIN_REASON:
        t.reply(t._("Lý do quá ngắn. Vui lòng ghi rõ lý do bổ sung cử tri."))
        return
    state = t.state
    added = int(state.get("added") or 0)
    if not 0 < added <= MAX_ADDED:
        await t.clear_state()
        await ask_addition(t, area_id)
        return
    t.session.add(VoterListAddition(polling_area_id=area_id, added=added, reason=reason, user_id=t.user.id, at=t.now))
    await t.audit("voters_added", area_id=area_id, added=added, reason=reason)
    ad.added += added
    await t.clear_state()
    lines = [
        t._("✅ Đã bổ sung {n} cử tri. Lý do: {reason}.").format(n=t.tr.number(added), reason=esc(reason)),
        _registered_line(t, ad),
    ]
    pending = state.get("pending")
    buttons = None
    slot = slot_of(state.get("slot"), ad.day)
    if isinstance(pending, int) and 0 <= pending <= MAX_COUNT and slot is not None:
        buttons = [
            [
                Button(
                    t._("📨 Gửi lại số {value}").format(value=t.tr.number(pending)),
                    encode("ci_val", area_id, slot_token(slot), pending, 0),
                )
            ]
        ]
    t.reply("\n".join(lines), buttons)


# --- the area's curve ------------------------------------------------------------------------------------------


async def show_curve(t: Turn, area_id: int) -> None:
    ad = await _authorized(t, area_id, "curve")
    if ad is None:
        return
    rows = curve(ad.day.slots, ad.current, ad.registered, t.now)
    lines = [
        t._("📈 <b>Diễn biến số cử tri đã bỏ phiếu</b> — {area}").format(area=area_name(ad.area)),
        _registered_line(t, ad),
        "",
    ]
    lines.append("<pre>" + esc(t._("Mốc     Số người   Tỉ lệ")))
    for r in rows:
        if r.voted is None:
            lines.append(esc(f"{t.tr.time(r.slot)}   {'—':>8}   {'':>7}"))
        else:
            lines.append(esc(f"{t.tr.time(r.slot)}   {t.tr.number(r.voted):>8}   {t.tr.percent(r.share):>7}"))
    lines[-1] += "</pre>"
    if ad.closure is not None:
        lines.append(
            t._("🔒 Đã kết thúc bỏ phiếu với số cuối cùng {value}.").format(value=t.tr.number(ad.closure.final_voted))
        )
    t.reply("\n".join(lines))
    points = [(r.slot, r.voted) for r in rows if r.voted is not None]
    if points:
        from .chart import turnout_chart

        t.photo(
            turnout_chart(
                points,
                ad.registered,
                ad.day,
                title=f"{ad.area.name} ({ad.area.code})",
                ylabel=t._("Tỉ lệ cử tri đã bỏ phiếu (%)"),
            ),
            caption=t._("Biểu đồ tỉ lệ cử tri đã bỏ phiếu theo giờ."),
            filename="turnout.png",
        )


__all__ = [
    "AreaDay",
    "addition_count",
    "addition_reason",
    "ask_addition",
    "ask_fix_final",
    "ask_report",
    "load_area_day",
    "show_curve",
    "submit",
    "typed_value",
]
